/*
 * taskbox's init: PID 1 when taskbox runs a PROGRAM (DESIGN.md, "The command
 * line"). It starts PROGRAM as its child in a session of its own, reaps every
 * process that is handed to it (orphans), forwards SIGINT, SIGTERM and SIGHUP
 * to PROGRAM, and exits with PROGRAM's status: its exit code, or 128 + the
 * signal that killed it.
 *
 * Usage (the kernel passes it): init PATH ARGV0 [ARG...]
 *
 * It waits for signals with rt_sigtimedwait instead of handlers: every
 * signal it cares about stays blocked, so nothing is lost between two waits.
 * It is freestanding (no C library): it runs before every PROGRAM, so its
 * start-up is part of everyone's, and a few raw system calls are all it needs.
 */
#define NR_exit_group		94
#define NR_kill			129
#define NR_rt_sigprocmask	135
#define NR_rt_sigtimedwait	137
#define NR_setsid		157
#define NR_write		64
#define NR_wait4		260
#define NR_clone		220
#define NR_execve		221

#define SIGHUP	1
#define SIGINT	2
#define SIGTERM	15
#define SIGCHLD	17
#define SIG_BLOCK	0
#define SIG_SETMASK	2
#define WNOHANG		1
#define ENOENT		2

static long
syscall6(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
	register long r_a0 __asm__("a0") = a0;
	register long r_a1 __asm__("a1") = a1;
	register long r_a2 __asm__("a2") = a2;
	register long r_a3 __asm__("a3") = a3;
	register long r_a4 __asm__("a4") = a4;
	register long r_a5 __asm__("a5") = a5;
	register long r_a7 __asm__("a7") = nr;

	__asm__ volatile("ecall"
			 : "+r"(r_a0)
			 : "r"(r_a1), "r"(r_a2), "r"(r_a3), "r"(r_a4), "r"(r_a5), "r"(r_a7)
			 : "memory");
	return r_a0;
}

#define sys(nr, a, b, c, d) syscall6(nr, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)

static unsigned long
strlen_(const char *s)
{
	unsigned long n = 0;

	while (s[n])
		n++;
	return n;
}

static void
say(const char *s)
{
	sys(NR_write, 2, s, strlen_(s), 0);
}

/* The child: PROGRAM in its own session, with init's mask undone. */
/* What execve's errno means, as strerror says it (the shell's 127 and 126). */
static const char *
exec_error(long err)
{
	switch (err) {
	case ENOENT: return "No such file or directory";
	case 7: return "Argument list too long";		/* E2BIG */
	case 8: return "Exec format error";			/* ENOEXEC */
	case 12: return "Cannot allocate memory";		/* ENOMEM */
	case 13: return "Permission denied";			/* EACCES */
	case 20: return "Not a directory";			/* ENOTDIR */
	case 21: return "Is a directory";			/* EISDIR */
	case 26: return "Text file busy";			/* ETXTBSY */
	case 40: return "Too many levels of symbolic links";	/* ELOOP */
	case 80: return "Accessing a corrupted shared library";	/* ELIBBAD */
	default: return "cannot execute";
	}
}

static void
exec_program(char **argv, char **envp, const unsigned long *oldmask)
{
	long err;

	sys(NR_rt_sigprocmask, SIG_SETMASK, oldmask, 0, 8);
	sys(NR_setsid, 0, 0, 0, 0);
	err = sys(NR_execve, argv[1], argv + 2, envp, 0);
	say("taskbox: ");
	say(argv[2]);
	say(": ");
	say(exec_error(-err));
	say("\n");
	sys(NR_exit_group, err == -ENOENT ? 127 : 126, 0, 0, 0);
}

/* Reap every child that has exited; return whether PROGRAM is among them. */
static int
reap(long program, int *status)
{
	int st, done = 0;
	long pid;

	while ((pid = sys(NR_wait4, -1, &st, WNOHANG, 0)) > 0) {
		if (pid == program) {
			*status = (st & 0x7f) ? 128 + (st & 0x7f) : (st >> 8) & 0xff;
			done = 1;
		}
	}
	return done;
}

static int
init_main(int argc, char **argv, char **envp)
{
	unsigned long set = 1UL << (SIGCHLD - 1) | 1UL << (SIGINT - 1) |
			    1UL << (SIGTERM - 1) | 1UL << (SIGHUP - 1), oldmask = 0;
	int status = 0;
	long program;

	if (argc < 3) {
		say("init: usage: init PATH ARGV0 [ARG...]\n");
		return 2;
	}
	sys(NR_rt_sigprocmask, SIG_BLOCK, &set, &oldmask, 8);
	program = sys(NR_clone, SIGCHLD, 0, 0, 0);	/* fork */
	if (program == 0)
		exec_program(argv, envp, &oldmask);
	if (program < 0) {
		say("init: fork failed\n");
		return 125;
	}
	for (;;) {
		long sig = sys(NR_rt_sigtimedwait, &set, 0, 0, 8);

		if (sig == SIGCHLD) {
			if (reap(program, &status))
				return status;
		} else if (sig > 0) {
			sys(NR_kill, program, sig, 0, 0);
		}
	}
}

/* Entry: sp points at argc, then argv[], NULL, envp[], NULL. */
__attribute__((used)) static void
start_c(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);

	sys(NR_exit_group, init_main(argc, argv, argv + argc + 1), 0, 0, 0);
}

__asm__(".globl _start\n"
	"_start:\n"
	"	mv a0, sp\n"
	"	andi sp, sp, -16\n"
	"	call start_c\n");
