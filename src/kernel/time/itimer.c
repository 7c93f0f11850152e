/* Interval timers: setitimer/getitimer (Linux: kernel/time/itimer.c).
 * ITIMER_REAL is an hrtimer on virtual time sending SIGALRM; ITIMER_VIRTUAL
 * and ITIMER_PROF count the process's CPU time (user, and user plus
 * system) and are checked at the end of each turn on a hart (Linux: at the
 * tick, run_posix_cpu_timers). glibc's alarm() is setitimer. */
#include <string.h>

#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "kernel/time/timers.h"
#include "mm/mm.h"

#define ITIMER_REAL	0
#define ITIMER_VIRTUAL	1
#define ITIMER_PROF	2
#define SIGVTALRM	26
#define SIGPROF		27
#define NSEC_PER_USEC	1000ULL
#define TICK_NSEC	4000000ULL	/* HZ = 250 */

struct old_timeval_ {
	int64_t tv_sec, tv_usec;
};

struct itimerval_ {
	struct old_timeval_ it_interval, it_value;
};

static struct old_timeval_
ns_to_timeval(uint64_t ns)
{
	return (struct old_timeval_){ (int64_t)(ns / NSEC_PER_SEC),
				      (int64_t)(ns % NSEC_PER_SEC / NSEC_PER_USEC) };
}

static bool
timeval_valid(const struct old_timeval_ *tv)
{
	return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < 1000000;
}

static uint64_t
timeval_to_ns(const struct old_timeval_ *tv)
{
	return (uint64_t)tv->tv_sec * NSEC_PER_SEC + (uint64_t)tv->tv_usec * NSEC_PER_USEC;
}

/* Signal a timer's process from the kernel (Linux: SEND_SIG_PRIV). */
static void
itimer_signal(struct signal_struct *sig, int signo)
{
	kernel_siginfo_t info;

	memset(&info, 0, sizeof(info));
	info.si_signo = signo;
	info.si_code = SI_KERNEL;
	if (sig->leader)
		group_send_sig_info_kernel(sig->leader, &info);
}

/* ITIMER_REAL expired: SIGALRM. An interval timer runs again once the
 * signal is taken (it_real_rearm). */
void
it_real_fn(struct hrtimer *timer)
{
	struct signal_struct *sig = container_of(timer, struct signal_struct, real_timer);

	itimer_signal(sig, SIGALRM);
}

/* The next expiry of a periodic timer: the first period boundary after
 * now (Linux: hrtimer_forward). Returns how many periods went by. */
uint64_t
timer_forward(uint64_t *expires, uint64_t now, uint64_t interval)
{
	uint64_t n;

	if (now < *expires)
		return 0;
	n = (now - *expires) / interval + 1;
	*expires += n * interval;
	return n;
}

/* SIGALRM was dequeued: restart a periodic ITIMER_REAL (Linux: the
 * SIGALRM case of dequeue_signal). */
void
it_real_rearm(struct task_struct *t)
{
	struct signal_struct *sig = t->signal;
	uint64_t expires = sig->real_timer.expires;

	if (sig->real_timer.queued || !sig->it_real_incr)
		return;
	timer_forward(&expires, t->kernel->time_ns, sig->it_real_incr);
	hrtimer_start(t->kernel, &sig->real_timer, expires);
}

/* The earliest CPU-time expiry of the group, for the cheap check at the
 * end of each turn. */
void
update_cputime_expires(struct signal_struct *sig)
{
	struct k_itimer *timr;
	uint64_t e = 0;

	for (int i = 0; i < 2; i++)
		if (sig->it[i].expires && (!e || sig->it[i].expires < e))
			e = sig->it[i].expires;
	if (sig->rlim[RLIMIT_CPU].rlim_cur != RLIM64_INFINITY) {
		uint64_t r = sig->rlim[RLIMIT_CPU].rlim_cur * NSEC_PER_SEC;

		if (!e || r < e)
			e = r ? r : 1;
	}
	list_for_each_entry(timr, &sig->posix_timers, list)
		if (timr->it_active && (!e || timr->it_expires < e))
			e = timr->it_expires;
	sig->cputime_expires = e;
}

