/*
 * signal_stop — job control: the stop signals and SIGCONT, what the parent learns
 * of them (wait status, waitid, SIGCHLD), and signals sent to process groups.
 *
 * Scenarios, each in a child of its own (lib/lifecycle.h):
 *	stop_continue_waitpid	SIGSTOP: waitpid(WUNTRACED) reports the stop once;
 *				SIGCONT: waitpid(WCONTINUED) reports it once, and
 *				WUNTRACED alone does not
 *	sigchld_sigtimedwait	SIGCHLD (blocked, taken with sigtimedwait) carries
 *				CLD_STOPPED/SIGSTOP, CLD_CONTINUED/SIGCONT, CLD_EXITED
 *	sigchld_handler		the same seen by an SA_SIGINFO handler
 *	sigchld_coalesced	stop, continue and exit with SIGCHLD blocked: one
 *				SIGCHLD stays pending, the first (CLD_STOPPED)
 *	waitid_stop_continue	waitid(WSTOPPED), waitid(WCONTINUED): si_code, si_status;
 *				WNOWAIT leaves the report; WNOHANG zeroes si_pid
 *	reports_replace		SIGCONT drops an unconsumed stop report, a new stop
 *				drops an unconsumed continue report
 *	sa_nocldstop		no SIGCHLD for stop/continue, wait reports unchanged
 *	tty_stop_signals	SIGTSTP, SIGTTIN, SIGTTOU (default action) stop a child
 *				in a process group of its own (not orphaned)
 *	orphaned_pgrp_discards	in an orphaned group (a session leader's) the three
 *				are discarded, a SIGTSTP handler still runs, SIGSTOP
 *				still stops
 *	sigkill_stopped		SIGKILL ends a stopped child
 *	pending_flush		SIGCONT discards pending stop signals, a stop signal
 *				discards a pending SIGCONT (also SIGSTOP, via sigqueue
 *				values)
 *	stopped_defers_signals	SIGUSR1 sent to a stopped child is handled only after
 *				SIGCONT, whose handler also runs; the order of the runs
 *	killpg_group		killpg stops, continues and kills a group of three;
 *				kill(-pgrp, 0): 0 while zombies remain, then ESRCH
 *	kill_minus_one		kill(-1, SIGUSR1) by one process of an otherwise unused
 *				uid reaches every other process of that uid, not the
 *				caller, not the (root) scenario process
 *	orphaned_pgrp_hup_cont	a group with a stopped member becomes orphaned when the
 *				member's parent (a session leader) exits: the member
 *				gets SIGHUP and SIGCONT (si_code SI_KERNEL)
 *
 * Helpers wait for orders at most ORDER_MS and then exit with 99, so a kernel that
 * loses a signal ends the run instead of hanging it; the parent's waits for a
 * SIGCHLD or a report are bounded too.
 *
 * qemu-user (7.2) rejects PR_SET_CHILD_SUBREAPER (EINVAL): under it the scenarios
 * that use one report that line as failed. It also does not pass SA_NOCLDSTOP on to
 * the host, so sa_nocldstop fails under it.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/prctl.h>
#include <time.h>

#include "lib/check.h"
#include "lib/lifecycle.h"
#include "lib/signals.h"

#define ORDER_MS 10000		/* how long a helper waits for its order */
#define REPORT_MS 5000		/* how long the scenario waits for a signal or report */
#define UNUSED_UID 54323	/* kill_minus_one: a uid nothing else runs as */

/* ---- helpers ---------------------------------------------------------------- */

/* The order pipes of the kids alive: a new kid closes them. */
static int kid_orders[8];
static int nkid_orders;

/*
 * kid - fork a child that runs fn (if any), then waits for a byte or end-of-file on
 * its order pipe and exits with code (99 if no order came within ORDER_MS). *order
 * is the write end. Returns the pid, -1 if fork failed.
 */
static pid_t
kid(void (*fn)(void), int code, int *order)
{
	int o[2];
	pid_t pid;

	if (pipe2(o, O_CLOEXEC) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return -1;
	}
	pid = fork_flushed();
	if (pid == 0) {
		close(o[1]);
		for (int i = 0; i < nkid_orders; i++)
			close(kid_orders[i]);
		if (fn)
			fn();
		_exit(await_byte(o[0], ORDER_MS, NULL) == -1 ? 99 : code);
	}
	close(o[0]);
	if (pid == -1) {
		check("fork", 0, "-1 %s", errno_name(errno));
		close(o[1]);
		return -1;
	}
	*order = o[1];
	if (nkid_orders < 8)
		kid_orders[nkid_orders++] = o[1];
	return pid;
}

/* release - order a kid to exit, reap it; its status. */
static int
release(pid_t pid, int order)
{
	int st = -1;

	post_byte(order);
	close(order);
	wait_pid(pid, &st, 0);
	return st;
}

static const char *
code_name(int code)
{
	static char buf[32];

	switch (code) {
	case CLD_EXITED: return "CLD_EXITED";
	case CLD_KILLED: return "CLD_KILLED";
	case CLD_DUMPED: return "CLD_DUMPED";
	case CLD_TRAPPED: return "CLD_TRAPPED";
	case CLD_STOPPED: return "CLD_STOPPED";
	case CLD_CONTINUED: return "CLD_CONTINUED";
	case SI_USER: return "SI_USER";
	case SI_KERNEL: return "SI_KERNEL";
	case SI_QUEUE: return "SI_QUEUE";
	case SI_TKILL: return "SI_TKILL";
	}
	snprintf(buf, sizeof(buf), "si_code %d", code);
	return buf;
}

