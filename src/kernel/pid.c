/* PIDs (Linux: kernel/pid.c): allocation up to pid_max with wrap-around,
 * O(1) lookup by number through a hash, and struct pid, which links each
 * number to the tasks that bear it as PID, process group or session, so a
 * group or a session is found without walking all tasks.
 *
 * A number stays in use while any task bears it in any of those roles:
 * a process group outlives its leader as long as members remain. A bitmap
 * of the numbers in use (Linux keeps them in an idr) gives the next free
 * one and walks the used ones in order (/proc's listing) at 64 per word. */
#include <stdlib.h>

#include "kernel/kernel.h"
#include "kernel/sched.h"

#define PIDHASH_SIZE	16384	/* chains stay short up to ~10^4 processes */
#define BITS_PER_WORD	64
#define RESERVED_PIDS	300	/* after wrapping, allocation restarts here */

static unsigned
pid_hashfn(pid_t nr)
{
	return (unsigned)nr & (PIDHASH_SIZE - 1);
}

struct pid *
find_pid(struct kernel *k, pid_t nr)
{
	struct pid *pid;

	if (nr <= 0 || !k->pid_hash)
		return NULL;
	for (pid = k->pid_hash[pid_hashfn(nr)]; pid; pid = pid->hash_next)
		if (pid->nr == nr)
			return pid;
	return NULL;
}

/* The task with this PID (Linux: find_task_by_vpid). */
struct task_struct *
find_task_by_vpid(struct kernel *k, pid_t nr)
{
	struct pid *pid = find_pid(k, nr);

	return pid ? pid_task(pid, PIDTYPE_PID) : NULL;
}

struct task_struct *
pid_task(struct pid *pid, enum pid_type type)
{
	if (!pid || list_empty(&pid->tasks[type]))
		return NULL;
	return list_first_entry(&pid->tasks[type], struct task_struct, pid_links[type]);
}

static bool
pid_in_use(const struct kernel *k, pid_t nr)
{
	return k->pid_map[nr / BITS_PER_WORD] & (1ULL << (nr % BITS_PER_WORD));
}

/* The first number in use from nr on, or 0 (Linux: idr_get_next). */
pid_t
next_pid_in_use(struct kernel *k, pid_t nr)
{
	size_t w;
	uint64_t bits;

	if (!k->pid_map || nr <= 0)
		nr = 1;
	if (!k->pid_map || nr >= PID_MAX_LIMIT)
		return 0;
	w = (size_t)nr / BITS_PER_WORD;
	bits = k->pid_map[w] & (~0ULL << (nr % BITS_PER_WORD));
	while (!bits) {
		if (++w >= PID_MAX_LIMIT / BITS_PER_WORD)
			return 0;
		bits = k->pid_map[w];
	}
	return (pid_t)(w * BITS_PER_WORD + (size_t)__builtin_ctzll(bits));
}

static struct pid *
new_pid(struct kernel *k, pid_t nr)
{
	struct pid *pid = calloc(1, sizeof(*pid));

	if (!pid)
		return NULL;
	k->pid_map[nr / BITS_PER_WORD] |= 1ULL << (nr % BITS_PER_WORD);
	pid->nr = nr;
	for (int i = 0; i < PIDTYPE_MAX; i++)
		INIT_LIST_HEAD(&pid->tasks[i]);
	pid->hash_next = k->pid_hash[pid_hashfn(nr)];
	k->pid_hash[pid_hashfn(nr)] = pid;
	return pid;
}

/* Free a struct pid no task bears any more. */
static void
put_pid(struct kernel *k, struct pid *pid)
{
	struct pid **pp;

	for (int i = 0; i < PIDTYPE_MAX; i++)
		if (!list_empty(&pid->tasks[i]))
			return;
	k->pid_map[pid->nr / BITS_PER_WORD] &= ~(1ULL << (pid->nr % BITS_PER_WORD));
	for (pp = &k->pid_hash[pid_hashfn(pid->nr)]; *pp; pp = &(*pp)->hash_next) {
		if (*pp == pid) {
			*pp = pid->hash_next;
			break;
		}
	}
	free(pid);
}

void
attach_pid(struct task_struct *t, enum pid_type type, struct pid *pid)
{
	t->pids[type] = pid;
	list_add_tail(&t->pid_links[type], &pid->tasks[type]);
}

void
detach_pid(struct task_struct *t, enum pid_type type)
{
	struct pid *pid = t->pids[type];

	if (!pid)
		return;
	list_del_init(&t->pid_links[type]);
	t->pids[type] = NULL;
	put_pid(t->kernel, pid);
}

/* Move t into another group or session (Linux: change_pid). The number
 * must be in use already, or be t's own PID. */
void
change_pid(struct task_struct *t, enum pid_type type, pid_t nr)
{
	struct pid *pid = find_pid(t->kernel, nr);

	if (t->pids[type] == pid)
		return;
	if (t->pids[type])
		detach_pid(t, type);
	if (pid)
		attach_pid(t, type, pid);
}

/* Give t the next free number after the last one handed out, wrapping from
 * pid_max to RESERVED_PIDS (Linux: alloc_pid/idr_alloc_cyclic). -EAGAIN
 * when every number is taken. */
int
alloc_pid(struct kernel *k, struct task_struct *t)
{
	pid_t nr = k->last_pid;
	int tries = k->pid_max;
	struct pid *pid;

	if (!k->pid_hash) {
		k->pid_hash = calloc(PIDHASH_SIZE, sizeof(*k->pid_hash));
		k->pid_map = calloc(PID_MAX_LIMIT / BITS_PER_WORD, sizeof(*k->pid_map));
		if (!k->pid_hash || !k->pid_map)
			return -ENOMEM;
	}
	do {
		if (++nr >= k->pid_max)
			nr = k->last_pid >= RESERVED_PIDS && k->pid_max > RESERVED_PIDS ?
			     RESERVED_PIDS : 1;
		if (pid_in_use(k, nr))
			continue;
		pid = new_pid(k, nr);
		if (!pid)
			return -ENOMEM;
		t->pid = nr;
		attach_pid(t, PIDTYPE_PID, pid);
		k->last_pid = nr;
		return 0;
	} while (--tries > 0);
	return -EAGAIN;
}

/* Drop every number t bears (Linux: the detach_pid calls of __exit_signal). */
void
free_pid(struct kernel *k, struct task_struct *t)
{
	(void)k;
	for (int i = PIDTYPE_MAX - 1; i >= 0; i--)
		detach_pid(t, (enum pid_type)i);
}
