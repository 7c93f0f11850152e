/*
 * signal_handlers — handler delivery and signal masks: what the handler runs
 * with, what it is told (siginfo, ucontext), the order pending signals are
 * delivered in, and the rt_sigaction / rt_sigprocmask / kill / sigpending
 * system calls around them.
 *
 * Scenarios, each in a child of its own (lib/lifecycle.h):
 *	handler_mask		the handler runs with the caller's mask + sa_mask + the
 *				signal; the mask is restored on return
 *	nodefer			SA_NODEFER: the signal is not blocked inside, a raise()
 *				nests (depth 3); with the signal in sa_mask it is blocked
 *	resethand		SA_RESETHAND: SIG_DFL from the first delivery on (read
 *				inside and after), flags kept; a second raise kills
 *	nested			handlers of two signals nest (entry/exit order); with the
 *				second in sa_mask it runs after the first returns
 *	unblock_delivers	a blocked signal runs at the unblocking sigprocmask, before
 *				the caller's next statement
 *	pending_order		several pending signals unblocked at once, each handler
 *				masking the others: lowest number first, RT last
 *	pending_stacked		the same with empty sa_masks: every frame is set up
 *				before any handler runs, so the highest runs first
 *	sync_first		SIGFPE and SIGSYS pending with SIGHUP, SIGUSR1: the
 *				synchronous signals go first (Linux: next_signal)
 *	siginfo_sources		si_code, si_pid, si_uid, si_value from kill, sigqueue,
 *				raise, tgkill; the handler's pointers are non-NULL
 *	siginfo_sigchld		SIGCHLD from a child's exit (CLD_EXITED, si_status 7)
 *				and deaths by SIGKILL and SIGTERM (CLD_KILLED)
 *	ucontext		the third argument: uc_sigmask is the mask from before the
 *				delivery; editing it changes the mask after return
 *	sigsuspend_masks	the handler under sigsuspend: the temporary mask inside,
 *				uc_sigmask and the mask after are the caller's
 *	sigaction_errors	rt_sigaction: EINVAL for SIGKILL/SIGSTOP handlers, signals
 *				0, 65, -1, a bad sigsetsize; reading SIGKILL is allowed
 *	sigaction_readback	flags and sa_mask as set (SIGKILL/SIGSTOP dropped), the
 *				old action, unknown flag bits cleared
 *	sigprocmask_rules	SIGKILL/SIGSTOP cannot be blocked, EINVAL for a bad how
 *				(ignored without a set), bad sigsetsize, BLOCK/UNBLOCK/SETMASK
 *	kill_errors		kill(self, 0), a reaped pid: ESRCH, signal 65 and -1: EINVAL
 *	pending_ignore		sigpending; SIG_IGN (or SIG_DFL of a default-ignore
 *				signal) discards a pending signal; a blocked ignored
 *				signal still becomes pending, and is dropped on unblock
 *	pause_eintr		pause() returns -1 EINTR after a handler, even SA_RESTART
 *
 * The flags' values are the same on x86_64 and riscv64 (asm-generic); glibc
 * x86_64 adds SA_RESTORER (0x04000000) to every sigaction, riscv64 has none, so
 * it is masked out before printing.
 *
 * qemu-user 7.2 differs for riscv64: it reads sa_mask one word further than
 * the riscv64 struct sigaction has it (as if there were an sa_restorer), so
 * handlers run with a mask of whatever follows glibc's struct on its stack
 * (handler_mask, nodefer, pending_order, sync_first, ucontext, sigsuspend_masks);
 * it keeps SIGKILL/SIGSTOP in sa_mask and in a uc_sigmask restored by
 * rt_sigreturn, keeps unknown sa_flags bits, keeps signals 63 and 64 for itself
 * (they cannot be blocked), and does not deliver synchronous signals first.
 */
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <ucontext.h>

#include "lib/check.h"
#include "lib/lifecycle.h"
#include "lib/signals.h"

#define SA_RESTORER_BIT 0x04000000U
#define SA_UNSUPPORTED_BIT 0x00000400UL

/* ---- helpers ---------------------------------------------------------------- */

static struct sigaction
get_action(int sig)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigaction(sig, NULL, &sa);
	return sa;
}

/* flags_of - sa_flags of sig as read back, less SA_RESTORER. */
static unsigned int
flags_of(int sig)
{
	return (unsigned int)get_action(sig).sa_flags & ~SA_RESTORER_BIT;
}

/* The event log: +sig on a handler's entry, -sig on its exit. */
static volatile int ev[32];
static volatile sig_atomic_t nev;

static void
ev_add(int v)
{
	if (nev < 32)
		ev[nev++] = v;
}

static const char *
ev_str(void)
{
	static char b[512];
	size_t n = 0;
	int i;

	b[0] = 0;
	for (i = 0; i < nev; i++)
		n += snprintf(b + n, sizeof(b) - n, "%s%c%s", i ? " " : "",
			      ev[i] > 0 ? '+' : '-',
			      signal_name_rt(ev[i] > 0 ? ev[i] : -ev[i]));
	return n ? b : "nothing";
}