/* chld_str - a SIGCHLD's si_code and si_status as words (two rotating buffers). */
static const char *
chld_str(int code, int status)
{
	static char buf[2][64];
	static int which;
	char *b = buf[which++ & 1];

	if (code == CLD_EXITED)
		snprintf(b, 64, "%s status %d", code_name(code), status);
	else
		snprintf(b, 64, "%s %s", code_name(code), signal_name(status));
	return b;
}

/* next_sigchld - take a blocked SIGCHLD, waiting at most ms; SIGCHLD or -1. */
static int
next_sigchld(siginfo_t *si, int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	sigset_t set;
	int r;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	memset(si, 0, sizeof(*si));
	do
		r = sigtimedwait(&set, si, &ts);
	while (r == -1 && errno == EINTR);
	return r;
}

/* check_sigchld - take the next SIGCHLD: it must be code/status from pid. */
static void
check_sigchld(const char *name, pid_t pid, int code, int status)
{
	siginfo_t si;
	int r = next_sigchld(&si, REPORT_MS);

	if (r != SIGCHLD) {
		check(name, 0, "no SIGCHLD within %d ms, want %s", REPORT_MS,
		      chld_str(code, status));
		return;
	}
	check(name, si.si_code == code && si.si_status == status && si.si_pid == pid,
	      "%s, want %s; si_pid is the child: %s", chld_str(si.si_code, si.si_status),
	      chld_str(code, status), yesno(si.si_pid == pid));
}

/* ---- stop and continue, wait reports ----------------------------------------- */

/* Linux: do_signal_stop, prepare_signal (SIGCONT), wait_task_stopped, wait_task_continued */
static void
test_stop_continue_waitpid(void)
{
	int order, st = 0;
	pid_t pid = kid(NULL, 0, &order), r;

	if (pid == -1)
		return;
	EXPECT_RET("kill_sigstop", kill(pid, SIGSTOP), 0);
	r = waitpid(pid, &st, WUNTRACED);
	check("wuntraced_reports_stop", r == pid && WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP,
	      "%s, want stopped by SIGSTOP", status_str(st));
	EXPECT_RET("stop_reported_once", waitpid(pid, &st, WUNTRACED | WNOHANG), 0);
	EXPECT_RET("no_wuntraced_no_stop_report", waitpid(pid, &st, WNOHANG), 0);
	EXPECT_RET("kill_sigcont", kill(pid, SIGCONT), 0);
	EXPECT_RET("wuntraced_no_continue_report", waitpid(pid, &st, WUNTRACED | WNOHANG), 0);
	st = 0;
	r = waitpid(pid, &st, WCONTINUED);
	check("wcontinued_reports_continue", r == pid && WIFCONTINUED(st),
	      "%s, want continued", status_str(st));
	EXPECT_RET("continue_reported_once", waitpid(pid, &st, WCONTINUED | WNOHANG), 0);
	EXPECT_RET("sigcont_to_running_child", kill(pid, SIGCONT), 0);
	check_exited("exits_after_continue", release(pid, order), 0);
}

/* Linux: do_notify_parent_cldstop (CLD_STOPPED, CLD_CONTINUED), do_notify_parent */
static void
test_sigchld_sigtimedwait(void)
{
	int order, st = 0;
	pid_t pid;

	mask_one(SIG_BLOCK, SIGCHLD);
	pid = kid(NULL, 0, &order);
	if (pid == -1)
		return;
	kill(pid, SIGSTOP);
	check_sigchld("sigchld_cld_stopped", pid, CLD_STOPPED, SIGSTOP);
	waitpid(pid, &st, WUNTRACED);
	check("stopped", WIFSTOPPED(st), "%s", status_str(st));
	kill(pid, SIGCONT);
	check_sigchld("sigchld_cld_continued", pid, CLD_CONTINUED, SIGCONT);
	waitpid(pid, &st, WCONTINUED);
	check("continued", WIFCONTINUED(st), "%s", status_str(st));
	post_byte(order);
	close(order);
	check_sigchld("sigchld_cld_exited", pid, CLD_EXITED, 0);
	wait_pid(pid, &st, 0);
	check_exited("exited", st, 0);
}

static volatile sig_atomic_t nchld;
static volatile int chld_code[8], chld_status[8];
static volatile pid_t chld_pid[8];

static void
on_chld(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	if (nchld < 8) {
		chld_code[nchld] = si->si_code;
		chld_status[nchld] = si->si_status;
		chld_pid[nchld] = si->si_pid;
	}
	nchld++;
}

/*
 * await_chld - wait at most REPORT_MS for the handler to have run n times: SIGCHLD
 * is blocked except inside ppoll. A stop can be reported by wait before its
 * SIGCHLD is sent (do_signal_stop marks the stop, then notifies), and a continue
 * always is (SIGCONT marks it; the child notifies when it runs again).
 */
static void
await_chld(int n)
{
	struct timespec ts = { 0, 10 * 1000000L };
	long end = now_ms() + REPORT_MS;
	sigset_t none;

	sigemptyset(&none);
	while (nchld < n && now_ms() < end)
		ppoll(NULL, 0, &ts, &none);
}

