/*
 * signal_queue — pending signal queues: standard signals coalesce, real-time
 * signals queue with their siginfo, the order they leave the queue in (by a
 * handler or by sigtimedwait), RLIMIT_SIGPENDING, rt_sigqueueinfo's permission
 * rule, and what fork() does to pending signals.
 *
 * Scenarios, each in a child of its own (lib/lifecycle.h):
 *	coalesce_standard	SIGUSR1 sent 3 times while blocked runs once; the first
 *				siginfo is the one kept (sigqueue values 1, 2, 3: 1)
 *	rt_queue_order		SIGRTMIN+2 queued 5 times (values 1..5): 5 handler runs
 *				in order, each SI_QUEUE with its value
 *	rt_lowest_first		SIGRTMIN+1..+3, each twice, and SIGUSR1, sent
 *				interleaved: lowest signal first, each in queue order
 *	rt_kill_queues		kill() of an RT signal queues too: kill, sigqueue,
 *				kill leave as SI_USER, SI_QUEUE, SI_USER
 *	sigwaitinfo_order	sigwaitinfo takes queued RT signals one at a time, lowest
 *				first, with si_value, SI_QUEUE, si_pid
 *	sigtimedwait_timeouts	zero timeout: EAGAIN; 50 ms: EAGAIN after >= 40 ms; a bad
 *				timespec: EINVAL even with a signal pending; a signal
 *				pending before the call is returned; bad sigsetsize
 *	rlimit_sigpending	RLIMIT_SIGPENDING 5: five sigqueues, then EAGAIN; kill()
 *				over the limit succeeds with its siginfo lost; tgkill of
 *				an RT signal: EAGAIN; standard signals are not limited
 *	sigqueueinfo_other	rt_sigqueueinfo / rt_tgsigqueueinfo to another process
 *				with si_code >= 0 or SI_TKILL: EPERM; a wrong tgid:
 *				ESRCH; SI_QUEUE arrives with si_pid as the sender wrote it
 *	sigqueueinfo_self	to itself SI_USER and SI_TKILL are allowed; si_signo is
 *				the kernel's, si_pid the sender's
 *	sigqueue_errors		sigqueue to a reaped child: ESRCH; signal 0: 0; 65: EINVAL
 *	fork_pending		the fork child's pending set is empty (shared and private
 *				queues), its blocked mask is the parent's
 *
 * Real-time signals are named SIGRTMIN+n: glibc's SIGRTMIN is 34 on both
 * architectures. Pending signals surviving execve are covered elsewhere.
 *
 * qemu-user 7.2 differs for riscv64 in rt_lowest_first (it reads sa_mask from
 * the wrong word of riscv64's struct sigaction, so handlers nest instead of
 * running in turn) and in sigqueueinfo_self (it converts the siginfo by the
 * layout its si_code implies, so si_value of an SI_USER siginfo is lost; Linux
 * copies it whole).
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>

#include "lib/check.h"
#include "lib/lifecycle.h"
#include "lib/signals.h"

/* ---- helpers ---------------------------------------------------------------- */

/* code_name - an si_code of a signal sent by a process, by name. */
static const char *
code_name(int code)
{
	static char b[16];

	switch (code) {
	case SI_USER: return "SI_USER";
	case SI_QUEUE: return "SI_QUEUE";
	case SI_TKILL: return "SI_TKILL";
	case SI_KERNEL: return "SI_KERNEL";
	}
	snprintf(b, sizeof(b), "code %d", code);
	return b;
}

static int
queue(int sig, int value)
{
	union sigval v = { .sival_int = value };

	return sigqueue(getpid(), sig, v);
}

/*
 * take - rt_sigtimedwait for the signals in bits with a zero timeout; the signal
 * or -1. A raw call: glibc's sigtimedwait rewrites si_code SI_TKILL as SI_USER.
 */
static int
take(uint64_t bits, siginfo_t *si)
{
	struct timespec zero = { 0, 0 };

	memset(si, 0, sizeof(*si));
	return (int)syscall(SYS_rt_sigtimedwait, &bits, si, &zero, 8);
}

/* What handlers and sigtimedwait saw, one record per signal, printed in a line. */
struct rec {
	int sig, code, value, from_self, pid0;
};