/* A handler that only logs its entry and exit. */
static void
log_handler(int sig)
{
	ev_add(sig);
	ev_add(-sig);
}

static pid_t
reaped_child(void)
{
	pid_t pid = fork_flushed();
	int st;

	if (pid == 0)
		_exit(0);
	if (pid > 0)
		wait_pid(pid, &st, 0);
	return pid;
}

/* ---- handler_mask ------------------------------------------------------------ */

static volatile sig_atomic_t hits;
static volatile uint64_t mask_inside;

static void
mask_handler(int sig)
{
	(void)sig;
	hits++;
	mask_inside = blocked_bits();
}

/* Linux: signal_delivered (the new mask), rt_sigreturn (restores it). */
static void
test_handler_mask(void)
{
	uint64_t before, after;

	block_bits(sig_bit(SIGHUP));
	if (install_handler(SIGUSR1, mask_handler, 0, sig_bit(SIGUSR2)) == -1)
		return;
	before = blocked_bits();
	raise(SIGUSR1);
	after = blocked_bits();
	check_long("handler_ran", hits, 1);
	check("mask_inside", mask_inside == (before | sig_bit(SIGUSR1) | sig_bit(SIGUSR2)),
	      "blocked inside: %s", mask_names(mask_inside));
	check("signal_blocked_inside", mask_inside & sig_bit(SIGUSR1), "SIGUSR1 blocked: %s",
	      yesno(mask_inside & sig_bit(SIGUSR1)));
	check("sa_mask_blocked_inside", mask_inside & sig_bit(SIGUSR2), "SIGUSR2 blocked: %s",
	      yesno(mask_inside & sig_bit(SIGUSR2)));
	check("caller_mask_kept_inside", mask_inside & sig_bit(SIGHUP), "SIGHUP blocked: %s",
	      yesno(mask_inside & sig_bit(SIGHUP)));
	check("other_not_blocked_inside", !(mask_inside & sig_bit(SIGTERM)),
	      "SIGTERM blocked: %s", yesno(mask_inside & sig_bit(SIGTERM)));
	check("mask_restored", after == before, "blocked after return: %s",
	      mask_names(after));
}

/* ---- nodefer ----------------------------------------------------------------- */

static volatile sig_atomic_t depth, max_depth, self_blocked, usr2_blocked;

static void
nodefer_handler(int sig)
{
	uint64_t m = blocked_bits();

	hits++;
	if (++depth > max_depth)
		max_depth = depth;
	if (depth == 1) {
		self_blocked = !!(m & sig_bit(sig));
		usr2_blocked = !!(m & sig_bit(SIGUSR2));
	}
	if (hits < 3)
		raise(sig);
	depth--;
}

/* Linux: signal_delivered adds the signal unless SA_NODEFER; sa_mask always. */
static void
test_nodefer(void)
{
	if (install_handler(SIGUSR1, nodefer_handler, SA_NODEFER, sig_bit(SIGUSR2)) == -1)
		return;
	raise(SIGUSR1);
	check_long("nodefer_entries", hits, 3);
	check_long("nodefer_max_depth", max_depth, 3);
	check("nodefer_not_blocked_inside", !self_blocked, "SIGUSR1 blocked inside: %s",
	      yesno(self_blocked));
	check("nodefer_sa_mask_blocked", usr2_blocked, "SIGUSR2 (sa_mask) blocked: %s",
	      yesno(usr2_blocked));
	check("nodefer_mask_restored", blocked_bits() == 0, "blocked after: %s",
	      mask_names(blocked_bits()));

	/* The signal in its own sa_mask: blocked despite SA_NODEFER, no nesting. */
	hits = depth = max_depth = 0;
	if (install_handler(SIGUSR1, nodefer_handler, SA_NODEFER, sig_bit(SIGUSR1)) == -1)
		return;
	raise(SIGUSR1);
	check("nodefer_self_in_sa_mask_blocked", self_blocked, "SIGUSR1 blocked inside: %s",
	      yesno(self_blocked));
	check_long("nodefer_self_in_sa_mask_entries", hits, 3);
	check_long("nodefer_self_in_sa_mask_max_depth", max_depth, 1);
}

/* ---- resethand --------------------------------------------------------------- */

static volatile sig_atomic_t dfl_inside;

static void
oneshot_handler(int sig)
{
	struct sigaction sa = get_action(sig);

	hits++;
	dfl_inside = sa.sa_handler == SIG_DFL;
	self_blocked = !!(blocked_bits() & sig_bit(sig));
}

