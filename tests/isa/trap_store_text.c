/*
 * trap_store_text: a store into the program's own text (mapped read-only
 * and executable): SIGSEGV.
 * The harness compares the exit status (128 + signal) with qemu-riscv64's.
 */
#include <unistd.h>

int main(void)
{
	write(1, "before the trap\n", 16);
	asm volatile("1: lla t0, 1b\n\tsw zero, 0(t0)" : : : "t0", "memory");
	write(1, "not reached\n", 12);
	return 0;
}
