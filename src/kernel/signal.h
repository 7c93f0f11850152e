/* Signal structures (include/linux/signal_types.h, sched/signal.h).
 * Dispositions live in sighand_struct (shared by CLONE_SIGHAND); the shared
 * pending set, rlimits and group exit live in signal_struct (one per thread
 * group); blocked and private pending sets live in the task. */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include <taskbox/types.h>
#include <taskbox/list.h>

#include "kernel/wait.h"
#include "kernel/time/hrtimer.h"

#define _NSIG		64
typedef uint64_t sigset_t_;	/* the guest's sigset: bit (sig - 1) */

#define sigmask(sig)	(1ULL << ((sig) - 1))

/* Guest signal numbers (asm-generic/signal.h); host numbers never leak in. */
#define SIGHUP	1
#define SIGINT	2
#define SIGQUIT	3
#define SIGILL	4
#define SIGTRAP	5
#define SIGABRT	6
#define SIGBUS	7
#define SIGFPE	8
#define SIGKILL	9
#define SIGUSR1	10
#define SIGSEGV	11
#define SIGUSR2	12
#define SIGPIPE	13
#define SIGALRM	14
#define SIGTERM	15
#define SIGSTKFLT 16
#define SIGCHLD	17
#define SIGCONT	18
#define SIGSTOP	19
#define SIGTSTP	20
#define SIGTTIN	21
#define SIGTTOU	22
#define SIGXCPU	24
#define SIGXFSZ	25
#define SIGSYS	31
#define SIGRTMIN	32	/* the kernel's; glibc keeps 32 and 33 for itself */
#define SIGRTMAX	_NSIG

/* si_code values (asm-generic/siginfo.h): <= 0 from user space, > 0 from the
 * kernel. */
#define SI_USER		0
#define SI_KERNEL	0x80
#define SI_QUEUE	(-1)
#define SI_TIMER	(-2)
#define SI_TKILL	(-6)
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3
#define CLD_STOPPED	5
#define CLD_CONTINUED	6

/* si_code values of synchronous faults */
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
#define BUS_ADRALN	1
#define BUS_ADRERR	2
#define ILL_ILLOPC	1
#define TRAP_BRKPT	1

#define SA_NOCLDSTOP	0x00000001
#define SA_NOCLDWAIT	0x00000002
#define SA_SIGINFO	0x00000004
#define SA_ONSTACK	0x08000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000

#define SS_ONSTACK	1
#define SS_DISABLE	2
#define SS_AUTODISARM	(1U << 31)

#define SIG_DFL	0ULL
#define SIG_IGN	1ULL

/* The guest's struct sigaction as rt_sigaction passes it: riscv64 has no
 * SA_RESTORER, so it is handler, flags, mask (asm-generic/signal.h). */
struct k_sigaction {
	uint64_t handler;
	uint64_t flags;
	sigset_t_ mask;
};

struct sighand_struct {
	int count;
	struct k_sigaction action[_NSIG];
	struct wait_queue_head signalfd_wqh;	/* signalfd readers and pollers */
};

/* The guest's siginfo_t (asm-generic/siginfo.h, 64-bit layout): 128 bytes,
 * the union at offset 16. Only the members taskbox fills are named. */
typedef struct kernel_siginfo {
	int32_t si_signo, si_errno, si_code, _pad;
	union {
		struct { int32_t pid; uint32_t uid; uint64_t value; } _rt;	/* kill, sigqueue */
		struct { int32_t tid; int32_t overrun; uint64_t value; } _timer;
		struct { int32_t pid; uint32_t uid; int32_t status, _pad;
			 int64_t utime, stime; } _sigchld;
		struct { uint64_t addr; } _sigfault;
		uint8_t _bytes[128 - 16];
	};
} kernel_siginfo_t;

/* A queued signal with its information (Linux: struct sigqueue). Timers own
 * theirs (SIGQUEUE_PREALLOC) and re-queue it. */
