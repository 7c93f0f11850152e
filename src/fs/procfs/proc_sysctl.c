/* /proc/sys (Linux: fs/proc/proc_sysctl.c for the directories, files and
 * their permission rule; kernel/sysctl.c for the handlers proc_dostring
 * and proc_dointvec_minmax; kernel/pid_namespace.c pid_ns_ctl_handler).
 *
 * Each entry is a struct ctl_table whose first member is its /proc entry
 * (name, mode). Directories are tables of entries; the inodes below /proc/sys
 * get their own operations, as Linux's proc_sys_* ones, because sysctl
 * files follow their own rules:
 *  - access is decided by the entry's mode alone, root included
 *    (test_perm): root cannot write a 0444 entry; it is checked at open
 *    and again at each read and write (then EPERM, sysctl_perm);
 *  - a number is read whole at offset 0 and reads 0 bytes at any other
 *    offset; a string reads from the offset on;
 *  - a write at a non-zero offset is ignored (sysctl_writes_strict = 1);
 *    a write parses one number (decimal, 0x hex or 0 octal, after
 *    spaces), fails with EINVAL on garbage or out of range, and returns
 *    the bytes it used: the number and the spaces after it.
 * The values live in struct kernel; entries that taskbox cannot change
 * (threads-max, nr_open, overcommit_memory, hostname) are read-only. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <taskbox/err.h>
#include <uapi/stat.h>

#include "fs/procfs/internal.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"

#define RESERVED_PIDS	300		/* kernel/pid.c */
#define THREAD_SIZE	(16 * 1024)	/* riscv64's kernel stack */
#define MIN_THREADS	20		/* kernel/fork.c */
#define MAX_THREADS	0x3fffffff	/* FUTEX_TID_MASK */
#define SYSCTL_NR_OPEN	(1024 * 1024)	/* fs/file.c sysctl_nr_open (file.c NR_OPEN) */
#define TMPBUFLEN	22		/* kernel/sysctl.c: room for one number */

struct ctl_table;
typedef int proc_handler(const struct ctl_table *table, struct kernel *k, bool write,
			 char *buffer, size_t *lenp, loff_t *ppos);

struct ctl_table {
	struct proc_entry pde;		/* first: name and mode, as /proc shows them */
	proc_handler *proc_handler;
	const char *string;		/* proc_dostring: the text */
	int (*get)(struct kernel *k);	/* proc_dointvec*: the value... */
	void (*set)(struct kernel *k, int val);	/* ...and how a write sets it */
	int min, max;			/* proc_dointvec_minmax: extra1, extra2 */
};

struct ctl_dir {
	struct proc_entry pde;		/* first, as in ctl_table */
	const struct ctl_table *table;
	int nr;
};

/* --- handlers (kernel/sysctl.c) -------------------------------------------- */

/* Linux: _proc_do_string, reading: the text from *ppos on, and a newline
 * when the reader's buffer has room for it. Its entries are read-only. */
static int
proc_dostring(const struct ctl_table *table, struct kernel *k, bool write,
	      char *buffer, size_t *lenp, loff_t *ppos)
{
	size_t len = strlen(table->string);

	(void)k;
	if (write)
		return -EINVAL;
	if ((size_t)*ppos > len) {
		*lenp = 0;
		return 0;
	}
	len -= (size_t)*ppos;
	if (len > *lenp)
		len = *lenp;
	memcpy(buffer, table->string + *ppos, len);
	if (len < *lenp)
		buffer[len++] = '\n';
	*lenp = len;
	*ppos += (loff_t)len;
	return 0;
}

/* Linux: proc_skip_spaces. */
static void
proc_skip_spaces(char **p, size_t *left)
{
	while (*left && (**p == ' ' || (**p >= '\t' && **p <= '\r'))) {
		(*p)++;
		(*left)--;
	}
}

static int
digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 16;
}

/* Linux: strtoul_lenient (_parse_integer_fixup_radix, _parse_integer):
 * base 16 after "0x" and a hex digit, 8 after a leading 0, else 10;
 * -ERANGE on overflow. */
