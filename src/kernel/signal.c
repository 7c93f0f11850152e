/* Signals (Linux: kernel/signal.c): generation (send_signal and its
 * queue of siginfo records), job-control stop and continue, the choice of
 * what to deliver on the way back to user mode (get_signal), and the signal
 * system calls. The handler frame itself is the architecture's
 * (arch/riscv64/signal.c). */
#include <stdlib.h>
#include <string.h>

#include "kernel/exit.h"
#include "kernel/kernel.h"
#include <uapi/time_types.h>
#include "kernel/sched.h"
#include "kernel/sched/sched.h"
#include "kernel/syscalls.h"
#include "kernel/time/timers.h"
#include "kernel/wait.h"
#include "fs/fs.h"
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
/* Faults are taken before other pending signals (Linux: next_signal). */
#define SYNCHRONOUS_MASK	(sigmask(SIGSEGV) | sigmask(SIGBUS) | sigmask(SIGILL) | \
				 sigmask(SIGTRAP) | sigmask(SIGFPE) | sigmask(SIGSYS))
/* The sa_flags a handler keeps (Linux: UAPI_SA_FLAGS; riscv64 adds none). */
#define SA_EXPOSE_TAGBITS	0x00000800
#define UAPI_SA_FLAGS		(SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | SA_ONSTACK | \
				 SA_RESTART | SA_NODEFER | SA_RESETHAND | SA_EXPOSE_TAGBITS)

static bool
valid_signal(unsigned long sig)
{
	return sig <= _NSIG;
}

bool
sig_kernel_stop(int sig)
{
	return SIG_KERNEL_STOP_MASK & sigmask(sig);
}

static bool
sig_kernel_ignore(int sig)
{
	return SIG_KERNEL_IGNORE_MASK & sigmask(sig);
}

/* Guest clock ticks (USER_HZ = 100) for siginfo's si_utime/si_stime. */
uint64_t
nsec_to_clock_t(uint64_t ns)
{
	return ns / 10000000ULL;
}

void
init_sigpending(struct sigpending *p)
{
	INIT_LIST_HEAD(&p->list);
	p->signal = 0;
}

struct sighand_struct *
alloc_sighand(void)
{
	struct sighand_struct *sh = calloc(1, sizeof(*sh));

	if (!sh)
		return NULL;
	sh->count = 1;
	init_waitqueue_head(&sh->signalfd_wqh);
	return sh;
}

struct signal_struct *
alloc_signal(void)
{
	struct signal_struct *sig = calloc(1, sizeof(*sig));

	if (!sig)
		return NULL;
	sig->nr_threads = 1;
	sig->live = 1;
	init_waitqueue_head(&sig->wait_chldexit);
	init_sigpending(&sig->shared_pending);
	hrtimer_init(&sig->real_timer, it_real_fn);
	INIT_LIST_HEAD(&sig->posix_timers);
	return sig;
}

/* --- accounting per user --------------------------------------------------- */

/* The accounting record of uid, made on first use (Linux: alloc_uid). The
 * few users a guest has live until shutdown. */
struct user_struct *
find_user(struct kernel *k, uid_t uid)
{
	struct user_struct *u;

	for (u = k->users; u; u = u->next)
		if (u->uid == uid)
			return u;
	u = calloc(1, sizeof(*u));
	if (!u)
		return NULL;
	u->uid = uid;
	u->next = k->users;
	k->users = u;
	return u;
}

void
free_uids(struct kernel *k)
{
	while (k->users) {
		struct user_struct *u = k->users;

		k->users = u->next;
		free(u);
	}
}

/* --- the queue ------------------------------------------------------------- */

/* A queue entry charged to t's user (Linux: __sigqueue_alloc). Past
 * RLIMIT_SIGPENDING only override_rlimit (standard signals, the kernel's
 * own) gets one. */
static struct sigqueue *
sigqueue_alloc(struct task_struct *t, bool override_rlimit)
{
	struct user_struct *u = find_user(t->kernel, t->cred->uid);
	struct sigqueue *q;

	if (!u)
		return NULL;
	if (!override_rlimit &&
	    (uint64_t)u->sigpending >= t->signal->rlim[RLIMIT_SIGPENDING].rlim_cur)
		return NULL;
	q = malloc(sizeof(*q));
	if (!q)
		return NULL;
	INIT_LIST_HEAD(&q->list);
	q->flags = 0;
	q->timer = NULL;
	q->user = u;
	u->sigpending++;
	return q;
}

static void
__sigqueue_free(struct sigqueue *q)
{
	if (q->flags & SIGQUEUE_PREALLOC)
		return;		/* the timer owns it */
	q->user->sigpending--;
	free(q);
}

/* A timer's own entry, charged like any queued signal (Linux:
 * sigqueue_alloc). */
struct sigqueue *
sigqueue_alloc_prealloc(struct task_struct *t)
{
	struct sigqueue *q = sigqueue_alloc(t, false);

	if (q)
		q->flags |= SIGQUEUE_PREALLOC;
	return q;
}

/* The timer is deleted (Linux: sigqueue_free): a still pending entry
 * stays queued and is freed when dequeued, like any other. */
void
sigqueue_free(struct sigqueue *q)
{
	q->flags &= ~SIGQUEUE_PREALLOC;
	q->timer = NULL;
	if (list_empty(&q->list))
		__sigqueue_free(q);
	else
		q->flags |= SIGQUEUE_TIMER_GONE;
}

