/* procfs internals (Linux: fs/proc/internal.h).
 *
 * Every /proc object is an entry of a static table (struct proc_entry):
 * a directory with fixed children and maybe dynamic ones (the PIDs under
 * /proc, the descriptors under fd/), a file whose text is made when it is
 * read (show, into a seq_file), or a symlink whose body is made when it is
 * read (link). An inode is made on each lookup and names its entry and,
 * inside /proc/PID, the task by PID and start time: a PID reused by a new
 * process does not revive an old inode, whose reads then fail with ESRCH
 * as Linux's do. */
#ifndef FS_PROCFS_INTERNAL_H
#define FS_PROCFS_INTERNAL_H

#include <taskbox/types.h>

#include "fs/internal.h"
#include "fs/seq_file.h"

struct kernel;
struct task_struct;

#define PROC_ROOT_INO		1

/* Who reads what: the caller, the task the entry belongs to (NULL for
 * system files), and for fd entries the descriptor. */
struct proc_ctx {
	struct kernel *k;
	struct task_struct *current;
	struct task_struct *task;
	int fd;
	struct inode *inode;
};

struct proc_entry {
	const char *name;
	umode_t mode;
	/* Regular files: the text, or a raw read at an offset (cmdline,
	 * environ: what the task's memory holds now). */
	int (*show)(struct seq_file *m, struct proc_ctx *c);
	ssize_t (*read)(struct proc_ctx *c, char *buf, size_t n, loff_t pos);
	ssize_t (*write)(struct proc_ctx *c, const char *buf, size_t n);
	/* Symlinks: the body. jump, for the magic fd links: the object. */
	int (*link)(struct seq_file *m, struct proc_ctx *c);
	struct dentry *(*jump)(struct proc_ctx *c);
	/* Directories: fixed children, then dynamic ones. */
	const struct proc_entry *children;
	int nr_children;
	struct inode *(*lookup)(struct inode *dir, const struct qstr *name);
	bool (*readdir)(struct file *file, struct dir_context *ctx, loff_t first);
	const struct proc_entry *parent;	/* for ".." */
	bool per_task;		/* its inode names a task (under /proc/PID) */
	bool ptrace;		/* reads need ptrace_may_access (environ, fd/...) */
};

struct proc_inode {
	const struct proc_entry *pde;
	pid_t pid;			/* the task, for per-task entries */
	uint64_t start_time;		/* ... as it was when looked up */
	int fd;				/* fd/N and fdinfo/N, else -1 */
	char *link;			/* a symlink's body, remade at each read */
};

#define PROC_I(inode)	((struct proc_inode *)(inode)->i_private)

/* --- inode.c --- */
struct inode *proc_get_inode(struct super_block *sb, const struct proc_entry *pde,
			     struct task_struct *task, int fd);
struct task_struct *proc_task(struct inode *inode);
struct task_struct *proc_current(struct kernel *k);
bool proc_may_access(struct task_struct *cur, struct task_struct *task);
struct inode *proc_lookup_fixed(struct inode *dir, const struct qstr *name);
bool proc_emit(struct dir_context *ctx, const char *name, uint64_t ino, umode_t mode);
uint64_t proc_ino(const struct proc_entry *pde, pid_t pid, int fd);
bool proc_name_number(const struct qstr *name, long *out);
extern const struct inode_operations proc_iops;
extern const struct file_operations proc_dir_fops;
extern const struct file_operations proc_reg_fops;

/* --- root.c --- */
extern const struct proc_entry proc_root;

/* --- base.c --- */
extern const struct proc_entry proc_tgid_base;
extern const struct proc_entry proc_tid_base;
struct inode *proc_pid_lookup(struct inode *dir, const struct qstr *name);
bool proc_pid_readdir(struct file *file, struct dir_context *ctx, loff_t first);
void proc_task_name(struct seq_file *m, struct task_struct *t, bool escape);

/* --- array.c --- */
int proc_pid_stat(struct seq_file *m, struct proc_ctx *c);
int proc_pid_status(struct seq_file *m, struct proc_ctx *c);
int proc_pid_statm(struct seq_file *m, struct proc_ctx *c);

/* --- task_mmu.c --- */
int proc_pid_maps(struct seq_file *m, struct proc_ctx *c);
int proc_pid_smaps(struct seq_file *m, struct proc_ctx *c);
int proc_pid_smaps_rollup(struct seq_file *m, struct proc_ctx *c);

/* --- base_extra.c --- */
int proc_pid_limits(struct seq_file *m, struct proc_ctx *c);
int proc_pid_personality(struct seq_file *m, struct proc_ctx *c);
int proc_pid_sched(struct seq_file *m, struct proc_ctx *c);
ssize_t proc_pid_sched_write(struct proc_ctx *c, const char *buf, size_t n);
int proc_tgid_io_accounting(struct seq_file *m, struct proc_ctx *c);
int proc_pid_mounts(struct seq_file *m, struct proc_ctx *c);
int proc_pid_mountinfo(struct seq_file *m, struct proc_ctx *c);

/* --- fd.c --- */
struct inode *proc_fd_lookup(struct inode *dir, const struct qstr *name);
struct inode *proc_fdinfo_lookup(struct inode *dir, const struct qstr *name);
bool proc_fd_readdir(struct file *file, struct dir_context *ctx, loff_t first);

/* --- proc_sysctl.c: /proc/sys (root.c's "sys" entry) --- */
struct inode *proc_sys_lookup(struct inode *dir, const struct qstr *name);
bool proc_sys_readdir(struct file *file, struct dir_context *ctx, loff_t first);

/* --- system files (meminfo.c, stat.c, cpuinfo.c, root.c) --- */
int proc_meminfo_show(struct seq_file *m, struct proc_ctx *c);
int proc_vmstat_show(struct seq_file *m, struct proc_ctx *c);
int proc_loadavg_show(struct seq_file *m, struct proc_ctx *c);
int proc_uptime_show(struct seq_file *m, struct proc_ctx *c);
int proc_version_show(struct seq_file *m, struct proc_ctx *c);
int proc_cpuinfo_show(struct seq_file *m, struct proc_ctx *c);
int proc_stat_show(struct seq_file *m, struct proc_ctx *c);
int proc_filesystems_show(struct seq_file *m, struct proc_ctx *c);
int proc_cmdline_show(struct seq_file *m, struct proc_ctx *c);

#endif
