/* Process exit and reaping (Linux: kernel/exit.c).
 *
 * do_exit follows Linux's order: PF_EXITING, exit_mm, exit_files, exit_fs,
 * exit_notify. exit_notify hands the children to a new reaper
 * (forget_original_parent/find_new_reaper) and tells the parent; the task is
 * then a zombie holding only what wait needs, until wait's
 * wait_task_zombie calls release_task. A parent that ignores SIGCHLD (or set
 * SA_NOCLDWAIT) gets no zombie: the child is released at once. */
#include <uapi/fcntl.h>

#include "fs/fs.h"
#include <uapi/time_types.h>
#include "kernel/exit.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/sched/sched.h"
#include "kernel/syscalls.h"
#include "kernel/time/timers.h"
#include "mm/mm.h"

#define WNOHANG		0x00000001
#define WUNTRACED	0x00000002
#define WSTOPPED	WUNTRACED
#define WEXITED		0x00000004
#define WCONTINUED	0x00000008
#define WNOWAIT		0x01000000
#define __WNOTHREAD	0x20000000
#define __WALL		0x40000000
#define __WCLONE	0x80000000
#define P_ALL		0
#define P_PID		1
#define P_PGID		2
#define P_PIDFD		3

/* Linux: mm_release. The vfork parent may run again; the CLONE_CHILD_CLEARTID
 * word is zeroed and a futex waiter on it woken. */
void
mm_release(struct task_struct *t)
{
	if (t->clear_child_tid && t->mm) {
		uint32_t zero = 0;

		if (!copy_to_user(t->mm, t->clear_child_tid, &zero, sizeof(zero)))
			futex_wake_cleartid(t, t->clear_child_tid);
		t->clear_child_tid = 0;
	}
	if (t->vfork_parent) {
		wake_up_process(t->vfork_parent);
		t->vfork_parent = NULL;
	}
}

static void
exit_mm(struct task_struct *t)
{
	mm_release(t);
	if (!t->mm)
		return;
	mmput(t->mm);
	t->mm = NULL;
}

static void
exit_files(struct task_struct *t)
{
	if (t->files)
		put_files_struct(t->files);
	t->files = NULL;
}

static void
exit_fs(struct task_struct *t)
{
	if (t->fs)
		put_fs_struct(t->fs);
	t->fs = NULL;
}

/* taskbox's exit status: the exit code, or 128 + the killing signal. */
static int
status_to_exit_code(int code)
{
	return (code & 0x7f) ? 128 + (code & 0x7f) : (code >> 8) & 0xff;
}

/* Unlink a dead task from everything and free it (Linux: release_task).
 * The task running this very turn is freed by the scheduler afterwards. */
void
release_task(struct task_struct *p)
{
	struct kernel *k = p->kernel;

	if (p->real_parent) {
		p->real_parent->signal->cutime += p->utime + p->signal->cutime;
		p->real_parent->signal->cstime += p->stime + p->signal->cstime;
		p->real_parent->signal->cmin_flt += p->min_flt + p->signal->cmin_flt;
		p->real_parent->signal->cmaj_flt += p->maj_flt + p->signal->cmaj_flt;
		task_io_accounting_add(&p->real_parent->signal->ioac, &p->ioac);
		task_io_accounting_add(&p->real_parent->signal->ioac, &p->signal->ioac);
	}
	list_del_init(&p->sibling);
	list_del_init(&p->tasks);
	free_pid(k, p);
	k->nr_tasks--;
	count_user_process(p, -1);
	p->exit_state = EXIT_DEAD;
	if (p->on_cpu)
		p->release_pending = true;
	else
		free_task(p);
}

/* The nearest live subreaper above father, else init (Linux:
 * find_new_reaper without threads: they come with the threads issue). */
static struct task_struct *
find_new_reaper(struct task_struct *father)
{
	struct task_struct *reaper = father->kernel->child_reaper;

	if (father == reaper)
		return NULL;	/* init itself is dying: the run ends (Linux panics) */
	if (father->signal->has_child_subreaper) {
		for (struct task_struct *p = father->real_parent; p && p != reaper;
		     p = p->real_parent)
			if (p->signal->is_child_subreaper && !(p->flags & PF_EXITING))
				return p;
	}
	return reaper;
}

