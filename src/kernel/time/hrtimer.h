/* Timers on virtual time (Linux: include/linux/hrtimer.h).
 *
 * A timer fires when the kernel's virtual clock (k->time_ns) reaches its
 * expiry: the scheduler runs expired timers between rounds, and when every
 * task sleeps the clock jumps to the earliest one. Sleeping tasks, interval
 * timers (itimer.c) and POSIX timers (posix-timers.c) all use them. */
#ifndef KERNEL_TIME_HRTIMER_H
#define KERNEL_TIME_HRTIMER_H

#include <taskbox/list.h>
#include <taskbox/types.h>

struct kernel;

struct hrtimer {
	uint64_t expires;		/* virtual ns */
	struct list_head node;		/* on k->timers, sorted by expires */
	bool queued;
	void (*function)(struct hrtimer *);
};

void hrtimer_init(struct hrtimer *timer, void (*function)(struct hrtimer *));
/* (Re)arm timer to fire at virtual time `expires`. */
void hrtimer_start(struct kernel *k, struct hrtimer *timer, uint64_t expires);
void hrtimer_cancel(struct hrtimer *timer);
/* Run every timer whose expiry has come (Linux: hrtimer_run_queues). */
void hrtimer_run_queues(struct kernel *k);
/* The earliest expiry, if any timer is queued. */
bool hrtimer_next_expiry(struct kernel *k, uint64_t *expires);

#endif
