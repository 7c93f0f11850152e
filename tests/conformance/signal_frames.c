/*
 * signal_frames — the signal frame and the context saved in it: the alternate
 * signal stack, leaving a handler with longjmp, and a handler that edits the
 * saved context (pc, a general register, an FP register, the rounding mode, the
 * signal mask, uc_stack), which rt_sigreturn then restores.
 * Linux: arch/riscv/kernel/signal.c (setup_rt_frame, get_sigframe,
 * rt_sigreturn), arch/x86/kernel/signal*.c, kernel/signal.c (do_sigaltstack,
 * __save_altstack, restore_altstack, sigsp, on_sig_stack).
 *
 * Scenarios, each in a child of its own (lib/lifecycle.h):
 *	altstack_onstack	an SA_ONSTACK handler runs on a malloc'd alternate
 *				stack: a local lies in it, sigaltstack reports
 *				SS_ONSTACK and the stack, a change gives EPERM (even
 *				with invalid flags: EPERM is checked first); the
 *				saved sp is the interrupted stack's; outside: 0
 *	altstack_not_onstack	a handler without SA_ONSTACK runs on the normal
 *				stack, sigaltstack reports 0 inside
 *	altstack_disable	SS_DISABLE: an SA_ONSTACK handler runs on the normal
 *				stack; sigaltstack reports SS_DISABLE, NULL, 0
 *	altstack_errors		size 1024: ENOMEM; flags 8 and SS_ONSTACK|SS_DISABLE:
 *				EINVAL; SS_ONSTACK alone is taken as 0; SS_DISABLE
 *				ignores the size; bad pointers: EFAULT; a failed call
 *				keeps the old stack
 *	altstack_autodisarm	SS_AUTODISARM: inside the handler the stack reads as
 *				SS_DISABLE (NULL, 0) and may be replaced; the frame's
 *				uc_stack restores it at sigreturn
 *	altstack_nested		a signal delivered while on the alternate stack stays
 *				on it, below the first frame, with or without
 *				SA_ONSTACK
 *	altstack_overflow	an SA_NODEFER handler that raises its signal again on
 *				a small alternate stack (guard page below): SIGSEGV
 *	uc_stack		uc_stack in the frame is the thread's alternate-stack
 *				setting, not where the handler runs: the installed
 *				stack with flags 0 (no SS_ONSTACK) with or without
 *				SA_ONSTACK; {NULL, 0, SS_DISABLE} once disabled
 *	uc_stack_write		a handler off the alternate stack that writes uc_stack
 *				installs that stack at sigreturn; a nested handler
 *				whose interrupted code is on the alternate stack
 *				cannot (EPERM, which restore_altstack swallows)
 *	longjmp_masks		leaving a handler with siglongjmp(savemask 1) restores
 *				the mask saved by sigsetjmp; sigsetjmp(env, 0),
 *				setjmp/longjmp and _setjmp/_longjmp leave the signal
 *				blocked (glibc: setjmp does not save the mask)
 *	longjmp_off_altstack	siglongjmp out of an SA_ONSTACK handler: no longer
 *				on the alternate stack afterwards
 *	pc_advance		a SIGSEGV handler moves the saved pc past a faulting
 *				load (SEGV_MAPERR at address 0): execution continues
 *				after it, other registers unchanged
 *	gpr_write		the handler writes the saved return-value register:
 *				the interrupted code reads the new value
 *	fp_saved		a double in fa0/xmm0 is in the saved FP state; the
 *				handler clobbering the live register does not matter;
 *				a value written to the saved state is loaded
 *	rounding_restored	a rounding mode set inside a handler is undone by
 *				sigreturn (the FP control register is in the frame)
 *	uc_sigmask		uc_sigmask is the interrupted mask; a signal added to
 *				it is blocked after sigreturn, SIGKILL and SIGSTOP are
 *				dropped, a signal removed from it is unblocked and its
 *				pending instance delivered at once
 *	nested_unblock		a handler that unblocks its own signal and raises it
 *				runs again nested; each sigreturn restores its own
 *				frame's mask
 *	sigreturn_without_frame	rt_sigreturn over a zeroed stack, with no frame: the
 *				process is killed by SIGSEGV (it resumes at pc 0)
 *
 * Arch-specific pieces (register names, the faulting instruction, the FP state
 * layout) are in #if blocks; the lines printed are the same on both.
 *
 * Left out on purpose: an SA_ONSTACK handler that interrupted code off the
 * alternate stack and writes uc_stack. Linux's rt_sigreturn calls
 * restore_altstack after restore_sigcontext, so do_sigaltstack should see the
 * restored sp (off the stack) and install the write, as qemu-user does; the
 * x86_64 host kernel (6.18) ignores it, as if it checked the sp of the frame
 * (on the stack). Nothing here depends on which sp that check uses.
 * Also left out: uc_stack.ss_flags of a thread that never set an alternate stack.
 * __save_altstack writes the raw sas_ss_flags, which is 0 from init_task but
 * SS_DISABLE in a thread (copy_process: sas_ss_reset for CLONE_VM) and in what it
 * forks and executes (execve keeps it), while sigaltstack() reports SS_DISABLE
 * either way; the uc_stack case sets SS_DISABLE itself first.
 *
 * qemu-user 7.2 rejects SS_AUTODISARM (EINVAL) and keeps SIGKILL and SIGSTOP in
 * the mask that a handler's uc_sigmask asks for, so altstack_autodisarm and
 * uc_sigmask fail under it; Linux does neither.
 */