/* Drop every queued signal (Linux: flush_sigqueue). */
void
flush_sigqueue(struct kernel *k, struct sigpending *p)
{
	(void)k;
	p->signal = 0;
	while (!list_empty(&p->list)) {
		struct sigqueue *q = list_first_entry(&p->list, struct sigqueue, list);

		list_del_init(&q->list);
		__sigqueue_free(q);
	}
}

/* Remove the signals of mask from a pending set (Linux: flush_sigqueue_mask). */
static void
flush_sigqueue_mask(sigset_t_ mask, struct sigpending *p)
{
	struct sigqueue *q, *n;

	if (!(p->signal & mask))
		return;
	p->signal &= ~mask;
	list_for_each_entry_safe(q, n, &p->list, list) {
		if (mask & sigmask(q->info.si_signo)) {
			list_del_init(&q->list);
			__sigqueue_free(q);
		}
	}
}

/* --- sending --------------------------------------------------------------- */

/* Would delivery do nothing? (Linux: sig_ignored/sig_task_ignored) */
static bool
sig_ignored(struct task_struct *t, int sig, bool force)
{
	uint64_t handler = t->sighand->action[sig - 1].handler;

	if ((t->blocked | t->real_blocked) & sigmask(sig))
		return false;
	/* init gets only the signals it has handlers for (Linux:
	 * SIGNAL_UNKILLABLE); a forced fault clears the flag first. */
	if ((t->signal->flags & SIGNAL_UNKILLABLE) && handler == SIG_DFL &&
	    !(force && (SIG_KERNEL_ONLY_MASK & sigmask(sig))))
		return true;
	return handler == SIG_IGN ||
	       (handler == SIG_DFL && sig_kernel_ignore(sig));
}

/* Wake t so it sees a new signal (Linux: signal_wake_up): an interruptible
 * sleep ends for any signal; a killable sleep and a stop only for a fatal
 * one. */
static void
signal_wake_up(struct task_struct *t, bool fatal)
{
	try_to_wake_up(t, TASK_INTERRUPTIBLE | (fatal ? TASK_WAKEKILL : 0));
}

/* Stop signals cancel a pending SIGCONT; SIGCONT cancels pending stops and
 * resumes a stopped group, noting it for the parent. Then: is sig to be
 * queued at all? (Linux: prepare_signal) */
static bool
prepare_signal(int sig, struct task_struct *p, bool force)
{
	struct signal_struct *signal = p->signal;

	if (signal->flags & SIGNAL_GROUP_EXIT)
		return false;	/* dying already */
	if (sig_kernel_stop(sig)) {
		flush_sigqueue_mask(sigmask(SIGCONT), &signal->shared_pending);
		flush_sigqueue_mask(sigmask(SIGCONT), &p->pending);
	} else if (sig == SIGCONT) {
		unsigned int why = 0;

		flush_sigqueue_mask(SIG_KERNEL_STOP_MASK, &signal->shared_pending);
		flush_sigqueue_mask(SIG_KERNEL_STOP_MASK, &p->pending);
		try_to_wake_up(p, __TASK_STOPPED);
		if (signal->flags & SIGNAL_STOP_STOPPED)
			why = SIGNAL_CLD_CONTINUED;
		else if (signal->group_stop_count)
			why = SIGNAL_CLD_STOPPED;
		if (why) {
			/* The continued task tells its parent (get_signal). */
			signal_set_stop_flags(signal, why | SIGNAL_STOP_CONTINUED);
			signal->group_stop_count = 0;
			signal->group_exit_code = 0;
			signal_wake_up(p, false);
		}
	}
	return !sig_ignored(p, sig, force);
}

static bool
sig_fatal(struct task_struct *t, int sig)
{
	return !(sigmask(sig) & (SIG_KERNEL_IGNORE_MASK | SIG_KERNEL_STOP_MASK)) &&
	       t->sighand->action[sig - 1].handler == SIG_DFL;
}

/* Does t need waking for sig? (Linux: wants_signal) A stopped task waits
 * for SIGCONT or SIGKILL. */
static bool
wants_signal(int sig, struct task_struct *p)
{
	if ((p->blocked & sigmask(sig)) || (p->flags & PF_EXITING))
		return false;
	if (sig == SIGKILL)
		return true;
	return !(p->__state & __TASK_STOPPED);
}

/* Wake the task that will take the signal; a fatal one kills the whole
 * group at once, even out of a killable sleep (Linux: complete_signal). */
static void
complete_signal(int sig, struct task_struct *p)
{
	struct signal_struct *signal = p->signal;

	if (!wants_signal(sig, p))
		return;
	if (sig_fatal(p, sig) && !(signal->flags & SIGNAL_GROUP_EXIT) &&
	    !(p->real_blocked & sigmask(sig)) && !(SIG_KERNEL_COREDUMP_MASK & sigmask(sig))) {
		signal->flags = SIGNAL_GROUP_EXIT;
		signal->group_exit_code = sig;
		signal->group_stop_count = 0;
		p->pending.signal |= sigmask(SIGKILL);
		signal_wake_up(p, true);
		return;
	}
	signal_wake_up(p, sig == SIGKILL);
}

/* Tell signalfd readers of t's signals (Linux: signalfd_notify). */
static void
signalfd_notify(struct task_struct *t)
{
	if (waitqueue_active(&t->sighand->signalfd_wqh))
		wake_up(&t->sighand->signalfd_wqh);
}

/* Queue sig with its information, on the thread group's shared set or the
 * thread's own (Linux: __send_signal_locked). Standard signals coalesce;
 * real-time ones queue. Past RLIMIT_SIGPENDING a real-time signal from
 * sigqueue fails with EAGAIN, others are pending without their info. */