static void
check_handled(const char *name, int i, pid_t pid, int code, int status)
{
	await_chld(i + 1);
	if (nchld <= i) {
		check(name, 0, "handler runs: %d, want %d", (int)nchld, i + 1);
		return;
	}
	check(name, chld_code[i] == code && chld_status[i] == status && chld_pid[i] == pid,
	      "%s, want %s; si_pid is the child: %s", chld_str(chld_code[i], chld_status[i]),
	      chld_str(code, status), yesno(chld_pid[i] == pid));
}

static void
test_sigchld_handler(void)
{
	int order, st = 0;
	pid_t pid;

	mask_one(SIG_BLOCK, SIGCHLD);
	set_action(SIGCHLD, on_chld, 0);
	pid = kid(NULL, 0, &order);
	if (pid == -1)
		return;
	kill(pid, SIGSTOP);
	waitpid(pid, &st, WUNTRACED);
	check_handled("handler_cld_stopped", 0, pid, CLD_STOPPED, SIGSTOP);
	kill(pid, SIGCONT);
	waitpid(pid, &st, WCONTINUED);
	check_handled("handler_cld_continued", 1, pid, CLD_CONTINUED, SIGCONT);
	st = release(pid, order);
	check_exited("exited", st, 0);
	check_handled("handler_cld_exited", 2, pid, CLD_EXITED, 0);
	check("handler_runs", nchld == 3, "%d, want 3", (int)nchld);
}

/*
 * Linux: legacy_queue — a second SIGCHLD is not queued while one is pending, so
 * the pending one keeps the first event's siginfo.
 */
static void
test_sigchld_coalesced(void)
{
	int order, st = 0;
	siginfo_t si;
	pid_t pid;

	mask_one(SIG_BLOCK, SIGCHLD);
	pid = kid(NULL, 0, &order);
	if (pid == -1)
		return;
	kill(pid, SIGSTOP);
	waitpid(pid, &st, WUNTRACED);
	kill(pid, SIGCONT);
	waitpid(pid, &st, WCONTINUED);
	st = release(pid, order);
	check_exited("exited", st, 0);
	check_sigchld("one_sigchld_of_the_stop", pid, CLD_STOPPED, SIGSTOP);
	EXPECT_ERRNO("no_second_sigchld", next_sigchld(&si, 0), EAGAIN);
}

/* waitid_check - waitid(P_PID, pid, flags) must give 0 and a code/status siginfo. */
static void
waitid_check(const char *name, pid_t pid, int flags, int code, int status)
{
	siginfo_t si;
	int r;

	memset(&si, 0, sizeof(si));
	r = waitid(P_PID, pid, &si, flags);
	check(name, r == 0 && si.si_signo == SIGCHLD && si.si_code == code &&
		    si.si_status == status && si.si_pid == pid,
	      "ret %d, si_signo %s, %s, want %s; si_pid is the child: %s", r,
	      signal_name(si.si_signo), chld_str(si.si_code, si.si_status),
	      chld_str(code, status), yesno(si.si_pid == pid));
}

/* waitid_none - waitid(P_PID, pid, flags | WNOHANG) must give 0 and si_pid 0. */
static void
waitid_none(const char *name, pid_t pid, int flags)
{
	siginfo_t si;
	int r;

	memset(&si, 0xff, sizeof(si));
	r = waitid(P_PID, pid, &si, flags | WNOHANG);
	check(name, r == 0 && si.si_pid == 0, "ret %d, si_pid == 0: %s", r,
	      yesno(si.si_pid == 0));
}

/* Linux: wait_task_stopped, wait_task_continued (WNOWAIT: the report stays) */
static void
test_waitid_stop_continue(void)
{
	int order, st = 0;
	pid_t pid = kid(NULL, 0, &order), r;

	if (pid == -1)
		return;
	kill(pid, SIGSTOP);
	waitid_check("waitid_wstopped_wnowait", pid, WSTOPPED | WNOWAIT, CLD_STOPPED, SIGSTOP);
	waitid_check("waitid_wstopped_wnowait_again", pid, WSTOPPED | WNOWAIT, CLD_STOPPED,
		     SIGSTOP);
	waitid_none("waitid_wexited_while_stopped", pid, WEXITED);
	waitid_check("waitid_wstopped", pid, WSTOPPED, CLD_STOPPED, SIGSTOP);
	waitid_none("waitid_wstopped_consumed", pid, WSTOPPED);
	EXPECT_RET("waitpid_wuntraced_consumed", waitpid(pid, &st, WUNTRACED | WNOHANG), 0);
	kill(pid, SIGCONT);
	waitid_none("waitid_wstopped_after_sigcont", pid, WSTOPPED);
	waitid_check("waitid_wcontinued_wnowait", pid, WCONTINUED | WNOWAIT, CLD_CONTINUED,
		     SIGCONT);
	r = waitpid(pid, &st, WCONTINUED | WNOHANG);
	check("waitpid_after_wnowait", r == pid && WIFCONTINUED(st),
	      "the report is still there for waitpid: %s", yesno(r == pid && WIFCONTINUED(st)));
	waitid_none("waitid_wcontinued_consumed", pid, WCONTINUED);
	post_byte(order);
	close(order);
	waitid_check("waitid_wexited", pid, WEXITED, CLD_EXITED, 0);
}

