/* The scheduler core and the trap loop (Linux: kernel/sched/core.c, and the
 * exit-to-user path of kernel/entry/common.c).
 *
 * Each simulated hart has a run queue. The kernel runs the harts in rounds:
 * in a round each hart runs the task at the head of its queue for up to a
 * quantum of instructions, continuing across syscalls until the task sleeps,
 * exits or yields. Virtual time advances by the longest turn of the round
 * (the harts run "in parallel"). When no task can run, time jumps to the
 * earliest timer. --seed perturbs where woken tasks join their queue. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "arch/riscv64/cpu.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/sched/sched.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/time/hrtimer.h"
#include "kernel/time/timers.h"
#include "mm/mm.h"

void handle_trap(struct cpu *cpu, struct task_struct *t, enum trap_cause cause);
void arch_do_signal_or_restart(struct task_struct *t);

struct rq {
	struct list_head queue;
	int nr_running;
};

int
sched_init(struct kernel *k)
{
	k->rqs = calloc(k->nr_cpus, sizeof(*k->rqs));
	if (!k->rqs)
		return -ENOMEM;
	for (int i = 0; i < k->nr_cpus; i++)
		INIT_LIST_HEAD(&k->rqs[i].queue);
	INIT_LIST_HEAD(&k->timers);
	init_waitqueue_head(&k->pidfd_wait);
	for (int i = 0; i < FUTEX_HASH_SIZE; i++)
		INIT_LIST_HEAD(&k->futex_queues[i]);
	return 0;
}

void
activate_task(struct task_struct *t)
{
	struct kernel *k = t->kernel;
	struct rq *rq = &k->rqs[t->cpu];

	if (t->on_rq)
		return;
	/* With a seed, a woken task may jump the queue: a different, but
	 * reproducible, interleaving per seed. */
	if (k->opts.seed && (get_random_u64(k) & 1))
		list_add(&t->run_list, &rq->queue);
	else
		list_add_tail(&t->run_list, &rq->queue);
	rq->nr_running++;
	t->on_rq = true;
}

void
deactivate_task(struct task_struct *t)
{
	if (!t->on_rq)
		return;
	list_del_init(&t->run_list);
	t->kernel->rqs[t->cpu].nr_running--;
	t->on_rq = false;
}

/* Wake t if its state is one of `state` (Linux: try_to_wake_up). Returns
 * whether it slept. */
bool
try_to_wake_up(struct task_struct *t, unsigned int state)
{
	if (!(t->__state & state))
		return false;
	finish_wait(t);
	hrtimer_cancel(&t->sleep_timer);
	t->__state = TASK_RUNNING;
	activate_task(t);
	return true;
}

/* Wake a task asleep on a queue or a timer; not a stopped one. */
bool
wake_up_process(struct task_struct *t)
{
	return try_to_wake_up(t, TASK_NORMAL);
}

/* A sleeping task's timer fired (Linux: hrtimer_wakeup). */
void
hrtimer_wakeup(struct hrtimer *timer)
{
	wake_up_process(container_of(timer, struct task_struct, sleep_timer));
}

/* Sleep until virtual time `until` (Linux: schedule_hrtimeout). */
long
schedule_timeout_until(struct task_struct *t, uint64_t until)
{
	hrtimer_start(t->kernel, &t->sleep_timer, until);
	t->__state = TASK_INTERRUPTIBLE;
	return -ESLEEP;
}

/* The least loaded hart, or a seeded choice among the least loaded. */
static int
select_task_rq(struct kernel *k)
{
	int best = 0;

	for (int i = 1; i < k->nr_cpus; i++)
		if (k->rqs[i].nr_running < k->rqs[best].nr_running)
			best = i;
	return best;
}

void
wake_up_new_task(struct task_struct *t)
{
	t->cpu = select_task_rq(t->kernel);
	t->__state = TASK_RUNNING;
	activate_task(t);
}

/* Switch the hart to t's address space (Linux: switch_mm). */
static void
switch_mm(struct cpu *cpu, struct task_struct *t)
{
	if (cpu->tlb_mm != t->mm) {
		tlb_flush(cpu);
		cpu->tlb_mm = t->mm;
	}
	cpu->current = t;
	t->on_cpu = cpu;
}