static int
__send_signal(int sig, const kernel_siginfo_t *info, struct task_struct *t,
	      bool group, bool force)
{
	struct sigpending *pending;
	struct sigqueue *q;

	if (t->exit_state || (t->flags & PF_EXITING))
		return 0;
	if (!prepare_signal(sig, t, force))
		return 0;
	pending = group ? &t->signal->shared_pending : &t->pending;
	if (sig < SIGRTMIN && (pending->signal & sigmask(sig)))
		return 0;	/* legacy_queue: already pending */
	if (sig == SIGKILL)
		goto out_set;	/* never needs its info */
	q = sigqueue_alloc(t, sig < SIGRTMIN && info->si_code >= 0);
	if (q) {
		q->info = *info;
		list_add_tail(&q->list, &pending->list);
	} else if (sig >= SIGRTMIN && info->si_code != SI_USER) {
		return -EAGAIN;
	}
out_set:
	signalfd_notify(t);
	pending->signal |= sigmask(sig);
	complete_signal(sig, t);
	return 0;
}

int
send_signal_info(struct task_struct *t, int sig, const kernel_siginfo_t *info, bool group)
{
	return __send_signal(sig, info, t, group, false);
}

/* siginfo of a signal from sender's kill(2) or raise (SI_USER / SI_TKILL),
 * or from the kernel itself (sender NULL: SI_KERNEL). */
static void
info_from(kernel_siginfo_t *info, int sig, int code, struct task_struct *sender)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = sender ? code : SI_KERNEL;
	if (sender) {
		info->_rt.pid = sender->tgid;
		info->_rt.uid = sender->cred->uid;
	}
}

int
send_signal(struct task_struct *t, int sig, bool group)
{
	kernel_siginfo_t info;

	info_from(&info, sig, SI_KERNEL, NULL);
	return __send_signal(sig, &info, t, group, false);
}

/* A signal the kernel raises on current's behalf, e.g. SIGPIPE (Linux:
 * send_sig with SEND_SIG_NOINFO: SI_USER from the caller). */
void
send_sig(int sig, struct task_struct *p)
{
	kernel_siginfo_t info;

	info_from(&info, sig, SI_USER, p);
	__send_signal(sig, &info, p, false, false);
}

/* A timer's preallocated entry (Linux: send_sigqueue). Returns 1 when the
 * signal is still pending from the last expiry (an overrun), 0 when queued
 * now, -1 when ignored. */
int
send_sigqueue(struct sigqueue *q, struct task_struct *t, bool group)
{
	int sig = q->info.si_signo;
	struct sigpending *pending;

	if (t->exit_state || (t->flags & PF_EXITING) || !prepare_signal(sig, t, false))
		return -1;
	if (!list_empty(&q->list)) {
		q->info._timer.overrun++;
		return 1;
	}
	pending = group ? &t->signal->shared_pending : &t->pending;
	list_add_tail(&q->list, &pending->list);
	signalfd_notify(t);
	pending->signal |= sigmask(sig);
	complete_signal(sig, t);
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
 * effective uid, or privilege; SIGCONT within the session.) */
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

/* Linux: check_kill_permission. The signal number is checked here, once
 * a target exists: kill() of a missing process with a bad signal is ESRCH. */
static int
check_kill_permission(int sig, struct task_struct *p, struct task_struct *sender)
{
	if (!valid_signal(sig))
		return -EINVAL;
	if (kill_ok_by_cred(p, sender))
		return 0;
	if (sig == SIGCONT && p->signal->session == sender->signal->session)
		return 0;
	return -EPERM;
}

static int
group_send_info(struct task_struct *p, int sig, const kernel_siginfo_t *info,
		struct task_struct *sender)
{
	int err = check_kill_permission(sig, p, sender);

	if (err || !sig)
		return err;
	return __send_signal(sig, info, p, true, false);
}

/* Send sig to p's thread group (Linux: group_send_sig_info). sig 0 only
 * checks existence and permission. A NULL sender is the kernel. */
int
group_send_sig_info(struct task_struct *p, int sig, struct task_struct *sender)
{
	kernel_siginfo_t info;

	info_from(&info, sig, SI_USER, sender);
	return group_send_info(p, sig, &info, sender);
}

int
group_send_sig_info_kernel(struct task_struct *p, const kernel_siginfo_t *info)
{
	return __send_signal(info->si_signo, info, p, true, false);
}

/* Tell the parent that t died (Linux: do_notify_parent). Returns true when
 * the parent does not want a zombie: it ignores SIGCHLD or set
 * SA_NOCLDWAIT, so t is to be released at once. */
int
do_notify_parent(struct task_struct *t, int sig)
{
	struct task_struct *parent = t->parent;
	struct k_sigaction *psig = &parent->sighand->action[SIGCHLD - 1];
	int status = t->exit_code;
	kernel_siginfo_t info;
	bool autoreap = false;

	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info._sigchld.pid = t->tgid;
	info._sigchld.uid = t->cred->uid;
	info._sigchld.utime = (int64_t)nsec_to_clock_t(t->utime + t->signal->cutime);
	info._sigchld.stime = (int64_t)nsec_to_clock_t(t->stime + t->signal->cstime);
	info.si_code = !(status & 0x7f) ? CLD_EXITED : (status & 0x80) ? CLD_DUMPED : CLD_KILLED;
	info._sigchld.status = (status & 0x7f) ? (status & 0x7f) : (status >> 8) & 0xff;
	if (sig == SIGCHLD && (psig->handler == SIG_IGN || (psig->flags & SA_NOCLDWAIT))) {
		autoreap = true;
		if (psig->handler == SIG_IGN)
			sig = 0;
	}
	if (sig > 0 && sig <= _NSIG)
		__send_signal(sig, &info, parent, true, false);
	wake_up(&parent->signal->wait_chldexit);
	return autoreap;
}