static int
strtoul_lenient(const char *s, const char **end, unsigned long *res)
{
	unsigned int base = 10;
	unsigned long v = 0;
	int d;

	if (s[0] == '0' && (s[1] | 0x20) == 'x' && digit_value(s[2]) < 16) {
		base = 16;
		s += 2;
	} else if (s[0] == '0') {
		base = 8;
	}
	for (; (d = digit_value(*s)) < (int)base; s++) {
		if (v > (ULONG_MAX - (unsigned long)d) / base)
			return -ERANGE;
		v = v * base + (unsigned long)d;
	}
	*end = s;
	*res = v;
	return 0;
}

/* One number at *buf (Linux: proc_get_long): an optional '-', then
 * digits, ended by the buffer's end or by a space, tab or newline. */
static int
proc_get_long(char **buf, size_t *size, unsigned long *val, bool *neg)
{
	char tmp[TMPBUFLEN];
	const char *p = tmp;
	size_t len = *size > TMPBUFLEN - 1 ? TMPBUFLEN - 1 : *size;

	if (!*size)
		return -EINVAL;
	memcpy(tmp, *buf, len);
	tmp[len] = '\0';
	*neg = *p == '-' && *size > 1;
	if (*neg)
		p++;
	if (*p < '0' || *p > '9' || strtoul_lenient(p, &p, val))
		return -EINVAL;
	len = (size_t)(p - tmp);
	/* 21 characters may be a number cut short: refuse it. */
	if (len == TMPBUFLEN - 1)
		return -EINVAL;
	if (len < *size && *p != ' ' && *p != '\t' && *p != '\n')
		return -EINVAL;
	*buf += len;
	*size -= len;
	return 0;
}

/* Linux: do_proc_dointvec_minmax_conv: an int, within the bounds. */
static int
dointvec_minmax_conv(const struct ctl_table *table, bool neg, unsigned long lval, int *out)
{
	long v;

	if (lval > (unsigned long)INT_MAX + neg)
		return -EINVAL;
	v = neg ? -(long)lval : (long)lval;
	if (v < table->min || v > table->max)
		return -EINVAL;
	*out = (int)v;
	return 0;
}

/* Linux: __do_proc_dointvec writing one value. */
static int
dointvec_write(const struct ctl_table *table, struct kernel *k, char *buffer,
	       size_t *lenp, loff_t *ppos)
{
	char *p = buffer;
	size_t left = *lenp;
	unsigned long lval;
	bool neg;
	int val, err;

	/* proc_first_pos_non_zero_ignore, with sysctl_writes_strict. */
	if (*ppos) {
		*ppos += (loff_t)*lenp;
		return 0;
	}
	proc_skip_spaces(&p, &left);
	if (!left)
		return -EINVAL;
	err = proc_get_long(&p, &left, &lval, &neg);
	if (!err)
		err = dointvec_minmax_conv(table, neg, lval, &val);
	if (err)
		return err;
	/* Commit. */
	table->set(k, val);
	proc_skip_spaces(&p, &left);
	*lenp -= left;
	*ppos += (loff_t)*lenp;
	return 0;
}

/* Linux: proc_dointvec_minmax for one int. A read gives "N\n", cut to
 * the buffer, and nothing past offset 0. */
static int
proc_dointvec_minmax(const struct ctl_table *table, struct kernel *k, bool write,
		     char *buffer, size_t *lenp, loff_t *ppos)
{
	char tmp[TMPBUFLEN + 2];
	size_t len;

	if (!*lenp || (*ppos && !write)) {
		*lenp = 0;
		return 0;
	}
	if (write)
		return dointvec_write(table, k, buffer, lenp, ppos);
	len = (size_t)snprintf(tmp, sizeof(tmp), "%d\n", table->get(k));
	if (len > *lenp)
		len = *lenp;
	memcpy(buffer, tmp, len);
	*lenp = len;
	*ppos += (loff_t)len;
	return 0;
}