#define _GNU_SOURCE
#include <fenv.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <ucontext.h>

#include "lib/check.h"
#include "lib/lifecycle.h"
#include "lib/signals.h"

/* Handlers take (sig, si, ctx) and use what they need (the runner builds with
 * -Wno-unused-parameter too). */
#pragma GCC diagnostic ignored "-Wunused-parameter"

#ifndef SS_AUTODISARM
#define SS_AUTODISARM	(1U << 31)	/* Linux: include/uapi/linux/signal.h */
#endif

#define ALT_SIZE	65536UL
#define PAGE		4096UL

/*
 * Two functions in assembly (TRAP_ASM_FN, lib/signals.h), each with a load from
 * address 0 between global labels, so that a handler knows the faulting pc and
 * where to resume:
 *	long sf_fault_int(void)		sets the return register to 1, faults,
 *					returns the return register
 *	double sf_fault_fp(double x)	faults with x in the first FP argument and
 *					return register (fa0, xmm0), returns it
 */
#if defined(__x86_64__)
#define SET_RET_1	"	movl $1, %eax\n"
#define LOAD_ZERO	"movq 0, %rcx"
#elif defined(__riscv)
#define SET_RET_1	"	li a0, 1\n"
#define LOAD_ZERO	"ld t0, 0(zero)"
#else
#error "signal_frames: x86_64 or riscv64 only"
#endif

__asm__(TRAP_ASM_BEGIN
	TRAP_ASM_FN(sf_fault_int, SET_RET_1, LOAD_ZERO)
	TRAP_ASM_FN(sf_fault_fp, "", LOAD_ZERO)
	TRAP_ASM_END);

long sf_fault_int(void);
double sf_fault_fp(double x);
TRAP_LABELS(sf_fault_int);
TRAP_LABELS(sf_fault_fp);

/* ctx_fp0, ctx_set_fp0 - the saved first FP argument register (fa0, xmm0). */
static double
ctx_fp0(ucontext_t *uc)
{
	double d;

#if defined(__x86_64__)
	memcpy(&d, &uc->uc_mcontext.fpregs->_xmm[0], sizeof(d));
#else
	memcpy(&d, &uc->uc_mcontext.__fpregs.__d.__f[10], sizeof(d));
#endif
	return d;
}

static void
ctx_set_fp0(ucontext_t *uc, double d)
{
#if defined(__x86_64__)
	memcpy(&uc->uc_mcontext.fpregs->_xmm[0], &d, sizeof(d));
#else
	memcpy(&uc->uc_mcontext.__fpregs.__d.__f[10], &d, sizeof(d));
#endif
}

/* clobber_fp0 - zero the live fa0/xmm0 inside a handler. */
static void
clobber_fp0(void)
{
#if defined(__x86_64__)
	__asm__ volatile("xorps %%xmm0, %%xmm0" ::: "xmm0");
#else
	__asm__ volatile("fmv.d.x fa0, zero" ::: "fa0");
#endif
}

/* ---- helpers ------------------------------------------------------------------ */

/* set_alt - sigaltstack({sp, flags, size}, NULL) through the raw system call. */
static long
set_alt(void *sp, int flags, size_t size)
{
	stack_t ss = { .ss_sp = sp, .ss_flags = flags, .ss_size = size };

	return syscall(SYS_sigaltstack, &ss, NULL);
}

/* get_alt - the current setting, or all -1 if sigaltstack fails. */
static stack_t
get_alt(void)
{
	stack_t o;

	memset(&o, 0, sizeof(o));
	if (syscall(SYS_sigaltstack, NULL, &o) == -1)
		o.ss_flags = -1;
	return o;
}

/* new_alt - malloc an alternate stack of ALT_SIZE bytes and install it. */
static char *
new_alt(void)
{
	char *sp = malloc(ALT_SIZE);

	if (!sp || set_alt(sp, 0, ALT_SIZE) == -1)
		check("install_alt_stack", 0, "%s", sp ? errno_name(errno) : "malloc");
	return sp;
}

/* flags_str - ss_flags as words. */
static const char *
flags_str(int f)
{
	static char buf[4][32];
	static int which;
	char *b = buf[which++ & 3];

	switch ((unsigned int)f) {
	case 0: return "0";
	case SS_ONSTACK: return "SS_ONSTACK";
	case SS_DISABLE: return "SS_DISABLE";
	case SS_AUTODISARM: return "SS_AUTODISARM";
	case SS_AUTODISARM | SS_DISABLE: return "SS_AUTODISARM|SS_DISABLE";
	}
	snprintf(b, 32, "%#x", (unsigned int)f);
	return b;
}

