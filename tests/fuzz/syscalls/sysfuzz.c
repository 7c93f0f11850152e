/*
 * sysfuzz — a guest-side system call fuzzer for taskbox (README.md beside it).
 *
 *	sysfuzz SEED COUNT [BATCHES [FIRST]]
 *
 * Runs batches FIRST .. FIRST+BATCHES-1 (default 1 batch, FIRST 0). For each
 * batch the parent forks a child that issues COUNT raw system calls drawn
 * from a PRNG seeded by (SEED, batch): numbers over 0..470, arguments from
 * pools of interesting values (fds of many kinds, pointers into a buffer of
 * random bytes and path strings, pointers to read-only, PROT_NONE, unmapped
 * and straddling pages, kernel-looking addresses, flag patterns).
 *
 * The invariant, checked in the child after every call: a result in
 * [-4095, -1] is a real errno (1..133 on Linux), never a restart code
 * (512..516), taskbox's -ESLEEP (600) or any other internal code. A
 * violation is written as a line "LEAK nr=... args=... ret=..." to a pipe
 * to the parent at a high fd (and to a page shared with the parent, in case
 * the fuzz calls clobbered the fd), and the child exits with LEAK_STATUS.
 *
 * The harness keeps itself alive by design: calls that would kill or stop
 * the parent or init (kill and friends aimed at them, at pid 0 or -1),
 * unmap or remap the child's own text, data, stack or heap, or block the
 * SIGALRM that breaks blocking calls are tamed (their arguments redirected)
 * before they are made; see tame(). Everything else the child may do to
 * itself. The parent waits for each child with a timeout (an ITIMER_REAL
 * on taskbox's virtual clock, which jumps ahead when every task sleeps),
 * prints one line per batch and exits 0 only if no child reported a leak.
 *
 * The child uses no C library after its set-up except for the few calls
 * that put its own state back; every fuzz call is a raw ecall.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/ucontext.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_ERRNO	4095
#define LAST_ERRNO	133		/* EHWPOISON: the highest errno Linux has */
#define LEAK_STATUS	66		/* the child saw a leaked internal code */
#define FAULT_STATUS	67		/* the child took a real fault */
#define ARENA_STATUS	68		/* the child could not rebuild its arena */
#define REPORT_FD	1023		/* write end of the pipe to the parent */
#define PAGE		4096UL
#define NR_MAX		470		/* numbers drawn: 0..NR_MAX */
#define TICK_US		2000		/* SIGALRM period in the child */
#define FD_FIRST	3		/* the child's fd pool: slots 3..FD_LAST */
#define FD_LAST		21
#define FD_SWEEP	128		/* fds FD_LAST+1..FD_SWEEP-1 are closed on reset */
#define RESET_EVERY	256		/* calls between two resets of the fd pool */
#define HEAP_GROWTH	(64UL << 20)	/* how far brk may move the break up */

/* --- the arena: every pointer the fuzz calls get points here or nowhere --- */

/* Pages of the arena, in order. RW_PAGES of random bytes and strings, a
 * read-only page, a PROT_NONE page, a RW tail page, an unmapped hole, and one
 * more RW page so that the hole lies between two mappings. */
enum {
	RW_PAGES = 16,
	RO_PAGE = RW_PAGES,
	NONE_PAGE,
	TAIL_PAGE,
	HOLE_PAGE,
	AFTER_PAGE,
	ARENA_PAGES
};
#define ARENA_SIZE	(ARENA_PAGES * PAGE)

/* Offsets in the RW part: random bytes, then slots the argument drawers fill. */
#define RANDOM_BYTES	(28 * 1024)
#define IOVEC_SLOT	(28 * 1024)
#define ARGV_SLOT	(29 * 1024)
#define TIMESPEC_SLOT	(30 * 1024)
#define SIGSET_SLOT	(30 * 1024 + 512)
#define MASKARG_SLOT	(30 * 1024 + 768)	/* pselect6's { sigset pointer, size } */
#define POLLFD_SLOT	(31 * 1024)
#define FDSET_SLOT	(31 * 1024 + 512)	/* three fd_sets of 128 bytes */
#define PATH_SLOTS	(32 * 1024)	/* 8 slots of 2 KiB for short paths */
#define LONG_PATH_SLOT	(48 * 1024)	/* one 16 KiB slot for long paths */

static uint8_t *arena;

/* What the parent and the child share (MAP_SHARED): the child's progress,
 * its last call, and a leak or fault report. */
struct shared {
	uint32_t calls;			/* calls made so far */
	long last_nr;			/* the last call, made or being made */
	uint64_t last_args[6];
	uint64_t fault_addr;		/* FAULT_STATUS: where, and the signal */
	uint64_t fault_pc;
	uint64_t signal_pc;		/* where the last other signal came */
	int fault_sig;
	char leak[256];			/* LEAK_STATUS: the report line */
};

static struct shared *shared;

/* --- the child's view of itself ------------------------------------------ */

static pid_t self_pid, parent_pid;
static uint64_t initial_brk;
static uint64_t seed_value;
static unsigned batch_index;
static bool batch_restarts;		/* handlers other than SIGALRM get SA_RESTART */
static struct stat report_stat;		/* what REPORT_FD must still be */
/* Set while a fuzz call and its clean-up run: a fault signal then may be
 * one rt_sigqueueinfo forged (any si_code is allowed to oneself), unless
 * it comes again and again (a real fault returns to the same instruction). */
static volatile sig_atomic_t in_fuzz_call, faults_in_call;

/* Address ranges the fuzz calls may not unmap, remap or protect: every
 * mapping the child had before it started, less the arena. */
#define MAX_PROTECTED 64
static struct range { uint64_t lo, hi; } protected_ranges[MAX_PROTECTED];
static int nr_protected;

/* Where the last successful mmap and mremap calls put their mappings: the
 * kernel's copies then meet file-backed, shared and freshly moved pages. */
#define NR_RECENT 8
static struct range recent_maps[NR_RECENT];
static unsigned nr_recent_maps;

/* --- PRNG (splitmix64) ---------------------------------------------------- */

static uint64_t rng_state;

static uint64_t
rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A batch's stream: a hash of (seed, batch), so that no two batches are
 * shifted copies of one sequence. */
static void
seed_batch(uint64_t seed, unsigned batch)
{
	rng_state = seed;
	rng_state = rnd() ^ batch;
	rng_state = rnd();
}

static uint64_t
below(uint64_t n)
{
	return rnd() % n;
}

#define PICK(array) ((array)[below(sizeof(array) / sizeof((array)[0]))])

/* --- raw system calls ----------------------------------------------------- */

/* Every register is "+r": a restarted call may come back with a7 changed
 * to restart_syscall. After clone and clone3 the new task (a0 == 0) calls
 * exit at once, before it touches a stack it may not have (the stack
 * argument is random). */
