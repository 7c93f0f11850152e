/*
 * lifecycle_pdeathsig basic|handler — PR_SET_PDEATHSIG and PR_GET_PDEATHSIG: the
 * signal a process gets when its parent dies.
 *
 * Each scenario process S is a subreaper: the grandchild whose parent M dies is
 * S's afterwards, and S reaps it. The program re-executes itself (argv[0], an
 * absolute path in both runs) as "report FD": it writes its PR_GET_PDEATHSIG
 * value to FD and exits 0.
 *
 * Case basic, scenarios each in a child of its own (lib/lifecycle.h):
 *	get_set			0 after fork; set, read back, cleared with 0; a bad
 *				signal (65, -1): EINVAL; a bad pointer: EFAULT
 *	cleared_in_fork_child	a child of a process that set it reads 0
 *	survives_exec		the value survives an exec of a non-set-id program
 *	parent_death_kills	M dies: G, with PDEATHSIG SIGTERM and no handler, is
 *				killed by SIGTERM, reaped by S
 *	no_signal_unset		M dies: G without PDEATHSIG lives on and exits itself
 * Case handler (needs signal handlers):
 *	parent_death_handler	G catches SIGUSR1 with an SA_SIGINFO handler:
 *				si_code SI_USER, si_pid the dead parent
 *	parent_death_sigtimedwait	G blocks SIGUSR1: it is pending after M's death
 *
 * Helper exit codes are listed where they are made.
 *
 * qemu-user (7.2) rejects PR_SET_CHILD_SUBREAPER (EINVAL), so the scenarios with
 * a dying parent do not run under it, and rejects signal 64 for PR_SET_PDEATHSIG
 * (it keeps the top real-time signal for itself); Linux accepts 1..64.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/prctl.h>
#include <time.h>

#include "lib/check.h"
#include "lib/lifecycle.h"

extern char **environ;

static const char *self;

static int
get_pdeathsig(void)
{
	int v = -1;

	if (prctl(PR_GET_PDEATHSIG, (unsigned long)&v, 0, 0, 0) == -1)
		return -1;
	return v;
}

/* ---- case basic ------------------------------------------------------------- */

static void
test_get_set(void)
{
	EXPECT_RET("pdeathsig_zero_after_fork", get_pdeathsig(), 0);
	EXPECT_RET("set_pdeathsig_usr1", prctl(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0), 0);
	check("get_pdeathsig_usr1", get_pdeathsig() == SIGUSR1, "%s, want SIGUSR1",
	      signal_name(get_pdeathsig()));
	EXPECT_RET("set_pdeathsig_64", prctl(PR_SET_PDEATHSIG, 64, 0, 0, 0), 0);
	EXPECT_RET("get_pdeathsig_64", get_pdeathsig(), 64);
	EXPECT_ERRNO("set_pdeathsig_65_einval", prctl(PR_SET_PDEATHSIG, 65, 0, 0, 0), EINVAL);
	EXPECT_ERRNO("set_pdeathsig_minus_1_einval",
		     prctl(PR_SET_PDEATHSIG, (unsigned long)-1, 0, 0, 0), EINVAL);
	EXPECT_RET("einval_keeps_value", get_pdeathsig(), 64);
	EXPECT_RET("clear_pdeathsig", prctl(PR_SET_PDEATHSIG, 0, 0, 0, 0), 0);
	EXPECT_RET("get_cleared_pdeathsig", get_pdeathsig(), 0);
	EXPECT_ERRNO("get_pdeathsig_efault", prctl(PR_GET_PDEATHSIG, (unsigned long)8, 0, 0, 0),
		     EFAULT);
}

