/*
 * signal_restart — what a signal does to a blocking system call: EINTR, a
 * transparent restart (SA_RESTART, or a stop and SIGCONT without a handler), a
 * partial count, and the temporary signal masks of ppoll, pselect and sigsuspend.
 *
 * Scenarios, each in a child of its own (lib/lifecycle.h):
 *	read_eintr		read() of an empty pipe, handler without SA_RESTART:
 *				-1 EINTR
 *	read_sa_restart		with SA_RESTART the read restarts (three handler runs)
 *				and returns the data written afterwards
 *	write_partial		a blocking write of 8192 bytes into a pipe with room for
 *				4096: the signal makes it return the partial count, with
 *				or without SA_RESTART; into a full pipe: -1 EINTR
 *	wait_eintr		waitpid: EINTR without SA_RESTART, restarted with it
 *	nanosleep_eintr		nanosleep, clock_nanosleep (relative, absolute): EINTR
 *				even with SA_RESTART, and the remaining time is in
 *				(0, requested + 1 ms] (see rem_ok: the timer slack)
 *	pause_sigsuspend_eintr	pause() and sigsuspend(): EINTR even with SA_RESTART
 *	poll_select_eintr	poll, ppoll, select, pselect, with and without a
 *				timeout: EINTR even with SA_RESTART
 *	sigtimedwait_eintr	sigtimedwait and sigwaitinfo for SIGUSR2, a SIGUSR1
 *				handler (SA_RESTART) runs: EINTR
 *	ppoll_mask		ppoll's mask unblocks a pending signal: the handler runs
 *				with that mask + its sa_mask + itself, ppoll gives EINTR,
 *				the old mask is back; with a ready fd the count wins and
 *				the signal stays pending
 *	pselect_mask		the same for pselect
 *	sigsuspend_mask		the same for sigsuspend; a signal blocked by its mask
 *				stays pending
 *	ignored_no_interrupt	SIGUSR1 with SIG_IGN, SIGCHLD with SIG_DFL: a blocking
 *				read is not interrupted; SIGCHLD with a handler: EINTR
 *				without SA_RESTART, restarted with it
 *	stop_cont_restarts	a child stopped and continued (no handlers) inside
 *				read, nanosleep, poll with a timeout: each completes as
 *				if nothing happened
 *	stop_cont_sigtimedwait	but sigtimedwait gives EINTR (signal(7): Linux-only)
 *
 * A helper process sends the signals: either again and again, POKE_MS apart, until
 * the caller's call has returned (so one of them lands while the caller blocks,
 * whatever the scheduling), or a fixed number of times, each after the previous
 * one's handler has acknowledged it through a pipe. Either way the outcome printed
 * does not depend on timing. Helpers and waits are bounded (ORDER_MS, REPORT_MS).
 *
 * qemu-user (7.2) does not apply sa_mask to a riscv64 guest's handler (not even
 * for a plain raise()), so the *_handler_mask lines fail under it.
 */
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <sys/select.h>
#include <time.h>

#include "lib/check.h"
#include "lib/lifecycle.h"
#include "lib/signals.h"

#define POKE_MS 10		/* between two signals of a helper */
#define ORDER_MS 10000		/* how long a helper waits for its go */
#define REPORT_MS 5000		/* how long anyone waits for an acknowledgement */
#define MAX_POKES 1000

/* ---- helpers ---------------------------------------------------------------- */

static void
sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static volatile sig_atomic_t handled;	/* handler runs */
static int ack_fd = -1;			/* the handler writes a byte here if >= 0 */
static int ack_rd = -1;			/* ... which the helper reads here */
static sigset_t handler_mask;		/* the mask on_record saw */

static void
on_sig(int sig)
{
	int saved = errno;

	(void)sig;
	handled++;
	if (ack_fd >= 0)
		write(ack_fd, "a", 1);
	errno = saved;
}

static void
on_record(int sig)
{
	(void)sig;
	sigprocmask(SIG_BLOCK, NULL, &handler_mask);
	handled++;
}

/* catch_sig - handler fn for sig with flags; sa_mask holds extra (0: none). */
static void
catch_sig(int sig, void (*fn)(int), int flags, int extra)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	if (extra)
		sigaddset(&sa.sa_mask, extra);
	sigaction(sig, &sa, NULL);
}