static long
raw_syscall(long nr, const uint64_t a[6])
{
	register uint64_t a0 __asm__("a0") = a[0];
	register uint64_t a1 __asm__("a1") = a[1];
	register uint64_t a2 __asm__("a2") = a[2];
	register uint64_t a3 __asm__("a3") = a[3];
	register uint64_t a4 __asm__("a4") = a[4];
	register uint64_t a5 __asm__("a5") = a[5];
	register long a7 __asm__("a7") = nr;
	long is_clone = nr == SYS_clone || nr == SYS_clone3;

	__asm__ volatile("ecall\n\t"
			 "beqz %[is_clone], 1f\n\t"
			 "bnez a0, 1f\n\t"
			 "li a7, %[nr_exit]\n\t"
			 "li a0, 0\n\t"
			 "ecall\n"
			 "1:"
			 : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4), "+r"(a5), "+r"(a7)
			 : [is_clone] "r"(is_clone), [nr_exit] "i"(SYS_exit)
			 : "memory");
	return (long)a0;
}

static long
sys3(long nr, uint64_t x, uint64_t y, uint64_t z)
{
	const uint64_t a[6] = { x, y, z, 0, 0, 0 };

	return raw_syscall(nr, a);
}

static _Noreturn void
child_exit(int status)
{
	for (;;)
		sys3(SYS_exit_group, (uint64_t)status, 0, 0);
}

/* --- reporting ------------------------------------------------------------ */

static char *
put_str(char *p, char *end, const char *s)
{
	while (*s && p < end)
		*p++ = *s++;
	return p;
}

static char *
put_dec(char *p, char *end, long v)
{
	char digits[24];
	int n = 0;
	unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;

	if (v < 0 && p < end)
		*p++ = '-';
	do
		digits[n++] = (char)('0' + u % 10);
	while ((u /= 10) && n < 24);
	while (n && p < end)
		*p++ = digits[--n];
	return p;
}

static char *
put_hex(char *p, char *end, uint64_t v)
{
	int shift = 60;

	p = put_str(p, end, "0x");
	while (shift > 0 && !(v >> shift))
		shift -= 4;
	for (; shift >= 0 && p < end; shift -= 4)
		*p++ = "0123456789abcdef"[(v >> shift) & 15];
	return p;
}

/* The pipe at REPORT_FD, unless a fuzz call closed it or put another file
 * there (dup3, close_range). */
static bool
report_fd_intact(void)
{
	struct stat st;

	return fstat(REPORT_FD, &st) == 0 && S_ISFIFO(st.st_mode) &&
	       st.st_ino == report_stat.st_ino && st.st_dev == report_stat.st_dev;
}

static _Noreturn void
report_leak(long nr, const uint64_t a[6], long ret, uint32_t call)
{
	char line[sizeof(shared->leak)];
	char *p = line, *end = line + sizeof(line) - 1;

	p = put_str(p, end, "LEAK nr=");
	p = put_dec(p, end, nr);
	p = put_str(p, end, " args=");
	for (int i = 0; i < 6; i++) {
		if (i)
			p = put_str(p, end, ",");
		p = put_hex(p, end, a[i]);
	}
	p = put_str(p, end, " ret=");
	p = put_dec(p, end, ret);
	p = put_str(p, end, " seed=");
	p = put_hex(p, end, seed_value);
	p = put_str(p, end, " batch=");
	p = put_dec(p, end, batch_index);
	p = put_str(p, end, " call=");
	p = put_dec(p, end, call);
	*p++ = '\n';
	memcpy(shared->leak, line, (size_t)(p - line));
	if (report_fd_intact())
		sys3(SYS_write, REPORT_FD, (uint64_t)line, (uint64_t)(p - line));
	child_exit(LEAK_STATUS);
}

/* --- the child's signal handlers ------------------------------------------ */

/* Any other signal: note where it found the child (a timeout shows where
 * the child was stuck). */
static void
on_signal(int sig, siginfo_t *info, void *uc)
{
	(void)sig;
	(void)info;
	shared->signal_pc = ((ucontext_t *)uc)->uc_mcontext.__gregs[0];
}

/* A real fault ends the child (returning would fault again); a fault
 * signal sent by kill or a queue is ignored like any other. */
static void
on_fault(int sig, siginfo_t *info, void *uc)
{
	if (info->si_code <= 0 || (in_fuzz_call && ++faults_in_call < 8))
		return;
	shared->fault_sig = sig;
	shared->fault_addr = (uint64_t)info->si_addr;
	shared->fault_pc = ((ucontext_t *)uc)->uc_mcontext.__gregs[0];
	child_exit(FAULT_STATUS);
}

static bool
is_fault_signal(int sig)
{
	return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE ||
	       sig == SIGTRAP || sig == SIGSYS;
}

static void
install_handler(int sig)
{
	struct sigaction sa;

	if (sig == SIGKILL || sig == SIGSTOP || sig < 1 || sig > 64)
		return;
	memset(&sa, 0, sizeof(sa));
	if (is_fault_signal(sig)) {
		sa.sa_sigaction = on_fault;
		sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	} else {
		sa.sa_sigaction = on_signal;
		/* SIGALRM breaks blocking calls: never restart after it. */
		sa.sa_flags = SA_SIGINFO | (sig != SIGALRM && batch_restarts ? SA_RESTART : 0);
	}
	syscall(SYS_rt_sigaction, sig, &sa, NULL, 8);
}

static void
unblock_all(void)
{
	uint64_t none = 0;

	syscall(SYS_rt_sigprocmask, SIG_SETMASK, &none, NULL, 8);
}

static void
arm_tick(void)
{
	struct itimerval it = { { 0, TICK_US }, { 0, TICK_US } };

	setitimer(ITIMER_REAL, &it, NULL);
}

/* --- arena ---------------------------------------------------------------- */

static void
fill_random(uint8_t *p, size_t n)
{
	for (size_t i = 0; i + 8 <= n; i += 8) {
		uint64_t v = rnd();

		memcpy(p + i, &v, 8);
	}
}

/* Random bytes none of which has bit 5 set: a signal mask read from them,
 * at any alignment, leaves SIGALRM (bit 13) unblocked. */
static void
fill_random_alarm_safe(uint8_t *p, size_t n)
{
	fill_random(p, n);
	for (size_t i = 0; i < n; i++)
		p[i] &= (uint8_t)~0x20;
}

/* (Re)build the arena in place: a fuzz call may have unmapped, remapped or
 * protected any part of it. Only the RW_PAGES may hold bytes that block
 * SIGALRM (tame_mask() clears them for the calls that install a mask). */
static void
arena_build(void)
{
	void *p = mmap(arena, ARENA_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | (arena ? MAP_FIXED : 0), -1, 0);

	if (p == MAP_FAILED || (arena && p != arena))
		child_exit(ARENA_STATUS);
	arena = p;
	fill_random(arena, RW_PAGES * PAGE);
	fill_random_alarm_safe(arena + RO_PAGE * PAGE, (ARENA_PAGES - RO_PAGE) * PAGE);
	if (mprotect(arena + RO_PAGE * PAGE, PAGE, PROT_READ) ||
	    mprotect(arena + NONE_PAGE * PAGE, PAGE, PROT_NONE) ||
	    munmap(arena + HOLE_PAGE * PAGE, PAGE))
		child_exit(ARENA_STATUS);
}

static bool
in_rw(uint64_t p, uint64_t len)
{
	uint64_t base = (uint64_t)arena;

	return p >= base && p <= base + RW_PAGES * PAGE && len <= base + RW_PAGES * PAGE - p;
}