/* Has t something to do before user mode goes on: a signal, a syscall
 * to restart, a mask to put back, a parent to tell of a stop or continue?
 * Not while a woken syscall is yet to run again: it decides first. */
static bool
exit_to_user_mode_work(struct task_struct *t)
{
	return !t->sleep_restart &&
	       (t->restart_check || t->restore_sigmask || signal_pending(t) ||
		(t->signal->flags & (SIGNAL_CLD_MASK | SIGNAL_GROUP_EXIT)));
}

/* CFS's load weight of each nice level, -20..19: each step is about 10%
 * of CPU time (Linux: sched_prio_to_weight). */
static const uint32_t sched_prio_to_weight[40] = {
	88761, 71755, 56483, 46273, 36291, 29154, 23254, 18705, 14949, 11916,
	9548, 7620, 6100, 4904, 3906, 3121, 2501, 1991, 1586, 1277,
	1024, 820, 655, 526, 423, 335, 272, 215, 172, 137,
	110, 87, 70, 56, 45, 36, 29, 23, 18, 15,
};

/* A turn's length in proportion to the task's weight, as CFS's slice
 * (Linux: sched_slice): a nice-0 task gets SCHED_QUANTUM instructions. */
static uint64_t
sched_slice(const struct task_struct *t)
{
	return SCHED_QUANTUM * sched_prio_to_weight[task_nice(t) - MIN_NICE] / 1024;
}

/* Linux: set_user_nice. The next turn's length follows the new weight. */
void
set_user_nice(struct task_struct *p, long nice)
{
	p->static_prio = DEFAULT_PRIO + (int)nice;
}

/* One turn of t on cpu: user code and the traps it takes, until the
 * slice is spent or t stops being runnable. Returns instructions run. */
static uint64_t
run_task(struct kernel *k, struct cpu *cpu, struct task_struct *t)
{
	uint64_t start = cpu->instret, slice = sched_slice(t);

	switch_mm(cpu, t);
	k->current = t;
	t->need_resched = false;
	while (t->__state == TASK_RUNNING && !t->need_resched && !k->halted) {
		uint64_t used = cpu->instret - start;
		enum trap_cause cause;

		/* Linux: exit_to_user_mode_loop. Several pending signals stack
		 * their frames before any handler runs. */
		while (exit_to_user_mode_work(t) && t->__state == TASK_RUNNING)
			arch_do_signal_or_restart(t);
		if (t->__state != TASK_RUNNING)
			break;
		if (used >= slice)
			break;
		cause = cpu_run(cpu, &t->regs, slice - used);
		handle_trap(cpu, t, cause);
	}
	t->utime += cpu->instret - start;
	if (t->signal->cputime_expires && t->__state != TASK_DEAD)
		run_posix_cpu_timers(t);
	t->on_cpu = NULL;
	cpu->current = NULL;
	k->current = NULL;
	return cpu->instret - start;
}

/* --realtime: let the host's clock catch up with virtual time `until`, so
 * that a sleep takes as long as it says. */
static void
wait_for_host_clock(struct kernel *k, uint64_t until)
{
	struct timespec now, d;
	uint64_t elapsed;

	clock_gettime(CLOCK_MONOTONIC, &now);
	elapsed = (uint64_t)now.tv_sec * 1000000000ULL + (uint64_t)now.tv_nsec -
		  k->host_boot_ns;
	if (elapsed >= until)
		return;
	d.tv_sec = (time_t)((until - elapsed) / 1000000000ULL);
	d.tv_nsec = (long)((until - elapsed) % 1000000000ULL);
	nanosleep(&d, NULL);
}

/* Every task sleeps: jump to the next timer, or report a deadlock. */
static bool
idle(struct kernel *k)
{
	uint64_t next;

	if (!hrtimer_next_expiry(k, &next)) {
		fprintf(stderr, "taskbox: every task is asleep with no timer pending: "
			"the guest is deadlocked\n");
		k->halted = true;
		k->exit_status = 125;
		return false;
	}
	if (k->opts.realtime)
		wait_for_host_clock(k, next);
	if (next > k->time_ns) {
		k->idle_ns += (next - k->time_ns) * (uint64_t)k->nr_cpus;
		k->time_ns = next;
	}
	hrtimer_run_queues(k);
	return true;
}

