/*
 * pidfd - process file descriptors (Linux: pidfd_open, pidfd_send_signal,
 * pidfd_getfd, waitid(P_PIDFD), CLONE_PIDFD; fs/pidfs.c).
 *
 * Cases (each a scenario):
 *	open_errors	bad flags and pid 0: EINVAL; a reaped pid: ESRCH; the fd is
 *			close-on-exec and reads back as anon_inode:[pidfd]
 *	poll_exit	POLLIN only once the process has exited
 *	send_signal	SIGTERM through the pidfd kills the child; bad flags EINVAL,
 *			a non-pidfd EBADF, a forged si_code to another process EPERM,
 *			after the reap ESRCH
 *	waitid_pidfd	waitid(P_PIDFD) reaps that child with its status; again: ECHILD;
 *			a non-blocking pidfd of a running child: EAGAIN
 *	fdinfo_pid	fdinfo's Pid line is the child's PID, -1 after the reap
 *	clone_pidfd	clone3 with CLONE_PIDFD returns a pidfd for the child; legacy
 *			clone with CLONE_PIDFD|CLONE_PARENT_SETTID in one slot: EINVAL
 *	getfd		pidfd_getfd copies a child's descriptor: the same pipe
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/check.h"
#include "lib/lifecycle.h"

static int
pidfd_open_(pid_t pid, unsigned int flags)
{
	return (int)syscall(SYS_pidfd_open, pid, flags);
}

static long
pidfd_send(int fd, int sig, siginfo_t *info, unsigned int flags)
{
	return syscall(SYS_pidfd_send_signal, fd, sig, info, flags);
}

/* A child that waits for a byte on fd, then exits with code. */
static pid_t
waiting_child(int *wfd, int code)
{
	int p[2];
	pid_t pid;

	if (pipe(p) != 0)
		return -1;
	pid = fork_flushed();
	if (pid == 0) {
		close(p[1]);
		wait_byte(p[0]);
		_exit(code);
	}
	close(p[0]);
	*wfd = p[1];
	return pid;
}

static int
poll_in(int fd, int ms)
{
	struct pollfd pf = { fd, POLLIN, 0 };
	int n = poll(&pf, 1, ms);

	return n == 1 && (pf.revents & POLLIN);
}

static void
test_open_errors(void)
{
	char link[64], buf[64];
	int fd = pidfd_open_(getpid(), 0), st;
	pid_t gone;
	ssize_t n;

	EXPECT_ERRNO("bad_flags", pidfd_open_(getpid(), 1), EINVAL);
	EXPECT_ERRNO("pid_0", pidfd_open_(0, 0), EINVAL);
	gone = fork_flushed();
	if (gone == 0)
		_exit(0);
	wait_pid(gone, &st, 0);
	EXPECT_ERRNO("reaped_pid", pidfd_open_(gone, 0), ESRCH);
	check("cloexec", fd >= 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC, "FD_CLOEXEC set: %s",
	      yesno(fd >= 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC));
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	check_str("link_name", buf, "anon_inode:[pidfd]");
}

static void
test_poll_exit(void)
{
	int wfd, fd, before, after, st;
	pid_t pid = waiting_child(&wfd, 0);

	fd = pidfd_open_(pid, 0);
	before = poll_in(fd, 0);
	post_byte(wfd);
	after = poll_in(fd, 5000);
	check("not_readable_while_running", !before, "POLLIN before the exit: %s", yesno(before));
	check("readable_after_exit", after, "POLLIN after the exit: %s", yesno(after));
	wait_pid(pid, &st, 0);
}

static void
test_send_signal(void)
{
	siginfo_t si;
	int wfd, fd, st = 0;
	pid_t pid = waiting_child(&wfd, 0);

	fd = pidfd_open_(pid, 0);
	EXPECT_ERRNO("bad_flags", pidfd_send(fd, SIGTERM, NULL, 8), EINVAL);
	EXPECT_ERRNO("two_scopes", pidfd_send(fd, SIGTERM, NULL, 3), EINVAL);
	EXPECT_ERRNO("not_a_pidfd", pidfd_send(wfd, SIGTERM, NULL, 0), EBADF);
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGUSR1;
	si.si_code = SI_USER;
	EXPECT_ERRNO("forged_info", pidfd_send(fd, SIGUSR1, &si, 0), EPERM);
	si.si_signo = SIGUSR2;
	EXPECT_ERRNO("signo_mismatch", pidfd_send(fd, SIGUSR1, &si, 0), EINVAL);
	EXPECT_RET("signal_0", pidfd_send(fd, 0, NULL, 0), 0);
	EXPECT_RET("sigterm", pidfd_send(fd, SIGTERM, NULL, 0), 0);
	check_killed("child_killed", wait_pid(pid, &st, 0) == pid ? st : -1, SIGTERM);
	EXPECT_ERRNO("after_reap", pidfd_send(fd, SIGTERM, NULL, 0), ESRCH);
	close(wfd);
}

