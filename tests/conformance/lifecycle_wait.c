/*
 * lifecycle_wait — wait4 (waitpid, wait) and waitid: which children each call
 * selects, the options, the status words and siginfo fields, and zombies.
 *
 * Scenarios, each in a child of its own (lib/lifecycle.h):
 *	wnohang_running		WNOHANG with a running child: waitpid gives 0,
 *				waitid gives 0 and a zeroed siginfo
 *	no_children		wait, waitpid(-1, WNOHANG), waitid: ECHILD
 *	not_a_child		waitpid of the parent, of a grandchild, of itself: ECHILD
 *	any_child		waitpid(-1) reaps each child once
 *	by_process_group	waitpid(0) takes the caller's group only, waitpid(-pgid)
 *				another group
 *	waitid_idtypes		P_PID, P_PGID (and P_PGID 0), P_ALL with WEXITED; the
 *				siginfo fields si_signo, si_code, si_status, si_pid,
 *				si_uid; a NULL infop still reaps
 *	wnowait			WNOWAIT leaves the zombie: a second wait reaps it
 *	killed			SIGKILL, SIGTERM: WIFSIGNALED, WTERMSIG, CLD_KILLED
 *	abort_no_core		abort() with RLIMIT_CORE 0: SIGABRT, whatever the host
 *				says about the core bit and CLD_DUMPED
 *	bad_options		waitid without WEXITED/WSTOPPED/WCONTINUED, unknown bits,
 *				bad idtype or id; wait4 with waitid-only or unknown
 *				bits: EINVAL
 *	zombie			a zombie answers kill(pid, 0) until reaped, then ESRCH;
 *				waitpid(pid, WNOHANG) reaps a zombie
 *
 * Children that must stay alive block on a pipe and exit at end-of-file, so a
 * parent that dies early never leaves them behind.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#include "lib/check.h"
#include "lib/lifecycle.h"

/*
 * child_exit - fork a child that exits with code at once; -1 if fork fails. When
 * pgrp is set the child first moves to a process group of its own (and the parent
 * moves it too, so that the group exists whichever runs first).
 */
static pid_t
child_exit(int code, int pgrp)
{
	pid_t pid = fork_flushed();

	if (pid == 0) {
		if (pgrp && setpgid(0, 0) == -1)
			_exit(99);
		_exit(code);
	}
	if (pid > 0 && pgrp)
		setpgid(pid, pid);	/* fails harmlessly if the child was first */
	if (pid == -1)
		check("fork", 0, "-1 %s", errno_name(errno));
	return pid;
}

/*
 * child_blocked - fork a child that waits on the read end of a pipe and exits with
 * code at end-of-file. *wfd is the write end, kept by the caller: closing it ends
 * the child.
 */
static pid_t
child_blocked(int code, int *wfd)
{
	int p[2];
	pid_t pid;

	*wfd = -1;
	if (pipe2(p, O_CLOEXEC) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return -1;
	}
	pid = fork_flushed();
	if (pid == 0) {
		close(p[1]);
		wait_byte(p[0]);
		_exit(code);
	}
	close(p[0]);
	if (pid == -1) {
		check("fork", 0, "-1 %s", errno_name(errno));
		close(p[1]);
		return -1;
	}
	*wfd = p[1];
	return pid;
}

/* until_zombie - wait for pid to be a zombie without reaping it. */
static int
until_zombie(pid_t pid)
{
	siginfo_t si;
	int r;

	do
		r = waitid(P_PID, pid, &si, WEXITED | WNOWAIT);
	while (r == -1 && errno == EINTR);
	return r;
}

/* ---- scenarios -------------------------------------------------------------- */