/* What a test expects of a record: the value only matters for SI_QUEUE. */
struct want {
	int sig, code, value;
};

static struct rec recs[32];
static volatile sig_atomic_t nrec;

static void
rec_add(int sig, const siginfo_t *si)
{
	if (nrec < 32)
		recs[nrec++] = (struct rec){ sig, si->si_code, si->si_value.sival_int,
					     si->si_pid == getpid(), si->si_pid == 0 };
}

/* recs_str - "SIGX:CODE[:value]" for each record; value only for SI_QUEUE. */
static const char *
recs_str(void)
{
	static char b[1024];
	size_t n = 0;
	int i;

	b[0] = 0;
	for (i = 0; i < nrec; i++) {
		n += snprintf(b + n, sizeof(b) - n, "%s%s:%s", i ? " " : "",
			      signal_name_rt(recs[i].sig), code_name(recs[i].code));
		if (recs[i].code == SI_QUEUE)
			n += snprintf(b + n, sizeof(b) - n, ":%d", recs[i].value);
	}
	return n ? b : "nothing";
}

/* recs_are - the records are exactly n of (sig, code, value). */
static int
recs_are(const struct want *want, int n)
{
	int i;

	if (nrec != n)
		return 0;
	for (i = 0; i < n; i++)
		if (recs[i].sig != want[i].sig || recs[i].code != want[i].code ||
		    (want[i].code == SI_QUEUE && recs[i].value != want[i].value))
			return 0;
	return 1;
}

static void
rec_handler(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	rec_add(sig, si);
}

/* install - rec_handler for sig with SA_SIGINFO and sa_mask. */
static int
install(int sig, uint64_t mask)
{
	return install_handler(sig, rec_handler, SA_SIGINFO, mask);
}

/* drain - take every pending signal of bits with sigtimedwait into the records. */
static void
drain(uint64_t bits)
{
	siginfo_t si;
	int sig;

	while ((sig = take(bits, &si)) > 0)
		rec_add(sig, &si);
}

/* ---- coalesce_standard ------------------------------------------------------- */

/* Linux: legacy_queue drops a standard signal that is already pending. */
static void
test_coalesce_standard(void)
{
	struct want one_user[] = { { SIGUSR1, SI_USER, 0 } };
	struct want one_queue[] = { { SIGUSR2, SI_QUEUE, 1 } };
	int i, sent = 0;

	if (install(SIGUSR1, 0) == -1 || install(SIGUSR2, 0) == -1)
		return;
	block_bits(sig_bit(SIGUSR1) | sig_bit(SIGUSR2));
	for (i = 0; i < 3; i++)
		sent += kill(getpid(), SIGUSR1) == 0;
	check_long("kill_3_times_succeeds", sent, 3);
	unblock_bits(sig_bit(SIGUSR1));
	check("standard_runs_once", recs_are(one_user, 1), "%s", recs_str());

	nrec = 0;
	for (i = 1, sent = 0; i <= 3; i++)
		sent += queue(SIGUSR2, i) == 0;
	check_long("sigqueue_3_times_succeeds", sent, 3);
	unblock_bits(sig_bit(SIGUSR2));
	check("first_siginfo_kept", recs_are(one_queue, 1), "%s", recs_str());

	nrec = 0;
	block_bits(sig_bit(SIGUSR1));
	kill(getpid(), SIGUSR1);
	queue(SIGUSR1, 9);
	unblock_bits(sig_bit(SIGUSR1));
	check("kill_then_sigqueue_keeps_kill", recs_are(one_user, 1), "%s", recs_str());
}

/* ---- rt_queue_order ---------------------------------------------------------- */

/*
 * Linux: __send_signal_locked appends a sigqueue per RT signal; collect_signal
 * takes the first. The handler blocks its own signal, so one runs at a time.
 */
