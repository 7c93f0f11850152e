/*
 * trap_amo_misaligned: an AMO on a misaligned address is not emulated by
 * Linux: SIGBUS.
 * The harness compares the exit status (128 + signal) with qemu-riscv64's.
 */
#include <unistd.h>

int main(void)
{
	static unsigned long cell[2];
	write(1, "before the trap\n", 16);
	asm volatile("amoadd.w zero, zero, (%0)" : : "r"((char *)cell + 2) : "memory");
	write(1, "not reached\n", 12);
	return 0;
}
