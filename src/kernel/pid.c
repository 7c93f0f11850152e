/* PIDs (Linux: kernel/pid.c): allocation up to pid_max with wrap-around,
 * O(1) lookup by number through a hash, and struct pid, which links each
 * number to the tasks that bear it as PID, process group or session, so a
 * group or a session is found without walking all tasks.
 *
 * A number stays in use while any task bears it in any of those roles:
 * a process group outlives its leader as long as members remain. */
#include <stdlib.h>

#include "kernel/kernel.h"
#include "kernel/sched.h"

#define PIDHASH_SIZE	4096
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

static struct pid *
new_pid(struct kernel *k, pid_t nr)
{
	struct pid *pid = calloc(1, sizeof(*pid));

	if (!pid)
		return NULL;
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
		if (!k->pid_hash)
			return -ENOMEM;
	}
	do {
		if (++nr >= k->pid_max)
			nr = k->last_pid >= RESERVED_PIDS && k->pid_max > RESERVED_PIDS ?
			     RESERVED_PIDS : 1;
		if (find_pid(k, nr))
			continue;
		pid = new_pid(k, nr);
		if (!pid)
			return -ENOMEM;
		t->pid = nr;
		attach_pid(t, PIDTYPE_PID, pid);
		k->last_pid = nr;
		if (nr > k->pid_highest)
			k->pid_highest = nr;
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