/* within - whether address a lies in [base, base + size). */
static int
within(const void *a, const void *base, size_t size)
{
	uintptr_t x = (uintptr_t)a, b = (uintptr_t)base;

	return x >= b && x - b < size;
}

/*
 * What a handler saw, for the scenario to check after it returns: where a local
 * was, what sigaltstack reported, uc_stack, the saved sp, and what two calls that
 * would change the setting gave: one that installs seen.install (or sets again
 * what sigaltstack reported, when that is NULL) and one with invalid flags.
 */
static struct {
	char *install;
	volatile int runs;
	char *local;
	stack_t cur, uc_stack;
	volatile long set_ret, set_err, badflags_ret, badflags_err;
	uintptr_t saved_sp;
} seen;

static void
record_handler(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	char here;

	seen.runs++;
	seen.local = &here;
	seen.cur = get_alt();
	seen.uc_stack = uc->uc_stack;
	seen.saved_sp = (uintptr_t)CTX_SP(uc);
	errno = 0;
	if (seen.install)
		seen.set_ret = set_alt(seen.install, 0, ALT_SIZE);
	else
		seen.set_ret = set_alt(seen.cur.ss_sp, seen.cur.ss_flags & ~SS_ONSTACK,
				       seen.cur.ss_size);
	seen.set_err = errno;
	errno = 0;
	seen.badflags_ret = set_alt(seen.cur.ss_sp, 8, ALT_SIZE);
	seen.badflags_err = errno;
}

/*
 * raise_recorded - run record_handler for SIGUSR1 with extra sa_flags; install
 * is the stack it tries to install (NULL: the current setting again).
 */
static void
raise_recorded(int flags, char *install)
{
	memset(&seen, 0, sizeof(seen));
	seen.install = install;
	set_action_checked(SIGUSR1, record_handler, flags);
	raise(SIGUSR1);
	check_long("handler_ran", seen.runs, 1);
}

/* ---- the alternate stack ------------------------------------------------------ */

/* Linux: sigsp, do_sigaltstack (on_sig_stack gives EPERM before any other check). */
static void
test_altstack_onstack(void)
{
	char *alt = new_alt(), mine;
	stack_t o = get_alt();
	int ok;

	check("outside_flags", o.ss_flags == 0 && o.ss_sp == alt && o.ss_size == ALT_SIZE,
	      "ss_flags %s, ss_sp the installed stack: %s, ss_size %zu", flags_str(o.ss_flags),
	      yesno(o.ss_sp == alt), o.ss_size);
	raise_recorded(SA_ONSTACK, NULL);
	check("local_on_alt_stack", within(seen.local, alt, ALT_SIZE),
	      "a local of the handler lies in the alternate stack: %s",
	      yesno(within(seen.local, alt, ALT_SIZE)));
	check("inside_flags", seen.cur.ss_flags == SS_ONSTACK && seen.cur.ss_sp == alt &&
	      seen.cur.ss_size == ALT_SIZE, "ss_flags %s, ss_sp the installed stack: %s, "
	      "ss_size %zu", flags_str(seen.cur.ss_flags), yesno(seen.cur.ss_sp == alt),
	      seen.cur.ss_size);
	check_errno("change_on_stack_eperm", seen.set_ret, seen.set_err, EPERM);
	check_errno("bad_flags_on_stack_eperm", seen.badflags_ret, seen.badflags_err, EPERM);
	ok = !within((void *)seen.saved_sp, alt, ALT_SIZE) &&
	     within(&mine, (void *)seen.saved_sp, 65536);
	check("saved_sp_interrupted_stack", ok, "the saved sp is off the alternate stack, "
	      "just below the interrupted code's locals: %s", yesno(ok));
	o = get_alt();
	check("outside_flags_after", o.ss_flags == 0 && o.ss_sp == alt,
	      "ss_flags %s, still the installed stack: %s", flags_str(o.ss_flags),
	      yesno(o.ss_sp == alt));
}

static void
test_altstack_not_onstack(void)
{
	char *alt = new_alt();

	raise_recorded(0, NULL);
	check("local_off_alt_stack", !within(seen.local, alt, ALT_SIZE),
	      "a local of the handler lies in the alternate stack: %s",
	      yesno(within(seen.local, alt, ALT_SIZE)));
	check("inside_flags", seen.cur.ss_flags == 0, "ss_flags %s",
	      flags_str(seen.cur.ss_flags));
	check("change_off_stack_allowed", seen.set_ret == 0, "sigaltstack from a handler "
	      "off the stack: %s", seen.set_ret == 0 ? "0" : errno_name(seen.set_err));
}