/* setup_ack - the pipe through which on_sig acknowledges each run. */
static int
setup_ack(void)
{
	int p[2];

	if (pipe2(p, O_CLOEXEC) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return -1;
	}
	ack_rd = p[0];
	ack_fd = p[1];
	return 0;
}

/* A helper process and the write ends of its go and done pipes. */
struct helper {
	pid_t pid;
	int go, done;
	int reaped;
};

/*
 * helper_run - in the helper: wait for go, then
 *	pulses == 0: send sig to the parent every POKE_MS until done gets a byte or
 *		end-of-file (MAX_POKES at most);
 *	pulses > 0: send sig that many times POKE_MS apart, each time waiting for the
 *		handler's acknowledgement if ack_rd >= 0, then write "data" to out
 *		(if out >= 0);
 * and exit with code (99 if go never came, 98 if an acknowledgement did not).
 */
static void
helper_run(int go, int done, int sig, int pulses, int out, int code)
{
	pid_t parent = getppid();

	if (await_byte(go, ORDER_MS, NULL) != 1)
		_exit(99);
	if (pulses == 0) {
		for (int i = 0; i < MAX_POKES; i++) {
			kill(parent, sig);
			if (await_byte(done, POKE_MS, NULL) != -1)
				break;
		}
		_exit(code);
	}
	for (int i = 0; i < pulses; i++) {
		sleep_ms(POKE_MS);
		kill(parent, sig);
		if (ack_rd >= 0 && await_byte(ack_rd, REPORT_MS, NULL) != 1)
			_exit(98);
	}
	if (out >= 0)
		write_full(out, "data", 4);
	_exit(code);
}

static int
helper_start(struct helper *h, int sig, int pulses, int out, int code)
{
	int g[2], d[2];

	memset(h, 0, sizeof(*h));
	if (pipe2(g, O_CLOEXEC) == -1 || pipe2(d, O_CLOEXEC) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return -1;
	}
	h->pid = fork_flushed();
	if (h->pid == 0) {
		close(g[1]);
		close(d[1]);
		helper_run(g[0], d[0], sig, pulses, out, code);
	}
	close(g[0]);
	close(d[0]);
	if (h->pid == -1) {
		check("fork", 0, "-1 %s", errno_name(errno));
		close(g[1]);
		close(d[1]);
		return -1;
	}
	h->go = g[1];
	h->done = d[1];
	return 0;
}

/* helper_go - let the helper start sending. */
static void
helper_go(struct helper *h)
{
	post_byte(h->go);
}

/* helper_end - stop the helper and reap it (unless the caller did); its status. */
static int
helper_end(struct helper *h)
{
	int st = -1;

	close(h->go);
	close(h->done);
	if (!h->reaped)
		wait_pid(h->pid, &st, 0);
	return st;
}

/* check_call - a call that must have given -1 with errno want (ret, err). */
static void
check_call(const char *prefix, const char *what, long ret, int err, int want)
{
	char name[96];

	snprintf(name, sizeof(name), "%s%s", prefix, what);
	check_errno(name, ret, err, want);
}

static const char *
flags_prefix(int flags)
{
	return flags & SA_RESTART ? "sa_restart_" : "";
}

/* ---- read, write, wait ---------------------------------------------------------- */

/* Linux: pipe_read returns -ERESTARTSYS; arch_do_signal_or_restart turns it to EINTR */
static void
test_read_eintr(void)
{
	struct helper h;
	char buf[8];
	ssize_t r;
	int p[2], err;

	catch_sig(SIGUSR1, on_sig, 0, 0);
	if (pipe(p) == -1 || helper_start(&h, SIGUSR1, 0, -1, 0) == -1)
		return;
	helper_go(&h);
	errno = 0;
	r = read(p[0], buf, sizeof(buf));
	err = errno;
	check_exited("helper", helper_end(&h), 0);
	check_errno("read_interrupted", r, err, EINTR);
	check("handler_ran", handled > 0, "%s", yesno(handled > 0));
}

