/* Signals (Linux: kernel/signal.c). This file holds the foundation's part:
 * dispositions and masks are stored, signals are queued and checked on the
 * way back to user mode, and default actions that terminate are carried
 * out. Handler frames, stop/continue and restart are the signal issue's. */
#include <stdlib.h>
#include <string.h>

#include "kernel/exit.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
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

	if (sig)
		sig->nr_threads = 1;
	return sig;
}

/* Would delivery do nothing? (Linux: sig_ignored/sig_task_ignored) */
static bool
sig_ignored(struct task_struct *t, int sig)
{
	uint64_t handler = t->sighand->action[sig - 1].handler;

	if (t->blocked & sigmask(sig))
		return false;
	return handler == SIG_IGN ||
	       (handler == SIG_DFL && (SIG_KERNEL_IGNORE_MASK & sigmask(sig)));
}

/* Queue sig for t: on the thread group's shared set, or the thread's own
 * (Linux: __send_signal_locked). Standard signals coalesce. */
int
send_signal(struct task_struct *t, int sig, bool group)
{
	if (sig_ignored(t, sig))
		return 0;
	if (group)
		t->signal->shared_pending.signal |= sigmask(sig);
	else
		t->pending.signal |= sigmask(sig);
	return 0;
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

/* Until the process tree exists, the only task a signal can reach is the
 * caller itself (kill(0) and kill(own pid) and tgkill to itself). */
static long
kill_self(struct task_struct *t, int sig, bool group)
{
	if (!valid_signal(sig))
		return -EINVAL;
	if (sig == 0)
		return 0;
	return send_signal(t, sig, group);
}

SYSCALL_DEFINE2(kill, pid_t, pid, int, sig)
{
	if (pid == current->tgid || pid == 0 || pid == -current->tgid)
		return kill_self(current, sig, true);
	return valid_signal(sig) ? -ESRCH : -EINVAL;
}

SYSCALL_DEFINE2(tkill, pid_t, pid, int, sig)
{
	if (pid <= 0)
		return -EINVAL;
	if (pid != current->pid)
		return valid_signal(sig) ? -ESRCH : -EINVAL;
	return kill_self(current, sig, false);
}

SYSCALL_DEFINE3(tgkill, pid_t, tgid, pid_t, pid, int, sig)
{
	if (pid <= 0 || tgid <= 0)
		return -EINVAL;
	if (pid != current->pid || tgid != current->tgid)
		return valid_signal(sig) ? -ESRCH : -EINVAL;
	return kill_self(current, sig, false);
}
