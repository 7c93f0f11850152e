/* procfs inodes, directories and files (Linux: fs/proc/inode.c, generic.c,
 * base.c's pid_revalidate and proc_pid_readdir helpers).
 *
 * See internal.h for the model. Reads of a regular file make its text when
 * read at offset 0 (as seq_read restarts at 0) and copy from it; a task's
 * file whose task is gone reads as ESRCH. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <taskbox/err.h>
#include <uapi/dirent.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>

#include "fs/procfs/internal.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"

/* The task whose system call is running: the reader of a /proc file
 * (Linux: current). */
struct task_struct *
proc_current(struct kernel *k)
{
	return k->current;
}

/* A stable inode number for an entry of a task (or none). */
uint64_t
proc_ino(const struct proc_entry *pde, pid_t pid, int fd)
{
	uint64_t h = 1469598103934665603ULL;
	uint64_t parts[3] = { (uintptr_t)pde, (uint64_t)pid, (uint64_t)(int64_t)fd };

	if (pde == &proc_root)
		return PROC_ROOT_INO;
	for (int i = 0; i < 3; i++) {
		h ^= parts[i];
		h *= 1099511628211ULL;
	}
	return (h & 0xffffffffffffULL) | 0x1000;
}

/* The task an inode names, if it still lives (Linux: get_proc_task). A
 * zombie still answers; a reaped task, or a new one with the same PID, not. */
struct task_struct *
proc_task(struct inode *inode)
{
	struct proc_inode *pi = PROC_I(inode);
	struct task_struct *t;

	if (!pi->pde->per_task)
		return NULL;
	t = find_task_by_vpid(inode->i_sb->s_kernel, pi->pid);
	if (!t || t->exit_state == EXIT_DEAD || t->start_time != pi->start_time)
		return NULL;
	return t;
}

/* May cur look inside task (Linux: ptrace_may_access with
 * PTRACE_MODE_READ_FSCREDS): itself, privilege, or the same ids. */
bool
proc_may_access(struct task_struct *cur, struct task_struct *task)
{
	struct cred *c = cur->cred, *t = task->cred;

	if (cur->tgid == task->tgid || c->euid == 0)
		return true;
	return c->fsuid == t->uid && c->fsuid == t->euid && c->fsuid == t->suid &&
	       c->fsgid == t->gid && c->fsgid == t->egid && c->fsgid == t->sgid;
}

static void
proc_evict_inode(struct inode *inode)
{
	struct proc_inode *pi = PROC_I(inode);

	if (pi)
		free(pi->link);
	free(pi);
}

/* Linux: simple_statfs: no blocks, no inodes to count (df skips it). */
static int
proc_statfs(struct inode *inode, struct kstatfs *buf)
{
	*buf = (struct kstatfs){
		.f_type = inode->i_sb->s_magic,
		.f_bsize = PAGE_SIZE,
		.f_frsize = PAGE_SIZE,
		.f_namelen = FS_NAME_MAX,
	};
	return 0;
}

static const struct super_operations proc_sops = {
	.evict_inode = proc_evict_inode,
	.statfs = proc_statfs,
};

/* The owner of a task's files is the task's effective ids (Linux:
 * task_dump_owner); kernel threads' and system files' is root. */
static void
proc_owner(struct inode *inode, struct task_struct *t)
{
	inode->i_uid = t && t->mm ? t->cred->euid : 0;
	inode->i_gid = t && t->mm ? t->cred->egid : 0;
}

struct inode *
proc_get_inode(struct super_block *sb, const struct proc_entry *pde,
	       struct task_struct *task, int fd)
{
	struct inode *inode = new_inode(sb);
	struct proc_inode *pi = calloc(1, sizeof(*pi));

	if (!inode || !pi) {
		free(inode);
		free(pi);
		return ERR_PTR(-ENOMEM);
	}
	pi->pde = pde;
	pi->fd = fd;
	if (task) {
		pi->pid = task->pid;
		pi->start_time = task->start_time;
	}
	inode->i_private = pi;
	inode->i_mode = pde->mode;
	inode->i_ino = proc_ino(pde, pi->pid, fd);
	inode->i_op = &proc_iops;
	inode->i_fop = S_ISDIR(pde->mode) ? &proc_dir_fops : &proc_reg_fops;
	inode->i_nlink = S_ISDIR(pde->mode) ? 2 : 1;
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time(inode);
	proc_owner(inode, task);
	return inode;
}

/* The context of an operation on inode: the caller and the task. */
static int
proc_ctx_init(struct proc_ctx *c, struct inode *inode)
{
	struct proc_inode *pi = PROC_I(inode);

	c->k = inode->i_sb->s_kernel;
	c->current = proc_current(c->k);
	c->task = proc_task(inode);
	c->fd = pi->fd;
	c->inode = inode;
	if (pi->pde->per_task && !c->task)
		return -ESRCH;
	return 0;
}