/* Hand father's children to their new parent (Linux:
 * forget_original_parent + reparent_leader). Children already dead are
 * reported to the new parent, which may reap them at once. */
static void
forget_original_parent(struct task_struct *father)
{
	struct task_struct *reaper = find_new_reaper(father), *c, *n;

	list_for_each_entry_safe(c, n, &father->children, sibling) {
		c->real_parent = c->parent = reaper;
		list_del_init(&c->sibling);
		if (reaper)
			list_add_tail(&c->sibling, &reaper->children);
		if (c->pdeath_signal)
			group_send_sig_info(c, c->pdeath_signal, father);
		if (c->exit_state == EXIT_ZOMBIE && (!reaper ||
		    do_notify_parent(c, c->exit_signal))) {
			release_task(c);
			continue;
		}
		kill_orphaned_pgrp(c, father);
	}
}

static void
exit_notify(struct task_struct *t)
{
	struct kernel *k = t->kernel;
	bool autoreap;

	forget_original_parent(t);
	kill_orphaned_pgrp(t, NULL);
	if (t == k->child_reaper) {
		/* init is gone: Linux panics; we halt with its status. */
		k->halted = true;
		k->exit_status = status_to_exit_code(t->exit_code);
	}
	t->exit_state = EXIT_ZOMBIE;
	wake_up(&k->pidfd_wait);	/* Linux: do_notify_pidfd */
	autoreap = !t->parent || do_notify_parent(t, t->exit_signal);
	if (autoreap)
		release_task(t);
}

void
do_exit(struct task_struct *t, int code)
{
	t->flags |= PF_EXITING;
	t->exit_code = code;
	finish_wait(t);
	futex_exit_release(t);
	hrtimer_cancel(&t->sleep_timer);
	if (--t->signal->live == 0) {	/* group_dead */
		hrtimer_cancel(&t->signal->real_timer);
		exit_itimers(t);
	}
	exit_mm(t);
	exit_files(t);
	exit_fs(t);
	t->__state = TASK_DEAD;
	deactivate_task(t);
	exit_notify(t);
}

/* Linux: do_group_exit. A group already dying (a fatal signal) exits
 * with the code it recorded. With one thread per group so far, the
 * group's exit is the task's. */
void
do_group_exit(struct task_struct *t, int code)
{
	struct signal_struct *sig = t->signal;

	if (sig->flags & SIGNAL_GROUP_EXIT) {
		code = sig->group_exit_code;
	} else {
		sig->flags = SIGNAL_GROUP_EXIT;
		sig->group_exit_code = code;
		sig->group_stop_count = 0;
	}
	do_exit(t, code);
}

SYSCALL_DEFINE1(exit, int, error_code)
{
	do_exit(current, (error_code & 0xff) << 8);
	return 0;
}

SYSCALL_DEFINE1(exit_group, int, error_code)
{
	do_group_exit(current, (error_code & 0xff) << 8);
	return 0;
}

/* What the waiter asked for (Linux: struct wait_opts). */
struct wait_opts {
	int wo_type;		/* P_ALL, P_PID, P_PGID */
	pid_t wo_pid;
	int wo_flags;
	uaddr_t wo_stat;	/* wait4 status word, or 0 */
	uaddr_t wo_info;	/* waitid siginfo, or 0 */
	uaddr_t wo_rusage;
};

struct siginfo_chld {
	int32_t si_signo, si_errno, si_code, pad;
	int32_t si_pid;
	uint32_t si_uid;
	int32_t si_status, pad2;
	int64_t si_utime, si_stime;
	uint8_t rest[128 - 48];
};

static bool
eligible_child(const struct wait_opts *wo, struct task_struct *p)
{
	if (wo->wo_type == P_PID && p->pid != wo->wo_pid)
		return false;
	if (wo->wo_type == P_PGID && p->signal->pgrp != wo->wo_pid)
		return false;
	if (wo->wo_flags & __WALL)
		return true;
	/* __WCLONE selects the children that do not signal SIGCHLD. */
	return (p->exit_signal != SIGCHLD) == !!(wo->wo_flags & __WCLONE);
}

