/* /proc/PID/fd and /proc/PID/fdinfo (Linux: fs/proc/fd.c). fd/N is a
 * "magic" link: its body names the file ("/tmp/x", "pipe:[12]",
 * "anon_inode:[signalfd]", with " (deleted)" once unlinked), and opening
 * it reaches the open object itself, even one with no name (a pipe), as
 * Linux's proc_fd_link does with nd_jump_link. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <taskbox/err.h>
#include <uapi/dirent.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>

#include "fs/procfs/internal.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"

/* The task's file at fd, with a reference, or NULL. */
static struct file *
proc_fget(struct proc_ctx *c)
{
	struct files_struct *files = c->task->files;

	if (!files || c->fd < 0 || (unsigned int)c->fd >= files->max_fds || !files->fd[c->fd])
		return NULL;
	return get_file(files->fd[c->fd]);
}

/* What a file is called in /proc (Linux: d_path, or a pseudo filesystem's
 * d_dname): its path, else by its kind and inode number. */
static void
proc_file_name(struct seq_file *m, struct kernel *k, struct file *f)
{
	struct inode *inode = f->f_inode;
	umode_t type = inode->i_mode & S_IFMT;

	/* The host's stdio: a terminal is the guest's console. */
	if (inode->i_sb == &k->mounts->stdio_sb && S_ISCHR(inode->i_mode))
		seq_puts(m, "/dev/console");
	else if (S_ISFIFO(inode->i_mode) && (!inode->i_sb || !f->f_path || f->f_path[0] != '/'))
		seq_printf(m, "pipe:[%llu]", (unsigned long long)inode->i_ino);
	else if (S_ISSOCK(inode->i_mode))
		seq_printf(m, "socket:[%llu]", (unsigned long long)inode->i_ino);
	else if (!type && !inode->i_sb)
		seq_puts(m, f->f_path ? f->f_path : "anon_inode:[unknown]");
	else if (f->f_path)
		seq_puts(m, f->f_path);
	if (inode->i_sb && sb_in_memory(inode->i_sb) && !inode->i_nlink && type &&
	    !S_ISDIR(inode->i_mode))
		seq_puts(m, " (deleted)");
}

static int
proc_fd_link(struct seq_file *m, struct proc_ctx *c)
{
	struct file *f;

	if (!proc_may_access(c->current, c->task))
		return -EACCES;
	f = proc_fget(c);
	if (!f)
		return -ENOENT;
	proc_file_name(m, c->k, f);
	fput(f);
	return 0;
}

/* The open object itself, for objects the walk cannot reach by name:
 * in-memory files, pipes, anonymous inodes, the host's stdio. A file of
 * the host root is reached by its path (the body) instead. */
static struct dentry *
proc_fd_jump(struct proc_ctx *c)
{
	struct file *f;
	struct dentry *d = NULL;
	struct inode *inode;

	if (!proc_may_access(c->current, c->task))
		return ERR_PTR(-EACCES);
	f = proc_fget(c);
	if (!f)
		return ERR_PTR(-ENOENT);
	inode = f->f_inode;
	if (!inode->i_sb || sb_in_memory(inode->i_sb) || inode->i_sb != &c->k->mounts->hostfs_sb) {
		struct seq_file m = { 0 };

		proc_file_name(&m, c->k, f);
		d = d_alloc_inode(igrab(inode), m.buf ? m.buf : strdup(""));
		if (!d)
			d = ERR_PTR(-ENOMEM);
	}
	fput(f);
	return d;
}

static int
proc_fdinfo_show(struct seq_file *m, struct proc_ctx *c)
{
	struct file *f = proc_fget(c);
	unsigned int flags;
	struct vfsmount *mnt;

	if (!f)
		return -ENOENT;
	flags = f->f_flags;
	if (get_close_on_exec(c->task->files, (unsigned int)c->fd))
		flags |= O_CLOEXEC;
	mnt = f->f_inode->i_sb ? sb_mount(c->k->mounts, f->f_inode->i_sb) : NULL;
	seq_printf(m, "pos:\t%lld\nflags:\t0%o\nmnt_id:\t%d\nino:\t%llu\n", (long long)f->f_pos,
		   flags, mnt ? mnt->mnt_id : 0, (unsigned long long)f->f_inode->i_ino);
	if (f->f_op && f->f_op->show_fdinfo)
		f->f_op->show_fdinfo(m, f);
	fput(f);
	return 0;
}

static const struct proc_entry proc_fd_entry = {
	.name = "fd", .mode = S_IFLNK, .per_task = true, .ptrace = true,
	.link = proc_fd_link, .jump = proc_fd_jump,
};

static const struct proc_entry proc_fdinfo_entry = {
	.name = "fdinfo", .mode = S_IFREG | 0444, .per_task = true, .ptrace = true,
	.show = proc_fdinfo_show,
};

/* fd/N's mode tells how the file is open (Linux: tid_fd_update_inode). */
static struct inode *
proc_fd_instantiate(struct inode *dir, const struct qstr *name, const struct proc_entry *pde)
{
	struct task_struct *t = proc_task(dir);
	struct files_struct *files = t ? t->files : NULL;
	struct inode *inode;
	long fd;

	if (!t || !proc_name_number(name, &fd) || !files || (unsigned long)fd >= files->max_fds ||
	    !files->fd[fd])
		return ERR_PTR(-ENOENT);
	inode = proc_get_inode(dir->i_sb, pde, t, (int)fd);
	if (!IS_ERR(inode) && pde == &proc_fd_entry) {
		if (files->fd[fd]->f_mode & FMODE_READ)
			inode->i_mode |= S_IRUSR | S_IXUSR;
		if (files->fd[fd]->f_mode & FMODE_WRITE)
			inode->i_mode |= S_IWUSR | S_IXUSR;
	}
	return inode;
}

struct inode *
proc_fd_lookup(struct inode *dir, const struct qstr *name)
{
	return proc_fd_instantiate(dir, name, &proc_fd_entry);
}

struct inode *
proc_fdinfo_lookup(struct inode *dir, const struct qstr *name)
{
	return proc_fd_instantiate(dir, name, &proc_fdinfo_entry);
}

/* The open descriptors in order (Linux: proc_readfd_common). */
bool
proc_fd_readdir(struct file *file, struct dir_context *ctx, loff_t first)
{
	struct task_struct *t = proc_task(file->f_inode);
	bool info = PROC_I(file->f_inode)->pde->lookup == proc_fdinfo_lookup;
	char name[16];

	if (!t || !t->files)
		return true;
	if (ctx->pos < first)
		ctx->pos = first;
	for (unsigned int fd = (unsigned int)(ctx->pos - first); fd < t->files->max_fds; fd++) {
		struct file *f = t->files->fd[fd];

		if (!f)
			continue;
		snprintf(name, sizeof(name), "%u", fd);
		ctx->pos = first + fd;
		if (!ctx->actor(ctx, name, (int)strlen(name), first + fd + 1,
				proc_ino(info ? &proc_fdinfo_entry : &proc_fd_entry, t->pid, (int)fd),
				info ? DT_REG : DT_LNK))
			return false;
		ctx->pos = first + fd + 1;
	}
	return true;
}