static void
get_itimer(struct task_struct *t, int which, struct itimerval_ *v)
{
	struct signal_struct *sig = t->signal;
	uint64_t now = t->kernel->time_ns, val = 0, incr;

	if (which == ITIMER_REAL) {
		incr = sig->it_real_incr;
		if (sig->real_timer.queued)
			val = sig->real_timer.expires > now ? sig->real_timer.expires - now :
			      NSEC_PER_USEC;
	} else {
		struct cpu_itimer *it = &sig->it[which - 1];
		uint64_t cpu = thread_group_cputime(t);

		incr = it->incr;
		if (it->expires)
			val = it->expires > cpu ? it->expires - cpu : TICK_NSEC;
	}
	v->it_value = ns_to_timeval(val);
	v->it_interval = ns_to_timeval(incr);
}

static void
set_itimer(struct task_struct *t, int which, const struct itimerval_ *v)
{
	struct signal_struct *sig = t->signal;
	uint64_t val = timeval_to_ns(&v->it_value), incr = timeval_to_ns(&v->it_interval);

	if (which == ITIMER_REAL) {
		hrtimer_cancel(&sig->real_timer);
		sig->it_real_incr = val ? incr : 0;	/* Linux: do_setitimer */
		if (val)
			hrtimer_start(t->kernel, &sig->real_timer, t->kernel->time_ns + val);
		return;
	}
	/* Linux: set_cpu_itimer adds a tick to a new value. */
	sig->it[which - 1].expires = val ? thread_group_cputime(t) + val + TICK_NSEC : 0;
	sig->it[which - 1].incr = incr;
	update_cputime_expires(sig);
}

SYSCALL_DEFINE2(getitimer, int, which, uaddr_t, value)
{
	struct itimerval_ v;

	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	get_itimer(current, which, &v);
	return copy_to_user(current->mm, value, &v, sizeof(v)) ? -EFAULT : 0;
}

/* A NULL new value disarms, as Linux still allows. */
SYSCALL_DEFINE3(setitimer, int, which, uaddr_t, value, uaddr_t, ovalue)
{
	struct itimerval_ v, old;

	memset(&v, 0, sizeof(v));
	if (value && copy_from_user(current->mm, &v, value, sizeof(v)))
		return -EFAULT;
	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	if (!timeval_valid(&v.it_value) || !timeval_valid(&v.it_interval))
		return -EINVAL;
	get_itimer(current, which, &old);
	set_itimer(current, which, &v);
	if (ovalue && copy_to_user(current->mm, ovalue, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* RLIMIT_CPU: SIGKILL at the hard limit; at the soft one SIGXCPU, and the
 * soft limit moves a second on, up to the hard one (Linux:
 * check_process_timers). */
void
check_rlimit_cpu(struct task_struct *t, uint64_t cpu)
{
	struct rlimit64 *r = &t->signal->rlim[RLIMIT_CPU];
	uint64_t secs = cpu / NSEC_PER_SEC;

	if (r->rlim_cur == RLIM64_INFINITY)
		return;
	if (r->rlim_max != RLIM64_INFINITY && secs >= r->rlim_max) {
		itimer_signal(t->signal, SIGKILL);
		return;
	}
	if (secs >= r->rlim_cur) {
		itimer_signal(t->signal, SIGXCPU);
		if (r->rlim_cur < r->rlim_max)
			r->rlim_cur++;
	}
}

/* The CPU itimers that the group's CPU time has reached (Linux:
 * check_cpu_itimer). */
void
check_cpu_itimers(struct task_struct *t, uint64_t cpu)
{
	static const int signo[2] = { SIGVTALRM, SIGPROF };
	struct signal_struct *sig = t->signal;

	for (int i = 0; i < 2; i++) {
		struct cpu_itimer *it = &sig->it[i];

		if (!it->expires || cpu < it->expires)
			continue;
		if (it->incr)
			it->expires += ((cpu - it->expires) / it->incr + 1) * it->incr;
		else
			it->expires = 0;
		itimer_signal(sig, signo[i]);
	}
}
