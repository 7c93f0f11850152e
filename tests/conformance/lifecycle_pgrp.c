/*
 * lifecycle_pgrp — process groups and sessions: setpgid, getpgid, getpgrp,
 * setsid, getsid.
 *
 * The program re-executes itself (argv[0], an absolute path in both runs) as
 * "child-wait FD": read FD until end-of-file, exit 0.
 *
 * Scenarios, each in a child of its own (lib/lifecycle.h):
 *	fork_inherits		a child starts in its parent's group and session
 *	setpgid_self		setpgid(0, 0) and setpgid(0, getpid()) make the caller
 *				a group leader; getpgid(0) == getpgrp()
 *	setpgid_child		the parent moves a child into a new group and back into
 *				its own; into a group that does not exist in the
 *				session: EPERM
 *	setsid_child		a child that is not a group leader: setsid() returns
 *				its pid, which is now its session and group; a second
 *				setsid(): EPERM; getsid of a process in another session
 *	setsid_group_leader	a group leader: setsid() gives EPERM
 *	setpgid_across_sessions	moving a child that has its own session, or joining a
 *				group of another session: EPERM; a session leader
 *				cannot change its group: EPERM
 *	setpgid_after_exec	a child that has exec'd: EACCES
 *	setpgid_errors		a non-child (the parent, a grandchild, a reaped
 *				child, a negative pid): ESRCH; a negative pgid (also
 *				when it defaults to a negative pid): EINVAL; getpgid
 *				and getsid of a reaped pid: ESRCH
 */
#define _GNU_SOURCE
#include <signal.h>

#include "lib/check.h"
#include "lib/lifecycle.h"

extern char **environ;

static const char *self;

/* The write ends of the order pipes of the children alive: a new child closes them. */
static int orders[8];
static int norders;

/*
 * child_waiting - fork a child that runs fn (if any), reports a long through the
 * report pipe, and exits 0 at end-of-file on the order pipe; *order is the write
 * end to close, *report the read end. The child closes its siblings' order pipes,
 * so that each sibling ends when its own is closed.
 */
static pid_t
child_waiting(long (*fn)(void), int *order, int *report)
{
	int o[2], r[2];
	pid_t pid;

	if (pipe2(o, O_CLOEXEC) == -1 || pipe2(r, O_CLOEXEC) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return -1;
	}
	pid = fork_flushed();
	if (pid == 0) {
		close(o[1]);
		close(r[0]);
		for (int i = 0; i < norders; i++)
			close(orders[i]);
		send_long(r[1], fn ? fn() : 0);
		wait_byte(o[0]);
		_exit(0);
	}
	close(o[0]);
	close(r[1]);
	if (pid == -1) {
		check("fork", 0, "-1 %s", errno_name(errno));
		close(o[1]);
		close(r[0]);
		return -1;
	}
	*order = o[1];
	*report = r[0];
	if (norders < 8)
		orders[norders++] = o[1];
	return pid;
}

/* release - close the order pipe and reap the child; its status. */
static int
release(pid_t pid, int order, int report)
{
	int st = -1;

	for (int i = 0; i < norders; i++)
		if (orders[i] == order)
			orders[i] = orders[--norders];
	close(order);
	wait_pid(pid, &st, 0);
	close(report);		/* after the wait: the child may still be writing to it */
	return st;
}

static long
report_ids(void)
{
	/* Two booleans: same group as the parent, same session as the parent. */
	pid_t pp = getppid();

	return (getpgrp() == getpgid(pp)) | (getsid(0) == getsid(pp)) << 1;
}

static void
test_fork_inherits(void)
{
	int order, report;
	long v = -1;
	pid_t pid = child_waiting(report_ids, &order, &report);

	if (pid == -1)
		return;
	recv_long(report, &v);
	check("fork_inherits_pgrp", v >= 0 && (v & 1), "the child's group is the parent's: %s",
	      yesno(v >= 0 && (v & 1)));
	check("fork_inherits_session", v >= 0 && (v & 2),
	      "the child's session is the parent's: %s", yesno(v >= 0 && (v & 2)));
	check("child_not_group_leader", getpgid(pid) != pid, "getpgid(child) != child: %s",
	      yesno(getpgid(pid) != pid));
	check_exited("fork_inherits_child", release(pid, order, report), 0);
}