/* --- lookup --------------------------------------------------------------- */

/* "42" as a number; false for anything else ("042", "4x", ""). */
bool
proc_name_number(const struct qstr *name, long *out)
{
	long v = 0;

	if (!name->len || name->len > 9 || (name->name[0] == '0' && name->len > 1))
		return false;
	for (unsigned int i = 0; i < name->len; i++) {
		if (name->name[i] < '0' || name->name[i] > '9')
			return false;
		v = v * 10 + (name->name[i] - '0');
	}
	*out = v;
	return true;
}

/* A fixed child of dir by name, for dir's task. */
struct inode *
proc_lookup_fixed(struct inode *dir, const struct qstr *name)
{
	const struct proc_entry *pde = PROC_I(dir)->pde;

	for (int i = 0; i < pde->nr_children; i++) {
		const struct proc_entry *e = &pde->children[i];

		if (strlen(e->name) == name->len && !memcmp(e->name, name->name, name->len))
			return proc_get_inode(dir->i_sb, e, proc_task(dir), -1);
	}
	return ERR_PTR(-ENOENT);
}

static struct inode *
proc_lookup(struct inode *dir, const struct qstr *name)
{
	const struct proc_entry *pde = PROC_I(dir)->pde;
	struct inode *inode;

	if (pde->per_task && !proc_task(dir))
		return ERR_PTR(-ENOENT);
	if (name->len == 2 && !memcmp(name->name, "..", 2)) {
		const struct proc_entry *up = pde->parent ? pde->parent : pde;

		return proc_get_inode(dir->i_sb, up, up->per_task ? proc_task(dir) : NULL, -1);
	}
	inode = proc_lookup_fixed(dir, name);
	if (IS_ERR(inode) && PTR_ERR(inode) == -ENOENT && pde->lookup)
		inode = pde->lookup(dir, name);
	return inode;
}

static int
proc_getattr(struct inode *inode, struct kstat *stat, uint32_t request_mask)
{
	struct proc_inode *pi = PROC_I(inode);
	struct task_struct *t = proc_task(inode);

	(void)request_mask;
	if (pi->pde->per_task && t)
		proc_owner(inode, t);
	generic_fillattr(inode, stat);
	return 0;
}

/* A symlink's body, made now for the caller (Linux: proc_get_link and
 * proc_self_get_link), or ERR_PTR. */
static const char *
proc_get_link(struct inode *inode)
{
	struct proc_inode *pi = PROC_I(inode);
	struct seq_file m = { 0 };
	struct proc_ctx c;
	int err = proc_ctx_init(&c, inode);

	if (err || !pi->pde->link)
		return ERR_PTR(err ? -ENOENT : -EINVAL);
	err = pi->pde->link(&m, &c);
	if (err || m.err || !m.buf) {
		seq_release(&m);
		return ERR_PTR(err ? err : -ENOMEM);
	}
	free(pi->link);
	pi->link = m.buf;
	return pi->link;
}

/* The object a magic link leads to (Linux: nd_jump_link). */
static struct dentry *
proc_jump_link(struct inode *inode)
{
	struct proc_inode *pi = PROC_I(inode);
	struct proc_ctx c;

	if (!pi->pde->jump)
		return NULL;
	if (proc_ctx_init(&c, inode))
		return ERR_PTR(-ENOENT);
	return pi->pde->jump(&c);
}

const struct inode_operations proc_iops = {
	.getattr = proc_getattr,
	.lookup = proc_lookup,
	.get_link = proc_get_link,
	.jump_link = proc_jump_link,
};

/* --- directories ------------------------------------------------------------ */

bool
proc_emit(struct dir_context *ctx, const char *name, uint64_t ino, umode_t mode)
{
	if (!ctx->actor(ctx, name, (int)strlen(name), ctx->pos + 1, ino, (mode & S_IFMT) >> 12))
		return false;
	ctx->pos++;
	return true;
}

/* ".", "..", the fixed children, then the dynamic ones (Linux:
 * proc_readdir_de, proc_pident_readdir, proc_pid_readdir). */
static int
proc_readdir(struct file *file, struct dir_context *ctx)
{
	struct inode *dir = file->f_inode;
	struct proc_inode *pi = PROC_I(dir);
	const struct proc_entry *pde = pi->pde;
	struct task_struct *t = proc_task(dir);

	if (pde->per_task && !t)
		return -ENOENT;
	if (ctx->pos == 0 && !proc_emit(ctx, ".", dir->i_ino, S_IFDIR))
		return 0;
	if (ctx->pos == 1 && !proc_emit(ctx, "..",
			 pde->parent ? proc_ino(pde->parent, pde->parent->per_task ? pi->pid : 0, -1) :
			 dir->i_ino, S_IFDIR))
		return 0;
	for (loff_t i = ctx->pos - 2; i >= 0 && i < pde->nr_children; i++) {
		const struct proc_entry *e = &pde->children[i];

		if (!proc_emit(ctx, e->name, proc_ino(e, e->per_task ? pi->pid : 0, -1), e->mode))
			return 0;
	}
	if (pde->readdir)
		pde->readdir(file, ctx, 2 + pde->nr_children);
	return 0;
}