/* Linux: get_signal resets sa_handler of an SA_ONESHOT action, not its flags. */
static void
test_resethand(void)
{
	struct sigaction sa;
	long count = -1;
	int p[2], st = 0;
	pid_t pid;

	if (install_handler(SIGUSR1, oneshot_handler, SA_RESETHAND, 0) == -1)
		return;
	raise(SIGUSR1);
	sa = get_action(SIGUSR1);
	check_long("resethand_ran", hits, 1);
	check("resethand_dfl_inside", dfl_inside, "SIG_DFL read inside: %s", yesno(dfl_inside));
	check("resethand_blocked_inside", self_blocked, "SIGUSR1 blocked inside: %s",
	      yesno(self_blocked));
	check("resethand_dfl_after", sa.sa_handler == SIG_DFL, "SIG_DFL after: %s",
	      yesno(sa.sa_handler == SIG_DFL));
	check("resethand_flags_kept", flags_of(SIGUSR1) == SA_RESETHAND, "flags %#x",
	      flags_of(SIGUSR1));

	/* A child raises twice: the handler runs once, the second raise kills. */
	if (install_handler(SIGUSR1, oneshot_handler, SA_RESETHAND, 0) == -1 || pipe(p) == -1)
		return;
	hits = 0;
	pid = fork_flushed();
	if (pid == 0) {
		close(p[0]);
		raise(SIGUSR1);
		send_long(p[1], hits);
		raise(SIGUSR1);
		_exit(0);
	}
	close(p[1]);
	recv_long(p[0], &count);
	close(p[0]);
	wait_pid(pid, &st, 0);
	check_long("resethand_child_first_raise_handled", count, 1);
	check_killed("resethand_second_raise_kills", st, SIGUSR1);
}

/* ---- nested ------------------------------------------------------------------ */

static void
outer_handler(int sig)
{
	ev_add(sig);
	raise(SIGUSR2);
	ev_add(-sig);
}

/* Linux: a signal raised inside a handler is delivered on the syscall's return. */
static void
test_nested(void)
{
	if (install_handler(SIGUSR1, outer_handler, 0, 0) == -1 ||
	    install_handler(SIGUSR2, log_handler, 0, 0) == -1)
		return;
	raise(SIGUSR1);
	check("nested_order", nev == 4 && ev[1] == SIGUSR2, "%s", ev_str());

	/* SIGUSR2 in SIGUSR1's sa_mask: pending until rt_sigreturn unblocks it. */
	nev = 0;
	if (install_handler(SIGUSR1, outer_handler, 0, sig_bit(SIGUSR2)) == -1)
		return;
	raise(SIGUSR1);
	check("masked_runs_after_return", nev == 4 && ev[1] == -SIGUSR1, "%s", ev_str());
}

/* ---- unblock_delivers -------------------------------------------------------- */

static void
count_handler(int sig)
{
	(void)sig;
	hits++;
}

/* Linux: sigprocmask's return to user mode runs the now unblocked signal. */
static void
test_unblock_delivers(void)
{
	long while_blocked, after_unblock;
	int r;

	if (install_handler(SIGUSR1, count_handler, 0, 0) == -1)
		return;
	block_bits(sig_bit(SIGUSR1));
	raise(SIGUSR1);
	while_blocked = hits;
	check_long("not_run_while_blocked", while_blocked, 0);
	check("pending_while_blocked", is_pending(SIGUSR1), "sigpending has SIGUSR1: %s",
	      yesno(is_pending(SIGUSR1)));
	{
		sigset_t s = bits_to_sigset(sig_bit(SIGUSR1));

		r = sigprocmask(SIG_UNBLOCK, &s, NULL);
		after_unblock = hits;
	}
	check_long("unblock_returns_0", r, 0);
	check_long("run_before_sigprocmask_returns", after_unblock, 1);
	check("no_longer_pending", !is_pending(SIGUSR1), "sigpending has SIGUSR1: %s",
	      yesno(is_pending(SIGUSR1)));
}

/* ---- pending_order, pending_stacked, sync_first ------------------------------ */

/*
 * pend_all - install log_handler for each of sigs (n of them) with sa_mask
 * (masked: all of them; else empty), block them, send them in the given order with
 * kill(), and unblock them with one sigprocmask. Returns the number sent.
 */
static int
pend_all(const int *sigs, int n, int masked)
{
	uint64_t all = 0;
	int i, sent = 0;

	for (i = 0; i < n; i++)
		all |= sig_bit(sigs[i]);
	for (i = 0; i < n; i++)
		if (install_handler(sigs[i], log_handler, 0, masked ? all : 0) == -1)
			return 0;
	block_bits(all);
	for (i = 0; i < n; i++)
		sent += kill(getpid(), sigs[i]) == 0;
	check("all_pending", (pending_bits() & all) == all, "pending: %s",
	      mask_names(pending_bits() & all));
	unblock_bits(all);
	return sent;
}

/* ev_in_turn - the log is n handlers run one after the other, in order. */
static int
ev_in_turn(const int *order, int n)
{
	int i;

	if (nev != 2 * n)
		return 0;
	for (i = 0; i < n; i++)
		if (ev[2 * i] != order[i] || ev[2 * i + 1] != -order[i])
			return 0;
	return 1;
}

