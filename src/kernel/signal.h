/* Signal structures (include/linux/signal_types.h, sched/signal.h).
 * Dispositions live in sighand_struct (shared by CLONE_SIGHAND); the shared
 * pending set, rlimits and group exit live in signal_struct (one per thread
 * group); blocked and private pending sets live in the task. */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include <taskbox/types.h>
#include <taskbox/list.h>

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
#define SIGSYS	31

/* si_code values of synchronous faults */
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
#define BUS_ADRALN	1
#define BUS_ADRERR	2
#define ILL_ILLOPC	1
#define TRAP_BRKPT	1

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
};

struct sigpending {
	sigset_t_ signal;
};

struct rlimit64 {
	uint64_t rlim_cur, rlim_max;
};

#define RLIM_NLIMITS	16
#define RLIM64_INFINITY	(~0ULL)

struct signal_struct {
	int nr_threads;
	/* Process group and session of the thread group (Linux keeps struct pid
	 * pointers in signal->pids[PIDTYPE_PGID/SID]). 0 for PID 1 at boot. */
	pid_t pgrp, session;
	int group_exit;			/* SIGNAL_GROUP_EXIT seen */
	int group_exit_code;
	struct sigpending shared_pending;
	struct rlimit64 rlim[RLIM_NLIMITS];
};

struct task_struct;

/* --- signal.c --- */
struct sighand_struct *alloc_sighand(void);
struct signal_struct *alloc_signal(void);
int send_signal(struct task_struct *t, int sig, bool group);
void force_sig_fault(struct task_struct *t, int sig, int code, uint64_t addr);
void do_signal(struct task_struct *t);

#endif