struct sigqueue {
	struct list_head list;
	int flags;
	kernel_siginfo_t info;
	struct user_struct *user;	/* charged for RLIMIT_SIGPENDING */
	struct k_itimer *timer;		/* the POSIX timer owning it, or NULL */
};
#define SIGQUEUE_PREALLOC	1
#define SIGQUEUE_TIMER_GONE	2	/* its timer was deleted while queued */

struct sigpending {
	struct list_head list;		/* struct sigqueue, in arrival order */
	sigset_t_ signal;
};

/* Per real uid accounting (Linux: struct user_struct / ucounts): pending
 * signals for RLIMIT_SIGPENDING, processes for RLIMIT_NPROC. */
struct user_struct {
	uid_t uid;
	int sigpending;
	int processes;
	struct user_struct *next;
};

/* Bytes and calls of read and write (Linux: struct task_io_accounting,
 * include/linux/task_io_accounting.h), for /proc/PID/io. */
struct task_io_accounting {
	uint64_t rchar, wchar;		/* bytes read and written */
	uint64_t syscr, syscw;		/* read and write calls */
};

static inline void
task_io_accounting_add(struct task_io_accounting *dst, const struct task_io_accounting *src)
{
	dst->rchar += src->rchar;
	dst->wchar += src->wchar;
	dst->syscr += src->syscr;
	dst->syscw += src->syscw;
}

struct rlimit64 {
	uint64_t rlim_cur, rlim_max;
};

#define RLIM_NLIMITS	16
#define RLIMIT_CPU		0
#define RLIMIT_FSIZE		1
#define RLIMIT_DATA		2
#define RLIMIT_STACK		3
#define RLIMIT_CORE		4
#define RLIMIT_NPROC		6
#define RLIMIT_NOFILE		7
#define RLIMIT_AS		9
#define RLIMIT_SIGPENDING	11
#define RLIMIT_NICE		13
#define RLIM64_INFINITY	(~0ULL)

struct signal_struct {
	int nr_threads;			/* references (freed at 0) */
	int live;			/* threads not yet exiting */
	struct wait_queue_head wait_chldexit;	/* parents sleeping in wait4/waitid */
	bool is_child_subreaper;		/* PR_SET_CHILD_SUBREAPER */
	bool has_child_subreaper;		/* an ancestor is a subreaper */
	/* Children's accumulated times, for getrusage(RUSAGE_CHILDREN). */
	uint64_t cutime, cstime;
	uint64_t cmin_flt, cmaj_flt;
	/* Process group and session of the thread group (Linux keeps struct pid
	 * pointers in signal->pids[PIDTYPE_PGID/SID]). 0 for PID 1 at boot. */
	pid_t pgrp, session;
	struct task_struct *leader;	/* the group leader: timers signal it */
	short oom_score_adj;		/* /proc/PID/oom_score_adj, inherited */
	short oom_score_adj_min;	/* ... the lowest the unprivileged may set */
	/* I/O of dead threads and reaped children (/proc/PID/io). */
	struct task_io_accounting ioac;
	unsigned int flags;		/* SIGNAL_* below */
	int group_exit;			/* SIGNAL_GROUP_EXIT seen */
	int group_exit_code;		/* exit code, or the stop signal */
	int group_stop_count;		/* threads yet to stop */
	struct sigpending shared_pending;
	struct rlimit64 rlim[RLIM_NLIMITS];
	/* ITIMER_REAL and the CPU-time itimers (kernel/time/itimer.c). */
	struct hrtimer real_timer;
	uint64_t it_real_incr;
	struct cpu_itimer { uint64_t expires, incr; } it[2];	/* VIRTUAL, PROF */
	/* POSIX timers (kernel/time/posix-timers.c). */
	struct list_head posix_timers;
	int next_posix_timer_id;
	uint64_t cputime_expires;	/* earliest CPU-clock timer, 0: none */
};

