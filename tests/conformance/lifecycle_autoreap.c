/*
 * lifecycle_autoreap — children that reap themselves: SIGCHLD ignored, or
 * SA_NOCLDWAIT.
 *
 * Scenarios, each in a child of its own (lib/lifecycle.h), since they change
 * SIGCHLD's disposition:
 *	sigchld_ign		SIGCHLD set to SIG_IGN: children leave no zombie; a
 *				blocking wait() returns -1 ECHILD once all are gone;
 *				WNOHANG with a running child still gives 0
 *	sa_nocldwait		the same with SA_NOCLDWAIT and the default action
 *	sig_dfl_keeps_zombies	SIG_DFL (whose action is to ignore, but which is not
 *				SIG_IGN): zombies stay until waited for
 *	ign_after_zombie	a zombie made before SIGCHLD is set to SIG_IGN: the
 *				host says whether it stays (Linux: it does, and wait()
 *				still reaps it)
 *
 * Children block on a pipe and exit at end-of-file: the scenario ends them all
 * at once by closing its write end.
 *
 * qemu-user (7.2) does not pass SA_NOCLDWAIT on to the host: under it the
 * sa_nocldwait children stay zombies.
 */
#define _GNU_SOURCE
#include <signal.h>

#include "lib/check.h"
#include "lib/lifecycle.h"

#define NKIDS 3

/*
 * spawn_blocked - fork n children that exit with 70 + i when *wfd is closed; their
 * pids in pids. Returns how many were made.
 */
static int
spawn_blocked(int n, pid_t *pids, int *wfd)
{
	int p[2], made = 0;

	*wfd = -1;
	if (pipe2(p, O_CLOEXEC) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return 0;
	}
	for (int i = 0; i < n; i++) {
		pid_t pid = fork_flushed();

		if (pid == 0) {
			close(p[1]);
			wait_byte(p[0]);
			_exit(70 + i);
		}
		if (pid == -1) {
			check("fork", 0, "-1 %s", errno_name(errno));
			break;
		}
		pids[made++] = pid;
	}
	close(p[0]);
	*wfd = p[1];
	return made;
}

/* all_gone - how many of pids still answer kill(pid, 0). */
static int
still_there(int n, const pid_t *pids)
{
	int alive = 0;

	for (int i = 0; i < n; i++)
		if (kill(pids[i], 0) == 0)
			alive++;
	return alive;
}

/* autoreaped - the checks shared by SIG_IGN and SA_NOCLDWAIT; prefix names them. */
static void
autoreaped(const char *prefix)
{
	char name[64];
	pid_t pids[NKIDS], pid;
	siginfo_t si;
	int wfd, n, st, left;

	n = spawn_blocked(NKIDS, pids, &wfd);
	if (n != NKIDS) {
		close(wfd);
		return;
	}
	snprintf(name, sizeof(name), "%s_wnohang_running", prefix);
	EXPECT_RET(name, waitpid(-1, &st, WNOHANG), 0);
	snprintf(name, sizeof(name), "%s_children_alive", prefix);
	check_long(name, still_there(n, pids), NKIDS);
	close(wfd);	/* all exit now */
	snprintf(name, sizeof(name), "%s_wait_blocks_then_echild", prefix);
	EXPECT_ERRNO(name, wait(&st), ECHILD);
	/* Linux releases an autoreaped child just after its parent can no
	 * longer wait for it (exit_notify's release_task after the unlock):
	 * on another CPU, kill(pid, 0) may still find it for a moment. */
	for (int i = 0; i < 100 && still_there(n, pids); i++)
		usleep(10000);
	left = still_there(n, pids);
	snprintf(name, sizeof(name), "%s_no_zombies_left", prefix);
	check(name, left == 0, "kill(pid, 0) fails for every child: %s", yesno(left == 0));

	/* A child that exits at once is never waitable either. */
	pid = fork_flushed();
	if (pid == 0)
		_exit(5);
	snprintf(name, sizeof(name), "%s_waitid_echild", prefix);
	EXPECT_ERRNO(name, waitid(P_PID, pid, &si, WEXITED), ECHILD);
	snprintf(name, sizeof(name), "%s_waitpid_echild", prefix);
	EXPECT_ERRNO(name, waitpid(pid, &st, 0), ECHILD);
}