static void
test_rt_queue_order(void)
{
	int sig = SIGRTMIN + 2, i, sent = 0;
	struct want want[5];

	if (install(sig, 0) == -1)
		return;
	block_bits(sig_bit(sig));
	for (i = 1; i <= 5; i++) {
		sent += queue(sig, i) == 0;
		want[i - 1] = (struct want){ sig, SI_QUEUE, i };
	}
	check_long("sigqueue_5_times_succeeds", sent, 5);
	check("rt_pending", pending_bits() == sig_bit(sig), "pending: %s",
	      mask_names(pending_bits()));
	unblock_bits(sig_bit(sig));
	check("rt_all_five_in_order", recs_are(want, 5), "%s", recs_str());
	check("rt_from_self", recs[0].from_self && recs[4].from_self,
	      "si_pid is the sender: %s", yesno(recs[0].from_self && recs[4].from_self));
	check("rt_none_left", pending_bits() == 0, "pending: %s", mask_names(pending_bits()));
}

/* ---- rt_lowest_first --------------------------------------------------------- */

/*
 * Linux: next_signal picks the lowest pending number. Each handler blocks all
 * four signals, so the next is chosen only after rt_sigreturn.
 */
static void
test_rt_lowest_first(void)
{
	int r1 = SIGRTMIN + 1, r2 = SIGRTMIN + 2, r3 = SIGRTMIN + 3;
	uint64_t all = sig_bit(r1) | sig_bit(r2) | sig_bit(r3) | sig_bit(SIGUSR1);
	struct want want[] = {
		{ SIGUSR1, SI_USER, 0 },
		{ r1, SI_QUEUE, 11 }, { r1, SI_QUEUE, 12 },
		{ r2, SI_QUEUE, 21 }, { r2, SI_QUEUE, 22 },
		{ r3, SI_QUEUE, 31 }, { r3, SI_QUEUE, 32 },
	};

	if (install(r1, all) == -1 || install(r2, all) == -1 || install(r3, all) == -1 ||
	    install(SIGUSR1, all) == -1)
		return;
	block_bits(all);
	queue(r3, 31);
	queue(r1, 11);
	queue(r2, 21);
	queue(r3, 32);
	queue(r1, 12);
	queue(r2, 22);
	kill(getpid(), SIGUSR1);
	check("all_pending", pending_bits() == all, "pending: %s", mask_names(pending_bits()));
	unblock_bits(all);
	check("lowest_first_each_in_order", recs_are(want, 7), "%s", recs_str());
}

/* ---- rt_kill_queues ---------------------------------------------------------- */

/* Linux: kill() of an RT signal allocates a sigqueue too (SI_USER, si_pid). */
static void
test_rt_kill_queues(void)
{
	int sig = SIGRTMIN + 4;
	struct want want[] = {
		{ sig, SI_USER, 0 }, { sig, SI_QUEUE, 7 }, { sig, SI_USER, 0 },
	};
	siginfo_t si;

	block_bits(sig_bit(sig));
	kill(getpid(), sig);
	queue(sig, 7);
	kill(getpid(), sig);
	drain(sig_bit(sig));
	check("kill_sigqueue_kill_queued", recs_are(want, 3), "%s", recs_str());
	check("kill_si_pid_is_sender", recs[0].from_self && recs[2].from_self,
	      "si_pid of both kills is the sender: %s",
	      yesno(recs[0].from_self && recs[2].from_self));
	EXPECT_ERRNO("queue_empty_eagain", take(sig_bit(sig), &si), EAGAIN);
}

/* ---- sigwaitinfo_order ------------------------------------------------------- */

/* Linux: do_sigtimedwait dequeues one signal of the set, lowest first. */
static void
test_sigwaitinfo_order(void)
{
	int r1 = SIGRTMIN + 1, r2 = SIGRTMIN + 2, i;
	uint64_t both = sig_bit(r1) | sig_bit(r2);
	struct want want[] = {
		{ r1, SI_QUEUE, 101 }, { r1, SI_QUEUE, 102 },
		{ r2, SI_QUEUE, 201 }, { r2, SI_QUEUE, 202 }, { r2, SI_QUEUE, 203 },
	};
	sigset_t s = bits_to_sigset(both);
	siginfo_t si;
	int sig;

	block_bits(both);
	queue(r2, 201);
	queue(r1, 101);
	queue(r2, 202);
	queue(r2, 203);
	queue(r1, 102);
	for (i = 0; i < 5; i++) {
		memset(&si, 0, sizeof(si));
		sig = sigwaitinfo(&s, &si);
		if (sig <= 0)
			break;
		check("sigwaitinfo_signo_matches", si.si_signo == sig, "si_signo %s, returned %s",
		      signal_name_rt(si.si_signo), signal_name_rt(sig));
		rec_add(sig, &si);
	}
	check("sigwaitinfo_lowest_first_in_order", recs_are(want, 5), "%s", recs_str());
	check("sigwaitinfo_si_pid", recs[0].from_self && recs[4].from_self,
	      "si_pid is the sender: %s", yesno(recs[0].from_self && recs[4].from_self));
	check("sigwaitinfo_mask_unchanged", blocked_bits() == both, "blocked: %s",
	      mask_names(blocked_bits()));
	EXPECT_ERRNO("then_eagain", take(both, &si), EAGAIN);
}