/* Report an exit, a stop or a continue: the rusage, the status word for
 * wait4, the siginfo for waitid (Linux: the tails of wait_task_zombie,
 * wait_task_stopped and wait_task_continued). */
static long
wait_report(struct task_struct *t, const struct wait_opts *wo, struct task_struct *p,
	    int status, int why, int sig)
{
	if (wo->wo_rusage) {
		struct linux_rusage ru = { 0 };

		ru.utime_sec = (int64_t)(p->utime / 1000000000ULL);
		ru.utime_usec = (int64_t)(p->utime % 1000000000ULL / 1000);
		if (copy_to_user(t->mm, wo->wo_rusage, &ru, sizeof(ru)))
			return -EFAULT;
	}
	if (wo->wo_stat && copy_to_user(t->mm, wo->wo_stat, &status, sizeof(status)))
		return -EFAULT;
	if (wo->wo_info) {
		struct siginfo_chld si = { .si_signo = SIGCHLD, .si_code = why,
			.si_pid = p->tgid, .si_uid = p->cred->uid, .si_status = sig };

		if (copy_to_user(t->mm, wo->wo_info, &si, sizeof(si)))
			return -EFAULT;
	}
	return p->tgid;
}

/* Report a zombie and, unless WNOWAIT, reap it (Linux: wait_task_zombie). */
static long
wait_task_zombie(struct task_struct *t, const struct wait_opts *wo,
		 struct task_struct *p)
{
	int status = p->exit_code;
	int why = !(status & 0x7f) ? CLD_EXITED : (status & 0x80) ? CLD_DUMPED : CLD_KILLED;
	long ret = wait_report(t, wo, p, status, why,
			       (status & 0x7f) ? (status & 0x7f) : (status >> 8) & 0xff);

	if (ret > 0 && !(wo->wo_flags & WNOWAIT))
		release_task(p);
	return ret;
}

/* A stopped child, reported once unless WNOWAIT (Linux: wait_task_stopped). */
static long
wait_task_stopped(struct task_struct *t, const struct wait_opts *wo, struct task_struct *p)
{
	int code;

	if (!(wo->wo_flags & WUNTRACED) || !(p->signal->flags & SIGNAL_STOP_STOPPED))
		return 0;
	code = p->signal->group_exit_code;
	if (!code)
		return 0;
	if (!(wo->wo_flags & WNOWAIT))
		p->signal->group_exit_code = 0;
	return wait_report(t, wo, p, (code << 8) | 0x7f, CLD_STOPPED, code);
}

/* A continued child, reported once unless WNOWAIT (Linux: wait_task_continued). */
static long
wait_task_continued(struct task_struct *t, const struct wait_opts *wo, struct task_struct *p)
{
	if (!(wo->wo_flags & WCONTINUED) || !(p->signal->flags & SIGNAL_STOP_CONTINUED))
		return 0;
	if (!(wo->wo_flags & WNOWAIT))
		p->signal->flags &= ~SIGNAL_STOP_CONTINUED;
	return wait_report(t, wo, p, 0xffff, CLD_CONTINUED, SIGCONT);
}

/* Look at one child: > 0 reaped or reported, 0 eligible but not ready,
 * -ECHILD not eligible (Linux: wait_consider_task). */
static long
wait_consider_task(struct task_struct *t, struct wait_opts *wo, struct task_struct *p)
{
	long ret;

	if (!eligible_child(wo, p))
		return -ECHILD;
	if (p->exit_state == EXIT_ZOMBIE) {
		if (wo->wo_flags & WEXITED)
			return wait_task_zombie(t, wo, p);
		return 0;
	}
	if (p->exit_state)
		return 0;
	ret = wait_task_stopped(t, wo, p);
	if (ret)
		return ret;
	return wait_task_continued(t, wo, p);
}

/* Any child matching wo: by PID straight through the PID hash (Linux:
 * do_wait_pid), else a walk over the waiter's own children only. */