/* Linux: pid_ns_ctl_handler. Anyone may open ns_last_pid (0666), only the
 * privileged may set it (checkpoint_restore_ns_capable), to at most
 * pid_max; the next PID handed out follows it. */
static int
pid_ns_ctl_handler(const struct ctl_table *table, struct kernel *k, bool write,
		   char *buffer, size_t *lenp, loff_t *ppos)
{
	struct task_struct *cur = proc_current(k);
	struct ctl_table tmp = *table;

	if (write && cur && cur->cred->euid != 0)
		return -EPERM;
	tmp.max = k->pid_max;
	return proc_dointvec_minmax(&tmp, k, write, buffer, lenp, ppos);
}

/* --- the values -------------------------------------------------------------- */

static int
get_pid_max(struct kernel *k)
{
	return k->pid_max;
}

/* alloc_pid reads it at each allocation (kernel/pid.c). */
static void
set_pid_max(struct kernel *k, int val)
{
	k->pid_max = val;
}

static int
get_last_pid(struct kernel *k)
{
	return k->last_pid;
}

static void
set_last_pid(struct kernel *k, int val)
{
	k->last_pid = val;
}

/* Linux: set_max_threads: thread structures may take an eighth of memory. */
static int
get_max_threads(struct kernel *k)
{
	uint64_t threads = k->max_pages * PAGE_SIZE / (THREAD_SIZE * 8ULL);

	if (threads < MIN_THREADS)
		threads = MIN_THREADS;
	return threads > MAX_THREADS ? MAX_THREADS : (int)threads;
}

static int
get_nr_open(struct kernel *k)
{
	(void)k;
	return SYSCTL_NR_OPEN;
}

/* OVERCOMMIT_GUESS: the only policy taskbox has. */
static int
get_overcommit_memory(struct kernel *k)
{
	(void)k;
	return 0;
}

/* --- the tables ---------------------------------------------------------------- */

#define CTL_STR(n, s)	{ .pde = { .name = n, .mode = S_IFREG | 0444 },		\
			  .proc_handler = proc_dostring, .string = s }
#define CTL_INT(n, g)	{ .pde = { .name = n, .mode = S_IFREG | 0444 },		\
			  .proc_handler = proc_dointvec_minmax, .get = g,	\
			  .min = INT_MIN, .max = INT_MAX }

static const struct ctl_table fs_table[] = {
	CTL_INT("nr_open", get_nr_open),
};

static const struct ctl_table kernel_table[] = {
	CTL_STR("hostname", UTS_NODENAME),
	{ .pde = { .name = "ns_last_pid", .mode = S_IFREG | 0666 },
	  .proc_handler = pid_ns_ctl_handler, .get = get_last_pid, .set = set_last_pid,
	  .min = 0 },
	CTL_STR("osrelease", UTS_RELEASE),
	CTL_STR("ostype", UTS_SYSNAME),
	{ .pde = { .name = "pid_max", .mode = S_IFREG | 0644 },
	  .proc_handler = proc_dointvec_minmax, .get = get_pid_max, .set = set_pid_max,
	  .min = RESERVED_PIDS + 1, .max = PID_MAX_LIMIT },
	CTL_INT("threads-max", get_max_threads),
};

static const struct ctl_table vm_table[] = {
	CTL_INT("overcommit_memory", get_overcommit_memory),
};

#define CTL_DIR(n, t)	{ .pde = { .name = n, .mode = S_IFDIR | 0555 },		\
			  .table = t, .nr = ARRAY_SIZE(t) }

static const struct ctl_dir sysctl_dirs[] = {
	CTL_DIR("fs", fs_table),
	CTL_DIR("kernel", kernel_table),
	CTL_DIR("vm", vm_table),
};

/* The directory an entry stands for, or NULL for /proc/sys itself, whose
 * entry is /proc's (root.c). */
