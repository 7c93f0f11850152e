/* utimensat(2) (Linux: fs/utimes.c): the checks Linux makes, in its order;
 * then the read-only root refuses (EROFS) and an in-memory filesystem sets
 * the times. */
#include <errno.h>

#include <taskbox/err.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>

#include "fs/internal.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "mm/mm.h"

static bool
nsec_valid(int64_t nsec)
{
	return nsec == UTIME_OMIT || nsec == UTIME_NOW ||
	       (nsec >= 0 && nsec <= 999999999);
}

/* One timestamp of the guest's array: omitted, now, or set. */
static void
utime_attr(const int64_t *ts, unsigned int valid, unsigned int set,
	   struct timespec64 *to, struct iattr *attr)
{
	if (ts[1] == UTIME_OMIT)
		return;
	attr->ia_valid |= valid;
	if (ts[1] != UTIME_NOW) {
		attr->ia_valid |= set;
		*to = (struct timespec64){ .tv_sec = ts[0], .tv_nsec = ts[1] };
	}
}

/* vfs_utimes: times is NULL for "both now", which the owner, the
 * superuser or anyone who may write the file can do; setting a time is
 * the owner's (notify_change says EPERM). */
static long
vfs_utimes(struct task_struct *t, struct inode *inode, const int64_t *times)
{
	struct iattr newattrs = { .ia_valid = ATTR_CTIME };
	long err;

	if (times && times[1] == UTIME_NOW && times[3] == UTIME_NOW)
		times = NULL;
	if (times) {
		utime_attr(times, ATTR_ATIME, ATTR_ATIME_SET, &newattrs.ia_atime,
			   &newattrs);
		utime_attr(times + 2, ATTR_MTIME, ATTR_MTIME_SET,
			   &newattrs.ia_mtime, &newattrs);
	} else {
		newattrs.ia_valid |= ATTR_ATIME | ATTR_MTIME | ATTR_TOUCH;
	}
	if (!sb_in_memory(inode->i_sb))
		return notify_change(t, inode, &newattrs);	/* EROFS, EPERM */
	if ((newattrs.ia_valid & ATTR_TOUCH) && !inode_owner_or_capable(t, inode)) {
		err = inode_permission_inode(t, inode, MAY_WRITE);
		if (err)
			return err;
	}
	return notify_change(t, inode, &newattrs);
}

/* utimensat(fd, NULL, ...) is futimens (do_utimes_fd). */
static long
do_utimes_fd(struct task_struct *t, int fd, const int64_t *times, int flags)
{
	struct file *file;
	long err;

	if (flags)
		return -EINVAL;
	file = fget(t, fd);
	if (!file)
		return -EBADF;
	err = vfs_utimes(t, file->f_inode, times);
	fput(file);
	return err;
}

static long
do_utimes_path(struct task_struct *t, int dfd, uaddr_t filename,
	       const int64_t *times, int flags)
{
	unsigned int lookup_flags = LOOKUP_FOLLOW;
	struct dentry *dentry;
	char *name;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & AT_SYMLINK_NOFOLLOW)
		lookup_flags &= ~LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		lookup_flags |= LOOKUP_EMPTY;
	name = getname_flags(t, filename, lookup_flags);
	if (IS_ERR(name))
		return PTR_ERR(name);
	err = filename_lookup(t, dfd, name, lookup_flags, &dentry, NULL);
	putname(name);
	if (err)
		return err;
	/* vfs_utimes: bad nanoseconds are found only once the name exists. */
	if (times && (!nsec_valid(times[1]) || !nsec_valid(times[3])))
		err = -EINVAL;
	else if (is_root_readonly(d_sb(t->kernel, dentry)))
		err = -EROFS;		/* mnt_want_write */
	else
		err = vfs_utimes(t, dentry->d_inode, times);
	dput(dentry);
	return err;
}

/* times is the guest's struct __kernel_timespec[2]: {sec, nsec} twice,
 * 64-bit words. Both UTIME_OMIT: nothing to do, the name is not even
 * looked at. */
SYSCALL_DEFINE4(utimensat, int, dfd, uaddr_t, filename, uaddr_t, utimes,
		int, flags)
{
	int64_t times[4];

	if (utimes) {
		if (copy_from_user(current->mm, times, utimes, sizeof(times)) < 0)
			return -EFAULT;
		if (times[1] == UTIME_OMIT && times[3] == UTIME_OMIT)
			return 0;
	}
	if (!filename && dfd != AT_FDCWD) {
		if (utimes && (!nsec_valid(times[1]) || !nsec_valid(times[3])))
			return -EINVAL;
		return do_utimes_fd(current, dfd, utimes ? times : NULL, flags);
	}
	return do_utimes_path(current, dfd, filename, utimes ? times : NULL, flags);
}
