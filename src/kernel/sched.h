/* struct task_struct and its companions: the process descriptor.
 *
 * Every runnable entity is a task_struct; a "process" is a thread group of
 * tasks that share mm, files, signal and sighand. Field names follow Linux's
 * include/linux/sched.h so that a reader holding a Linux book finds them. */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <taskbox/list.h>
#include <taskbox/types.h>

#include "arch/riscv64/cpu.h"
#include "kernel/signal.h"
#include "kernel/time/hrtimer.h"
#include "kernel/wait.h"

struct kernel;
struct mm_struct;
struct files_struct;
struct fs_struct;

enum pid_type { PIDTYPE_PID, PIDTYPE_PGID, PIDTYPE_SID, PIDTYPE_MAX };

/* A number and the tasks bearing it (include/linux/pid.h). */
struct pid {
	pid_t nr;
	struct list_head tasks[PIDTYPE_MAX];
	struct pid *hash_next;
};

/* task->__state, as include/linux/sched.h */
#define TASK_RUNNING		0x0000
#define TASK_INTERRUPTIBLE	0x0001
#define TASK_UNINTERRUPTIBLE	0x0002
#define __TASK_STOPPED		0x0004
#define __TASK_TRACED		0x0008
#define TASK_DEAD		0x0080
#define TASK_WAKEKILL		0x0100
#define TASK_KILLABLE		(TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define TASK_STOPPED		(TASK_WAKEKILL | __TASK_STOPPED)
#define TASK_NORMAL		(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

/* task->exit_state */
#define EXIT_DEAD		0x0010
#define EXIT_ZOMBIE		0x0020

/* task->flags */
#define PF_EXITING		0x00000004
#define PF_FORKNOEXEC		0x00000040
#define PF_KTHREAD		0x00200000

#define TASK_COMM_LEN		16

/* Credentials (include/linux/cred.h), reduced to the ids. */
struct cred {
	int usage;
	uid_t uid, euid, suid, fsuid;
	gid_t gid, egid, sgid, fsgid;
};

struct task_struct {
	struct kernel *kernel;

	/* Scheduling: changed by the scheduler and by wake-ups. */
	unsigned int __state;
	struct cpu *on_cpu;		/* the hart running it, or NULL */
	int cpu;			/* the hart whose run queue it joins */
	bool on_rq;			/* queued on a run queue */
	bool need_resched;		/* end this turn at the next trap */
	int static_prio;		/* 120 + nice (Linux: NICE_TO_PRIO) */
	struct list_head run_list;

	/* Sleeping (sched/wait.c): the queues it waits on, a timed wake-up,
	 * and the syscall to re-run when woken (taskbox-only, see ESLEEP). */
	struct wait_queue_entry wait[4];
	struct wait_queue_entry *wait_ext;	/* beyond wait[]: poll on many files */
	int nr_wait, wait_ext_cap;
	struct hrtimer sleep_timer;	/* a timed sleep's wake-up */
	bool sleep_restart;		/* the syscall being re-run slept before */
	uint64_t syscall_progress;	/* what a re-run syscall already did */
	uint64_t orig_a0;		/* a0 at syscall entry (for restarts) */
	bool restart_check;		/* the syscall returned -ERESTART* */
	bool sigreturned;		/* rt_sigreturn set every register */
	struct restart_block {		/* what restart_syscall goes on with */
		long (*fn)(struct task_struct *t);
		int clockid;
		uint64_t expires;	/* absolute, on clockid */
		uaddr_t rmtp;
		uaddr_t uaddr;		/* futex_wait_restart */
		uint32_t val, bitset;
		int flags;
	} restart_block;

	/* A futex wait (futex.c): its place in a hash bucket. */
	struct futex_q {
		struct list_head list;
		struct futex_key { uintptr_t a; uint64_t b; } key;
		uint32_t bitset;
		struct task_struct *task;
		bool queued;
	} futex_q;
	bool futex_woken;

	/* The numbers it bears (pid.c): its PID, and for a process its group
	 * and session, each linking it into that struct pid's task list. */
	struct pid *pids[PIDTYPE_MAX];
	struct list_head pid_links[PIDTYPE_MAX];

	/* Identity and the task tree: changed by fork, exit and reparenting. */
	pid_t pid, tgid;
	struct task_struct *real_parent;	/* who forked us */
	struct task_struct *parent;		/* who gets SIGCHLD and wait */
	struct task_struct *group_leader;
	struct list_head children, sibling;	/* our children; our place in parent's */
	struct list_head tasks;			/* for_each_process */
	unsigned int flags;			/* PF_* */
	char comm[TASK_COMM_LEN];