/* Every mapping the child has now, less the arena, from /proc/self/maps. */
static void
protect_current_mappings(void)
{
	static char maps[32768];
	uint64_t lo = (uint64_t)arena, hi = lo + ARENA_SIZE;
	ssize_t n = 0, got;
	int fd = open("/proc/self/maps", O_RDONLY);

	if (fd < 0) {
		/* No maps: protect everything below the arena and above it. */
		protected_ranges[0] = (struct range){ 0, lo };
		protected_ranges[1] = (struct range){ hi, UINT64_MAX };
		nr_protected = 2;
		return;
	}
	while (n < (ssize_t)sizeof(maps) - 1 && (got = read(fd, maps + n, sizeof(maps) - 1 - n)) > 0)
		n += got;
	close(fd);
	maps[n] = '\0';
	for (char *line = maps; *line && nr_protected < MAX_PROTECTED - 1;) {
		char *next = strchr(line, '\n');
		uint64_t s = strtoull(line, &line, 16), e = strtoull(line + 1, NULL, 16);

		if (s < lo && e > s)
			protected_ranges[nr_protected++] = (struct range){ s, e < lo ? e : lo };
		if (e > hi && e > s)
			protected_ranges[nr_protected++] = (struct range){ s > hi ? s : hi, e };
		if (!next)
			break;
		line = next + 1;
	}
}

/* Does [addr, addr+len) touch a page of a protected range? */
static bool
touches_protected(uint64_t addr, uint64_t len)
{
	uint64_t lo = addr & ~(PAGE - 1);
	uint64_t hi = addr + len < addr || addr + len > UINT64_MAX - PAGE ?
		      UINT64_MAX : (addr + len + PAGE - 1) & ~(PAGE - 1);

	if (hi == lo)
		hi = lo + PAGE;
	for (int i = 0; i < nr_protected; i++)
		if (lo < protected_ranges[i].hi && hi > protected_ranges[i].lo)
			return true;
	return false;
}

/* Point a range argument pair at a page of the arena instead. */
static void
redirect_to_arena(uint64_t *addr, uint64_t *len)
{
	uint64_t page = below(ARENA_PAGES);

	*addr = (uint64_t)arena + page * PAGE + (*addr & (PAGE - 1) & -(uint64_t)below(2));
	if (*len > ARENA_SIZE - page * PAGE)
		*len = (ARENA_PAGES - page) * PAGE - below(2);
}

/* --- the fd pool ---------------------------------------------------------- */

static void
place_fd(int fd, int slot)
{
	if (fd < 0 || fd == slot)
		return;
	dup3(fd, slot, 0);
	close(fd);
}

/* Close the pool and whatever the fuzz calls opened, and open a fresh fd of
 * each kind at its slot. Objects a kernel lacks (eventfd) leave a hole. */
static void
reset_fds(void)
{
	int p[2];
	uint64_t usr2 = 1ULL << (SIGUSR2 - 1);

	for (int fd = FD_FIRST; fd < FD_SWEEP; fd++)
		close(fd);
	if (pipe(p) == 0) {
		place_fd(p[0], 3);
		place_fd(p[1], 4);
	}
	place_fd(open("/dev/null", O_RDWR), 5);
	place_fd(open("/tmp/sysfuzz.f", O_RDWR | O_CREAT, 0644), 6);
	place_fd(open("/tmp", O_RDONLY | O_DIRECTORY), 7);
	place_fd(open("/proc/self/status", O_RDONLY), 8);
	place_fd(open("/proc/self/maps", O_RDONLY), 9);
	place_fd(open("/proc/self", O_RDONLY | O_DIRECTORY), 10);
	place_fd((int)syscall(SYS_eventfd2, 0, 0), 11);
	place_fd((int)syscall(SYS_signalfd4, -1, &usr2, 8, 0), 12);
	place_fd((int)syscall(SYS_pidfd_open, self_pid, 0), 13);
	place_fd(open("/tmp/sysfuzz.f", O_PATH), 14);
	place_fd(open("/dev/zero", O_RDONLY), 15);
	place_fd(open("/", O_RDONLY | O_DIRECTORY), 16);
	if (pipe2(p, O_NONBLOCK) == 0) {
		place_fd(p[0], 17);
		place_fd(p[1], 18);
	}
	place_fd(open("/proc/self/fd", O_RDONLY | O_DIRECTORY), 19);
	place_fd(open("/dev", O_RDONLY | O_DIRECTORY), 20);
	place_fd(open("/proc/1/stat", O_RDONLY), 21);
	place_fd(open("/dev/null", O_RDWR), 1);
	place_fd(open("/dev/null", O_RDWR), 2);
}

/* --- argument pools -------------------------------------------------------- */

static const char *const paths[] = {
	"/", "", ".", "..", "/tmp", "/tmp/x", "/tmp/x/y", "/tmp/sysfuzz.f",
	"/tmp/sysfuzz.f/x", "/tmp/fifo", "/tmp/link", "x", "y/z", "../../..",
	"/tmp/../../..", "//tmp///x/", "/proc/self/..", "/proc/self/status",
	"/proc/self/fd/3", "/proc/self/fd/7/x", "/proc/self/exe", "/proc/self/cwd",
	"/proc/self/root/..", "/proc/1/status", "/proc/self/task", "/dev/null",
	"/dev/zero", "/dev/shm/x", "/nonexistent/a", "/etc/passwd", "/bin",
	"/proc", "/proc/self/maps", "/dev/fd/0",
};

/* A path too long for one component (300), one exactly NAME_MAX long, and
 * one beyond PATH_MAX, written into the long-path slot. */
static uint64_t
long_path(void)
{
	char *p = (char *)arena + LONG_PATH_SLOT;
	size_t n;

	switch (below(4)) {
	case 0:
		memcpy(p, "/tmp/", 5);
		memset(p + 5, 'a', 300);
		p[305] = '\0';
		break;
	case 1:
		memcpy(p, "/tmp/", 5);
		memset(p + 5, 'n', 255);
		p[260] = '\0';
		break;
	case 2:
		for (n = 0; n < 5000; n += 2)
			memcpy(p + n, "a/", 2);
		p[n] = '\0';
		break;
	default:
		n = 4090 + below(12);		/* around PATH_MAX (4096) */
		memset(p, '/', n);
		p[n] = '\0';
		break;
	}
	return (uint64_t)p;
}

static uint64_t
path_value(void)
{
	char *slot = (char *)arena + PATH_SLOTS + below(8) * 2048;
	const char *s = PICK(paths);

	if (below(8) == 0)
		return long_path();
	memcpy(slot, s, strlen(s) + 1);
	return (uint64_t)slot;
}

static uint64_t
fd_value(void)
{
	static const int64_t invalid[] = { -1, -100 /* AT_FDCWD */, 512, 1000, 0x7fffffff,
					   (int64_t)0x80000000, -2, 0x100000003 };

	if (below(5) == 0)
		return (uint64_t)PICK(invalid);
	return below(FD_LAST + 1);
}

static uint64_t int_value(void);
static uint64_t ptr_value(void);

