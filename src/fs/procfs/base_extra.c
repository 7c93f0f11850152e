/* More files of /proc/PID (Linux: fs/proc/base.c's proc_pid_limits,
 * proc_pid_personality and do_io_accounting; kernel/sched/debug.c's
 * proc_sched_show_task; fs/proc_namespace.c's mounts and mountinfo). */
#include <errno.h>
#include <string.h>

#include <uapi/stat.h>

#include "fs/procfs/internal.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "mm/mm.h"

/* --- limits ------------------------------------------------------------------ */

/* Linux: lnames; a limit without unit prints none. */
static const struct limit_names {
	const char *name, *unit;
} lnames[RLIM_NLIMITS] = {
	{ "Max cpu time", "seconds" },
	{ "Max file size", "bytes" },
	{ "Max data size", "bytes" },
	{ "Max stack size", "bytes" },
	{ "Max core file size", "bytes" },
	{ "Max resident set", "bytes" },
	{ "Max processes", "processes" },
	{ "Max open files", "files" },
	{ "Max locked memory", "bytes" },
	{ "Max address space", "bytes" },
	{ "Max file locks", "locks" },
	{ "Max pending signals", "signals" },
	{ "Max msgqueue size", "bytes" },
	{ "Max nice priority", NULL },
	{ "Max realtime priority", NULL },
	{ "Max realtime timeout", "us" },
};

static void
seq_rlim(struct seq_file *m, uint64_t v)
{
	if (v == RLIM64_INFINITY)
		seq_printf(m, "%-20s ", "unlimited");
	else
		seq_printf(m, "%-20llu ", (unsigned long long)v);
}

/* Linux: proc_pid_limits. */
int
proc_pid_limits(struct seq_file *m, struct proc_ctx *c)
{
	const struct rlimit64 *rlim = c->task->signal->rlim;

	seq_puts(m, "Limit                     Soft Limit           Hard Limit           "
		    "Units     \n");
	for (int i = 0; i < RLIM_NLIMITS; i++) {
		seq_printf(m, "%-25s ", lnames[i].name);
		seq_rlim(m, rlim[i].rlim_cur);
		seq_rlim(m, rlim[i].rlim_max);
		if (lnames[i].unit)
			seq_printf(m, "%-10s\n", lnames[i].unit);
		else
			seq_putc(m, '\n');
	}
	return 0;
}

/* --- personality -------------------------------------------------------------- */

/* Linux: proc_pid_personality, behind lock_trace (ptrace attach). taskbox
 * runs every program with PER_LINUX and no flags. */
int
proc_pid_personality(struct seq_file *m, struct proc_ctx *c)
{
	if (!proc_may_access(c->current, c->task))
		return -EPERM;
	seq_printf(m, "%08x\n", 0U);
	return 0;
}

/* --- sched -------------------------------------------------------------------- */

#define NICE_0_LOAD		(1024UL << 10)	/* scale_load(1024) on 64-bit */
#define SCHED_BASE_SLICE_NS	700000ULL	/* sysctl_sched_base_slice */

/* A "name : value" line (Linux: __PS and __PSN; times in ms with ns). */
static void
sched_ps(struct seq_file *m, const char *name, long long v)
{
	seq_printf(m, "%-45s:%21lld\n", name, v);
}

static void
sched_psn(struct seq_file *m, const char *name, uint64_t ns)
{
	seq_printf(m, "%-45s:%14lld.%06lld\n", name, (long long)(ns / 1000000),
		   (long long)(ns % 1000000));
}

/* The base slice grows with the CPUs as 1 + log2(min(cpus, 8)) (Linux:
 * get_update_sysctl_factor, SCHED_TUNABLESCALING_LOG). */
static uint64_t
sched_base_slice(int nr_cpus)
{
	int cpus = nr_cpus < 8 ? nr_cpus : 8, factor = 1;

	while (cpus >>= 1)
		factor++;
	return SCHED_BASE_SLICE_NS * (uint64_t)factor;
}