/* Linux: handle_signal with SA_RESTART rewinds the pc to the ecall/syscall */
static void
test_read_sa_restart(void)
{
	struct helper h;
	char buf[8] = "";
	ssize_t r;
	int p[2], err;

	catch_sig(SIGUSR1, on_sig, SA_RESTART, 0);
	if (pipe(p) == -1 || setup_ack() == -1 ||
	    helper_start(&h, SIGUSR1, 3, p[1], 0) == -1)
		return;
	close(p[1]);			/* end-of-file if the helper dies */
	helper_go(&h);
	errno = 0;
	r = read(p[0], buf, sizeof(buf));
	err = errno;
	check_exited("helper", helper_end(&h), 0);
	check_ret("read_restarted", r, err, 4);
	check("read_data", r == 4 && memcmp(buf, "data", 4) == 0, "the helper's bytes: %s",
	      yesno(r == 4 && memcmp(buf, "data", 4) == 0));
	check_long("handler_runs", handled, 3);
}

/* fill_pipe - fill p[1] with 4096-byte writes, then read 4096 back; the bytes left. */
static long
fill_pipe(int p[2])
{
	static char buf[4096];
	long filled = 0;
	ssize_t r;

	fcntl(p[1], F_SETFL, O_NONBLOCK);
	while ((r = write(p[1], buf, sizeof(buf))) > 0)
		filled += r;
	fcntl(p[1], F_SETFL, 0);
	return filled - read_full(p[0], buf, sizeof(buf));
}

/* drain - the bytes readable from fd without blocking. */
static long
drain(int fd)
{
	static char buf[4096];
	long total = 0;
	ssize_t r;

	fcntl(fd, F_SETFL, O_NONBLOCK);
	while ((r = read(fd, buf, sizeof(buf))) > 0)
		total += r;
	return total;
}

/*
 * Linux: pipe_write — when it must wait and a signal is pending it returns what it
 * wrote, or -ERESTARTSYS if nothing; a partial count is never restarted.
 */
static void
write_partial(int flags)
{
	static char buf[8192];
	struct helper h;
	char name[64];
	long left;
	ssize_t r;
	int p[2], err;

	catch_sig(SIGUSR1, on_sig, flags, 0);
	if (pipe(p) == -1)
		return;
	left = fill_pipe(p);
	if (helper_start(&h, SIGUSR1, 0, -1, 0) == -1)
		return;
	helper_go(&h);
	errno = 0;
	r = write(p[1], buf, sizeof(buf));
	err = errno;
	helper_end(&h);
	snprintf(name, sizeof(name), "%swrite_partial_count", flags_prefix(flags));
	check(name, r > 0 && r < (ssize_t)sizeof(buf), "returned a count in (0, 8192): %s%s%s",
	      yesno(r > 0 && r < (ssize_t)sizeof(buf)), r == -1 ? ", -1 " : "",
	      r == -1 ? errno_name(err) : "");
	snprintf(name, sizeof(name), "%swrite_partial_bytes_in_pipe", flags_prefix(flags));
	left = drain(p[0]) - left;
	check(name, left == r, "the pipe holds the bytes left + the count: %s",
	      yesno(left == r));
	close(p[0]);
	close(p[1]);
}

static void
test_write_partial(void)
{
	static char buf[4096];
	struct helper h;
	ssize_t r;
	int p[2], err;

	write_partial(0);
	write_partial(SA_RESTART);
	/* Nothing written: -ERESTARTSYS, EINTR without SA_RESTART. */
	catch_sig(SIGUSR1, on_sig, 0, 0);
	if (pipe(p) == -1)
		return;
	fill_pipe(p);
	write_full(p[1], buf, 4096);
	if (helper_start(&h, SIGUSR1, 0, -1, 0) == -1)
		return;
	helper_go(&h);
	errno = 0;
	r = write(p[1], buf, 1000);
	err = errno;
	helper_end(&h);
	check_errno("write_full_pipe_interrupted", r, err, EINTR);
}