/* A pointer that is not built from other draws (no arrays of arrays). */
static uint64_t
plain_ptr(void)
{
	uint64_t p;

	do
		p = ptr_value();
	while (p >= (uint64_t)arena + IOVEC_SLOT && p < (uint64_t)arena + PATH_SLOTS);
	return p;
}

static uint64_t
iovec_value(void)
{
	uint64_t *iov = (uint64_t *)(arena + IOVEC_SLOT);

	for (int i = 0; i < 16; i += 2) {
		iov[i] = plain_ptr();
		iov[i + 1] = below(4) ? below(PAGE + 16) : int_value();
	}
	return (uint64_t)iov + 16 * below(2);
}

static uint64_t
argv_value(void)
{
	uint64_t *argv = (uint64_t *)(arena + ARGV_SLOT);
	int n = (int)below(6);

	for (int i = 0; i < n; i++)
		argv[i] = below(4) ? path_value() : plain_ptr();
	argv[n] = below(8) ? 0 : rnd();
	return (uint64_t)argv;
}

static uint64_t
timespec_value(void)
{
	static const int64_t secs[] = { 0, 0, 0, 1, -1, 0x7fffffffffffffff };
	static const int64_t nsecs[] = { 0, 1, 1000, 999999999, 1000000000, -1 };
	int64_t *ts = (int64_t *)(arena + TIMESPEC_SLOT);

	ts[0] = PICK(secs);
	ts[1] = PICK(nsecs);
	ts[2] = 0;
	ts[3] = below(2) ? 0 : 1000;	/* an itimerspec's second half */
	return (uint64_t)ts;
}

static uint64_t
sigset_value(void)
{
	uint64_t *set = (uint64_t *)(arena + SIGSET_SLOT);

	set[0] = rnd() & rnd() & ~(1ULL << (SIGALRM - 1));
	set[1] = rnd();
	return (uint64_t)set;
}

/* An array of pollfds on the pool's fds, with random events. */
static uint64_t
pollfd_value(void)
{
	uint8_t *p = arena + POLLFD_SLOT;

	for (int i = 0; i < 16; i++) {
		int32_t fd = (int32_t)fd_value();
		uint16_t events = below(2) ? (uint16_t)rnd() : (uint16_t)(1 + below(7));

		memcpy(p + 8 * i, &fd, 4);
		memcpy(p + 8 * i + 4, &events, 2);
		memset(p + 8 * i + 6, 0, 2);
	}
	return (uint64_t)p + 8 * below(4);
}

/* One of three fd_sets, each with a few of the pool's fds (and others). */
static uint64_t
fdset_value(void)
{
	uint64_t *set = (uint64_t *)(arena + FDSET_SLOT) + 16 * below(3);

	memset(set, 0, 128);
	set[0] = rnd() & ((1ULL << (FD_LAST + 1)) - 1) & rnd();
	if (below(8) == 0)
		set[below(16)] |= 1ULL << below(64);
	return (uint64_t)set;
}

/* pselect6's sixth argument: { const sigset_t *ss; size_t ss_len; }. */
static uint64_t
maskarg_value(void)
{
	uint64_t *m = (uint64_t *)(arena + MASKARG_SLOT);

	m[0] = below(4) ? sigset_value() : below(2) ? 0 : rnd();
	m[1] = below(4) ? 8 : rnd() & 0xff;
	return (uint64_t)m;
}

static uint64_t
recent_map_value(void)
{
	struct range *r = &recent_maps[below(nr_recent_maps < NR_RECENT ? nr_recent_maps : NR_RECENT)];

	return r->lo + below(r->hi - r->lo + 64);
}

static uint64_t
ptr_value(void)
{
	static const uint64_t kernelish[] = {
		0xffffffc000000000ULL, 0xffffffff80000000ULL, 0x8000000000000000ULL,
		0xfffffffffffff000ULL, UINT64_MAX, 0x4000000000ULL, 1ULL << 47,
		0x7ffffffff000ULL,
	};
	static const uint64_t low[] = { 1, 8, 0x1001, 0x10000, 0xfff };
	uint64_t base = (uint64_t)arena;

	switch (below(20)) {
	case 0: case 1: case 2: case 3:
		return base + below(RANDOM_BYTES);
	case 4: case 5:
		return base + below(RW_PAGES) * PAGE;
	case 6: case 7: case 8: case 9:
		return path_value();
	case 10:
		return iovec_value();
	case 11:
		return argv_value();
	case 12:
		return timespec_value();
	case 13:
		return sigset_value();
	case 14:
		return base + RO_PAGE * PAGE + below(PAGE);
	case 15:
		switch (below(3)) {
		case 0: return base + NONE_PAGE * PAGE + below(PAGE);
		case 1: return base + HOLE_PAGE * PAGE + below(PAGE);
		default: return base + AFTER_PAGE * PAGE + below(PAGE);
		}
	case 16:
		/* Straddling: the last bytes of RW before the read-only page,
		 * of the read-only page before PROT_NONE. */
		return base + (below(2) ? RO_PAGE : NONE_PAGE) * PAGE - 1 - below(16);
	case 17: {
		/* An unterminated string running into the hole. */
		uint8_t *end = arena + HOLE_PAGE * PAGE;

		memset(end - 64, 'A', 64);	/* alarm-safe, like the page */
		return (uint64_t)end - 1 - below(64);
	}
	case 18:
		if (nr_recent_maps && below(2))
			return recent_map_value();
		return PICK(kernelish);
	default:
		return below(2) ? PICK(low) : base + 1 + below(7);
	}
}

static uint64_t
int_value(void)
{
	static const uint64_t huge[] = {
		0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ULL, 0x7fffffffffffffffULL,
		0x8000000000000000ULL, (uint64_t)-4096, (uint64_t)-4095, (uint64_t)-512,
		(uint64_t)INT32_MIN, 1ULL << 40, 4096, 65536,
	};
	static const uint64_t flagish[] = {
		O_WRONLY | O_CREAT | O_TRUNC, O_RDWR | O_CREAT | O_EXCL, O_DIRECTORY,
		O_PATH, O_NONBLOCK | O_CLOEXEC, O_RDWR | O_APPEND, AT_SYMLINK_NOFOLLOW,
		AT_EMPTY_PATH, AT_REMOVEDIR, 0644, 0777, 04755, S_IFIFO | 0600,
		S_IFCHR | 0600, MAP_SHARED | MAP_ANONYMOUS, MAP_PRIVATE | MAP_ANONYMOUS,
		MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, PROT_READ | PROT_WRITE,
		PROT_READ | PROT_EXEC, WNOHANG, WUNTRACED | WCONTINUED | WNOHANG,
		WEXITED | WNOHANG, SIGCHLD, 0x4111 /* CLONE_VM|CLONE_VFORK|SIGCHLD */,
		0x400 /* CLONE_FILES */, 0x8000 /* CLONE_PARENT */, 0x80 /* FUTEX_PRIVATE */,
		0x81 /* FUTEX_WAKE_PRIVATE */, 0x100 /* FUTEX_CLOCK_REALTIME */,
	};

	switch (below(16)) {
	case 0: return 0;
	case 1: return 1;
	case 2: return UINT64_MAX;
	case 3: return below(16);
	case 4: return below(PAGE + 1);
	case 5: return 1ULL << below(64);
	case 6: return rnd() & 0xfff;
	case 7: return rnd() & rnd() & 0xffffffff;
	case 8: return PICK(huge);
	case 9: return rnd();
	case 10: return -below(PAGE + 1);
	case 11: return below(66);			/* a signal number */
	case 12: return below(2) ? (uint64_t)self_pid : below(3) ? 99999 : 1;
	case 13: return PICK(flagish);
	case 14: return below(64) * PAGE;
	default: return (uint64_t)-100;			/* AT_FDCWD */
	}
}