/* Linux: do_sigaltstack with SS_DISABLE clears ss_sp and ss_size. */
static void
test_altstack_disable(void)
{
	char *alt = new_alt();
	stack_t o;

	EXPECT_RET("disable", set_alt(alt, SS_DISABLE, 12345), 0);
	o = get_alt();
	check("disabled_reads", o.ss_flags == SS_DISABLE && !o.ss_sp && o.ss_size == 0,
	      "ss_flags %s, ss_sp NULL: %s, ss_size %zu", flags_str(o.ss_flags),
	      yesno(!o.ss_sp), o.ss_size);
	raise_recorded(SA_ONSTACK, NULL);
	check("local_off_alt_stack", !within(seen.local, alt, ALT_SIZE),
	      "a local of the SA_ONSTACK handler lies in the old stack: %s",
	      yesno(within(seen.local, alt, ALT_SIZE)));
	check("inside_flags", seen.cur.ss_flags == SS_DISABLE, "ss_flags %s",
	      flags_str(seen.cur.ss_flags));
}

static void
test_altstack_errors(void)
{
	char *alt = new_alt(), *other = malloc(ALT_SIZE);
	stack_t o;

	EXPECT_ERRNO("size_1024_enomem", set_alt(other, 0, 1024), ENOMEM);
	EXPECT_ERRNO("flags_8_einval", set_alt(other, 8, ALT_SIZE), EINVAL);
	EXPECT_ERRNO("onstack_and_disable_einval",
		     set_alt(other, SS_ONSTACK | SS_DISABLE, ALT_SIZE), EINVAL);
	EXPECT_ERRNO("ss_efault", syscall(SYS_sigaltstack, (void *)8, NULL), EFAULT);
	EXPECT_ERRNO("oss_efault", syscall(SYS_sigaltstack, NULL, (void *)8), EFAULT);
	o = get_alt();
	check("failed_calls_keep_stack", o.ss_sp == alt && o.ss_size == ALT_SIZE &&
	      o.ss_flags == 0, "still the first stack: %s, ss_flags %s",
	      yesno(o.ss_sp == alt && o.ss_size == ALT_SIZE), flags_str(o.ss_flags));
	/* Linux accepts SS_ONSTACK as a mode for old programs, and stores it. */
	EXPECT_RET("onstack_flag_accepted", set_alt(other, SS_ONSTACK, ALT_SIZE), 0);
	o = get_alt();
	check("onstack_flag_reads_0", o.ss_flags == 0 && o.ss_sp == other,
	      "ss_flags %s, the new stack: %s", flags_str(o.ss_flags), yesno(o.ss_sp == other));
	EXPECT_RET("disable_ignores_size", set_alt(NULL, SS_DISABLE, 1), 0);
	EXPECT_RET("size_2048_ok", set_alt(other, 0, 2048), 0);
}

/*
 * Linux: __save_altstack stores the setting in the frame, and with SS_AUTODISARM
 * sas_ss_reset clears it; restore_altstack puts it back at sigreturn.
 */
static void
test_altstack_autodisarm(void)
{
	char *alt = malloc(ALT_SIZE), *spare = malloc(ALT_SIZE);
	stack_t o;

	EXPECT_RET("set_autodisarm", set_alt(alt, (int)SS_AUTODISARM, ALT_SIZE), 0);
	o = get_alt();
	check("outside_flags", o.ss_flags == (int)SS_AUTODISARM, "ss_flags %s",
	      flags_str(o.ss_flags));
	raise_recorded(SA_ONSTACK, spare);
	check("local_on_alt_stack", within(seen.local, alt, ALT_SIZE),
	      "a local of the handler lies in the alternate stack: %s",
	      yesno(within(seen.local, alt, ALT_SIZE)));
	check("inside_disarmed", seen.cur.ss_flags == SS_DISABLE && !seen.cur.ss_sp &&
	      seen.cur.ss_size == 0, "ss_flags %s, ss_sp NULL: %s, ss_size %zu",
	      flags_str(seen.cur.ss_flags), yesno(!seen.cur.ss_sp), seen.cur.ss_size);
	check("uc_stack_saved", seen.uc_stack.ss_sp == alt && seen.uc_stack.ss_size ==
	      ALT_SIZE && seen.uc_stack.ss_flags == (int)SS_AUTODISARM,
	      "uc_stack is the armed stack: %s, ss_flags %s",
	      yesno(seen.uc_stack.ss_sp == alt && seen.uc_stack.ss_size == ALT_SIZE),
	      flags_str(seen.uc_stack.ss_flags));
	check("change_while_disarmed", seen.set_ret == 0, "installing another stack inside: %s",
	      seen.set_ret == 0 ? "0" : errno_name(seen.set_err));
	o = get_alt();
	check("restored_after_return", o.ss_sp == alt && o.ss_size == ALT_SIZE &&
	      o.ss_flags == (int)SS_AUTODISARM, "the armed stack again: %s, ss_flags %s",
	      yesno(o.ss_sp == alt && o.ss_size == ALT_SIZE), flags_str(o.ss_flags));
	EXPECT_RET("disable_with_autodisarm",
		   set_alt(NULL, (int)(SS_DISABLE | SS_AUTODISARM), 0), 0);
	o = get_alt();
	check("disabled_autodisarm_reads", o.ss_flags == (int)(SS_DISABLE | SS_AUTODISARM),
	      "ss_flags %s", flags_str(o.ss_flags));
}

