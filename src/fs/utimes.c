/* utimensat(2) (Linux: fs/utimes.c) on the read-only root: the checks Linux
 * makes, in its order, then EROFS. */
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

/* utimensat(fd, NULL, ...) is futimens (do_utimes_fd). */
static long
do_utimes_fd(struct task_struct *t, int fd, int flags)
{
	struct file *file;

	if (flags)
		return -EINVAL;
	file = fget(t, fd);
	if (!file)
		return -EBADF;
	fput(file);
	return -EROFS;			/* vfs_utimes: mnt_want_write */
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
	dput(dentry);
	/* vfs_utimes: bad nanoseconds are found only once the name exists. */
	if (times && (!nsec_valid(times[1]) || !nsec_valid(times[3])))
		return -EINVAL;
	return -EROFS;
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
		return do_utimes_fd(current, dfd, flags);
	}
	return do_utimes_path(current, dfd, filename, utimes ? times : NULL, flags);
}