static void
test_wnohang_running(void)
{
	siginfo_t si;
	int wfd, st = 0x5a5a;
	pid_t pid = child_blocked(3, &wfd), r;

	if (pid == -1)
		return;
	EXPECT_RET("waitpid_wnohang_running", waitpid(pid, &st, WNOHANG), 0);
	check("waitpid_wnohang_status_untouched", st == 0x5a5a,
	      "the status word is left as it was: %s", yesno(st == 0x5a5a));
	EXPECT_RET("waitpid_any_wnohang_running", waitpid(-1, &st, WNOHANG), 0);
	memset(&si, 0xff, sizeof(si));
	EXPECT_RET("waitid_wnohang_running", waitid(P_ALL, 0, &si, WEXITED | WNOHANG), 0);
	/* Linux zeroes the siginfo (si_signo, si_pid) when no child is ready. */
	check("waitid_wnohang_zeroed", si.si_pid == 0 && si.si_signo == 0,
	      "si_pid == 0: %s, si_signo == 0: %s", yesno(si.si_pid == 0),
	      yesno(si.si_signo == 0));
	close(wfd);
	r = wait_pid(pid, &st, 0);
	check("waitpid_after_release", r == pid, "waitpid(pid) == pid once released: %s",
	      yesno(r == pid));
	check_exited("released_child_status", st, 3);
}

static void
test_no_children(void)
{
	siginfo_t si;
	int st;

	EXPECT_ERRNO("wait_no_children", wait(&st), ECHILD);
	EXPECT_ERRNO("waitpid_any_wnohang_no_children", waitpid(-1, &st, WNOHANG), ECHILD);
	EXPECT_ERRNO("waitpid_zero_no_children", waitpid(0, &st, 0), ECHILD);
	EXPECT_ERRNO("waitid_all_no_children", waitid(P_ALL, 0, &si, WEXITED), ECHILD);
	EXPECT_ERRNO("waitid_all_wnohang_no_children",
		     waitid(P_ALL, 0, &si, WEXITED | WNOHANG), ECHILD);
	EXPECT_ERRNO("wait_null_status_no_children", wait(NULL), ECHILD);
}

static void
test_not_a_child(void)
{
	int p[2], o[2], st;
	long grandchild = -1;
	pid_t pid;
	siginfo_t si;

	EXPECT_ERRNO("waitpid_parent_echild", waitpid(getppid(), &st, WNOHANG), ECHILD);
	EXPECT_ERRNO("waitpid_self_echild", waitpid(getpid(), &st, WNOHANG), ECHILD);
	EXPECT_ERRNO("waitid_parent_echild", waitid(P_PID, getppid(), &si, WEXITED | WNOHANG),
		     ECHILD);

	/*
	 * A grandchild: the child forks it (it exits at once, a zombie of the
	 * child's), reports its pid, and reaps it when the scenario closes the order
	 * pipe. Child exit codes: 10 pipe, 11 fork, 12 reaping failed.
	 */
	if (pipe(p) == -1 || pipe(o) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return;
	}
	pid = fork_flushed();
	if (pid == 0) {
		pid_t g;

		close(p[0]);
		close(o[1]);
		g = fork();
		if (g == 0)
			_exit(0);
		if (g == -1)
			_exit(11);
		send_long(p[1], g);
		wait_byte(o[0]);
		_exit(wait_pid(g, &(int){ 0 }, 0) == g ? 0 : 12);
	}
	close(p[1]);
	close(o[0]);
	if (pid == -1) {
		check("fork", 0, "-1 %s", errno_name(errno));
		close(p[0]);
		close(o[1]);
		return;
	}
	if (recv_long(p[0], &grandchild) == 0)
		EXPECT_ERRNO("waitpid_grandchild_echild", waitpid(grandchild, &st, WNOHANG),
			     ECHILD);
	else
		check("waitpid_grandchild_echild", 0, "no pid from the child");
	close(p[0]);
	close(o[1]);
	wait_pid(pid, &st, 0);
	check_exited("grandchild_parent_status", st, 0);
}

static void
test_any_child(void)
{
	pid_t a = child_exit(11, 0), b = child_exit(12, 0), r1, r2;
	int s1 = 0, s2 = 0, codes;

	if (a == -1 || b == -1)
		return;
	r1 = wait_pid(-1, &s1, 0);
	r2 = wait_pid(-1, &s2, 0);
	check("waitpid_any_both", (r1 == a && r2 == b) || (r1 == b && r2 == a),
	      "two waitpid(-1) return the two children, once each: %s",
	      yesno((r1 == a && r2 == b) || (r1 == b && r2 == a)));
	codes = WEXITSTATUS(s1) + WEXITSTATUS(s2);
	check("waitpid_any_statuses", WIFEXITED(s1) && WIFEXITED(s2) && codes == 23 &&
	      WEXITSTATUS(r1 == a ? s1 : s2) == 11,
	      "each status matches its child: %s",
	      yesno(WIFEXITED(s1) && WIFEXITED(s2) && codes == 23 &&
		    WEXITSTATUS(r1 == a ? s1 : s2) == 11));
	EXPECT_ERRNO("waitpid_any_then_echild", waitpid(-1, &s1, 0), ECHILD);
}