/* Linux: next_signal takes the lowest pending number, RT signals after. */
static void
test_pending_order(void)
{
	int sigs[] = { SIGRTMIN + 1, SIGTERM, SIGUSR2, SIGUSR1, SIGHUP };
	int want[] = { SIGHUP, SIGUSR1, SIGUSR2, SIGTERM, SIGRTMIN + 1 };

	check_long("pending_order_sent", pend_all(sigs, 5, 1), 5);
	check("pending_order_lowest_first", ev_in_turn(want, 5), "%s", ev_str());
	check("pending_order_none_left", pending_bits() == 0, "pending: %s",
	      mask_names(pending_bits()));
}

/*
 * Linux: exit_to_user_mode_loop calls arch_do_signal_or_restart again while
 * signals are pending and unblocked. With empty sa_masks each handler's frame is
 * built on top of the previous one before any handler runs, so the last one
 * dequeued (the highest) runs first and returns into the next.
 */
static void
test_pending_stacked(void)
{
	int sigs[] = { SIGRTMIN + 1, SIGTERM, SIGUSR2, SIGUSR1, SIGHUP };
	int want[] = { SIGRTMIN + 1, SIGTERM, SIGUSR2, SIGUSR1, SIGHUP };

	check_long("pending_stacked_sent", pend_all(sigs, 5, 0), 5);
	check("pending_stacked_highest_runs_first", ev_in_turn(want, 5), "%s", ev_str());
	check("pending_stacked_mask_restored", blocked_bits() == 0, "blocked: %s",
	      mask_names(blocked_bits()));
}

/*
 * Linux: next_signal prefers SYNCHRONOUS_MASK (SIGSEGV, SIGBUS, SIGILL, SIGTRAP,
 * SIGFPE, SIGSYS) whatever sent them, here kill().
 */
static void
test_sync_first(void)
{
	int sigs[] = { SIGUSR1, SIGSYS, SIGHUP, SIGFPE };
	int want[] = { SIGFPE, SIGSYS, SIGHUP, SIGUSR1 };

	check_long("sync_first_sent", pend_all(sigs, 4, 1), 4);
	check("sync_first_order", ev_in_turn(want, 4), "%s", ev_str());
}

/* ---- siginfo_sources --------------------------------------------------------- */

static siginfo_t got;
static volatile sig_atomic_t got_args_ok;

static void
info_handler(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	hits++;
	got_args_ok = si != NULL && uc != NULL;
	if (si)
		got = *si;
}

/* check_info - the last siginfo: signo, code (by name), si_pid == pid. */
static void
check_info(const char *name, int sig, int code, const char *codename, pid_t pid)
{
	int ok = hits == 1 && got.si_signo == sig && got.si_code == code &&
		 got.si_pid == pid && got.si_uid == getuid() && got.si_errno == 0;

	check(name, ok, "ran %d, si_signo %s, si_code %d (want %s %d), si_pid %s, "
	      "si_uid == getuid(): %s, si_errno %d", (int)hits, signal_name_rt(got.si_signo),
	      got.si_code, codename, code, got.si_pid == pid ? "as expected" : "other",
	      yesno(got.si_uid == getuid()), got.si_errno);
	hits = 0;
	memset(&got, 0, sizeof(got));
}

/*
 * chld_info - SIGCHLD for child pid: wait until it can be reaped (WNOWAIT), then
 * unblock SIGCHLD, which runs info_handler, and reap. Linux: do_notify_parent
 * queues SIGCHLD before it wakes the waiters.
 */
static void
chld_info(pid_t pid)
{
	siginfo_t si;
	int st;

	while (waitid(P_PID, pid, &si, WEXITED | WNOWAIT) == -1 && errno == EINTR)
		;
	unblock_bits(sig_bit(SIGCHLD));
	block_bits(sig_bit(SIGCHLD));
	wait_pid(pid, &st, 0);
}

static void
test_siginfo_sources(void)
{
	union sigval v = { .sival_int = 42 };

	if (install_handler(SIGUSR1, info_handler, SA_SIGINFO, 0) == -1)
		return;
	kill(getpid(), SIGUSR1);	/* Linux: prepare_kill_siginfo */
	check_info("kill_si_user", SIGUSR1, SI_USER, "SI_USER", getpid());
	sigqueue(getpid(), SIGUSR1, v);
	check("sigqueue_value", got.si_value.sival_int == 42, "si_value.sival_int %d",
	      got.si_value.sival_int);
	check_info("sigqueue_si_queue", SIGUSR1, SI_QUEUE, "SI_QUEUE", getpid());
	raise(SIGUSR1);			/* glibc: tgkill */
	check_info("raise_si_tkill", SIGUSR1, SI_TKILL, "SI_TKILL", getpid());
	syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR1);
	check("handler_args_non_null", got_args_ok, "siginfo and ucontext pointers: %s",
	      yesno(got_args_ok));
	check_info("tgkill_si_tkill", SIGUSR1, SI_TKILL, "SI_TKILL", getpid());
}

