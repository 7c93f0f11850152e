/* Inodes (Linux: fs/inode.c). hostfs makes one per open object, in-memory
 * filesystems one per object; see struct inode. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <uapi/stat.h>

#include "fs/internal.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"

#define NSEC_PER_SEC	1000000000ULL
#define RELATIME_SECS	(24 * 60 * 60)	/* relatime refreshes a day-old atime */

struct inode *
new_inode(struct super_block *sb)
{
	struct inode *inode = calloc(1, sizeof(*inode));

	if (!inode)
		return NULL;
	inode->i_count = 1;
	inode->i_sb = sb;
	inode->i_hostfd = -1;
	return inode;
}

/* A new reference to an inode the caller already holds (Linux: igrab). */
struct inode *
igrab(struct inode *inode)
{
	inode->i_count++;
	return inode;
}

/* Drop a reference; the last one lets the filesystem free what it hung on
 * the inode (evict) before the inode itself goes. */
void
iput(struct inode *inode)
{
	if (!inode || --inode->i_count > 0)
		return;
	if (inode->i_sb && inode->i_sb->s_op && inode->i_sb->s_op->evict_inode)
		inode->i_sb->s_op->evict_inode(inode);
	free(inode);
}

/* Writers and running images exclude each other (Linux:
 * get_write_access / deny_write_access and their inverses). */
int
get_write_access(struct inode *inode)
{
	if (inode->i_writecount < 0)
		return -ETXTBSY;
	inode->i_writecount++;
	return 0;
}

void
put_write_access(struct inode *inode)
{
	inode->i_writecount--;
}

int
deny_write_access(struct inode *inode)
{
	if (inode->i_writecount > 0)
		return -ETXTBSY;
	inode->i_writecount--;
	return 0;
}

void
allow_write_access(struct inode *inode)
{
	inode->i_writecount++;
}

/* What the inode itself knows (generic_fillattr). For pipes and other
 * kernel objects most fields are zero: one link, owned by root. */
void
generic_fillattr(struct inode *inode, struct kstat *stat)
{
	memset(stat, 0, sizeof(*stat));
	stat->result_mask = STATX_BASIC_STATS;
	stat->mode = inode->i_mode;
	stat->ino = inode->i_ino;
	stat->nlink = inode->i_sb && sb_in_memory(inode->i_sb) ? inode->i_nlink : 1;
	stat->uid = inode->i_uid;
	stat->gid = inode->i_gid;
	stat->rdev = inode->i_rdev;
	stat->dev = inode->i_sb ? inode->i_sb->s_dev : 0;
	stat->size = inode->i_size;
	stat->blocks = inode->i_blocks;
	stat->blksize = PAGE_SIZE;
	stat->atime = inode->i_atime;
	stat->mtime = inode->i_mtime;
	stat->ctime = inode->i_ctime;
	stat->btime = inode->i_btime;
}

/* Attributes of an open object (vfs_getattr): the filesystem's getattr, or
 * what the inode itself knows. */
int
vfs_getattr(struct inode *inode, struct kstat *stat, uint32_t request_mask)
{
	if (inode->i_op && inode->i_op->getattr)
		return inode->i_op->getattr(inode, stat, request_mask);
	generic_fillattr(inode, stat);
	return 0;
}

/* The kernel's CLOCK_REALTIME, for timestamps (current_time). An inode of
 * no filesystem (a pipe) has no kernel to ask and gets zero. */
struct timespec64
current_time(struct inode *inode)
{
	struct kernel *k = inode->i_sb ? inode->i_sb->s_kernel : NULL;
	uint64_t ns;

	if (!k)
		return (struct timespec64){ 0, 0 };
	ns = k->realtime_base_ns + k->time_ns;
	return (struct timespec64){ .tv_sec = ns / NSEC_PER_SEC,
				    .tv_nsec = ns % NSEC_PER_SEC };
}

/* Owner and group of a new inode (inode_init_owner): the creator's fsuid,
 * and the directory's group if it is set-group-ID (BSD semantics, which a
 * new subdirectory inherits), else the creator's fsgid. A new file in such
 * a directory whose creator is not in the group loses S_ISGID. */
void
inode_init_owner(struct inode *inode, struct inode *dir, umode_t mode,
		 const struct cred *cred)
{
	inode->i_uid = cred ? cred->fsuid : 0;
	if (dir && (dir->i_mode & S_ISGID)) {
		inode->i_gid = dir->i_gid;
		if (S_ISDIR(mode))
			mode |= S_ISGID;
		else if ((mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP) &&
			 cred && cred->fsuid != 0 && cred->fsgid != dir->i_gid)
			mode &= ~S_ISGID;
	} else {
		inode->i_gid = cred ? cred->fsgid : 0;
	}
	inode->i_mode = mode;
}

void
inc_nlink(struct inode *inode)
{
	inode->i_nlink++;
}

void
drop_nlink(struct inode *inode)
{
	BUG_ON(inode->i_nlink == 0);
	inode->i_nlink--;
}

static bool
ts_le(struct timespec64 a, struct timespec64 b)
{
	return a.tv_sec < b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec <= b.tv_nsec);
}

/* A read happened (touch_atime), under relatime, as every mount here is:
 * atime moves only if it is not newer than mtime or ctime, or a day old,
 * so `ls -lu` still tells read-since-written apart at little cost. */
void
touch_atime(struct inode *inode)
{
	struct timespec64 now;

	if (!inode->i_sb || !sb_in_memory(inode->i_sb) || is_root_readonly(inode->i_sb))
		return;
	now = current_time(inode);
	if (ts_le(inode->i_atime, inode->i_mtime) ||
	    ts_le(inode->i_atime, inode->i_ctime) ||
	    now.tv_sec - inode->i_atime.tv_sec >= RELATIME_SECS)
		inode->i_atime = now;
}
