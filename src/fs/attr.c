/* Changing an inode's attributes (Linux: fs/attr.c): who may change what,
 * the set-ID bits that changes clear, and the ctime every change sets.
 * Only in-memory filesystems have attributes to change: the callers refuse
 * the read-only root (EROFS) before they get here. */
#include <errno.h>
#include <limits.h>

#include <uapi/stat.h>

#include "fs/internal.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"

#define ATTR_TIMES_SET	(ATTR_ATIME_SET | ATTR_MTIME_SET)

/* May the caller change these attributes (setattr_prepare)? Changing the
 * owner is the superuser's; the group, the owner's, to a group of its own;
 * the mode and explicit times, the owner's; "now" needs only write access
 * (ATTR_TOUCH, checked by the caller as Linux's vfs_utimes does). */
static int
setattr_prepare(struct task_struct *t, struct inode *inode, struct iattr *attr)
{
	unsigned int ia_valid = attr->ia_valid;
	bool owner = inode_owner_or_capable(t, inode);

	if ((ia_valid & ATTR_UID) && attr->ia_uid != inode->i_uid &&
	    !capable_fsuid(t))
		return -EPERM;
	if ((ia_valid & ATTR_GID) && attr->ia_gid != inode->i_gid &&
	    !capable_fsuid(t) &&
	    (!owner || !in_group_p(t, attr->ia_gid) ||
	     ((ia_valid & ATTR_UID) && attr->ia_uid != inode->i_uid)))
		return -EPERM;
	if (ia_valid & ATTR_MODE) {
		gid_t gid = (ia_valid & ATTR_GID) ? attr->ia_gid : inode->i_gid;

		if (!owner)
			return -EPERM;
		/* Only a member of the group (or CAP_FSETID) keeps S_ISGID. */
		if (!in_group_p(t, gid) && !capable_fsuid(t))
			attr->ia_mode &= ~S_ISGID;
	}
	if ((ia_valid & ATTR_TIMES_SET) && !owner)
		return -EPERM;
	return 0;
}

/* Copy the attributes in (setattr_copy); the size is the filesystem's. */
void
setattr_copy(struct inode *inode, const struct iattr *attr)
{
	unsigned int ia_valid = attr->ia_valid;

	if (ia_valid & ATTR_UID)
		inode->i_uid = attr->ia_uid;
	if (ia_valid & ATTR_GID)
		inode->i_gid = attr->ia_gid;
	if (ia_valid & ATTR_ATIME)
		inode->i_atime = attr->ia_atime;
	if (ia_valid & ATTR_MTIME)
		inode->i_mtime = attr->ia_mtime;
	if (ia_valid & ATTR_CTIME)
		inode->i_ctime = attr->ia_ctime;
	if (ia_valid & ATTR_MODE)
		inode->i_mode = (inode->i_mode & S_IFMT) | (attr->ia_mode & ~S_IFMT);
}

/* A change of owner or group clears set-user-ID, and set-group-ID on a
 * group-executable file (ATTR_KILL_SUID/SGID become a mode change). */
static void
kill_suid_sgid(struct inode *inode, struct iattr *attr)
{
	umode_t mode = (attr->ia_valid & ATTR_MODE) ? attr->ia_mode : inode->i_mode;
	umode_t kill = 0;

	if ((attr->ia_valid & ATTR_KILL_SUID) && (mode & S_ISUID))
		kill |= S_ISUID;
	if ((attr->ia_valid & ATTR_KILL_SGID) &&
	    (mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
		kill |= S_ISGID;
	if (kill) {
		attr->ia_mode = mode & ~kill;
		attr->ia_valid |= ATTR_MODE;
	}
}

/* Change attributes (notify_change): check, fill in "now" for the times
 * not given, stamp ctime, and let the filesystem apply it. The read-only
 * root and objects of no filesystem (host stdio, pipes) cannot change. */
int
notify_change(struct task_struct *t, struct inode *inode, struct iattr *attr)
{
	struct timespec64 now;
	int err;

	if (!sb_in_memory(inode->i_sb))
		return is_root_readonly(inode->i_sb) ? -EROFS : -EPERM;
	kill_suid_sgid(inode, attr);
	if (!(attr->ia_valid & ATTR_OPEN)) {
		err = setattr_prepare(t, inode, attr);
		if (err)
			return err;
	}
	now = current_time(inode);
	attr->ia_ctime = now;
	attr->ia_valid |= ATTR_CTIME;
	if ((attr->ia_valid & ATTR_ATIME) && !(attr->ia_valid & ATTR_ATIME_SET))
		attr->ia_atime = now;
	if ((attr->ia_valid & ATTR_MTIME) && !(attr->ia_valid & ATTR_MTIME_SET))
		attr->ia_mtime = now;
	if (inode->i_op && inode->i_op->setattr)
		return inode->i_op->setattr(inode, attr);
	setattr_copy(inode, attr);
	return 0;
}
