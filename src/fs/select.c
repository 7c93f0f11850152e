/* poll and select (Linux: fs/select.c). riscv64 has only ppoll and pselect6.
 *
 * A first pass asks each file for its ready events; if none is ready and
 * the caller may wait, a second pass queues the task on every file's wait
 * queues (poll_wait) and the syscall sleeps, to run again from the start
 * when any of them, or the timeout, wakes it. */
#include <stdlib.h>

#include "fs/fs.h"
#include <uapi/time_types.h>
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/sched/sched.h"
#include "kernel/syscalls.h"
#include "kernel/wait.h"
#include "mm/mm.h"

#define POLLIN		0x0001
#define POLLOUT		0x0004
#define POLLERR		0x0008
#define POLLHUP		0x0010
#define POLLNVAL	0x0020
#define POLLRDNORM	0x0040
#define POLLWRNORM	0x0100
/* What a file without a poll operation reports (DEFAULT_POLLMASK). */
#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

struct pollfd_ {
	int32_t fd;
	int16_t events, revents;
};

/* One fd's ready events; with `queue`, also wait on its queues. */
static int16_t
do_pollfd(struct task_struct *t, struct pollfd_ *pfd, bool queue)
{
	struct file *f;
	unsigned int mask;

	if (pfd->fd < 0)
		return 0;
	f = fget(t, (unsigned int)pfd->fd);
	if (!f)
		return POLLNVAL;
	mask = f->f_op->poll ? f->f_op->poll(t, f, queue) : DEFAULT_POLLMASK;
	fput(f);
	return (int16_t)(mask & ((uint16_t)pfd->events | POLLERR | POLLHUP));
}

static int
poll_pass(struct task_struct *t, struct pollfd_ *fds, unsigned int nfds, bool queue)
{
	int count = 0;

	for (unsigned int i = 0; i < nfds; i++) {
		fds[i].revents = do_pollfd(t, &fds[i], queue);
		count += fds[i].revents != 0;
	}
	return count;
}

/* Linux: do_sys_poll. The deadline (absolute virtual ns) lives in
 * syscall_progress across the re-runs; UINT64_MAX waits forever. */
static long
do_sys_poll(struct task_struct *t, uaddr_t ufds, unsigned int nfds, uint64_t deadline)
{
	size_t size = (size_t)nfds * sizeof(struct pollfd_);
	struct pollfd_ *fds;
	long ret;

	if (nfds > t->signal->rlim[RLIMIT_NOFILE].rlim_cur)
		return -EINVAL;
	fds = malloc(size ? size : 1);
	if (!fds)
		return -ENOMEM;
	if (copy_from_user(t->mm, fds, ufds, size)) {
		ret = -EFAULT;
		goto out;
	}
	ret = poll_pass(t, fds, nfds, false);
	if (ret || t->kernel->time_ns >= deadline) {
		if (copy_to_user(t->mm, ufds, fds, size))
			ret = -EFAULT;
		goto out;
	}
	if (signal_pending(t)) {
		ret = -ERESTARTNOHAND;
		goto out;
	}
	poll_pass(t, fds, nfds, true);
	ret = deadline == UINT64_MAX ? (t->__state = TASK_INTERRUPTIBLE, -ESLEEP) :
	      schedule_timeout_until(t, deadline);
out:
	free(fds);
	return ret;
}

/* The absolute deadline of a timeout argument, kept in syscall_progress
 * across re-runs: UINT64_MAX for none. */
