/* stat, statx and readlink (Linux: fs/stat.c). The filesystem reports a
 * struct kstat; these copy it into the guest's struct stat or struct statx. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <taskbox/err.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>

#include "fs/internal.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "mm/mm.h"

#define STATX_VALID_FLAGS \
	(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE)

/* The device number as struct stat carries it (new_encode_dev): what the
 * host's own stat reports for the same device. */
static uint64_t
new_encode_dev(uint32_t dev)
{
	unsigned int major = MAJOR(dev), minor = MINOR(dev);

	return (minor & 0xff) | (major << 8) | ((uint64_t)(minor & ~0xffU) << 12);
}

static int
cp_new_stat(struct task_struct *t, const struct kstat *stat, uaddr_t statbuf)
{
	struct stat tmp;

	memset(&tmp, 0, sizeof(tmp));
	tmp.st_dev = new_encode_dev(stat->dev);
	tmp.st_ino = stat->ino;
	tmp.st_mode = stat->mode;
	tmp.st_nlink = stat->nlink;
	tmp.st_uid = stat->uid;
	tmp.st_gid = stat->gid;
	tmp.st_rdev = new_encode_dev(stat->rdev);
	tmp.st_size = stat->size;
	tmp.st_blksize = stat->blksize;
	tmp.st_blocks = stat->blocks;
	tmp.st_atime = stat->atime.tv_sec;
	tmp.st_atime_nsec = stat->atime.tv_nsec;
	tmp.st_mtime = stat->mtime.tv_sec;
	tmp.st_mtime_nsec = stat->mtime.tv_nsec;
	tmp.st_ctime = stat->ctime.tv_sec;
	tmp.st_ctime_nsec = stat->ctime.tv_nsec;
	return copy_to_user(t->mm, statbuf, &tmp, sizeof(tmp)) < 0 ? -EFAULT : 0;
}

static struct statx_timestamp
statx_ts(struct timespec64 ts)
{
	return (struct statx_timestamp){ .tv_sec = ts.tv_sec, .tv_nsec = ts.tv_nsec };
}

static int
cp_statx(struct task_struct *t, const struct kstat *stat, uaddr_t buffer)
{
	struct statx tmp;

	memset(&tmp, 0, sizeof(tmp));
	tmp.stx_mask = stat->result_mask;
	tmp.stx_blksize = stat->blksize;
	tmp.stx_attributes = stat->attributes;
	tmp.stx_nlink = stat->nlink;
	tmp.stx_uid = stat->uid;
	tmp.stx_gid = stat->gid;
	tmp.stx_mode = stat->mode;
	tmp.stx_ino = stat->ino;
	tmp.stx_size = stat->size;
	tmp.stx_blocks = stat->blocks;
	tmp.stx_attributes_mask = stat->attributes_mask;
	tmp.stx_atime = statx_ts(stat->atime);
	tmp.stx_btime = statx_ts(stat->btime);
	tmp.stx_ctime = statx_ts(stat->ctime);
	tmp.stx_mtime = statx_ts(stat->mtime);
	tmp.stx_rdev_major = MAJOR(stat->rdev);
	tmp.stx_rdev_minor = MINOR(stat->rdev);
	tmp.stx_dev_major = MAJOR(stat->dev);
	tmp.stx_dev_minor = MINOR(stat->dev);
	tmp.stx_mnt_id = stat->mnt_id;
	tmp.stx_dio_mem_align = stat->dio_mem_align;
	tmp.stx_dio_offset_align = stat->dio_offset_align;
	return copy_to_user(t->mm, buffer, &tmp, sizeof(tmp)) < 0 ? -EFAULT : 0;
}

/* The mount id of an in-memory filesystem's object: Linux's vfs_getattr
 * takes it from the path's mount; hostfs objects carry the host's. */
static void
fill_mnt_id(struct task_struct *t, struct inode *inode, struct kstat *stat)
{
	struct vfsmount *mnt;

	if (!inode || !sb_in_memory(inode->i_sb))
		return;
	mnt = sb_mount(t->kernel->mounts, inode->i_sb);
	if (mnt) {
		stat->mnt_id = mnt->mnt_id;
		stat->result_mask |= STATX_MNT_ID;
	}
}

/* The attributes of what is open at fd; O_PATH files too (vfs_statx_fd). */
static int
statx_fd(struct task_struct *t, int fd, struct kstat *stat, uint32_t request_mask)
{
	struct file *f = fget_raw(t, fd);
	int err;

	if (!f)
		return -EBADF;
	err = vfs_getattr(f->f_inode, stat, request_mask);
	if (!err)
		fill_mnt_id(t, f->f_inode, stat);
	fput(f);
	return err;
}

int
vfs_fstat(struct task_struct *t, int fd, struct kstat *stat)
{
	return statx_fd(t, fd, stat, STATX_BASIC_STATS);
}