/* ---- sigtimedwait_timeouts --------------------------------------------------- */

static long
ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000 + (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

/* Linux: do_sigtimedwait checks the timespec before it looks at the queue. */
static void
test_sigtimedwait_timeouts(void)
{
	struct timespec zero = { 0, 0 }, ms50 = { 0, 50000000 }, t0;
	struct timespec bad_ns = { 0, 1000000000 }, neg_ns = { 0, -1 }, neg_s = { -1, 0 };
	sigset_t s = bits_to_sigset(sig_bit(SIGUSR1));
	uint64_t raw = sig_bit(SIGUSR1);
	siginfo_t si;
	long ms;

	block_bits(sig_bit(SIGUSR1));
	EXPECT_ERRNO("zero_timeout_eagain", sigtimedwait(&s, &si, &zero), EAGAIN);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	EXPECT_ERRNO("50ms_timeout_eagain", sigtimedwait(&s, &si, &ms50), EAGAIN);
	ms = ms_since(&t0);
	check("50ms_timeout_waited", ms >= 40, "at least 40 ms elapsed: %s", yesno(ms >= 40));
	EXPECT_ERRNO("tv_nsec_1e9_einval", sigtimedwait(&s, &si, &bad_ns), EINVAL);
	EXPECT_ERRNO("tv_nsec_minus_1_einval", sigtimedwait(&s, &si, &neg_ns), EINVAL);
	EXPECT_ERRNO("tv_sec_minus_1_einval", sigtimedwait(&s, &si, &neg_s), EINVAL);

	kill(getpid(), SIGUSR1);
	EXPECT_ERRNO("bad_timespec_with_pending_einval", sigtimedwait(&s, &si, &bad_ns), EINVAL);
	EXPECT_ERRNO("sigsetsize_7_einval",
		     syscall(SYS_rt_sigtimedwait, &raw, &si, &zero, 7), EINVAL);
	check("still_pending", pending_bits() == sig_bit(SIGUSR1), "pending: %s",
	      mask_names(pending_bits()));
	memset(&si, 0, sizeof(si));
	EXPECT_RET("pending_before_call_returned", sigtimedwait(&s, &si, &zero), SIGUSR1);
	check("pending_before_call_siginfo", si.si_signo == SIGUSR1 && si.si_code == SI_USER &&
	      si.si_pid == getpid(), "si_signo %s, si_code %s, si_pid is the sender: %s",
	      signal_name_rt(si.si_signo), code_name(si.si_code), yesno(si.si_pid == getpid()));
	kill(getpid(), SIGUSR1);
	EXPECT_RET("null_siginfo", sigtimedwait(&s, NULL, &ms50), SIGUSR1);
	EXPECT_ERRNO("empty_set_eagain", sigtimedwait(&(sigset_t){ 0 }, &si, &zero), EAGAIN);
	check("mask_unchanged", blocked_bits() == sig_bit(SIGUSR1), "blocked: %s",
	      mask_names(blocked_bits()));
}

/* ---- rlimit_sigpending ------------------------------------------------------- */

/*
 * private_uid - leave root's user for one of our own if we can, so that no other
 * process's pending signals count against the limit (Linux counts them per real
 * uid: sig_get_ucounts). Silent: where it fails the count is the same.
 */
static void
private_uid(void)
{
	uid_t uid = 40000 + getpid() % 20000;

	if (geteuid() == 0 && setresgid(uid, uid, uid) == 0)
		setresuid(uid, uid, uid);
}

/* fill_queue - block SIGRTMIN and sigqueue it until it fails; the count. */
static int
fill_queue(int *err)
{
	int n = 0;

	*err = 0;
	while (n < 64) {
		errno = 0;
		if (queue(SIGRTMIN, n + 1) == -1) {
			*err = errno;
			break;
		}
		n++;
	}
	return n;
}

/*
 * check_over_limit_infos - take what was sent over the limit: r1 by kill()
 * (nothing else of r1 pending), r0 by kill() on top of five queued, SIGUSR1 by
 * kill(), SIGUSR2 by sigqueue(). Linux: collect_signal makes up SI_USER with
 * si_pid 0 for a pending bit without a queue entry, and clears the bit with the
 * last entry, so the kill() of r0 merges into the five.
 */
static void
check_over_limit_infos(int r0, int r1)
{
	nrec = 0;
	drain(sig_bit(r1));
	check("kill_over_limit_info_lost", nrec == 1 && recs[0].code == SI_USER &&
	      recs[0].pid0, "%s, si_pid 0: %s", recs_str(), yesno(nrec && recs[0].pid0));
	nrec = 0;
	drain(sig_bit(r0));
	check("queued_rt_kill_merged", nrec == 5 && recs[4].value == 5, "%s", recs_str());
	nrec = 0;
	drain(sig_bit(SIGUSR1));
	check("standard_kill_keeps_info", nrec == 1 && recs[0].code == SI_USER &&
	      recs[0].from_self, "%s, si_pid is the sender: %s", recs_str(),
	      yesno(nrec && recs[0].from_self));
	nrec = 0;
	drain(sig_bit(SIGUSR2));
	check("standard_sigqueue_info_lost", nrec == 1 && recs[0].code == SI_USER &&
	      recs[0].pid0 && recs[0].value == 0, "%s, si_pid 0: %s, value %d", recs_str(),
	      yesno(nrec && recs[0].pid0), nrec ? recs[0].value : -1);
}

/*
 * Linux: sig_get_ucounts refuses a sigqueue over the limit; __send_signal_locked
 * then fails an RT signal with EAGAIN unless si_code is SI_USER, and sends the
 * signal without its siginfo otherwise (collect_signal fills in SI_USER, pid 0).
 * Standard signals with si_code >= 0 override the limit.
 */
static void
test_rlimit_sigpending(void)
{
	struct rlimit rl = { 5, 5 };
	int r0 = SIGRTMIN, r1 = SIGRTMIN + 1, err, n;
	uint64_t all = sig_bit(r0) | sig_bit(r1) | sig_bit(SIGUSR1) | sig_bit(SIGUSR2);

	private_uid();
	EXPECT_RET("setrlimit_sigpending_5", setrlimit(RLIMIT_SIGPENDING, &rl), 0);
	block_bits(all);
	check("nothing_pending", pending_bits() == 0, "pending: %s", mask_names(pending_bits()));
	n = fill_queue(&err);
	check("sigqueue_until_limit", n == 5 && err == EAGAIN, "%d queued, then %s", n,
	      errno_name(err));
	EXPECT_ERRNO("tgkill_rt_over_limit_eagain",
		     syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), r1), EAGAIN);
	EXPECT_RET("kill_rt_over_limit_succeeds", kill(getpid(), r1), 0);
	EXPECT_RET("kill_queued_rt_over_limit_succeeds", kill(getpid(), r0), 0);
	EXPECT_RET("kill_standard_over_limit", kill(getpid(), SIGUSR1), 0);
	EXPECT_RET("sigqueue_standard_over_limit", queue(SIGUSR2, 9), 0);
	check("all_pending", pending_bits() == all, "pending: %s", mask_names(pending_bits()));

	check_over_limit_infos(r0, r1);
	EXPECT_RET("sigqueue_after_drain", queue(r0, 1), 0);
}

