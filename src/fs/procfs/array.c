/* /proc/PID/stat, status and statm (Linux: fs/proc/array.c), in Linux
 * 6.x's order and format, field for field. */
#include <errno.h>
#include <string.h>

#include "fs/procfs/internal.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "mm/mm.h"

#define RLIMIT_RSS	5
#define CAP_FULL	0x000001ffffffffffULL	/* every capability of Linux 6.x */

/* The state letter and name (Linux: task_state_array, get_task_state). */
static const char *
task_state_name(struct task_struct *t)
{
	if (t->exit_state == EXIT_DEAD)
		return "X (dead)";
	if (t->exit_state == EXIT_ZOMBIE)
		return "Z (zombie)";
	if (t->__state & __TASK_STOPPED)
		return "T (stopped)";
	if (t->__state & __TASK_TRACED)
		return "t (tracing stop)";
	if (t->__state & TASK_UNINTERRUPTIBLE)
		return "D (disk sleep)";
	if (t->__state & TASK_INTERRUPTIBLE)
		return (t->flags & PF_KTHREAD) && t->pid != 2 ? "I (idle)" : "S (sleeping)";
	return "R (running)";
}

/* Ignored and caught signals from the dispositions (Linux:
 * collect_sigign_sigcatch). */
static void
collect_sigign_sigcatch(struct task_struct *t, sigset_t_ *ign, sigset_t_ *catch)
{
	*ign = *catch = 0;
	for (int i = 0; i < _NSIG; i++) {
		uint64_t h = t->sighand->action[i].handler;

		if (h == SIG_IGN)
			*ign |= 1ULL << i;
		else if (h != SIG_DFL)
			*catch |= 1ULL << i;
	}
}

static uint64_t
clock_t_of(uint64_t ns)
{
	return nsec_to_clock_t(ns);
}

/* Linux: do_task_stat (the whole process's view). */
int
proc_pid_stat(struct seq_file *m, struct proc_ctx *c)
{
	struct task_struct *t = c->task;
	struct mm_struct *mm = t->mm;
	struct signal_struct *sig = t->signal;
	bool permitted = proc_may_access(c->current, t);
	sigset_t_ ign, catch;

	collect_sigign_sigcatch(t, &ign, &catch);
	seq_printf(m, "%d (", t->pid);
	proc_task_name(m, t, false);
	seq_printf(m, ") %c", task_state_name(t)[0]);
	seq_put_decimal_ll(m, " ", t->real_parent ? t->real_parent->tgid : 0);
	seq_put_decimal_ll(m, " ", sig->pgrp);
	seq_put_decimal_ll(m, " ", sig->session);
	seq_puts(m, " 0 -1");				/* tty_nr, tpgid: no terminal yet */
	seq_put_decimal_ull(m, " ", t->flags);
	seq_put_decimal_ull(m, " ", t->min_flt);
	seq_put_decimal_ull(m, " ", sig->cmin_flt);
	seq_put_decimal_ull(m, " ", t->maj_flt);
	seq_put_decimal_ull(m, " ", sig->cmaj_flt);
	seq_put_decimal_ull(m, " ", clock_t_of(t->utime));
	seq_put_decimal_ull(m, " ", clock_t_of(t->stime));
	seq_put_decimal_ll(m, " ", (long long)clock_t_of(sig->cutime));
	seq_put_decimal_ll(m, " ", (long long)clock_t_of(sig->cstime));
	seq_put_decimal_ll(m, " ", t->static_prio - 100);	/* task_prio */
	seq_put_decimal_ll(m, " ", task_nice(t));
	seq_put_decimal_ll(m, " ", sig->nr_threads);
	seq_puts(m, " 0");				/* itrealvalue */
	seq_put_decimal_ull(m, " ", clock_t_of(t->start_time));
	seq_put_decimal_ull(m, " ", mm ? mm->total_vm * PAGE_SIZE : 0);
	seq_put_decimal_ull(m, " ", mm ? mm->rss : 0);
	seq_put_decimal_ull(m, " ", sig->rlim[RLIMIT_RSS].rlim_cur);
	seq_put_decimal_ull(m, " ", mm ? (permitted ? mm->start_code : 1) : 0);
	seq_put_decimal_ull(m, " ", mm ? (permitted ? mm->end_code : 1) : 0);
	seq_put_decimal_ull(m, " ", permitted && mm ? mm->start_stack : 0);
	seq_puts(m, " 0 0");				/* kstkesp, kstkeip */
	/* The obsolete decimal signal words: the first 31 signals. */
	seq_put_decimal_ull(m, " ", t->pending.signal & 0x7fffffffULL);
	seq_put_decimal_ull(m, " ", t->blocked & 0x7fffffffULL);
	seq_put_decimal_ull(m, " ", ign & 0x7fffffffULL);
	seq_put_decimal_ull(m, " ", catch & 0x7fffffffULL);
	seq_put_decimal_ull(m, " ", permitted && t->__state != TASK_RUNNING && !t->exit_state);
	seq_puts(m, " 0 0");
	seq_put_decimal_ll(m, " ", t->exit_signal);
	seq_put_decimal_ll(m, " ", t->cpu);
	seq_puts(m, " 0 0 0 0 0");		/* rt_priority policy blkio gtime cgtime */
	if (mm && permitted) {
		seq_put_decimal_ull(m, " ", mm->start_data);
		seq_put_decimal_ull(m, " ", mm->end_data);
		seq_put_decimal_ull(m, " ", mm->start_brk);
		seq_put_decimal_ull(m, " ", mm->arg_start);
		seq_put_decimal_ull(m, " ", mm->arg_end);
		seq_put_decimal_ull(m, " ", mm->env_start);
		seq_put_decimal_ull(m, " ", mm->env_end);
	} else {
		seq_puts(m, " 0 0 0 0 0 0 0");
	}
	seq_put_decimal_ll(m, " ", permitted ? t->exit_code : 0);
	seq_putc(m, '\n');
	return 0;
}

