/* Timers on virtual time (Linux: kernel/time/hrtimer.c). Linux keeps them
 * in a red-black tree per CPU; a sorted list suffices for the few timers a
 * guest arms, and keeps the earliest at the head for the idle jump. */
#include "kernel/kernel.h"
#include "kernel/time/hrtimer.h"

void
hrtimer_init(struct hrtimer *timer, void (*function)(struct hrtimer *))
{
	INIT_LIST_HEAD(&timer->node);
	timer->queued = false;
	timer->expires = 0;
	timer->function = function;
}

void
hrtimer_cancel(struct hrtimer *timer)
{
	if (!timer->queued)
		return;
	list_del_init(&timer->node);
	timer->queued = false;
}

void
hrtimer_start(struct kernel *k, struct hrtimer *timer, uint64_t expires)
{
	struct list_head *pos;

	hrtimer_cancel(timer);
	timer->expires = expires;
	/* Timers with equal expiry fire in the order they were armed. */
	list_for_each(pos, &k->timers) {
		struct hrtimer *o = list_entry(pos, struct hrtimer, node);

		if (o->expires > expires)
			break;
	}
	list_add_tail(&timer->node, pos);
	timer->queued = true;
}

void
hrtimer_run_queues(struct kernel *k)
{
	while (!list_empty(&k->timers)) {
		struct hrtimer *timer = list_first_entry(&k->timers, struct hrtimer, node);

		if (timer->expires > k->time_ns)
			break;
		hrtimer_cancel(timer);
		timer->function(timer);	/* may re-arm itself */
	}
}

bool
hrtimer_next_expiry(struct kernel *k, uint64_t *expires)
{
	if (list_empty(&k->timers))
		return false;
	*expires = list_first_entry(&k->timers, struct hrtimer, node)->expires;
	return true;
}
