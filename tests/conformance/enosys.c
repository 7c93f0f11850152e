/*
 * enosys — system call numbers no kernel assigns return ENOSYS, and the process
 * carries on. The numbers are far above both architectures' tables (x86_64 and
 * asm-generic stop below 500) and clear of x86_64's x32 bit (0x40000000). -1 is
 * not used: riscv64 Linux leaves a0 unchanged for it instead of returning ENOSYS.
 */
#include <sys/syscall.h>
#include <unistd.h>

#include "lib/check.h"

int
main(void)
{
	static const long numbers[] = { 999, 1000, 4095, 65536, 0x3fffffff };
	char name[64];
	unsigned i;
	pid_t pid;
	long r;

	for (i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
		snprintf(name, sizeof(name), "syscall_%ld", numbers[i]);
		EXPECT_ERRNO(name, syscall(numbers[i], 1, 2, 3, 4, 5, 6), ENOSYS);
	}
	/* The arguments of an unknown call do not matter, bad pointers included. */
	EXPECT_ERRNO("syscall_999_bad_pointers",
		     syscall(999, (void *)1, (void *)8, -1L, 0L, 0L, 0L), ENOSYS);
	/* Known calls still work afterwards, and errno is just a variable. */
	pid = getpid();
	r = syscall(SYS_getpid);
	check("getpid_after", pid > 0 && r == pid,
	      "getpid works and agrees with the raw call: %s", yesno(pid > 0 && r == pid));
	errno = 0;
	r = syscall(SYS_getpid);
	check("errno_untouched_by_success", r > 0 && errno == 0,
	      "a successful call leaves errno alone: %s", yesno(errno == 0));
	return check_summary();
}