	/* Exit: written by do_exit, read by wait. */
	int exit_state;
	int exit_code;				/* wait status word */
	int exit_signal;
	int pdeath_signal;			/* PR_SET_PDEATHSIG */
	struct task_struct *vfork_parent;	/* woken when we exec or exit (vfork_done) */
	bool did_exec;				/* setpgid gives EACCES after it */
	bool release_pending;			/* reaped while on a hart: free after its turn */

	/* Resources, shared or copied according to clone flags. */
	struct mm_struct *mm;
	struct files_struct *files;
	struct fs_struct *fs;
	struct signal_struct *signal;
	struct sighand_struct *sighand;
	struct cred *cred;

	/* Signals private to this thread. */
	sigset_t_ blocked;
	sigset_t_ real_blocked;		/* blocked before rt_sigtimedwait widened it */
	sigset_t_ saved_sigmask;	/* sigsuspend/ppoll: the mask to put back */
	bool restore_sigmask;		/* ... after the next delivery (TIF_RESTORE_SIGMASK) */
	uaddr_t sas_ss_sp;		/* sigaltstack: the alternate signal stack */
	uint64_t sas_ss_size;
	unsigned int sas_ss_flags;
	struct sigpending pending;

	/* Set by set_tid_address / clone; used at exit (futex wake on CLEARTID). */
	uaddr_t set_child_tid, clear_child_tid;
	uaddr_t robust_list;
	uint64_t robust_list_len;

	/* Accounting (virtual nanoseconds), and context switches: slept
	 * (voluntary) or preempted at the end of a quantum. */
	uint64_t start_time;
	uint64_t utime, stime;
	uint64_t nvcsw, nivcsw;
	uint64_t min_flt, maj_flt;	/* page faults: minor, major (read a file) */
	struct task_io_accounting ioac;		/* read/write counts (/proc/PID/io) */

	/* User-mode registers while not running on a hart. */
	struct pt_regs regs;
};

/* --- futex.c --- */
void futex_exit_release(struct task_struct *t);
void futex_wake_cleartid(struct task_struct *t, uaddr_t uaddr);

/* --- task.c --- */
#define for_each_process(k, p) list_for_each_entry(p, &(k)->tasks, tasks)

/* Niceness (Linux: include/linux/sched/prio.h). */
#define MAX_NICE	19
#define MIN_NICE	(-20)
#define DEFAULT_PRIO	120
static inline int task_nice(const struct task_struct *p) { return p->static_prio - DEFAULT_PRIO; }
void set_user_nice(struct task_struct *p, long nice);
struct task_struct *alloc_task_struct(struct kernel *k);
struct task_struct *create_first_task(struct kernel *k);

/* --- kthread.c --- */
struct task_struct *kthreadd_create(struct kernel *k);
void free_task_struct(struct task_struct *t);
void free_task(struct task_struct *t);
void set_task_comm(struct task_struct *t, const char *name);
void get_task_comm(char buf[TASK_COMM_LEN], const struct task_struct *t);

static inline bool
thread_group_leader(const struct task_struct *t)
{
	return t->group_leader == t;
}

/* --- pid.c --- */
int alloc_pid(struct kernel *k, struct task_struct *t);
void free_pid(struct kernel *k, struct task_struct *t);
struct pid *find_pid(struct kernel *k, pid_t nr);
pid_t next_pid_in_use(struct kernel *k, pid_t nr);
struct task_struct *pid_task(struct pid *pid, enum pid_type type);
struct task_struct *find_task_by_vpid(struct kernel *k, pid_t pid);
void attach_pid(struct task_struct *t, enum pid_type type, struct pid *pid);
void detach_pid(struct task_struct *t, enum pid_type type);
void change_pid(struct task_struct *t, enum pid_type type, pid_t nr);
#define for_each_pid_task(p, pid, type) \
	list_for_each_entry(p, &(pid)->tasks[type], pid_links[type])

/* --- cred.c --- */
struct cred *prepare_kernel_cred(struct kernel *k);
void put_cred(struct cred *cred);
struct cred *prepare_creds(struct task_struct *t);
void commit_creds(struct task_struct *t, struct cred *new);
void count_user_process(struct task_struct *t, int delta);

#endif
