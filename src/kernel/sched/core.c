/* The scheduler core and the trap loop (Linux: kernel/sched/core.c, and the
 * exit-to-user path of kernel/entry/common.c).
 *
 * The foundation runs runnable tasks round-robin from one run queue on the
 * first hart; per-hart run queues, sleeping and load balancing come with the
 * lifecycle issue. The loop per turn: run user code for a quantum, handle
 * the trap that ended it, then, on the way back to user mode, act on pending
 * signals. */
#include "arch/riscv64/cpu.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/sched/sched.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "mm/mm.h"

void handle_trap(struct cpu *cpu, struct task_struct *t, enum trap_cause cause);

void
activate_task(struct task_struct *t)
{
	struct kernel *k = t->kernel;

	if (t->on_rq)
		return;
	list_add_tail(&t->run_list, &k->runqueue);
	t->on_rq = true;
}

void
deactivate_task(struct task_struct *t)
{
	if (!t->on_rq)
		return;
	list_del_init(&t->run_list);
	t->on_rq = false;
}

void
wake_up_new_task(struct task_struct *t)
{
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

/* One turn of t on cpu: user code, then the kernel's part of the trap. */
static void
run_task(struct kernel *k, struct cpu *cpu, struct task_struct *t)
{
	uint64_t before = cpu->instret;
	enum trap_cause cause;

	switch_mm(cpu, t);
	cause = cpu_run(cpu, &t->regs, SCHED_QUANTUM);
	k->time_ns += cpu->instret - before;	/* 1 ns per instruction */
	t->utime += cpu->instret - before;
	handle_trap(cpu, t, cause);
	if (t->__state == TASK_RUNNING && !(t->flags & PF_EXITING))
		do_signal(t);
	t->on_cpu = NULL;
	cpu->current = NULL;
}

void
kernel_run(struct kernel *k)
{
	struct cpu *cpu = &k->cpus[0];

	while (!k->halted && !list_empty(&k->runqueue)) {
		struct task_struct *t = list_first_entry(&k->runqueue,
							 struct task_struct, run_list);

		/* Rotate first, so the task goes to the back of the queue. */
		list_del_init(&t->run_list);
		list_add_tail(&t->run_list, &k->runqueue);
		run_task(k, cpu, t);
	}
}

/* Linux: sched_getaffinity. Every task may run on every simulated CPU. */
SYSCALL_DEFINE3(sched_getaffinity, pid_t, pid, unsigned int, len, uaddr_t, user_mask_ptr)
{
	uint64_t mask = current->kernel->nr_cpus >= 64 ? ~0ULL :
			(1ULL << current->kernel->nr_cpus) - 1;
	unsigned int size = sizeof(mask);

	if (len * 8 < (unsigned int)current->kernel->nr_cpus || (len & (sizeof(long) - 1)))
		return -EINVAL;
	if (pid != 0 && pid != current->pid)
		return -ESRCH;
	if (copy_to_user(current->mm, user_mask_ptr, &mask, size))
		return -EFAULT;
	return size;
}

/* Linux: sched_setaffinity. The mask must name at least one CPU we have;
 * placement is not modelled per task yet, so the call changes nothing. */
SYSCALL_DEFINE3(sched_setaffinity, pid_t, pid, unsigned int, len, uaddr_t, user_mask_ptr)
{
	uint64_t mask = 0, valid = current->kernel->nr_cpus >= 64 ? ~0ULL :
			(1ULL << current->kernel->nr_cpus) - 1;

	if (copy_from_user(current->mm, &mask, user_mask_ptr, len < 8 ? len : 8))
		return -EFAULT;
	if (pid != 0 && pid != current->pid)
		return -ESRCH;
	return (mask & valid) ? 0 : -EINVAL;
}
