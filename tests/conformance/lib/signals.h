/*
 * tests/conformance/lib/signals.h — shared pieces of the signal programs
 * (signal_*.c, setjmp_longjmp.c, siglongjmp_handler.c): signal names, signal sets
 * as 64-bit masks, the mask and pending state of one signal, installing handlers,
 * bounded waits, a watchdog around scenario(), and the arch-specific pieces of the
 * programs that fault on purpose (registers saved in a ucontext, trapping
 * functions written in assembly).
 *
 * A 64-bit mask has signal n at bit n - 1, the layout of the kernel's sigset_t on
 * both architectures, so masks compare with == and print the same on both.
 *
 * set_action_checked() and install_handler() report a failure as a failed check,
 * which the comparison with the host then shows. The others print nothing (but
 * watched_scenario(), scenario()'s line), so the helper processes below a
 * scenario, which do not print (lib/lifecycle.h), may use them: set_action() is
 * set_action_checked() without the report.
 *
 * A program that includes this defines _GNU_SOURCE first (pipe2, REG_* of
 * ucontext_t). Header-only, like check.h: static functions, unused ones dropped.
 */
#ifndef CONFORMANCE_SIGNALS_H
#define CONFORMANCE_SIGNALS_H

#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <ucontext.h>

#include "check.h"
#include "lifecycle.h"

/* ---- signal names --------------------------------------------------------------- */

/*
 * signal_name_rt - signal_name(), with a real-time signal as "SIGRTMIN+n" (glibc's
 * SIGRTMIN, 34 on both architectures). Eight rotating buffers, so a fact may hold
 * several.
 */
static CONFORMANCE_UNUSED const char *
signal_name_rt(int sig)
{
	static char buf[8][24];
	static int which;
	char *b = buf[which++ & 7];

	if (sig >= SIGRTMIN && sig <= SIGRTMAX)
		snprintf(b, 24, "SIGRTMIN+%d", sig - SIGRTMIN);
	else
		snprintf(b, 24, "%s", signal_name(sig));
	return b;
}

/* ---- signal sets as 64-bit masks ------------------------------------------------ */

/* sig_bit - the bit of signal sig (1..64) in a mask. */
static CONFORMANCE_UNUSED uint64_t
sig_bit(int sig)
{
	return 1ULL << (sig - 1);
}

/* sigset_to_bits - the signals 1..64 of a sigset_t as a mask. */
static CONFORMANCE_UNUSED uint64_t
sigset_to_bits(const sigset_t *s)
{
	uint64_t b = 0;
	int i;

	for (i = 1; i <= 64; i++)
		if (sigismember(s, i) == 1)
			b |= sig_bit(i);
	return b;
}

/*
 * bits_to_sigset - a mask as a sigset_t (glibc refuses to add its own signals 32
 * and 33: they stay out).
 */
static CONFORMANCE_UNUSED sigset_t
bits_to_sigset(uint64_t bits)
{
	sigset_t s;
	int i;

	sigemptyset(&s);
	for (i = 1; i <= 64; i++)
		if (bits & sig_bit(i))
			sigaddset(&s, i);
	return s;
}

/*
 * mask_names - the signals of a mask by name (signal_name_rt), lowest first,
 * separated by spaces; "none" if empty. Four rotating buffers.
 */
static CONFORMANCE_UNUSED const char *
mask_names(uint64_t bits)
{
	static char buf[4][512];
	static int which;
	char *b = buf[which++ & 3];
	size_t n = 0;
	int i;

	b[0] = 0;
	for (i = 1; i <= 64; i++)
		if (bits & sig_bit(i))
			n += snprintf(b + n, 512 - n, "%s%s", n ? " " : "", signal_name_rt(i));
	return n ? b : "none";
}

/* block_bits, unblock_bits - sigprocmask(SIG_BLOCK / SIG_UNBLOCK) of a mask. */
static CONFORMANCE_UNUSED void
block_bits(uint64_t bits)
{
	sigset_t s = bits_to_sigset(bits);

	sigprocmask(SIG_BLOCK, &s, NULL);
}

static CONFORMANCE_UNUSED void
unblock_bits(uint64_t bits)
{
	sigset_t s = bits_to_sigset(bits);

	sigprocmask(SIG_UNBLOCK, &s, NULL);
}

/* blocked_bits - the calling thread's signal mask. */
static CONFORMANCE_UNUSED uint64_t
blocked_bits(void)
{
	sigset_t s;

	sigemptyset(&s);
	sigprocmask(SIG_BLOCK, NULL, &s);
	return sigset_to_bits(&s);
}