static void
test_setpgid_self(void)
{
	pid_t me = getpid();

	check("not_leader_at_start", getpgrp() != me, "getpgrp() != getpid(): %s",
	      yesno(getpgrp() != me));
	EXPECT_RET("setpgid_0_0", setpgid(0, 0), 0);
	check("leader_after_setpgid", getpgrp() == me, "getpgrp() == getpid(): %s",
	      yesno(getpgrp() == me));
	check("getpgid_0_is_getpgrp", getpgid(0) == getpgrp(), "getpgid(0) == getpgrp(): %s",
	      yesno(getpgid(0) == getpgrp()));
	check("getpgid_self_is_getpgrp", getpgid(me) == getpgrp(),
	      "getpgid(getpid()) == getpgrp(): %s", yesno(getpgid(me) == getpgrp()));
	EXPECT_RET("setpgid_self_explicit", setpgid(me, me), 0);
	EXPECT_RET("setpgid_0_0_again", setpgid(0, 0), 0);
	check("session_unchanged", getsid(0) == getsid(getppid()),
	      "the session is still the parent's: %s", yesno(getsid(0) == getsid(getppid())));
}

static void
test_setpgid_child(void)
{
	int order, report, o2, r2;
	pid_t a, b;

	EXPECT_RET("parent_own_group", setpgid(0, 0), 0);
	a = child_waiting(NULL, &order, &report);
	if (a == -1)
		return;
	b = child_waiting(NULL, &o2, &r2);
	if (b == -1) {
		release(a, order, report);
		return;
	}
	EXPECT_RET("setpgid_child_new_group", setpgid(a, a), 0);
	check("child_in_new_group", getpgid(a) == a, "getpgid(child) == child: %s",
	      yesno(getpgid(a) == a));
	EXPECT_RET("setpgid_child_joins_other", setpgid(b, a), 0);
	check("child_joined_group", getpgid(b) == a, "getpgid(b) == a: %s",
	      yesno(getpgid(b) == a));
	EXPECT_RET("setpgid_child_back", setpgid(a, getpgrp()), 0);
	check("child_back_in_parent_group", getpgid(a) == getpgrp(),
	      "getpgid(child) == getpgrp(): %s", yesno(getpgid(a) == getpgrp()));
	check("group_outlives_leader_move", getpgid(b) == a,
	      "b stays in group a after a left it: %s", yesno(getpgid(b) == a));
	/* The group named by b's pid does not exist: b is not a leader. */
	EXPECT_ERRNO("setpgid_nonexistent_group", setpgid(a, b), EPERM);
	check_exited("setpgid_child_a", release(a, order, report), 0);
	check_exited("setpgid_child_b", release(b, o2, r2), 0);
}

static pid_t parent_sid;	/* getsid(0) in the parent, set before the fork */

static long
do_setsid(void)
{
	/* bit 0: setsid() == getpid(); 1: getsid(0) == getpid(); 2: getpgrp() == getpid();
	 * 3: the second setsid() gives EPERM; 4: getsid(parent) is another session */
	pid_t me = getpid(), r = setsid();
	long v = 0;
	int e;

	v |= r == me;
	v |= (getsid(0) == me) << 1;
	v |= (getpgrp() == me) << 2;
	errno = 0;
	r = setsid();
	e = errno;
	v |= (r == -1 && e == EPERM) << 3;
	/* Compare with what the parent itself saw: under a PID namespace whose
	 * session leader lives outside it, both read 0, as Linux says. */
	v |= (getsid(getppid()) == parent_sid && parent_sid != me) << 4;
	return v;
}