static char *nested_outer, *nested_inner;
static stack_t nested_cur;

static void
nested_inner_handler(int sig, siginfo_t *si, void *ctx)
{
	char here;

	nested_inner = &here;
	nested_cur = get_alt();
}

static void
nested_outer_handler(int sig, siginfo_t *si, void *ctx)
{
	char here;

	nested_outer = &here;
	raise(SIGUSR2);
}

/* Linux: sigsp keeps the current sp when it already is on the alternate stack. */
static void
nested_round(const char *name, char *alt, int inner_flags)
{
	char buf[64];
	int ok;

	nested_outer = nested_inner = NULL;
	set_action_checked(SIGUSR2, nested_inner_handler, inner_flags);
	raise(SIGUSR1);
	ok = within(nested_inner, alt, ALT_SIZE) && nested_inner < nested_outer;
	snprintf(buf, sizeof(buf), "%s_on_alt_stack", name);
	check(buf, ok, "the nested handler's local lies in the alternate stack, below "
	      "the first handler's: %s", yesno(ok));
	snprintf(buf, sizeof(buf), "%s_flags", name);
	check(buf, nested_cur.ss_flags == SS_ONSTACK, "ss_flags %s",
	      flags_str(nested_cur.ss_flags));
}

static void
test_altstack_nested(void)
{
	char *alt = new_alt();

	set_action_checked(SIGUSR1, nested_outer_handler, SA_ONSTACK);
	nested_round("nested_onstack", alt, SA_ONSTACK);
	nested_round("nested_without_onstack", alt, 0);
}

static void
overflow_handler(int sig, siginfo_t *si, void *ctx)
{
	raise(SIGUSR1);
}

/*
 * Linux: get_sigframe returns a bad address when the frame would leave the
 * alternate stack, and the failed delivery forces SIGSEGV. The stack is mmap'd
 * above a PROT_NONE page, so that the handler's own use of it cannot write past
 * it either.
 */
static void
test_altstack_overflow(void)
{
	struct rlimit rl = { 0, 0 };
	char *m;
	pid_t pid;
	int st = 0;

	setrlimit(RLIMIT_CORE, &rl);
	pid = fork_flushed();
	if (pid == 0) {
		m = mmap(NULL, PAGE + 8 * PAGE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m == MAP_FAILED || mprotect(m, PAGE, PROT_NONE) == -1 ||
		    set_alt(m + PAGE, 0, 8 * PAGE) == -1)
			_exit(10);
		set_action_checked(SIGUSR1, overflow_handler, SA_ONSTACK | SA_NODEFER);
		raise(SIGUSR1);
		_exit(11);
	}
	wait_bounded(pid, &st);
	check_killed("overflow_killed", st, SIGSEGV);	/* 10: setup, 11: survived */
}

/* Linux: __save_altstack writes t->sas_ss_{sp,size,flags} as they are. */
static void
test_uc_stack(void)
{
	char *alt = new_alt();
	int i;

	for (i = 0; i < 2; i++) {
		raise_recorded(i ? 0 : SA_ONSTACK, NULL);
		check(i ? "uc_stack_without_onstack" : "uc_stack_onstack",
		      seen.uc_stack.ss_sp == alt && seen.uc_stack.ss_size == ALT_SIZE &&
		      seen.uc_stack.ss_flags == 0, "ss_sp, ss_size the installed stack: %s, "
		      "ss_flags %s", yesno(seen.uc_stack.ss_sp == alt &&
		      seen.uc_stack.ss_size == ALT_SIZE), flags_str(seen.uc_stack.ss_flags));
	}
	set_alt(NULL, SS_DISABLE, 0);
	raise_recorded(SA_ONSTACK, NULL);
	check("uc_stack_disabled", !seen.uc_stack.ss_sp && seen.uc_stack.ss_size == 0 &&
	      seen.uc_stack.ss_flags == SS_DISABLE, "ss_sp NULL: %s, ss_size %zu, ss_flags %s",
	      yesno(!seen.uc_stack.ss_sp), seen.uc_stack.ss_size,
	      flags_str(seen.uc_stack.ss_flags));
}

static char *uc_write_target;

static void
uc_write_handler(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	uc->uc_stack.ss_sp = uc_write_target;
	uc->uc_stack.ss_size = ALT_SIZE;
	uc->uc_stack.ss_flags = 0;
}

/*
 * Linux: rt_sigreturn calls restore_altstack, which calls do_sigaltstack and
 * ignores its errors: on the alternate stack it fails with EPERM. The two rounds
 * here are the ones where the sp of the frame and the sp being restored are on the
 * same side (both off the alternate stack, both on it): an SA_ONSTACK handler that
 * interrupted code off the stack is left out, see the note at the end of the file.
 */
