/* /proc/PID and /proc/PID/task/TID (Linux: fs/proc/base.c): the
 * directory of each process, found by number and listed in PID order, and
 * the small per-task files: cmdline, environ, auxv, comm, the exe, cwd and
 * root links, wchan, cgroup and the OOM scores. stat, status and statm are
 * array.c's; maps and smaps task_mmu.c's; limits, sched, io, personality,
 * mounts and mountinfo base_extra.c's; fd/ and fdinfo/ fd.c's. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <taskbox/err.h>
#include <uapi/dirent.h>
#include <uapi/stat.h>

#include "fs/procfs/internal.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "mm/mm.h"

#define OOM_SCORE_ADJ_MIN	(-1000)
#define OOM_SCORE_ADJ_MAX	1000
#define OOM_ADJUST_MIN		(-17)
#define OOM_ADJUST_MAX		15
#define OOM_DISABLE		(-17)

/* comm as /proc prints it (Linux: proc_task_name). In status a backslash
 * and a newline are escaped. */
void
proc_task_name(struct seq_file *m, struct task_struct *t, bool escape)
{
	char comm[TASK_COMM_LEN];

	get_task_comm(comm, t);
	for (char *p = comm; *p; p++) {
		if (escape && *p == '\\')
			seq_puts(m, "\\\\");
		else if (escape && *p == '\n')
			seq_puts(m, "\\n");
		else
			seq_putc(m, *p);
	}
}

/* --- memory of the task: cmdline, environ, auxv ------------------------------ */

/* Read the task's memory [start, end) from pos (Linux: access_remote_vm);
 * what cannot be read ends the text. */
static ssize_t
read_task_range(struct task_struct *t, uint64_t start, uint64_t end, char *buf,
		size_t n, loff_t pos)
{
	size_t done = 0;

	if (!t->mm || pos < 0 || start + (uint64_t)pos >= end)
		return 0;
	start += (uint64_t)pos;
	if (n > end - start)
		n = end - start;
	while (done < n) {
		size_t chunk = PAGE_SIZE - ((start + done) & (PAGE_SIZE - 1));

		if (chunk > n - done)
			chunk = n - done;
		if (copy_from_user(t->mm, buf + done, start + done, chunk))
			break;
		done += chunk;
	}
	return (ssize_t)done;
}

/* Linux: get_mm_cmdline. If the program overwrote the NUL that ends its
 * argument area (setproctitle), the text goes on into the environment up
 * to the first NUL there. */
static ssize_t
proc_pid_cmdline_read(struct proc_ctx *c, char *buf, size_t n, loff_t pos)
{
	struct mm_struct *mm = c->task->mm;
	uint64_t start, end;
	char last = 0;

	if (!mm || mm->arg_end <= mm->arg_start)
		return 0;
	start = mm->arg_start;
	end = mm->arg_end;
	if (copy_from_user(mm, &last, end - 1, 1) == 0 && last != '\0') {
		uint64_t e = mm->env_start;
		char ch;

		while (e < mm->env_end && copy_from_user(mm, &ch, e, 1) == 0 && ch)
			e++;
		if (mm->env_start == end)
			end = e;
	}
	return read_task_range(c->task, start, end, buf, n, pos);
}

static ssize_t
proc_pid_environ_read(struct proc_ctx *c, char *buf, size_t n, loff_t pos)
{
	struct mm_struct *mm = c->task->mm;

	if (!mm)
		return 0;
	return read_task_range(c->task, mm->env_start, mm->env_end, buf, n, pos);
}

/* The auxiliary vector the program started with, up to and with AT_NULL
 * (Linux: proc_pid_auxv). */
static int
proc_pid_auxv(struct seq_file *m, struct proc_ctx *c)
{
	struct mm_struct *mm = c->task->mm;
	size_t n = 0;

	if (!mm)
		return 0;
	while (n + 2 <= ARRAY_SIZE(mm->saved_auxv) && mm->saved_auxv[n])
		n += 2;
	seq_write(m, mm->saved_auxv, (n + 2) * sizeof(uint64_t));
	return 0;
}

/* --- comm --------------------------------------------------------------- */

static int
proc_pid_comm(struct seq_file *m, struct proc_ctx *c)
{
	proc_task_name(m, c->task, false);
	seq_putc(m, '\n');
	return 0;
}

/* Writing comm renames a task of the same process (Linux: comm_write:
 * else EINVAL); the name is cut at 15 bytes and kept as written, with a
 * newline if the writer sent one (echo name > comm). */
