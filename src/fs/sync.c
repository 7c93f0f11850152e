/* sync(2) and fsync(2) (Linux: fs/sync.c). The root is read-only and the
 * host's stdio files flush on the host, so there is little to write back. */
#include <errno.h>

#include "fs/internal.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"

SYSCALL_DEFINE0(sync)
{
	return 0;
}

/* vfs_fsync: a file without fsync (a pipe, a terminal) is EINVAL. */
static long
do_fsync(struct task_struct *t, unsigned int fd, int datasync)
{
	struct file *file = fget(t, fd);
	long err = -EINVAL;

	if (!file)
		return -EBADF;
	if (file->f_op->fsync)
		err = file->f_op->fsync(file, datasync);
	fput(file);
	return err;
}

SYSCALL_DEFINE1(fsync, unsigned int, fd)
{
	return do_fsync(current, fd, 0);
}

SYSCALL_DEFINE1(fdatasync, unsigned int, fd)
{
	return do_fsync(current, fd, 1);
}