static void
test_uc_stack_write(void)
{
	char *alt = new_alt(), *second = malloc(ALT_SIZE);
	stack_t o;

	uc_write_target = second;
	set_action_checked(SIGUSR1, uc_write_handler, 0);
	raise(SIGUSR1);
	o = get_alt();
	check("installed_by_sigreturn", o.ss_sp == second && o.ss_size == ALT_SIZE &&
	      o.ss_flags == 0, "the stack written to uc_stack is installed: %s, ss_flags %s",
	      yesno(o.ss_sp == second && o.ss_size == ALT_SIZE), flags_str(o.ss_flags));
	set_alt(alt, 0, ALT_SIZE);
	set_action_checked(SIGUSR1, nested_outer_handler, SA_ONSTACK);
	set_action_checked(SIGUSR2, uc_write_handler, SA_ONSTACK);
	raise(SIGUSR1);
	o = get_alt();
	check("nested_frame_ignored", o.ss_sp == alt,
	      "a nested handler's uc_stack (interrupted code on the stack) is ignored: %s",
	      yesno(o.ss_sp == alt));
}

/* ---- leaving a handler with longjmp ------------------------------------------- */

static sigjmp_buf senv;
static jmp_buf jenv;
static volatile int jump_kind;

static void
jump_handler(int sig, siginfo_t *si, void *ctx)
{
	switch (jump_kind) {
	case 0: case 1: siglongjmp(senv, 1);
	case 2: longjmp(jenv, 1);
	default: _longjmp(jenv, 1);
	}
}

/*
 * jump_round - set the jump point of kind k (0: sigsetjmp(env, 1), 1: sigsetjmp(env,
 * 0), 2: setjmp, 3: _setjmp), raise SIGUSR1 with an empty mask, and return whether
 * SIGUSR1 is blocked after the handler jumped back (-1: it returned instead).
 */
static int
jump_round(int k)
{
	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	jump_kind = k;
	if (k == 0) {
		if (sigsetjmp(senv, 1))
			return is_blocked(SIGUSR1);
	} else if (k == 1) {
		if (sigsetjmp(senv, 0))
			return is_blocked(SIGUSR1);
	} else if (k == 2) {
		if (setjmp(jenv))
			return is_blocked(SIGUSR1);
	} else {
		if (_setjmp(jenv))
			return is_blocked(SIGUSR1);
	}
	raise(SIGUSR1);
	return -1;
}

static void
test_longjmp_masks(void)
{
	static const char *names[] = { "siglongjmp_savemask_1", "siglongjmp_savemask_0",
				       "longjmp", "_longjmp" };
	static const int want[] = { 0, 1, 1, 1 };
	volatile int k;
	int b;

	set_action_checked(SIGUSR1, jump_handler, 0);
	for (k = 0; k < 4; k++) {
		b = jump_round(k);
		check(names[k], b == want[k], "SIGUSR1 blocked after the jump: %s",
		      b < 0 ? "the handler returned" : yesno(b));
	}
	/* The mask restored is the one saved at sigsetjmp, not the pre-handler one. */
	mask_one(SIG_UNBLOCK, SIGUSR1);
	mask_one(SIG_BLOCK, SIGUSR2);
	jump_kind = 0;
	if (sigsetjmp(senv, 1) == 0) {
		mask_one(SIG_UNBLOCK, SIGUSR2);
		raise(SIGUSR1);
	}
	check("siglongjmp_mask_from_sigsetjmp", is_blocked(SIGUSR2) && !is_blocked(SIGUSR1),
	      "SIGUSR2 (blocked at sigsetjmp) blocked again: %s, SIGUSR1 blocked: %s",
	      yesno(is_blocked(SIGUSR2)), yesno(is_blocked(SIGUSR1)));
}

static void
test_longjmp_off_altstack(void)
{
	char *alt = new_alt();
	stack_t o;

	set_action_checked(SIGUSR1, jump_handler, SA_ONSTACK);
	jump_kind = 0;
	if (sigsetjmp(senv, 1) == 0) {
		raise(SIGUSR1);
		check("jumped", 0, "the handler returned");
		return;
	}
	o = get_alt();
	check("off_alt_stack_after_jump", o.ss_flags == 0 && o.ss_sp == alt,
	      "ss_flags %s", flags_str(o.ss_flags));
}

/* ---- editing the saved context ------------------------------------------------ */

/* What the SIGSEGV handler does, and what it saw. */
static struct {
	volatile int mode;		/* MODE_* */
	volatile int runs, code, at_insn;
	void *addr;
	double fp;
} fault;

enum { MODE_SKIP, MODE_WRITE_RET, MODE_FP_READ, MODE_FP_WRITE };