static void
test_waitid_pidfd(void)
{
	siginfo_t si;
	int wfd, fd, nb, r;
	pid_t pid = waiting_child(&wfd, 7);

	fd = pidfd_open_(pid, 0);
	nb = pidfd_open_(pid, O_NONBLOCK);
	memset(&si, 0, sizeof(si));
	EXPECT_ERRNO("nonblock_running", waitid(P_PIDFD, nb, &si, WEXITED), EAGAIN);
	EXPECT_RET("wnohang_running", waitid(P_PIDFD, fd, &si, WEXITED | WNOHANG), 0);
	post_byte(wfd);
	memset(&si, 0, sizeof(si));
	r = waitid(P_PIDFD, fd, &si, WEXITED);
	check("reaped", r == 0 && si.si_pid == pid && si.si_code == CLD_EXITED && si.si_status == 7,
	      "waitid %d, same pid %s, code %d, status %d", r, yesno(si.si_pid == pid),
	      si.si_code, si.si_status);
	EXPECT_ERRNO("again_echild", waitid(P_PIDFD, fd, &si, WEXITED), ECHILD);
	EXPECT_ERRNO("not_a_pidfd", waitid(P_PIDFD, wfd, &si, WEXITED), EBADF);
	close(wfd);
}

/* The Pid: line of fdinfo, or -2. */
static long
fdinfo_pid(int fd)
{
	char path[64], buf[512], *p;
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = fopen(path, "r");
	if (!f)
		return -2;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	p = strstr(buf, "\nPid:\t");
	return p ? strtol(p + 6, NULL, 10) : -2;
}

static void
test_fdinfo_pid(void)
{
	int wfd, fd, st;
	pid_t pid = waiting_child(&wfd, 0);
	long before, after;

	fd = pidfd_open_(pid, 0);
	before = fdinfo_pid(fd);
	post_byte(wfd);
	wait_pid(pid, &st, 0);
	after = fdinfo_pid(fd);
	check("pid_line", before == pid, "the child's PID: %s", yesno(before == pid));
	check("pid_line_after_reap", after == -1, "%ld", after);
}

struct clone_args_ {
	unsigned long long flags, pidfd, child_tid, parent_tid, exit_signal, stack,
		stack_size, tls;
};

static void
test_clone_pidfd(void)
{
	struct clone_args_ ca;
	siginfo_t si;
	int pfd = -1, slot = -1, r;
	pid_t pid;

	memset(&ca, 0, sizeof(ca));
	ca.flags = CLONE_PIDFD;
	ca.pidfd = (unsigned long long)(uintptr_t)&pfd;
	ca.exit_signal = SIGCHLD;
	fflush(stdout);
	pid = (pid_t)syscall(SYS_clone3, &ca, sizeof(ca));
	if (pid == 0)
		_exit(3);
	check("clone3_gave_pidfd", pid > 0 && pfd >= 0, "pidfd: %s", yesno(pfd >= 0));
	memset(&si, 0, sizeof(si));
	r = waitid(P_PIDFD, pfd, &si, WEXITED);
	check("clone3_child_status", r == 0 && si.si_status == 3, "waitid %d, status %d", r,
	      si.si_status);
	EXPECT_ERRNO("legacy_slot_clash", syscall(SYS_clone, CLONE_PIDFD | CLONE_PARENT_SETTID |
						  SIGCHLD, 0, &slot, 0, 0), EINVAL);
}

static void
test_getfd(void)
{
	int p[2], q[2], fd, got, st;
	char c = 0;
	pid_t pid;

	if (pipe(p) != 0 || pipe(q) != 0)
		return;
	pid = fork_flushed();
	if (pid == 0) {
		post_byte(q[1]);	/* ready: p[1] is open here */
		pause();
		_exit(0);
	}
	wait_byte(q[0]);
	fd = pidfd_open_(pid, 0);
	got = (int)syscall(SYS_pidfd_getfd, fd, p[1], 0);
	check("getfd", got >= 0, "a descriptor: %s", yesno(got >= 0));
	if (got >= 0 && write(got, "z", 1) == 1 && read(p[0], &c, 1) == 1)
		check("same_pipe", c == 'z', "read back '%c'", c);
	EXPECT_ERRNO("bad_flags", syscall(SYS_pidfd_getfd, fd, p[1], 1), EINVAL);
	EXPECT_ERRNO("bad_target_fd", syscall(SYS_pidfd_getfd, fd, 1000, 0), EBADF);
	kill(pid, SIGKILL);
	wait_pid(pid, &st, 0);
}

int
main(void)
{
	scenario("open_errors", test_open_errors);
	scenario("poll_exit", test_poll_exit);
	scenario("send_signal", test_send_signal);
	scenario("waitid_pidfd", test_waitid_pidfd);
	scenario("fdinfo_pid", test_fdinfo_pid);
	scenario("clone_pidfd", test_clone_pidfd);
	scenario("getfd", test_getfd);
	return check_summary();
}