/* Linux: proc_pid_statm: size resident shared text lib data dt, in pages. */
int
proc_pid_statm(struct seq_file *m, struct proc_ctx *c)
{
	struct mm_struct *mm = c->task->mm;
	uint64_t size = 0, resident = 0, shared = 0, text = 0, data = 0;

	if (mm) {
		size = mm->total_vm;
		resident = mm->rss;
		text = (PAGE_ALIGN(mm->end_code) - (mm->start_code & PAGE_MASK)) >> PAGE_SHIFT;
		data = vm_data_pages(mm);
		shared = vm_file_rss_pages(mm);
	}
	seq_printf(m, "%llu %llu %llu %llu 0 %llu 0\n", (unsigned long long)size,
		   (unsigned long long)resident, (unsigned long long)shared,
		   (unsigned long long)text, (unsigned long long)data);
	return 0;
}

static void
render_sigset(struct seq_file *m, const char *header, sigset_t_ set)
{
	seq_printf(m, "%s%016llx\n", header, (unsigned long long)set);
}

static void
render_cap(struct seq_file *m, const char *header, uint64_t cap)
{
	seq_printf(m, "%s%016llx\n", header, (unsigned long long)cap);
}

/* Linux: task_state. */
static void
task_state(struct seq_file *m, struct task_struct *t)
{
	struct cred *cr = t->cred;
	pid_t ppid = t->real_parent ? t->real_parent->tgid : 0;

	seq_printf(m, "Umask:\t%#04o\n", t->fs ? t->fs->umask : 0);
	seq_printf(m, "State:\t%s\n", task_state_name(t));
	seq_printf(m, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n",
		   t->tgid, t->pid, ppid);
	seq_printf(m, "Uid:\t%u\t%u\t%u\t%u\n", cr->uid, cr->euid, cr->suid, cr->fsuid);
	seq_printf(m, "Gid:\t%u\t%u\t%u\t%u\n", cr->gid, cr->egid, cr->sgid, cr->fsgid);
	seq_printf(m, "FDSize:\t%u\nGroups:\t \n", t->files ? t->files->max_fds : 0);
	seq_printf(m, "NStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n", t->tgid, t->pid,
		   t->signal->pgrp, t->signal->session);
	seq_printf(m, "Kthread:\t%d\n", !!(t->flags & PF_KTHREAD));
}

