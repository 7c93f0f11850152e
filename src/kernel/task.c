/* task_struct allocation and naming (Linux: kernel/fork.c dup_task_struct's
 * allocation half, fs/exec.c __set_task_comm). */
#include <stdlib.h>
#include <string.h>

#include "kernel/kernel.h"
#include "fs/fs.h"
#include "kernel/sched.h"
#include "kernel/sched/sched.h"
#include "kernel/time/timers.h"

struct task_struct *
alloc_task_struct(struct kernel *k)
{
	struct task_struct *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->kernel = k;
	t->static_prio = DEFAULT_PRIO;
	INIT_LIST_HEAD(&t->children);
	INIT_LIST_HEAD(&t->sibling);
	INIT_LIST_HEAD(&t->tasks);
	INIT_LIST_HEAD(&t->run_list);
	hrtimer_init(&t->sleep_timer, hrtimer_wakeup);
	init_sigpending(&t->pending);
	INIT_LIST_HEAD(&t->futex_q.list);
	for (int i = 0; i < PIDTYPE_MAX; i++)
		INIT_LIST_HEAD(&t->pid_links[i]);
	t->exit_signal = SIGCHLD;
	return t;
}

void
free_task_struct(struct task_struct *t)
{
	free(t->wait_ext);
	free(t);
}

/* The last reference to a released task (Linux: put_task_struct and the
 * __cleanup_sighand/free_signal_struct it leads to). */
void
free_task(struct task_struct *t)
{
	if (t->sighand && --t->sighand->count == 0)
		free(t->sighand);
	flush_sigqueue(t->kernel, &t->pending);
	if (t->signal && --t->signal->nr_threads == 0) {
		hrtimer_cancel(&t->signal->real_timer);
		exit_itimers(t);
		flush_sigqueue(t->kernel, &t->signal->shared_pending);
		free(t->signal);
	}
	put_cred(t->cred);
	free_task_struct(t);
}

/* comm is the executable's basename, truncated to 15 bytes. */
void
set_task_comm(struct task_struct *t, const char *name)
{
	strncpy(t->comm, name, TASK_COMM_LEN - 1);
	t->comm[TASK_COMM_LEN - 1] = '\0';
}

void
get_task_comm(char buf[TASK_COMM_LEN], const struct task_struct *t)
{
	memcpy(buf, t->comm, TASK_COMM_LEN);
}

/* The first task, PID 1: taskbox's init, or PROGRAM itself with --pid1.
 * Its fds 0-2 are the host's, its root and cwd are /. */
struct task_struct *
create_first_task(struct kernel *k)
{
	static const struct rlimit64 init_rlimits[RLIM_NLIMITS] = {
		[3] = { 8UL << 20, RLIM64_INFINITY },	/* RLIMIT_STACK */
		[4] = { 0, RLIM64_INFINITY },		/* RLIMIT_CORE */
		[6] = { 63459, 63459 },			/* RLIMIT_NPROC */
		[7] = { 1024, 4096 },			/* RLIMIT_NOFILE */
		[8] = { 8UL << 20, 8UL << 20 },		/* RLIMIT_MEMLOCK */
		[11] = { 63459, 63459 },		/* RLIMIT_SIGPENDING */
		[12] = { 819200, 819200 },		/* RLIMIT_MSGQUEUE */
		[13] = { 0, 0 },			/* RLIMIT_NICE */
		[14] = { 0, 0 },			/* RLIMIT_RTPRIO */
	};
	static const int infinite[] = { 0, 1, 2, 5, 9, 10, 15 };
	struct task_struct *t = alloc_task_struct(k);

	if (!t)
		return NULL;
	t->cred = prepare_kernel_cred(k);
	t->sighand = alloc_sighand();
	t->signal = alloc_signal();
	if (t->signal)
		t->signal->leader = t;
	t->files = files_alloc_stdio(k);
	t->fs = fs_alloc_root(k);
	if (!t->cred || !t->sighand || !t->signal || !t->files || !t->fs)
		return NULL;	/* boot failure: the caller exits */
	memcpy(t->signal->rlim, init_rlimits, sizeof(init_rlimits));
	for (size_t i = 0; i < ARRAY_SIZE(infinite); i++)
		t->signal->rlim[infinite[i]] = (struct rlimit64){ RLIM64_INFINITY, RLIM64_INFINITY };
	if (alloc_pid(k, t))
		return NULL;
	t->tgid = t->pid;
	t->group_leader = t;
	k->child_reaper = t;
	t->signal->flags |= SIGNAL_UNKILLABLE;
	/* PID 1 is in session 0 and group 0, as Linux's init; PROGRAM gets a
	 * session of its own from init's setsid. */
	t->flags = PF_FORKNOEXEC;
	t->start_time = k->time_ns;
	list_add_tail(&t->tasks, &k->tasks);
	k->nr_tasks++;
	count_user_process(t, 1);
	return t;
}