/* Linux: proc_sched_show_task, as a kernel without schedstats, uclamp or
 * NUMA balancing prints it. taskbox's scheduler is round robin: each task
 * has weight 1024 (nice 0), its vruntime is its CPU time, and it keeps no
 * PELT averages (they read as zero) nor the time it last started running
 * (exec_start shows the clock now for a running task, else its start). */
int
proc_pid_sched(struct seq_file *m, struct proc_ctx *c)
{
	struct task_struct *t = c->task;
	uint64_t runtime = t->utime + t->stime;

	proc_task_name(m, t, false);
	seq_printf(m, " (%d, #threads: %d)\n", t->pid, t->signal->nr_threads);
	seq_puts(m, "-------------------------------------------------------------------\n");
	sched_psn(m, "se.exec_start", t->on_cpu ? c->k->time_ns : t->start_time);
	sched_psn(m, "se.vruntime", runtime);
	sched_psn(m, "se.sum_exec_runtime", runtime);
	sched_ps(m, "se.nr_migrations", 0);
	sched_ps(m, "nr_switches", (long long)(t->nvcsw + t->nivcsw));
	sched_ps(m, "nr_voluntary_switches", (long long)t->nvcsw);
	sched_ps(m, "nr_involuntary_switches", (long long)t->nivcsw);
	sched_ps(m, "se.load.weight", NICE_0_LOAD);
	sched_ps(m, "se.avg.load_sum", 0);
	sched_ps(m, "se.avg.runnable_sum", 0);
	sched_ps(m, "se.avg.util_sum", 0);
	sched_ps(m, "se.avg.load_avg", 0);
	sched_ps(m, "se.avg.runnable_avg", 0);
	sched_ps(m, "se.avg.util_avg", 0);
	sched_ps(m, "se.avg.last_update_time", 0);
	sched_ps(m, "se.avg.util_est", 0);
	sched_ps(m, "policy", 0);		/* SCHED_NORMAL */
	sched_ps(m, "prio", 120);		/* MAX_RT_PRIO + 20 + nice */
	sched_ps(m, "se.slice", (long long)sched_base_slice(c->k->nr_cpus));
	sched_ps(m, "clock-delta", 0);		/* no virtual time passes in here */
	return 0;
}

/* Writing resets the schedstats (Linux: proc_sched_set_task), which a
 * kernel without them does not have: any write succeeds. */
ssize_t
proc_pid_sched_write(struct proc_ctx *c, const char *buf, size_t n)
{
	(void)c, (void)buf;
	return (ssize_t)n;
}

/* --- io ---------------------------------------------------------------------- */

/* Is the inode's entry one of /proc/PID's (not /proc/PID/task/TID's)? */
static bool
proc_inode_is_tgid(struct inode *inode)
{
	const struct proc_entry *pde = PROC_I(inode)->pde;

	for (int i = 0; i < proc_tgid_base.nr_children; i++)
		if (&proc_tgid_base.children[i] == pde)
			return true;
	return false;
}

/* /proc/PID/io counts the whole process: its threads, its dead threads
 * and its reaped children; /proc/PID/task/TID/io the thread alone (Linux:
 * do_io_accounting, whole or not). No block device lies below taskbox:
 * storage bytes are zero. */
int
proc_tgid_io_accounting(struct seq_file *m, struct proc_ctx *c)
{
	struct task_io_accounting acct = c->task->ioac;
	struct task_struct *t;

	if (proc_inode_is_tgid(c->inode)) {
		acct = c->task->signal->ioac;
		list_for_each_entry(t, &c->k->tasks, tasks)
			if (t->signal == c->task->signal)
				task_io_accounting_add(&acct, &t->ioac);
	}
	seq_printf(m, "rchar: %llu\nwchar: %llu\nsyscr: %llu\nsyscw: %llu\n",
		   (unsigned long long)acct.rchar, (unsigned long long)acct.wchar,
		   (unsigned long long)acct.syscr, (unsigned long long)acct.syscw);
	seq_puts(m, "read_bytes: 0\nwrite_bytes: 0\ncancelled_write_bytes: 0\n");
	return 0;
}

