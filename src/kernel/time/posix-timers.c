/* POSIX timers: timer_create and friends (Linux: kernel/time/posix-timers.c
 * and posix-cpu-timers.c).
 *
 * A timer owns a preallocated SI_TIMER queue entry. When it expires while
 * that entry is still pending, the expiry only counts as an overrun. A
 * periodic timer whose signal was queued is re-armed when the signal is
 * dequeued, counting the periods that went by meanwhile as overruns
 * (posixtimer_rearm): timer_getoverrun() and si_overrun report them. */
#include <stdlib.h>
#include <string.h>

#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "kernel/time/timers.h"
#include "mm/mm.h"

#define SIGEV_SIGNAL	0
#define SIGEV_NONE	1
#define SIGEV_THREAD	2
#define SIGEV_THREAD_ID	4
#define SIGALRM_	14
#define DELAYTIMER_MAX	INT32_MAX

/* The guest's struct sigevent (asm-generic/siginfo.h, 64 bytes). */
struct sigevent_ {
	uint64_t sigev_value;
	int32_t sigev_signo;
	int32_t sigev_notify;
	int32_t sigev_tid;
	int32_t pad[11];
};

struct itimerspec_ {
	struct kernel_timespec it_interval, it_value;
};

static bool
cpu_clock(int clk)
{
	return clk == CLOCK_PROCESS_CPUTIME_ID || clk == CLOCK_THREAD_CPUTIME_ID;
}

/* The clock a new timer runs on, CPU clocks as 2 or 3 (Linux: the
 * k_clock's timer_create, EOPNOTSUPP where a clock has none). Timers on
 * another process's CPU clock are not supported yet: EINVAL. */
static long
timer_clock(struct task_struct *t, int clk, int *out)
{
	struct task_struct *p;
	bool thread;

	*out = clk;
	switch (clk) {
	case CLOCK_REALTIME: case CLOCK_MONOTONIC: case CLOCK_BOOTTIME:
	case CLOCK_REALTIME_ALARM: case CLOCK_BOOTTIME_ALARM: case CLOCK_TAI:
		return 0;
	case CLOCK_MONOTONIC_RAW: case CLOCK_REALTIME_COARSE: case CLOCK_MONOTONIC_COARSE:
		return -EOPNOTSUPP;
	}
	if (cpu_clock_resolve(t, clk, &p, &thread))
		return -EINVAL;
	if (thread ? p != t : p->tgid != t->tgid)
		return -EINVAL;
	*out = thread ? CLOCK_THREAD_CPUTIME_ID : CLOCK_PROCESS_CPUTIME_ID;
	return 0;
}

/* The group's CPU time: one thread per group so far. The turn running now
 * counts up to its last trap. */
uint64_t
thread_group_cputime(struct task_struct *t)
{
	return t->utime + t->stime;
}

/* The clock's "now" in the timer's own terms: virtual ns for real clocks,
 * CPU ns for CPU clocks. */
static uint64_t
timer_now(struct k_itimer *timr)
{
	if (cpu_clock(timr->it_clock))
		return thread_group_cputime(timr->it_process);
	return timr->it_process->kernel->time_ns;
}

static uint64_t
timer_expires(struct k_itimer *timr)
{
	return cpu_clock(timr->it_clock) ? timr->it_expires : timr->it_timer.expires;
}

static bool
timer_armed(struct k_itimer *timr)
{
	return cpu_clock(timr->it_clock) ? timr->it_active : timr->it_timer.queued;
}

/* Arm at `expires` (the timer's own terms). */
static void
timer_arm(struct k_itimer *timr, uint64_t expires)
{
	struct task_struct *p = timr->it_process;

	if (cpu_clock(timr->it_clock)) {
		timr->it_expires = expires;
		timr->it_active = true;
		update_cputime_expires(p->signal);
	} else {
		hrtimer_start(p->kernel, &timr->it_timer, expires);
	}
}