/* ---- sigqueueinfo_other, sigqueueinfo_self ----------------------------------- */

static siginfo_t
info_of(int code, int value, pid_t pid)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	si.si_signo = 0;		/* the kernel writes the signal number */
	si.si_code = code;
	si.si_pid = pid;
	si.si_uid = getuid();
	si.si_value.sival_int = value;
	return si;
}

static long
sigqueueinfo(pid_t pid, int sig, int code, int value, pid_t fake_pid)
{
	siginfo_t si = info_of(code, value, fake_pid);

	return syscall(SYS_rt_sigqueueinfo, pid, sig, &si);
}

static long
tgsigqueueinfo(pid_t tgid, pid_t tid, int sig, int code, int value)
{
	siginfo_t si = info_of(code, value, 4242);

	return syscall(SYS_rt_tgsigqueueinfo, tgid, tid, sig, &si);
}

/*
 * waiter - a child with SIGUSR1 blocked that waits up to 3 s for it and reports
 * si_signo, si_code, si_value and whether si_pid was 4242 (what the sender wrote)
 * through its pipe. 10: no signal came.
 */
static pid_t
waiter(int *rfd)
{
	int p[2];
	pid_t pid;

	if (pipe(p) == -1)
		return -1;
	block_bits(sig_bit(SIGUSR1));
	pid = fork_flushed();
	if (pid == 0) {
		struct timespec ts = { 3, 0 };
		sigset_t s = bits_to_sigset(sig_bit(SIGUSR1));
		siginfo_t si;

		close(p[0]);
		memset(&si, 0, sizeof(si));
		if (sigtimedwait(&s, &si, &ts) != SIGUSR1)
			_exit(10);
		send_long(p[1], si.si_signo);
		send_long(p[1], si.si_code);
		send_long(p[1], si.si_value.sival_int);
		send_long(p[1], si.si_pid == 4242);
		_exit(0);
	}
	close(p[1]);
	*rfd = p[0];
	return pid;
}

