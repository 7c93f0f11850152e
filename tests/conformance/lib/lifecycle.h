/*
 * tests/conformance/lib/lifecycle.h — shared pieces of the process-lifecycle
 * programs (lifecycle_*.c): scenarios in their own child, statuses as words,
 * pipes for ordering, and the subreaper flag.
 *
 * A scenario runs in a child of the program's top process, so that whatever it
 * changes (process group, signal dispositions, subreaper flag, children) dies with
 * it. Its checks print from the child while the top process waits, so the output
 * keeps one order; the child sends its check counts back through a pipe, and the
 * top process adds them to its own, so check_summary() covers every scenario.
 * Helper processes below a scenario do not print: they report facts through pipes
 * or through distinct exit codes, and the scenario checks them.
 *
 * Rules every helper process follows, so that a kernel bug ends a run instead of
 * hanging it: a process that waits for an order reads a pipe whose other copies of
 * the write end are all closed, and exits when it reads end-of-file or an error.
 *
 * Header-only, like check.h.
 */
#ifndef CONFORMANCE_LIFECYCLE_H
#define CONFORMANCE_LIFECYCLE_H

#include <fcntl.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

/*
 * status_str - a wait status as words: "exited N", "killed by SIGX", "killed by
 * SIGX, core dumped", "stopped by SIGX", "continued". Four rotating buffers, so a
 * fact may hold several.
 */
static CONFORMANCE_UNUSED const char *
status_str(int st)
{
	static char buf[4][64];
	static int which;
	char *b = buf[which++ & 3];

	if (WIFEXITED(st))
		snprintf(b, 64, "exited %d", WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		snprintf(b, 64, "killed by %s%s", signal_name(WTERMSIG(st)),
			 WCOREDUMP(st) ? ", core dumped" : "");
	else if (WIFSTOPPED(st))
		snprintf(b, 64, "stopped by %s", signal_name(WSTOPSIG(st)));
	else if (WIFCONTINUED(st))
		snprintf(b, 64, "continued");
	else
		snprintf(b, 64, "status %#x", st);
	return b;
}

/* check_exited - status st must be a normal exit with code want. */
static CONFORMANCE_UNUSED int
check_exited(const char *name, int st, int want)
{
	return check(name, WIFEXITED(st) && WEXITSTATUS(st) == want, "%s, want exited %d",
		     status_str(st), want);
}

/* check_killed - status st must be a death by signal sig (core bit printed). */
static CONFORMANCE_UNUSED int
check_killed(const char *name, int st, int sig)
{
	return check(name, WIFSIGNALED(st) && WTERMSIG(st) == sig, "%s, want killed by %s",
		     status_str(st), signal_name(sig));
}

/*
 * fork_flushed - fork() after flushing stdio, so that nothing buffered is written
 * twice.
 */
static CONFORMANCE_UNUSED pid_t
fork_flushed(void)
{
	fflush(NULL);
	return fork();
}

/* read_full - read n bytes unless end-of-file or an error comes first; the count. */
static CONFORMANCE_UNUSED ssize_t
read_full(int fd, void *buf, size_t n)
{
	size_t got = 0;
	ssize_t r;

	while (got < n) {
		r = read(fd, (char *)buf + got, n - got);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			return got ? (ssize_t)got : r;
		got += r;
	}
	return got;
}

/* write_full - write all n bytes; 0 on success, -1 on an error. */
static CONFORMANCE_UNUSED int
write_full(int fd, const void *buf, size_t n)
{
	size_t done = 0;
	ssize_t r;

	while (done < n) {
		r = write(fd, (const char *)buf + done, n - done);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		done += r;
	}
	return 0;
}

/* send_long, recv_long - one long through a pipe; 0 on success, -1 otherwise. */
static CONFORMANCE_UNUSED int
send_long(int fd, long v)
{
	return write_full(fd, &v, sizeof(v));
}

static CONFORMANCE_UNUSED int
recv_long(int fd, long *v)
{
	*v = 0;
	return read_full(fd, v, sizeof(*v)) == (ssize_t)sizeof(*v) ? 0 : -1;
}

/* wait_byte - block until one byte or end-of-file; 1 for a byte, 0 otherwise. */
static CONFORMANCE_UNUSED int
wait_byte(int fd)
{
	char c;

	return read_full(fd, &c, 1) == 1;
}

/* post_byte - write one byte (an order or a "done"). */
static CONFORMANCE_UNUSED void
post_byte(int fd)
{
	char c = 'x';

	write_full(fd, &c, 1);
}

/*
 * fork_waiter - a child that blocks until the parent writes a byte to, or
 * closes, *release (the write end of its pipe), then exits 0. Its pid, or -1.
 */
static CONFORMANCE_UNUSED pid_t
fork_waiter(int *release)
{
	int p[2];
	pid_t pid;

	if (pipe(p) == -1)
		return -1;
	pid = fork_flushed();
	if (pid == 0) {
		close(p[1]);
		wait_byte(p[0]);
		_exit(0);
	}
	close(p[0]);
	*release = p[1];
	return pid;
}

/* wait_pid - waitpid(pid, st, flags) again after EINTR. */
static CONFORMANCE_UNUSED pid_t
wait_pid(pid_t pid, int *st, int flags)
{
	pid_t r;

	do
		r = waitpid(pid, st, flags);
	while (r == -1 && errno == EINTR);
	return r;
}

/*
 * make_subreaper - PR_SET_CHILD_SUBREAPER on the caller: orphans below it are
 * reparented to it, not to init. A failure is the failed check "set_subreaper".
 * 0 or -1.
 */
static CONFORMANCE_UNUSED int
make_subreaper(void)
{
	int r = prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);

	if (r == -1)
		check("set_subreaper", 0, "-1 %s", errno_name(errno));
	return r;
}