/* A child stopped or continued (Linux: do_notify_parent_cldstop): SIGCHLD
 * unless the parent set SA_NOCLDSTOP, and a wake-up for wait either way. */
static void
do_notify_parent_cldstop(struct task_struct *t, int why)
{
	struct task_struct *parent = t->group_leader->real_parent;
	struct k_sigaction *psig;
	kernel_siginfo_t info;

	if (!parent)
		return;
	psig = &parent->sighand->action[SIGCHLD - 1];
	memset(&info, 0, sizeof(info));
	info.si_signo = SIGCHLD;
	info.si_code = why;
	info._sigchld.pid = t->tgid;
	info._sigchld.uid = t->cred->uid;
	info._sigchld.utime = (int64_t)nsec_to_clock_t(t->utime);
	info._sigchld.stime = (int64_t)nsec_to_clock_t(t->stime);
	info._sigchld.status = why == CLD_CONTINUED ? SIGCONT :
			       t->signal->group_exit_code & 0x7f;
	if (psig->handler != SIG_IGN && !(psig->flags & SA_NOCLDSTOP))
		__send_signal(SIGCHLD, &info, parent, true, false);
	wake_up(&parent->signal->wait_chldexit);
}

/* A synchronous fault (Linux: force_sig_info_to_task). It cannot be
 * blocked or ignored: then the disposition goes back to default, so the
 * task dies of it. */
static void
force_sig_info(struct task_struct *t, kernel_siginfo_t *info, bool sig_dfl)
{
	int sig = info->si_signo;
	struct k_sigaction *ka = &t->sighand->action[sig - 1];
	bool blocked = t->blocked & sigmask(sig);

	if (blocked || ka->handler == SIG_IGN || sig_dfl) {
		ka->handler = SIG_DFL;
		if (blocked)
			t->blocked &= ~sigmask(sig);
	}
	/* Linux: force_sig_info_to_task. A fault init cannot handle kills
	 * it (on Linux, a panic; here the run ends with init's status). */
	if (ka->handler == SIG_DFL)
		t->signal->flags &= ~SIGNAL_UNKILLABLE;
	__send_signal(sig, info, t, false, true);
}

void
force_sig_fault(struct task_struct *t, int sig, int code, uint64_t addr)
{
	kernel_siginfo_t info;

	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = code;
	info._sigfault.addr = addr;
	force_sig_info(t, &info, false);
}

/* A signal frame could not be written (Linux: force_sigsegv): SIGSEGV with
 * its handler reset, so the task dies rather than loop. */
void
force_sigsegv(struct task_struct *t, int sig)
{
	kernel_siginfo_t info;

	info_from(&info, SIGSEGV, SI_KERNEL, NULL);
	force_sig_info(t, &info, sig == SIGSEGV);
}

/* --- dequeueing and delivery ----------------------------------------------- */

/* The signal to take next: a fault first, else the lowest (Linux: next_signal). */
static int
next_signal(struct sigpending *pending, sigset_t_ mask)
{
	sigset_t_ x = pending->signal & ~mask;

	if (!x)
		return 0;
	if (x & SYNCHRONOUS_MASK)
		x &= SYNCHRONOUS_MASK;
	return __builtin_ctzll(x) + 1;
}

/* Take sig's first queue entry; the bit stays while more are queued
 * (Linux: collect_signal). A signal queued without its info (over the
 * limit, or SIGKILL) reads as SI_USER from pid 0. Returns false for the
 * signal of a deleted timer, which is dropped (Linux 6.13+:
 * posixtimer_deliver_signal). */
static bool
collect_signal(int sig, struct sigpending *list, kernel_siginfo_t *info)
{
	struct sigqueue *q, *first = NULL;
	bool more = false;

	list_for_each_entry(q, &list->list, list) {
		if (q->info.si_signo != sig)
			continue;
		if (first) {
			more = true;
			break;
		}
		first = q;
	}
	if (!more)
		list->signal &= ~sigmask(sig);
	if (!first) {
		memset(info, 0, sizeof(*info));
		info->si_signo = sig;
		info->si_code = SI_USER;
		return true;
	}
	list_del_init(&first->list);
	*info = first->info;
	if (first->timer)
		posixtimer_rearm(first->timer, info);
	if (first->flags & SIGQUEUE_TIMER_GONE) {
		__sigqueue_free(first);
		return false;
	}
	__sigqueue_free(first);
	return true;
}

/* The next pending signal outside mask, the thread's own first (Linux:
 * dequeue_signal). Returns 0 when none. */
int
dequeue_signal(struct task_struct *t, sigset_t_ mask, kernel_siginfo_t *info)
{
	struct sigpending *pending;
	int sig;

again:
	pending = &t->pending;
	sig = next_signal(pending, mask);
	if (!sig) {
		pending = &t->signal->shared_pending;
		sig = next_signal(pending, mask);
	}
	if (!sig)
		return 0;
	if (!collect_signal(sig, pending, info))
		goto again;
	if (sig == SIGALRM)
		it_real_rearm(t);
	return sig;
}

/* Would the group's process group be orphaned once ignored is gone? No
 * member has a parent in another group of the same session (Linux:
 * will_become_orphaned_pgrp). */
