/* devfs: the device nodes in /dev and the drivers behind them.
 *
 * As Linux's devtmpfs (drivers/base/devtmpfs.c), /dev is a tmpfs instance
 * holding character device nodes; a node is just a tmpfs inode with a
 * device number. Opening one goes through def_chr_fops, whose open
 * (chrdev_open, fs/char_dev.c) finds the driver by i_rdev and installs the
 * driver's file operations. The drivers here are the memory devices of
 * drivers/char/mem.c and random.c (null, zero, full, random, urandom), the
 * controlling terminal /dev/tty (there is none until the tty layer: ENXIO),
 * and /dev/console, which for now is the host's terminal or stdio.
 *
 * boot fills /dev with the nodes, the /proc/self/fd links that udev and
 * systemd make on Linux, and the directories pts (devpts comes with the
 * pty layer) and shm (a tmpfs is mounted there). */
#include <errno.h>
#include <string.h>

#include <taskbox/err.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>

#include "fs/internal.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "mm/mm.h"

/* ------------------------------------------------------------------------
 * Memory devices (drivers/char/mem.c, drivers/char/random.c)
 * ---------------------------------------------------------------------- */

static ssize_t
read_null(struct task_struct *current, struct file *file, char *buf,
	  size_t count, loff_t *pos)
{
	(void)current, (void)file, (void)buf, (void)count, (void)pos;
	return 0;
}

/* Writes to null, zero and the random devices are taken whole; null and
 * zero never look at the bytes (a bad buffer is no EFAULT on Linux). */
static ssize_t
write_null(struct task_struct *current, struct file *file, const char *buf,
	   size_t count, loff_t *pos)
{
	(void)current, (void)file, (void)buf, (void)pos;
	return (ssize_t)count;
}

static ssize_t
read_zero(struct task_struct *current, struct file *file, char *buf,
	  size_t count, loff_t *pos)
{
	(void)current, (void)file, (void)pos;
	memset(buf, 0, count);
	return (ssize_t)count;
}

static ssize_t
write_full(struct task_struct *current, struct file *file, const char *buf,
	   size_t count, loff_t *pos)
{
	(void)current, (void)file, (void)buf, (void)count, (void)pos;
	return -ENOSPC;
}

/* Bytes from the kernel's generator: the same on every run with one
 * --seed (DESIGN.md), for /dev/random and /dev/urandom alike, as both are
 * the same never-blocking source on Linux since 5.6. */
static ssize_t
read_random(struct task_struct *current, struct file *file, char *buf,
	    size_t count, loff_t *pos)
{
	(void)current, (void)pos;
	get_random_bytes(file->f_inode->i_sb->s_kernel, buf, count);
	return (ssize_t)count;
}

/* null, zero and full seek nowhere: every lseek gives 0 (null_lseek). */
static loff_t
null_lseek(struct file *file, loff_t offset, int whence)
{
	(void)offset, (void)whence;
	return file->f_pos = 0;
}

/* The random devices accept any lseek and stay put (noop_llseek). */
static loff_t
noop_llseek(struct file *file, loff_t offset, int whence)
{
	(void)offset, (void)whence;
	return file->f_pos;
}

/* A mapping of /dev/zero is anonymous memory, private or shared
 * (mmap_zero: vma_set_anonymous or shmem_zero_setup). */
static int
mmap_zero(struct file *file, struct vm_area_struct *vma)
{
	(void)file;
	vma->vm_file = NULL;
	vma->vm_pgoff = 0;
	return 0;
}

static const struct file_operations null_fops = {
	.llseek = null_lseek,
	.read = read_null,
	.write = write_null,
	.write_ignores_buf = true,
};

static const struct file_operations zero_fops = {
	.llseek = null_lseek,
	.read = read_zero,
	.write = write_null,
	.mmap = mmap_zero,
	.write_ignores_buf = true,
};

static const struct file_operations full_fops = {
	.llseek = null_lseek,
	.read = read_zero,
	.write = write_full,
	.write_ignores_buf = true,
};

static const struct file_operations random_fops = {
	.llseek = noop_llseek,
	.read = read_random,
	.write = write_null,
};

/* ------------------------------------------------------------------------
 * Terminals (drivers/tty/tty_io.c), until the tty layer exists
 * ---------------------------------------------------------------------- */

/* /dev/tty is the caller's controlling terminal; no task has one yet. */
static int
tty_open_current_tty(struct inode *inode, struct file *file)
{
	(void)inode, (void)file;
	return -ENXIO;
}

static const struct file_operations tty_fops = {
	.open = tty_open_current_tty,
};

/* /dev/console: a file on the first of the host's stdio fds that allows
 * the access asked for (stdin first for reading, stdout for writing); the
 * console file passes each call to it. ENXIO if none does. */