static const struct ctl_dir *
ctl_dir_of(const struct proc_entry *pde)
{
	for (size_t i = 0; i < ARRAY_SIZE(sysctl_dirs); i++)
		if (&sysctl_dirs[i].pde == pde)
			return &sysctl_dirs[i];
	return NULL;
}

/* The i-th entry of a sysctl directory, or NULL past its end. */
static const struct proc_entry *
sysctl_entry(const struct proc_entry *dir, size_t i)
{
	const struct ctl_dir *d = ctl_dir_of(dir);

	if (!d)
		return i < ARRAY_SIZE(sysctl_dirs) ? &sysctl_dirs[i].pde : NULL;
	return i < (size_t)d->nr ? &d->table[i].pde : NULL;
}

/* /proc/sys's own entry in /proc. */
static const struct proc_entry *
proc_sys_root(void)
{
	for (int i = 0; i < proc_root.nr_children; i++)
		if (!strcmp(proc_root.children[i].name, "sys"))
			return &proc_root.children[i];
	return NULL;
}

/* --- files (Linux: proc_sys_file_operations) --------------------------------- */

/* Linux: test_perm: the entry's mode decides, for root too. */
static int
test_perm(umode_t mode, struct task_struct *cur, int op)
{
	if (!cur || cur->cred->euid == 0)
		mode >>= 6;
	else if (cur->cred->egid == 0)
		mode >>= 3;
	return (op & ~mode & (MAY_READ | MAY_WRITE | MAY_EXEC)) ? -EACCES : 0;
}

static const struct ctl_table *
ctl_table_of(struct inode *inode)
{
	return container_of(PROC_I(inode)->pde, struct ctl_table, pde);
}

static int
proc_sys_open(struct inode *inode, struct file *file)
{
	int op = ((file->f_mode & FMODE_READ) ? MAY_READ : 0) |
		 ((file->f_mode & FMODE_WRITE) ? MAY_WRITE : 0);

	return test_perm(inode->i_mode, proc_current(inode->i_sb->s_kernel), op);
}

/* Linux: proc_sys_call_handler. The handler works on a copy that ends in
 * a NUL and moves the position itself; the result is what it used. */
static ssize_t
proc_sys_call_handler(struct file *file, char *buf, size_t count, loff_t *pos, bool write)
{
	struct inode *inode = file->f_inode;
	struct kernel *k = inode->i_sb->s_kernel;
	const struct ctl_table *table = ctl_table_of(inode);
	loff_t p = pos ? *pos : file->f_pos;
	char *kbuf;
	int err;

	if (test_perm(inode->i_mode, proc_current(k), write ? MAY_WRITE : MAY_READ))
		return -EPERM;
	kbuf = calloc(1, count + 1);
	if (!kbuf)
		return -ENOMEM;
	if (write)
		memcpy(kbuf, buf, count);
	err = table->proc_handler(table, k, write, kbuf, &count, &p);
	if (!err && !write)
		memcpy(buf, kbuf, count);
	free(kbuf);
	if (err)
		return err;
	if (pos)
		*pos = p;
	return (ssize_t)count;
}

static ssize_t
proc_sys_read(struct task_struct *current, struct file *file, char *buf, size_t count,
	      loff_t *pos)
{
	(void)current;
	return proc_sys_call_handler(file, buf, count, pos, false);
}

static ssize_t
proc_sys_write(struct task_struct *current, struct file *file, const char *buf,
	       size_t count, loff_t *pos)
{
	(void)current;
	return proc_sys_call_handler(file, (char *)buf, count, pos, true);
}

/* Linux: default_llseek, over a size of 0. */
static loff_t
proc_sys_llseek(struct file *file, loff_t offset, int whence)
{
	if (whence == SEEK_CUR)
		offset += file->f_pos;
	else if (whence != SEEK_SET && whence != SEEK_END)
		return -EINVAL;
	if (offset < 0)
		return -EINVAL;
	return file->f_pos = offset;
}