static bool
will_become_orphaned_pgrp(struct kernel *k, pid_t pgrp, struct task_struct *ignored)
{
	struct pid *pid = find_pid(k, pgrp);
	struct task_struct *p;

	if (!pid)
		return true;
	for_each_pid_task(p, pid, PIDTYPE_PGID) {
		struct task_struct *rp = p->real_parent;

		if (p == ignored || p->exit_state || !rp || rp == k->child_reaper)
			continue;
		if (rp->signal->pgrp != pgrp && rp->signal->session == p->signal->session)
			return false;
	}
	return true;
}

static bool
has_stopped_jobs(struct kernel *k, pid_t pgrp)
{
	struct pid *pid = find_pid(k, pgrp);
	struct task_struct *p;

	if (pid)
		for_each_pid_task(p, pid, PIDTYPE_PGID)
			if (p->signal->flags & SIGNAL_STOP_STOPPED)
				return true;
	return false;
}

/* A process group just orphaned with stopped members gets SIGHUP and
 * SIGCONT, so nothing stays stopped with no one to continue it (Linux:
 * kill_orphaned_pgrp). parent NULL: t is exiting; else t's parent is. */
void
kill_orphaned_pgrp(struct task_struct *t, struct task_struct *parent)
{
	struct kernel *k = t->kernel;
	pid_t pgrp = t->signal->pgrp;
	struct task_struct *ignored = t;

	if (!parent)
		parent = t->real_parent;
	else
		ignored = NULL;
	if (!parent || parent->signal->pgrp == pgrp ||
	    parent->signal->session != t->signal->session)
		return;
	if (will_become_orphaned_pgrp(k, pgrp, ignored) && has_stopped_jobs(k, pgrp)) {
		kill_pgrp_priv(k, pgrp, SIGHUP);
		kill_pgrp_priv(k, pgrp, SIGCONT);
	}
}

/* Stop the thread group (Linux: do_signal_stop). One thread per group so
 * far: the stop is complete at once and the parent hears of it. */
static bool
do_signal_stop(struct task_struct *t, int signr)
{
	struct signal_struct *signal = t->signal;

	signal->group_exit_code = signr;
	signal->group_stop_count = 0;
	signal_set_stop_flags(signal, SIGNAL_STOP_STOPPED);
	t->__state = TASK_STOPPED;
	do_notify_parent_cldstop(t, CLD_STOPPED);
	return true;
}

/* The exit status of a fatal default action: the signal, with the core
 * flag when RLIMIT_CORE allows a dump (taskbox writes no core file). */
static int
fatal_exit_code(struct task_struct *t, int sig)
{
	if ((SIG_KERNEL_COREDUMP_MASK & sigmask(sig)) &&
	    t->signal->rlim[RLIMIT_CORE].rlim_cur > 0)
		return sig | 0x80;
	return sig;
}

/* What to do on the way back to user mode (Linux: get_signal): tell the
 * parent of a stop or continue, drop ignored signals, stop for stop
 * signals, die of fatal ones; return true with a signal for a handler.
 * After a stop t is no longer runnable: this runs again when it is. */
bool
get_signal(struct task_struct *t, struct ksignal *ksig)
{
	struct signal_struct *signal = t->signal;

	if (signal->flags & SIGNAL_CLD_MASK) {
		int why = (signal->flags & SIGNAL_CLD_CONTINUED) ? CLD_CONTINUED : CLD_STOPPED;

		signal->flags &= ~SIGNAL_CLD_MASK;
		do_notify_parent_cldstop(t, why);
	}
	for (;;) {
		struct k_sigaction *ka;
		int sig;

		if (signal->flags & SIGNAL_GROUP_EXIT) {
			do_group_exit(t, signal->group_exit_code);
			return false;
		}
		sig = dequeue_signal(t, t->blocked, &ksig->info);
		if (!sig)
			return false;
		ka = &t->sighand->action[sig - 1];
		if (ka->handler == SIG_IGN)
			continue;
		if (ka->handler != SIG_DFL) {
			ksig->ka = *ka;
			ksig->sig = sig;
			if (ka->flags & SA_RESETHAND)
				ka->handler = SIG_DFL;
			return true;
		}
		if (sig_kernel_ignore(sig))
			continue;
		if ((signal->flags & SIGNAL_UNKILLABLE) && sig != SIGKILL)
			continue;
		if (sig_kernel_stop(sig)) {
			if (sig != SIGSTOP &&
			    will_become_orphaned_pgrp(t->kernel, signal->pgrp, NULL))
				continue;	/* is_current_pgrp_orphaned */
			if (do_signal_stop(t, sig))
				return false;
			continue;
		}
		do_group_exit(t, fatal_exit_code(t, sig));
		return false;
	}
}

void
set_current_blocked(struct task_struct *t, sigset_t_ set)
{
	t->blocked = set & ~SIG_KERNEL_ONLY_MASK;
}

void
restore_saved_sigmask(struct task_struct *t)
{
	if (!t->restore_sigmask)
		return;
	t->restore_sigmask = false;
	set_current_blocked(t, t->saved_sigmask);
}

/* ppoll/pselect6's temporary mask (Linux: set_user_sigmask), set once
 * even when the call sleeps and runs again. */
long
set_user_sigmask(struct task_struct *t, uaddr_t umask, size_t sigsetsize)
{
	sigset_t_ set;

	if (!umask || t->sleep_restart)
		return 0;
	if (sigsetsize != sizeof(sigset_t_))
		return -EINVAL;
	if (copy_from_user(t->mm, &set, umask, sizeof(set)))
		return -EFAULT;
	t->saved_sigmask = t->blocked;
	t->restore_sigmask = true;
	set_current_blocked(t, set);
	return 0;
}

