/* Kernel threads (Linux: kernel/kthread.c). kthreadd is PID 2, the parent
 * of every kernel thread; it has no address space (mm == NULL) and ignores
 * all signals. The kthread_create API that gives it work comes with the
 * kernel-threads issue; until then it sleeps. */
#include <string.h>

#include "kernel/kernel.h"
#include "kernel/sched.h"

struct task_struct *
kthreadd_create(struct kernel *k)
{
	struct task_struct *t = alloc_task_struct(k);

	if (!t)
		return NULL;
	t->cred = prepare_kernel_cred(k);
	t->sighand = alloc_sighand();
	t->signal = alloc_signal();
	if (t->signal)
		t->signal->leader = t;
	if (!t->cred || !t->sighand || !t->signal || alloc_pid(k, t)) {
		free_task(t);
		return NULL;
	}
	for (int i = 0; i < _NSIG; i++)
		t->sighand->action[i].handler = SIG_IGN;
	t->tgid = t->pid;
	t->group_leader = t;
	t->flags = PF_KTHREAD;
	t->exit_signal = 0;
	set_task_comm(t, "kthreadd");
	t->start_time = k->time_ns;
	t->__state = TASK_INTERRUPTIBLE;	/* no work queued yet */
	list_add_tail(&t->tasks, &k->tasks);
	k->nr_tasks++;
	count_user_process(t, 1);
	return t;
}