static void
timer_disarm(struct k_itimer *timr)
{
	hrtimer_cancel(&timr->it_timer);
	if (timr->it_active) {
		timr->it_active = false;
		update_cputime_expires(timr->it_process->signal);
	}
}

/* The timer expired (Linux: posix_timer_fn / cpu_timer_fire). */
static void
posix_timer_fire(struct k_itimer *timr)
{
	int ret;

	timr->it_active = false;
	if (timr->it_sigev_notify == SIGEV_NONE)
		return;		/* timer_gettime works the periods out */
	timr->sigq->info._timer.overrun = 0;
	ret = send_sigqueue(timr->sigq, timr->it_process,
			    timr->it_sigev_notify != SIGEV_THREAD_ID);
	if (ret == 0) {
		timr->it_requeue_pending = true;
		return;
	}
	/* Pending still (an overrun), or ignored: a periodic timer goes on. */
	if (timr->it_interval) {
		uint64_t e = timer_expires(timr);

		timr->it_overrun += (int64_t)timer_forward(&e, timer_now(timr), timr->it_interval);
		timer_arm(timr, e);
	}
}

static void
posix_timer_fn(struct hrtimer *timer)
{
	posix_timer_fire(container_of(timer, struct k_itimer, it_timer));
}

/* The timer's signal was dequeued: a periodic timer runs on from the next
 * period boundary, the periods missed being its overruns (Linux:
 * posixtimer_rearm). */
void
posixtimer_rearm(struct k_itimer *timr, kernel_siginfo_t *info)
{
	int64_t sum;

	if (!timr->it_requeue_pending)
		return;
	timr->it_requeue_pending = false;
	timr->it_overrun_last = 0;
	if (timr->it_interval) {
		uint64_t e = timer_expires(timr);

		timr->it_overrun_last = timr->it_overrun +
			(int64_t)timer_forward(&e, timer_now(timr), timr->it_interval) - 1;
		if (timr->it_overrun_last < 0)
			timr->it_overrun_last = 0;
		timer_arm(timr, e);
	}
	timr->it_overrun = 0;
	sum = timr->it_overrun_last + info->_timer.overrun;
	timr->it_overrun_last = sum > DELAYTIMER_MAX ? DELAYTIMER_MAX : sum;
	info->_timer.overrun = (int32_t)timr->it_overrun_last;
}

static struct k_itimer *
find_timer(struct task_struct *t, int32_t id)
{
	struct k_itimer *timr;

	list_for_each_entry(timr, &t->signal->posix_timers, list)
		if (timr->it_id == id)
			return timr;
	return NULL;
}

/* The lowest free id from next_posix_timer_id on (Linux: posix_timer_add). */
static int
alloc_timer_id(struct signal_struct *sig, struct task_struct *t)
{
	for (int n = 0; n < INT32_MAX; n++) {
		int id = sig->next_posix_timer_id;

		sig->next_posix_timer_id = (id + 1) & INT32_MAX;
		if (!find_timer(t, id))
			return id;
	}
	return -EAGAIN;
}

/* Who gets the signal (Linux: good_sigevent). */
static long
good_sigevent(struct task_struct *t, const struct sigevent_ *ev, struct task_struct **target)
{
	*target = t->group_leader;
	switch (ev->sigev_notify) {
	case SIGEV_SIGNAL | SIGEV_THREAD_ID:
		*target = find_task_by_vpid(t->kernel, ev->sigev_tid);
		if (!*target || (*target)->tgid != t->tgid)
			return -EINVAL;
		/* fallthrough */
	case SIGEV_SIGNAL:
	case SIGEV_THREAD:
		if (ev->sigev_signo <= 0 || ev->sigev_signo > SIGRTMAX)
			return -EINVAL;
		/* fallthrough */
	case SIGEV_NONE:
		return 0;
	default:
		return -EINVAL;
	}
}