/* Linux: do_notify_parent fills in CLD_EXITED / CLD_KILLED and si_status. */
static void
test_siginfo_sigchld(void)
{
	int release;
	pid_t pid;

	if (install_handler(SIGCHLD, info_handler, SA_SIGINFO, 0) == -1)
		return;
	block_bits(sig_bit(SIGCHLD));
	pid = fork_flushed();
	if (pid == 0)
		_exit(7);
	chld_info(pid);
	check("sigchld_exit_status", got.si_status == 7, "si_status %d", got.si_status);
	check_info("sigchld_cld_exited", SIGCHLD, CLD_EXITED, "CLD_EXITED", pid);

	pid = fork_waiter(&release);
	if (pid == -1)
		return;
	kill(pid, SIGKILL);
	chld_info(pid);
	close(release);
	check("sigchld_killed_status", got.si_status == SIGKILL, "si_status %s",
	      signal_name_rt(got.si_status));
	check_info("sigchld_cld_killed", SIGCHLD, CLD_KILLED, "CLD_KILLED", pid);

	pid = fork_flushed();
	if (pid == 0) {
		signal(SIGTERM, SIG_DFL);
		raise(SIGTERM);
		_exit(0);
	}
	chld_info(pid);
	check("sigchld_self_killed_status", got.si_status == SIGTERM, "si_status %s",
	      signal_name_rt(got.si_status));
	check_info("sigchld_self_killed", SIGCHLD, CLD_KILLED, "CLD_KILLED", pid);
}

/* ---- ucontext ---------------------------------------------------------------- */

static volatile uint64_t uc_mask_seen;
static volatile sig_atomic_t uc_non_null;

static void
uc_handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)si;
	hits++;
	uc_non_null = uc != NULL;
	mask_inside = blocked_bits();
	if (!uc)
		return;
	uc_mask_seen = sigset_to_bits(&uc->uc_sigmask);
	/* rt_sigreturn installs whatever uc_sigmask holds, less SIGKILL/SIGSTOP. */
	sigdelset(&uc->uc_sigmask, SIGHUP);
	sigaddset(&uc->uc_sigmask, SIGTERM);
	sigaddset(&uc->uc_sigmask, SIGKILL);
}

/* Linux: setup_rt_frame saves the old mask in uc_sigmask, rt_sigreturn restores it. */
static void
test_ucontext(void)
{
	uint64_t before, after;

	block_bits(sig_bit(SIGHUP));
	if (install_handler(SIGUSR1, uc_handler, SA_SIGINFO, sig_bit(SIGUSR2)) == -1)
		return;
	before = blocked_bits();
	raise(SIGUSR1);
	after = blocked_bits();
	check_long("uc_handler_ran", hits, 1);
	check("uc_non_null", uc_non_null, "ucontext pointer non-NULL: %s", yesno(uc_non_null));
	check("uc_sigmask_is_old_mask", uc_mask_seen == before, "uc_sigmask: %s",
	      mask_names(uc_mask_seen));
	check("mask_inside_differs",
	      mask_inside == (before | sig_bit(SIGUSR1) | sig_bit(SIGUSR2)),
	      "blocked inside: %s", mask_names(mask_inside));
	check("edited_uc_sigmask_installed", after == sig_bit(SIGTERM),
	      "blocked after return: %s (SIGHUP removed, SIGTERM and SIGKILL added)",
	      mask_names(after));
}

/* ---- sigsuspend_masks -------------------------------------------------------- */

static void
suspend_handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)si;
	hits++;
	mask_inside = blocked_bits();
	uc_mask_seen = uc ? sigset_to_bits(&uc->uc_sigmask) : 0;
}

/*
 * Linux: sigsuspend saves the mask in saved_sigmask (TIF_RESTORE_SIGMASK);
 * sigmask_to_save puts that one, not the temporary mask, in the frame.
 */
static void
test_sigsuspend_masks(void)
{
	uint64_t before;
	sigset_t tmp = bits_to_sigset(sig_bit(SIGTERM));

	if (install_handler(SIGUSR1, suspend_handler, SA_SIGINFO, sig_bit(SIGUSR2)) == -1)
		return;
	block_bits(sig_bit(SIGUSR1) | sig_bit(SIGHUP));
	before = blocked_bits();
	raise(SIGUSR1);
	EXPECT_ERRNO("sigsuspend_eintr", sigsuspend(&tmp), EINTR);
	check_long("sigsuspend_handler_ran", hits, 1);
	check("sigsuspend_mask_inside",
	      mask_inside == (sig_bit(SIGTERM) | sig_bit(SIGUSR1) | sig_bit(SIGUSR2)),
	      "blocked inside: %s", mask_names(mask_inside));
	check("sigsuspend_uc_sigmask", uc_mask_seen == before, "uc_sigmask: %s",
	      mask_names(uc_mask_seen));
	check("sigsuspend_mask_after", blocked_bits() == before, "blocked after: %s",
	      mask_names(blocked_bits()));
}

/* ---- sigaction_errors, sigaction_readback ------------------------------------ */

/* The kernel's struct sigaction (not glibc's): riscv64 has no sa_restorer. */
struct ksigaction {
	void *handler;
	unsigned long flags;
#if defined(__x86_64__)
	void *restorer;
#elif defined(__riscv)
#else
#error "unknown architecture"
#endif
	uint64_t mask;
};

