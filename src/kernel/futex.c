/* Fast user-space mutexes (Linux: kernel/futex/core.c, waitwake.c,
 * requeue.c).
 *
 * A waiter sleeps in a hash bucket under a key naming where its word
 * lives: for a word in private memory, the address space and the address;
 * for a word in a shared mapping (a tmpfs file, shared anonymous memory),
 * the page holding it and the offset, so that two processes mapping the
 * same page meet whatever addresses they use (Linux keys those by inode
 * and page offset). A wake moves waiters off the bucket and marks them
 * woken; the sleeping futex call runs again (kernel/wait.h) and returns 0.
 * Priority-inheritance futexes are not implemented (ENOSYS, as a kernel
 * without CONFIG_FUTEX_PI answers). */
#include <string.h>

#include <uapi/time_types.h>

#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/sched/sched.h"
#include "kernel/syscalls.h"
#include "kernel/time/timers.h"
#include "mm/mm.h"

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAKE_OP		5
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_CMD_MASK		(~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))
#define FUTEX_BITSET_MATCH_ANY	0xffffffffU
#define FLAGS_SHARED		1
#define FLAGS_CLOCKRT		2

static struct list_head *
futex_bucket(struct kernel *k, const struct futex_key *key)
{
	uint64_t h = (key->a ^ (key->b * 0x9e3779b97f4a7c15ULL)) * 0xff51afd7ed558ccdULL;

	return &k->futex_queues[(h >> 32) % FUTEX_HASH_SIZE];
}

static bool
key_eq(const struct futex_key *a, const struct futex_key *b)
{
	return a->a == b->a && a->b == b->b;
}

/* The key of the word at uaddr (Linux: get_futex_key): shared words of
 * shared mappings by page, the rest by address space. */
static long
get_futex_key(struct task_struct *t, uaddr_t uaddr, int flags, struct futex_key *key)
{
	struct vm_area_struct *vma;
	struct page *page;
	int err;

	if (uaddr & 3)
		return -EINVAL;
	key->a = (uintptr_t)t->mm;
	key->b = uaddr;
	if (!(flags & FLAGS_SHARED))
		return 0;
	vma = find_vma(t->mm, uaddr);
	if (!vma || vma->vm_start > uaddr)
		return -EFAULT;
	if (!(vma->vm_flags & VM_SHARED) && !vma->vm_file)
		return 0;	/* private anonymous memory: the mm and address */
	page = follow_page(t->mm, uaddr, FAULT_READ, &err);
	if (!page)
		return -EFAULT;
	key->a = (uintptr_t)page;
	key->b = uaddr & (PAGE_SIZE - 1);
	return 0;
}

static void
futex_unqueue(struct task_struct *t)
{
	if (t->futex_q.queued) {
		list_del_init(&t->futex_q.list);
		t->futex_q.queued = false;
	}
}

/* Linux: futex_wake. */
static long
futex_wake(struct task_struct *t, uaddr_t uaddr, int flags, int nr, uint32_t bitset)
{
	struct futex_key key;
	struct futex_q *q, *n;
	struct list_head *b;
	long ret = get_futex_key(t, uaddr, flags, &key), woken = 0;

	if (ret)
		return ret;
	if (!bitset)
		return -EINVAL;
	b = futex_bucket(t->kernel, &key);
	list_for_each_entry_safe(q, n, b, list) {
		if (woken >= nr)
			break;
		if (!key_eq(&q->key, &key) || !(q->bitset & bitset))
			continue;
		futex_unqueue(q->task);
		q->task->futex_woken = true;
		wake_up_process(q->task);
		woken++;
	}
	return woken;
}

/* The absolute deadline of a wait on virtual time, or 0 for none. FUTEX_WAIT
 * takes a relative time on CLOCK_MONOTONIC; FUTEX_WAIT_BITSET an absolute
 * one, on CLOCK_REALTIME with the flag (Linux: futex_init_timeout). */