static uint64_t
arg_value(int i)
{
	uint64_t r = below(20);

	if (i == 0)
		return r < 7 ? fd_value() : r < 13 ? int_value() : ptr_value();
	return r < 3 ? fd_value() : r < 11 ? int_value() : ptr_value();
}

/* --- argument kinds by signature ---------------------------------------- */

/* The shape of the arguments of the calls taskbox implements, one letter
 * each (see typed_value()), so that most draws get past the first EBADF or
 * EFAULT; the rest of the draws, and every other number, take arg_value(). */
static const char *const signatures[] = {
	[SYS_getcwd] = "pl", [SYS_dup] = "f", [SYS_dup3] = "ffm", [SYS_fcntl] = "fwi",
	[SYS_ioctl] = "fkp", [SYS_mkdirat] = "fso", [SYS_unlinkat] = "fsm",
	[SYS_symlinkat] = "sfs", [SYS_linkat] = "fsfsm", [SYS_renameat2] = "fsfsm",
	[SYS_statfs] = "sp", [SYS_fstatfs] = "fp", [SYS_faccessat] = "fso",
	[SYS_faccessat2] = "fsom", [SYS_chdir] = "s", [SYS_fchdir] = "f",
	[SYS_fchmodat] = "fso", [SYS_fchownat] = "fsuum", [SYS_openat] = "fsmo",
	[SYS_close] = "f", [SYS_getdents64] = "fpl", [SYS_lseek] = "fiw",
	[SYS_read] = "fpl", [SYS_write] = "fpl", [SYS_readv] = "fvw", [SYS_writev] = "fvw",
	[SYS_pread64] = "fpli", [SYS_pwrite64] = "fpli", [SYS_readlinkat] = "fspl",
	[SYS_newfstatat] = "fspm", [SYS_fstat] = "fp", [SYS_fsync] = "f",
	[SYS_fdatasync] = "f", [SYS_utimensat] = "fstm", [SYS_umask] = "o",
	[SYS_statx] = "fsmmp", [SYS_set_tid_address] = "p", [SYS_set_robust_list] = "pl",
	[SYS_get_robust_list] = "dpp", [SYS_nanosleep] = "tt", [SYS_clock_gettime] = "cp",
	[SYS_clock_getres] = "cp", [SYS_clock_nanosleep] = "cmtt", [SYS_gettimeofday] = "pp",
	[SYS_kill] = "dg", [SYS_tkill] = "dg", [SYS_tgkill] = "ddg",
	[SYS_rt_sigaction] = "gppz", [SYS_rt_sigprocmask] = "wnpz", [SYS_uname] = "p",
	[SYS_getrlimit] = "wp", [SYS_setrlimit] = "wp", [SYS_prlimit64] = "dwpp",
	[SYS_getresuid] = "ppp", [SYS_getresgid] = "ppp", [SYS_getgroups] = "ip",
	[SYS_getpgid] = "d", [SYS_setpgid] = "dd", [SYS_getsid] = "d",
	[SYS_mknodat] = "fsoi", [SYS_msync] = "plm", [SYS_sysinfo] = "p",
	[SYS_getrusage] = "wp", [SYS_prctl] = "wiiii", [SYS_sched_getaffinity] = "dlp",
	[SYS_sched_setaffinity] = "dlp", [SYS_clone] = "mpppp", [SYS_clone3] = "pl",
	[SYS_wait4] = "dpmp", [SYS_waitid] = "wdpmp", [SYS_rt_sigpending] = "pz",
	[SYS_execve] = "saa", [SYS_execveat] = "fsaam", [SYS_pipe2] = "pm",
	[SYS_rt_sigtimedwait] = "nptz", [SYS_ppoll] = "PNtnz", [SYS_sigaltstack] = "pp",
	[SYS_pselect6] = "NSSStX", [SYS_truncate] = "si", [SYS_ftruncate] = "fi",
	[SYS_fallocate] = "fmii", [SYS_fchmod] = "fo", [SYS_fchown] = "fuu", [SYS_brk] = "p",
	[SYS_munmap] = "pl", [SYS_mremap] = "pllmp", [SYS_mmap] = "plmmfi",
	[SYS_mprotect] = "plm", [SYS_madvise] = "plw", [SYS_getrandom] = "plm",
	[SYS_rseq] = "plmi", [SYS_rt_sigsuspend] = "nz", [SYS_rt_sigqueueinfo] = "dgp",
	[SYS_rt_tgsigqueueinfo] = "ddgp", [SYS_getitimer] = "wp", [SYS_setitimer] = "wpp",
	[SYS_timer_create] = "cpp", [SYS_timer_settime] = "wmtp", [SYS_timer_gettime] = "wp",
	[SYS_timer_getoverrun] = "w", [SYS_timer_delete] = "w", [SYS_setuid] = "u",
	[SYS_setgid] = "u", [SYS_setreuid] = "uu", [SYS_setregid] = "uu",
	[SYS_setresuid] = "uuu", [SYS_setresgid] = "uuu", [SYS_setfsuid] = "u",
	[SYS_setfsgid] = "u", [SYS_signalfd4] = "fnzm", [SYS_futex] = "pwitpi",
	[SYS_pidfd_open] = "dm", [SYS_pidfd_send_signal] = "fgpm", [SYS_pidfd_getfd] = "ffm",
	[SYS_eventfd2] = "im", [SYS_epoll_create1] = "m", [SYS_epoll_ctl] = "fwfp",
	[SYS_epoll_pwait] = "fpitnz", [SYS_close_range] = "ffm", [SYS_memfd_create] = "sm",
	[SYS_openat2] = "fspl", [SYS_flock] = "fw", [SYS_getpriority] = "wd",
	[SYS_setpriority] = "wdi", [SYS_sendfile] = "ffpl", [SYS_splice] = "fpfplm",
	[SYS_tee] = "fflm", [SYS_copy_file_range] = "fpfplm", [SYS_preadv] = "fvwi",
	[SYS_pwritev] = "fvwi", [SYS_inotify_init1] = "m", [SYS_timerfd_create] = "cm",
	[SYS_timerfd_settime] = "fmpp", [SYS_times] = "p", [SYS_personality] = "i",
	[SYS_sched_getparam] = "dp", [SYS_sched_getscheduler] = "d", [SYS_chroot] = "s",
	[SYS_membarrier] = "wmi", [SYS_mincore] = "plp",
};