/* Linux: do_wait returns -ERESTARTSYS */
static void
test_wait_eintr(void)
{
	struct helper h;
	int st = 0, err;
	pid_t r;

	catch_sig(SIGUSR1, on_sig, 0, 0);
	if (helper_start(&h, SIGUSR1, 0, -1, 5) == -1)
		return;
	helper_go(&h);		/* the helper is the child waited for */
	errno = 0;
	r = waitpid(h.pid, &st, 0);
	err = errno;
	check_errno("waitpid_interrupted", r, err, EINTR);
	check_exited("helper", helper_end(&h), 5);

	catch_sig(SIGUSR1, on_sig, SA_RESTART, 0);
	handled = 0;
	if (setup_ack() == -1 || helper_start(&h, SIGUSR1, 3, -1, 7) == -1)
		return;
	helper_go(&h);
	errno = 0;
	st = 0;
	r = waitpid(h.pid, &st, 0);
	err = errno;
	check("sa_restart_waitpid_restarted", r == h.pid, "returned the child: %s%s%s",
	      yesno(r == h.pid), r == -1 ? ", -1 " : "", r == -1 ? errno_name(err) : "");
	check_exited("sa_restart_waitpid_status", st, 7);
	check_long("handler_runs", handled, 3);
	h.reaped = r == h.pid;
	helper_end(&h);
}

/* ---- never restarted after a handler --------------------------------------------- */

/*
 * rem_ok - 0 < rem <= 5 s + 1 ms. Linux computes the remaining time from the
 * timer's hard expiry, which includes the timer slack (50 us by default): a sleep
 * interrupted at once reports slightly more than was requested.
 */
static int
rem_ok(const struct timespec *rem)
{
	return (rem->tv_sec > 0 || rem->tv_nsec > 0) &&
	       (rem->tv_sec < 5 || (rem->tv_sec == 5 && rem->tv_nsec <= 1000000));
}

/* nanosleep_cases - one set with handler flags. */
static void
nanosleep_cases(int flags)
{
	struct timespec req = { 5, 0 }, rem = { -1, 0 }, abs;
	struct helper h;
	char name[64];
	long r;
	int err;

	catch_sig(SIGUSR1, on_sig, flags, 0);
	if (helper_start(&h, SIGUSR1, 0, -1, 0) == -1)
		return;
	helper_go(&h);
	errno = 0;
	r = nanosleep(&req, &rem);
	err = errno;
	helper_end(&h);
	check_call(flags_prefix(flags), "nanosleep_interrupted", r, err, EINTR);
	snprintf(name, sizeof(name), "%snanosleep_remaining", flags_prefix(flags));
	check(name, rem_ok(&rem), "0 < remaining <= requested + 1 ms: %s", yesno(rem_ok(&rem)));

	rem.tv_sec = -1;
	if (helper_start(&h, SIGUSR1, 0, -1, 0) == -1)
		return;
	helper_go(&h);
	r = clock_nanosleep(CLOCK_MONOTONIC, 0, &req, &rem);
	helper_end(&h);
	snprintf(name, sizeof(name), "%sclock_nanosleep_interrupted", flags_prefix(flags));
	check(name, r == EINTR && rem_ok(&rem),
	      "returns %s, 0 < remaining <= requested + 1 ms: %s", errno_name((int)r),
	      yesno(rem_ok(&rem)));

	clock_gettime(CLOCK_MONOTONIC, &abs);
	abs.tv_sec += 5;
	if (helper_start(&h, SIGUSR1, 0, -1, 0) == -1)
		return;
	helper_go(&h);
	r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL);
	helper_end(&h);
	snprintf(name, sizeof(name), "%sclock_nanosleep_abstime_interrupted",
		 flags_prefix(flags));
	check(name, r == EINTR, "returns %s, want EINTR", errno_name((int)r));
}

/* Linux: hrtimer_nanosleep returns -ERESTART_RESTARTBLOCK: EINTR after a handler */
static void
test_nanosleep_eintr(void)
{
	nanosleep_cases(0);
	nanosleep_cases(SA_RESTART);
}

/* Linux: sys_pause and sigsuspend return -ERESTARTNOHAND */
static void
test_pause_sigsuspend_eintr(void)
{
	struct helper h;
	sigset_t set, none;
	long r;
	int err;

	catch_sig(SIGUSR1, on_sig, SA_RESTART, 0);
	if (helper_start(&h, SIGUSR1, 0, -1, 0) == -1)
		return;
	helper_go(&h);
	errno = 0;
	r = pause();
	err = errno;
	helper_end(&h);
	check_errno("sa_restart_pause_interrupted", r, err, EINTR);

	/* A pending signal that sigsuspend's mask unblocks: no helper needed. */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	raise(SIGUSR1);
	sigemptyset(&none);
	EXPECT_ERRNO("sa_restart_sigsuspend_interrupted", sigsuspend(&none), EINTR);
}