static void
test_by_process_group(void)
{
	pid_t a, b, r;
	int st = 0;

	EXPECT_RET("own_group", setpgid(0, 0), 0);
	a = child_exit(21, 0);	/* stays in the caller's group */
	b = child_exit(22, 1);	/* a group of its own */
	if (a == -1 || b == -1)
		return;
	check("child_in_caller_group", getpgid(a) == getpgrp(),
	      "getpgid(a) == getpgrp(): %s", yesno(getpgid(a) == getpgrp()));
	until_zombie(a);
	until_zombie(b);
	check("other_group_child", getpgid(b) == b, "getpgid(b) == b: %s",
	      yesno(getpgid(b) == b));
	r = wait_pid(0, &st, 0);
	check("waitpid_zero_takes_own_group", r == a, "waitpid(0) returns the child of the "
	      "caller's group, not the other: %s", yesno(r == a));
	check_exited("waitpid_zero_status", st, 21);
	EXPECT_ERRNO("waitpid_zero_then_echild", waitpid(0, &st, WNOHANG), ECHILD);
	r = wait_pid(-b, &st, WNOHANG);
	check("waitpid_minus_pgid", r == b, "waitpid(-pgid) returns the child of that group: %s",
	      yesno(r == b));
	check_exited("waitpid_minus_pgid_status", st, 22);
	EXPECT_ERRNO("waitpid_minus_pgid_then_echild", waitpid(-b, &st, WNOHANG), ECHILD);
}

/* check_siginfo - the fields of a waitid result for child pid. */
static void
check_siginfo(const char *name, const siginfo_t *si, pid_t pid, int code, int status)
{
	int ok = si->si_signo == SIGCHLD && si->si_code == code && si->si_pid == pid &&
		 si->si_status == status && si->si_uid == getuid();
	const char *cname = si->si_code == CLD_EXITED ? "CLD_EXITED" :
			    si->si_code == CLD_KILLED ? "CLD_KILLED" :
			    si->si_code == CLD_DUMPED ? "CLD_DUMPED" : "other";

	check(name, ok, "si_signo %s, si_code %s, si_status %d, si_pid is the child: %s, "
	      "si_uid is getuid(): %s", signal_name(si->si_signo), cname, si->si_status,
	      yesno(si->si_pid == pid), yesno(si->si_uid == getuid()));
}

static void
test_waitid_idtypes(void)
{
	siginfo_t si;
	pid_t c1, c2, c3, c4;
	int st;

	EXPECT_RET("own_group", setpgid(0, 0), 0);
	c1 = child_exit(31, 0);
	c2 = child_exit(32, 1);
	c3 = child_exit(33, 0);
	if (c1 == -1 || c2 == -1 || c3 == -1)
		return;

	memset(&si, 0, sizeof(si));
	EXPECT_RET("waitid_p_pid", waitid(P_PID, c1, &si, WEXITED), 0);
	check_siginfo("waitid_p_pid_siginfo", &si, c1, CLD_EXITED, 31);
	memset(&si, 0, sizeof(si));
	EXPECT_RET("waitid_p_pgid", waitid(P_PGID, c2, &si, WEXITED), 0);
	check_siginfo("waitid_p_pgid_siginfo", &si, c2, CLD_EXITED, 32);
	memset(&si, 0, sizeof(si));
	EXPECT_RET("waitid_p_pgid_zero", waitid(P_PGID, 0, &si, WEXITED), 0);
	check_siginfo("waitid_p_pgid_zero_is_own_group", &si, c3, CLD_EXITED, 33);
	EXPECT_ERRNO("waitid_p_all_then_echild", waitid(P_ALL, 0, &si, WEXITED | WNOHANG),
		     ECHILD);

	c4 = child_exit(34, 0);
	if (c4 == -1)
		return;
	memset(&si, 0, sizeof(si));
	EXPECT_RET("waitid_p_all", waitid(P_ALL, 0, &si, WEXITED), 0);
	check_siginfo("waitid_p_all_siginfo", &si, c4, CLD_EXITED, 34);

	/* The raw call with a NULL siginfo returns 0 and still reaps. */
	c4 = child_exit(35, 0);
	if (c4 == -1)
		return;
	until_zombie(c4);
	EXPECT_RET("waitid_null_infop", syscall(SYS_waitid, P_PID, c4, NULL, WEXITED, NULL), 0);
	EXPECT_ERRNO("waitid_null_infop_reaped", waitpid(c4, &st, WNOHANG), ECHILD);
}