static ssize_t
proc_pid_comm_write(struct proc_ctx *c, const char *buf, size_t n)
{
	char name[TASK_COMM_LEN] = { 0 };
	size_t len = n < TASK_COMM_LEN - 1 ? n : TASK_COMM_LEN - 1;

	if (c->task->tgid != c->current->tgid)
		return -EINVAL;
	memcpy(name, buf, len);
	set_task_comm(c->task, name);
	return (ssize_t)n;
}

/* --- links: exe, cwd, root ---------------------------------------------- */

static int
proc_exe_link(struct seq_file *m, struct proc_ctx *c)
{
	if (!proc_may_access(c->current, c->task))
		return -EACCES;
	if (!c->task->mm || !c->task->mm->exe_path)
		return -ENOENT;
	seq_puts(m, c->task->mm->exe_path);
	return 0;
}

static int
proc_fs_link(struct seq_file *m, struct proc_ctx *c, bool root)
{
	struct fs_struct *fs = c->task->fs;

	if (!proc_may_access(c->current, c->task))
		return -EACCES;
	if (!fs)
		return -ENOENT;
	seq_puts(m, (root ? fs->root : fs->pwd)->d_path);
	return 0;
}

static int
proc_cwd_link(struct seq_file *m, struct proc_ctx *c)
{
	return proc_fs_link(m, c, false);
}

static int
proc_root_link(struct seq_file *m, struct proc_ctx *c)
{
	return proc_fs_link(m, c, true);
}

/* --- wchan, cgroup, OOM ----------------------------------------------------- */

/* Linux prints a symbol only to the privileged; a sleeping task shows the
 * kernel function it waits in. taskbox names the wait generically. */
static int
proc_pid_wchan(struct seq_file *m, struct proc_ctx *c)
{
	unsigned int s = c->task->__state;

	if (s == TASK_RUNNING || c->task->exit_state)
		seq_puts(m, "0");
	else if (s & __TASK_STOPPED)
		seq_puts(m, "do_signal_stop");
	else
		seq_puts(m, c->task->sleep_timer.queued ? "hrtimer_nanosleep" : "do_wait_event");
	return 0;
}

static int
proc_pid_cgroup(struct seq_file *m, struct proc_ctx *c)
{
	(void)c;
	seq_puts(m, "0::/\n");
	return 0;
}

/* Linux: oom_badness, scaled to 0..2000: the share of memory the process
 * holds plus its adjustment. */
static int
proc_oom_score(struct seq_file *m, struct proc_ctx *c)
{
	struct task_struct *t = c->task;
	uint64_t total = c->k->max_pages ? c->k->max_pages : 1;
	long points = 0;

	if (t->mm && t->signal->oom_score_adj != OOM_SCORE_ADJ_MIN && !(t->flags & PF_KTHREAD)) {
		points = (long)(t->mm->rss * 1000 / total) + t->signal->oom_score_adj;
		if (points < 0)
			points = 0;
	}
	seq_printf(m, "%ld\n", points > 2000 ? 2000 : points);
	return 0;
}

static int
proc_oom_score_adj(struct seq_file *m, struct proc_ctx *c)
{
	seq_printf(m, "%d\n", c->task->signal->oom_score_adj);
	return 0;
}

/* A decimal from a write: optional sign, digits, an optional newline
 * (Linux: kstrtoint). */
static int
parse_int(const char *buf, size_t n, long *out)
{
	char tmp[32];
	char *end;

	if (n == 0 || n >= sizeof(tmp))
		return -EINVAL;
	memcpy(tmp, buf, n);
	tmp[n] = '\0';
	if (tmp[n - 1] == '\n')
		tmp[n - 1] = '\0';
	*out = strtol(tmp, &end, 10);
	return (*end || end == tmp) ? -EINVAL : 0;
}

/* Linux: __set_oom_adj. Without privilege (CAP_SYS_RESOURCE) the value
 * may not go below the last one a privileged writer set (the legacy
 * oom_adj: below the current one); the range is -1000..1000. */
static ssize_t
set_oom_adj(struct proc_ctx *c, long adj, bool legacy)
{
	struct signal_struct *sig = c->task->signal;
	bool privileged = c->current->cred->euid == 0;

	if (adj < OOM_SCORE_ADJ_MIN || adj > OOM_SCORE_ADJ_MAX)
		return -EINVAL;
	if (adj < (legacy ? sig->oom_score_adj : sig->oom_score_adj_min) && !privileged)
		return -EACCES;
	sig->oom_score_adj = (short)adj;
	if (!legacy && privileged)
		sig->oom_score_adj_min = (short)adj;
	return 0;
}

static ssize_t
proc_oom_score_adj_write(struct proc_ctx *c, const char *buf, size_t n)
{
	long v;
	ssize_t err = parse_int(buf, n, &v);

	if (!err)
		err = set_oom_adj(c, v, false);
	return err ? err : (ssize_t)n;
}