/*
 * Linux: prepare_signal (SIGCONT clears SIGNAL_STOP_STOPPED and the exit code),
 * task_participate_group_stop (a completed stop sets flags = SIGNAL_STOP_STOPPED,
 * dropping SIGNAL_STOP_CONTINUED).
 */
static void
test_reports_replace(void)
{
	int order, st = 0;
	siginfo_t si;
	pid_t pid = kid(NULL, 0, &order), r;

	if (pid == -1)
		return;
	kill(pid, SIGSTOP);
	waitid(P_PID, pid, &si, WSTOPPED | WNOWAIT);	/* stopped, report left */
	kill(pid, SIGCONT);
	EXPECT_RET("stop_report_gone_after_sigcont", waitpid(pid, &st, WUNTRACED | WNOHANG), 0);
	r = waitpid(pid, &st, WCONTINUED);
	check("continue_reported", r == pid && WIFCONTINUED(st), "%s", status_str(st));
	kill(pid, SIGSTOP);
	waitpid(pid, &st, WUNTRACED);
	kill(pid, SIGCONT);				/* continue report left */
	kill(pid, SIGSTOP);
	r = waitpid(pid, &st, WUNTRACED);
	check("stopped_again", r == pid && WIFSTOPPED(st), "%s", status_str(st));
	EXPECT_RET("continue_report_gone_after_stop", waitpid(pid, &st, WCONTINUED | WNOHANG),
		   0);
	kill(pid, SIGCONT);
	check_exited("exited", release(pid, order), 0);
}

/* Linux: do_notify_parent_cldstop checks SA_NOCLDSTOP of the parent's SIGCHLD */
static void
test_sa_nocldstop(void)
{
	int order, st = 0;
	siginfo_t si;
	pid_t pid, r;

	mask_one(SIG_BLOCK, SIGCHLD);
	set_action(SIGCHLD, on_chld, SA_NOCLDSTOP);
	pid = kid(NULL, 0, &order);
	if (pid == -1)
		return;
	kill(pid, SIGSTOP);
	r = waitpid(pid, &st, WUNTRACED);
	check("stop_still_reported", r == pid && WIFSTOPPED(st), "%s", status_str(st));
	kill(pid, SIGCONT);
	r = waitpid(pid, &st, WCONTINUED);
	check("continue_still_reported", r == pid && WIFCONTINUED(st), "%s", status_str(st));
	st = release(pid, order);
	check_exited("exited", st, 0);
	/* Had the stop or continue sent one, it would be the pending SIGCHLD. */
	check_sigchld("only_sigchld_is_the_exit", pid, CLD_EXITED, 0);
	EXPECT_ERRNO("no_other_sigchld", next_sigchld(&si, 0), EAGAIN);
	check("handler_never_ran", nchld == 0, "handler runs: %d", (int)nchld);
}

/*
 * Linux: get_signal discards SIGTSTP, SIGTTIN, SIGTTOU with the default action when
 * is_current_pgrp_orphaned(). The child's own group is not orphaned: its parent is
 * in another group of the same session.
 */
static void
test_tty_stop_signals(void)
{
	static const int sigs[] = { SIGTSTP, SIGTTIN, SIGTTOU };
	char name[64];
	int st;
	pid_t pid, r;

	for (int i = 0; i < 3; i++) {
		pid = fork_flushed();
		if (pid == 0) {
			if (setpgid(0, 0) == -1)
				_exit(10);
			raise(sigs[i]);
			_exit(0);
		}
		st = 0;
		r = waitpid(pid, &st, WUNTRACED);
		snprintf(name, sizeof(name), "%s_stops", signal_name(sigs[i]));
		check(name, r == pid && WIFSTOPPED(st) && WSTOPSIG(st) == sigs[i],
		      "%s, want stopped by %s", status_str(st), signal_name(sigs[i]));
		kill(pid, SIGCONT);
		wait_pid(pid, &st, 0);
		snprintf(name, sizeof(name), "%s_continued_exits", signal_name(sigs[i]));
		check_exited(name, st, 0);
	}
}

static volatile sig_atomic_t tstp_handled;

static void
on_tstp(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	(void)uc;
	tstp_handled++;
}

/*
 * The child leads a new session, so its group is orphaned from the start (its
 * parent is in another session). Exit codes: 10 setsid failed, 7 the SIGTSTP
 * handler ran, 8 it did not.
 */
static void
test_orphaned_pgrp_discards(void)
{
	int st = 0;
	pid_t pid = fork_flushed(), r;

	if (pid == 0) {
		if (setsid() == -1)
			_exit(10);
		raise(SIGTSTP);
		raise(SIGTTIN);
		raise(SIGTTOU);
		set_action(SIGTSTP, on_tstp, 0);
		raise(SIGTSTP);
		raise(SIGSTOP);			/* never discarded */
		_exit(tstp_handled == 1 ? 7 : 8);
	}
	r = waitpid(pid, &st, WUNTRACED);
	check("tty_stops_discarded_sigstop_stops",
	      r == pid && WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP,
	      "first report: %s, want stopped by SIGSTOP", status_str(st));
	kill(pid, SIGCONT);
	wait_pid(pid, &st, 0);
	check_exited("sigtstp_handler_still_runs", st, 7);
}

