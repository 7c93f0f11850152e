/* A minimal sysfs at /sys (Linux: fs/sysfs/ for the filesystem,
 * drivers/base/cpu.c for the files): the CPU masks a C library reads to
 * count processors. glibc's get_nprocs reads devices/system/cpu/online and
 * get_nprocs_conf devices/system/cpu/possible before anything else.
 *
 * It is a second instance of procfs's machinery (fs/procfs/internal.h):
 * static tables of entries whose text is made at each read, here with no
 * per-task entries. Linux's sysfs has thousands of files for its devices;
 * taskbox has no devices, so this tree has only the CPU files. */
#include <stdlib.h>

#include <taskbox/err.h>
#include <uapi/stat.h>

#include "fs/procfs/internal.h"
#include "kernel/kernel.h"

/* A mask of the first nr CPUs as a list (Linux: cpumap_print_to_pagebuf
 * with "%*pbl"): "0\n", "0-3\n", or "\n" when empty. */
static void
print_cpu_list(struct seq_file *m, int nr)
{
	if (nr == 1)
		seq_puts(m, "0");
	else if (nr > 1)
		seq_printf(m, "0-%d", nr - 1);
	seq_putc(m, '\n');
}

/* online, possible and present are all the simulated harts: taskbox has
 * no CPU hotplug (Linux: show_cpus_attr). */
static int
cpu_mask_show(struct seq_file *m, struct proc_ctx *c)
{
	print_cpu_list(m, c->k->nr_cpus);
	return 0;
}

/* Linux: print_cpus_offline: the possible CPUs not online, none here. */
static int
cpu_offline_show(struct seq_file *m, struct proc_ctx *c)
{
	(void)c;
	print_cpu_list(m, 0);
	return 0;
}

/* Linux: print_cpus_kernel_max: the highest CPU number the kernel could
 * handle. */
static int
cpu_kernel_max_show(struct seq_file *m, struct proc_ctx *c)
{
	(void)c;
	seq_printf(m, "%d\n", NR_CPUS - 1);
	return 0;
}

#define ATTR(n, fn)	{ .name = n, .mode = S_IFREG | 0444, .show = fn }
#define DIR(n, ch, up)	{ .name = n, .mode = S_IFDIR | 0755, .children = ch,		\
			  .nr_children = ARRAY_SIZE(ch), .parent = up }

/* Each directory is an element of its parent's table; ".." names the
 * element of the grandparent's, so the tables are declared first. */
static const struct proc_entry sysfs_root;
static const struct proc_entry sysfs_root_entries[1];
static const struct proc_entry sysfs_devices_entries[1];
static const struct proc_entry sysfs_system_entries[1];

static const struct proc_entry sysfs_cpu_entries[] = {
	ATTR("kernel_max", cpu_kernel_max_show),
	ATTR("offline", cpu_offline_show),
	ATTR("online", cpu_mask_show),
	ATTR("possible", cpu_mask_show),
	ATTR("present", cpu_mask_show),
};

static const struct proc_entry sysfs_system_entries[1] = {
	DIR("cpu", sysfs_cpu_entries, &sysfs_devices_entries[0]),
};

static const struct proc_entry sysfs_devices_entries[1] = {
	DIR("system", sysfs_system_entries, &sysfs_root_entries[0]),
};

static const struct proc_entry sysfs_root_entries[1] = {
	DIR("devices", sysfs_devices_entries, &sysfs_root),
};

static const struct proc_entry sysfs_root = {
	.name = "/",
	.mode = S_IFDIR | 0755,
	.children = sysfs_root_entries,
	.nr_children = ARRAY_SIZE(sysfs_root_entries),
};

static void
sysfs_evict_inode(struct inode *inode)
{
	struct proc_inode *pi = PROC_I(inode);

	if (pi)
		free(pi->link);
	free(pi);
}

/* Linux: simple_statfs. */
static int
sysfs_statfs(struct inode *inode, struct kstatfs *buf)
{
	*buf = (struct kstatfs){
		.f_type = inode->i_sb->s_magic,
		.f_bsize = PAGE_SIZE,
		.f_frsize = PAGE_SIZE,
		.f_namelen = FS_NAME_MAX,
	};
	return 0;
}

static const struct super_operations sysfs_ops = {
	.evict_inode = sysfs_evict_inode,
	.statfs = sysfs_statfs,
};

/* A sysfs instance (Linux: sysfs_fill_super via kernfs). */
int
sysfs_fill_super(struct kernel *k, struct super_block *sb, uint32_t dev,
		 struct inode **root)
{
	sb->s_op = &sysfs_ops;
	sb->s_magic = SYSFS_MAGIC;
	sb->s_dev = dev;
	sb->s_kernel = k;
	sb->s_flags = SB_INMEMORY;
	*root = proc_get_inode(sb, &sysfs_root, NULL, -1);
	return IS_ERR(*root) ? (int)PTR_ERR(*root) : 0;
}