static long
do_wait_thread(struct task_struct *t, struct wait_opts *wo)
{
	struct task_struct *p;
	long ret = -ECHILD;

	if (wo->wo_type == P_PID) {
		p = find_task_by_vpid(t->kernel, wo->wo_pid);
		return p && p->parent == t ? wait_consider_task(t, wo, p) : -ECHILD;
	}
	list_for_each_entry(p, &t->children, sibling) {
		long r = wait_consider_task(t, wo, p);

		if (r > 0 || (r < 0 && r != -ECHILD))
			return r;
		if (r == 0)
			ret = 0;
	}
	return ret;
}

/* Linux: do_wait. Looks only at the waiter's own children; sleeps on its
 * wait_chldexit queue when some are eligible but none is ready. */
static long
do_wait(struct task_struct *t, struct wait_opts *wo)
{
	long ret = do_wait_thread(t, wo);

	if (ret != 0)
		return ret;
	if (wo->wo_flags & WNOHANG) {
		if (wo->wo_info) {
			struct siginfo_chld si = { 0 };

			if (copy_to_user(t->mm, wo->wo_info, &si, sizeof(si)))
				return -EFAULT;
		}
		return 0;
	}
	if (signal_pending(t))
		return -ERESTARTSYS;
	return wait_event_sleep(t, &t->signal->wait_chldexit, TASK_INTERRUPTIBLE);
}

SYSCALL_DEFINE4(wait4, pid_t, upid, uaddr_t, stat_addr, int, options, uaddr_t, ru)
{
	struct wait_opts wo = { .wo_stat = stat_addr, .wo_rusage = ru };

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	if (upid == INT32_MIN)
		return -ESRCH;	/* -INT_MIN overflows: Linux says ESRCH */
	if (upid == -1) {
		wo.wo_type = P_ALL;
	} else if (upid < 0) {
		wo.wo_type = P_PGID;
		wo.wo_pid = -upid;
	} else if (upid == 0) {
		wo.wo_type = P_PGID;
		wo.wo_pid = current->signal->pgrp;
	} else {
		wo.wo_type = P_PID;
		wo.wo_pid = upid;
	}
	wo.wo_flags = options | WEXITED;
	return do_wait(current, &wo);
}

/* The process a pidfd names, for waitid(P_PIDFD) (Linux: pidfd_get_pid):
 * EBADF for anything else; a reaped process matches no child (ECHILD). */
static long
pidfd_wait_target(struct task_struct *t, int fd, pid_t *pid, bool *nonblock)
{
	struct file *f = fget(t, (unsigned int)fd);

	if (!f)
		return -EBADF;
	if (!is_pidfd(f)) {
		fput(f);
		return -EBADF;
	}
	*pid = pidfd_task(f) ? pidfd_pid(f) : -1;
	*nonblock = f->f_flags & O_NONBLOCK;
	fput(f);
	return 0;
}

SYSCALL_DEFINE5(waitid, int, which, pid_t, upid, uaddr_t, infop, int, options,
		uaddr_t, ru)
{
	struct wait_opts wo = { .wo_info = infop, .wo_rusage = ru, .wo_flags = options };
	bool nonblock = false;
	long ret;

	if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED |
			__WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	switch (which) {
	case P_ALL:
		wo.wo_type = P_ALL;
		break;
	case P_PID:
		if (upid <= 0)
			return -EINVAL;
		wo.wo_type = P_PID;
		wo.wo_pid = upid;
		break;
	case P_PGID:
		if (upid < 0)
			return -EINVAL;
		wo.wo_type = P_PGID;
		wo.wo_pid = upid ? upid : current->signal->pgrp;
		break;
	case P_PIDFD:
		if (upid < 0)
			return -EINVAL;
		ret = pidfd_wait_target(current, upid, &wo.wo_pid, &nonblock);
		if (ret)
			return ret;
		wo.wo_type = P_PID;
		if (nonblock)	/* a non-blocking pidfd never sleeps (EAGAIN) */
			wo.wo_flags |= WNOHANG;
		break;
	default:
		return -EINVAL;
	}
	ret = do_wait(current, &wo);
	if (!ret && nonblock && !(options & WNOHANG))
		return -EAGAIN;
	return ret > 0 ? 0 : ret;
}
