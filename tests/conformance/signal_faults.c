/*
 * signal_faults — synchronous faults become signals with Linux's siginfo, a
 * handler can repair the cause and return to retry the access, and a fault whose
 * signal is blocked or ignored kills. Linux: arch/riscv/mm/fault.c do_page_fault,
 * arch/riscv/kernel/traps.c (do_trap_insn_illegal, do_trap_break),
 * arch/x86/mm/fault.c, arch/x86/kernel/traps.c, kernel/signal.c
 * (force_sig_fault, force_sig_info_to_task).
 *
 * Scenarios, each in a child of its own (lib/lifecycle.h):
 *	read_unmapped		read a munmap'd page: SIGSEGV SEGV_MAPERR, si_addr the
 *				byte read; the handler maps the page again and
 *				returns: the read is retried and gives 0
 *	write_readonly		write a PROT_READ page: SEGV_ACCERR, si_addr exact;
 *				the handler mprotects it writable and returns: the
 *				store lands
 *	read_prot_none		read a PROT_NONE page: SEGV_ACCERR; fixed the same way
 *	exec_noexec		call into a PROT_READ|PROT_WRITE page holding a
 *				return: SEGV_ACCERR, si_addr and the saved pc are the
 *				page; the handler adds PROT_EXEC, the call completes
 *	write_text		write to the program's own code: SEGV_ACCERR, si_addr
 *				exact (left with siglongjmp)
 *	retried_until_fixed	a handler that returns twice without fixing anything
 *				runs three times: the access is retried each time
 *	sigbus_past_eof		touch a file mapping a page past the page holding
 *				EOF: SIGBUS BUS_ADRERR, si_addr exact; the handler
 *				extends the file and returns: the read gives 0
 *	blocked_fault_kills	SIGSEGV, SIGBUS, SIGILL, SIGTRAP from a fault while
 *				blocked, with a handler: killed by that signal, no
 *				core (RLIMIT_CORE 0); a SIGSEGV from kill() while
 *				blocked stays pending instead
 *	ignored_fault_kills	the same faults with the signal ignored: killed; a
 *				SIGSEGV from kill() while ignored is discarded
 *	sigill			an illegal instruction (riscv64: an all-zero word,
 *				x86_64: ud2): SIGILL with the arch's ILL_* code,
 *				si_addr and the saved pc the instruction; the handler
 *				moves the pc past it
 *	sigtrap			a breakpoint (ebreak, int3): SIGTRAP; the saved pc is
 *				where the arch leaves it (riscv64: at the ebreak,
 *				x86_64: after int3); the handler continues after it
 *	raised_segv		raise(SIGSEGV) with a handler: si_code SI_TKILL, the
 *				handler returns and nothing is retried
 *	stack_overflow_altstack	unbounded recursion with an SA_ONSTACK SIGSEGV handler:
 *				caught on the alternate stack, left with siglongjmp,
 *				and caught again a second time
 *	stack_overflow_no_altstack	the same without an alternate stack: the frame
 *				cannot be written, the process is killed by SIGSEGV
 *	nested_fault_kills	a SIGSEGV handler that faults itself (SIGSEGV blocked
 *				inside it): killed by SIGSEGV
 *	nested_fault_nodefer	with SA_NODEFER the fault inside the handler runs the
 *				handler again, which repairs the second page; both
 *				accesses complete
 *	resethand_refault	SA_RESETHAND: a handler that returns without fixing
 *				the fault is not there for the retry: killed
 *
 * No SIGFPE case: riscv64 integer division by zero does not trap (the result is
 * -1), x86_64's does. Arch differences the checks allow for: si_code of SIGILL
 * (riscv64 ILL_ILLOPC, x86_64 ILL_ILLOPN), where the saved pc of a breakpoint is,
 * and si_code of SIGTRAP (riscv64 TRAP_BRKPT, x86_64 SI_KERNEL: not printed).
 *
 * Under qemu-user 7.2 a SIGBUS from a fault while SIGBUS is blocked or ignored
 * retries forever (the case's child is killed after its bounded wait), and a
 * SIGSEGV sent with kill() while blocked is not reported by sigpending.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <ucontext.h>

#include "lib/check.h"
#include "lib/lifecycle.h"
#include "lib/signals.h"

/* Handlers take (sig, si, ctx) and use what they need (the runner builds with
 * -Wno-unused-parameter too). */
#pragma GCC diagnostic ignored "-Wunused-parameter"

#define PAGE	4096UL