/* After the call (Linux: restore_saved_sigmask_unless): interrupted, the
 * temporary mask stays until the handler's frame is written; asleep, it
 * stays for the re-run; otherwise the old one is back now. */
void
restore_saved_sigmask_unless(struct task_struct *t, long ret)
{
	if (ret == -ERESTARTNOHAND || ret == -ESLEEP)
		return;
	restore_saved_sigmask(t);
}

/* A handler frame was written, or could not be (Linux:
 * signal_setup_done/signal_delivered): block sa_mask and, unless
 * SA_NODEFER, the signal itself; disarm an SS_AUTODISARM stack. */
void
signal_setup_done(struct task_struct *t, bool failed, struct ksignal *ksig, bool stepping)
{
	(void)stepping;
	if (failed) {
		force_sigsegv(t, ksig->sig);
		return;
	}
	t->restore_sigmask = false;
	t->blocked |= ksig->ka.mask;
	if (!(ksig->ka.flags & SA_NODEFER))
		t->blocked |= sigmask(ksig->sig);
	set_current_blocked(t, t->blocked);
	if (t->sas_ss_flags & SS_AUTODISARM) {
		t->sas_ss_sp = 0;
		t->sas_ss_size = 0;
		t->sas_ss_flags = SS_DISABLE;
	}
}

/* --- system calls ---------------------------------------------------------- */

/* Linux: do_sigaction. Setting a disposition that ignores the signal
 * discards it where it is pending (POSIX 3.3.1.3). */