/* Linux: task_mem, in kB. */
static void
task_mem(struct seq_file *m, struct mm_struct *mm)
{
	uint64_t kb = PAGE_SIZE / 1024, file = vm_file_rss_pages(mm);
	uint64_t stack = vm_stack_pages(mm), exe = vm_exec_pages(mm);

	seq_printf(m, "VmPeak:\t%8llu kB\n", (unsigned long long)(mm->hiwater_vm * kb));
	seq_printf(m, "VmSize:\t%8llu kB\n", (unsigned long long)(mm->total_vm * kb));
	seq_printf(m, "VmLck:\t%8llu kB\nVmPin:\t%8llu kB\n", 0ULL, 0ULL);
	seq_printf(m, "VmHWM:\t%8llu kB\n", (unsigned long long)(mm->hiwater_rss * kb));
	seq_printf(m, "VmRSS:\t%8llu kB\n", (unsigned long long)(mm->rss * kb));
	seq_printf(m, "RssAnon:\t%8llu kB\n", (unsigned long long)((mm->rss - file) * kb));
	seq_printf(m, "RssFile:\t%8llu kB\n", (unsigned long long)(file * kb));
	seq_printf(m, "RssShmem:\t%8llu kB\n", 0ULL);
	seq_printf(m, "VmData:\t%8llu kB\n", (unsigned long long)(vm_data_pages(mm) * kb));
	seq_printf(m, "VmStk:\t%8llu kB\n", (unsigned long long)(stack * kb));
	seq_printf(m, "VmExe:\t%8llu kB\n", (unsigned long long)(exe * kb));
	seq_printf(m, "VmLib:\t%8llu kB\n", 0ULL);
	seq_printf(m, "VmPTE:\t%8llu kB\n", (unsigned long long)(mm->nr_ptes * kb));
	seq_printf(m, "VmSwap:\t%8llu kB\n", 0ULL);
	seq_printf(m, "HugetlbPages:\t%8llu kB\n", 0ULL);
}

/* Linux: task_sig. SigQ counts the real uid's queued signals. */
static void
task_sig(struct seq_file *m, struct task_struct *t)
{
	struct user_struct *u = find_user(t->kernel, t->cred->uid);
	sigset_t_ ign, catch;

	collect_sigign_sigcatch(t, &ign, &catch);
	seq_printf(m, "Threads:\t%d\n", t->signal->nr_threads);
	seq_printf(m, "SigQ:\t%d/%llu\n", u ? u->sigpending : 0,
		   (unsigned long long)t->signal->rlim[RLIMIT_SIGPENDING].rlim_cur);
	render_sigset(m, "SigPnd:\t", t->pending.signal);
	render_sigset(m, "ShdPnd:\t", t->signal->shared_pending.signal);
	render_sigset(m, "SigBlk:\t", t->blocked);
	render_sigset(m, "SigIgn:\t", ign);
	render_sigset(m, "SigCgt:\t", catch);
}

/* Root has every capability, others none (no file capabilities). */
static void
task_cap(struct seq_file *m, struct task_struct *t)
{
	uint64_t caps = t->cred->euid == 0 ? CAP_FULL : 0;

	render_cap(m, "CapInh:\t", 0);
	render_cap(m, "CapPrm:\t", caps);
	render_cap(m, "CapEff:\t", caps);
	render_cap(m, "CapBnd:\t", CAP_FULL);
	render_cap(m, "CapAmb:\t", 0);
}

static void
task_cpus_allowed(struct seq_file *m, struct kernel *k)
{
	seq_puts(m, "Cpus_allowed:\t");
	seq_printf(m, "%llx\n", k->nr_cpus >= 64 ? ~0ULL : (1ULL << k->nr_cpus) - 1);
	if (k->nr_cpus > 1)
		seq_printf(m, "Cpus_allowed_list:\t0-%d\n", k->nr_cpus - 1);
	else
		seq_puts(m, "Cpus_allowed_list:\t0\n");
	seq_puts(m, "Mems_allowed:\t1\nMems_allowed_list:\t0\n");
}

/* Linux: proc_pid_status. */
int
proc_pid_status(struct seq_file *m, struct proc_ctx *c)
{
	struct task_struct *t = c->task;

	seq_puts(m, "Name:\t");
	proc_task_name(m, t, true);
	seq_putc(m, '\n');
	task_state(m, t);
	if (t->mm) {
		task_mem(m, t->mm);
		seq_puts(m, "CoreDumping:\t0\nTHP_enabled:\t1\n");
		seq_puts(m, "untag_mask:\t0xffffffffffffffff\n");
	}
	task_sig(m, t);
	task_cap(m, t);
	seq_puts(m, "NoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\n");
	seq_puts(m, "Speculation_Store_Bypass:\tunknown\nSpeculationIndirectBranch:\tunknown\n");
	task_cpus_allowed(m, c->k);
	seq_printf(m, "voluntary_ctxt_switches:\t%llu\nnonvoluntary_ctxt_switches:\t%llu\n",
		   (unsigned long long)t->nvcsw, (unsigned long long)t->nivcsw);
	return 0;
}
