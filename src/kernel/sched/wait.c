/* Wait queues (Linux: kernel/sched/wait.c). See kernel/wait.h for how a
 * sleeping syscall is re-run instead of holding a host stack. */
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/sched/sched.h"
#include "kernel/wait.h"

long
wait_event_sleep(struct task_struct *t, struct wait_queue_head *wq,
		 unsigned int state)
{
	struct wait_queue_entry *e;

	BUG_ON(t->nr_wait >= (int)ARRAY_SIZE(t->wait));
	e = &t->wait[t->nr_wait++];
	e->task = t;
	list_add_tail(&e->entry, &wq->head);
	t->__state = state;
	return -ESLEEP;
}

/* Take t off every queue it waits on (Linux: finish_wait). */
void
finish_wait(struct task_struct *t)
{
	for (int i = 0; i < t->nr_wait; i++)
		list_del_init(&t->wait[i].entry);
	t->nr_wait = 0;
}

/* Wake every task on wq (Linux: __wake_up with autoremove_wake_function). */
void
__wake_up(struct wait_queue_head *wq)
{
	while (!list_empty(&wq->head)) {
		struct wait_queue_entry *e =
			list_first_entry(&wq->head, struct wait_queue_entry, entry);

		list_del_init(&e->entry);
		wake_up_process(e->task);
	}
}
