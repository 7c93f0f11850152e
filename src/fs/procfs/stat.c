/* /proc/stat (Linux: fs/proc/stat.c show_stat).
 *
 * Times are in USER_HZ (100) ticks. A hart's user time is the instructions
 * it retired (1 ns each, the virtual clock's rate); its idle time is the
 * rest of the time since boot, so the cpuN idle columns add up to
 * /proc/uptime's idle. taskbox runs its kernel work in no guest time, so
 * system, iowait, irq and softirq read 0, as do steal and guest. */
#include "fs/procfs/internal.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/sched/sched.h"
#include "kernel/signal.h"

#define NR_IRQS		64	/* asm-generic/irq.h: riscv's nr_irqs before any grow */
#define NR_SOFTIRQS	10	/* HI, TIMER, NET_TX, NET_RX, BLOCK, IRQ_POLL,
				 * TASKLET, SCHED, HRTIMER, RCU */

/* The columns of a cpu line (Linux: enum cpu_usage_stat), in ns. */
enum cpu_usage_stat {
	CPUTIME_USER, CPUTIME_NICE, CPUTIME_SYSTEM, CPUTIME_IDLE, CPUTIME_IOWAIT,
	CPUTIME_IRQ, CPUTIME_SOFTIRQ, CPUTIME_STEAL, CPUTIME_GUEST, CPUTIME_GUEST_NICE,
	NR_STATS,
};

/* Linux: kcpustat_cpu_fetch, get_idle_time. A hart running now may have
 * retired more than the clock has yet counted: its idle is then 0. */
static void
kcpustat_cpu_fetch(struct kernel *k, int cpu, uint64_t cpustat[NR_STATS])
{
	uint64_t busy = k->cpus[cpu].instret;

	for (int i = 0; i < NR_STATS; i++)
		cpustat[i] = 0;
	cpustat[CPUTIME_USER] = busy;
	cpustat[CPUTIME_IDLE] = k->time_ns > busy ? k->time_ns - busy : 0;
}

static void
show_cpu_line(struct seq_file *m, const uint64_t cpustat[NR_STATS])
{
	for (int i = 0; i < NR_STATS; i++)
		seq_put_decimal_ull(m, " ", (unsigned long long)nsec_to_clock_t(cpustat[i]));
	seq_putc(m, '\n');
}

/* "cpu " with the sums over the harts (summed in ns, then converted, as
 * Linux does), then one "cpuN" line per hart. */
static void
show_cpus(struct seq_file *m, struct kernel *k)
{
	uint64_t sum[NR_STATS] = { 0 }, cpustat[NR_STATS];

	for (int cpu = 0; cpu < k->nr_cpus; cpu++) {
		kcpustat_cpu_fetch(k, cpu, cpustat);
		for (int i = 0; i < NR_STATS; i++)
			sum[i] += cpustat[i];
	}
	seq_puts(m, "cpu ");
	show_cpu_line(m, sum);
	for (int cpu = 0; cpu < k->nr_cpus; cpu++) {
		kcpustat_cpu_fetch(k, cpu, cpustat);
		seq_printf(m, "cpu%d", cpu);
		show_cpu_line(m, cpustat);
	}
}

/* Tasks in an uninterruptible sleep that is not killable (Linux:
 * nr_iowait, the tasks waiting in io_schedule). Linux does not count a
 * killable wait such as a vfork parent's, and neither does this. */
static unsigned int
nr_iowait(struct kernel *k)
{
	struct task_struct *t;
	unsigned int n = 0;

	for_each_process(k, t)
		if ((t->__state & TASK_UNINTERRUPTIBLE) && !(t->__state & TASK_WAKEKILL) &&
		    !t->exit_state)
			n++;
	return n;
}

/* Interrupt counts: the total, then one per IRQ number (Linux:
 * show_all_irqs). The harts of taskbox take no device or timer
 * interrupts: the virtual clock advances without a tick. */
static void
show_all_irqs(struct seq_file *m)
{
	seq_put_decimal_ull(m, "intr ", 0);
	for (int i = 0; i < NR_IRQS; i++)
		seq_puts(m, " 0");
}

int
proc_stat_show(struct seq_file *m, struct proc_ctx *c)
{
	struct kernel *k = c->k;

	show_cpus(m, k);
	show_all_irqs(m);
	seq_printf(m, "\nctxt %llu\nbtime %llu\nprocesses %llu\n"
		      "procs_running %d\nprocs_blocked %u\n",
		   (unsigned long long)k->stats.nr_switches,
		   (unsigned long long)(k->realtime_base_ns / 1000000000ULL),
		   (unsigned long long)k->total_forks, nr_running(k), nr_iowait(k));
	seq_put_decimal_ull(m, "softirq ", 0);
	for (int i = 0; i < NR_SOFTIRQS; i++)
		seq_puts(m, " 0");
	seq_putc(m, '\n');
	return 0;
}
