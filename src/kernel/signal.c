/* Signals (Linux: kernel/signal.c). This file holds the foundation's part:
 * dispositions and masks are stored, signals are queued and checked on the
 * way back to user mode, and default actions that terminate are carried
 * out. Handler frames, stop/continue and restart are the signal issue's. */
#include <stdlib.h>
#include <string.h>

#include "kernel/exit.h"
#include "kernel/kernel.h"
#include <uapi/time_types.h>
#include "kernel/sched.h"
#include "kernel/sched/sched.h"
#include "kernel/syscalls.h"
#include "kernel/wait.h"
#include "mm/mm.h"

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

/* Signals whose default action is to ignore them, to stop, or to
 * terminate with a core dump (Linux: SIG_KERNEL_*_MASK). */
#define SIG_KERNEL_IGNORE_MASK	(sigmask(SIGCONT) | sigmask(SIGCHLD) | \
				 sigmask(28) /* SIGWINCH */ | sigmask(23) /* SIGURG */)
#define SIG_KERNEL_STOP_MASK	(sigmask(SIGSTOP) | sigmask(SIGTSTP) | \
				 sigmask(SIGTTIN) | sigmask(SIGTTOU))
#define SIG_KERNEL_COREDUMP_MASK (sigmask(SIGQUIT) | sigmask(SIGILL) | \
				 sigmask(SIGTRAP) | sigmask(SIGABRT) | sigmask(SIGFPE) | \
				 sigmask(SIGSEGV) | sigmask(SIGBUS) | sigmask(SIGSYS) | \
				 sigmask(24) /* SIGXCPU */ | sigmask(25) /* SIGXFSZ */)
#define SIG_KERNEL_ONLY_MASK	(sigmask(SIGKILL) | sigmask(SIGSTOP))

static bool
valid_signal(unsigned long sig)
{
	return sig <= _NSIG;
}

struct sighand_struct *
alloc_sighand(void)
{
	struct sighand_struct *sh = calloc(1, sizeof(*sh));

	if (sh)
		sh->count = 1;
	return sh;
}

struct signal_struct *
alloc_signal(void)
{
	struct signal_struct *sig = calloc(1, sizeof(*sig));

	if (!sig)
		return NULL;
	sig->nr_threads = 1;
	init_waitqueue_head(&sig->wait_chldexit);
	return sig;
}

/* Would delivery do nothing? (Linux: sig_ignored/sig_task_ignored) */
static bool
sig_ignored(struct task_struct *t, int sig)
{
	uint64_t handler = t->sighand->action[sig - 1].handler;

	if ((t->blocked | t->real_blocked) & sigmask(sig))
		return false;
	/* init gets only the signals it has handlers for (Linux:
	 * SIGNAL_UNKILLABLE); faults are forced past this. */
	if (t == t->kernel->child_reaper && handler == SIG_DFL)
		return true;
	return handler == SIG_IGN ||
	       (handler == SIG_DFL && (SIG_KERNEL_IGNORE_MASK & sigmask(sig)));
}

/* Wake t so it sees a new signal (Linux: signal_wake_up): an interruptible
 * sleep ends for any signal, a killable one only for SIGKILL. */
static void
signal_wake_up(struct task_struct *t, bool fatal)
{
	if ((t->__state & TASK_INTERRUPTIBLE) ||
	    (fatal && (t->__state & TASK_WAKEKILL)))
		wake_up_process(t);
}

/* Queue sig for t: on the thread group's shared set, or the thread's own
 * (Linux: __send_signal_locked). Standard signals coalesce. */
int
send_signal(struct task_struct *t, int sig, bool group)
{
	if (t->exit_state || (t->flags & PF_EXITING))
		return 0;
	if (sig_ignored(t, sig))
		return 0;
	if (group)
		t->signal->shared_pending.signal |= sigmask(sig);
	else
		t->pending.signal |= sigmask(sig);
	if (!(t->blocked & sigmask(sig)) || sig == SIGKILL)
		signal_wake_up(t, sig == SIGKILL);
	return 0;
}

bool
signal_pending(struct task_struct *t)
{
	return (t->pending.signal | t->signal->shared_pending.signal) & ~t->blocked;
}

bool
fatal_signal_pending(struct task_struct *t)
{
	return (t->pending.signal | t->signal->shared_pending.signal) & sigmask(SIGKILL);
}