/* One round: each hart runs the head of its queue, which then goes to the
 * back. Returns whether any task ran. */
static bool
run_round(struct kernel *k)
{
	uint64_t longest = 0, busy = 0;
	bool ran = false;

	for (int i = 0; i < k->nr_cpus && !k->halted; i++) {
		struct rq *rq = &k->rqs[i];
		struct task_struct *t;
		uint64_t n;

		if (list_empty(&rq->queue))
			continue;
		t = list_first_entry(&rq->queue, struct task_struct, run_list);
		list_del_init(&t->run_list);
		list_add_tail(&t->run_list, &rq->queue);
		n = run_task(k, &k->cpus[i], t);
		if (t->__state != TASK_RUNNING) {
			deactivate_task(t);
			t->nvcsw++;
			k->stats.nr_switches++;
		} else if (rq->nr_running > 1) {
			t->nivcsw++;
			k->stats.nr_switches++;
		}
		if (t->release_pending)
			free_task(t);
		if (n > longest)
			longest = n;
		busy += n;
		ran = true;
	}
	k->time_ns += longest;	/* 1 ns per instruction */
	k->idle_ns += longest * (uint64_t)k->nr_cpus - busy;
	return ran;
}

/* Runnable tasks on every hart (Linux: nr_running). */
int
nr_running(struct kernel *k)
{
	int n = 0;

	for (int i = 0; i < k->nr_cpus; i++)
		n += k->rqs[i].nr_running;
	return n;
}

void
kernel_run(struct kernel *k)
{
	while (!k->halted && k->nr_tasks > 0) {
		hrtimer_run_queues(k);
		if (!run_round(k) && !idle(k))
			break;
		calc_global_load(k);
	}
}

SYSCALL_DEFINE0(sched_yield)
{
	current->need_resched = true;
	return 0;
}

/* The process pid names for the affinity calls (Linux:
 * find_process_by_pid): 0 is the caller. */
static struct task_struct *
find_process_by_pid(struct task_struct *t, pid_t pid)
{
	return pid ? find_task_by_vpid(t->kernel, pid) : t;
}

static uint64_t
online_cpu_mask(const struct kernel *k)
{
	return k->nr_cpus >= 64 ? ~0ULL : (1ULL << k->nr_cpus) - 1;
}

/* Linux: sched_getaffinity. Every task may run on every simulated CPU. */
SYSCALL_DEFINE3(sched_getaffinity, pid_t, pid, unsigned int, len, uaddr_t, user_mask_ptr)
{
	uint64_t mask = online_cpu_mask(current->kernel);
	unsigned int size = sizeof(mask);

	if (len * 8 < (unsigned int)current->kernel->nr_cpus || (len & (sizeof(long) - 1)))
		return -EINVAL;
	if (!find_process_by_pid(current, pid))
		return -ESRCH;
	if (copy_to_user(current->mm, user_mask_ptr, &mask, size))
		return -EFAULT;
	return size;
}

/* Linux: sched_setaffinity. Only the owner (or root) may, and the mask must
 * name at least one CPU we have; placement is not modelled per task yet, so
 * the call changes nothing. */
SYSCALL_DEFINE3(sched_setaffinity, pid_t, pid, unsigned int, len, uaddr_t, user_mask_ptr)
{
	const struct cred *c = current->cred;
	struct task_struct *p;
	uint64_t mask = 0;

	if (copy_from_user(current->mm, &mask, user_mask_ptr, len < 8 ? len : 8))
		return -EFAULT;
	p = find_process_by_pid(current, pid);
	if (!p)
		return -ESRCH;
	if (c->euid != 0 && c->euid != p->cred->euid && c->euid != p->cred->uid)
		return -EPERM;
	return (mask & online_cpu_mask(current->kernel)) ? 0 : -EINVAL;
}