static void
test_wnowait(void)
{
	siginfo_t si;
	pid_t pid = child_exit(41, 0), r;
	int st = 0;

	if (pid == -1)
		return;
	memset(&si, 0, sizeof(si));
	EXPECT_RET("waitid_wnowait", waitid(P_PID, pid, &si, WEXITED | WNOWAIT), 0);
	check_siginfo("waitid_wnowait_siginfo", &si, pid, CLD_EXITED, 41);
	EXPECT_RET("wnowait_leaves_zombie", kill(pid, 0), 0);
	memset(&si, 0, sizeof(si));
	EXPECT_RET("waitid_wnowait_again", waitid(P_ALL, 0, &si, WEXITED | WNOWAIT), 0);
	check_siginfo("waitid_wnowait_again_siginfo", &si, pid, CLD_EXITED, 41);
	r = wait_pid(pid, &st, 0);
	check("wait_after_wnowait_reaps", r == pid, "waitpid(pid) == pid: %s", yesno(r == pid));
	check_exited("wait_after_wnowait_status", st, 41);
	EXPECT_ERRNO("wnowait_reaped_then_echild", waitid(P_PID, pid, &si, WEXITED), ECHILD);
}

/* kill_and_check - a blocked child killed by sig: waitid's siginfo, then wait's status. */
static void
kill_and_check(const char *what, int sig)
{
	char name[64];
	siginfo_t si;
	int wfd, st = 0;
	pid_t pid = child_blocked(0, &wfd), r;

	if (pid == -1)
		return;
	snprintf(name, sizeof(name), "kill_%s", what);
	EXPECT_RET(name, kill(pid, sig), 0);
	memset(&si, 0, sizeof(si));
	snprintf(name, sizeof(name), "waitid_%s", what);
	EXPECT_RET(name, waitid(P_PID, pid, &si, WEXITED | WNOWAIT), 0);
	snprintf(name, sizeof(name), "waitid_%s_siginfo", what);
	check_siginfo(name, &si, pid, CLD_KILLED, sig);
	r = wait_pid(pid, &st, 0);
	snprintf(name, sizeof(name), "waitpid_%s", what);
	check(name, r == pid, "waitpid(pid) == pid: %s", yesno(r == pid));
	snprintf(name, sizeof(name), "status_%s", what);
	check(name, WIFSIGNALED(st) && WTERMSIG(st) == sig && !WIFEXITED(st) && !WCOREDUMP(st),
	      "WIFEXITED %s, WIFSIGNALED %s, WTERMSIG %s, WCOREDUMP %s",
	      yesno(WIFEXITED(st)), yesno(WIFSIGNALED(st)),
	      WIFSIGNALED(st) ? signal_name(WTERMSIG(st)) : "-", yesno(WCOREDUMP(st)));
	close(wfd);
}

static void
test_killed(void)
{
	kill_and_check("sigkill", SIGKILL);
	kill_and_check("sigterm", SIGTERM);
}

static void
test_abort_no_core(void)
{
	struct rlimit rl = { 0, 0 };
	siginfo_t si;
	pid_t pid;
	int st = 0;

	/* No core file, whatever the host's core_pattern (the runner also sets 0). */
	getrlimit(RLIMIT_CORE, &rl);
	rl.rlim_cur = 0;
	EXPECT_RET("rlimit_core_zero", setrlimit(RLIMIT_CORE, &rl), 0);
	pid = fork_flushed();
	if (pid == 0)
		abort();
	if (pid == -1) {
		check("fork", 0, "-1 %s", errno_name(errno));
		return;
	}
	memset(&si, 0, sizeof(si));
	EXPECT_RET("waitid_abort", waitid(P_PID, pid, &si, WEXITED | WNOWAIT), 0);
	/* Linux: no core written, so no core bit and CLD_KILLED, not CLD_DUMPED. */
	check_siginfo("waitid_abort_siginfo", &si, pid, CLD_KILLED, SIGABRT);
	wait_pid(pid, &st, 0);
	check("status_abort", WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT && !WCOREDUMP(st),
	      "WIFSIGNALED %s, WTERMSIG %s, WCOREDUMP %s", yesno(WIFSIGNALED(st)),
	      WIFSIGNALED(st) ? signal_name(WTERMSIG(st)) : "-", yesno(WCOREDUMP(st)));
}

