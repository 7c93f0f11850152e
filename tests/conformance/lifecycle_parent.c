/*
 * lifecycle_parent — a program started by the system has a parent: getppid()
 * names a live process other than itself, and a pipe made by the process
 * rejects a bad pointer with EFAULT.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "lib/check.h"

int
main(void)
{
	pid_t pid = getpid(), ppid = getppid();

	check("ppid_positive", ppid > 0, "getppid() > 0: %s", yesno(ppid > 0));
	check("ppid_not_self", ppid != pid, "getppid() != getpid(): %s", yesno(ppid != pid));
	check("parent_alive", kill(ppid, 0) == 0, "kill(getppid(), 0) succeeds: %s",
	      yesno(kill(ppid, 0) == 0));
	EXPECT_ERRNO("pipe2_bad", syscall(SYS_pipe2, (void *)8, 0), EFAULT);
	return check_summary();
}