/* Linux: prepare_signal/signal_wake_up wake a stopped task for SIGKILL */
static void
test_sigkill_stopped(void)
{
	int order, st = 0;
	pid_t pid = kid(NULL, 0, &order);

	if (pid == -1)
		return;
	kill(pid, SIGSTOP);
	waitpid(pid, &st, WUNTRACED);
	check("stopped", WIFSTOPPED(st), "%s", status_str(st));
	EXPECT_RET("kill_sigkill", kill(pid, SIGKILL), 0);
	wait_pid(pid, &st, 0);
	check_killed("stopped_child_killed", st, SIGKILL);
	close(order);
}

/* ---- pending signals ----------------------------------------------------------- */

/*
 * flush_child - blocks SIGTSTP, SIGTTIN and SIGCONT; for each order byte reports
 * its pending set as bits (1 SIGTSTP, 2 SIGTTIN, 4 SIGCONT); exits 0 at end-of-file
 * (99 without an order in time).
 */
static void
flush_child(int order, int rep)
{
	sigset_t set;
	int r;

	sigemptyset(&set);
	sigaddset(&set, SIGTSTP);
	sigaddset(&set, SIGTTIN);
	sigaddset(&set, SIGCONT);
	sigprocmask(SIG_BLOCK, &set, NULL);
	post_byte(rep);
	while ((r = await_byte(order, ORDER_MS, NULL)) == 1)
		send_long(rep, is_pending(SIGTSTP) | is_pending(SIGTTIN) << 1 |
				       is_pending(SIGCONT) << 2);
	_exit(r == -1 ? 99 : 0);
}

static const char *
pending_str(long bits)
{
	static char buf[64];

	if (bits < 0)
		return "no report";
	snprintf(buf, sizeof(buf), "SIGTSTP %s, SIGTTIN %s, SIGCONT %s", yesno(bits & 1),
		 yesno(bits & 2), yesno(bits & 4));
	return buf;
}

static void
ask_pending(const char *name, int order, int rep, long want)
{
	long bits = -1;

	post_byte(order);
	if (recv_long(rep, &bits) == -1)
		bits = -1;
	check(name, bits == want, "%s, want %s", pending_str(bits), pending_str(want));
}

/* sigcont_value - queue SIGCONT with value v to pid. */
static int
sigcont_value(pid_t pid, int v)
{
	union sigval val = { .sival_int = v };

	return sigqueue(pid, SIGCONT, val);
}

/*
 * The child blocks SIGCONT; the first SIGCONT (value 1) is discarded by SIGSTOP,
 * the second (value 2) continues it and stays pending. Exit code: 10 * the value
 * sigtimedwait gave (0: none) + 1 if a second SIGCONT was pending.
 */
static int
sigstop_flush_child(int order)
{
	struct timespec zero = { 0, 0 };
	siginfo_t si;
	sigset_t set;
	int v = 0, more;

	if (await_byte(order, ORDER_MS, NULL) == -1)
		return 99;
	sigemptyset(&set);
	sigaddset(&set, SIGCONT);
	memset(&si, 0, sizeof(si));
	if (sigtimedwait(&set, &si, &zero) == SIGCONT && si.si_code == SI_QUEUE)
		v = si.si_value.sival_int;
	more = sigtimedwait(&set, &si, &zero) == SIGCONT;
	return 10 * v + more;
}

/* Linux: prepare_signal — a stop signal flushes SIGCONT, SIGCONT flushes stops */
static void
test_pending_flush(void)
{
	int order[2], rep[2], st = 0;
	pid_t pid;

	if (pipe(order) == -1 || pipe(rep) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return;
	}
	pid = fork_flushed();
	if (pid == 0) {
		close(order[1]);
		close(rep[0]);
		flush_child(order[0], rep[1]);
	}
	close(order[0]);
	close(rep[1]);
	wait_byte(rep[0]);			/* signals blocked */
	kill(pid, SIGTSTP);
	kill(pid, SIGTTIN);
	ask_pending("stop_signals_pending", order[1], rep[0], 3);
	kill(pid, SIGCONT);
	ask_pending("sigcont_discards_stop_signals", order[1], rep[0], 4);
	kill(pid, SIGTSTP);
	ask_pending("sigtstp_discards_sigcont", order[1], rep[0], 1);
	close(order[1]);
	close(rep[0]);
	wait_pid(pid, &st, 0);
	check_exited("flush_child", st, 0);

	if (pipe(order) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return;
	}
	mask_one(SIG_BLOCK, SIGCONT);		/* inherited by the child */
	pid = fork_flushed();
	if (pid == 0) {
		close(order[1]);
		_exit(sigstop_flush_child(order[0]));
	}
	close(order[0]);
	mask_one(SIG_UNBLOCK, SIGCONT);
	EXPECT_RET("sigqueue_sigcont_1", sigcont_value(pid, 1), 0);
	kill(pid, SIGSTOP);
	waitpid(pid, &st, WUNTRACED);
	check("stopped_with_sigcont_blocked", WIFSTOPPED(st), "%s", status_str(st));
	EXPECT_RET("sigqueue_sigcont_2", sigcont_value(pid, 2), 0);
	waitpid(pid, &st, WCONTINUED);
	check("blocked_sigcont_still_continues", WIFCONTINUED(st), "%s", status_str(st));
	st = release(pid, order[1]);
	check("sigstop_discards_pending_sigcont", WIFEXITED(st) && WEXITSTATUS(st) == 20,
	      "%s, want exited 20 (the pending SIGCONT is the second, alone)",
	      status_str(st));
}

