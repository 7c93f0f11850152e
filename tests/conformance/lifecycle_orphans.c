/*
 * lifecycle_orphans — who adopts a process whose parent dies.
 *
 * init differs between taskbox and the host, so every orphan here has a
 * subreaper (PR_SET_CHILD_SUBREAPER) above it: the top process is one, and so is
 * each scenario process, which plays "top" for its own tree. Pids cross pipes
 * and are compared, never printed.
 *
 * Scenarios, each in a child of its own (lib/lifecycle.h):
 *	subreaper_flag			PR_GET_CHILD_SUBREAPER reads back 1 and 0; a fork
 *					child does not inherit the flag; a bad pointer
 *					gives EFAULT
 *	orphan_goes_to_subreaper	S -> M -> G; M exits: G's getppid() is S, and S
 *					reaps G with waitpid
 *	orphan_goes_to_nearest		S -> M1 (also a subreaper) -> M2 -> G; M2 exits:
 *					G goes to M1; M1 exits: G goes to S
 *	zombie_reparented		G exits, unreaped by M (a zombie); M exits: S
 *					reaps G with G's status
 *	orphans_of_exiting_tree		M has three children, exits: S reaps all three
 *
 * Helpers exit with distinct codes when a step fails (listed at each).
 *
 * qemu-user (7.2) rejects PR_SET_CHILD_SUBREAPER and PR_GET_CHILD_SUBREAPER with
 * EINVAL, so nothing here runs under it.
 */
#define _GNU_SOURCE
#include <sys/prctl.h>
#include <sys/syscall.h>

#include "lib/check.h"
#include "lib/lifecycle.h"

/* get_subreaper - the caller's flag, or -1. */
static int
get_subreaper(void)
{
	int v = -1;

	if (prctl(PR_GET_CHILD_SUBREAPER, (unsigned long)&v, 0, 0, 0) == -1)
		return -1;
	return v;
}

static void
test_subreaper_flag(void)
{
	pid_t pid;
	int st = 0;

	EXPECT_RET("subreaper_initially_clear", get_subreaper(), 0);
	EXPECT_RET("set_child_subreaper", prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), 0);
	EXPECT_RET("get_child_subreaper", get_subreaper(), 1);
	pid = fork_flushed();
	if (pid == 0)
		_exit(get_subreaper() == 0 ? 0 : 10 + get_subreaper());
	wait_pid(pid, &st, 0);
	check_exited("subreaper_not_inherited", st, 0);	/* 11: inherited, 9: prctl failed */
	EXPECT_RET("clear_child_subreaper", prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0), 0);
	EXPECT_RET("get_cleared_subreaper", get_subreaper(), 0);
	EXPECT_RET("set_child_subreaper_nonzero", prctl(PR_SET_CHILD_SUBREAPER, 7, 0, 0, 0), 0);
	EXPECT_RET("get_nonzero_reads_one", get_subreaper(), 1);
	EXPECT_ERRNO("get_child_subreaper_efault",
		     prctl(PR_GET_CHILD_SUBREAPER, (unsigned long)8, 0, 0, 0), EFAULT);
}

/*
 * The tree S -> M -> G of the next scenario. G reports through `up` (to S) and
 * takes orders from `down` (from S): each order byte asks for one getppid()
 * report, end-of-file makes G exit with 42.
 */
static void
grandchild_loop(int up, int down)
{
	send_long(up, getpid());
	while (wait_byte(down))
		send_long(up, getppid());
	_exit(42);
}

