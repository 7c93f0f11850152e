/* The /proc directory itself (Linux: fs/proc/root.c, self.c,
 * thread_self.c, and small files such as fs/proc/uptime.c): the system
 * files, self and thread-self, then one directory per process. */
#include <errno.h>
#include <string.h>

#include <uapi/stat.h>

#include "fs/procfs/internal.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/sched/sched.h"

/* /proc/self: the reader's process (Linux: proc_self_get_link). */
static int
proc_self_link(struct seq_file *m, struct proc_ctx *c)
{
	if (!c->current)
		return -ENOENT;
	seq_printf(m, "%d", c->current->tgid);
	return 0;
}

static int
proc_thread_self_link(struct seq_file *m, struct proc_ctx *c)
{
	if (!c->current)
		return -ENOENT;
	seq_printf(m, "%d/task/%d", c->current->tgid, c->current->pid);
	return 0;
}

static int
proc_mounts_link(struct seq_file *m, struct proc_ctx *c)
{
	(void)c;
	seq_puts(m, "self/mounts");
	return 0;
}

/* Linux: uptime_proc_show; idle time is the harts' idle share. */
int
proc_uptime_show(struct seq_file *m, struct proc_ctx *c)
{
	uint64_t up = c->k->time_ns, idle = c->k->idle_ns;

	seq_printf(m, "%llu.%02llu %llu.%02llu\n",
		   (unsigned long long)(up / 1000000000ULL),
		   (unsigned long long)(up / 10000000ULL % 100),
		   (unsigned long long)(idle / 1000000000ULL),
		   (unsigned long long)(idle / 10000000ULL % 100));
	return 0;
}

/* Linux: loadavg_proc_show: the averages, runnable/all tasks, the last
 * PID handed out. */
int
proc_loadavg_show(struct seq_file *m, struct proc_ctx *c)
{
	uint64_t a[3];

	for (int i = 0; i < 3; i++)
		a[i] = c->k->avenrun[i] + 2048 / 200;	/* FIXED_1 / 200: rounding */
	seq_printf(m, "%llu.%02llu %llu.%02llu %llu.%02llu %d/%d %d\n",
		   (unsigned long long)(a[0] >> 11), (unsigned long long)(((a[0] & 2047) * 100) >> 11),
		   (unsigned long long)(a[1] >> 11), (unsigned long long)(((a[1] & 2047) * 100) >> 11),
		   (unsigned long long)(a[2] >> 11), (unsigned long long)(((a[2] & 2047) * 100) >> 11),
		   nr_running(c->k), c->k->nr_tasks, c->k->last_pid);
	return 0;
}

/* Linux: version_proc_show (linux_proc_banner). */
int
proc_version_show(struct seq_file *m, struct proc_ctx *c)
{
	(void)c;
	seq_printf(m, "%s version %s (taskbox) (riscv64-linux-gnu-gcc) %s\n",
		   UTS_SYSNAME, UTS_RELEASE, UTS_VERSION);
	return 0;
}

/* Linux: filesystems_proc_show: the types taskbox mounts. */
int
proc_filesystems_show(struct seq_file *m, struct proc_ctx *c)
{
	(void)c;
	seq_puts(m, "nodev\tsysfs\nnodev\ttmpfs\nnodev\tproc\nnodev\tdevtmpfs\n\text4\n");
	return 0;
}

/* Linux: cmdline_proc_show: the kernel's own command line. */
int
proc_cmdline_show(struct seq_file *m, struct proc_ctx *c)
{
	(void)c;
	seq_puts(m, "taskbox\n");
	return 0;
}

#define REG(n, fn)	{ .name = n, .mode = S_IFREG | 0444, .show = fn }

static const struct proc_entry proc_root_entries[] = {
	REG("cmdline", proc_cmdline_show),
	REG("cpuinfo", proc_cpuinfo_show),
	REG("filesystems", proc_filesystems_show),
	REG("loadavg", proc_loadavg_show),
	REG("meminfo", proc_meminfo_show),
	{ .name = "mounts", .mode = S_IFLNK | 0777, .link = proc_mounts_link },
	REG("stat", proc_stat_show),
	{ .name = "sys", .mode = S_IFDIR | 0555, .lookup = proc_sys_lookup,
	  .readdir = proc_sys_readdir, .parent = &proc_root },
	REG("uptime", proc_uptime_show),
	REG("version", proc_version_show),
	REG("vmstat", proc_vmstat_show),
	{ .name = "self", .mode = S_IFLNK | 0777, .link = proc_self_link },
	{ .name = "thread-self", .mode = S_IFLNK | 0777, .link = proc_thread_self_link },
};

const struct proc_entry proc_root = {
	.name = "/",
	.mode = S_IFDIR | 0555,
	.children = proc_root_entries,
	.nr_children = sizeof(proc_root_entries) / sizeof(proc_root_entries[0]),
	.lookup = proc_pid_lookup,
	.readdir = proc_pid_readdir,
};