static int
console_open(struct inode *inode, struct file *file)
{
	static const int order[4][3] = { { 0, 1, 2 }, { 1, 2, 0 }, { 0, 1, 2 }, { 0, 1, 2 } };
	unsigned int want = file->f_mode & (FMODE_READ | FMODE_WRITE);
	const int *fds = order[file->f_flags & O_ACCMODE];
	struct kernel *k = inode->i_sb->s_kernel;
	int i;

	for (i = 0; i < 3; i++) {
		struct file *host = hostfd_open(k, fds[i], "/dev/console");

		if (IS_ERR(host))
			continue;
		if ((host->f_mode & want) == want) {
			file->private_data = host;
			file->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
			file->f_mode |= FMODE_STREAM;
			return 0;
		}
		fput(host);
	}
	return -ENXIO;
}

static ssize_t
console_read(struct task_struct *current, struct file *file, char *buf,
	     size_t count, loff_t *pos)
{
	struct file *host = file->private_data;

	(void)pos;
	return host->f_op->read(current, host, buf, count, NULL);
}

static ssize_t
console_write(struct task_struct *current, struct file *file, const char *buf,
	      size_t count, loff_t *pos)
{
	struct file *host = file->private_data;

	(void)pos;
	return host->f_op->write(current, host, buf, count, NULL);
}

static long
console_ioctl(struct task_struct *current, struct file *file, unsigned int cmd,
	      uaddr_t arg)
{
	struct file *host = file->private_data;

	return host->f_op->unlocked_ioctl(current, host, cmd, arg);
}

static int
console_release(struct inode *inode, struct file *file)
{
	(void)inode;
	fput(file->private_data);
	return 0;
}

static const struct file_operations console_fops = {
	.open = console_open,
	.read = console_read,
	.write = console_write,
	.unlocked_ioctl = console_ioctl,
	.release = console_release,
};

/* ------------------------------------------------------------------------
 * Character and block device lookup (fs/char_dev.c, block/fops.c)
 * ---------------------------------------------------------------------- */

static const struct chrdev {
	uint32_t dev;
	const struct file_operations *fops;
} chrdevs[] = {
	{ MKDEV(1, 3), &null_fops },
	{ MKDEV(1, 5), &zero_fops },
	{ MKDEV(1, 7), &full_fops },
	{ MKDEV(1, 8), &random_fops },
	{ MKDEV(1, 9), &random_fops },
	{ MKDEV(5, 0), &tty_fops },
	{ MKDEV(5, 1), &console_fops },
};

/* Install the driver of the node's device number; ENXIO if there is none
 * (chrdev_open). */
static int
chrdev_open(struct inode *inode, struct file *file)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(chrdevs); i++) {
		if (chrdevs[i].dev != inode->i_rdev)
			continue;
		file->f_op = chrdevs[i].fops;
		return file->f_op->open ? file->f_op->open(inode, file) : 0;
	}
	return -ENXIO;
}

const struct file_operations def_chr_fops = {
	.open = chrdev_open,
};

/* No block devices exist. */
static int
blkdev_open(struct inode *inode, struct file *file)
{
	(void)inode, (void)file;
	return -ENXIO;
}

const struct file_operations def_blk_fops = {
	.open = blkdev_open,
};

/* ------------------------------------------------------------------------
 * The contents of /dev at boot (devtmpfs_init and what udev adds)
 * ---------------------------------------------------------------------- */

static const struct devnode {
	const char *name;
	umode_t mode;
	uint32_t dev;
} devnodes[] = {
	{ "null", S_IFCHR | 0666, MKDEV(1, 3) },
	{ "zero", S_IFCHR | 0666, MKDEV(1, 5) },
	{ "full", S_IFCHR | 0666, MKDEV(1, 7) },
	{ "random", S_IFCHR | 0666, MKDEV(1, 8) },
	{ "urandom", S_IFCHR | 0666, MKDEV(1, 9) },
	{ "tty", S_IFCHR | 0666, MKDEV(5, 0) },
	{ "console", S_IFCHR | 0600, MKDEV(5, 1) },
	{ "pts", S_IFDIR | 0755, 0 },
	{ "shm", S_IFDIR | 01777, 0 },
};

static const struct devlink {
	const char *name, *target;
} devlinks[] = {
	{ "fd", "/proc/self/fd" },
	{ "stdin", "/proc/self/fd/0" },
	{ "stdout", "/proc/self/fd/1" },
	{ "stderr", "/proc/self/fd/2" },
};

/* Fill the root of a fresh devtmpfs. */
int
devtmpfs_fill(struct inode *root)
{
	size_t i;
	int err;

	for (i = 0; i < ARRAY_SIZE(devnodes); i++) {
		err = shmem_add_node(root, devnodes[i].name, devnodes[i].mode,
				     devnodes[i].dev);
		if (err)
			return err;
	}
	for (i = 0; i < ARRAY_SIZE(devlinks); i++) {
		err = shmem_add_symlink(root, devlinks[i].name, devlinks[i].target);
		if (err)
			return err;
	}
	return 0;
}