static void
test_orphan_goes_to_subreaper(void)
{
	int up[2], down[2], st = 0;
	long g = -1, gppid = -1;
	pid_t m, r;

	if (make_subreaper() == -1)
		return;
	if (pipe(up) == -1 || pipe(down) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return;
	}
	m = fork_flushed();
	if (m == 0) {
		/* M: fork G, let it report its parent (M), then exit. 10: fork failed */
		pid_t gp = fork();

		if (gp == 0) {
			close(up[0]);
			close(down[1]);
			grandchild_loop(up[1], down[0]);
		}
		_exit(gp == -1 ? 10 : 0);
	}
	close(up[1]);
	close(down[0]);
	if (m == -1) {
		check("fork", 0, "-1 %s", errno_name(errno));
		return;
	}
	recv_long(up[0], &g);
	r = wait_pid(m, &st, 0);	/* M is gone, and G reparented, once this returns */
	check("middle_reaped", r == m, "waitpid(M) == M: %s", yesno(r == m));
	check_exited("middle_status", st, 0);
	post_byte(down[1]);
	if (recv_long(up[0], &gppid) == -1)
		check("orphan_report", 0, "no answer from the grandchild");
	check("orphan_goes_to_subreaper", gppid == getpid(),
	      "the orphan's getppid() is the subreaper: %s", yesno(gppid == getpid()));
	close(down[1]);		/* G exits with 42 */
	r = wait_pid((pid_t)g, &st, 0);
	check("subreaper_reaps_orphan", r == g, "waitpid(G) by the subreaper == G: %s",
	      yesno(r == g));
	check_exited("orphan_status", st, 42);
	close(up[0]);
}

static void
test_orphan_goes_to_nearest(void)
{
	int up[2], down[2], m1ctl[2], m1up[2], st = 0;
	long g = -1, gppid = -1, m1_says = -1;
	pid_t m1, r;

	if (make_subreaper() == -1)
		return;
	if (pipe(up) == -1 || pipe(down) == -1 || pipe(m1ctl) == -1 || pipe(m1up) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return;
	}
	m1 = fork_flushed();
	if (m1 == 0) {
		/*
		 * M1, a subreaper: fork M2, which forks G and exits; reap M2, report
		 * to S, then exit when S closes m1ctl. Exit codes: 10 prctl, 11 fork
		 * M2, 12 M2 failed (fork G), 13 M1 reaped G (it must not).
		 */
		pid_t m2;
		int st2 = 0;

		close(up[0]);
		close(down[1]);
		close(m1ctl[1]);
		close(m1up[0]);
		if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == -1)
			_exit(10);
		m2 = fork();
		if (m2 == 0) {
			pid_t gp = fork();

			if (gp == 0) {
				close(m1ctl[0]);
				close(m1up[1]);
				grandchild_loop(up[1], down[0]);
			}
			_exit(gp == -1 ? 12 : 0);
		}
		if (m2 == -1)
			_exit(11);
		close(up[1]);
		close(down[0]);
		if (wait_pid(m2, &st2, 0) != m2 || !WIFEXITED(st2) || WEXITSTATUS(st2) != 0)
			_exit(12);
		send_long(m1up[1], getpid());	/* M2 reaped: G is M1's now */
		wait_byte(m1ctl[0]);
		_exit(0);	/* G is not reaped here: it goes to S */
	}
	close(up[1]);
	close(down[0]);
	close(m1ctl[0]);
	close(m1up[1]);
	if (m1 == -1) {
		check("fork", 0, "-1 %s", errno_name(errno));
		return;
	}
	recv_long(up[0], &g);
	if (recv_long(m1up[0], &m1_says) == -1)
		check("inner_subreaper_report", 0, "no report from M1");
	post_byte(down[1]);
	recv_long(up[0], &gppid);
	check("orphan_goes_to_nearest_subreaper", gppid == m1,
	      "after M2 exits, the orphan's getppid() is M1 (inner subreaper), not S: %s",
	      yesno(gppid == m1));
	check("orphan_not_to_outer_yet", gppid != getpid(),
	      "the orphan's getppid() is not S: %s", yesno(gppid != getpid()));

	close(m1ctl[1]);	/* M1 exits */
	r = wait_pid(m1, &st, 0);
	check("inner_subreaper_reaped", r == m1, "waitpid(M1) == M1: %s", yesno(r == m1));
	check_exited("inner_subreaper_status", st, 0);
	post_byte(down[1]);
	gppid = -1;
	recv_long(up[0], &gppid);
	check("orphan_goes_to_outer_subreaper", gppid == getpid(),
	      "after M1 exits, the orphan's getppid() is S: %s", yesno(gppid == getpid()));
	close(down[1]);
	r = wait_pid((pid_t)g, &st, 0);
	check("outer_subreaper_reaps_orphan", r == g, "waitpid(G) by S == G: %s",
	      yesno(r == g));
	check_exited("nested_orphan_status", st, 42);
	close(up[0]);
	close(m1up[0]);
}