static long
raw_sigaction(int sig, const struct ksigaction *act, struct ksigaction *old, long size)
{
	return syscall(SYS_rt_sigaction, sig, act, old, size);
}

/* Linux: do_sigaction, sys_rt_sigaction (sigsetsize checked first). */
static void
test_sigaction_errors(void)
{
	struct ksigaction dfl = { .handler = SIG_DFL }, old;
	struct sigaction sa;

	EXPECT_ERRNO("set_sigkill_einval", raw_sigaction(SIGKILL, &dfl, NULL, 8), EINVAL);
	EXPECT_ERRNO("set_sigstop_einval", raw_sigaction(SIGSTOP, &dfl, NULL, 8), EINVAL);
	memset(&old, 0xff, sizeof(old));
	EXPECT_RET("read_sigkill_allowed", raw_sigaction(SIGKILL, NULL, &old, 8), 0);
	check("sigkill_reads_dfl", old.handler == SIG_DFL && old.flags == 0 && old.mask == 0,
	      "SIG_DFL, no flags, empty mask: %s",
	      yesno(old.handler == SIG_DFL && old.flags == 0 && old.mask == 0));
	EXPECT_ERRNO("signal_0_einval", raw_sigaction(0, NULL, &old, 8), EINVAL);
	EXPECT_ERRNO("signal_65_einval", raw_sigaction(65, NULL, &old, 8), EINVAL);
	EXPECT_ERRNO("signal_minus_1_einval", raw_sigaction(-1, NULL, &old, 8), EINVAL);
	EXPECT_ERRNO("sigsetsize_7_einval", raw_sigaction(SIGUSR1, NULL, &old, 7), EINVAL);
	EXPECT_ERRNO("sigsetsize_16_einval", raw_sigaction(SIGUSR1, NULL, &old, 16), EINVAL);
	EXPECT_ERRNO("bad_act_pointer_efault",
		     raw_sigaction(SIGUSR1, (struct ksigaction *)8, NULL, 8), EFAULT);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	EXPECT_ERRNO("glibc_ignore_sigkill_einval", sigaction(SIGKILL, &sa, NULL), EINVAL);
	EXPECT_ERRNO("glibc_ignore_sigstop_einval", sigaction(SIGSTOP, &sa, NULL), EINVAL);
}

/* Linux: do_sigaction strips SIGKILL/SIGSTOP from sa_mask, unknown flag bits. */
static void
test_sigaction_readback(void)
{
	struct ksigaction act = { .handler = SIG_DFL }, old;
	struct sigaction sa, prev;
	unsigned int want = SA_SIGINFO | SA_RESTART | SA_NODEFER, kflags;
	uint64_t m;

	if (install_handler(SIGUSR1, info_handler, want,
			    sig_bit(SIGUSR2) | sig_bit(SIGKILL) | sig_bit(SIGSTOP)))
		return;
	sa = get_action(SIGUSR1);
	m = sigset_to_bits(&sa.sa_mask);
	check("flags_read_back", flags_of(SIGUSR1) == want, "%#x, want %#x",
	      flags_of(SIGUSR1), want);
	check("handler_read_back", sa.sa_sigaction == info_handler, "same handler: %s",
	      yesno(sa.sa_sigaction == info_handler));
	check("mask_read_back", m == sig_bit(SIGUSR2), "sa_mask: %s", mask_names(m));

	memset(&prev, 0, sizeof(prev));
	sa.sa_handler = SIG_IGN;
	sa.sa_flags = SA_RESETHAND | SA_ONSTACK | SA_NOCLDSTOP;
	sigemptyset(&sa.sa_mask);
	EXPECT_RET("replace_action", sigaction(SIGUSR1, &sa, &prev), 0);
	check("old_action_returned", prev.sa_sigaction == info_handler &&
	      ((unsigned int)prev.sa_flags & ~SA_RESTORER_BIT) == want,
	      "old handler and flags: %s", yesno(prev.sa_sigaction == info_handler));
	check("ignore_read_back", get_action(SIGUSR1).sa_handler == SIG_IGN,
	      "SIG_IGN: %s, flags %#x", yesno(get_action(SIGUSR1).sa_handler == SIG_IGN),
	      flags_of(SIGUSR1));

	/* 0x400 is SA_UNSUPPORTED, 0x100000 unused; 0x800 SA_EXPOSE_TAGBITS is kept. */
	act.flags = SA_RESTART | SA_UNSUPPORTED_BIT | 0x100000UL | 0x800UL;
	EXPECT_RET("set_unknown_flags", raw_sigaction(SIGUSR2, &act, NULL, 8), 0);
	memset(&old, 0, sizeof(old));
	raw_sigaction(SIGUSR2, NULL, &old, 8);
	kflags = (unsigned int)old.flags & ~SA_RESTORER_BIT;
	check("unknown_flags_cleared", kflags == (SA_RESTART | 0x800U), "flags read back %#x",
	      kflags);
}

/* ---- sigprocmask_rules ------------------------------------------------------- */

