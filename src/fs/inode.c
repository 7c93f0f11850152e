/* Inodes (Linux: fs/inode.c). One per open object here; see struct inode. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <uapi/stat.h>

#include "fs/internal.h"

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

/* Attributes of an open object (vfs_getattr): the filesystem's getattr, or
 * what the inode itself knows (generic_fillattr). */
int
vfs_getattr(struct inode *inode, struct kstat *stat, uint32_t request_mask)
{
	if (inode->i_op && inode->i_op->getattr)
		return inode->i_op->getattr(inode, stat, request_mask);
	memset(stat, 0, sizeof(*stat));
	stat->result_mask = STATX_BASIC_STATS;
	stat->mode = inode->i_mode;
	stat->ino = inode->i_ino;
	stat->nlink = 1;
	stat->blksize = PAGE_SIZE;
	return 0;
}
