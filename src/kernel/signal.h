/* Signal structures (include/linux/signal_types.h, sched/signal.h).
 * Dispositions live in sighand_struct (shared by CLONE_SIGHAND); the shared
 * pending set, rlimits and group exit live in signal_struct (one per thread
 * group); blocked and private pending sets live in the task. */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include <taskbox/types.h>
#include <taskbox/list.h>

#include "kernel/wait.h"

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

#define SA_NOCLDSTOP	0x00000001
#define SA_NOCLDWAIT	0x00000002
#define SA_SIGINFO	0x00000004
#define SA_ONSTACK	0x08000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000

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
	struct wait_queue_head wait_chldexit;	/* parents sleeping in wait4/waitid */
	bool is_child_subreaper;		/* PR_SET_CHILD_SUBREAPER */
	bool has_child_subreaper;		/* an ancestor is a subreaper */
	/* Children's accumulated times, for getrusage(RUSAGE_CHILDREN). */
	uint64_t cutime, cstime;
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
bool signal_pending(struct task_struct *t);
bool fatal_signal_pending(struct task_struct *t);
int group_send_sig_info(struct task_struct *p, int sig, struct task_struct *sender);
int do_notify_parent(struct task_struct *t, int sig);

#endif