static long
poll_deadline(struct task_struct *t, uaddr_t tsp)
{
	struct kernel_timespec ts;

	if (t->sleep_restart)
		return 0;
	t->syscall_progress = UINT64_MAX;
	if (!tsp)
		return 0;
	if (copy_from_user(t->mm, &ts, tsp, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
		return -EINVAL;
	t->syscall_progress = t->kernel->time_ns +
			      (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
	return 0;
}

SYSCALL_DEFINE5(ppoll, uaddr_t, ufds, unsigned int, nfds, uaddr_t, tsp,
		uaddr_t, sigmask, size_t, sigsetsize)
{
	long ret = poll_deadline(current, tsp);

	if (ret)
		return ret;
	ret = set_user_sigmask(current, sigmask, sigsetsize);
	if (ret)
		return ret;
	ret = do_sys_poll(current, ufds, nfds, current->syscall_progress);
	restore_saved_sigmask_unless(current, ret);
	return ret;
}

#define POLLPRI		0x0002
#define POLLEX_SET	POLLPRI
#define POLLIN_SET	(POLLRDNORM | POLLIN | POLLHUP | POLLERR)
#define POLLOUT_SET	(POLLWRNORM | POLLOUT | POLLERR)

/* The pollfd array of three fd sets: one entry per fd in any set. */
static int
sets_to_pollfds(int n, uint64_t sets[3][16], struct pollfd_ *fds)
{
	static const int16_t ev[3] = { POLLIN_SET, POLLOUT_SET, POLLEX_SET };
	int nfds = 0;

	for (int fd = 0; fd < n; fd++) {
		int16_t events = 0;

		for (int s = 0; s < 3; s++)
			if (sets[s][fd / 64] & (1ULL << (fd % 64)))
				events |= ev[s];
		if (events)
			fds[nfds++] = (struct pollfd_){ .fd = fd, .events = events };
	}
	return nfds;
}

/* Back to fd sets: the count of bits set, or -EBADF for a closed fd. */
static long
pollfds_to_sets(const struct pollfd_ *fds, int nfds, uint64_t res[3][16])
{
	static const int16_t ev[3] = { POLLIN_SET, POLLOUT_SET, POLLEX_SET };
	long count = 0;

	for (int i = 0; i < nfds; i++) {
		if (fds[i].revents & POLLNVAL)
			return -EBADF;
		for (int s = 0; s < 3; s++) {
			if ((fds[i].events & ev[s]) && (fds[i].revents & ev[s])) {
				res[s][fds[i].fd / 64] |= 1ULL << (fds[i].fd % 64);
				count++;
			}
		}
	}
	return count;
}

/* Linux: core_sys_select, written over the poll machinery. */
static long
do_select(struct task_struct *t, int n, uaddr_t uset[3], uint64_t deadline)
{
	size_t words = ((size_t)n + 63) / 64;
	uint64_t sets[3][16] = { { 0 } }, res[3][16] = { { 0 } };
	struct pollfd_ *fds;
	long ret;
	int nfds;

	if (n < 0 || words > 16)
		return -EINVAL;
	for (int s = 0; s < 3; s++)
		if (uset[s] && copy_from_user(t->mm, sets[s], uset[s], words * 8))
			return -EFAULT;
	fds = calloc(n ? n : 1, sizeof(*fds));
	if (!fds)
		return -ENOMEM;
	nfds = sets_to_pollfds(n, sets, fds);
	ret = poll_pass(t, fds, nfds, false);
	if (!ret && t->kernel->time_ns < deadline) {
		if (signal_pending(t)) {
			ret = -ERESTARTNOHAND;
		} else {
			poll_pass(t, fds, nfds, true);
			ret = deadline == UINT64_MAX ?
			      (t->__state = TASK_INTERRUPTIBLE, -ESLEEP) :
			      schedule_timeout_until(t, deadline);
		}
		free(fds);
		return ret;
	}
	ret = pollfds_to_sets(fds, nfds, res);
	free(fds);
	for (int s = 0; s < 3 && ret >= 0; s++)
		if (uset[s] && copy_to_user(t->mm, uset[s], res[s], words * 8))
			ret = -EFAULT;
	return ret;
}

SYSCALL_DEFINE6(pselect6, int, n, uaddr_t, inp, uaddr_t, outp, uaddr_t, exp,
		uaddr_t, tsp, uaddr_t, sig)
{
	struct { uint64_t ss, ss_len; } pack = { 0, 0 };
	long ret = poll_deadline(current, tsp);

	if (ret)
		return ret;
	/* The sixth argument points at { sigset pointer, its size }. */
	if (sig && copy_from_user(current->mm, &pack, sig, sizeof(pack)))
		return -EFAULT;
	ret = set_user_sigmask(current, pack.ss, pack.ss_len);
	if (ret)
		return ret;
	ret = do_select(current, n, (uaddr_t[3]){ inp, outp, exp },
			current->syscall_progress);
	restore_saved_sigmask_unless(current, ret);
	return ret;
}
