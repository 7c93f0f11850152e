/* statfs(2) and fstatfs(2) (Linux: fs/statfs.c). */
#include <errno.h>
#include <string.h>

#include <taskbox/err.h>
#include <uapi/fcntl.h>
#include <uapi/statfs.h>

#include "fs/internal.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "mm/mm.h"

static int
do_statfs_native(struct task_struct *t, const struct kstatfs *st, uaddr_t buf)
{
	struct statfs tmp;

	memset(&tmp, 0, sizeof(tmp));
	tmp.f_type = st->f_type;
	tmp.f_bsize = st->f_bsize;
	tmp.f_blocks = st->f_blocks;
	tmp.f_bfree = st->f_bfree;
	tmp.f_bavail = st->f_bavail;
	tmp.f_files = st->f_files;
	tmp.f_ffree = st->f_ffree;
	tmp.f_fsid[0] = st->f_fsid[0];
	tmp.f_fsid[1] = st->f_fsid[1];
	tmp.f_namelen = st->f_namelen;
	tmp.f_frsize = st->f_frsize;
	tmp.f_flags = st->f_flags;
	return copy_to_user(t->mm, buf, &tmp, sizeof(tmp)) < 0 ? -EFAULT : 0;
}

/* ST_* flags from the mount's MNT_* flags (calculate_f_flags). */
static long
mnt_f_flags(const struct vfsmount *mnt)
{
	long flags = ST_VALID;

	if (mnt->mnt_sb->s_flags & SB_RDONLY)
		flags |= ST_RDONLY;
	if (mnt->mnt_flags & MNT_NOSUID)
		flags |= ST_NOSUID;
	if (mnt->mnt_flags & MNT_NODEV)
		flags |= ST_NODEV;
	if (mnt->mnt_flags & MNT_NOEXEC)
		flags |= ST_NOEXEC;
	if (mnt->mnt_flags & MNT_RELATIME)
		flags |= ST_RELATIME;
	return flags;
}

/* statfs of an inode's filesystem (vfs_statfs). An in-memory instance
 * reports its mount's flags; hostfs reports the host's, plus ST_RDONLY. */
static int
inode_statfs(struct task_struct *t, struct inode *inode, struct kstatfs *st)
{
	struct super_block *sb = inode->i_sb;
	struct vfsmount *mnt;
	int err;

	if (!sb || !sb->s_op || !sb->s_op->statfs)
		return -ENOSYS;
	err = sb->s_op->statfs(inode, st);
	if (err || !sb_in_memory(sb))
		return err;
	mnt = sb_mount(t->kernel->mounts, sb);
	if (mnt)
		st->f_flags = mnt_f_flags(mnt);
	return 0;
}

/* The filesystem of a name: the read-only root (or a read-only binding),
 * or an in-memory instance. */
static int
user_statfs(struct task_struct *t, uaddr_t pathname, struct kstatfs *st)
{
	struct dentry *dentry;
	char *name = getname_flags(t, pathname, 0);
	int err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = filename_lookup(t, AT_FDCWD, name, LOOKUP_FOLLOW, &dentry, NULL);
	putname(name);
	if (err)
		return err;
	if (dentry->d_inode)
		err = inode_statfs(t, dentry->d_inode, st);
	else
		err = hostfs_statfs(dentry->d_fd, true, st);
	dput(dentry);
	return err;
}

/* fd_statfs: O_PATH files too. */
static int
fd_statfs(struct task_struct *t, unsigned int fd, struct kstatfs *st)
{
	struct file *f = fget_raw(t, fd);
	int err;

	if (!f)
		return -EBADF;
	err = inode_statfs(t, f->f_inode, st);
	fput(f);
	return err;
}

SYSCALL_DEFINE2(statfs, uaddr_t, pathname, uaddr_t, buf)
{
	struct kstatfs st;
	int err = user_statfs(current, pathname, &st);

	return err ? err : do_statfs_native(current, &st, buf);
}

SYSCALL_DEFINE2(fstatfs, unsigned int, fd, uaddr_t, buf)
{
	struct kstatfs st;
	int err = fd_statfs(current, fd, &st);

	return err ? err : do_statfs_native(current, &st, buf);
}