/* pending_bits - what sigpending() reports: the thread's and the process's. */
static CONFORMANCE_UNUSED uint64_t
pending_bits(void)
{
	sigset_t s;

	sigemptyset(&s);
	sigpending(&s);
	return sigset_to_bits(&s);
}

/* ---- one signal ----------------------------------------------------------------- */

/* mask_one - sigprocmask(how, {sig}): how is SIG_BLOCK, SIG_UNBLOCK or SIG_SETMASK. */
static CONFORMANCE_UNUSED void
mask_one(int how, int sig)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, sig);
	sigprocmask(how, &s, NULL);
}

/* is_blocked - whether sig is in the calling thread's mask (1 or 0). */
static CONFORMANCE_UNUSED int
is_blocked(int sig)
{
	sigset_t s;

	sigprocmask(SIG_BLOCK, NULL, &s);
	return sigismember(&s, sig) == 1;
}

/* is_pending - whether sigpending() reports sig (1 or 0). */
static CONFORMANCE_UNUSED int
is_pending(int sig)
{
	sigset_t s;

	sigemptyset(&s);
	sigpending(&s);
	return sigismember(&s, sig) == 1;
}

/* ---- installing handlers -------------------------------------------------------- */

typedef void (*action_fn)(int, siginfo_t *, void *);

/*
 * set_action - install fn for sig with SA_SIGINFO | flags and an empty sa_mask;
 * sigaction's result. Prints nothing, so helper processes may use it.
 */
static CONFORMANCE_UNUSED int
set_action(int sig, action_fn fn, int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | flags;
	sigemptyset(&sa.sa_mask);
	return sigaction(sig, &sa, NULL);
}

/* set_action_checked - set_action(); a failure is the failed check "sigaction". */
static CONFORMANCE_UNUSED int
set_action_checked(int sig, action_fn fn, int flags)
{
	int r = set_action(sig, fn, flags);

	if (r == -1)
		check("sigaction", 0, "-1 %s", errno_name(errno));
	return r;
}

/*
 * install_handler - sigaction(sig) with handler fn (an sa_sigaction if flags has
 * SA_SIGINFO, else an sa_handler), sa_flags flags and sa_mask the signals of mask;
 * a failure is the failed check "sigaction", naming the signal. 0 or -1.
 */
static CONFORMANCE_UNUSED int
install_handler(int sig, void *fn, int flags, uint64_t mask)
{
	struct sigaction sa;
	int r;

	memset(&sa, 0, sizeof(sa));
	if (flags & SA_SIGINFO)
		sa.sa_sigaction = (void (*)(int, siginfo_t *, void *))fn;
	else
		sa.sa_handler = (void (*)(int))fn;
	sa.sa_flags = flags;
	sa.sa_mask = bits_to_sigset(mask);
	r = sigaction(sig, &sa, NULL);
	if (r == -1)
		check("sigaction", 0, "%s: -1 %s", signal_name_rt(sig), errno_name(errno));
	return r;
}

/* ---- bounded waits -------------------------------------------------------------- */

/* now_ms - CLOCK_MONOTONIC in milliseconds. */
static CONFORMANCE_UNUSED long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

/*
 * await_byte - wait at most ms for a byte or end-of-file on fd, through signal
 * handlers and stops. 1: a byte (in *c if c is not NULL), 0: end-of-file or an
 * error, -1: nothing in time.
 */
static CONFORMANCE_UNUSED int
await_byte(int fd, int ms, char *c)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	long end = now_ms() + ms, left;
	char b;
	ssize_t r;
	int n;

	do {
		left = end - now_ms();
		n = poll(&p, 1, left < 0 ? 0 : (int)left);
	} while (n == -1 && errno == EINTR);
	if (n == 0)
		return -1;
	do
		r = read(fd, &b, 1);
	while (r == -1 && errno == EINTR);
	if (r == 1 && c)
		*c = b;
	return r == 1;
}

/*
 * wait_bounded - wait for pid for about 10 s at most, then SIGKILL it: a kernel
 * that retries a fault forever ends the case with a wrong status, not a hang.
 */
static CONFORMANCE_UNUSED void
wait_bounded(pid_t pid, int *st)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	int i;

	for (i = 0; i < 1000; i++) {
		if (wait_pid(pid, st, WNOHANG) != 0)
			return;
		nanosleep(&ts, NULL);
	}
	kill(pid, SIGKILL);
	wait_pid(pid, st, 0);
}

/* ---- the watchdog --------------------------------------------------------------- */

#define WATCHDOG_SECS 20	/* how long watched_scenario() lets a scenario run */