static void
test_cleared_in_fork_child(void)
{
	pid_t pid;
	int st = 0;

	EXPECT_RET("set_pdeathsig", prctl(PR_SET_PDEATHSIG, SIGUSR2, 0, 0, 0), 0);
	pid = fork_flushed();
	if (pid == 0)
		_exit(get_pdeathsig() == 0 ? 0 : 10);	/* 10: inherited */
	wait_pid(pid, &st, 0);
	check_exited("cleared_in_fork_child", st, 0);
	check("parent_keeps_pdeathsig", get_pdeathsig() == SIGUSR2, "%s, want SIGUSR2",
	      signal_name(get_pdeathsig()));
}

static void
test_survives_exec(void)
{
	char fdarg[16];
	long v = -1;
	int p[2], st = 0;
	pid_t pid;

	if (pipe(p) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return;
	}
	snprintf(fdarg, sizeof(fdarg), "%d", p[1]);
	pid = fork_flushed();
	if (pid == 0) {
		char *args[] = { (char *)self, "report", fdarg, NULL };

		close(p[0]);
		if (prctl(PR_SET_PDEATHSIG, SIGUSR2, 0, 0, 0) == -1)
			_exit(10);
		execve(self, args, environ);
		_exit(11);
	}
	close(p[1]);
	recv_long(p[0], &v);
	close(p[0]);
	wait_pid(pid, &st, 0);
	check_exited("exec_child_status", st, 0);	/* 10: prctl, 11: execve */
	check("pdeathsig_survives_exec", v == SIGUSR2, "%s, want SIGUSR2",
	      v < 0 ? "no report" : signal_name((int)v));
}

/*
 * death_tree - S -> M -> G, M dies. G runs g_fn(up, go, M's pid) after setting its
 * PDEATHSIG to sig (0: none) and sending its pid on up; go gets a byte once M
 * has been reaped, and end-of-file after that. Returns G's pid; G's status in
 * *gst; what G wrote after "ready" in *report (-1 if nothing).
 */
static pid_t
death_tree(int sig, int (*g_fn)(int up, int go, pid_t m), int *gst, long *report)
{
	int up[2], go[2], mctl[2], st = 0;
	long g = -1;
	pid_t m, r;

	*gst = -1;
	*report = -1;
	if (make_subreaper() == -1)
		return -1;
	signal(SIGPIPE, SIG_IGN);	/* G may be gone when the order is posted */
	if (pipe(up) == -1 || pipe(go) == -1 || pipe(mctl) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return -1;
	}
	m = fork_flushed();
	if (m == 0) {
		/* M: fork G, exit once mctl closes. 10: fork failed */
		pid_t gp;

		close(up[0]);
		close(go[1]);
		close(mctl[1]);
		gp = fork();
		if (gp == 0) {
			/* G. 20: prctl failed, 21: its parent was not M */
			pid_t parent = getppid();

			close(mctl[0]);
			if (sig && prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0) == -1)
				_exit(20);
			if (parent != getppid())
				_exit(21);
			send_long(up[1], getpid());	/* "ready" */
			_exit(g_fn(up[1], go[0], parent));
		}
		if (gp == -1)
			_exit(10);
		close(up[1]);
		wait_byte(mctl[0]);
		_exit(0);
	}
	close(up[1]);
	close(go[0]);
	close(mctl[0]);
	if (m == -1) {
		check("fork", 0, "-1 %s", errno_name(errno));
		return -1;
	}
	recv_long(up[0], &g);		/* only G writes to up */
	check("grandchild_ready", g > 0, "G set its PDEATHSIG and reported: %s", yesno(g > 0));
	close(mctl[1]);			/* M exits */
	r = wait_pid(m, &st, 0);
	check("parent_died", r == m && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "M reaped, %s", status_str(st));
	/* Any PDEATHSIG has been sent to G by now: it is sent while M exits. */
	post_byte(go[1]);
	close(go[1]);
	recv_long(up[0], report);
	close(up[0]);
	if (g > 0)
		wait_pid((pid_t)g, gst, 0);
	return (pid_t)g;
}

/* G waits for its orders to end, then exits 0 (if it still lives). */
static int
g_wait(int up, int go, pid_t m)
{
	while (wait_byte(go))
		;
	return 0;
}

