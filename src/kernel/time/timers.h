/* Interval timers and POSIX timers (Linux: kernel/time/itimer.c,
 * posix-timers.c, posix-cpu-timers.c). Real-clock timers are hrtimers on
 * virtual time; CPU-clock timers are checked when a task's turn on a hart
 * ends (Linux checks them at the tick). */
#ifndef KERNEL_TIME_TIMERS_H
#define KERNEL_TIME_TIMERS_H

#include <taskbox/list.h>
#include <taskbox/types.h>

#include "kernel/time/hrtimer.h"

#include <uapi/time_types.h>

#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID	3
#define CLOCK_MONOTONIC_RAW	4
#define CLOCK_REALTIME_COARSE	5
#define CLOCK_MONOTONIC_COARSE	6
#define CLOCK_BOOTTIME		7
#define CLOCK_REALTIME_ALARM	8
#define CLOCK_BOOTTIME_ALARM	9
#define CLOCK_TAI		11
#define TIMER_ABSTIME		1
#define NSEC_PER_SEC		1000000000LL

static inline struct kernel_timespec
ns_to_timespec(uint64_t ns)
{
	return (struct kernel_timespec){ (int64_t)(ns / NSEC_PER_SEC),
					 (int64_t)(ns % NSEC_PER_SEC) };
}

struct task_struct;
struct signal_struct;
struct sigqueue;
struct kernel_siginfo;

/* A POSIX timer (Linux: struct k_itimer). */
struct k_itimer {
	struct list_head list;		/* on signal->posix_timers */
	int it_id;
	int it_clock;
	int it_sigev_notify;
	struct task_struct *it_process;	/* who gets the signal */
	struct sigqueue *sigq;		/* preallocated, SI_TIMER */
	struct hrtimer it_timer;	/* real clocks */
	uint64_t it_interval;		/* ns; 0: one-shot */
	uint64_t it_expires;		/* CPU clocks: CPU ns; real: see it_timer */
	bool it_active;			/* armed (CPU clocks) */
	bool it_requeue_pending;	/* signal queued: re-arm on dequeue */
	int64_t it_overrun, it_overrun_last;
};

/* --- time.c --- */
/* Read a clock in nanoseconds; -EINVAL for an unknown clock. */
int clock_read_ns(struct task_struct *t, int clk, uint64_t *ns);
int cpu_clock_resolve(struct task_struct *t, int clk, struct task_struct **p, bool *thread);

/* --- itimer.c --- */
void it_real_fn(struct hrtimer *timer);
void update_cputime_expires(struct signal_struct *sig);
void check_cpu_itimers(struct task_struct *t, uint64_t cpu);
void it_real_rearm(struct task_struct *t);
void check_rlimit_cpu(struct task_struct *t, uint64_t cpu);
uint64_t timer_forward(uint64_t *expires, uint64_t now, uint64_t interval);

/* --- posix-timers.c --- */
void posixtimer_rearm(struct k_itimer *timr, struct kernel_siginfo *info);
void exit_itimers(struct task_struct *t);
/* CPU-clock timers of t's group that t's CPU time has reached. */
void run_posix_cpu_timers(struct task_struct *t);
uint64_t thread_group_cputime(struct task_struct *t);

#endif
