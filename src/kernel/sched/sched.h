/* The scheduler's interface (Linux: kernel/sched/sched.h). */
#ifndef KERNEL_SCHED_SCHED_H
#define KERNEL_SCHED_SCHED_H

#include <taskbox/types.h>

struct kernel;
struct task_struct;

#define SCHED_QUANTUM	100000	/* instructions per turn on a hart */

/* --- sched/core.c --- */
int sched_init(struct kernel *k);
bool wake_up_process(struct task_struct *t);
bool try_to_wake_up(struct task_struct *t, unsigned int state);
struct hrtimer;
void hrtimer_wakeup(struct hrtimer *timer);
long schedule_timeout_until(struct task_struct *t, uint64_t until);
void activate_task(struct task_struct *t);
void deactivate_task(struct task_struct *t);
void wake_up_new_task(struct task_struct *t);
void kernel_run(struct kernel *k);
int nr_running(struct kernel *k);

/* --- sched/loadavg.c --- */
void calc_global_load(struct kernel *k);

#endif
