/*
 * trap_store_ro: a store to a read-only page: SIGSEGV.
 * The harness compares the exit status (128 + signal) with qemu-riscv64's.
 */
#include <unistd.h>
#include <sys/mman.h>

int main(void)
{
	char *p = mmap(0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		       0);

	if (p == MAP_FAILED)
		return 1;
	write(1, "before the trap\n", 16);
	asm volatile("sd zero, 8(%0)" : : "r"(p) : "memory");
	write(1, "not reached\n", 12);
	return 0;
}
