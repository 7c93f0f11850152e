/*
 * trap_illegal: the all-zero 16-bit parcel is the defined illegal
 * instruction: SIGILL.
 * The harness compares the exit status (128 + signal) with qemu-riscv64's.
 */
#include <unistd.h>

int main(void)
{
	write(1, "before the trap\n", 16);
	asm volatile(".2byte 0");
	write(1, "not reached\n", 12);
	return 0;
}