SYSCALL_DEFINE4(rt_sigaction, int, sig, uaddr_t, act, uaddr_t, oact,
		size_t, sigsetsize)
{
	struct task_struct *t = current;
	struct k_sigaction new, *k;

	if (sigsetsize != sizeof(sigset_t_))
		return -EINVAL;
	if (sig < 1 || !valid_signal(sig))
		return -EINVAL;
	k = &t->sighand->action[sig - 1];
	if (act) {
		if (copy_from_user(t->mm, &new, act, sizeof(new)))
			return -EFAULT;
		if (SIG_KERNEL_ONLY_MASK & sigmask(sig))
			return -EINVAL;
	}
	if (oact && copy_to_user(t->mm, oact, k, sizeof(*k)))
		return -EFAULT;
	if (act) {
		new.mask &= ~SIG_KERNEL_ONLY_MASK;
		new.flags &= UAPI_SA_FLAGS;
		*k = new;
		if (sig_ignored(t, sig, false) || (new.handler == SIG_IGN) ||
		    (new.handler == SIG_DFL && sig_kernel_ignore(sig))) {
			flush_sigqueue_mask(sigmask(sig), &t->signal->shared_pending);
			flush_sigqueue_mask(sigmask(sig), &t->pending);
		}
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
		switch (how) {
		case SIG_BLOCK: set |= current->blocked; break;
		case SIG_UNBLOCK: set = current->blocked & ~set; break;
		case SIG_SETMASK: break;
		default: return -EINVAL;
		}
		set_current_blocked(current, set);
	}
	if (oset && copy_to_user(current->mm, oset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* Signal every process of a group (Linux: __kill_pgrp_info): ESRCH if the
 * group is empty, else success if any was signalled, else the error. */
static long
kill_pgrp_info(struct kernel *k, int sig, const kernel_siginfo_t *info, pid_t pgrp,
	       struct task_struct *sender)
{
	struct pid *pid = find_pid(k, pgrp);
	struct task_struct *p;
	long ret = -ESRCH;
	bool ok = false;

	if (!pid)
		return -ESRCH;
	for_each_pid_task(p, pid, PIDTYPE_PGID) {
		long err = group_send_info(p, sig, info, sender);

		ok |= !err;
		ret = err;
	}
	return ok ? 0 : ret;
}

/* The kernel signals a process group (SIGHUP/SIGCONT to an orphaned one). */
int
kill_pgrp_priv(struct kernel *k, pid_t pgrp, int sig)
{
	kernel_siginfo_t info;

	info_from(&info, sig, SI_KERNEL, NULL);
	return (int)kill_pgrp_info(k, sig, &info, pgrp, NULL);
}

/* kill(2)'s targets (Linux: kill_something_info): one process, the
 * caller's group, every process but init and the caller, or a group. */
static long
kill_something_info(struct task_struct *t, int sig, const kernel_siginfo_t *info, pid_t pid)
{
	struct kernel *k = t->kernel;
	struct task_struct *p;
	int count = 0, ret = 0;

	if (pid > 0) {
		p = find_task_by_vpid(k, pid);
		if (!p || p->exit_state == EXIT_DEAD || !thread_group_leader(p))
			return -ESRCH;
		return group_send_info(p, sig, info, t);
	}
	if (pid != -1)
		return kill_pgrp_info(k, sig, info, pid ? -pid : t->signal->pgrp, t);
	/* -1: every process we may signal but init and ourselves (Linux walks
	 * all tasks here too). */
	for_each_process(k, p) {
		int err;

		if (!thread_group_leader(p) || p->exit_state ||
		    p == k->child_reaper || p == t)
			continue;
		err = group_send_info(p, sig, info, t);
		count++;
		if (err != -EPERM)
			ret = err;
	}
	return count ? ret : -ESRCH;
}

SYSCALL_DEFINE2(kill, pid_t, pid, int, sig)
{
	kernel_siginfo_t info;

	if (pid == INT32_MIN)
		return -ESRCH;
	info_from(&info, sig, SI_USER, current);
	return kill_something_info(current, sig, &info, pid);
}

/* Linux: do_send_specific. */
static long
do_send_specific(struct task_struct *t, pid_t tgid, pid_t pid, int sig,
		 const kernel_siginfo_t *info)
{
	struct task_struct *p = find_task_by_vpid(t->kernel, pid);
	int err;

	if (!p || p->exit_state || (tgid > 0 && p->tgid != tgid))
		return -ESRCH;
	err = check_kill_permission(sig, p, t);
	if (err || !sig)
		return err;
	err = __send_signal(sig, info, p, false, false);
	return err == -EAGAIN ? -EAGAIN : 0;
}

static long
do_tkill(struct task_struct *t, pid_t tgid, pid_t pid, int sig)
{
	kernel_siginfo_t info;

	info_from(&info, sig, SI_TKILL, t);
	return do_send_specific(t, tgid, pid, sig, &info);
}

SYSCALL_DEFINE2(tkill, pid_t, pid, int, sig)
{
	if (pid <= 0)
		return -EINVAL;
	return do_tkill(current, 0, pid, sig);
}

SYSCALL_DEFINE3(tgkill, pid_t, tgid, pid_t, pid, int, sig)
{
	if (pid <= 0 || tgid <= 0)
		return -EINVAL;
	return do_tkill(current, tgid, pid, sig);
}

/* The caller's siginfo for sigqueue: a process may not forge kernel
 * (si_code >= 0) or tkill codes towards others (Linux: copy_siginfo_from_user
 * and the check in do_rt_sigqueueinfo). */
static long
sigqueueinfo_from_user(struct task_struct *t, pid_t pid, int sig, uaddr_t uinfo,
		       kernel_siginfo_t *info)
{
	if (copy_from_user(t->mm, info, uinfo, sizeof(*info)))
		return -EFAULT;
	if ((info->si_code >= 0 || info->si_code == SI_TKILL) && t->pid != pid)
		return -EPERM;
	info->si_signo = sig;
	return 0;
}

SYSCALL_DEFINE3(rt_sigqueueinfo, pid_t, pid, int, sig, uaddr_t, uinfo)
{
	kernel_siginfo_t info;
	struct task_struct *p;
	long err;

	err = sigqueueinfo_from_user(current, pid, sig, uinfo, &info);
	if (err)
		return err;
	p = pid > 0 ? find_task_by_vpid(current->kernel, pid) : NULL;
	if (!p || p->exit_state || !thread_group_leader(p))
		return -ESRCH;
	return group_send_info(p, sig, &info, current);
}

SYSCALL_DEFINE4(rt_tgsigqueueinfo, pid_t, tgid, pid_t, pid, int, sig, uaddr_t, uinfo)
{
	kernel_siginfo_t info;
	long err;

	if (pid <= 0 || tgid <= 0)
		return -EINVAL;
	err = sigqueueinfo_from_user(current, pid, sig, uinfo, &info);
	if (err)
		return err;
	return do_send_specific(current, tgid, pid, sig, &info);
}

#define PIDFD_SIGNAL_THREAD		1
#define PIDFD_SIGNAL_THREAD_GROUP	2
#define PIDFD_SIGNAL_PROCESS_GROUP	4

/* Linux: pidfd_send_signal. The process the pidfd (or a /proc/PID
 * directory descriptor, as psmisc's killall uses) names, or its thread or
 * process group; a forged siginfo only to oneself, as rt_sigqueueinfo. */
SYSCALL_DEFINE4(pidfd_send_signal, int, pidfd, int, sig, uaddr_t, uinfo,
		unsigned int, flags)
{
	struct task_struct *t = current, *p;
	kernel_siginfo_t info;
	struct file *f;
	long err = 0;

	if (flags & ~(PIDFD_SIGNAL_THREAD | PIDFD_SIGNAL_THREAD_GROUP | PIDFD_SIGNAL_PROCESS_GROUP))
		return -EINVAL;
	if (__builtin_popcount(flags) > 1)
		return -EINVAL;
	f = fget(t, (unsigned int)pidfd);
	if (!f)
		return -EBADF;
	p = is_pidfd(f) ? pidfd_task(f) : NULL;
	if (!is_pidfd(f) && !proc_tgid_dir_task(f, &p))	/* a /proc/PID fd will do */
		err = -EBADF;
	else if (uinfo && copy_from_user(t->mm, &info, uinfo, sizeof(info)))
		err = -EFAULT;
	else if (uinfo && info.si_signo != sig)
		err = -EINVAL;
	else if (uinfo && (!p || p->tgid != t->tgid || (flags & PIDFD_SIGNAL_PROCESS_GROUP)) &&
		 (info.si_code >= 0 || info.si_code == SI_TKILL))
		err = -EPERM;
	else if (!p)
		err = -ESRCH;
	fput(f);
	if (err)
		return err;
	if (!uinfo)
		info_from(&info, sig, (flags & PIDFD_SIGNAL_THREAD) ? SI_TKILL : SI_USER, t);
	if (flags & PIDFD_SIGNAL_PROCESS_GROUP)
		return kill_pgrp_info(t->kernel, sig, &info, p->signal->pgrp, t);
	if (flags & PIDFD_SIGNAL_THREAD)
		return do_send_specific(t, 0, p->pid, sig, &info);
	return group_send_info(p, sig, &info, t);
}

SYSCALL_DEFINE2(rt_sigpending, uaddr_t, uset, size_t, sigsetsize)
{
	sigset_t_ pending = (current->pending.signal |
			     current->signal->shared_pending.signal) & current->blocked;

	if (sigsetsize > sizeof(sigset_t_))
		return -EINVAL;
	return copy_to_user(current->mm, uset, &pending, sigsetsize) ? -EFAULT : 0;
}

/* Wait with a temporary mask until a signal is delivered (Linux:
 * sigsuspend). The old mask comes back after the handler's frame is
 * written (restore_sigmask), so the handler's uc_sigmask shows it. */
SYSCALL_DEFINE2(rt_sigsuspend, uaddr_t, unewset, size_t, sigsetsize)
{
	struct task_struct *t = current;
	sigset_t_ newset;

	if (!t->sleep_restart) {
		if (sigsetsize != sizeof(sigset_t_))
			return -EINVAL;
		if (copy_from_user(t->mm, &newset, unewset, sizeof(newset)))
			return -EFAULT;
		t->saved_sigmask = t->blocked;
		t->restore_sigmask = true;
		set_current_blocked(t, newset);
	}
	if (signal_pending(t))
		return -ERESTARTNOHAND;
	t->__state = TASK_INTERRUPTIBLE;
	return -ESLEEP;
}

/* Linux: do_sigtimedwait. While asleep the awaited signals are unblocked
 * (real_blocked keeps the mask to restore), so their arrival wakes the task;
 * sig_ignored looks at real_blocked too, so none is discarded meanwhile. */
SYSCALL_DEFINE4(rt_sigtimedwait, uaddr_t, uthese, uaddr_t, uinfo, uaddr_t, uts,
		size_t, sigsetsize)
{
	struct task_struct *t = current;
	struct kernel_timespec ts = { 0, 0 };
	kernel_siginfo_t info;
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
	sig = dequeue_signal(t, ~these, &info);
	if (sig) {
		if (uinfo && copy_to_user(t->mm, uinfo, &info, sizeof(info)))
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

/* Linux: sys_restart_syscall: go on with what the restart block says. */
SYSCALL_DEFINE0(restart_syscall)
{
	struct restart_block *rb = &current->restart_block;

	return rb->fn ? rb->fn(current) : -EINTR;
}

#define MINSIGSTKSZ	2048	/* riscv64 */

/* The guest's stack_t: ss_sp, ss_flags (int, padded), ss_size. */
struct stack_t_ {
	uint64_t ss_sp;
	int32_t ss_flags, pad;
	uint64_t ss_size;
};

/* Is sp on t's alternate stack? (Linux: on_sig_stack) */
bool
on_sig_stack(struct task_struct *t, uint64_t sp)
{
	if (t->sas_ss_flags & SS_AUTODISARM)
		return false;
	return t->sas_ss_size && sp > t->sas_ss_sp && sp - t->sas_ss_sp <= t->sas_ss_size;
}

static int
sas_ss_flags(struct task_struct *t, uint64_t sp)
{
	if (!t->sas_ss_size)
		return SS_DISABLE;
	return on_sig_stack(t, sp) ? SS_ONSTACK : 0;
}

/* Where a handler's frame goes: the alternate stack's top for an
 * SA_ONSTACK handler not already on it, else below sp (Linux: sigsp). */
uint64_t
sigsp(struct task_struct *t, uint64_t sp, struct ksignal *ksig)
{
	if ((ksig->ka.flags & SA_ONSTACK) && !sas_ss_flags(t, sp))
		return t->sas_ss_sp + t->sas_ss_size;
	return sp;
}

/* Linux: do_sigaltstack. */
static long
do_sigaltstack(struct task_struct *t, const struct stack_t_ *ss, uaddr_t uoss, uint64_t sp)
{
	struct stack_t_ oss = {
		.ss_sp = t->sas_ss_sp, .ss_size = t->sas_ss_size,
		.ss_flags = (int32_t)(sas_ss_flags(t, sp) | (t->sas_ss_flags & SS_AUTODISARM)),
	};

	if (ss) {
		unsigned int mode = (unsigned int)ss->ss_flags & ~SS_AUTODISARM;
		uint64_t size = ss->ss_size, base = ss->ss_sp;

		if (on_sig_stack(t, sp))
			return -EPERM;
		if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
			return -EINVAL;
		if (mode == SS_DISABLE) {
			size = 0;
			base = 0;
		} else if (size < MINSIGSTKSZ) {
			return -ENOMEM;
		}
		t->sas_ss_sp = base;
		t->sas_ss_size = size;
		t->sas_ss_flags = (unsigned int)ss->ss_flags;	/* raw, as uc_stack shows */
	}
	if (uoss && copy_to_user(t->mm, uoss, &oss, sizeof(oss)))
		return -EFAULT;
	return 0;
}

/* rt_sigreturn puts back the frame's uc_stack (Linux: restore_altstack). */
long
restore_altstack(struct task_struct *t, uaddr_t uss)
{
	struct stack_t_ ss;

	if (copy_from_user(t->mm, &ss, uss, sizeof(ss)))
		return -EFAULT;
	(void)do_sigaltstack(t, &ss, 0, t->regs.x[REG_SP]);
	return 0;	/* Linux ignores errors here too */
}

SYSCALL_DEFINE2(sigaltstack, uaddr_t, uss, uaddr_t, uoss)
{
	struct stack_t_ ss;

	if (uss && copy_from_user(current->mm, &ss, uss, sizeof(ss)))
		return -EFAULT;
	return do_sigaltstack(current, uss ? &ss : NULL, uoss, current->regs.x[REG_SP]);
}