/* Linux: do_sys_poll, core_sys_select give -ERESTARTNOHAND (or RESTARTBLOCK) */
static void
test_poll_select_eintr(void)
{
	static const char *const names[] = {
		"poll_infinite", "poll_timeout", "ppoll_null_timeout", "ppoll_timeout",
		"select_null_timeout", "select_timeout", "pselect_null_timeout",
		"pselect_timeout",
	};
	struct timespec ts;
	struct timeval tv;
	struct helper h;
	struct pollfd pfd;
	fd_set rd;
	long r;
	int p[2], err;

	catch_sig(SIGUSR1, on_sig, SA_RESTART, 0);
	if (pipe(p) == -1)
		return;
	for (int i = 0; i < 8; i++) {
		pfd.fd = p[0];
		pfd.events = POLLIN;
		FD_ZERO(&rd);
		FD_SET(p[0], &rd);
		ts.tv_sec = tv.tv_sec = 10;
		ts.tv_nsec = tv.tv_usec = 0;
		if (helper_start(&h, SIGUSR1, 0, -1, 0) == -1)
			return;
		helper_go(&h);
		errno = 0;
		switch (i) {
		case 0: r = poll(&pfd, 1, -1); break;
		case 1: r = poll(&pfd, 1, 10000); break;
		case 2: r = ppoll(&pfd, 1, NULL, NULL); break;
		case 3: r = ppoll(&pfd, 1, &ts, NULL); break;
		case 4: r = select(p[0] + 1, &rd, NULL, NULL, NULL); break;
		case 5: r = select(p[0] + 1, &rd, NULL, NULL, &tv); break;
		case 6: r = pselect(p[0] + 1, &rd, NULL, NULL, NULL, NULL); break;
		default: r = pselect(p[0] + 1, &rd, NULL, NULL, &ts, NULL); break;
		}
		err = errno;
		helper_end(&h);
		check_call("sa_restart_", names[i], r, err, EINTR);
	}
}

/* Linux: do_sigtimedwait returns -EINTR when another signal woke it */
static void
test_sigtimedwait_eintr(void)
{
	struct timespec ts = { 10, 0 };
	struct helper h;
	siginfo_t si;
	sigset_t set;
	long r;
	int err;

	catch_sig(SIGUSR1, on_sig, SA_RESTART, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	for (int i = 0; i < 2; i++) {
		if (helper_start(&h, SIGUSR1, 0, -1, 0) == -1)
			return;
		helper_go(&h);
		errno = 0;
		r = i == 0 ? sigtimedwait(&set, &si, &ts) : sigwaitinfo(&set, &si);
		err = errno;
		helper_end(&h);
		check_call("sa_restart_", i == 0 ? "sigtimedwait_interrupted" :
			   "sigwaitinfo_interrupted", r, err, EINTR);
	}
	check("handler_ran", handled > 0, "%s", yesno(handled > 0));
}

/* ---- temporary masks ------------------------------------------------------------ */

/*
 * check_mask - in set, the members among SIGUSR1, SIGUSR2, SIGINT, SIGTERM must be
 * those of want (bits 1, 2, 4, 8 in that order).
 */
static void
check_mask(const char *name, const sigset_t *set, int want)
{
	static const int sigs[] = { SIGUSR1, SIGUSR2, SIGINT, SIGTERM };
	int got = 0;

	for (int i = 0; i < 4; i++)
		got |= (sigismember(set, sigs[i]) == 1) << i;
	check(name, got == want, "SIGUSR1 %s, SIGUSR2 %s, SIGINT %s, SIGTERM %s",
	      yesno(got & 1), yesno(got & 2), yesno(got & 4), yesno(got & 8));
}

/* current_mask - the caller's mask, into a static set. */
static const sigset_t *
current_mask(void)
{
	static sigset_t cur;

	sigprocmask(SIG_BLOCK, NULL, &cur);
	return &cur;
}

/*
 * mask_scenario - SIGUSR1 blocked and pending, a SIGUSR1 handler (SA_RESTART,
 * sa_mask SIGINT); call(fd, ready) waits on fd with mask {SIGUSR2}. An empty pipe:
 * EINTR, the handler saw USR1+USR2+INT. A readable pipe: the count, no handler,
 * SIGUSR1 still pending. Linux: set_user_sigmask, restore_saved_sigmask_unless.
 */
static void
mask_scenario(const char *what, long (*call)(int fd, const sigset_t *mask))
{
	sigset_t usr1, usr2;
	char name[96];
	int p[2];
	long r;
	int err;

	catch_sig(SIGUSR1, on_record, SA_RESTART, SIGINT);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	sigprocmask(SIG_SETMASK, &usr1, NULL);
	if (pipe(p) == -1)
		return;
	raise(SIGUSR1);
	errno = 0;
	r = call(p[0], &usr2);
	err = errno;
	snprintf(name, sizeof(name), "%s_unblocks_pending", what);
	check_errno(name, r, err, EINTR);
	snprintf(name, sizeof(name), "%s_handler_ran_once", what);
	check_long(name, handled, 1);
	snprintf(name, sizeof(name), "%s_handler_mask", what);
	check_mask(name, &handler_mask, 1 | 2 | 4);
	snprintf(name, sizeof(name), "%s_old_mask_back", what);
	check_mask(name, current_mask(), 1);

	raise(SIGUSR1);
	write_full(p[1], "x", 1);
	errno = 0;
	r = call(p[0], &usr2);
	err = errno;
	snprintf(name, sizeof(name), "%s_ready_fd", what);
	check_ret(name, r, err, 1);
	snprintf(name, sizeof(name), "%s_ready_fd_no_handler", what);
	check_long(name, handled, 1);
	snprintf(name, sizeof(name), "%s_ready_fd_signal_still_pending", what);
	check(name, is_pending(SIGUSR1) && is_blocked(SIGUSR1), "SIGUSR1 pending %s, blocked %s",
	      yesno(is_pending(SIGUSR1)), yesno(is_blocked(SIGUSR1)));
	sigprocmask(SIG_UNBLOCK, &usr1, NULL);
	snprintf(name, sizeof(name), "%s_handled_once_unblocked", what);
	check_long(name, handled, 2);
	close(p[0]);
	close(p[1]);
}

static long
call_ppoll(int fd, const sigset_t *mask)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	struct timespec ts = { 10, 0 };

	return ppoll(&pfd, 1, &ts, mask);
}