static uint64_t
small_value(void)
{
	/* Commands and selectors: fcntl's F_* (F_SETLEASE and up at 1024),
	 * futex ops (with FUTEX_PRIVATE_FLAG), whence, how, which. */
	static const uint64_t special[] = { 1024, 1025, 1026, 1030, 1031, 1032, 1033, 1034,
					     0x80, 0x81, 0x89, 0x8a, (uint64_t)-1, 0x7fffffff };

	return below(4) ? below(20) : PICK(special);
}

static uint64_t
typed_value(char kind)
{
	static const uint64_t ioctls[] = {
		0x5401 /* TCGETS */, 0x5402 /* TCSETS */, 0x5403, 0x5404, 0x540e /* TIOCSCTTY */,
		0x540f /* TIOCGPGRP */, 0x5410 /* TIOCSPGRP */, 0x5413 /* TIOCGWINSZ */,
		0x5414 /* TIOCSWINSZ */, 0x541b /* FIONREAD */, 0x5421 /* FIONBIO */,
		0x5422 /* TIOCNOTTY */, 0x5429 /* TIOCGSID */, 0x5450 /* FIONCLEX */,
		0x5451 /* FIOCLEX */, 0x5452 /* FIOASYNC */, 0x80086601 /* FS_IOC_GETFLAGS */,
		0x40086602 /* FS_IOC_SETFLAGS */, 0x5401 | 0x100000000ULL,
	};
	static const uint64_t ids[] = { 0, 1, 1000, 65534, (uint64_t)-1, 0xffffffff, 0x10000 };
	static const uint64_t lens[] = { 0, 1, 7, 8, 16, 64, 128, 4096, 4097, 0x7ffff000,
					 (uint64_t)-1, 0x80000000 };

	switch (kind) {
	case 'f': return fd_value();
	case 's': return path_value();
	case 'p': return ptr_value();
	case 't': return timespec_value();
	case 'v': return iovec_value();
	case 'n': return sigset_value();
	case 'a': return argv_value();
	case 'P': return below(8) ? pollfd_value() : ptr_value();
	case 'S': return below(4) ? fdset_value() : below(2) ? 0 : ptr_value();
	case 'X': return below(4) ? maskarg_value() : below(2) ? 0 : ptr_value();
	case 'N': return below(4) ? below(FD_LAST + 3) : int_value();	/* nfds */
	case 'l': return below(3) ? below(PAGE * 2) : PICK(lens);
	case 'w': return small_value();
	case 'k': return below(8) ? PICK(ioctls) : int_value();
	case 'u': return below(4) ? PICK(ids) : int_value();
	case 'c': return below(4) ? below(12) : int_value();
	case 'z': return below(8) ? 8 : int_value();
	case 'g': return below(8) ? 1 + below(64) : int_value();
	case 'd': return below(2) ? (uint64_t)self_pid : int_value();
	case 'o': return below(2) ? rnd() & 07777 : int_value();
	case 'm':
		if (below(3) == 0)
			return 1ULL << below(32);
		return below(2) ? rnd() & rnd() & 0xfffff : int_value();
	default: return int_value();
	}
}

/* Arguments for call nr: its signature most of the time. */
static void
draw_args(long nr, uint64_t a[6])
{
	const char *sig = nr >= 0 && nr < (long)(sizeof(signatures) / sizeof(signatures[0])) ?
			  signatures[nr] : NULL;
	bool typed = sig && below(8);

	for (int i = 0; i < 6; i++) {
		if (typed && i < (int)strlen(sig) && below(16))
			a[i] = typed_value(sig[i]);
		else if (typed && i >= (int)strlen(sig) && below(4))
			a[i] = 0;
		else
			a[i] = arg_value(i);
	}
}

/* --- which calls ----------------------------------------------------------- */

/* The calls taskbox implemented when this was written: half the draws go
 * here, the other half over 0..NR_MAX, so unknown numbers get their share. */
static const short implemented[] = {
	SYS_getcwd, SYS_dup, SYS_dup3, SYS_fcntl, SYS_ioctl, SYS_mkdirat,
	SYS_unlinkat, SYS_symlinkat, SYS_linkat, SYS_renameat2, SYS_statfs,
	SYS_fstatfs, SYS_faccessat, SYS_faccessat2, SYS_chdir, SYS_fchdir,
	SYS_fchmodat, SYS_fchownat, SYS_openat, SYS_close, SYS_getdents64,
	SYS_lseek, SYS_read, SYS_write, SYS_readv, SYS_writev, SYS_pread64,
	SYS_pwrite64, SYS_readlinkat, SYS_newfstatat, SYS_fstat, SYS_fsync,
	SYS_fdatasync, SYS_sync, SYS_utimensat, SYS_umask, SYS_statx, SYS_exit,
	SYS_exit_group, SYS_set_tid_address, SYS_set_robust_list,
	SYS_get_robust_list, SYS_nanosleep, SYS_clock_gettime, SYS_clock_getres,
	SYS_clock_nanosleep, SYS_gettimeofday, SYS_kill, SYS_tkill, SYS_tgkill,
	SYS_rt_sigaction, SYS_rt_sigprocmask, SYS_uname, SYS_getrlimit,
	SYS_setrlimit, SYS_prlimit64, SYS_getpid, SYS_getppid, SYS_getuid,
	SYS_geteuid, SYS_getgid, SYS_getegid, SYS_gettid, SYS_getresuid,
	SYS_getresgid, SYS_getgroups, SYS_sched_yield, SYS_getpgid, SYS_setpgid,
	SYS_getsid, SYS_setsid, SYS_mknodat, SYS_msync, SYS_sysinfo,
	SYS_getrusage, SYS_prctl, SYS_sched_getaffinity, SYS_sched_setaffinity,
	SYS_clone, SYS_clone3, SYS_wait4, SYS_waitid, SYS_rt_sigpending,
	SYS_execve, SYS_execveat, SYS_pipe2, SYS_rt_sigtimedwait, SYS_ppoll,
	SYS_sigaltstack, SYS_pselect6, SYS_truncate, SYS_ftruncate,
	SYS_fallocate, SYS_fchmod, SYS_fchown, SYS_brk, SYS_munmap, SYS_mremap,
	SYS_mmap, SYS_mprotect, SYS_madvise, SYS_getrandom, SYS_rseq,
	SYS_rt_sigreturn, SYS_rt_sigsuspend, SYS_rt_sigqueueinfo,
	SYS_rt_tgsigqueueinfo, SYS_restart_syscall, SYS_getitimer,
	SYS_setitimer, SYS_timer_create, SYS_timer_settime, SYS_timer_gettime,
	SYS_timer_getoverrun, SYS_timer_delete, SYS_setuid, SYS_setgid,
	SYS_setreuid, SYS_setregid, SYS_setresuid, SYS_setresgid, SYS_setfsuid,
	SYS_setfsgid, SYS_signalfd4, SYS_futex, SYS_pidfd_open,
	SYS_pidfd_send_signal, SYS_pidfd_getfd,
};

static long
pick_nr(void)
{
	static const int64_t odd[] = { -1, 471, 1000, 0x7fffffff, 0x100000000 + SYS_getpid,
				       (int64_t)0x8000000000000000ULL };

	uint64_t r = below(64);

	if (r == 0)
		return (long)PICK(odd);
	return r <= 32 ? PICK(implemented) : (long)below(NR_MAX + 1);
}