static long
futex_deadline(struct task_struct *t, uaddr_t utime, int cmd, int flags, uint64_t *deadline)
{
	struct kernel_timespec ts;
	uint64_t ns, base = t->kernel->time_ns;

	*deadline = 0;
	if (!utime)
		return 0;
	if (copy_from_user(t->mm, &ts, utime, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	ns = (uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
	if (cmd == FUTEX_WAIT) {
		*deadline = base + ns;
	} else if (flags & FLAGS_CLOCKRT) {
		uint64_t rb = t->kernel->realtime_base_ns;

		*deadline = ns > rb ? ns - rb : 1;
	} else {
		*deadline = ns ? ns : 1;
	}
	return 0;
}

static long futex_wait_restart(struct task_struct *t);

/* Linux: futex_wait. First run: check the word and queue; a re-run after
 * the wake-up decides: woken (0), timed out, or interrupted. */
static long
futex_wait(struct task_struct *t, uaddr_t uaddr, int flags, uint32_t val,
	   uint64_t deadline, uint32_t bitset)
{
	struct futex_q *q = &t->futex_q;
	uint32_t cur;
	long err;

	if (t->sleep_restart) {
		if (t->futex_woken)
			return 0;
		futex_unqueue(t);
		if (deadline && t->kernel->time_ns >= deadline)
			return -ETIMEDOUT;
		if (signal_pending(t)) {
			if (!deadline)
				return -ERESTARTSYS;
			t->restart_block = (struct restart_block){ .fn = futex_wait_restart,
				.expires = deadline, .uaddr = uaddr, .val = val,
				.bitset = bitset, .flags = flags };
			return -ERESTART_RESTARTBLOCK;
		}
	} else {
		if (!bitset)
			return -EINVAL;
		err = get_futex_key(t, uaddr, flags, &q->key);
		if (err)
			return err;
		if (copy_from_user(t->mm, &cur, uaddr, sizeof(cur)))
			return -EFAULT;
		if (cur != val)
			return -EAGAIN;
		if (deadline && t->kernel->time_ns >= deadline)
			return -ETIMEDOUT;
		q->bitset = bitset;
		q->task = t;
		t->syscall_progress = deadline;
	}
	t->futex_woken = false;
	list_add_tail(&q->list, futex_bucket(t->kernel, &q->key));
	q->queued = true;
	if (deadline)
		return schedule_timeout_until(t, deadline);
	t->__state = TASK_INTERRUPTIBLE;
	return -ESLEEP;
}

static long
futex_wait_restart(struct task_struct *t)
{
	struct restart_block *rb = &t->restart_block;

	return futex_wait(t, rb->uaddr, rb->flags, rb->val, rb->expires, rb->bitset);
}

/* Linux: futex_requeue (not PI): wake nr_wake waiters of uaddr and move up
 * to nr_requeue others to uaddr2; CMP_REQUEUE first checks *uaddr. */
static long
futex_requeue(struct task_struct *t, uaddr_t uaddr, int flags, uaddr_t uaddr2,
	      int nr_wake, int nr_requeue, const uint32_t *cmpval)
{
	struct futex_key k1, k2;
	struct futex_q *q, *n;
	long ret = get_futex_key(t, uaddr, flags, &k1), done = 0;
	uint32_t cur;

	if (!ret)
		ret = get_futex_key(t, uaddr2, flags, &k2);
	if (ret)
		return ret;
	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	if (cmpval) {
		if (copy_from_user(t->mm, &cur, uaddr, sizeof(cur)))
			return -EFAULT;
		if (cur != *cmpval)
			return -EAGAIN;
	}
	list_for_each_entry_safe(q, n, futex_bucket(t->kernel, &k1), list) {
		if (!key_eq(&q->key, &k1))
			continue;
		if (done < nr_wake) {
			futex_unqueue(q->task);
			q->task->futex_woken = true;
			wake_up_process(q->task);
		} else if (done < nr_wake + nr_requeue) {
			list_del_init(&q->list);
			q->key = k2;
			list_add_tail(&q->list, futex_bucket(t->kernel, &k2));
		} else {
			break;
		}
		done++;
	}
	return done;
}

/* FUTEX_WAKE_OP's operation on *uaddr2 and its comparison (Linux:
 * arch_futex_atomic_op_inuser and futex_atomic_op_inuser). */
static long
futex_atomic_op(struct task_struct *t, uint32_t encoded, uaddr_t uaddr, bool *cmp_ok)
{
	int op = (encoded >> 28) & 7, cmp = (encoded >> 24) & 15;
	int32_t oparg = (int32_t)(encoded << 8) >> 20, cmparg = (int32_t)(encoded << 20) >> 20;
	int32_t old, new;

	if (encoded & (8U << 28)) {	/* FUTEX_OP_OPARG_SHIFT */
		if (oparg < 0 || oparg > 31)
			return -EINVAL;
		oparg = (int32_t)(1U << oparg);
	}
	if (copy_from_user(t->mm, &old, uaddr, sizeof(old)))
		return -EFAULT;
	switch (op) {
	case 0: new = oparg; break;			/* SET */
	case 1: new = (int32_t)((uint32_t)old + (uint32_t)oparg); break;	/* ADD */
	case 2: new = old | oparg; break;		/* OR */
	case 3: new = old & ~oparg; break;		/* ANDN */
	case 4: new = old ^ oparg; break;		/* XOR */
	default: return -ENOSYS;
	}
	if (copy_to_user(t->mm, uaddr, &new, sizeof(new)))
		return -EFAULT;
	switch (cmp) {
	case 0: *cmp_ok = old == cmparg; break;
	case 1: *cmp_ok = old != cmparg; break;
	case 2: *cmp_ok = old < cmparg; break;
	case 3: *cmp_ok = old <= cmparg; break;
	case 4: *cmp_ok = old > cmparg; break;
	case 5: *cmp_ok = old >= cmparg; break;
	default: return -ENOSYS;
	}
	return 0;
}

static long
futex_wake_op(struct task_struct *t, uaddr_t uaddr, int flags, uaddr_t uaddr2,
	      int nr_wake, int nr_wake2, uint32_t op)
{
	bool cmp_ok = false;
	long ret, n1, n2 = 0;
	struct futex_key k;

	ret = get_futex_key(t, uaddr2, flags, &k);
	if (!ret)
		ret = futex_atomic_op(t, op, uaddr2, &cmp_ok);
	if (ret)
		return ret;
	n1 = futex_wake(t, uaddr, flags, nr_wake, FUTEX_BITSET_MATCH_ANY);
	if (n1 < 0)
		return n1;
	if (cmp_ok)
		n2 = futex_wake(t, uaddr2, flags, nr_wake2, FUTEX_BITSET_MATCH_ANY);
	return n1 + (n2 > 0 ? n2 : 0);
}

/* Linux: do_futex. */
SYSCALL_DEFINE6(futex, uaddr_t, uaddr, int, op, uint32_t, val, uaddr_t, utime,
		uaddr_t, uaddr2, uint32_t, val3)
{
	struct task_struct *t = current;
	int cmd = op & FUTEX_CMD_MASK, flags = 0;
	uint64_t deadline = t->syscall_progress;
	long err;

	if (!(op & FUTEX_PRIVATE_FLAG))
		flags |= FLAGS_SHARED;
	if (op & FUTEX_CLOCK_REALTIME) {
		flags |= FLAGS_CLOCKRT;
		if (cmd != FUTEX_WAIT_BITSET)
			return -ENOSYS;
	}
	switch (cmd) {
	case FUTEX_WAIT:
		val3 = FUTEX_BITSET_MATCH_ANY;
		/* fallthrough */
	case FUTEX_WAIT_BITSET:
		if (!t->sleep_restart) {
			err = futex_deadline(t, utime, cmd, flags, &deadline);
			if (err)
				return err;
		}
		return futex_wait(t, uaddr, flags, val, deadline, val3);
	case FUTEX_WAKE:
		val3 = FUTEX_BITSET_MATCH_ANY;
		/* fallthrough */
	case FUTEX_WAKE_BITSET:
		return futex_wake(t, uaddr, flags, (int)val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(t, uaddr, flags, uaddr2, (int)val, (int)utime, NULL);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(t, uaddr, flags, uaddr2, (int)val, (int)utime, &val3);
	case FUTEX_WAKE_OP:
		return futex_wake_op(t, uaddr, flags, uaddr2, (int)val, (int)utime, val3);
	default:
		return -ENOSYS;
	}
}

/* A task leaving: off any futex queue; its CLONE_CHILD_CLEARTID word is
 * zeroed and woken (Linux: mm_release with do_futex FUTEX_WAKE). */
void
futex_exit_release(struct task_struct *t)
{
	futex_unqueue(t);
}

void
futex_wake_cleartid(struct task_struct *t, uaddr_t uaddr)
{
	futex_wake(t, uaddr, FLAGS_SHARED, 1, FUTEX_BITSET_MATCH_ANY);
}