/* Attributes by name (vfs_statx). An empty name with AT_EMPTY_PATH means
 * the file at dfd itself, whatever it is: no walk needed. */
int
vfs_statx(struct task_struct *t, int dfd, const char *name, int flags,
	  struct kstat *stat, uint32_t request_mask)
{
	unsigned int lookup_flags = 0;
	struct dentry *dentry;
	int err;

	if (flags & ~STATX_VALID_FLAGS)
		return -EINVAL;
	if (!*name && (flags & AT_EMPTY_PATH) && dfd != AT_FDCWD)
		return statx_fd(t, dfd, stat, request_mask);
	if (!(flags & AT_SYMLINK_NOFOLLOW))
		lookup_flags |= LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		lookup_flags |= LOOKUP_EMPTY;
	err = filename_lookup(t, dfd, name, lookup_flags, &dentry, NULL);
	if (err)
		return err;
	err = d_getattr(dentry, stat, request_mask);
	if (!err)
		fill_mnt_id(t, dentry->d_inode, stat);
	dput(dentry);
	return err;
}

/* The name argument of the stat family: since Linux 6.11 a NULL name with
 * AT_EMPTY_PATH means "" without touching guest memory. */
static char *
getname_statx(struct task_struct *t, uaddr_t filename, int flags)
{
	char *empty;

	if (!filename && (flags & AT_EMPTY_PATH)) {
		empty = strdup("");
		return empty ? empty : ERR_PTR(-ENOMEM);
	}
	return getname_flags(t, filename, (flags & AT_EMPTY_PATH) ? LOOKUP_EMPTY : 0);
}

SYSCALL_DEFINE2(fstat, unsigned int, fd, uaddr_t, statbuf)
{
	struct kstat stat;
	int err = vfs_fstat(current, fd, &stat);

	return err ? err : cp_new_stat(current, &stat, statbuf);
}

SYSCALL_DEFINE4(newfstatat, int, dfd, uaddr_t, filename, uaddr_t, statbuf,
		int, flag)
{
	struct kstat stat;
	char *name;
	int err;

	if (flag & ~STATX_VALID_FLAGS)
		return -EINVAL;
	name = getname_statx(current, filename, flag);
	if (IS_ERR(name))
		return PTR_ERR(name);
	err = vfs_statx(current, dfd, name, flag, &stat, STATX_BASIC_STATS);
	putname(name);
	return err ? err : cp_new_stat(current, &stat, statbuf);
}

SYSCALL_DEFINE5(statx, int, dfd, uaddr_t, filename, unsigned int, flags,
		unsigned int, mask, uaddr_t, buffer)
{
	struct kstat stat;
	char *name;
	int err;

	if (mask & STATX__RESERVED)
		return -EINVAL;
	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE)
		return -EINVAL;
	if (flags & ~STATX_VALID_FLAGS)
		return -EINVAL;
	name = getname_statx(current, filename, flags);
	if (IS_ERR(name))
		return PTR_ERR(name);
	err = vfs_statx(current, dfd, name, flags, &stat, mask);
	putname(name);
	return err ? err : cp_statx(current, &stat, buffer);
}

/* do_readlinkat: the name is not followed; "" names the file at dfd. A
 * non-symlink is EINVAL, or ENOENT when named by "". The body is cut at
 * bufsiz bytes, with no NUL. */
static long
do_readlinkat(struct task_struct *t, int dfd, const char *name, uaddr_t buf,
	      int bufsiz)
{
	size_t size = bufsiz < FS_PATH_MAX ? (size_t)bufsiz : FS_PATH_MAX;
	struct dentry *dentry;
	struct kstat stat;
	char *body;
	long len;

	len = filename_lookup(t, dfd, name, LOOKUP_EMPTY, &dentry, &stat);
	if (len)
		return len;
	len = *name ? -EINVAL : -ENOENT;
	if (!S_ISLNK(stat.mode))
		goto out_dput;
	len = -ENOMEM;
	body = malloc(size);
	if (!body)
		goto out_dput;
	len = d_readlink(dentry, body, size);
	if (len > 0 && copy_to_user(t->mm, buf, body, len) < 0)
		len = -EFAULT;
	free(body);
out_dput:
	dput(dentry);
	return len;
}

SYSCALL_DEFINE4(readlinkat, int, dfd, uaddr_t, pathname, uaddr_t, buf,
		int, bufsiz)
{
	char *name;
	long err;

	if (bufsiz <= 0)
		return -EINVAL;
	name = getname_flags(current, pathname, LOOKUP_EMPTY);
	if (IS_ERR(name))
		return PTR_ERR(name);
	err = do_readlinkat(current, dfd, name, buf, bufsiz);
	putname(name);
	return err;
}