/* The legacy oom_adj, -17..15, scaled to and from oom_score_adj (Linux:
 * oom_adj_read/oom_adj_write). */
static int
proc_oom_adj(struct seq_file *m, struct proc_ctx *c)
{
	int adj = c->task->signal->oom_score_adj;

	if (adj == OOM_SCORE_ADJ_MAX)
		adj = OOM_ADJUST_MAX;
	else
		adj = adj * -OOM_DISABLE / OOM_SCORE_ADJ_MAX;
	seq_printf(m, "%d\n", adj);
	return 0;
}

static ssize_t
proc_oom_adj_write(struct proc_ctx *c, const char *buf, size_t n)
{
	long v;
	ssize_t err = parse_int(buf, n, &v);

	if (!err && (v < OOM_ADJUST_MIN || v > OOM_ADJUST_MAX) && v != OOM_DISABLE)
		err = -EINVAL;
	if (!err)
		err = set_oom_adj(c, v == OOM_ADJUST_MAX ? OOM_SCORE_ADJ_MAX :
					   v * OOM_SCORE_ADJ_MAX / -OOM_DISABLE, true);
	return err ? err : (ssize_t)n;
}

/* --- the directories ---------------------------------------------------- */

#define REG(n, m, fn)	{ .name = n, .mode = S_IFREG | (m), .show = fn, .per_task = true }
#define LNK(n, fn)	{ .name = n, .mode = S_IFLNK | 0777, .link = fn, .per_task = true }

extern const struct proc_entry tgid_base_stuff[];

/* /proc/PID/task: one directory per thread (one so far: the process). */
static struct inode *
proc_task_lookup(struct inode *dir, const struct qstr *name)
{
	struct task_struct *leader = proc_task(dir), *t;
	long tid;

	if (!leader || !proc_name_number(name, &tid))
		return ERR_PTR(-ENOENT);
	t = find_task_by_vpid(dir->i_sb->s_kernel, (pid_t)tid);
	if (!t || t->tgid != leader->tgid || t->exit_state == EXIT_DEAD)
		return ERR_PTR(-ENOENT);
	return proc_get_inode(dir->i_sb, &proc_tid_base, t, -1);
}

static bool
proc_task_readdir(struct file *file, struct dir_context *ctx, loff_t first)
{
	struct task_struct *leader = proc_task(file->f_inode);
	char name[16];

	if (!leader || ctx->pos != first)
		return true;
	snprintf(name, sizeof(name), "%d", leader->pid);
	return proc_emit(ctx, name, proc_ino(&proc_tid_base, leader->pid, -1), S_IFDIR);
}

/* /proc/NNN: a live process or zombie (Linux: proc_pid_lookup); a thread
 * that is not a group leader is found too, though not listed. */
struct inode *
proc_pid_lookup(struct inode *dir, const struct qstr *name)
{
	struct task_struct *t;
	long pid;

	if (!proc_name_number(name, &pid))
		return ERR_PTR(-ENOENT);
	t = find_task_by_vpid(dir->i_sb->s_kernel, (pid_t)pid);
	if (!t || t->exit_state == EXIT_DEAD)
		return ERR_PTR(-ENOENT);
	return proc_get_inode(dir->i_sb, &proc_tgid_base, t, -1);
}

/* The processes, in PID order, from the position's PID on (Linux:
 * proc_pid_readdir with next_tgid): each call resumes where the last
 * stopped, and the PID bitmap skips unused numbers 64 at a time. */
bool
proc_pid_readdir(struct file *file, struct dir_context *ctx, loff_t first)
{
	struct kernel *k = file->f_inode->i_sb->s_kernel;
	char name[16];
	pid_t pid;

	if (ctx->pos < first)
		ctx->pos = first;
	/* The numbers in use, in order, from the position's on. */
	for (pid = next_pid_in_use(k, (pid_t)(ctx->pos - first) + 1); pid;
	     pid = next_pid_in_use(k, pid + 1)) {
		struct task_struct *t = find_task_by_vpid(k, pid);

		if (!t || !thread_group_leader(t) || t->exit_state == EXIT_DEAD)
			continue;	/* a group or session number, or a thread */
		snprintf(name, sizeof(name), "%d", pid);
		ctx->pos = first + pid - 1;
		if (!ctx->actor(ctx, name, (int)strlen(name), first + pid,
				proc_ino(&proc_tgid_base, pid, -1), DT_DIR))
			return false;
		ctx->pos = first + pid;
	}
	ctx->pos = first + PID_MAX_LIMIT;	/* past every PID: the end */
	return true;
}