static void
test_setsid_child(void)
{
	int order, report;
	long v = -1;
	pid_t pid;

	parent_sid = getsid(0);
	pid = child_waiting(do_setsid, &order, &report);

	if (pid == -1)
		return;
	recv_long(report, &v);
	if (v < 0)
		v = 0;
	check("setsid_returns_pid", v & 1, "setsid() == getpid(): %s", yesno(v & 1));
	check("setsid_session_leader", v & 2, "getsid(0) == getpid(): %s", yesno(v & 2));
	check("setsid_group_leader", v & 4, "getpgrp() == getpid(): %s", yesno(v & 4));
	check("setsid_twice_eperm", v & 8, "a second setsid() gives EPERM: %s", yesno(v & 8));
	check("getsid_other_session", v & 16,
	      "getsid(parent) in the child names the parent's session: %s", yesno(v & 16));
	check("parent_sees_child_session", getsid(pid) == pid && getsid(0) != pid,
	      "getsid(child) == child, the parent's session unchanged: %s",
	      yesno(getsid(pid) == pid && getsid(0) != pid));
	check("parent_sees_child_group", getpgid(pid) == pid, "getpgid(child) == child: %s",
	      yesno(getpgid(pid) == pid));
	check_exited("setsid_child", release(pid, order, report), 0);
}

static void
test_setsid_group_leader(void)
{
	EXPECT_RET("become_group_leader", setpgid(0, 0), 0);
	EXPECT_ERRNO("setsid_group_leader_eperm", setsid(), EPERM);
	check("session_unchanged", getsid(0) != getpid(), "getsid(0) != getpid(): %s",
	      yesno(getsid(0) != getpid()));
}

static long
setsid_only(void)
{
	return setsid() == getpid();
}

static void
test_setpgid_across_sessions(void)
{
	int o1, r1, o2, r2, st;
	long v = 0;
	pid_t a, b;

	a = child_waiting(setsid_only, &o1, &r1);	/* a session of its own */
	if (a == -1)
		return;
	recv_long(r1, &v);
	check("child_made_session", v == 1, "setsid() in the child succeeded: %s", yesno(v == 1));
	EXPECT_ERRNO("setpgid_child_other_session", setpgid(a, a), EPERM);
	EXPECT_ERRNO("setpgid_child_into_other_session_group", setpgid(a, getpgrp()), EPERM);

	/* A process of this session tries to join a's group (in a's session). */
	b = child_waiting(NULL, &o2, &r2);
	if (b != -1) {
		recv_long(r2, &v);
		EXPECT_ERRNO("setpgid_into_group_of_other_session", setpgid(b, a), EPERM);
		check_exited("across_child_b", release(b, o2, r2), 0);
	}
	check_exited("across_child_a", release(a, o1, r1), 0);

	/* A session leader cannot move itself into another group, even its own pid. */
	b = fork_flushed();
	if (b == 0) {
		/* 10: setsid failed, 11: setpgid(0, 0) did not give EPERM (0 if it did) */
		if (setsid() == -1)
			_exit(10);
		errno = 0;
		if (setpgid(0, getppid()) == -1 && errno == EPERM)
			_exit(0);
		_exit(11);
	}
	st = -1;
	wait_pid(b, &st, 0);
	check_exited("session_leader_setpgid_eperm", st, 0);
}

static void
test_setpgid_after_exec(void)
{
	int o[2], ex[2], st = 0;
	char fdarg[16], c;
	pid_t pid;
	ssize_t n;

	/*
	 * o: the order pipe (its read end survives the exec); ex: close-on-exec,
	 * so that end-of-file on it means the exec has happened.
	 */
	if (pipe(o) == -1 || pipe2(ex, O_CLOEXEC) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return;
	}
	fcntl(o[1], F_SETFD, FD_CLOEXEC);
	snprintf(fdarg, sizeof(fdarg), "%d", o[0]);
	pid = fork_flushed();
	if (pid == 0) {
		char *args[] = { (char *)self, "child-wait", fdarg, NULL };

		close(ex[0]);
		execve(self, args, environ);
		write_full(ex[1], "e", 1);	/* the exec failed */
		_exit(99);
	}
	close(o[0]);
	close(ex[1]);
	if (pid == -1) {
		check("fork", 0, "-1 %s", errno_name(errno));
		close(o[1]);
		close(ex[0]);
		return;
	}
	n = read(ex[0], &c, 1);
	close(ex[0]);
	check("child_execed", n == 0, "end-of-file on the close-on-exec pipe: %s",
	      yesno(n == 0));
	EXPECT_ERRNO("setpgid_after_exec_eacces", setpgid(pid, pid), EACCES);
	check("group_unchanged", getpgid(pid) == getpgrp(), "getpgid(child) == getpgrp(): %s",
	      yesno(getpgid(pid) == getpgrp()));
	close(o[1]);
	wait_pid(pid, &st, 0);
	check_exited("execed_child_status", st, 0);
}