/* Linux: do_rt_sigqueueinfo, do_rt_tgsigqueueinfo ("Not even root can pretend..."). */
static void
test_sigqueueinfo_other(void)
{
	long signo = -1, code = -1, value = -1, kept = -1;
	int rfd = -1, st;
	pid_t self = getpid(), child = waiter(&rfd);

	if (child == -1) {
		check("fork", 0, "-1 %s", errno_name(errno));
		return;
	}
	EXPECT_ERRNO("other_si_user_eperm", sigqueueinfo(child, SIGUSR1, SI_USER, 1, 4242), EPERM);
	EXPECT_ERRNO("other_si_kernel_eperm", sigqueueinfo(child, SIGUSR1, SI_KERNEL, 1, 4242),
		     EPERM);
	EXPECT_ERRNO("other_si_tkill_eperm", sigqueueinfo(child, SIGUSR1, SI_TKILL, 1, 4242),
		     EPERM);
	EXPECT_ERRNO("tg_other_si_user_eperm", tgsigqueueinfo(child, child, SIGUSR1, SI_USER, 1),
		     EPERM);
	EXPECT_ERRNO("tg_wrong_tgid_esrch", tgsigqueueinfo(self, child, SIGUSR1, SI_QUEUE, 1),
		     ESRCH);
	EXPECT_ERRNO("tg_tgid_0_einval", tgsigqueueinfo(0, child, SIGUSR1, SI_QUEUE, 1), EINVAL);
	EXPECT_ERRNO("signal_65_einval", sigqueueinfo(child, 65, SI_QUEUE, 1, 4242), EINVAL);
	EXPECT_RET("other_si_queue_allowed", sigqueueinfo(child, SIGUSR1, SI_QUEUE, 77, 4242), 0);
	recv_long(rfd, &signo);
	recv_long(rfd, &code);
	recv_long(rfd, &value);
	recv_long(rfd, &kept);
	close(rfd);
	wait_pid(child, &st, 0);
	check_exited("waiter_status", st, 0);
	check("other_received", signo == SIGUSR1 && code == SI_QUEUE && value == 77 && kept == 1,
	      "si_signo %s, si_code %s, value %ld, si_pid as written: %s",
	      signal_name_rt((int)signo), code_name((int)code), value, yesno(kept == 1));
}