/*
 * scenario - run fn in a child of its own, and report its end.
 *
 * The child's checks are added to the caller's counts. The child also checks that
 * it leaves no child behind (a scenario reaps what it makes); it does not wait for
 * strays, so a kernel that loses a child cannot hang the run. The scenario's own
 * line is "name: ok (exited 0, N checks)"; exit 125 means the child came back
 * from fork() twice.
 */
static CONFORMANCE_UNUSED void
scenario(const char *name, void (*fn)(void))
{
	int p[2], counts[2] = { 0, 0 }, st = 0, got;
	pid_t pid, r;

	if (pipe2(p, O_CLOEXEC) == -1) {
		check(name, 0, "pipe2: -1 %s", errno_name(errno));
		return;
	}
	pid = fork_flushed();
	if (pid == -1) {
		int err = errno;

		close(p[0]);
		close(p[1]);
		check(name, 0, "fork: -1 %s", errno_name(err));
		return;
	}
	if (pid == 0) {
		/*
		 * Runs once per child. A kernel that makes the child return from
		 * fork() a second time (a broken syscall restart) would otherwise
		 * repeat the scenario without end, filling the output.
		 */
		static int entered;
		int sst;
		pid_t stray;

		if (entered++)
			_exit(125);
		close(p[0]);
		checks_run = checks_failed = 0;
		fn();
		errno = 0;
		stray = waitpid(-1, &sst, WNOHANG);
		if (!(stray == -1 && errno == ECHILD))
			check("no_stray_children", 0, "waitpid(-1, WNOHANG) gives %s",
			      stray == 0 ? "0: a child still runs" :
			      stray > 0 ? "a zombie" : errno_name(errno));
		counts[0] = checks_run;
		counts[1] = checks_failed;
		fflush(stdout);
		write_full(p[1], counts, sizeof(counts));
		_exit(checks_failed ? 1 : 0);
	}
	close(p[1]);
	r = wait_pid(pid, &st, 0);
	fcntl(p[0], F_SETFL, O_NONBLOCK);	/* the report is there, or never comes */
	got = read(p[0], counts, sizeof(counts)) == (ssize_t)sizeof(counts);
	close(p[0]);
	if (got) {
		checks_run += counts[0];
		checks_failed += counts[1];
	}
	if (r != pid)
		check(name, 0, "waitpid: %s", r == -1 ? errno_name(errno) : "another pid");
	else
		check(name, WIFEXITED(st) && WEXITSTATUS(st) == 0 && got, "%s, %d checks%s",
		      status_str(st), counts[0], got ? "" : ", no report");
}

#endif /* CONFORMANCE_LIFECYCLE_H */