static void
test_sigchld_ign(void)
{
	struct sigaction sa;

	EXPECT_SUCCESS("set_sig_ign", signal(SIGCHLD, SIG_IGN) == SIG_ERR ? -1 : 0);
	autoreaped("ign");
	sigaction(SIGCHLD, NULL, &sa);
	check("ign_still_set", sa.sa_handler == SIG_IGN, "SIGCHLD is still SIG_IGN: %s",
	      yesno(sa.sa_handler == SIG_IGN));
}

static void
test_sa_nocldwait(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sa.sa_flags = SA_NOCLDWAIT;
	EXPECT_RET("set_sa_nocldwait", sigaction(SIGCHLD, &sa, NULL), 0);
	memset(&sa, 0, sizeof(sa));
	sigaction(SIGCHLD, NULL, &sa);
	check("sa_nocldwait_reads_back", (sa.sa_flags & SA_NOCLDWAIT) && sa.sa_handler == SIG_DFL,
	      "SA_NOCLDWAIT set, handler SIG_DFL: %s",
	      yesno((sa.sa_flags & SA_NOCLDWAIT) && sa.sa_handler == SIG_DFL));
	autoreaped("nocldwait");
}

static void
test_sig_dfl_keeps_zombies(void)
{
	pid_t pids[NKIDS];
	siginfo_t si;
	int wfd, n, st, reaped = 0, codes = 0;
	pid_t r;

	signal(SIGCHLD, SIG_DFL);
	n = spawn_blocked(NKIDS, pids, &wfd);
	if (n != NKIDS) {
		close(wfd);
		return;
	}
	close(wfd);
	for (int i = 0; i < n; i++)
		waitid(P_PID, pids[i], &si, WEXITED | WNOWAIT);	/* each is a zombie now */
	check_long("dfl_zombies_remain", still_there(n, pids), NKIDS);
	while ((r = wait(&st)) > 0) {
		reaped++;
		for (int i = 0; i < n; i++)
			if (r == pids[i] && WIFEXITED(st) && WEXITSTATUS(st) == 70 + i)
				codes |= 1 << i;
	}
	check_long("dfl_wait_reaps_all", reaped, NKIDS);
	check("dfl_statuses", codes == (1 << NKIDS) - 1, "each child's own code: %s",
	      yesno(codes == (1 << NKIDS) - 1));
	check_long("dfl_gone_after_wait", still_there(n, pids), 0);
}

static void
test_ign_after_zombie(void)
{
	siginfo_t si;
	pid_t pid, r;
	int st = 0;

	pid = fork_flushed();
	if (pid == 0)
		_exit(9);
	if (pid == -1) {
		check("fork", 0, "-1 %s", errno_name(errno));
		return;
	}
	waitid(P_PID, pid, &si, WEXITED | WNOWAIT);
	signal(SIGCHLD, SIG_IGN);
	EXPECT_RET("earlier_zombie_stays", kill(pid, 0), 0);
	r = wait_pid(-1, &st, 0);
	check("wait_reaps_earlier_zombie", r == pid, "wait() returns the earlier zombie: %s",
	      yesno(r == pid));
	check_exited("earlier_zombie_status", st, 9);
	EXPECT_ERRNO("then_echild", wait(&st), ECHILD);
}

int
main(void)
{
	scenario("sigchld_ign", test_sigchld_ign);
	scenario("sa_nocldwait", test_sa_nocldwait);
	scenario("sig_dfl_keeps_zombies", test_sig_dfl_keeps_zombies);
	scenario("ign_after_zombie", test_ign_after_zombie);
	return check_summary();
}