/* Entries of a task; tgid_base_stuff and tid_base_stuff in Linux. The
 * process directory also has task/. */
#define PID_ENTRIES(base)								\
	{ .name = "fd", .mode = S_IFDIR | 0500, .per_task = true, .ptrace = true,	\
	  .lookup = proc_fd_lookup, .readdir = proc_fd_readdir, .parent = &(base) },	\
	{ .name = "fdinfo", .mode = S_IFDIR | 0555, .per_task = true, .ptrace = true,	\
	  .lookup = proc_fdinfo_lookup, .readdir = proc_fd_readdir, .parent = &(base) },\
	{ .name = "environ", .mode = S_IFREG | 0400, .read = proc_pid_environ_read,	\
	  .per_task = true, .ptrace = true },						\
	{ .name = "auxv", .mode = S_IFREG | 0400, .show = proc_pid_auxv,		\
	  .per_task = true, .ptrace = true },						\
	REG("status", 0444, proc_pid_status),						\
	REG("personality", 0400, proc_pid_personality),				\
	REG("limits", 0444, proc_pid_limits),						\
	{ .name = "sched", .mode = S_IFREG | 0644, .show = proc_pid_sched,		\
	  .write = proc_pid_sched_write, .per_task = true },				\
	{ .name = "comm", .mode = S_IFREG | 0644, .show = proc_pid_comm,		\
	  .write = proc_pid_comm_write, .per_task = true },				\
	{ .name = "cmdline", .mode = S_IFREG | 0444, .read = proc_pid_cmdline_read,	\
	  .per_task = true },								\
	REG("stat", 0444, proc_pid_stat),						\
	REG("statm", 0444, proc_pid_statm),						\
	{ .name = "maps", .mode = S_IFREG | 0444, .show = proc_pid_maps,		\
	  .per_task = true, .ptrace = true },						\
	LNK("cwd", proc_cwd_link),							\
	LNK("root", proc_root_link),							\
	LNK("exe", proc_exe_link),							\
	REG("mounts", 0444, proc_pid_mounts),						\
	REG("mountinfo", 0444, proc_pid_mountinfo),					\
	{ .name = "smaps", .mode = S_IFREG | 0444, .show = proc_pid_smaps,		\
	  .per_task = true, .ptrace = true },						\
	{ .name = "smaps_rollup", .mode = S_IFREG | 0444,				\
	  .show = proc_pid_smaps_rollup, .per_task = true, .ptrace = true },		\
	REG("wchan", 0444, proc_pid_wchan),						\
	REG("cgroup", 0444, proc_pid_cgroup),						\
	REG("oom_score", 0444, proc_oom_score),						\
	{ .name = "oom_adj", .mode = S_IFREG | 0644, .show = proc_oom_adj,		\
	  .write = proc_oom_adj_write, .per_task = true },				\
	{ .name = "oom_score_adj", .mode = S_IFREG | 0644, .show = proc_oom_score_adj,	\
	  .write = proc_oom_score_adj_write, .per_task = true },			\
	{ .name = "io", .mode = S_IFREG | 0400, .show = proc_tgid_io_accounting,	\
	  .per_task = true, .ptrace = true }

const struct proc_entry tgid_base_stuff[] = {
	{ .name = "task", .mode = S_IFDIR | 0555, .per_task = true,
	  .lookup = proc_task_lookup, .readdir = proc_task_readdir, .parent = &proc_tgid_base },
	PID_ENTRIES(proc_tgid_base),
};

static const struct proc_entry tid_base_stuff[] = {
	PID_ENTRIES(proc_tid_base),
};

const struct proc_entry proc_tgid_base = {
	.name = "PID", .mode = S_IFDIR | 0555, .per_task = true, .parent = &proc_root,
	.children = tgid_base_stuff, .nr_children = ARRAY_SIZE(tgid_base_stuff),
};

const struct proc_entry proc_tid_base = {
	.name = "TID", .mode = S_IFDIR | 0555, .per_task = true, .parent = &tgid_base_stuff[0],
	.children = tid_base_stuff, .nr_children = ARRAY_SIZE(tid_base_stuff),
};

/* A /proc/PID directory open as a descriptor names its process, as a
 * pidfd does (Linux: tgid_pidfd_to_pid, for pidfd_send_signal): true for
 * such a directory, with *task its process or NULL once it is gone. */
bool
proc_tgid_dir_task(struct file *file, struct task_struct **task)
{
	struct inode *inode = file->f_inode;

	if (inode->i_op != &proc_iops || PROC_I(inode)->pde != &proc_tgid_base)
		return false;
	*task = proc_task(inode);
	return true;
}