static void
test_zombie_reparented(void)
{
	int up[2], st = 0;
	long g = -1;
	pid_t m, r;

	if (make_subreaper() == -1)
		return;
	if (pipe(up) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return;
	}
	m = fork_flushed();
	if (m == 0) {
		/*
		 * M: fork G, which exits with 43 at once; wait until G is a zombie
		 * without reaping it (WNOWAIT), report G's pid, exit. Exit codes: 10
		 * fork, 11 waitid.
		 */
		siginfo_t si;
		pid_t gp;

		close(up[0]);
		gp = fork();
		if (gp == 0)
			_exit(43);
		if (gp == -1)
			_exit(10);
		if (waitid(P_PID, gp, &si, WEXITED | WNOWAIT) == -1)
			_exit(11);
		send_long(up[1], gp);
		_exit(0);
	}
	close(up[1]);
	if (m == -1) {
		check("fork", 0, "-1 %s", errno_name(errno));
		return;
	}
	recv_long(up[0], &g);
	close(up[0]);
	r = wait_pid(m, &st, 0);
	check("zombie_parent_reaped", r == m, "waitpid(M) == M: %s", yesno(r == m));
	check_exited("zombie_parent_status", st, 0);
	if (g <= 0) {
		check("zombie_pid_reported", 0, "no pid from M");
		return;
	}
	EXPECT_RET("reparented_zombie_exists", kill((pid_t)g, 0), 0);
	r = wait_pid((pid_t)g, &st, 0);
	check("reparented_zombie_reaped_by_subreaper", r == g,
	      "waitpid(G) by the subreaper == G: %s", yesno(r == g));
	check_exited("reparented_zombie_status", st, 43);
	EXPECT_ERRNO("reparented_zombie_gone", kill((pid_t)g, 0), ESRCH);
}

static void
test_orphans_of_exiting_tree(void)
{
	int up[2], st, codes = 0, n = 0;
	long kids[3] = { 0, 0, 0 };
	pid_t m, r;

	if (make_subreaper() == -1)
		return;
	if (pipe(up) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return;
	}
	m = fork_flushed();
	if (m == 0) {
		/*
		 * M: three children that exit with 61, 62, 63 once M is gone (they
		 * read EOF on a pipe only M held); M reports their pids and exits.
		 * 10: pipe or fork failed.
		 */
		int hold[2];

		close(up[0]);
		if (pipe(hold) == -1)
			_exit(10);
		for (int i = 0; i < 3; i++) {
			pid_t k = fork();

			if (k == 0) {
				close(hold[1]);
				close(up[1]);
				wait_byte(hold[0]);
				_exit(61 + i);
			}
			if (k == -1)
				_exit(10);
			kids[i] = k;
		}
		write_full(up[1], kids, sizeof(kids));
		_exit(0);
	}
	close(up[1]);
	if (m == -1) {
		check("fork", 0, "-1 %s", errno_name(errno));
		return;
	}
	read_full(up[0], kids, sizeof(kids));
	close(up[0]);
	wait_pid(m, &st, 0);
	check_exited("tree_parent_status", st, 0);
	for (;;) {
		r = wait_pid(-1, &st, 0);
		if (r == -1)
			break;
		n++;
		for (int i = 0; i < 3; i++)
			if (r == kids[i] && WIFEXITED(st) && WEXITSTATUS(st) == 61 + i)
				codes |= 1 << i;
	}
	check_long("subreaper_reaps_all_orphans", n, 3);
	check("orphans_statuses", codes == 7, "each orphan reaped with its own code: %s",
	      yesno(codes == 7));
}

int
main(void)
{
	int r;

	/* The top process is a subreaper too, so that nothing escapes to init. */
	r = prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	check("top_set_subreaper", r == 0, "PR_SET_CHILD_SUBREAPER: %s",
	      r == 0 ? "0" : errno_name(errno));
	check_long("top_get_subreaper", get_subreaper(), 1);

	scenario("subreaper_flag", test_subreaper_flag);
	scenario("orphan_goes_to_subreaper", test_orphan_goes_to_subreaper);
	scenario("orphan_goes_to_nearest", test_orphan_goes_to_nearest);
	scenario("zombie_reparented", test_zombie_reparented);
	scenario("orphans_of_exiting_tree", test_orphans_of_exiting_tree);

	EXPECT_ERRNO("top_no_stray_children", waitpid(-1, NULL, WNOHANG), ECHILD);
	return check_summary();
}