static void
test_parent_death_kills(void)
{
	long report;
	int gst;

	if (death_tree(SIGTERM, g_wait, &gst, &report) == -1)
		return;
	check_killed("grandchild_killed_by_pdeathsig", gst, SIGTERM);
}

static void
test_no_signal_unset(void)
{
	long report;
	int gst;

	if (death_tree(0, g_wait, &gst, &report) == -1)
		return;
	check_exited("grandchild_without_pdeathsig_lives", gst, 0);
}

/* ---- case handler ----------------------------------------------------------- */

static volatile sig_atomic_t got_sig, got_code;
static volatile long got_pid;

static void
on_usr1(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got_sig = sig;
	got_code = si->si_code;
	got_pid = si->si_pid;
}

/* Report bits: 1 the handler ran with SIGUSR1, 2 si_code SI_USER, 4 si_pid was M. */
static long
pack(int sig, int code, long pid, long m)
{
	return (sig == SIGUSR1) | (code == SI_USER) << 1 | (pid == m) << 2;
}

static int
g_handler(int up, int go, pid_t m)
{
	while (!got_sig && wait_byte(go))
		;
	send_long(up, pack(got_sig, got_code, got_pid, m));
	return 0;
}

static int
g_sigtimedwait(int up, int go, pid_t m)
{
	struct timespec zero = { 0, 0 };
	siginfo_t si;
	sigset_t set;
	int sig;

	wait_byte(go);			/* M has been reaped */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	memset(&si, 0, sizeof(si));
	sig = sigtimedwait(&set, &si, &zero);
	send_long(up, sig == -1 ? 0 : pack(sig, si.si_code, si.si_pid, m));
	return 0;
}

static void
check_report(const char *prefix, long report)
{
	char name[64];

	if (report < 0)
		report = 0;
	snprintf(name, sizeof(name), "%s_got_sigusr1", prefix);
	check(name, report & 1, "SIGUSR1 received: %s", yesno(report & 1));
	snprintf(name, sizeof(name), "%s_si_code_si_user", prefix);
	check(name, report & 2, "si_code SI_USER: %s", yesno(report & 2));
	snprintf(name, sizeof(name), "%s_si_pid_dead_parent", prefix);
	check(name, report & 4, "si_pid is the parent that died: %s", yesno(report & 4));
}

static void
test_parent_death_handler(void)
{
	struct sigaction sa;
	long report;
	int gst;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO;	/* no SA_RESTART: the handler ends G's read */
	sigaction(SIGUSR1, &sa, NULL);	/* G inherits it */
	if (death_tree(SIGUSR1, g_handler, &gst, &report) == -1)
		return;
	check_exited("handler_grandchild_status", gst, 0);
	check_report("handler", report);
}

static void
test_parent_death_sigtimedwait(void)
{
	sigset_t set;
	long report;
	int gst;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);	/* G inherits the mask */
	if (death_tree(SIGUSR1, g_sigtimedwait, &gst, &report) == -1)
		return;
	check_exited("sigtimedwait_grandchild_status", gst, 0);
	check_report("sigtimedwait", report);
}

int
main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "report") == 0) {
		send_long(atoi(argv[2]), get_pdeathsig());
		return 0;
	}
	self = argv[0];
	if (argc == 2 && strcmp(argv[1], "basic") == 0) {
		scenario("get_set", test_get_set);
		scenario("cleared_in_fork_child", test_cleared_in_fork_child);
		scenario("survives_exec", test_survives_exec);
		scenario("parent_death_kills", test_parent_death_kills);
		scenario("no_signal_unset", test_no_signal_unset);
	} else if (argc == 2 && strcmp(argv[1], "handler") == 0) {
		scenario("parent_death_handler", test_parent_death_handler);
		scenario("parent_death_sigtimedwait", test_parent_death_sigtimedwait);
	} else {
		fprintf(stderr, "usage: lifecycle_pdeathsig basic|handler\n");
		return 2;
	}
	return check_summary();
}