static int watchdog_fd = -1;
static pid_t watchdog_pid = -1;

/*
 * watchdog_start - fork a process that SIGKILLs the caller unless the pipe it
 * reads is closed (watchdog_stop) within secs seconds. It only polls and kills,
 * nothing that a program tests.
 */
static CONFORMANCE_UNUSED void
watchdog_start(int secs)
{
	pid_t victim = getpid();
	int p[2];

	if (pipe2(p, O_CLOEXEC) == -1)
		return;
	watchdog_pid = fork_flushed();
	if (watchdog_pid == 0) {
		struct pollfd pfd = { .fd = p[0], .events = POLLIN };
		int r;

		close(p[1]);
		do
			r = poll(&pfd, 1, secs * 1000);
		while (r == -1 && errno == EINTR);
		if (r == 0)
			kill(victim, SIGKILL);
		_exit(0);
	}
	close(p[0]);
	watchdog_fd = p[1];
	if (watchdog_pid == -1)
		close(watchdog_fd);
}

/* watchdog_stop - end the watchdog and reap it. */
static CONFORMANCE_UNUSED void
watchdog_stop(void)
{
	int st;

	if (watchdog_pid <= 0)
		return;
	close(watchdog_fd);
	wait_pid(watchdog_pid, &st, 0);
	watchdog_pid = -1;
}

static void (*watched_fn)(void);

static CONFORMANCE_UNUSED void
watched(void)
{
	watchdog_start(WATCHDOG_SECS);
	watched_fn();
	watchdog_stop();
}

/*
 * watched_scenario - scenario(name, fn) with fn under a watchdog: a wait that never
 * ends (sigsuspend, pause, a blocking read) ends the scenario after WATCHDOG_SECS
 * ("killed by SIGKILL") instead of hanging the run.
 */
static CONFORMANCE_UNUSED void
watched_scenario(const char *name, void (*fn)(void))
{
	watched_fn = fn;
	scenario(name, watched);
}

/* ---- faulting on purpose: saved registers, trapping functions ------------------- */

/*
 * CTX_PC, CTX_SP, CTX_RET - the pc, the stack pointer and the integer return-value
 * register (rax, a0) saved in a handler's ucontext_t; assignable.
 */
#if defined(__x86_64__)
#define CTX_PC(uc)	((uc)->uc_mcontext.gregs[REG_RIP])
#define CTX_SP(uc)	((uc)->uc_mcontext.gregs[REG_RSP])
#define CTX_RET(uc)	((uc)->uc_mcontext.gregs[REG_RAX])
#elif defined(__riscv)
#define CTX_PC(uc)	((uc)->uc_mcontext.__gregs[REG_PC])
#define CTX_SP(uc)	((uc)->uc_mcontext.__gregs[REG_SP])
#define CTX_RET(uc)	((uc)->uc_mcontext.__gregs[REG_A0])
#endif

/*
 * TRAP_ASM_BEGIN, TRAP_ASM_FN, TRAP_ASM_END, TRAP_LABELS - functions in assembly
 * with a trapping instruction between global labels, so that a handler knows the
 * faulting pc and where to resume:
 *
 *	__asm__(TRAP_ASM_BEGIN
 *		TRAP_ASM_FN(name, before, insn)
 *		...
 *		TRAP_ASM_END);
 *	TRAP_LABELS(name);
 *
 * name runs the lines before ("" or whole lines, each "\tinstruction\n"), then insn
 * at label name_insn, then returns at label name_next; TRAP_LABELS declares the
 * two labels as char arrays (the function's own prototype is the program's).
 * On riscv64 the functions are assembled without compressed instructions, so that
 * insn is a whole 4-byte instruction.
 */
#if defined(__x86_64__)
#define TRAP_ASM_BEGIN	"	.text\n"
#define TRAP_ASM_END	""
#elif defined(__riscv)
#define TRAP_ASM_BEGIN	"	.text\n"					\
			"	.option push\n"					\
			"	.option norvc\n"
#define TRAP_ASM_END	"	.option pop\n"
#endif

#define TRAP_ASM_FN(name, before, insn)						\
	"	.globl " #name ", " #name "_insn, " #name "_next\n"		\
	"	.type " #name ", @function\n"					\
	#name ":\n"								\
	before									\
	#name "_insn:\n"							\
	"	" insn "\n"							\
	#name "_next:\n"							\
	"	ret\n"								\
	"	.size " #name ", . - " #name "\n"

#define TRAP_LABELS(name) extern char name##_insn[], name##_next[]

#endif /* CONFORMANCE_SIGNALS_H */