/*
 * Order of handler runs after SIGCONT: each handler writes its letter to the
 * report pipe ('U' SIGUSR1, 'C' SIGCONT).
 */
static int report_fd = -1;

static void
on_report(int sig, siginfo_t *si, void *uc)
{
	char c = sig == SIGUSR1 ? 'U' : sig == SIGCONT ? 'C' : sig == SIGHUP ? 'H' : '?';

	(void)uc;
	if (si->si_code == SI_KERNEL)
		c = (char)(c + 'a' - 'A');	/* lower case: sent by the kernel */
	write(report_fd, &c, 1);
}

static void
setup_reporter(void)
{
	set_action(SIGUSR1, on_report, 0);
	set_action(SIGCONT, on_report, 0);
	post_byte(report_fd);
}

/* read_letters - what arrives on fd within REPORT_MS, up to n letters. */
static void
read_letters(int fd, char *buf, int n)
{
	int i = 0;

	while (i < n && await_byte(fd, REPORT_MS, &buf[i]) == 1)
		i++;
	buf[i] = 0;
}

/* Linux: a stopped task does not run its handlers until SIGCONT wakes it */
static void
test_stopped_defers_signals(void)
{
	int rep[2], order, st = 0;
	char c, got[4];
	pid_t pid;
	ssize_t n;

	if (pipe(rep) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return;
	}
	report_fd = rep[1];
	pid = kid(setup_reporter, 0, &order);
	close(rep[1]);
	if (pid == -1)
		return;
	wait_byte(rep[0]);
	kill(pid, SIGSTOP);
	waitpid(pid, &st, WUNTRACED);
	check("stopped", WIFSTOPPED(st), "%s", status_str(st));
	EXPECT_RET("kill_sigusr1_to_stopped", kill(pid, SIGUSR1), 0);
	fcntl(rep[0], F_SETFL, O_NONBLOCK);
	n = read(rep[0], &c, 1);
	check("no_handler_while_stopped", n == -1 && errno == EAGAIN,
	      "nothing reported while stopped: %s", yesno(n == -1 && errno == EAGAIN));
	fcntl(rep[0], F_SETFL, 0);
	kill(pid, SIGCONT);
	read_letters(rep[0], got, 2);
	check("handlers_after_sigcont",
	      strlen(got) == 2 && strchr(got, 'U') && strchr(got, 'C'),
	      "SIGUSR1 handled: %s, SIGCONT handled: %s", yesno(strchr(got, 'U') != NULL),
	      yesno(strchr(got, 'C') != NULL));
	check("handler_order", strcmp(got, "CU") == 0,
	      "\"%s\", want \"CU\": SIGUSR1 dequeued first, SIGCONT's frame built on top", got);
	check_exited("exited", release(pid, order), 0);
	close(rep[0]);
}

/* ---- process groups ------------------------------------------------------------ */

/*
 * group_kid - joins group pg (0: a new one), reports ready, then waits for hold to
 * close (ORDER_MS at most: 99) and exits 0; 10 if setpgid failed.
 */
static int
group_kid(pid_t pg, int ready, int hold)
{
	if (setpgid(0, pg) == -1)
		return 10;
	post_byte(ready);
	return await_byte(hold, ORDER_MS, NULL) == -1 ? 99 : 0;
}

/* count_reports - how many of the three kids waitpid(flags) reports as want. */
static int
count_reports(const pid_t *pids, int flags, int (*want)(int))
{
	int n = 0, st;

	for (int i = 0; i < 3; i++) {
		st = 0;
		n += wait_pid(pids[i], &st, flags) == pids[i] && want(st);
	}
	return n;
}

static int is_stopped(int st) { return WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP; }
static int is_continued(int st) { return WIFCONTINUED(st); }
static int is_killed(int st) { return WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL; }

/* Linux: __kill_pgrp_info (kill with a negative pid, killpg) */
static void
test_killpg_group(void)
{
	int ready[2], hold[2], n;
	pid_t pids[3], pg = 0;
	siginfo_t si;

	if (pipe(ready) == -1 || pipe(hold) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return;
	}
	for (int i = 0; i < 3; i++) {
		/* Each kid joins the group itself, and the parent moves it too. */
		pids[i] = fork_flushed();
		if (pids[i] == 0) {
			close(ready[0]);
			close(hold[1]);
			_exit(group_kid(pg, ready[1], hold[0]));
		}
		if (pids[i] == -1) {
			check("fork", 0, "-1 %s", errno_name(errno));
			return;
		}
		if (i == 0)
			pg = pids[0];
		setpgid(pids[i], pg);
	}
	close(ready[1]);
	close(hold[0]);
	for (int i = 0; i < 3; i++)
		wait_byte(ready[0]);
	close(ready[0]);
	EXPECT_RET("kill_pgrp_signal_0", kill(-pg, 0), 0);
	EXPECT_RET("killpg_sigstop", killpg(pg, SIGSTOP), 0);
	n = count_reports(pids, WUNTRACED, is_stopped);
	check("all_three_stopped", n == 3, "%d, want 3", n);
	EXPECT_RET("killpg_sigcont", killpg(pg, SIGCONT), 0);
	n = count_reports(pids, WCONTINUED, is_continued);
	check("all_three_continued", n == 3, "%d, want 3", n);
	EXPECT_RET("kill_minus_pgrp_sigkill", kill(-pg, SIGKILL), 0);
	for (int i = 0; i < 3; i++)
		waitid(P_PID, pids[i], &si, WEXITED | WNOWAIT);	/* a zombie now */
	/* Zombies stay in their group until reaped (release_task detaches them). */
	EXPECT_RET("kill_pgrp_signal_0_zombies", kill(-pg, 0), 0);
	n = count_reports(pids, 0, is_killed);
	check("all_three_killed", n == 3, "%d, want 3", n);
	EXPECT_ERRNO("kill_empty_pgrp_signal_0", kill(-pg, 0), ESRCH);
	EXPECT_ERRNO("killpg_empty_pgrp", killpg(pg, SIGKILL), ESRCH);
	close(hold[1]);
}

