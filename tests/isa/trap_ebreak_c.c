/*
 * trap_ebreak_c: c.ebreak kills the program with SIGTRAP.
 * The harness compares the exit status (128 + signal) with qemu-riscv64's.
 */
#include <unistd.h>

int main(void)
{
	write(1, "before the trap\n", 16);
	asm volatile(".option push\n\t.option rvc\n\tc.ebreak\n\t.option pop");
	write(1, "not reached\n", 12);
	return 0;
}