static void
test_setpgid_errors(void)
{
	int order, report, st;
	pid_t pid, gone;

	EXPECT_ERRNO("setpgid_parent_esrch", setpgid(getppid(), getppid()), ESRCH);
	EXPECT_ERRNO("setpgid_negative_pgid", setpgid(0, -1), EINVAL);
	EXPECT_ERRNO("setpgid_negative_pid_default_pgid", setpgid(-1, 0), EINVAL);
	EXPECT_ERRNO("setpgid_negative_pid", setpgid(-1, getpgrp()), ESRCH);
	EXPECT_ERRNO("getpgid_negative", getpgid(-1), ESRCH);

	pid = child_waiting(NULL, &order, &report);
	if (pid != -1) {
		EXPECT_ERRNO("setpgid_child_negative_pgid", setpgid(pid, -5), EINVAL);
		check_exited("errors_child", release(pid, order, report), 0);
	}

	gone = fork_flushed();
	if (gone == 0)
		_exit(0);
	wait_pid(gone, &st, 0);
	EXPECT_ERRNO("setpgid_reaped_esrch", setpgid(gone, gone), ESRCH);
	EXPECT_ERRNO("getpgid_reaped_esrch", getpgid(gone), ESRCH);
	EXPECT_ERRNO("getsid_reaped_esrch", getsid(gone), ESRCH);

	/* A grandchild is not a child. */
	{
		int p[2], q[2];
		long g = -1;

		if (pipe(p) == -1 || pipe(q) == -1)
			return;
		pid = fork_flushed();
		if (pid == 0) {
			pid_t gc;

			close(p[0]);
			close(q[1]);
			gc = fork();
			if (gc == 0) {
				close(p[1]);
				wait_byte(q[0]);
				_exit(0);
			}
			send_long(p[1], gc);
			wait_byte(q[0]);
			_exit(gc > 0 && wait_pid(gc, &(int){ 0 }, 0) == gc ? 0 : 10);
		}
		close(p[1]);
		close(q[0]);
		recv_long(p[0], &g);
		close(p[0]);
		if (g > 0)
			EXPECT_ERRNO("setpgid_grandchild_esrch", setpgid((pid_t)g, (pid_t)g), ESRCH);
		else
			check("setpgid_grandchild_esrch", 0, "no grandchild");
		close(q[1]);
		st = -1;
		wait_pid(pid, &st, 0);
		check_exited("grandchild_parent", st, 0);
	}
}

int
main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "child-wait") == 0) {
		wait_byte(atoi(argv[2]));
		return 0;
	}
	self = argv[0];
	check("argv0_absolute", self[0] == '/', "argv[0] is an absolute path: %s",
	      yesno(self[0] == '/'));

	scenario("fork_inherits", test_fork_inherits);
	scenario("setpgid_self", test_setpgid_self);
	scenario("setpgid_child", test_setpgid_child);
	scenario("setsid_child", test_setsid_child);
	scenario("setsid_group_leader", test_setsid_group_leader);
	scenario("setpgid_across_sessions", test_setpgid_across_sessions);
	scenario("setpgid_after_exec", test_setpgid_after_exec);
	scenario("setpgid_errors", test_setpgid_errors);
	return check_summary();
}
