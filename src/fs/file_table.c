/* Open file descriptions (Linux: fs/file_table.c): allocation and the
 * reference count shared by dup'ed and inherited fds. */
#include <errno.h>
#include <stdlib.h>

#include <taskbox/err.h>
#include <uapi/fcntl.h>

#include "fs/internal.h"

/* A new open file on inode, with one reference (alloc_file and the f_mode
 * part of do_dentry_open). Takes the caller's inode reference on success.
 * Files start seekable and positional; stream-like files clear that. */
struct file *
alloc_file(struct inode *inode, unsigned int flags,
	   const struct file_operations *fop)
{
	struct file *file = calloc(1, sizeof(*file));

	if (!file)
		return ERR_PTR(-ENOMEM);
	file->f_count = 1;
	file->f_flags = flags;
	/* OPEN_FMODE: O_RDONLY/O_WRONLY/O_RDWR become FMODE_READ/WRITE;
	 * access mode 3 gives neither (an ioctl-only open). */
	file->f_mode = ((flags + 1) & O_ACCMODE) | FMODE_LSEEK | FMODE_PREAD |
		       FMODE_PWRITE;
	file->f_op = fop;
	file->f_inode = inode;
	return file;
}

struct file *
get_file(struct file *f)
{
	f->f_count++;
	return f;
}

/* Drop a reference; the last one releases the file (__fput). */
void
fput(struct file *f)
{
	if (!f || --f->f_count > 0)
		return;
	if (f->f_op && f->f_op->release)
		f->f_op->release(f->f_inode, f);
	if (f->f_mode & FMODE_WRITER)
		put_write_access(f->f_inode);
	iput(f->f_inode);
	free(f->f_path);
	free(f);
}

/* Read from a kernel buffer at pos, for exec and mmap (kernel_read). No
 * task is passed down: the files exec reads never block. */
ssize_t
kernel_read(struct file *f, void *buf, size_t n, loff_t pos)
{
	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (!f->f_op->read)
		return -EINVAL;
	if (pos < 0)
		return -EINVAL;
	return f->f_op->read(NULL, f, buf, n, &pos);
}