static const struct file_operations proc_sys_file_operations = {
	.llseek = proc_sys_llseek,
	.read = proc_sys_read,
	.write = proc_sys_write,
	.open = proc_sys_open,
};

/* --- directories (Linux: proc_sys_dir_operations) ------------------------------ */

static const struct inode_operations proc_sys_dir_operations;
static const struct file_operations proc_sys_dir_file_operations;

/* The inode of a sysctl entry (Linux: proc_sys_make_inode): owned by
 * root, one link, the sysctl operations. */
static struct inode *
proc_sys_make_inode(struct super_block *sb, const struct proc_entry *pde)
{
	struct inode *inode = proc_get_inode(sb, pde, NULL, -1);

	if (IS_ERR(inode))
		return inode;
	inode->i_nlink = 1;
	if (S_ISDIR(pde->mode)) {
		inode->i_op = &proc_sys_dir_operations;
		inode->i_fop = &proc_sys_dir_file_operations;
	} else {
		inode->i_fop = &proc_sys_file_operations;
	}
	return inode;
}

/* A child of /proc/sys or of one of its directories (Linux:
 * proc_sys_lookup). */
struct inode *
proc_sys_lookup(struct inode *dir, const struct qstr *name)
{
	const struct proc_entry *pde = PROC_I(dir)->pde, *e;

	for (size_t i = 0; (e = sysctl_entry(pde, i)) != NULL; i++)
		if (strlen(e->name) == name->len && !memcmp(e->name, name->name, name->len))
			return proc_sys_make_inode(dir->i_sb, e);
	return ERR_PTR(-ENOENT);
}

/* The entries of a sysctl directory from position `first` on (Linux:
 * proc_sys_readdir). */
bool
proc_sys_readdir(struct file *file, struct dir_context *ctx, loff_t first)
{
	const struct proc_entry *pde = PROC_I(file->f_inode)->pde, *e;

	if (ctx->pos < first)
		return true;
	for (size_t i = (size_t)(ctx->pos - first); (e = sysctl_entry(pde, i)) != NULL; i++)
		if (!proc_emit(ctx, e->name, proc_ino(e, 0, -1), e->mode))
			return false;
	return true;
}

/* A directory below /proc/sys: ".." is /proc/sys. */
static struct inode *
proc_sys_dir_lookup(struct inode *dir, const struct qstr *name)
{
	const struct proc_entry *up;

	if (name->len == 2 && !memcmp(name->name, "..", 2)) {
		up = proc_sys_root();
		return up ? proc_get_inode(dir->i_sb, up, NULL, -1) : ERR_PTR(-ENOENT);
	}
	return proc_sys_lookup(dir, name);
}

static int
proc_sys_getattr(struct inode *inode, struct kstat *stat, uint32_t request_mask)
{
	(void)request_mask;
	generic_fillattr(inode, stat);
	return 0;
}

static int
proc_sys_iterate(struct file *file, struct dir_context *ctx)
{
	const struct proc_entry *up = proc_sys_root();
	struct inode *dir = file->f_inode;

	if (ctx->pos == 0 && !proc_emit(ctx, ".", dir->i_ino, S_IFDIR))
		return 0;
	if (ctx->pos == 1 &&
	    !proc_emit(ctx, "..", up ? proc_ino(up, 0, -1) : dir->i_ino, S_IFDIR))
		return 0;
	proc_sys_readdir(file, ctx, 2);
	return 0;
}

static ssize_t
proc_sys_dir_read(struct task_struct *current, struct file *file, char *buf,
		  size_t count, loff_t *pos)
{
	(void)current, (void)file, (void)buf, (void)count, (void)pos;
	return -EISDIR;
}

static const struct inode_operations proc_sys_dir_operations = {
	.getattr = proc_sys_getattr,
	.lookup = proc_sys_dir_lookup,
};

static const struct file_operations proc_sys_dir_file_operations = {
	.llseek = proc_sys_llseek,
	.read = proc_sys_dir_read,
	.iterate_shared = proc_sys_iterate,
};