/* May sender signal p? (Linux: check_kill_permission: same real or
 * effective uid, or privilege.) A NULL sender is the kernel. */
static bool
kill_ok_by_cred(struct task_struct *p, struct task_struct *sender)
{
	struct cred *s, *c;

	if (!sender)
		return true;
	s = sender->cred;
	c = p->cred;
	return s->euid == 0 || s->euid == c->suid || s->euid == c->uid ||
	       s->uid == c->suid || s->uid == c->uid;
}

/* Send sig to p's thread group (Linux: group_send_sig_info). sig 0 only
 * checks existence and permission. */
int
group_send_sig_info(struct task_struct *p, int sig, struct task_struct *sender)
{
	if (!kill_ok_by_cred(p, sender))
		return -EPERM;
	if (!sig)
		return 0;
	return send_signal(p, sig, true);
}

/* Tell the parent that t died (Linux: do_notify_parent). Returns true when
 * the parent does not want a zombie: it ignores SIGCHLD or set
 * SA_NOCLDWAIT, so t is to be released at once. */
int
do_notify_parent(struct task_struct *t, int sig)
{
	struct task_struct *parent = t->parent;
	struct k_sigaction *psig = &parent->sighand->action[SIGCHLD - 1];
	bool autoreap = false;

	if (sig == SIGCHLD && (psig->handler == SIG_IGN || (psig->flags & SA_NOCLDWAIT))) {
		autoreap = true;
		if (psig->handler == SIG_IGN)
			sig = 0;
	}
	if (sig > 0 && sig <= _NSIG)
		send_signal(parent, sig, true);
	wake_up(&parent->signal->wait_chldexit);
	return autoreap;
}

/* A synchronous fault (Linux: force_sig_fault). The signal cannot be
 * blocked or ignored: Linux resets it to default so the task dies. Until
 * handler frames exist (the signal issue), a fault always kills. */
void
force_sig_fault(struct task_struct *t, int sig, int code, uint64_t addr)
{
	(void)code;
	(void)addr;
	do_group_exit(t, sig);
}

/* Dequeue the lowest pending unblocked signal, or 0. */
static int
dequeue_signal(struct task_struct *t)
{
	sigset_t_ ready = (t->pending.signal | t->signal->shared_pending.signal) &
			  ~t->blocked;
	int sig;

	if (!ready)
		return 0;
	sig = __builtin_ctzll(ready) + 1;
	t->pending.signal &= ~sigmask(sig);
	t->signal->shared_pending.signal &= ~sigmask(sig);
	return sig;
}

/* On the way back to user mode: act on pending signals (Linux: get_signal).
 * Ignored signals are dropped; fatal defaults end the thread group. */
void
do_signal(struct task_struct *t)
{
	int sig;

	while ((sig = dequeue_signal(t))) {
		uint64_t handler = t->sighand->action[sig - 1].handler;

		if (handler == SIG_IGN)
			continue;
		if (handler != SIG_DFL)
			continue;	/* handler frames: the signal issue */
		if (SIG_KERNEL_IGNORE_MASK & sigmask(sig))
			continue;
		if (SIG_KERNEL_STOP_MASK & sigmask(sig))
			continue;	/* group stop: the signal issue */
		do_group_exit(t, sig);
		return;
	}
}

SYSCALL_DEFINE4(rt_sigaction, int, sig, uaddr_t, act, uaddr_t, oact,
		size_t, sigsetsize)
{
	struct k_sigaction new, *k;

	if (sigsetsize != sizeof(sigset_t_))
		return -EINVAL;
	if (sig < 1 || !valid_signal(sig))
		return -EINVAL;
	k = &current->sighand->action[sig - 1];
	if (act) {
		if (copy_from_user(current->mm, &new, act, sizeof(new)))
			return -EFAULT;
		if (SIG_KERNEL_ONLY_MASK & sigmask(sig))
			return -EINVAL;
	}
	if (oact && copy_to_user(current->mm, oact, k, sizeof(*k)))
		return -EFAULT;
	if (act) {
		new.mask &= ~SIG_KERNEL_ONLY_MASK;
		*k = new;
	}
	return 0;
}

