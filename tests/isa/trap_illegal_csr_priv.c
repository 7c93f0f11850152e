/*
 * trap_illegal_csr_priv: reading a machine-mode CSR from user mode is
 * illegal: SIGILL.
 * The harness compares the exit status (128 + signal) with qemu-riscv64's.
 */
#include <unistd.h>

int main(void)
{
	write(1, "before the trap\n", 16);
	unsigned long v;

	asm volatile("csrr %0, mstatus" : "=r"(v));
	(void)v;
	write(1, "not reached\n", 12);
	return 0;
}
