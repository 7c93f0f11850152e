/* fcntl(2) (Linux: fs/fcntl.c): fd duplication, the close-on-exec flag and
 * the file status flags. Locks, owners and leases are not modelled yet. */
#include <errno.h>

#include <uapi/fcntl.h>
#include <uapi/stat.h>

#include "fs/internal.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"

/* The status flags F_SETFL may change; the rest are fixed at open. */
#define SETFL_MASK	(O_APPEND | O_NONBLOCK | O_NDELAY | O_DIRECT | O_NOATIME | FASYNC)

/* F_SETFL (setfl). */
static long
setfl(struct task_struct *t, struct file *filp, unsigned long arg)
{
	const struct cred *cred = t->cred;
	struct kstat stat;
	int err;

	if ((arg & O_NOATIME) && !(filp->f_flags & O_NOATIME) &&
	    cred && cred->fsuid != 0) {
		err = vfs_getattr(filp->f_inode, &stat, STATX_UID);
		if (err)
			return err;
		if (stat.uid != cred->fsuid)
			return -EPERM;	/* only the owner may skip atime */
	}
	/* Direct I/O needs a filesystem that does it: only host files. */
	if ((arg & O_DIRECT) && !S_ISREG(filp->f_inode->i_mode))
		return -EINVAL;
	filp->f_flags = (arg & SETFL_MASK) | (filp->f_flags & ~SETFL_MASK);
	return 0;
}

static long
do_fcntl(struct task_struct *t, unsigned int fd, unsigned int cmd,
	 unsigned long arg, struct file *filp)
{
	switch (cmd) {
	case F_DUPFD:
		return f_dupfd(t, arg, filp, 0);
	case F_DUPFD_CLOEXEC:
		return f_dupfd(t, arg, filp, O_CLOEXEC);
	case F_GETFD:
		return get_close_on_exec(t->files, fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		set_close_on_exec(t->files, fd, arg & FD_CLOEXEC);
		return 0;
	case F_GETFL:
		return filp->f_flags;
	case F_SETFL:
		return setfl(t, filp, arg);
	case F_SETPIPE_SZ:
	case F_GETPIPE_SZ:
		return pipe_fcntl(t, filp, cmd, arg);
	default:
		return -EINVAL;
	}
}

/* An O_PATH file answers only these (check_fcntl_cmd). */
static bool
check_fcntl_cmd(unsigned int cmd)
{
	return cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC || cmd == F_GETFD ||
	       cmd == F_SETFD || cmd == F_GETFL;
}

SYSCALL_DEFINE3(fcntl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *filp = fget_raw(current, fd);
	long err = -EBADF;

	if (!filp)
		return err;
	if (!(filp->f_mode & FMODE_PATH) || check_fcntl_cmd(cmd))
		err = do_fcntl(current, fd, cmd, arg, filp);
	fput(filp);
	return err;
}