static void
test_bad_options(void)
{
	siginfo_t si;
	int st, wfd;
	pid_t pid = child_blocked(0, &wfd);

	/* A running child, so that only the options can be wrong. */
	if (pid == -1)
		return;
	EXPECT_ERRNO("waitid_no_event_bits", waitid(P_ALL, 0, &si, 0), EINVAL);
	EXPECT_ERRNO("waitid_wnohang_only", waitid(P_ALL, 0, &si, WNOHANG), EINVAL);
	EXPECT_ERRNO("waitid_wnowait_only", waitid(P_ALL, 0, &si, WNOWAIT), EINVAL);
	EXPECT_ERRNO("waitid_unknown_bit", syscall(SYS_waitid, P_ALL, 0, &si,
						   WEXITED | 0x100, NULL), EINVAL);
	EXPECT_ERRNO("waitid_bad_idtype", syscall(SYS_waitid, 42, 0, &si, WEXITED, NULL),
		     EINVAL);
	EXPECT_ERRNO("waitid_p_pid_zero", syscall(SYS_waitid, P_PID, 0, &si, WEXITED, NULL),
		     EINVAL);
	EXPECT_ERRNO("waitid_p_pid_negative",
		     syscall(SYS_waitid, P_PID, -1, &si, WEXITED, NULL), EINVAL);
	EXPECT_ERRNO("waitid_p_pgid_negative",
		     syscall(SYS_waitid, P_PGID, -1, &si, WEXITED, NULL), EINVAL);
	EXPECT_ERRNO("wait4_unknown_bit", syscall(SYS_wait4, -1, &st, 0x100, NULL), EINVAL);
	EXPECT_ERRNO("wait4_wexited", syscall(SYS_wait4, -1, &st, WEXITED, NULL), EINVAL);
	EXPECT_ERRNO("wait4_wnowait", syscall(SYS_wait4, -1, &st, WNOWAIT, NULL), EINVAL);
	EXPECT_RET("wait4_wall_wnohang", syscall(SYS_wait4, -1, &st, __WALL | WNOHANG, NULL), 0);
	close(wfd);
	wait_pid(pid, &st, 0);
}

static void
test_zombie(void)
{
	pid_t pid = child_exit(51, 0), r;
	int st = 0;

	if (pid == -1)
		return;
	EXPECT_RET("zombie_made", until_zombie(pid), 0);
	EXPECT_RET("kill_zombie_succeeds", kill(pid, 0), 0);
	EXPECT_RET("kill_zombie_sigterm_succeeds", kill(pid, SIGTERM), 0);
	check("getpgid_zombie", getpgid(pid) == getpgrp(),
	      "getpgid(zombie) == getpgrp(): %s", yesno(getpgid(pid) == getpgrp()));
	r = wait_pid(pid, &st, WNOHANG);
	check("waitpid_wnohang_reaps_zombie", r == pid, "waitpid(pid, WNOHANG) == pid: %s",
	      yesno(r == pid));
	check_exited("zombie_status_kept", st, 51);	/* the late SIGTERM changes nothing */
	EXPECT_ERRNO("kill_reaped_esrch", kill(pid, 0), ESRCH);
	EXPECT_ERRNO("getpgid_reaped_esrch", getpgid(pid), ESRCH);
}

int
main(void)
{
	scenario("wnohang_running", test_wnohang_running);
	scenario("no_children", test_no_children);
	scenario("not_a_child", test_not_a_child);
	scenario("any_child", test_any_child);
	scenario("by_process_group", test_by_process_group);
	scenario("waitid_idtypes", test_waitid_idtypes);
	scenario("wnowait", test_wnowait);
	scenario("killed", test_killed);
	scenario("abort_no_core", test_abort_no_core);
	scenario("bad_options", test_bad_options);
	scenario("zombie", test_zombie);
	return check_summary();
}