/* --- mounts and mountinfo ------------------------------------------------- */

#define SYSFS_MAGIC	0x62656572
#define DEVPTS_MAGIC	0x1cd1

/* A string with space, tab, newline and backslash in octal (Linux: mangle,
 * seq_escape with " \t\n\\"). */
static void
seq_mangle(struct seq_file *m, const char *s)
{
	for (; *s; s++) {
		if (strchr(" \t\n\\", *s))
			seq_printf(m, "\\%03o", (unsigned char)*s);
		else
			seq_putc(m, *s);
	}
}

/* What a mount is: its filesystem type and its source (Linux:
 * sb->s_type->name and mnt_devname). The root is the host directory
 * --root names, mounted as the kernel mounts a root device. */
struct mount_desc {
	const char *type, *devname;
	bool devtmpfs;
};

static struct mount_desc
describe_mount(struct kernel *k, const struct vfsmount *mnt)
{
	struct super_block *sb = mnt->mnt_sb;

	if (sb == &k->mounts->hostfs_sb)
		return (struct mount_desc){ "ext4", "/dev/root", false };
	switch (sb->s_magic) {
	case PROC_SUPER_MAGIC:
		return (struct mount_desc){ "proc", "proc", false };
	case SYSFS_MAGIC:
		return (struct mount_desc){ "sysfs", "sysfs", false };
	case DEVPTS_MAGIC:
		return (struct mount_desc){ "devpts", "devpts", false };
	case TMPFS_MAGIC:
		/* devtmpfs is the tmpfs instance mounted at /dev. */
		if (!strcmp(mnt->mnt_root->d_path, "/dev"))
			return (struct mount_desc){ "devtmpfs", "devtmpfs", true };
		return (struct mount_desc){ "tmpfs", "tmpfs", false };
	default:
		return (struct mount_desc){ "none", "none", false };
	}
}

/* Where a mount is, as the reader's root sees it (Linux: seq_path_root);
 * NULL for a mount outside that root. */
static const char *
mount_point_in_root(const char *mp, const char *root)
{
	size_t len = strlen(root);

	if (!strcmp(root, "/"))
		return mp;
	if (strncmp(mp, root, len) || (mp[len] != '/' && mp[len] != '\0'))
		return NULL;
	return mp[len] ? mp + len : "/";
}

/* Per-mount flags (Linux: show_mnt_opts). */
static void
show_mnt_opts(struct seq_file *m, const struct vfsmount *mnt)
{
	if (mnt->mnt_flags & MNT_NOSUID)
		seq_puts(m, ",nosuid");
	if (mnt->mnt_flags & MNT_NODEV)
		seq_puts(m, ",nodev");
	if (mnt->mnt_flags & MNT_NOEXEC)
		seq_puts(m, ",noexec");
	if (mnt->mnt_flags & MNT_RELATIME)
		seq_puts(m, ",relatime");
}

/* The filesystem's own options (Linux: shmem_show_options): tmpfs shows
 * its size, inodes and mode where they are not the defaults (half of
 * memory, mode 1777); devtmpfs, sized when the kernel booted, always. */
static void
show_sb_options(struct seq_file *m, struct kernel *k, const struct vfsmount *mnt,
		const struct mount_desc *d)
{
	struct inode *root = mnt->mnt_root->d_inode;
	struct super_block *sb = mnt->mnt_sb;
	struct kstatfs st;

	if (sb->s_magic != TMPFS_MAGIC || !root || !sb->s_op || !sb->s_op->statfs ||
	    sb->s_op->statfs(root, &st))
		return;
	if (d->devtmpfs || st.f_blocks != k->max_pages / 2)
		seq_printf(m, ",size=%lluk", (unsigned long long)(st.f_blocks * (st.f_bsize / 1024)));
	if (d->devtmpfs || st.f_files != k->max_pages / 2)
		seq_printf(m, ",nr_inodes=%llu", (unsigned long long)st.f_files);
	if ((root->i_mode & 07777) != 01777)
		seq_printf(m, ",mode=%03o", root->i_mode & 07777);
}

