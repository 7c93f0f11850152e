/*
 * trap_load_null: a load from address 0: SIGSEGV.
 * The harness compares the exit status (128 + signal) with qemu-riscv64's.
 */
#include <unistd.h>

int main(void)
{
	write(1, "before the trap\n", 16);
	unsigned long v;

	asm volatile("ld %0, 0(zero)" : "=r"(v) : : "memory");
	(void)v;
	write(1, "not reached\n", 12);
	return 0;
}
