/*
 * trap_exec_nx: a jump into a mapped page without PROT_EXEC: SIGSEGV.
 * The harness compares the exit status (128 + signal) with qemu-riscv64's.
 */
#include <unistd.h>
#include <sys/mman.h>

int main(void)
{
	unsigned int *p = mmap(0, 4096, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return 1;
	p[0] = 0x00008067; /* ret */
	write(1, "before the trap\n", 16);
	((void (*)(void))p)();
	write(1, "not reached\n", 12);
	return 0;
}