static long
call_pselect(int fd, const sigset_t *mask)
{
	struct timespec ts = { 10, 0 };
	fd_set rd;

	FD_ZERO(&rd);
	FD_SET(fd, &rd);
	return pselect(fd + 1, &rd, NULL, NULL, &ts, mask);
}

static void
test_ppoll_mask(void)
{
	mask_scenario("ppoll", call_ppoll);
}

static void
test_pselect_mask(void)
{
	mask_scenario("pselect", call_pselect);
}

/* Linux: sigsuspend sets saved_sigmask; restore_saved_sigmask after the frame */
static void
test_sigsuspend_mask(void)
{
	sigset_t both, usr2;

	catch_sig(SIGUSR1, on_record, 0, SIGINT);
	catch_sig(SIGUSR2, on_record, 0, 0);
	sigemptyset(&both);
	sigaddset(&both, SIGUSR1);
	sigaddset(&both, SIGUSR2);
	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	sigprocmask(SIG_SETMASK, &both, NULL);
	raise(SIGUSR1);
	raise(SIGUSR2);
	EXPECT_ERRNO("sigsuspend_interrupted", sigsuspend(&usr2), EINTR);
	check_long("sigsuspend_one_handler_ran", handled, 1);
	check_mask("sigsuspend_handler_mask", &handler_mask, 1 | 2 | 4);
	check_mask("sigsuspend_old_mask_back", current_mask(), 1 | 2);
	check("sigsuspend_masked_signal_pending", is_pending(SIGUSR2) && !is_pending(SIGUSR1),
	      "SIGUSR2 pending %s, SIGUSR1 pending %s", yesno(is_pending(SIGUSR2)),
	      yesno(is_pending(SIGUSR1)));
}

/* ---- signals that do not interrupt ---------------------------------------------- */

/*
 * read_through - sig (its disposition already set) is sent three times while the
 * caller reads an empty pipe (each acknowledged by on_sig if acked), then the data
 * is written: the read must return the data.
 */