static void
segv_handler(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	int fp = fault.mode == MODE_FP_READ || fault.mode == MODE_FP_WRITE;
	char *insn = fp ? sf_fault_fp_insn : sf_fault_int_insn;

	fault.runs++;
	fault.code = si->si_code;
	fault.addr = si->si_addr;
	fault.at_insn = (char *)CTX_PC(uc) == insn;
	if (!fault.at_insn)
		_exit(20);			/* not our fault: do not loop */
	CTX_PC(uc) = (uintptr_t)(fp ? sf_fault_fp_next : sf_fault_int_next);
	if (fault.mode == MODE_WRITE_RET)
		CTX_RET(uc) = 42;
	if (fp)
		fault.fp = ctx_fp0(uc);
	clobber_fp0();
	if (fault.mode == MODE_FP_WRITE)
		ctx_set_fp0(uc, 2.75);
}

static void
arm_fault(int mode)
{
	memset(&fault, 0, sizeof(fault));
	fault.mode = mode;
	set_action_checked(SIGSEGV, segv_handler, 0);
}

/* Linux: do_page_fault gives SEGV_MAPERR at 0; rt_sigreturn loads the edited pc. */
static void
test_pc_advance(void)
{
	long r;

	arm_fault(MODE_SKIP);
	r = sf_fault_int();
	check("continued", fault.runs == 1, "continued after the faulting load: %s",
	      yesno(fault.runs == 1));
	check("saved_pc_at_load", fault.at_insn, "the saved pc is the faulting load: %s",
	      yesno(fault.at_insn));
	check("siginfo", fault.code == SEGV_MAPERR && fault.addr == NULL,
	      "si_code %s, si_addr NULL: %s", fault.code == SEGV_MAPERR ? "SEGV_MAPERR" :
	      "other", yesno(fault.addr == NULL));
	check_long("return_register_kept", r, 1);
}

static void
test_gpr_write(void)
{
	long r;

	arm_fault(MODE_WRITE_RET);
	r = sf_fault_int();
	check_long("return_register_from_handler", r, 42);
}

/* Linux: riscv save_fp_state/restore_fp_state, x86 copy_fpstate_to_sigframe. */
static void
test_fp_saved(void)
{
	double r;

	arm_fault(MODE_FP_READ);
	r = sf_fault_fp(1.5);
	check("saved_fp_register", fault.fp == 1.5, "the saved fa0/xmm0 holds 1.5: %s",
	      yesno(fault.fp == 1.5));
	check("clobber_in_handler_undone", r == 1.5, "after a handler zeroed the live "
	      "register, the interrupted code reads 1.5: %s", yesno(r == 1.5));
	arm_fault(MODE_FP_WRITE);
	r = sf_fault_fp(-0.5);
	check("saved_fp_register_2", fault.fp == -0.5, "the saved register holds -0.5: %s",
	      yesno(fault.fp == -0.5));
	check("fp_register_from_handler", r == 2.75, "the interrupted code reads the "
	      "value the handler stored (2.75): %s", yesno(r == 2.75));
}

static volatile int round_in_handler;

static void
round_handler(int sig, siginfo_t *si, void *ctx)
{
	fesetround(FE_UPWARD);
	round_in_handler = fegetround() == FE_UPWARD;
}

static void
test_rounding_restored(void)
{
	set_action_checked(SIGUSR1, round_handler, 0);
	raise(SIGUSR1);
	check("handler_set_upward", round_in_handler, "FE_UPWARD inside: %s",
	      yesno(round_in_handler));
	check("nearest_after_return", fegetround() == FE_TONEAREST,
	      "FE_TONEAREST after sigreturn: %s", yesno(fegetround() == FE_TONEAREST));
	fesetround(FE_DOWNWARD);
	raise(SIGUSR1);
	check("downward_after_return", fegetround() == FE_DOWNWARD,
	      "FE_DOWNWARD (set before the signal) after sigreturn: %s",
	      yesno(fegetround() == FE_DOWNWARD));
	fesetround(FE_TONEAREST);
}

static volatile int mask_had_usr2, mask_had_usr1, usr2_runs;
static volatile int mask_op;	/* 0: add SIGUSR2, SIGKILL, SIGSTOP; 1: remove SIGUSR2 */

static void
mask_handler(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	mask_had_usr2 = sigismember(&uc->uc_sigmask, SIGUSR2);
	mask_had_usr1 = sigismember(&uc->uc_sigmask, SIGUSR1);
	if (mask_op == 0) {
		sigaddset(&uc->uc_sigmask, SIGUSR2);
		sigaddset(&uc->uc_sigmask, SIGKILL);
		sigaddset(&uc->uc_sigmask, SIGSTOP);
	} else {
		sigdelset(&uc->uc_sigmask, SIGUSR2);
	}
}

static void
usr2_handler(int sig, siginfo_t *si, void *ctx)
{
	usr2_runs++;
}

