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
#include "kernel/time/timers.h"
#include "kernel/wait.h"
#include "mm/mm.h"

/* A CPU-time clock: 2 and 3, or an id made by clock_getcpuclockid or
 * glibc, ~pid << 3 | per-thread << 2 | kind (Linux: posix-cpu-timers.c
 * lookup_task). Gives the task whose time it counts and whether that is
 * the thread's or the whole process's; -EINVAL for no such clock. */
int
cpu_clock_resolve(struct task_struct *t, int clk, struct task_struct **p, bool *thread)
{
	pid_t pid;

	*p = t;
	*thread = clk == CLOCK_THREAD_CPUTIME_ID;
	if (clk == CLOCK_PROCESS_CPUTIME_ID || clk == CLOCK_THREAD_CPUTIME_ID)
		return 0;
	if (clk >= 0 || (clk & 3) == 3)
		return -EINVAL;
	pid = ~(clk >> 3);
	*thread = clk & 4;
	if (!pid)
		return 0;
	*p = find_task_by_vpid(t->kernel, pid);
	if (!*p || (*p)->exit_state)
		return -EINVAL;
	if (*thread ? (*p)->tgid != t->tgid : !thread_group_leader(*p))
		return -EINVAL;
	return 0;
}

/* Read a clock in nanoseconds; -EINVAL for an unknown clock. */
int
clock_read_ns(struct task_struct *t, int clk, uint64_t *ns)
{
	struct kernel *k = t->kernel;
	struct task_struct *p;
	bool thread;

	switch (clk) {
	case CLOCK_REALTIME: case CLOCK_REALTIME_COARSE: case CLOCK_REALTIME_ALARM:
	case CLOCK_TAI:
		*ns = k->realtime_base_ns + k->time_ns;
		return 0;
	case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW: case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME: case CLOCK_BOOTTIME_ALARM:
		*ns = k->time_ns;
		return 0;
	default:
		if (cpu_clock_resolve(t, clk, &p, &thread))
			return -EINVAL;
		*ns = thread ? p->utime + p->stime : thread_group_cputime(p);
		return 0;
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

static long nanosleep_restart(struct task_struct *t);

/* Sleep until the clock reads `until` (Linux: hrtimer_nanosleep). The
 * deadline is kept in syscall_progress, so the re-run after the wake-up
 * sees it has passed. A signal ends a relative sleep with the time left and
 * -ERESTART_RESTARTBLOCK (EINTR for a handler, else restart_syscall goes
 * on to the same deadline); an absolute one with -ERESTARTNOHAND. */
static long
do_nanosleep(struct task_struct *t, int clk, uint64_t until, uaddr_t rmtp, bool abs)
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

		if (abs)
			return -ERESTARTNOHAND;
		if (rmtp && copy_to_user(t->mm, rmtp, &left, sizeof(left)))
			return -EFAULT;
		t->restart_block = (struct restart_block){ .fn = nanosleep_restart,
			.clockid = clk, .expires = until, .rmtp = rmtp };
		return -ERESTART_RESTARTBLOCK;
	}
	if (clk == CLOCK_PROCESS_CPUTIME_ID) {
		/* Only the process's own CPU time ends it: with its one thread
		 * asleep, that is a signal. */
		t->__state = TASK_INTERRUPTIBLE;
		return -ESLEEP;
	}
	/* CLOCK_REALTIME and CLOCK_MONOTONIC advance together here. */
	return schedule_timeout_until(t, t->kernel->time_ns + (until - now));
}

static long
nanosleep_restart(struct task_struct *t)
{
	struct restart_block *rb = &t->restart_block;

	return do_nanosleep(t, rb->clockid, rb->expires, rb->rmtp, false);
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
			    rmtp, false);
}

SYSCALL_DEFINE4(clock_nanosleep, int, which, int, flags, uaddr_t, rqtp, uaddr_t, rmtp)
{
	struct kernel_timespec ts = { 0, 0 };
	uint64_t now, len;
	bool abs = flags & TIMER_ABSTIME;
	int err;

	err = clock_read_ns(current, which, &now);
	if (err)
		return err;
	if (which == CLOCK_THREAD_CPUTIME_ID)
		return -EOPNOTSUPP;	/* the thread clock has no nsleep */
	if (which < 0 || which == CLOCK_PROCESS_CPUTIME_ID) {
		struct task_struct *p;
		bool thread;

		cpu_clock_resolve(current, which, &p, &thread);
		/* Linux: posix_cpu_nsleep. Another process's clock is not
		 * slept on yet (its time would have to wake us). */
		if (thread || p != current)
			return -EINVAL;
		which = CLOCK_PROCESS_CPUTIME_ID;
	}
	if (!current->sleep_restart) {
		err = get_timespec(current, rqtp, &ts);
		if (err)
			return err;
	}
	len = (uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
	return do_nanosleep(current, which, abs ? len : now + len, abs ? 0 : rmtp, abs);
}