static loff_t
proc_dir_llseek(struct file *file, loff_t offset, int whence)
{
	if (whence == SEEK_CUR)
		offset += file->f_pos;
	else if (whence != SEEK_SET)
		return -EINVAL;
	if (offset < 0)
		return -EINVAL;
	return file->f_pos = offset;
}

static ssize_t
proc_dir_read(struct task_struct *current, struct file *file, char *buf, size_t count,
	      loff_t *pos)
{
	(void)current, (void)file, (void)buf, (void)count, (void)pos;
	return -EISDIR;
}

const struct file_operations proc_dir_fops = {
	.llseek = proc_dir_llseek,
	.read = proc_dir_read,
	.iterate_shared = proc_readdir,
};

/* --- regular files ---------------------------------------------------------- */

/* Opening a task's file: it must still exist, and the private ones need
 * ptrace access (Linux: proc_pid_permission, mm_access). */
static int
proc_reg_open(struct inode *inode, struct file *file)
{
	struct proc_ctx c;
	int err = proc_ctx_init(&c, inode);

	if (err)
		return err == -ESRCH ? -ENOENT : err;
	if (PROC_I(inode)->pde->ptrace && c.task && !proc_may_access(c.current, c.task))
		return -EACCES;
	file->private_data = calloc(1, sizeof(struct seq_file));
	return file->private_data ? 0 : -ENOMEM;
}

static int
proc_reg_release(struct inode *inode, struct file *file)
{
	(void)inode;
	if (file->private_data)
		seq_release(file->private_data);
	free(file->private_data);
	return 0;
}

/* seq_read: the text is made at offset 0 and kept for the reads after. */
static ssize_t
proc_reg_read(struct task_struct *current, struct file *file, char *buf, size_t count,
	      loff_t *pos)
{
	const struct proc_entry *pde = PROC_I(file->f_inode)->pde;
	struct seq_file *m = file->private_data;
	loff_t p = pos ? *pos : file->f_pos;
	struct proc_ctx c;
	int err = proc_ctx_init(&c, file->f_inode);
	size_t n;

	(void)current;
	if (err)
		return err;
	if (pde->read) {
		ssize_t r = pde->read(&c, buf, count, p);

		if (r > 0 && pos)
			*pos += r;
		return r;
	}
	if (!pde->show)
		return -EINVAL;
	if (p == 0 || !m->buf) {
		seq_release(m);
		err = pde->show(m, &c);
		if (err || m->err) {
			seq_release(m);
			return err ? err : m->err;
		}
	}
	if ((size_t)p >= m->count)
		return 0;
	n = m->count - (size_t)p < count ? m->count - (size_t)p : count;
	memcpy(buf, m->buf + p, n);
	if (pos)
		*pos += (loff_t)n;
	return (ssize_t)n;
}

static ssize_t
proc_reg_write(struct task_struct *current, struct file *file, const char *buf,
	       size_t count, loff_t *pos)
{
	const struct proc_entry *pde = PROC_I(file->f_inode)->pde;
	struct proc_ctx c;
	int err = proc_ctx_init(&c, file->f_inode);
	ssize_t r;

	(void)current;
	if (err)
		return err;
	if (!pde->write)
		return -EINVAL;
	r = pde->write(&c, buf, count);
	if (r > 0 && pos)
		*pos += r;
	return r;
}

static loff_t
proc_reg_llseek(struct file *file, loff_t offset, int whence)
{
	return proc_dir_llseek(file, offset, whence);
}

const struct file_operations proc_reg_fops = {
	.llseek = proc_reg_llseek,
	.read = proc_reg_read,
	.write = proc_reg_write,
	.open = proc_reg_open,
	.release = proc_reg_release,
};

/* --- the mount ----------------------------------------------------------- */

/* A procfs instance (Linux: proc_fill_super). */
int
proc_fill_super(struct kernel *k, struct super_block *sb, uint32_t dev,
		struct inode **root)
{
	sb->s_op = &proc_sops;
	sb->s_magic = PROC_SUPER_MAGIC;
	sb->s_dev = dev;
	sb->s_kernel = k;
	sb->s_flags = SB_INMEMORY;
	*root = proc_get_inode(sb, &proc_root, NULL, -1);
	return IS_ERR(*root) ? (int)PTR_ERR(*root) : 0;
}