SYSCALL_DEFINE4(rt_sigprocmask, int, how, uaddr_t, nset, uaddr_t, oset,
		size_t, sigsetsize)
{
	sigset_t_ old = current->blocked, set;

	if (sigsetsize != sizeof(sigset_t_))
		return -EINVAL;
	if (nset) {
		if (copy_from_user(current->mm, &set, nset, sizeof(set)))
			return -EFAULT;
		set &= ~SIG_KERNEL_ONLY_MASK;
		switch (how) {
		case SIG_BLOCK: current->blocked |= set; break;
		case SIG_UNBLOCK: current->blocked &= ~set; break;
		case SIG_SETMASK: current->blocked = set; break;
		default: return -EINVAL;
		}
	}
	if (oset && copy_to_user(current->mm, oset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* Signal every process of a group (Linux: __kill_pgrp_info): ESRCH if the
 * group is empty, else success if any was signalled, else the error. */
static long
kill_pgrp_info(struct task_struct *t, int sig, pid_t pgrp)
{
	struct pid *pid = find_pid(t->kernel, pgrp);
	struct task_struct *p;
	long ret = -ESRCH;
	bool ok = false;

	if (!pid)
		return -ESRCH;
	for_each_pid_task(p, pid, PIDTYPE_PGID) {
		long err = group_send_sig_info(p, sig, t);

		ok |= !err;
		ret = err;
	}
	return ok ? 0 : ret;
}

/* kill(2)'s targets (Linux: kill_something_info): one process, the
 * caller's group, every process but init and the caller, or a group. */
static long
kill_something_info(struct task_struct *t, int sig, pid_t pid)
{
	struct kernel *k = t->kernel;
	struct task_struct *p;
	int count = 0, ret = 0;

	if (pid > 0) {
		p = find_task_by_vpid(k, pid);
		if (!p || p->exit_state == EXIT_DEAD || !thread_group_leader(p))
			return -ESRCH;
		return group_send_sig_info(p, sig, t);
	}
	if (pid != -1)
		return kill_pgrp_info(t, sig, pid ? -pid : t->signal->pgrp);
	/* -1: every process we may signal but init and ourselves (Linux walks
	 * all tasks here too). */
	for_each_process(k, p) {
		int err;

		if (!thread_group_leader(p) || p->exit_state ||
		    p == k->child_reaper || p == t)
			continue;
		err = group_send_sig_info(p, sig, t);
		count++;
		if (err != -EPERM)
			ret = err;
	}
	return count ? ret : -ESRCH;
}

SYSCALL_DEFINE2(kill, pid_t, pid, int, sig)
{
	if (!valid_signal(sig))
		return -EINVAL;
	if (pid == INT32_MIN)
		return -ESRCH;
	return kill_something_info(current, sig, pid);
}

/* Linux: do_tkill. */
static long
do_tkill(struct task_struct *t, pid_t tgid, pid_t pid, int sig)
{
	struct task_struct *p = find_task_by_vpid(t->kernel, pid);

	if (!p || p->exit_state || (tgid > 0 && p->tgid != tgid))
		return -ESRCH;
	if (!kill_ok_by_cred(p, t))
		return -EPERM;
	if (!sig)
		return 0;
	return send_signal(p, sig, false);
}

SYSCALL_DEFINE2(tkill, pid_t, pid, int, sig)
{
	if (pid <= 0)
		return -EINVAL;
	if (!valid_signal(sig))
		return -EINVAL;
	return do_tkill(current, 0, pid, sig);
}

SYSCALL_DEFINE3(tgkill, pid_t, tgid, pid_t, pid, int, sig)
{
	if (pid <= 0 || tgid <= 0)
		return -EINVAL;
	if (!valid_signal(sig))
		return -EINVAL;
	return do_tkill(current, tgid, pid, sig);
}

SYSCALL_DEFINE2(rt_sigpending, uaddr_t, uset, size_t, sigsetsize)
{
	sigset_t_ pending = (current->pending.signal |
			     current->signal->shared_pending.signal) & current->blocked;

	if (sigsetsize > sizeof(sigset_t_))
		return -EINVAL;
	return copy_to_user(current->mm, uset, &pending, sigsetsize) ? -EFAULT : 0;
}

/* Take the lowest pending signal of `mask`, blocked or not (Linux:
 * dequeue_signal for sigtimedwait). */
static int
dequeue_signal_from(struct task_struct *t, sigset_t_ mask)
{
	sigset_t_ ready = (t->pending.signal | t->signal->shared_pending.signal) & mask;
	int sig;

	if (!ready)
		return 0;
	sig = __builtin_ctzll(ready) + 1;
	t->pending.signal &= ~sigmask(sig);
	t->signal->shared_pending.signal &= ~sigmask(sig);
	return sig;
}

/* Linux: do_sigtimedwait. While asleep the awaited signals are unblocked
 * (real_blocked keeps the mask to restore), so their arrival wakes the task;
 * sig_ignored looks at real_blocked too, so none is discarded meanwhile.
 * The per-signal siginfo (sender, code) comes with the signal issue's
 * queues: si_code is SI_USER and si_pid 0 for now. */
SYSCALL_DEFINE4(rt_sigtimedwait, uaddr_t, uthese, uaddr_t, uinfo, uaddr_t, uts,
		size_t, sigsetsize)
{
	struct task_struct *t = current;
	struct kernel_timespec ts = { 0, 0 };
	sigset_t_ these;
	int sig;

	if (sigsetsize != sizeof(sigset_t_))
		return -EINVAL;
	if (copy_from_user(t->mm, &these, uthese, sizeof(these)))
		return -EFAULT;
	these &= ~SIG_KERNEL_ONLY_MASK;
	if (uts && copy_from_user(t->mm, &ts, uts, sizeof(ts)))
		return -EFAULT;
	if (uts && (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000))
		return -EINVAL;
	if (t->sleep_restart) {
		t->blocked = t->real_blocked;
		t->real_blocked = 0;
	}
	sig = dequeue_signal_from(t, these);
	if (sig) {
		int32_t info[32] = { sig, 0, 0 /* SI_USER */ };

		if (uinfo && copy_to_user(t->mm, uinfo, info, sizeof(info)))
			return -EFAULT;
		return sig;
	}
	if (uts && !t->sleep_restart)
		t->syscall_progress = t->kernel->time_ns +
				      (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
	if (uts && t->kernel->time_ns >= t->syscall_progress)
		return -EAGAIN;
	if (signal_pending(t))
		return -EINTR;
	t->real_blocked = t->blocked;
	t->blocked &= ~these;
	if (uts)
		return schedule_timeout_until(t, t->syscall_progress);
	t->__state = TASK_INTERRUPTIBLE;
	return -ESLEEP;
}

#define SS_ONSTACK	1
#define SS_DISABLE	2
#define SS_AUTODISARM	(1U << 31)
#define MINSIGSTKSZ	2048	/* riscv64 */

/* The guest's stack_t: ss_sp, ss_flags (int, padded), ss_size. */
struct stack_t_ {
	uint64_t ss_sp;
	int32_t ss_flags, pad;
	uint64_t ss_size;
};

static bool
on_sig_stack(struct task_struct *t)
{
	uint64_t sp = t->regs.x[REG_SP];

	return t->sas_ss_size && sp > t->sas_ss_sp && sp - t->sas_ss_sp <= t->sas_ss_size;
}

/* Linux: do_sigaltstack. Delivery on the alternate stack comes with handler
 * frames (the signal issue); the checks and the state are Linux's already. */
SYSCALL_DEFINE2(sigaltstack, uaddr_t, uss, uaddr_t, uoss)
{
	struct task_struct *t = current;
	struct stack_t_ ss, oss = {
		.ss_sp = t->sas_ss_sp, .ss_size = t->sas_ss_size,
		.ss_flags = (int32_t)(t->sas_ss_flags |
			    (!t->sas_ss_size ? SS_DISABLE : on_sig_stack(t) ? SS_ONSTACK : 0)),
	};

	if (uss) {
		unsigned int mode;

		if (copy_from_user(t->mm, &ss, uss, sizeof(ss)))
			return -EFAULT;
		if (on_sig_stack(t))
			return -EPERM;
		mode = (unsigned int)ss.ss_flags & ~SS_AUTODISARM;
		if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
			return -EINVAL;
		if (mode == SS_DISABLE) {
			ss.ss_size = 0;
			ss.ss_sp = 0;
		} else if (ss.ss_size < MINSIGSTKSZ) {
			return -ENOMEM;
		}
		t->sas_ss_sp = ss.ss_sp;
		t->sas_ss_size = ss.ss_size;
		t->sas_ss_flags = (unsigned int)ss.ss_flags & SS_AUTODISARM;
	}
	if (uoss && copy_to_user(t->mm, uoss, &oss, sizeof(oss)))
		return -EFAULT;
	return 0;
}