/*
 * Two functions in assembly (TRAP_ASM_FN, lib/signals.h), each with a trapping
 * instruction between global labels: sfl_ill executes an illegal instruction,
 * sfl_brk a breakpoint.
 */
#if defined(__x86_64__)
#define ILL_INSN	"ud2"
#define BRK_INSN	"int3"
#define ILL_CODE	ILL_ILLOPN	/* Linux x86: do_error_trap for #UD */
#define BRK_PC_AFTER	1		/* int3 traps after the instruction */
static const unsigned char ret_insn[] = { 0xc3 };
#elif defined(__riscv)
#define ILL_INSN	".4byte 0"
#define BRK_INSN	"ebreak"
#define ILL_CODE	ILL_ILLOPC	/* Linux riscv: do_trap_insn_illegal */
#define BRK_PC_AFTER	0		/* ebreak traps at the instruction */
static const unsigned char ret_insn[] = { 0x67, 0x80, 0x00, 0x00 };	/* jalr x0, 0(ra) */
#else
#error "signal_faults: x86_64 or riscv64 only"
#endif

__asm__(TRAP_ASM_BEGIN
	TRAP_ASM_FN(sfl_ill, "", ILL_INSN)
	TRAP_ASM_FN(sfl_brk, "", BRK_INSN)
	TRAP_ASM_END);

void sfl_ill(void);
void sfl_brk(void);
TRAP_LABELS(sfl_ill);
TRAP_LABELS(sfl_brk);

/* ---- helpers ------------------------------------------------------------------ */

static unsigned char *
map_anon(int prot)
{
	unsigned char *p = mmap(NULL, PAGE, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		check("mmap", 0, "-1 %s", errno_name(errno));
		exit(1);
	}
	return p;
}

static const char *
segv_code(int c)
{
	return c == SEGV_MAPERR ? "SEGV_MAPERR" : c == SEGV_ACCERR ? "SEGV_ACCERR" :
	       c == SI_KERNEL ? "SI_KERNEL" : c == SI_USER ? "SI_USER" :
	       c == SI_TKILL ? "SI_TKILL" : "other";
}

/*
 * What the handler saw at each run, and what it does: fix(n, si) is called with
 * the run's number (1, 2, ...) and repairs the cause, or does nothing so that the
 * access faults again.
 */
static struct {
	volatile int runs, signo, code, err;
	void *addr;
	uintptr_t pc;
	int (*fix)(int n, siginfo_t *si);
} seen;

static sigjmp_buf out;

static void
fault_handler(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	int n = ++seen.runs;

	seen.signo = si->si_signo;
	seen.code = si->si_code;
	seen.err = si->si_errno;
	seen.addr = si->si_addr;
	seen.pc = (uintptr_t)CTX_PC(uc);
	if (n > 5)
		_exit(30);		/* a fix that does not fix: do not loop */
	if (!seen.fix || seen.fix(n, si) < 0)
		siglongjmp(out, 1);
}

/* arm - install fault_handler for sig with fix (NULL: siglongjmp to out). */
static void
arm(int sig, int (*fix)(int, siginfo_t *), int flags)
{
	memset(&seen, 0, sizeof(seen));
	seen.fix = fix;
	set_action_checked(sig, fault_handler, flags);
}

/* check_fault - the siginfo the last fault gave: signo, code, si_addr == addr. */
static void
check_fault(const char *name, int signo, int code, const char *code_name, void *addr)
{
	check(name, seen.signo == signo && seen.code == code && seen.err == 0 &&
	      seen.addr == addr, "%s %s (%s), si_errno %d, si_addr the faulting byte: %s",
	      signal_name(seen.signo), seen.code == code ? code_name : "other code",
	      segv_code(seen.code), seen.err, yesno(seen.addr == addr));
}

/* ---- SIGSEGV and SIGBUS from memory accesses ---------------------------------- */

static unsigned char *fix_page;
static int fix_prot;

/* fix_mprotect - give fix_page the protection fix_prot. */
static int
fix_mprotect(int n, siginfo_t *si)
{
	return mprotect(fix_page, PAGE, fix_prot);
}

