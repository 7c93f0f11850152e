/* PIDs (Linux: kernel/pid.c): allocation up to pid_max with wrap-around,
 * and O(1) lookup by number through a hash of chains. */
#include <stdlib.h>

#include "kernel/kernel.h"
#include "kernel/sched.h"

#define PIDHASH_SIZE	4096
#define RESERVED_PIDS	300	/* after wrapping, allocation restarts here */

static unsigned
pid_hashfn(pid_t pid)
{
	return (unsigned)pid & (PIDHASH_SIZE - 1);
}

struct task_struct *
find_task_by_vpid(struct kernel *k, pid_t pid)
{
	struct task_struct *t;

	if (pid <= 0 || !k->pid_hash)
		return NULL;
	for (t = k->pid_hash[pid_hashfn(pid)]; t; t = t->pid_chain)
		if (t->pid == pid)
			return t;
	return NULL;
}

/* A number is in use while a task has it as its PID, or a group or session
 * still bears it (Linux keeps the struct pid alive for those). */
static bool
pid_in_use(struct kernel *k, pid_t nr)
{
	return find_task_by_vpid(k, nr) != NULL;
}

/* Give t the next free PID after the last one handed out, wrapping from
 * pid_max to RESERVED_PIDS (Linux: alloc_pid/idr_alloc_cyclic). -EAGAIN
 * when every number is taken. */
int
alloc_pid(struct kernel *k, struct task_struct *t)
{
	pid_t nr = k->last_pid;
	int tries = k->pid_max;

	if (!k->pid_hash) {
		k->pid_hash = calloc(PIDHASH_SIZE, sizeof(*k->pid_hash));
		if (!k->pid_hash)
			return -ENOMEM;
	}
	do {
		if (++nr >= k->pid_max)
			nr = k->last_pid >= RESERVED_PIDS && k->pid_max > RESERVED_PIDS ?
			     RESERVED_PIDS : 1;
		if (!pid_in_use(k, nr)) {
			t->pid = nr;
			t->pid_chain = k->pid_hash[pid_hashfn(nr)];
			k->pid_hash[pid_hashfn(nr)] = t;
			k->last_pid = nr;
			return 0;
		}
	} while (--tries > 0);
	return -EAGAIN;
}

void
free_pid(struct kernel *k, struct task_struct *t)
{
	struct task_struct **pp = &k->pid_hash[pid_hashfn(t->pid)];

	for (; *pp; pp = &(*pp)->pid_chain) {
		if (*pp == t) {
			*pp = t->pid_chain;
			return;
		}
	}
}