/* The device number stat() gives the mount's root. */
static uint32_t
mount_dev(const struct vfsmount *mnt)
{
	struct kstat st;

	if (mnt->mnt_root->d_inode)
		return mnt->mnt_sb->s_dev;
	return d_getattr(mnt->mnt_root, &st, STATX_BASIC_STATS) ? 0 : st.dev;
}

/* The reader's view of the mount table: the task's root (a kernel
 * thread's is /). A task that has exited has none (Linux:
 * mounts_open_common, EINVAL without a mount namespace). */
static const char *
task_root(struct task_struct *t)
{
	if (t->fs)
		return t->fs->root->d_path;
	return (t->flags & PF_KTHREAD) && !t->exit_state ? "/" : NULL;
}

/* Linux: show_vfsmnt. */
static void
show_vfsmnt(struct seq_file *m, struct kernel *k, const struct vfsmount *mnt, const char *mp)
{
	struct mount_desc d = describe_mount(k, mnt);

	seq_mangle(m, d.devname);
	seq_putc(m, ' ');
	seq_mangle(m, mp);
	seq_putc(m, ' ');
	seq_mangle(m, d.type);
	seq_puts(m, mnt->mnt_sb->s_flags & SB_RDONLY ? " ro" : " rw");
	show_mnt_opts(m, mnt);
	show_sb_options(m, k, mnt, &d);
	seq_puts(m, " 0 0\n");
}

/* Linux: show_mountinfo. Mounts are private (no propagation tags), as
 * with an init other than systemd. The root's parent is the rootfs below
 * it, hidden from every task, as Linux's is: a number no mount has, 0. */
static void
show_mountinfo(struct seq_file *m, struct kernel *k, const struct vfsmount *mnt, const char *mp)
{
	struct mount_desc d = describe_mount(k, mnt);
	uint32_t dev = mount_dev(mnt);
	bool ro = mnt->mnt_sb->s_flags & SB_RDONLY;

	seq_printf(m, "%d %d %u:%u / ", mnt->mnt_id, mnt->mnt_parent ? mnt->mnt_parent->mnt_id : 0,
		   MAJOR(dev), MINOR(dev));
	seq_mangle(m, mp);
	seq_puts(m, ro ? " ro" : " rw");
	show_mnt_opts(m, mnt);
	seq_puts(m, " - ");
	seq_mangle(m, d.type);
	seq_putc(m, ' ');
	seq_mangle(m, d.devname);
	seq_puts(m, ro ? " ro" : " rw");
	show_sb_options(m, k, mnt, &d);
	seq_putc(m, '\n');
}

static int
show_mounts(struct seq_file *m, struct proc_ctx *c, bool info)
{
	struct vfsmount_table *table = c->k->mounts;
	const char *root = task_root(c->task);

	if (!root)
		return -EINVAL;
	for (int i = 0; i < table->nr_mounts; i++) {
		const struct vfsmount *mnt = table->mounts[i];
		const char *mp = mount_point_in_root(mnt->mnt_root->d_path, root);

		if (!mp)
			continue;
		if (info)
			show_mountinfo(m, c->k, mnt, mp);
		else
			show_vfsmnt(m, c->k, mnt, mp);
	}
	return 0;
}

int
proc_pid_mounts(struct seq_file *m, struct proc_ctx *c)
{
	return show_mounts(m, c, false);
}

int
proc_pid_mountinfo(struct seq_file *m, struct proc_ctx *c)
{
	return show_mounts(m, c, true);
}