/* --- taming: keep the harness alive, by design ----------------------------- */

/* A pid argument (pid_t: the kernel reads the low 32 bits) that must not
 * reach the parent, init, or a process group: the child itself instead,
 * or a pid no one has. */
static uint64_t
tame_pid(uint64_t v)
{
	int pid = (int)v;

	if (pid <= 0 || pid == parent_pid || pid == 1)
		return below(2) ? (uint64_t)self_pid : 0x7ffffff0;
	return v;
}

/* A signal for the child itself: never SIGKILL or SIGSTOP (every other
 * signal has a handler). */
static uint64_t
tame_sig(uint64_t v)
{
	int sig = (int)v;

	return sig == SIGKILL || sig == SIGSTOP ? 0 : v;
}

/* Unblock SIGALRM in a mask the call will install for its duration. A
 * mask in the child's own memory (its text, say) is replaced. */
static void
tame_mask(uint64_t *p)
{
	if (in_rw(*p + 1, 1))
		((uint8_t *)*p)[1] &= (uint8_t)~0x20;	/* SIGALRM (14) is bit 13 */
	else if (touches_protected(*p, 8))
		*p = sigset_value();
}

/* Returns false to skip the call. The memory calls may not touch the
 * child's own mappings. */
static bool
tame(long nr, uint64_t a[6])
{
	switch (nr) {
	case SYS_exit:
	case SYS_exit_group:
		if (below(1024))
			return false;
		if ((uint8_t)a[0] == LEAK_STATUS || (uint8_t)a[0] == FAULT_STATUS)
			a[0] = 0;
		return true;
	case SYS_rt_sigreturn:
		return below(256) == 0;
	case SYS_reboot:
		a[0] = 0;
		return true;
	case SYS_kill:
	case SYS_tkill:
	case SYS_rt_sigqueueinfo:
		a[0] = tame_pid(a[0]);
		a[1] = tame_sig(a[1]);
		return true;
	case SYS_tgkill:
	case SYS_rt_tgsigqueueinfo:
		a[0] = tame_pid(a[0]);
		a[1] = tame_pid(a[1]);
		a[2] = tame_sig(a[2]);
		return true;
	case SYS_pidfd_send_signal:
		a[1] = tame_sig(a[1]);
		return true;
	case SYS_pidfd_open:
	case SYS_process_vm_readv:
	case SYS_process_vm_writev:
		a[0] = tame_pid(a[0]);
		return true;
	case SYS_ptrace:
		a[1] = tame_pid(a[1]);
		return true;
	case SYS_prlimit64:
		if ((int)a[0] != 0)
			a[0] = tame_pid(a[0]);
		if ((unsigned)a[1] == RLIMIT_CPU)
			a[2] = 0;
		return true;
	case SYS_setrlimit:
		if ((unsigned)a[0] == RLIMIT_CPU)
			a[1] = 0;
		return true;
	case SYS_clone:
		/* The exit signal the new task sends the child: SIGCHLD or none. */
		a[0] = (a[0] & ~0xffULL) | (below(2) ? SIGCHLD : 0);
		return true;
	case SYS_rt_sigsuspend:
		tame_mask(&a[0]);
		return true;
	case SYS_ppoll:
		tame_mask(&a[3]);
		return true;
	case SYS_epoll_pwait:
	case SYS_epoll_pwait2:
		tame_mask(&a[4]);
		return true;
	case SYS_pselect6:
		if (in_rw(a[5], 16)) {
			uint64_t mask;

			memcpy(&mask, (void *)a[5], 8);
			tame_mask(&mask);
			memcpy((void *)a[5], &mask, 8);
		} else if (touches_protected(a[5], 16)) {
			a[5] = 0;
		}
		return true;
	case SYS_execve:
	case SYS_execveat:
		/* A successful exec ends the batch: one draw in eight. */
		return below(8) == 0;
	case SYS_brk:
		/* Not below the child's heap (its TLS lives there), and not
		 * gigabytes above it: copies from untouched heap pages take
		 * real memory on taskbox (it has no zero page). */
		if (a[0] && a[0] < initial_brk)
			a[0] = 0;
		else if (a[0] > initial_brk + HEAP_GROWTH && a[0] < 1ULL << 38)
			a[0] = initial_brk + (a[0] & (HEAP_GROWTH - 1));
		return true;
	case SYS_mmap:
		if ((a[3] & MAP_FIXED) && touches_protected(a[0], a[1]))
			redirect_to_arena(&a[0], &a[1]);
		return true;
	case SYS_mremap:
		if (touches_protected(a[0], a[1]) || touches_protected(a[0], a[2]))
			redirect_to_arena(&a[0], &a[1]);
		if ((a[3] & MREMAP_FIXED) && touches_protected(a[4], a[2]))
			redirect_to_arena(&a[4], &a[2]);
		return true;
	case SYS_munmap:
	case SYS_mprotect:
	case SYS_madvise:
	case SYS_msync:
	case SYS_mlock:
	case SYS_munlock:
	case SYS_mlock2:
	case SYS_remap_file_pages:
	case SYS_mbind:
	case SYS_pkey_mprotect:
	case 462:	/* mseal */
		if (touches_protected(a[0], a[1]))
			redirect_to_arena(&a[0], &a[1]);
		return true;
	default:
		return true;
	}
}

/* Put back what the call may have taken from the harness. */
static void
restore_after(long nr, const uint64_t a[6])
{
	switch (nr) {
	case SYS_rt_sigaction:
		install_handler((int)a[0]);
		break;
	case SYS_rt_sigprocmask:
	case SYS_rt_sigreturn:
		unblock_all();
		break;
	case SYS_setitimer:
		arm_tick();
		break;
	case SYS_chdir:
	case SYS_fchdir:
	case SYS_chroot:
		chdir("/tmp");
		break;
	case SYS_brk:
	case SYS_mmap:
	case SYS_mremap:
	case SYS_munmap:
	case SYS_mprotect:
	case SYS_madvise:
	case SYS_remap_file_pages:
	case SYS_mbind:
	case SYS_pkey_mprotect:
	case 462:	/* mseal */
		arena_build();
		break;
	default:
		break;
	}
}

/* --- the child ------------------------------------------------------------- */

static void
child_setup(void)
{
	struct rlimit nproc = { 64, 64 };

	self_pid = getpid();
	setrlimit(RLIMIT_NPROC, &nproc);
	mkdir("/tmp", 01777);
	chdir("/tmp");
	for (int sig = 1; sig <= 64; sig++)
		install_handler(sig);
	unblock_all();
	arena_build();
	protect_current_mappings();
	initial_brk = (uint64_t)sys3(SYS_brk, 0, 0, 0);
	reset_fds();
	arm_tick();
}