/* fix_remap - map an anonymous page again at fix_page. */
static int
fix_remap(int n, siginfo_t *si)
{
	void *p = mmap(fix_page, PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	return p == MAP_FAILED ? -1 : 0;
}

/* Linux: do_page_fault -> bad_area_nosemaphore (no vma): SEGV_MAPERR. */
static void
test_read_unmapped(void)
{
	volatile unsigned char *p = map_anon(PROT_READ | PROT_WRITE);
	int v;

	munmap((void *)p, PAGE);
	fix_page = (unsigned char *)p;
	arm(SIGSEGV, fix_remap, 0);
	v = p[123];
	check_fault("read_unmapped", SIGSEGV, SEGV_MAPERR, "SEGV_MAPERR", (void *)(p + 123));
	check("retried_read", seen.runs == 1 && v == 0,
	      "the handler ran once, the retried read gave %d", v);
}

/* Linux: access_error -> bad_area_access_error: SEGV_ACCERR. */
static void
test_write_readonly(void)
{
	volatile unsigned char *p = map_anon(PROT_READ | PROT_WRITE);

	p[77] = 1;
	mprotect((void *)p, PAGE, PROT_READ);
	fix_page = (unsigned char *)p;
	fix_prot = PROT_READ | PROT_WRITE;
	arm(SIGSEGV, fix_mprotect, 0);
	p[77] = 42;
	check_fault("write_readonly", SIGSEGV, SEGV_ACCERR, "SEGV_ACCERR", (void *)(p + 77));
	check("retried_write", seen.runs == 1 && p[77] == 42,
	      "the handler ran once, the retried store left %d", p[77]);
}

static void
test_read_prot_none(void)
{
	volatile unsigned char *p = map_anon(PROT_READ | PROT_WRITE);
	int v;

	p[5] = 9;
	mprotect((void *)p, PAGE, PROT_NONE);
	fix_page = (unsigned char *)p;
	fix_prot = PROT_READ;
	arm(SIGSEGV, fix_mprotect, 0);
	v = p[5];
	check_fault("read_prot_none", SIGSEGV, SEGV_ACCERR, "SEGV_ACCERR", (void *)(p + 5));
	check("retried_read", seen.runs == 1 && v == 9,
	      "the handler ran once, the retried read gave %d", v);
}

/* Linux: an instruction fetch from a page without PROT_EXEC: SEGV_ACCERR at the pc. */
static void
test_exec_noexec(void)
{
	unsigned char *p = map_anon(PROT_READ | PROT_WRITE);
	void (*fn)(void);

	memcpy(p, ret_insn, sizeof(ret_insn));
	__builtin___clear_cache((char *)p, (char *)p + sizeof(ret_insn));
	fix_page = p;
	fix_prot = PROT_READ | PROT_EXEC;
	arm(SIGSEGV, fix_mprotect, 0);
	fn = (void (*)(void))(void *)p;
	fn();
	check_fault("exec_noexec", SIGSEGV, SEGV_ACCERR, "SEGV_ACCERR", p);
	check("saved_pc_is_page", seen.pc == (uintptr_t)p, "the saved pc is the page: %s",
	      yesno(seen.pc == (uintptr_t)p));
	check_long("retried_call_returned", seen.runs, 1);
}

static void
test_write_text(void)
{
	volatile unsigned char *p = (volatile unsigned char *)(void *)&map_anon;

	arm(SIGSEGV, NULL, 0);
	if (sigsetjmp(out, 1) == 0) {
		p[3] = p[3] ^ 0xff;
		check("write_text", 0, "the store to the program's code succeeded");
		return;
	}
	check_fault("write_text", SIGSEGV, SEGV_ACCERR, "SEGV_ACCERR", (void *)(p + 3));
}

/* fix_third - fix fix_page on the third run only. */
static int
fix_third(int n, siginfo_t *si)
{
	return n < 3 ? 0 : mprotect(fix_page, PAGE, PROT_READ | PROT_WRITE);
}

static void
test_retried_until_fixed(void)
{
	volatile unsigned char *p = map_anon(PROT_READ);

	fix_page = (unsigned char *)p;
	arm(SIGSEGV, fix_third, 0);
	p[1] = 5;
	check("retried_until_fixed", seen.runs == 3 && p[1] == 5,
	      "handler runs %d (returned twice without fixing), the store landed: %s",
	      seen.runs, yesno(p[1] == 5));
}

static int bus_fd;

static int
fix_extend(int n, siginfo_t *si)
{
	return ftruncate(bus_fd, 2 * PAGE);
}

/* open_small_file - a 100-byte temporary file, already unlinked. */
static int
open_small_file(void)
{
	char path[] = "/tmp/signal_faults.XXXXXX";
	char buf[100];
	int fd = mkstemp(path);

	if (fd == -1) {
		check("mkstemp", 0, "-1 %s", errno_name(errno));
		exit(1);
	}
	unlink(path);
	memset(buf, 'x', sizeof(buf));
	if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
		check("write", 0, "short write");
	return fd;
}

/* Linux: filemap_fault past i_size gives VM_FAULT_SIGBUS -> BUS_ADRERR. */
static void
test_sigbus_past_eof(void)
{
	volatile unsigned char *p;
	int v;

	bus_fd = open_small_file();
	p = mmap(NULL, 2 * PAGE, PROT_READ, MAP_SHARED, bus_fd, 0);
	if (!check("mmap_two_pages", p != MAP_FAILED, "%s",
		   p == MAP_FAILED ? errno_name(errno) : "mapped past EOF"))
		return;
	check("same_page_past_eof", p[99] == 'x' && p[100] == 0 && p[PAGE - 1] == 0,
	      "last byte 'x': %s, bytes past EOF in its page read 0: %s",
	      yesno(p[99] == 'x'), yesno(p[100] == 0 && p[PAGE - 1] == 0));
	arm(SIGBUS, fix_extend, 0);
	v = p[PAGE + 5];
	check("sigbus", seen.signo == SIGBUS && seen.code == BUS_ADRERR &&
	      seen.addr == (void *)(p + PAGE + 5), "%s, BUS_ADRERR: %s, si_addr the faulting "
	      "byte: %s", signal_name(seen.signo), yesno(seen.code == BUS_ADRERR),
	      yesno(seen.addr == (void *)(p + PAGE + 5)));
	check("retried_read", seen.runs == 1 && v == 0,
	      "the handler extended the file, the retried read gave %d", v);
	close(bus_fd);
}

/* ---- faults whose signal is blocked or ignored -------------------------------- */

enum { F_SEGV, F_BUS, F_ILL, F_TRAP };

/* do_fault - make fault kind k happen. */
static void
do_fault(int k)
{
	volatile unsigned char *p;

	if (k == F_SEGV) {
		p = map_anon(PROT_NONE);
		(void)p[0];
	} else if (k == F_BUS) {
		p = mmap(NULL, 2 * PAGE, PROT_READ, MAP_SHARED, open_small_file(), 0);
		if (p != MAP_FAILED)
			(void)p[PAGE];
	} else if (k == F_ILL) {
		sfl_ill();
	} else {
		sfl_brk();
	}
}

static const int fault_sig[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP };
static const char *const fault_names[] = { "segv", "bus", "ill", "trap" };

static void
exit_handler(int sig, siginfo_t *si, void *ctx)
{
	_exit(20);
}

/*
 * fault_child - in a child: install a handler that exits 20 for kind k's signal,
 * then block it (how 0) or ignore it (how 1), and fault. Its status.
 */
static int
fault_child(int k, int how)
{
	sigset_t s;
	pid_t pid;
	int st = 0;

	pid = fork_flushed();
	if (pid == 0) {
		set_action_checked(fault_sig[k], exit_handler, 0);
		sigemptyset(&s);
		sigaddset(&s, fault_sig[k]);
		if (how == 0)
			sigprocmask(SIG_BLOCK, &s, NULL);
		else
			signal(fault_sig[k], SIG_IGN);
		do_fault(k);
		_exit(10);
	}
	wait_bounded(pid, &st);
	return st;
}

static void
no_core(void)
{
	struct rlimit rl = { 0, 0 };

	getrlimit(RLIMIT_CORE, &rl);
	rl.rlim_cur = 0;
	setrlimit(RLIMIT_CORE, &rl);
}

/* check_killed_no_core - killed by sig, and no core bit (RLIMIT_CORE is 0). */
static void
check_killed_no_core(const char *name, int st, int sig)
{
	check(name, WIFSIGNALED(st) && WTERMSIG(st) == sig && !WCOREDUMP(st),
	      "%s, want killed by %s (exit 10: survived, 20: the handler ran)",
	      status_str(st), signal_name(sig));
}

/* Linux: force_sig_info_to_task unblocks the signal and resets it to SIG_DFL. */
static void
faults_kill(int how)
{
	char name[48];
	int k;

	no_core();
	for (k = 0; k < 4; k++) {
		snprintf(name, sizeof(name), "%s_%s_kills", how ? "ignored" : "blocked",
			 fault_names[k]);
		check_killed_no_core(name, fault_child(k, how), fault_sig[k]);
	}
}

static void
test_blocked_fault_kills(void)
{
	sigset_t s, pend;

	faults_kill(0);
	set_action_checked(SIGSEGV, exit_handler, 0);
	sigemptyset(&s);
	sigaddset(&s, SIGSEGV);
	sigprocmask(SIG_BLOCK, &s, NULL);
	kill(getpid(), SIGSEGV);
	sigpending(&pend);
	check("kill_segv_blocked_pending", sigismember(&pend, SIGSEGV),
	      "a SIGSEGV from kill() while blocked is pending, not fatal: %s",
	      yesno(sigismember(&pend, SIGSEGV)));
	signal(SIGSEGV, SIG_IGN);	/* discards it */
}

static void
test_ignored_fault_kills(void)
{
	faults_kill(1);
	signal(SIGSEGV, SIG_IGN);
	kill(getpid(), SIGSEGV);
	check("kill_segv_ignored", 1, "a SIGSEGV from kill() while ignored is discarded");
}

/* ---- SIGILL, SIGTRAP, a raised SIGSEGV ---------------------------------------- */

static uintptr_t resume_at;

static int
fix_resume(int n, siginfo_t *si)
{
	return 0;
}

static void
resume_handler(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	fault_handler(sig, si, ctx);
	CTX_PC(uc) = resume_at;
}

static void
test_sigill(void)
{
	arm(SIGILL, fix_resume, 0);
	set_action_checked(SIGILL, resume_handler, 0);
	resume_at = (uintptr_t)sfl_ill_next;
	sfl_ill();
	check("sigill", seen.signo == SIGILL && seen.code == ILL_CODE,
	      "SIGILL with an ILL_* code: %s, this arch's code for an illegal "
	      "instruction: %s", yesno(seen.signo == SIGILL && seen.code >= ILL_ILLOPC &&
	      seen.code <= ILL_BADSTK), yesno(seen.code == ILL_CODE));
	check("sigill_addr", seen.addr == (void *)sfl_ill_insn &&
	      seen.pc == (uintptr_t)sfl_ill_insn, "si_addr the instruction: %s, the saved "
	      "pc the instruction: %s", yesno(seen.addr == (void *)sfl_ill_insn),
	      yesno(seen.pc == (uintptr_t)sfl_ill_insn));
	check_long("continued_after_sigill", seen.runs, 1);
}

/* Linux x86: int3 is a trap, the pc is past it; riscv: ebreak leaves epc at it. */
static void
test_sigtrap(void)
{
	uintptr_t want = BRK_PC_AFTER ? (uintptr_t)sfl_brk_next : (uintptr_t)sfl_brk_insn;

	arm(SIGTRAP, fix_resume, 0);
	set_action_checked(SIGTRAP, resume_handler, 0);
	resume_at = (uintptr_t)sfl_brk_next;
	sfl_brk();
	check("sigtrap", seen.signo == SIGTRAP, "%s", signal_name(seen.signo));
	check("sigtrap_pc", seen.pc == want, "the saved pc is where this arch leaves it "
	      "(riscv64: at the ebreak, x86_64: after int3): %s", yesno(seen.pc == want));
	check_long("continued_after_breakpoint", seen.runs, 1);
}

static void
test_raised_segv(void)
{
	arm(SIGSEGV, fix_resume, 0);
	raise(SIGSEGV);
	check("raised_segv", seen.runs == 1 && seen.code == SI_TKILL,
	      "handler runs %d, si_code %s; the handler returned and nothing was retried",
	      seen.runs, segv_code(seen.code));
}

/* ---- stack overflow and nested faults ----------------------------------------- */

/* recurse - use stack without end (bounded so that GCC sees no infinite recursion). */
static int
recurse(int n)
{
	volatile char buf[512];

	buf[0] = (char)n;
	if (n > 100000000)
		return buf[0];
	return recurse(n + 1) + buf[0];
}

static char *alt;
static volatile int on_alt;

static void
overflow_handler(int sig, siginfo_t *si, void *ctx)
{
	char here;

	on_alt = (uintptr_t)&here - (uintptr_t)alt < 65536;
	siglongjmp(out, 1);
}

/* small_stack - lower RLIMIT_STACK to 1 MiB, so that an overflow comes quickly. */
static void
small_stack(void)
{
	struct rlimit rl;

	getrlimit(RLIMIT_STACK, &rl);
	rl.rlim_cur = 1 << 20;
	setrlimit(RLIMIT_STACK, &rl);
}

static void
test_stack_overflow_altstack(void)
{
	stack_t ss;
	volatile int round;

	small_stack();
	alt = malloc(65536);
	ss.ss_sp = alt;
	ss.ss_size = 65536;
	ss.ss_flags = 0;
	EXPECT_RET("sigaltstack", sigaltstack(&ss, NULL), 0);
	set_action_checked(SIGSEGV, overflow_handler, SA_ONSTACK);
	for (round = 0; round < 2; round++) {
		on_alt = 0;
		if (sigsetjmp(out, 1) == 0) {
			recurse(0);
			check("overflowed", 0, "the recursion ended");
			return;
		}
		check(round ? "caught_again" : "caught", on_alt,
		      "caught stack overflow on the alternate stack: %s", yesno(on_alt));
	}
}

/* Linux: get_sigframe on the overflowed stack fails -> force_sigsegv -> SIG_DFL. */
static void
test_stack_overflow_no_altstack(void)
{
	pid_t pid;
	int st = 0;

	no_core();
	pid = fork_flushed();
	if (pid == 0) {
		small_stack();
		set_action_checked(SIGSEGV, exit_handler, 0);
		recurse(0);
		_exit(10);
	}
	wait_bounded(pid, &st);
	check_killed_no_core("overflow_without_altstack_kills", st, SIGSEGV);
}

static void
faulting_handler(int sig, siginfo_t *si, void *ctx)
{
	*(volatile int *)si->si_addr = 1;	/* faults again, SIGSEGV blocked */
	_exit(20);
}

static void
test_nested_fault_kills(void)
{
	pid_t pid;
	int st = 0;

	no_core();
	pid = fork_flushed();
	if (pid == 0) {
		set_action_checked(SIGSEGV, faulting_handler, 0);
		do_fault(F_SEGV);
		_exit(10);
	}
	wait_bounded(pid, &st);
	check_killed_no_core("fault_in_handler_kills", st, SIGSEGV);
}

static unsigned char *page_a, *page_b;
static void *nested_addr[2];
static volatile int nested_depth, nested_max;

static void
nodefer_handler(int sig, siginfo_t *si, void *ctx)
{
	int d = ++nested_depth;

	if (d > nested_max)
		nested_max = d;
	if (d <= 2)
		nested_addr[d - 1] = si->si_addr;
	if (d == 1)
		(void)*(volatile unsigned char *)page_b;	/* faults: nests */
	mprotect(d == 1 ? page_a : page_b, PAGE, PROT_READ);
	nested_depth--;
}

static void
test_nested_fault_nodefer(void)
{
	int v;

	page_a = map_anon(PROT_NONE);
	page_b = map_anon(PROT_NONE);
	set_action_checked(SIGSEGV, nodefer_handler, SA_NODEFER);
	v = *(volatile unsigned char *)(page_a + 8);
	check("nested_depth", nested_max == 2, "the handler nested %d deep", nested_max);
	check("nested_addresses", nested_addr[0] == page_a + 8 && nested_addr[1] == page_b,
	      "outer si_addr the first access: %s, inner si_addr the second: %s",
	      yesno(nested_addr[0] == page_a + 8), yesno(nested_addr[1] == page_b));
	check_long("retried_read", v, 0);
}

static void
test_resethand_refault(void)
{
	pid_t pid;
	int st = 0;

	no_core();
	pid = fork_flushed();
	if (pid == 0) {
		arm(SIGSEGV, fix_resume, SA_RESETHAND);
		do_fault(F_SEGV);
		_exit(10);
	}
	wait_bounded(pid, &st);
	check_killed_no_core("resethand_refault_kills", st, SIGSEGV);
}

int
main(void)
{
	scenario("read_unmapped", test_read_unmapped);
	scenario("write_readonly", test_write_readonly);
	scenario("read_prot_none", test_read_prot_none);
	scenario("exec_noexec", test_exec_noexec);
	scenario("write_text", test_write_text);
	scenario("retried_until_fixed", test_retried_until_fixed);
	scenario("sigbus_past_eof", test_sigbus_past_eof);
	scenario("blocked_fault_kills", test_blocked_fault_kills);
	scenario("ignored_fault_kills", test_ignored_fault_kills);
	scenario("sigill", test_sigill);
	scenario("sigtrap", test_sigtrap);
	scenario("raised_segv", test_raised_segv);
	scenario("stack_overflow_altstack", test_stack_overflow_altstack);
	scenario("stack_overflow_no_altstack", test_stack_overflow_no_altstack);
	scenario("nested_fault_kills", test_nested_fault_kills);
	scenario("nested_fault_nodefer", test_nested_fault_nodefer);
	scenario("resethand_refault", test_resethand_refault);
	return check_summary();
}
