/*
 * signal_default — the default action of every signal, and what happens to signals
 * that are ignored (by default or by SIG_IGN) while they are blocked.
 *
 * Scenarios, each in a child of its own (lib/lifecycle.h):
 *	default_SIG...		one per signal 1..31, SIGRTMIN and SIGRTMAX (32 and 33
 *				are glibc's own): a child with the default disposition,
 *				the signal unblocked, RLIMIT_CORE 0, in a process group
 *				of its own (so that the group is not orphaned), sends
 *				itself the signal with kill() and exits 0 if it
 *				survives. The parent waits with WUNTRACED and sends
 *				SIGCONT to a stopped child. Printed: "killed by SIGX"
 *				(si_code CLD_KILLED, no core bit), "stopped by SIGX,
 *				then exited 0", or "survived, exited 0".
 *	ignored_by_default_pending	SIGCHLD, SIGURG, SIGWINCH, SIGCONT blocked: kill()
 *				leaves them pending; unblocked, they are discarded;
 *				sigaction(SIG_DFL) while pending discards them too
 *	sig_ign_pending		SIG_IGN and unblocked: discarded at once; SIG_IGN and
 *				blocked: pending (Linux queues it), discarded when
 *				unblocked or when SIG_IGN is set again; a pending
 *				signal survives a change from one handler to another
 *
 * Linux: sig_kernel_only, sig_kernel_coredump, sig_kernel_stop, sig_kernel_ignore
 * (include/linux/signal.h); get_signal, do_coredump (nothing with RLIMIT_CORE 0 and
 * a file core_pattern), do_group_exit; sig_ignored (blocked signals are never
 * ignored at send time); do_sigaction (SIG_IGN or an ignoring SIG_DFL flushes).
 *
 * qemu-user (7.2) keeps the host's signal 64 for itself: SIGRTMAX "survives" there.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/resource.h>

#include "lib/check.h"
#include "lib/lifecycle.h"
#include "lib/signals.h"

enum action { TERM, CORE, STOP, IGN };

/* The default actions, from signal(7). */
static enum action
default_action(int sig)
{
	switch (sig) {
	case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS:
	case SIGFPE: case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS:
		return CORE;
	case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
		return STOP;
	case SIGCHLD: case SIGCONT: case SIGURG: case SIGWINCH:
		return IGN;
	}
	return TERM;
}

/* sig_label - signal_name(), or SIGRTMIN / SIGRTMAX, or "signal_N". */
static const char *
sig_label(int sig)
{
	static char buf[4][32];
	static int which;
	char *b = buf[which++ & 3];
	const char *n = signal_name(sig);

	if (strncmp(n, "SIG?", 4) != 0)
		return n;
	if (sig == SIGRTMIN)
		return "SIGRTMIN";
	if (sig == SIGRTMAX)
		return "SIGRTMAX";
	snprintf(b, 32, "signal_%d", sig);
	return b;
}

static int cur_sig;

/*
 * The child: no core file, a group of its own, the default disposition, nothing
 * blocked; kill itself; exit 0 if still alive (also after a stop and SIGCONT).
 */
static void
self_kill(int sig)
{
	struct rlimit rl = { 0, 0 };
	sigset_t none;

	setrlimit(RLIMIT_CORE, &rl);
	setpgid(0, 0);
	signal(sig, SIG_DFL);		/* EINVAL for SIGKILL, SIGSTOP: already default */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	kill(getpid(), sig);
	_exit(0);
}

static void
test_default(void)
{
	int sig = cur_sig, st = 0, stop = 0, ok;
	enum action want = default_action(sig);
	char facts[128];
	siginfo_t si;
	pid_t pid = fork_flushed();

	if (pid == 0)
		self_kill(sig);
	memset(&si, 0, sizeof(si));
	waitid(P_PID, pid, &si, WEXITED | WSTOPPED | WNOWAIT);
	waitpid(pid, &st, WUNTRACED);
	if (WIFSTOPPED(st)) {
		stop = WSTOPSIG(st);
		kill(pid, SIGCONT);
		wait_pid(pid, &st, 0);
	}
	if (stop) {
		snprintf(facts, sizeof(facts), "stopped by %s (%s), then %s", sig_label(stop),
			 si.si_code == CLD_STOPPED ? "CLD_STOPPED" : "si_code?",
			 status_str(st));
		ok = want == STOP && stop == sig && WIFEXITED(st) && WEXITSTATUS(st) == 0;
	} else if (WIFSIGNALED(st)) {
		snprintf(facts, sizeof(facts), "killed by %s (%s), core bit %s",
			 sig_label(WTERMSIG(st)),
			 si.si_code == CLD_KILLED ? "CLD_KILLED" :
			 si.si_code == CLD_DUMPED ? "CLD_DUMPED" : "si_code?",
			 WCOREDUMP(st) ? "set" : "clear");
		ok = (want == TERM || want == CORE) && WTERMSIG(st) == sig && !WCOREDUMP(st) &&
		     si.si_code == CLD_KILLED;
	} else {
		snprintf(facts, sizeof(facts), "survived, %s", status_str(st));
		ok = want == IGN && WIFEXITED(st) && WEXITSTATUS(st) == 0;
	}
	check(sig_label(sig), ok, "%s", facts);
}