static _Noreturn void
child_main(uint32_t count)
{
	uint64_t a[6];

	child_setup();
	for (uint32_t call = 0; call < count; call++) {
		long nr, ret;

		shared->calls = call;
		if (call && call % RESET_EVERY == 0) {
			reset_fds();
			fill_random(arena, RANDOM_BYTES);
		}
		nr = pick_nr();
		draw_args(nr, a);
		if (!tame(nr, a))
			continue;
		shared->last_nr = nr;
		memcpy(shared->last_args, a, sizeof(a));
		in_fuzz_call = 1;
		faults_in_call = 0;
		ret = raw_syscall(nr, a);
		if ((unsigned long)ret > -(unsigned long)MAX_ERRNO - 1 && -ret > LAST_ERRNO)
			report_leak(nr, a, ret, call);
		if ((nr == SYS_mmap || nr == SYS_mremap) && (unsigned long)ret < -(unsigned long)MAX_ERRNO) {
			uint64_t len = nr == SYS_mmap ? a[1] : a[2];

			recent_maps[nr_recent_maps++ % NR_RECENT] =
				(struct range){ (uint64_t)ret, (uint64_t)ret + (len < (1ULL << 30) ? len : 1ULL << 30) };
		}
		restore_after(nr, a);
		in_fuzz_call = 0;
	}
	shared->calls = count;
	child_exit(0);
}

/* --- the parent ------------------------------------------------------------ */

static volatile sig_atomic_t timed_out, stop_signal;

static void
on_alarm(int sig)
{
	(void)sig;
	timed_out = 1;
}

static void
on_stop(int sig)
{
	stop_signal = sig;
}

/* The parent ignores every signal but the ones it waits on, faults, and
 * the ones that stop the run from outside (forwarded by taskbox's init):
 * a child's fcntl(F_SETOWN) or timer cannot end the harness. */
static void
parent_signals(void)
{
	struct sigaction sa;

	for (int sig = 1; sig <= 64; sig++) {
		memset(&sa, 0, sizeof(sa));
		if (sig == SIGALRM)
			sa.sa_handler = on_alarm;
		else if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP)
			sa.sa_handler = on_stop;
		else if (sig == SIGCHLD || is_fault_signal(sig))
			continue;
		else
			sa.sa_handler = SIG_IGN;
		sigaction(sig, &sa, NULL);
	}
}

struct tally {
	unsigned done, exited, signalled, faulted, timeouts, leaks, arena_lost;
	uint64_t calls;
};

static void
describe_last(char *buf, size_t size)
{
	snprintf(buf, size, "last nr=%ld args=%#lx,%#lx,%#lx,%#lx,%#lx,%#lx", shared->last_nr,
		 shared->last_args[0], shared->last_args[1], shared->last_args[2],
		 shared->last_args[3], shared->last_args[4], shared->last_args[5]);
}

/* Read what the child wrote to the pipe; print its LEAK lines. */
static bool
drain_reports(int fd)
{
	static char buf[4096];
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	bool leak = false;

	if (n <= 0)
		return false;
	buf[n] = '\0';
	for (char *line = buf, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (strncmp(line, "LEAK ", 5) == 0) {
			printf("%s\n", line);
			leak = true;
		}
	}
	return leak;
}

static void
run_batch(unsigned b, uint32_t count, int report[2], struct tally *t)
{
	char last[256], how[512];
	struct itimerval limit = { { 0, 0 }, { 5 + count / 300, 0 } };
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	int status = 0;
	pid_t pid, w;

	memset(shared, 0, sizeof(*shared));
	batch_index = b;
	batch_restarts = b & 1;
	seed_batch(seed_value, b);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(report[0]);
		if (dup3(report[1], REPORT_FD, 0) < 0 || fstat(REPORT_FD, &report_stat))
			_exit(2);
		close(report[1]);
		child_main(count);
	}
	if (pid < 0) {
		perror("sysfuzz: fork");
		exit(2);
	}
	timed_out = 0;
	setitimer(ITIMER_REAL, &limit, NULL);
	while ((w = waitpid(pid, &status, 0)) != pid) {
		if (w < 0 && errno != EINTR) {
			perror("sysfuzz: waitpid");
			exit(2);
		}
		if (timed_out == 1) {
			kill(pid, SIGKILL);
			timed_out = 2;
		}
		if (stop_signal)
			kill(pid, SIGKILL);
	}
	setitimer(ITIMER_REAL, &off, NULL);
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;		/* siblings a CLONE_PARENT made */
	describe_last(last, sizeof(last));
	t->calls += shared->calls;
	if (drain_reports(report[0]) || (WIFEXITED(status) && WEXITSTATUS(status) == LEAK_STATUS)) {
		if (!shared->leak[0] || !drain_reports(report[0]))
			printf("%s", shared->leak[0] ? shared->leak : "LEAK (no report)\n");
		t->leaks++;
		snprintf(how, sizeof(how), "LEAK");
	} else if (timed_out == 2) {
		t->timeouts++;
		snprintf(how, sizeof(how), "timeout, killed; last signal at pc %#lx (%s)",
			 shared->signal_pc, last);
	} else if (WIFSIGNALED(status)) {
		t->signalled++;
		snprintf(how, sizeof(how), "killed by signal %d (%s)", WTERMSIG(status), last);
	} else if (WEXITSTATUS(status) == FAULT_STATUS) {
		t->faulted++;
		snprintf(how, sizeof(how), "fault: signal %d at %#lx pc %#lx (%s)",
			 shared->fault_sig, shared->fault_addr, shared->fault_pc, last);
	} else if (WEXITSTATUS(status) == ARENA_STATUS) {
		t->arena_lost++;
		snprintf(how, sizeof(how), "arena lost (%s)", last);
	} else if (WEXITSTATUS(status) == 0 && shared->calls == count) {
		t->done++;
		snprintf(how, sizeof(how), "done");
	} else {
		t->exited++;
		snprintf(how, sizeof(how), "exit %d (%s)", WEXITSTATUS(status), last);
	}
	printf("batch %u: %u/%u calls, %s\n", b, shared->calls, count, how);
}

int
main(int argc, char **argv)
{
	struct tally t = { 0 };
	unsigned batches = 1, first = 0;
	uint32_t count;
	int report[2];

	if (argc < 3 || argc > 5) {
		fprintf(stderr, "usage: sysfuzz SEED COUNT [BATCHES [FIRST]]\n");
		return 2;
	}
	seed_value = strtoull(argv[1], NULL, 0);
	count = (uint32_t)strtoul(argv[2], NULL, 0);
	if (argc > 3)
		batches = (unsigned)strtoul(argv[3], NULL, 0);
	if (argc > 4)
		first = (unsigned)strtoul(argv[4], NULL, 0);
	shared = mmap(NULL, sizeof(*shared), PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shared == MAP_FAILED || pipe2(report, O_NONBLOCK | O_CLOEXEC)) {
		perror("sysfuzz: set-up");
		return 2;
	}
	parent_pid = getpid();
	parent_signals();
	for (unsigned b = first; b < first + batches && !stop_signal; b++)
		run_batch(b, count, report, &t);
	printf("sysfuzz seed %llu: %u batches, %llu calls: %u done, %u exited, "
	       "%u signalled, %u faulted, %u timeouts, %u arena lost; %u leaks\n",
	       (unsigned long long)seed_value, batches, (unsigned long long)t.calls, t.done,
	       t.exited, t.signalled, t.faulted, t.timeouts, t.arena_lost, t.leaks);
	if (stop_signal)
		return 128 + stop_signal;
	return t.leaks ? 1 : 0;
}