static long
raw_sigprocmask(int how, const uint64_t *set, uint64_t *old, long size)
{
	return syscall(SYS_rt_sigprocmask, how, set, old, size);
}

static uint64_t
raw_mask(void)
{
	uint64_t m = 0;

	raw_sigprocmask(SIG_BLOCK, NULL, &m, 8);
	return m;
}

/* Linux: sigprocmask (how), set_current_blocked (drops SIGKILL/SIGSTOP). */
static void
test_sigprocmask_rules(void)
{
	uint64_t all = ~0ULL, m = 0, old = 0;

	EXPECT_RET("block_everything", raw_sigprocmask(SIG_SETMASK, &all, NULL, 8), 0);
	check("kill_stop_not_blocked", raw_mask() == ~(sig_bit(SIGKILL) | sig_bit(SIGSTOP)),
	      "blocked %#llx", (unsigned long long)raw_mask());
	m = 0;
	raw_sigprocmask(SIG_SETMASK, &m, NULL, 8);

	m = sig_bit(SIGUSR1);
	raw_sigprocmask(SIG_BLOCK, &m, NULL, 8);
	m = sig_bit(SIGUSR2) | sig_bit(SIGKILL);
	raw_sigprocmask(SIG_BLOCK, &m, &old, 8);
	check("block_adds", raw_mask() == (sig_bit(SIGUSR1) | sig_bit(SIGUSR2)) &&
	      old == sig_bit(SIGUSR1), "blocked %s, old %s", mask_names(raw_mask()),
	      mask_names(old));
	m = sig_bit(SIGUSR1) | sig_bit(SIGHUP);
	raw_sigprocmask(SIG_UNBLOCK, &m, &old, 8);
	check("unblock_removes", raw_mask() == sig_bit(SIGUSR2), "blocked %s",
	      mask_names(raw_mask()));
	m = sig_bit(SIGHUP) | sig_bit(SIGSTOP);
	raw_sigprocmask(SIG_SETMASK, &m, &old, 8);
	check("setmask_replaces", raw_mask() == sig_bit(SIGHUP) && old == sig_bit(SIGUSR2),
	      "blocked %s, old %s", mask_names(raw_mask()), mask_names(old));

	m = sig_bit(SIGTERM);
	EXPECT_ERRNO("how_3_einval", raw_sigprocmask(3, &m, NULL, 8), EINVAL);
	EXPECT_ERRNO("how_minus_1_einval", raw_sigprocmask(-1, &m, NULL, 8), EINVAL);
	check("einval_keeps_mask", raw_mask() == sig_bit(SIGHUP), "blocked %s",
	      mask_names(raw_mask()));
	old = 0;
	EXPECT_RET("bad_how_without_set_ignored", raw_sigprocmask(99, NULL, &old, 8), 0);
	check("bad_how_without_set_reads", old == sig_bit(SIGHUP), "old %s", mask_names(old));
	EXPECT_ERRNO("sigsetsize_7_einval", raw_sigprocmask(SIG_BLOCK, &m, NULL, 7), EINVAL);
	EXPECT_ERRNO("sigsetsize_16_einval", raw_sigprocmask(SIG_BLOCK, &m, NULL, 16), EINVAL);
	EXPECT_ERRNO("bad_set_pointer_efault",
		     raw_sigprocmask(SIG_BLOCK, (uint64_t *)8, NULL, 8), EFAULT);
	{
		sigset_t s = bits_to_sigset(sig_bit(SIGTERM));

		EXPECT_ERRNO("glibc_how_3_einval", sigprocmask(3, &s, NULL), EINVAL);
	}
}

/* ---- kill_errors ------------------------------------------------------------- */

/* Linux: kill_pid_info_type looks the pid up before the signal is checked. */
static void
test_kill_errors(void)
{
	pid_t gone = reaped_child();
	long tid = syscall(SYS_gettid);

	EXPECT_RET("kill_self_0", kill(getpid(), 0), 0);
	EXPECT_RET("kill_own_group_0", kill(0, 0), 0);
	if (gone > 0) {
		EXPECT_ERRNO("kill_reaped_0_esrch", kill(gone, 0), ESRCH);
		EXPECT_ERRNO("kill_reaped_term_esrch", kill(gone, SIGTERM), ESRCH);
		EXPECT_ERRNO("kill_reaped_65_esrch", kill(gone, 65), ESRCH);
		EXPECT_ERRNO("tgkill_reaped_tgid_esrch",
			     syscall(SYS_tgkill, gone, tid, 0), ESRCH);
	}
	EXPECT_ERRNO("kill_self_65_einval", kill(getpid(), 65), EINVAL);
	EXPECT_ERRNO("kill_self_minus_1_einval", kill(getpid(), -1), EINVAL);
	EXPECT_ERRNO("tgkill_65_einval", syscall(SYS_tgkill, getpid(), tid, 65), EINVAL);
	EXPECT_ERRNO("tgkill_tgid_0_einval", syscall(SYS_tgkill, 0, tid, 0), EINVAL);
	EXPECT_RET("tgkill_self_0", syscall(SYS_tgkill, getpid(), tid, 0), 0);
}