/* ---- blocked signals that would be ignored ------------------------------------- */

/* check_pending - sig must be pending (want 1) or not (want 0). */
static void
check_pending(const char *what, int sig, int want)
{
	char name[96];

	snprintf(name, sizeof(name), "%s_%s", sig_label(sig), what);
	check(name, is_pending(sig) == want, "pending: %s", yesno(is_pending(sig)));
}

/* Linux: sig_ignored returns false for a blocked signal, so it is queued */
static void
test_ignored_by_default_pending(void)
{
	static const int sigs[] = { SIGCHLD, SIGURG, SIGWINCH, SIGCONT };

	for (int i = 0; i < 4; i++) {
		mask_one(SIG_BLOCK, sigs[i]);
		kill(getpid(), sigs[i]);
		check_pending("blocked_stays_pending", sigs[i], 1);
		mask_one(SIG_UNBLOCK, sigs[i]);
		check_pending("unblocked_discarded", sigs[i], 0);
		mask_one(SIG_BLOCK, sigs[i]);
		kill(getpid(), sigs[i]);
		signal(sigs[i], SIG_DFL);
		check_pending("sig_dfl_discards_pending", sigs[i], 0);
		mask_one(SIG_UNBLOCK, sigs[i]);
	}
	check("still_alive", 1, "none of them ended the process");
}

static volatile sig_atomic_t handled;

static void
on_sig(int sig)
{
	(void)sig;
	handled++;
}

static void
other_handler(int sig)
{
	(void)sig;
	handled += 100;
}

/* Linux: prepare_signal/sig_ignored; do_sigaction flushes on SIG_IGN */
static void
test_sig_ign_pending(void)
{
	signal(SIGUSR1, SIG_IGN);
	kill(getpid(), SIGUSR1);
	check_pending("ignored_unblocked_discarded", SIGUSR1, 0);
	mask_one(SIG_BLOCK, SIGUSR1);
	kill(getpid(), SIGUSR1);
	check_pending("ignored_blocked_pending", SIGUSR1, 1);
	mask_one(SIG_UNBLOCK, SIGUSR1);
	check_pending("ignored_discarded_when_unblocked", SIGUSR1, 0);
	mask_one(SIG_BLOCK, SIGUSR1);
	kill(getpid(), SIGUSR1);
	signal(SIGUSR1, SIG_IGN);
	check_pending("sig_ign_again_discards", SIGUSR1, 0);
	/* Blocked while SIG_IGN, then a handler: it is delivered when unblocked. */
	kill(getpid(), SIGUSR1);
	signal(SIGUSR1, on_sig);
	check_pending("ignored_then_handler_pending", SIGUSR1, 1);
	mask_one(SIG_UNBLOCK, SIGUSR1);
	check_long("ignored_then_handler_runs", handled, 1);

	handled = 0;
	signal(SIGUSR2, on_sig);
	mask_one(SIG_BLOCK, SIGUSR2);
	kill(getpid(), SIGUSR2);
	signal(SIGUSR2, other_handler);
	check_pending("handler_change_keeps_pending", SIGUSR2, 1);
	mask_one(SIG_UNBLOCK, SIGUSR2);
	check_long("new_handler_runs", handled, 100);
}

int
main(void)
{
	char name[64];
	int sigs[33], n = 0;

	for (int s = 1; s <= 31; s++)
		sigs[n++] = s;
	sigs[n++] = SIGRTMIN;
	sigs[n++] = SIGRTMAX;
	for (int i = 0; i < n; i++) {
		cur_sig = sigs[i];
		snprintf(name, sizeof(name), "default_%s", sig_label(sigs[i]));
		scenario(name, test_default);
	}
	scenario("ignored_by_default_pending", test_ignored_by_default_pending);
	scenario("sig_ign_pending", test_sig_ign_pending);
	return check_summary();
}
