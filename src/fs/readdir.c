/* Reading directories (Linux: fs/readdir.c): getdents64 over iterate_dir. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <taskbox/err.h>
#include <uapi/dirent.h>

#include "fs/internal.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "mm/mm.h"

/* The kernel buffer one getdents64 fills: a bigger guest buffer just gets
 * fewer entries per call, which callers loop over anyway. */
#define GETDENTS_MAX	(64 * 1024)

/* Feed entries from f_pos on to ctx->actor; f_pos follows (iterate_dir). */
int
iterate_dir(struct file *file, struct dir_context *ctx)
{
	int err;

	if (!file->f_op->iterate_shared)
		return -ENOTDIR;
	ctx->pos = file->f_pos;
	err = file->f_op->iterate_shared(file, ctx);
	file->f_pos = ctx->pos;
	return err;
}

struct getdents_callback64 {
	struct dir_context ctx;
	char *buf;			/* kernel copy of the records */
	size_t used;
	size_t count;			/* room left */
	int error;
};

/* One struct linux_dirent64, padded to 8 bytes (filldir64). Refusing an
 * entry that does not fit stops the walk before it: ctx->pos stays at it. */
static bool
filldir64(struct dir_context *ctx, const char *name, int namlen, loff_t offset,
	  uint64_t ino, unsigned int d_type)
{
	struct getdents_callback64 *buf =
		container_of(ctx, struct getdents_callback64, ctx);
	size_t reclen = (offsetof(struct linux_dirent64, d_name) + namlen + 1 + 7) & ~7UL;
	struct linux_dirent64 *d;

	buf->error = -EINVAL;		/* reported only if nothing fit */
	if (reclen > buf->count)
		return false;
	d = (struct linux_dirent64 *)(buf->buf + buf->used);
	memset(d, 0, reclen);
	d->d_ino = ino;
	d->d_off = offset;
	d->d_reclen = reclen;
	d->d_type = d_type;
	memcpy(d->d_name, name, namlen);
	buf->used += reclen;
	buf->count -= reclen;
	buf->error = 0;
	return true;
}

static long
do_getdents64(struct task_struct *t, struct file *file, uaddr_t dirent,
	      size_t count)
{
	struct getdents_callback64 buf = { .ctx.actor = filldir64 };
	long err;

	if (count > TASK_SIZE || dirent > TASK_SIZE - count)	/* access_ok */
		return -EFAULT;
	buf.count = count < GETDENTS_MAX ? count : GETDENTS_MAX;
	buf.buf = malloc(buf.count ? buf.count : 1);
	if (!buf.buf)
		return -ENOMEM;
	err = iterate_dir(file, &buf.ctx);
	if (err >= 0)
		err = buf.error;
	if (buf.used) {
		err = buf.used;
		if (copy_to_user(t->mm, dirent, buf.buf, buf.used) < 0)
			err = -EFAULT;
	}
	free(buf.buf);
	return err;
}

SYSCALL_DEFINE3(getdents64, unsigned int, fd, uaddr_t, dirent,
		unsigned int, count)
{
	struct file *file = fget(current, fd);
	long err;

	if (!file)
		return -EBADF;
	err = do_getdents64(current, file, dirent, count);
	fput(file);
	return err;
}