/* ---- pending_ignore ---------------------------------------------------------- */

static int
set_disposition(int sig, void (*h)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = h;
	return sigaction(sig, &sa, NULL);
}

/*
 * Linux: do_sigaction ("POSIX 3.3.1.3") flushes a pending signal whose new action
 * ignores it; sig_ignored never ignores a blocked signal at send time; get_signal
 * drops an ignored one when it is dequeued.
 */
static void
test_pending_ignore(void)
{
	block_bits(sig_bit(SIGUSR1) | sig_bit(SIGURG) | sig_bit(SIGTERM));
	raise(SIGUSR1);
	check("blocked_signal_pending", is_pending(SIGUSR1), "%s", yesno(is_pending(SIGUSR1)));
	set_disposition(SIGUSR1, SIG_IGN);
	check("sig_ign_discards_pending", !is_pending(SIGUSR1), "still pending: %s",
	      yesno(is_pending(SIGUSR1)));
	raise(SIGUSR1);
	check("blocked_ignored_still_queued", is_pending(SIGUSR1), "pending: %s",
	      yesno(is_pending(SIGUSR1)));
	unblock_bits(sig_bit(SIGUSR1));
	check("ignored_dropped_on_unblock", !is_pending(SIGUSR1), "pending: %s",
	      yesno(is_pending(SIGUSR1)));
	raise(SIGUSR1);			/* unblocked and ignored: never queued */
	block_bits(sig_bit(SIGUSR1));
	check("unblocked_ignored_not_queued", !is_pending(SIGUSR1), "pending: %s",
	      yesno(is_pending(SIGUSR1)));

	set_disposition(SIGURG, SIG_DFL);	/* default action: ignore */
	raise(SIGURG);
	check("blocked_default_ignore_pending", is_pending(SIGURG), "%s",
	      yesno(is_pending(SIGURG)));
	set_disposition(SIGURG, SIG_DFL);
	check("sig_dfl_ignore_discards_pending", !is_pending(SIGURG), "still pending: %s",
	      yesno(is_pending(SIGURG)));

	raise(SIGTERM);
	install_handler(SIGTERM, count_handler, 0, 0);
	check("handler_keeps_pending", is_pending(SIGTERM), "%s", yesno(is_pending(SIGTERM)));
	unblock_bits(sig_bit(SIGTERM));
	check_long("handler_runs_on_unblock", hits, 1);
}

/* ---- pause_eintr ------------------------------------------------------------- */

/*
 * sender - a child that sends SIGUSR1 to parent every millisecond until its
 * pipe reaches end-of-file (or 4000 tries), so that one arrives while the parent
 * is in pause() whenever that starts.
 */
static pid_t
sender(pid_t parent, int *wfd)
{
	int p[2], i;
	pid_t pid;

	if (pipe(p) == -1)
		return -1;
	pid = fork_flushed();
	if (pid == 0) {
		struct pollfd pfd = { .fd = p[0], .events = POLLIN };

		close(p[1]);
		for (i = 0; i < 4000; i++)
			if (kill(parent, SIGUSR1) == -1 || poll(&pfd, 1, 1) != 0)
				break;
		_exit(0);
	}
	close(p[0]);
	*wfd = p[1];
	return pid;
}

/* Linux: sys_pause returns -ERESTARTNOHAND, never restarted after a handler. */
static void
test_pause_eintr(void)
{
	int wfd = -1, st;
	pid_t pid;

	if (install_handler(SIGUSR1, count_handler, SA_RESTART, 0) == -1)
		return;
	pid = sender(getpid(), &wfd);
	if (pid == -1) {
		check("fork", 0, "-1 %s", errno_name(errno));
		return;
	}
	EXPECT_ERRNO("pause_eintr", pause(), EINTR);
	check("pause_handler_ran", hits >= 1, "the handler ran: %s", yesno(hits >= 1));
	close(wfd);
	wait_pid(pid, &st, 0);
	check_exited("sender_status", st, 0);
}

int
main(void)
{
	scenario("handler_mask", test_handler_mask);
	scenario("nodefer", test_nodefer);
	scenario("resethand", test_resethand);
	scenario("nested", test_nested);
	scenario("unblock_delivers", test_unblock_delivers);
	scenario("pending_order", test_pending_order);
	scenario("pending_stacked", test_pending_stacked);
	scenario("sync_first", test_sync_first);
	scenario("siginfo_sources", test_siginfo_sources);
	scenario("siginfo_sigchld", test_siginfo_sigchld);
	scenario("ucontext", test_ucontext);
	scenario("sigsuspend_masks", test_sigsuspend_masks);
	scenario("sigaction_errors", test_sigaction_errors);
	scenario("sigaction_readback", test_sigaction_readback);
	scenario("sigprocmask_rules", test_sigprocmask_rules);
	scenario("kill_errors", test_kill_errors);
	scenario("pending_ignore", test_pending_ignore);
	scenario("pause_eintr", test_pause_eintr);
	return check_summary();
}