static void release_posix_timer(struct k_itimer *timr);

static long
do_timer_create(struct task_struct *t, int clk, const struct sigevent_ *ev, int *id)
{
	struct task_struct *target;
	struct k_itimer *timr;
	long err;

	err = good_sigevent(t, ev, &target);
	if (err)
		return err;
	timr = calloc(1, sizeof(*timr));
	if (!timr)
		return -EAGAIN;
	timr->sigq = sigqueue_alloc_prealloc(t);
	*id = alloc_timer_id(t->signal, t);
	if (!timr->sigq || *id < 0) {
		if (timr->sigq)
			sigqueue_free(timr->sigq);
		free(timr);
		return -EAGAIN;
	}
	timr->it_id = *id;
	timr->it_clock = clk;
	timr->it_sigev_notify = ev->sigev_notify;
	timr->it_process = target;
	hrtimer_init(&timr->it_timer, posix_timer_fn);
	memset(&timr->sigq->info, 0, sizeof(timr->sigq->info));
	timr->sigq->info.si_signo = ev->sigev_signo;
	timr->sigq->info.si_code = SI_TIMER;
	timr->sigq->info._timer.tid = *id;
	timr->sigq->info._timer.value = ev->sigev_value;
	timr->sigq->timer = timr;
	list_add_tail(&timr->list, &t->signal->posix_timers);
	return 0;
}

SYSCALL_DEFINE3(timer_create, int, which_clock, uaddr_t, timer_event_spec,
		uaddr_t, created_timer_id)
{
	struct sigevent_ ev;
	int id = 0, clk;
	long err;

	err = timer_clock(current, which_clock, &clk);
	if (err)
		return err;
	if (timer_event_spec) {
		if (copy_from_user(current->mm, &ev, timer_event_spec, sizeof(ev)))
			return -EFAULT;
	} else {
		/* Linux's default: SIGALRM carrying the timer id. */
		memset(&ev, 0, sizeof(ev));
		ev.sigev_notify = SIGEV_SIGNAL;
		ev.sigev_signo = SIGALRM_;
		ev.sigev_value = (uint64_t)current->signal->next_posix_timer_id;
	}
	err = do_timer_create(current, clk, &ev, &id);
	if (err)
		return err;
	if (copy_to_user(current->mm, created_timer_id, &id, sizeof(id))) {
		release_posix_timer(find_timer(current, id));
		return -EFAULT;
	}
	return 0;
}

/* Linux: common_timer_get. A SIGEV_NONE periodic timer is never re-armed:
 * its remaining time is worked out from the periods. */
static void
timer_get(struct k_itimer *timr, struct itimerspec_ *cur)
{
	uint64_t now = timer_now(timr), e = timer_expires(timr), rem = 0;
	bool armed = timer_armed(timr);

	memset(cur, 0, sizeof(*cur));
	cur->it_interval = ns_to_timespec(timr->it_interval);
	if (timr->it_sigev_notify == SIGEV_NONE && timr->it_interval && e) {
		timer_forward(&e, now, timr->it_interval);
		armed = true;
	}
	if (!armed)
		return;
	rem = e > now ? e - now : (timr->it_sigev_notify == SIGEV_NONE ? 0 : 1);
	cur->it_value = ns_to_timespec(rem);
}

SYSCALL_DEFINE2(timer_gettime, int32_t, timer_id, uaddr_t, setting)
{
	struct k_itimer *timr = find_timer(current, timer_id);
	struct itimerspec_ cur;

	if (!timr)
		return -EINVAL;
	timer_get(timr, &cur);
	return copy_to_user(current->mm, setting, &cur, sizeof(cur)) ? -EFAULT : 0;
}

static bool
timespec_valid(const struct kernel_timespec *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < NSEC_PER_SEC;
}

static uint64_t
timespec_to_ns(const struct kernel_timespec *ts)
{
	return (uint64_t)ts->tv_sec * NSEC_PER_SEC + (uint64_t)ts->tv_nsec;
}