static volatile sig_atomic_t usr1_handled;

static void
on_usr1(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	(void)uc;
	usr1_handled++;
}

/*
 * A member of the uid tree: blocks until fin closes, then reports
 * id * 16 + extra + (1 SIGUSR1 pending, 2 the handler ran once unblocked) and
 * exits 0.
 * SIGUSR1 is blocked and handled (both inherited from the scenario).
 */
static int
tree_member_report(int id, int extra, int fin, int rep)
{
	int pending;

	if (await_byte(fin, ORDER_MS, NULL) == -1)
		return 99;
	pending = is_pending(SIGUSR1);
	mask_one(SIG_UNBLOCK, SIGUSR1);		/* the handler runs here if pending */
	send_long(rep, id * 16 + extra + pending + 2 * (usr1_handled == 1));
	return 0;
}

static int
become_unused_uid(void)
{
	return setuid(UNUSED_UID) == 0 && getuid() == UNUSED_UID && geteuid() == UNUSED_UID;
}

/*
 * G1 (id 1) is the one that calls kill(-1): it waits for go, sends, reports
 * kill's result as a long (0 or the errno), then joins the others.
 */
static int
tree_grandchild(int id, int go, int fin, int ready, int rep)
{
	long r;

	post_byte(ready);
	if (id == 1) {
		if (await_byte(go, ORDER_MS, NULL) == -1)
			return 99;
		/* Only ever as the unused uid: as root this would signal everything. */
		if (!become_unused_uid())
			return 98;
		r = kill(-1, SIGUSR1) == 0 ? 0 : errno;
		send_long(rep, r);
	}
	return tree_member_report(id, 0, fin, rep);
}

/*
 * C, the subreaper (id 0; its report has 4 if PR_SET_CHILD_SUBREAPER succeeded):
 * becomes the unused uid, forks G1..G3 (ids 1..3), joins the reports, reaps
 * them. Exit: 0, or 10 + id of a grandchild that failed, 20 setuid.
 */
static int
tree_root(int go, int fin, int ready, int rep)
{
	pid_t g[3];
	int st, bad = 0;

	int sub = prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0;
	if (!become_unused_uid())
		return 20;
	for (int i = 0; i < 3; i++) {
		g[i] = fork();
		if (g[i] == 0)
			_exit(tree_grandchild(i + 1, go, fin, ready, rep));
	}
	post_byte(ready);
	st = tree_member_report(0, 4 * sub, fin, rep);
	for (int i = 0; i < 3; i++)
		if (g[i] == -1 || wait_pid(g[i], &st, 0) != g[i] || !WIFEXITED(st) ||
		    WEXITSTATUS(st) != 0)
			bad = bad ? bad : 11 + i;
	return bad;
}