/* Linux: do_rt_sigqueueinfo: to itself anything goes, the caller owns the info. */
static void
test_sigqueueinfo_self(void)
{
	pid_t self = getpid();
	siginfo_t si;

	block_bits(sig_bit(SIGUSR2));
	EXPECT_RET("self_si_user_allowed", sigqueueinfo(self, SIGUSR2, SI_USER, 5, 4242), 0);
	memset(&si, 0, sizeof(si));
	take(sig_bit(SIGUSR2), &si);
	check("self_si_user_received", si.si_signo == SIGUSR2 && si.si_code == SI_USER &&
	      si.si_pid == 4242 && si.si_value.sival_int == 5,
	      "si_signo %s, si_code %s, si_pid as written: %s, value %d",
	      signal_name_rt(si.si_signo), code_name(si.si_code), yesno(si.si_pid == 4242),
	      si.si_value.sival_int);
	EXPECT_RET("tg_self_si_tkill_allowed",
		   tgsigqueueinfo(self, (pid_t)syscall(SYS_gettid), SIGUSR2, SI_TKILL, 6), 0);
	memset(&si, 0, sizeof(si));
	take(sig_bit(SIGUSR2), &si);
	check("tg_self_received", si.si_signo == SIGUSR2 && si.si_code == SI_TKILL,
	      "si_signo %s, si_code %s", signal_name_rt(si.si_signo), code_name(si.si_code));
}

/* ---- sigqueue_errors --------------------------------------------------------- */

static void
test_sigqueue_errors(void)
{
	union sigval v = { .sival_int = 1 };
	pid_t gone = fork_flushed();
	int st;

	if (gone == 0)
		_exit(0);
	if (gone > 0) {
		wait_pid(gone, &st, 0);
		EXPECT_ERRNO("sigqueue_reaped_esrch", sigqueue(gone, SIGUSR1, v), ESRCH);
		EXPECT_ERRNO("sigqueue_reaped_rt_esrch", sigqueue(gone, SIGRTMIN, v), ESRCH);
	}
	EXPECT_RET("sigqueue_signal_0", sigqueue(getpid(), 0, v), 0);
	EXPECT_ERRNO("sigqueue_65_einval", sigqueue(getpid(), 65, v), EINVAL);
	check("nothing_pending", pending_bits() == 0, "pending: %s", mask_names(pending_bits()));
}

/* ---- fork_pending ------------------------------------------------------------ */

/*
 * Linux: copy_process clears the child's private pending set (init_sigpending)
 * and the new signal_struct starts empty; the blocked mask is copied.
 */
static void
test_fork_pending(void)
{
	uint64_t all = sig_bit(SIGUSR1) | sig_bit(SIGUSR2) | sig_bit(SIGRTMIN + 1);
	long cpend = -1, cmask = -1;
	int p[2], st;
	pid_t pid;

	block_bits(all);
	kill(getpid(), SIGUSR1);		/* the shared queue */
	raise(SIGUSR2);				/* the thread's own (tgkill) */
	queue(SIGRTMIN + 1, 3);
	if (pipe(p) == -1)
		return;
	pid = fork_flushed();
	if (pid == 0) {
		close(p[0]);
		send_long(p[1], (long)pending_bits());
		send_long(p[1], (long)blocked_bits());
		_exit(0);
	}
	close(p[1]);
	recv_long(p[0], &cpend);
	recv_long(p[0], &cmask);
	close(p[0]);
	wait_pid(pid, &st, 0);
	check_exited("child_status", st, 0);
	check("child_pending_empty", cpend == 0, "child's pending: %s",
	      mask_names((uint64_t)cpend));
	check("child_mask_inherited", (uint64_t)cmask == all, "child's blocked: %s",
	      mask_names((uint64_t)cmask));
	check("parent_still_pending", pending_bits() == all, "parent's pending: %s",
	      mask_names(pending_bits()));
}

int
main(void)
{
	scenario("coalesce_standard", test_coalesce_standard);
	scenario("rt_queue_order", test_rt_queue_order);
	scenario("rt_lowest_first", test_rt_lowest_first);
	scenario("rt_kill_queues", test_rt_kill_queues);
	scenario("sigwaitinfo_order", test_sigwaitinfo_order);
	scenario("sigtimedwait_timeouts", test_sigtimedwait_timeouts);
	scenario("rlimit_sigpending", test_rlimit_sigpending);
	scenario("sigqueueinfo_other", test_sigqueueinfo_other);
	scenario("sigqueueinfo_self", test_sigqueueinfo_self);
	scenario("sigqueue_errors", test_sigqueue_errors);
	scenario("fork_pending", test_fork_pending);
	return check_summary();
}