/* signal_struct->flags (include/linux/sched/signal.h) */
#define SIGNAL_STOP_STOPPED	0x00000001	/* the group is stopped */
#define SIGNAL_STOP_CONTINUED	0x00000002	/* SIGCONT since the stop (for wait) */
#define SIGNAL_GROUP_EXIT	0x00000004
#define SIGNAL_CLD_STOPPED	0x00000010	/* the parent is yet to hear of it */
#define SIGNAL_CLD_CONTINUED	0x00000020
#define SIGNAL_CLD_MASK		(SIGNAL_CLD_STOPPED | SIGNAL_CLD_CONTINUED)
#define SIGNAL_UNKILLABLE	0x00000040	/* init: default actions do nothing */
#define SIGNAL_STOP_MASK	(SIGNAL_CLD_MASK | SIGNAL_STOP_STOPPED | SIGNAL_STOP_CONTINUED)

/* A new stop state; the other flags (SIGNAL_UNKILLABLE) stay (Linux:
 * signal_set_stop_flags). */
static inline void
signal_set_stop_flags(struct signal_struct *sig, unsigned int flags)
{
	sig->flags = (sig->flags & ~SIGNAL_STOP_MASK) | flags;
}

/* A signal get_signal chose for a handler (Linux: struct ksignal). */
struct ksignal {
	struct k_sigaction ka;
	kernel_siginfo_t info;
	int sig;
};

struct task_struct;
struct kernel;
struct k_itimer;

/* --- signal.c --- */
struct sighand_struct *alloc_sighand(void);
struct signal_struct *alloc_signal(void);
void init_sigpending(struct sigpending *p);
void flush_sigqueue(struct kernel *k, struct sigpending *p);
struct user_struct *find_user(struct kernel *k, uid_t uid);
void free_uids(struct kernel *k);
int send_signal(struct task_struct *t, int sig, bool group);
int send_signal_info(struct task_struct *t, int sig, const kernel_siginfo_t *info,
		     bool group);
int send_sigqueue(struct sigqueue *q, struct task_struct *t, bool group);
void force_sig_fault(struct task_struct *t, int sig, int code, uint64_t addr);
void force_sigsegv(struct task_struct *t, int sig);
bool get_signal(struct task_struct *t, struct ksignal *ksig);
void signal_setup_done(struct task_struct *t, bool failed, struct ksignal *ksig,
		       bool stepping);
struct sigqueue *sigqueue_alloc_prealloc(struct task_struct *t);
void sigqueue_free(struct sigqueue *q);
void send_sig(int sig, struct task_struct *p);
void kill_orphaned_pgrp(struct task_struct *t, struct task_struct *parent);
void restore_saved_sigmask(struct task_struct *t);
long set_user_sigmask(struct task_struct *t, uaddr_t umask, size_t sigsetsize);
void restore_saved_sigmask_unless(struct task_struct *t, long ret);
void set_current_blocked(struct task_struct *t, sigset_t_ set);
bool signal_pending(struct task_struct *t);
bool fatal_signal_pending(struct task_struct *t);
int group_send_sig_info(struct task_struct *p, int sig, struct task_struct *sender);
int group_send_sig_info_kernel(struct task_struct *p, const kernel_siginfo_t *info);
int kill_pgrp_priv(struct kernel *k, pid_t pgrp, int sig);
int do_notify_parent(struct task_struct *t, int sig);
int dequeue_signal(struct task_struct *t, sigset_t_ mask, kernel_siginfo_t *info);
bool on_sig_stack(struct task_struct *t, uint64_t sp);
uint64_t sigsp(struct task_struct *t, uint64_t sp, struct ksignal *ksig);
long restore_altstack(struct task_struct *t, uaddr_t uss);
bool sig_kernel_stop(int sig);
uint64_t nsec_to_clock_t(uint64_t ns);

/* arch/riscv64/signal.c */
size_t get_rt_frame_size(void);

#endif