/* setuid_works - whether a child may become the unused uid (not when not root). */
static int
setuid_works(void)
{
	int st = 0;
	pid_t pid = fork_flushed();

	if (pid == 0)
		_exit(become_unused_uid() ? 0 : 1);
	wait_pid(pid, &st, 0);
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* Linux: kill_something_info (pid -1) skips the caller and what it may not signal */
static void
test_kill_minus_one(void)
{
	int go[2], fin[2], ready[2], rep[2], st = 0, seen[4] = { 0, 0, 0, 0 };
	long v, killret = -1;
	pid_t c;

	if (!setuid_works()) {
		check("kill_minus_one_not_run", 1, "setuid(%d) is not permitted", UNUSED_UID);
		return;
	}
	mask_one(SIG_BLOCK, SIGUSR1);
	set_action(SIGUSR1, on_usr1, 0);
	if (pipe(go) == -1 || pipe(fin) == -1 || pipe(ready) == -1 || pipe(rep) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return;
	}
	c = fork_flushed();
	if (c == 0) {
		close(go[1]);
		close(fin[1]);
		close(ready[0]);
		close(rep[0]);
		_exit(tree_root(go[0], fin[0], ready[1], rep[1]));
	}
	close(go[0]);
	close(fin[0]);
	close(ready[1]);
	close(rep[1]);
	for (int i = 0; i < 4; i++)
		wait_byte(ready[0]);
	post_byte(go[1]);
	if (recv_long(rep[0], &killret) == -1)
		killret = -1;
	check("kill_minus_one_returns_0", killret == 0, "%s",
	      killret == -1 ? "no report" : errno_name((int)killret));
	close(fin[1]);
	for (int i = 0; i < 4; i++) {
		if (recv_long(rep[0], &v) == -1)
			break;
		seen[v >> 4 & 3] = (int)(v & 7) | 8;	/* 8: reported */
	}
	check("subreaper_set", seen[0] & 4, "PR_SET_CHILD_SUBREAPER in the uid tree's root: %s",
	      yesno(seen[0] & 4));
	for (int id = 0; id < 4; id++) {
		static const char *const names[] = {
			"subreaper_signalled", "caller_not_signalled",
			"grandchild2_signalled", "grandchild3_signalled",
		};
		int bits = seen[id] & 11;
		int want = id == 1 ? 8 : 8 | 3;

		check(names[id], bits == want,
		      "reported %s, SIGUSR1 pending %s, handler ran %s", yesno(bits & 8),
		      yesno(bits & 1), yesno(bits & 2));
	}
	check("scenario_process_not_signalled", !is_pending(SIGUSR1) && usr1_handled == 0,
	      "root, another uid: SIGUSR1 pending %s", yesno(is_pending(SIGUSR1)));
	wait_pid(c, &st, 0);
	check_exited("uid_tree_status", st, 0);
	close(go[1]);
	close(ready[0]);
	close(rep[0]);
}

/*
 * G of the next scenario: a group of its own (not orphaned while its parent C, of
 * another group in the same session, lives), handlers for SIGHUP and SIGCONT that
 * report, then a stop. Exit codes: 10 setpgid failed.
 */
static int
hup_grandchild(int rep)
{
	if (setpgid(0, 0) == -1)
		return 10;
	report_fd = rep;
	set_action(SIGHUP, on_report, 0);
	set_action(SIGCONT, on_report, 0);
	raise(SIGSTOP);
	return 0;
}

/*
 * C: leads a new session, forks G, waits for G's stop, exits. Its exit makes G's
 * group orphaned (G's new parent, the scenario, is in another session). Exit codes:
 * 10 setsid, 11 fork, 12 G did not stop, 13 no pid sent.
 */
static int
hup_middle(int rep, int up)
{
	int st = 0;
	pid_t g;

	if (setsid() == -1)
		return 10;
	g = fork();
	if (g == 0)
		_exit(hup_grandchild(rep));
	if (g == -1)
		return 11;
	if (send_long(up, g) == -1)
		return 13;
	if (waitpid(g, &st, WUNTRACED) != g || !WIFSTOPPED(st))
		return 12;
	return 0;
}

/* Linux: exit_notify -> forget_original_parent -> reparent_leader -> kill_orphaned_pgrp */
static void
test_orphaned_pgrp_hup_cont(void)
{
	int rep[2], up[2], st = 0;
	long g = -1;
	char got[4];
	pid_t c;

	if (make_subreaper() == -1)
		return;
	if (pipe(rep) == -1 || pipe(up) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return;
	}
	c = fork_flushed();
	if (c == 0) {
		close(rep[0]);
		close(up[0]);
		_exit(hup_middle(rep[1], up[1]));
	}
	close(rep[1]);
	close(up[1]);
	recv_long(up[0], &g);
	close(up[0]);
	wait_pid(c, &st, 0);
	check_exited("session_leader_exits_after_stop", st, 0);
	read_letters(rep[0], got, 2);
	check("stopped_member_gets_sighup", strchr(got, 'h') != NULL,
	      "SIGHUP (si_code SI_KERNEL) handled: %s", yesno(strchr(got, 'h') != NULL));
	check("stopped_member_gets_sigcont", strchr(got, 'c') != NULL,
	      "SIGCONT (si_code SI_KERNEL) handled: %s", yesno(strchr(got, 'c') != NULL));
	check("hup_cont_handler_order", strcmp(got, "ch") == 0, "\"%s\", want \"ch\"", got);
	close(rep[0]);
	if (g > 0) {
		if (strlen(got) < 2)
			kill((pid_t)g, SIGKILL);	/* still stopped: end it */
		wait_pid((pid_t)g, &st, 0);
		check_exited("orphan_continues_and_exits", st, 0);
	}
}

int
main(void)
{
	scenario("stop_continue_waitpid", test_stop_continue_waitpid);
	scenario("sigchld_sigtimedwait", test_sigchld_sigtimedwait);
	scenario("sigchld_handler", test_sigchld_handler);
	scenario("sigchld_coalesced", test_sigchld_coalesced);
	scenario("waitid_stop_continue", test_waitid_stop_continue);
	scenario("reports_replace", test_reports_replace);
	scenario("sa_nocldstop", test_sa_nocldstop);
	scenario("tty_stop_signals", test_tty_stop_signals);
	scenario("orphaned_pgrp_discards", test_orphaned_pgrp_discards);
	scenario("sigkill_stopped", test_sigkill_stopped);
	scenario("pending_flush", test_pending_flush);
	scenario("stopped_defers_signals", test_stopped_defers_signals);
	scenario("killpg_group", test_killpg_group);
	scenario("kill_minus_one", test_kill_minus_one);
	scenario("orphaned_pgrp_hup_cont", test_orphaned_pgrp_hup_cont);
	return check_summary();
}