static void
read_through(const char *name, int sig, int acked)
{
	struct helper h;
	char buf[8] = "";
	ssize_t r;
	int p[2], err;

	if (pipe(p) == -1)
		return;
	if (acked && setup_ack() == -1)
		return;
	if (helper_start(&h, sig, 3, p[1], 0) == -1)
		return;
	close(p[1]);
	helper_go(&h);
	errno = 0;
	r = read(p[0], buf, sizeof(buf));
	err = errno;
	helper_end(&h);
	check(name, r == 4 && memcmp(buf, "data", 4) == 0, "read returned the data: %s%s%s",
	      yesno(r == 4 && memcmp(buf, "data", 4) == 0), r == -1 ? ", -1 " : "",
	      r == -1 ? errno_name(err) : "");
	close(p[0]);
	if (acked) {
		close(ack_fd);
		close(ack_rd);
		ack_fd = ack_rd = -1;
	}
}

/* Linux: sig_ignored / sig_task_ignored drop these at send time (prepare_signal) */
static void
test_ignored_no_interrupt(void)
{
	struct helper h;
	char buf[4];
	ssize_t r;
	int p[2], err;

	signal(SIGUSR1, SIG_IGN);
	read_through("sig_ign_read_not_interrupted", SIGUSR1, 0);
	signal(SIGCHLD, SIG_DFL);
	read_through("sigchld_default_read_not_interrupted", SIGCHLD, 0);
	check_long("no_handler_ran", handled, 0);
	catch_sig(SIGCHLD, on_sig, SA_RESTART, 0);
	read_through("sigchld_handler_sa_restart_read_restarted", SIGCHLD, 1);
	/* The helper's own exit adds a SIGCHLD of its own. */
	check("sigchld_handler_runs", handled >= 3, "at least 3: %s", yesno(handled >= 3));

	catch_sig(SIGCHLD, on_sig, 0, 0);
	if (pipe(p) == -1 || helper_start(&h, SIGCHLD, 0, -1, 0) == -1)
		return;
	helper_go(&h);
	errno = 0;
	r = read(p[0], buf, sizeof(buf));
	err = errno;
	helper_end(&h);
	check_errno("sigchld_handler_read_interrupted", r, err, EINTR);
}

/* ---- stop and continue ------------------------------------------------------------ */

/*
 * stop_cycles - stop and continue pid up to n times, POKE_MS apart, until report
 * has a byte or end-of-file (report < 0: all n cycles) or pid has exited. The waits
 * use WNOWAIT and also take exits, so they neither reap pid nor block on a zombie.
 * Returns 1 if the report came, 0 if not, -1 if a wait gave something other than
 * the stop, the continue or an exit (*odd: what it gave).
 */
static int
stop_cycles(pid_t pid, int report, int n, char *odd, size_t oddlen)
{
	static const int flags[2] = { WSTOPPED, WCONTINUED };
	static const int want[2] = { CLD_STOPPED, CLD_CONTINUED };
	siginfo_t si;
	int r;

	for (int i = 0; i < n; i++) {
		for (int j = 0; j < 2; j++) {
			kill(pid, j == 0 ? SIGSTOP : SIGCONT);
			memset(&si, 0, sizeof(si));
			r = waitid(P_PID, pid, &si, flags[j] | WEXITED | WNOWAIT);
			if (r == 0 && si.si_code == want[j])
				continue;
			if (r == 0 && si.si_code == CLD_EXITED)
				return 0;
			snprintf(odd, oddlen, "waitid after %s: %s, si_code %d",
				 j == 0 ? "SIGSTOP" : "SIGCONT", r == 0 ? "0" :
				 errno_name(errno), si.si_code);
			return -1;
		}
		if (report >= 0 && await_byte(report, POKE_MS, NULL) != -1)
			return 1;
		if (report < 0)
			sleep_ms(POKE_MS);
	}
	return 0;
}

/* The calls of the stopped child; each returns its exit code (0: as if undisturbed). */
static int
blocked_read(int fd)
{
	char buf[8];
	ssize_t r = read(fd, buf, sizeof(buf));

	if (r == -1)
		return errno == EINTR ? 1 : 2;
	return r == 4 && memcmp(buf, "data", 4) == 0 ? 0 : 3;
}

