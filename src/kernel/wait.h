/* Wait queues (Linux: include/linux/wait.h, kernel/sched/wait.c).
 *
 * A task that must wait puts its own entry on a queue, sets its state and
 * returns -ESLEEP from the syscall: it holds no host stack while asleep.
 * When woken, it runs the syscall again from the start (the condition is
 * re-checked there), with any progress kept in task->syscall_progress. */
#ifndef KERNEL_WAIT_H
#define KERNEL_WAIT_H

#include <taskbox/list.h>
#include <taskbox/types.h>

struct task_struct;

/* Internal: "put to sleep, then run this syscall again". Never reaches the
 * guest (do_syscall turns it into a re-executed ecall). taskbox-only: Linux
 * sleeps inside the syscall on the task's kernel stack instead. */
#define ESLEEP	600

struct wait_queue_head {
	struct list_head head;
};

/* A task's place on a wait queue. Poll waits on several queues at once, so a
 * task owns a few (task->wait[]). */
struct wait_queue_entry {
	struct task_struct *task;
	struct list_head entry;
};

static inline void
init_waitqueue_head(struct wait_queue_head *wq)
{
	INIT_LIST_HEAD(&wq->head);
}

static inline bool
waitqueue_active(const struct wait_queue_head *wq)
{
	return !list_empty(&wq->head);
}

/* --- sched/wait.c --- */
/* Queue current on wq in `state` and ask for the syscall to be re-run when
 * woken: returns -ESLEEP for the syscall to return. */
long wait_event_sleep(struct task_struct *t, struct wait_queue_head *wq,
		      unsigned int state);
void __wake_up(struct wait_queue_head *wq);
#define wake_up(wq)	__wake_up(wq)
void finish_wait(struct task_struct *t);
/* Queue t on wq without changing its state: poll adds several queues, then
 * puts the task to sleep once. */
void poll_wait(struct task_struct *t, struct wait_queue_head *wq);

#endif
