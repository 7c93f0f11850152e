/* Clocks and sleeps on virtual time (Linux: kernel/time/posix-timers.c,
 * hrtimer.c nanosleep, time.c gettimeofday).
 *
 * The virtual clock advances one nanosecond per instruction retired. A
 * sleep advances it by the sleep's length: with one task, that task sleeping
 * means every task sleeps, and time jumps to its timer (DESIGN.md). */
#include "kernel/kernel.h"
#include <uapi/time_types.h>
#include "kernel/sched.h"
#include "kernel/sched/sched.h"
#include "kernel/syscalls.h"
#include "kernel/wait.h"
#include "mm/mm.h"

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

static struct kernel_timespec
ns_to_timespec(uint64_t ns)
{
	return (struct kernel_timespec){ (int64_t)(ns / NSEC_PER_SEC),
					 (int64_t)(ns % NSEC_PER_SEC) };
}

/* Read a clock in nanoseconds; -EINVAL for an unknown clock. */
static int
clock_read_ns(struct task_struct *t, int clk, uint64_t *ns)
{
	struct kernel *k = t->kernel;

	switch (clk) {
	case CLOCK_REALTIME: case CLOCK_REALTIME_COARSE: case CLOCK_REALTIME_ALARM:
	case CLOCK_TAI:
		*ns = k->realtime_base_ns + k->time_ns;
		return 0;
	case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW: case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME: case CLOCK_BOOTTIME_ALARM:
		*ns = k->time_ns;
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID: case CLOCK_THREAD_CPUTIME_ID:
		*ns = t->utime + t->stime;
		return 0;
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE2(clock_gettime, int, which, uaddr_t, tp)
{
	struct kernel_timespec ts;
	uint64_t ns;
	int err = clock_read_ns(current, which, &ns);

	if (err)
		return err;
	ts = ns_to_timespec(ns);
	return copy_to_user(current->mm, tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(clock_getres, int, which, uaddr_t, tp)
{
	struct kernel_timespec ts = { 0, 1 };
	uint64_t ns;
	int err = clock_read_ns(current, which, &ns);

	if (err)
		return err;
	if (which == CLOCK_REALTIME_COARSE || which == CLOCK_MONOTONIC_COARSE)
		ts.tv_nsec = 4000000;	/* one jiffy at HZ=250 */
	if (tp && copy_to_user(current->mm, tp, &ts, sizeof(ts)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(gettimeofday, uaddr_t, tv, uaddr_t, tz)
{
	uint64_t ns = current->kernel->realtime_base_ns + current->kernel->time_ns;
	int64_t v[2] = { (int64_t)(ns / NSEC_PER_SEC), (int64_t)(ns % NSEC_PER_SEC / 1000) };
	int32_t zone[2] = { 0, 0 };

	if (tv && copy_to_user(current->mm, tv, v, sizeof(v)))
		return -EFAULT;
	if (tz && copy_to_user(current->mm, tz, zone, sizeof(zone)))
		return -EFAULT;
	return 0;
}

static int
get_timespec(struct task_struct *t, uaddr_t p, struct kernel_timespec *ts)
{
	if (copy_from_user(t->mm, ts, p, sizeof(*ts)))
		return -EFAULT;
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	return 0;
}

/* Sleep until the clock reads `until` (Linux: hrtimer_nanosleep). The
 * deadline is kept in syscall_progress, so the re-run after the wake-up
 * sees it has passed. A signal ends the sleep with EINTR and the time left
 * (the signal issue turns this into -ERESTART_RESTARTBLOCK). */
static long
do_nanosleep(struct task_struct *t, int clk, uint64_t until, uaddr_t rmtp)
{
	uint64_t now = 0;

	if (t->sleep_restart)
		until = t->syscall_progress;
	t->syscall_progress = until;
	clock_read_ns(t, clk, &now);
	if (now >= until)
		return 0;
	if (signal_pending(t)) {
		struct kernel_timespec left = ns_to_timespec(until - now);

		if (rmtp && copy_to_user(t->mm, rmtp, &left, sizeof(left)))
			return -EFAULT;
		return -EINTR;
	}
	/* CLOCK_REALTIME and CLOCK_MONOTONIC advance together here. */
	return schedule_timeout_until(t, t->kernel->time_ns + (until - now));
}

SYSCALL_DEFINE2(nanosleep, uaddr_t, rqtp, uaddr_t, rmtp)
{
	struct kernel_timespec ts = { 0, 0 };
	uint64_t now;
	int err = 0;

	if (!current->sleep_restart)
		err = get_timespec(current, rqtp, &ts);
	if (err)
		return err;
	clock_read_ns(current, CLOCK_MONOTONIC, &now);
	return do_nanosleep(current, CLOCK_MONOTONIC,
			    now + (uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec,
			    rmtp);
}

SYSCALL_DEFINE4(clock_nanosleep, int, which, int, flags, uaddr_t, rqtp, uaddr_t, rmtp)
{
	struct kernel_timespec ts = { 0, 0 };
	uint64_t now, len;
	int err;

	if (which == CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	err = clock_read_ns(current, which, &now);
	if (err)
		return err;
	if (which == CLOCK_PROCESS_CPUTIME_ID)
		return -EOPNOTSUPP;	/* sleeping on a CPU clock: not modelled */
	if (!current->sleep_restart) {
		err = get_timespec(current, rqtp, &ts);
		if (err)
			return err;
	}
	len = (uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
	return do_nanosleep(current, which, (flags & TIMER_ABSTIME) ? len : now + len,
			    (flags & TIMER_ABSTIME) ? 0 : rmtp);
}