/* Absolute expiry in the timer's terms (Linux: common_timer_set). A
 * CLOCK_REALTIME time is converted to virtual time. */
static uint64_t
timer_target(struct k_itimer *timr, int flags, uint64_t val)
{
	struct kernel *k = timr->it_process->kernel;
	bool realtime = timr->it_clock == CLOCK_REALTIME || timr->it_clock == CLOCK_TAI ||
			timr->it_clock == CLOCK_REALTIME_ALARM;

	if (!(flags & TIMER_ABSTIME))
		return timer_now(timr) + val;
	if (realtime)
		return val > k->realtime_base_ns ? val - k->realtime_base_ns : 0;
	return val;
}

SYSCALL_DEFINE4(timer_settime, int32_t, timer_id, int, flags, uaddr_t, new_setting,
		uaddr_t, old_setting)
{
	struct k_itimer *timr;
	struct itimerspec_ spec, old;
	uint64_t val;

	if (!new_setting)
		return -EINVAL;
	if (copy_from_user(current->mm, &spec, new_setting, sizeof(spec)))
		return -EFAULT;
	if (!timespec_valid(&spec.it_interval) || !timespec_valid(&spec.it_value))
		return -EINVAL;
	timr = find_timer(current, timer_id);
	if (!timr)
		return -EINVAL;
	timer_get(timr, &old);
	timer_disarm(timr);
	timr->it_requeue_pending = false;
	timr->it_overrun = 0;
	timr->it_overrun_last = 0;
	timr->it_interval = timespec_to_ns(&spec.it_interval);
	timr->it_expires = 0;
	val = timespec_to_ns(&spec.it_value);
	if (val) {
		uint64_t e = timer_target(timr, flags, val);

		if (timr->it_sigev_notify == SIGEV_NONE)
			timr->it_timer.expires = timr->it_expires = e;
		timer_arm(timr, e);
	}
	if (old_setting && copy_to_user(current->mm, old_setting, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE1(timer_getoverrun, int32_t, timer_id)
{
	struct k_itimer *timr = find_timer(current, timer_id);

	if (!timr)
		return -EINVAL;
	return timr->it_overrun_last;
}

static void
release_posix_timer(struct k_itimer *timr)
{
	timer_disarm(timr);
	list_del_init(&timr->list);
	sigqueue_free(timr->sigq);
	free(timr);
}

SYSCALL_DEFINE1(timer_delete, int32_t, timer_id)
{
	struct k_itimer *timr = find_timer(current, timer_id);

	if (!timr)
		return -EINVAL;
	release_posix_timer(timr);
	update_cputime_expires(current->signal);
	return 0;
}

/* The group is exiting or exec'ing: every timer goes (Linux: exit_itimers;
 * exec keeps the itimers, not the POSIX timers). */
void
exit_itimers(struct task_struct *t)
{
	struct signal_struct *sig = t->signal;

	while (!list_empty(&sig->posix_timers))
		release_posix_timer(list_first_entry(&sig->posix_timers, struct k_itimer, list));
	update_cputime_expires(sig);
}

/* End of a turn: fire the CPU-clock timers t's CPU time has reached
 * (Linux: run_posix_cpu_timers). */
void
run_posix_cpu_timers(struct task_struct *t)
{
	struct signal_struct *sig = t->signal;
	uint64_t cpu = thread_group_cputime(t);
	struct k_itimer *timr, *n;

	if (!sig->cputime_expires || cpu < sig->cputime_expires)
		return;
	check_rlimit_cpu(t, cpu);
	check_cpu_itimers(t, cpu);
	list_for_each_entry_safe(timr, n, &sig->posix_timers, list)
		if (timr->it_active && cpu >= timr->it_expires)
			posix_timer_fire(timr);
	update_cputime_expires(sig);
}
