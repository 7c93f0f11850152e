/*
 * trap_illegal_csr_write: writing the read-only cycle CSR is illegal: SIGILL.
 * The harness compares the exit status (128 + signal) with qemu-riscv64's.
 */
#include <unistd.h>

int main(void)
{
	write(1, "before the trap\n", 16);
	asm volatile("csrw cycle, zero");
	write(1, "not reached\n", 12);
	return 0;
}