/* Linux: rt_sigreturn -> set_current_blocked, which drops SIGKILL and SIGSTOP. */
static void
test_uc_sigmask(void)
{
	sigset_t cur;

	set_action_checked(SIGUSR1, mask_handler, 0);
	set_action_checked(SIGUSR2, usr2_handler, 0);
	mask_op = 0;
	raise(SIGUSR1);
	check("uc_sigmask_is_interrupted_mask", !mask_had_usr2 && !mask_had_usr1,
	      "SIGUSR2 in it: %s, SIGUSR1 (the handler's own) in it: %s",
	      yesno(mask_had_usr2), yesno(mask_had_usr1));
	sigprocmask(SIG_BLOCK, NULL, &cur);
	check("added_signal_blocked", sigismember(&cur, SIGUSR2) && !sigismember(&cur, SIGUSR1),
	      "SIGUSR2 blocked after sigreturn: %s, SIGUSR1: %s",
	      yesno(sigismember(&cur, SIGUSR2)), yesno(sigismember(&cur, SIGUSR1)));
	check("kill_stop_dropped", !sigismember(&cur, SIGKILL) && !sigismember(&cur, SIGSTOP),
	      "SIGKILL blocked: %s, SIGSTOP blocked: %s", yesno(sigismember(&cur, SIGKILL)),
	      yesno(sigismember(&cur, SIGSTOP)));
	raise(SIGUSR2);
	check_long("usr2_pending_not_run", usr2_runs, 0);
	mask_op = 1;
	raise(SIGUSR1);
	check("removed_signal_delivered",
	      mask_had_usr2 && usr2_runs == 1 && !is_blocked(SIGUSR2),
	      "SIGUSR2 in uc_sigmask: %s, its pending instance ran at sigreturn: %s, "
	      "blocked after: %s", yesno(mask_had_usr2), yesno(usr2_runs == 1),
	      yesno(is_blocked(SIGUSR2)));
}

static volatile int depth, max_depth, blocked_after_inner;
static char trace[16];
static volatile int ntrace;

static void
nest_handler(int sig, siginfo_t *si, void *ctx)
{
	int me = ++depth;

	if (me > max_depth)
		max_depth = me;
	trace[ntrace++] = (char)('0' + me);
	if (me == 1) {
		mask_one(SIG_UNBLOCK, SIGUSR1);
		raise(SIGUSR1);
		blocked_after_inner = is_blocked(SIGUSR1);
	}
	trace[ntrace++] = (char)('a' + me - 1);
	depth--;
}

static void
test_nested_unblock(void)
{
	set_action_checked(SIGUSR1, nest_handler, 0);
	raise(SIGUSR1);
	check_long("max_depth", max_depth, 2);
	check_str("order", trace, "12ba");
	check("outer_mask_kept_by_inner_return", !blocked_after_inner,
	      "SIGUSR1 blocked in the outer handler after the inner returned: %s",
	      yesno(blocked_after_inner));
	check("unblocked_after_outer", !is_blocked(SIGUSR1), "SIGUSR1 blocked after both: %s",
	      yesno(is_blocked(SIGUSR1)));
}

/*
 * rt_sigreturn with sp at a zeroed buffer: a "frame" of zeros restores pc 0 (and
 * x86_64 a null code selector), so the process dies of SIGSEGV.
 */
static __attribute__((noreturn)) void
sigreturn_zero_frame(void)
{
	static uint64_t zeros[4096] __attribute__((aligned(16)));
	char *sp = (char *)zeros + sizeof(zeros) / 2;

#if defined(__x86_64__)
	__asm__ volatile("mov %0, %%rsp\n\tmov %1, %%eax\n\tsyscall"
			 :: "r"(sp), "i"(SYS_rt_sigreturn) : "memory");
#else
	__asm__ volatile("mv sp, %0\n\tli a7, %1\n\tecall"
			 :: "r"(sp), "i"(SYS_rt_sigreturn) : "memory");
#endif
	__builtin_unreachable();
}

static void
test_sigreturn_without_frame(void)
{
	struct rlimit rl = { 0, 0 };
	pid_t pid;
	int st = 0;

	setrlimit(RLIMIT_CORE, &rl);
	pid = fork_flushed();
	if (pid == 0) {
		sigreturn_zero_frame();
		_exit(10);
	}
	wait_bounded(pid, &st);
	check_killed("sigreturn_without_frame_killed", st, SIGSEGV);
}

int
main(void)
{
	scenario("altstack_onstack", test_altstack_onstack);
	scenario("altstack_not_onstack", test_altstack_not_onstack);
	scenario("altstack_disable", test_altstack_disable);
	scenario("altstack_errors", test_altstack_errors);
	scenario("altstack_autodisarm", test_altstack_autodisarm);
	scenario("altstack_nested", test_altstack_nested);
	scenario("altstack_overflow", test_altstack_overflow);
	scenario("uc_stack", test_uc_stack);
	scenario("uc_stack_write", test_uc_stack_write);
	scenario("longjmp_masks", test_longjmp_masks);
	scenario("longjmp_off_altstack", test_longjmp_off_altstack);
	scenario("pc_advance", test_pc_advance);
	scenario("gpr_write", test_gpr_write);
	scenario("fp_saved", test_fp_saved);
	scenario("rounding_restored", test_rounding_restored);
	scenario("uc_sigmask", test_uc_sigmask);
	scenario("nested_unblock", test_nested_unblock);
	scenario("sigreturn_without_frame", test_sigreturn_without_frame);
	return check_summary();
}
