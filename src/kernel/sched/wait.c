/* Wait queues (Linux: kernel/sched/wait.c). See kernel/wait.h for how a
 * sleeping syscall is re-run instead of holding a host stack. */
#include <stdlib.h>

#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/sched/sched.h"
#include "kernel/wait.h"

/* A free entry of t's: the few built in, then a growing array for polls
 * over many files. NULL only when memory runs out. */
static struct wait_queue_entry *
wait_entry(struct task_struct *t)
{
	int inline_n = (int)ARRAY_SIZE(t->wait);

	if (t->nr_wait < inline_n)
		return &t->wait[t->nr_wait++];
	if (t->nr_wait - inline_n >= t->wait_ext_cap) {
		int cap = t->wait_ext_cap ? t->wait_ext_cap * 2 : 16;
		struct wait_queue_entry *e;

		/* The entries are linked into queues: move them with care. */
		e = calloc(cap, sizeof(*e));
		if (!e)
			return NULL;
		for (int i = 0; i < t->wait_ext_cap; i++) {
			e[i] = t->wait_ext[i];
			list_add(&e[i].entry, &t->wait_ext[i].entry);
			list_del_init(&t->wait_ext[i].entry);
		}
		free(t->wait_ext);
		t->wait_ext = e;
		t->wait_ext_cap = cap;
	}
	return &t->wait_ext[t->nr_wait++ - inline_n];
}

void
poll_wait(struct task_struct *t, struct wait_queue_head *wq)
{
	struct wait_queue_entry *e = wait_entry(t);

	if (!e)
		return;		/* the timeout or another queue still wakes it */
	e->task = t;
	list_add_tail(&e->entry, &wq->head);
}

long
wait_event_sleep(struct task_struct *t, struct wait_queue_head *wq,
		 unsigned int state)
{
	poll_wait(t, wq);
	t->__state = state;
	return -ESLEEP;
}

/* Take t off every queue it waits on (Linux: finish_wait). */
void
finish_wait(struct task_struct *t)
{
	int inline_n = (int)ARRAY_SIZE(t->wait);

	for (int i = 0; i < t->nr_wait; i++)
		list_del_init(i < inline_n ? &t->wait[i].entry :
			      &t->wait_ext[i - inline_n].entry);
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