static int
blocked_nanosleep(int fd)
{
	struct timespec req = { 0, 200 * 1000000L };
	long t0 = now_ms(), r;

	(void)fd;
	r = nanosleep(&req, NULL);
	if (r == -1)
		return errno == EINTR ? 1 : 2;
	return now_ms() - t0 >= 200 ? 0 : 3;	/* 3: woke early */
}

static int
blocked_poll(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	long t0 = now_ms(), r;

	r = poll(&pfd, 1, 200);
	if (r == -1)
		return errno == EINTR ? 1 : 2;
	return r == 0 && now_ms() - t0 >= 200 ? 0 : 3;
}

static int
blocked_sigtimedwait(int fd)
{
	struct timespec ts = { 10, 0 };
	sigset_t set;
	int r;

	(void)fd;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	r = sigtimedwait(&set, NULL, &ts);
	if (r == -1)
		return errno == EINTR ? 1 : errno == EAGAIN ? 4 : 2;
	return 0;
}

/*
 * stopped_child - fork a child that runs fn(data pipe) and reports on a pipe when
 * it returns; stop and continue it until then (or 3 times, then write the data, if
 * fixed), and return its exit status. Exit codes: those of fn.
 */
static int
stopped_child(const char *name, int (*fn)(int), int fixed)
{
	int data[2], rep[2], st = -1, code, got;
	char odd[96] = "";
	pid_t pid;

	if (pipe(data) == -1 || pipe(rep) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return -1;
	}
	pid = fork_flushed();
	if (pid == 0) {
		close(data[1]);
		close(rep[0]);
		post_byte(rep[1]);		/* ready */
		code = fn(data[0]);
		post_byte(rep[1]);
		_exit(code);
	}
	close(data[0]);
	close(rep[1]);
	wait_byte(rep[0]);
	got = stop_cycles(pid, fixed ? -1 : rep[0], fixed ? 3 : MAX_POKES, odd, sizeof(odd));
	if (fixed)
		write_full(data[1], "data", 4);
	if (got != 1)
		await_byte(rep[0], REPORT_MS, NULL);	/* closing the pipes would disturb fn */
	if (got == -1)
		check(name, 0, "%s", odd);
	close(data[1]);
	close(rep[0]);
	wait_pid(pid, &st, 0);
	return st;
}

/* Linux: -ERESTARTSYS / -ERESTART_RESTARTBLOCK with no handler: restarted (restart_syscall) */
static void
test_stop_cont_restarts(void)
{
	int st;

	st = stopped_child("stopped_read_cycles", blocked_read, 1);
	check_exited("stopped_read_returns_data", st, 0);
	st = stopped_child("stopped_nanosleep_cycles", blocked_nanosleep, 0);
	check_exited("stopped_nanosleep_completes", st, 0);
	st = stopped_child("stopped_poll_cycles", blocked_poll, 0);
	check_exited("stopped_poll_times_out", st, 0);
}

/*
 * Linux: do_sigtimedwait returns -EINTR itself, which is never restarted: signal(7)
 * lists it among the calls that fail with EINTR after a stop and SIGCONT. Exit 1.
 */
static void
test_stop_cont_sigtimedwait(void)
{
	int st = stopped_child("stopped_sigtimedwait_cycles", blocked_sigtimedwait, 0);

	check_exited("stopped_sigtimedwait_eintr", st, 1);
}

int
main(void)
{
	scenario("read_eintr", test_read_eintr);
	scenario("read_sa_restart", test_read_sa_restart);
	scenario("write_partial", test_write_partial);
	scenario("wait_eintr", test_wait_eintr);
	scenario("nanosleep_eintr", test_nanosleep_eintr);
	scenario("pause_sigsuspend_eintr", test_pause_sigsuspend_eintr);
	scenario("poll_select_eintr", test_poll_select_eintr);
	scenario("sigtimedwait_eintr", test_sigtimedwait_eintr);
	scenario("ppoll_mask", test_ppoll_mask);
	scenario("pselect_mask", test_pselect_mask);
	scenario("sigsuspend_mask", test_sigsuspend_mask);
	scenario("ignored_no_interrupt", test_ignored_no_interrupt);
	scenario("stop_cont_restarts", test_stop_cont_restarts);
	scenario("stop_cont_sigtimedwait", test_stop_cont_sigtimedwait);
	return check_summary();
}
