/* tmpfs (Linux: mm/shmem.c): files, directories and symlinks in memory.
 *
 * A regular file keeps its data in guest page frames (struct page, counted
 * against --mem), one per 4 KiB of the file that was ever written; pages
 * never written are holes that read as zeros. Names live in the directories
 * (libfs.c). An inode lives while it has a name or a reference (an open
 * file, a cwd, a walk), so an unlinked file's data stays until its last
 * close. An instance is limited, as Linux's default, to half of memory in
 * pages and as many inodes: past that, ENOSPC.
 *
 * Mappings map the file's own pages (shmem_fault): a shared mapping writes
 * them, so every mapping and read() sees the same bytes; a private one
 * copies a page at its first write. Shared anonymous memory is an unlinked
 * file of an internal instance (shmem_zero_setup), so parent and child of a
 * fork map the same pages. Pages dropped by a truncation stay mapped where
 * they were (Linux unmaps them, and later accesses get SIGBUS). */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <taskbox/err.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>

#include "fs/internal.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "mm/mm.h"

#define MAX_LFS_FILESIZE	((loff_t)LLONG_MAX)
#define SHORT_SYMLINK_LEN	128	/* shorter bodies live in the inode: no blocks */
#define BLOCKS_PER_PAGE		(PAGE_SIZE / 512)
#define WHITEOUT_DEV		0
#define MIN_INODES		1024

/* fallocate(2) modes (include/uapi/linux/falloc.h) */
#define FALLOC_FL_KEEP_SIZE	0x01
#define FALLOC_FL_PUNCH_HOLE	0x02

/* One instance (Linux: struct shmem_sb_info). */
struct shmem_sb_info {
	struct kernel *kernel;
	uint64_t next_ino;
	uint64_t max_blocks, used_blocks;	/* pages */
	uint64_t max_inodes, free_inodes;
};

/* A regular file's pages, sorted by index (Linux keeps them in the inode's
 * address_space, an xarray; a sorted array serves a sparse file as well). */
struct shmem_page_slot {
	uint64_t index;
	struct page *page;
};

struct shmem_inode_info {
	struct shmem_page_slot *slots;
	size_t nr, cap;
};

static const struct inode_operations shmem_inode_operations;
static const struct inode_operations shmem_dir_inode_operations;
static const struct inode_operations shmem_symlink_inode_operations;
static const struct inode_operations shmem_special_inode_operations;
static const struct file_operations shmem_file_operations;

static struct shmem_sb_info *
SHMEM_SB(struct super_block *sb)
{
	return sb->s_fs_info;
}

/* ------------------------------------------------------------------------
 * Pages of a regular file
 * ---------------------------------------------------------------------- */

/* The first slot whose index is not below index (binary search). */
static size_t
shmem_slot_pos(const struct shmem_inode_info *info, uint64_t index)
{
	size_t lo = 0, hi = info->nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (info->slots[mid].index < index)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static struct page *
shmem_find_page(const struct shmem_inode_info *info, uint64_t index)
{
	size_t pos = shmem_slot_pos(info, index);

	if (pos < info->nr && info->slots[pos].index == index)
		return info->slots[pos].page;
	return NULL;
}

/* The page at index, allocated (zeroed) if it was a hole: -ENOSPC when the
 * instance is full or memory is (Linux: shmem_get_folio with SGP_WRITE). */
static struct page *
shmem_get_page(struct inode *inode, uint64_t index)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(inode->i_sb);
	struct shmem_inode_info *info = inode->i_private;
	size_t pos = shmem_slot_pos(info, index);
	struct page *page;

	if (pos < info->nr && info->slots[pos].index == index)
		return info->slots[pos].page;
	if (sbinfo->used_blocks >= sbinfo->max_blocks)
		return ERR_PTR(-ENOSPC);
	if (info->nr == info->cap) {
		size_t cap = info->cap ? info->cap * 2 : 4;
		struct shmem_page_slot *slots = realloc(info->slots, cap * sizeof(*slots));

		if (!slots)
			return ERR_PTR(-ENOMEM);
		info->slots = slots;
		info->cap = cap;
	}
	page = alloc_page(sbinfo->kernel);
	if (!page)
		return ERR_PTR(-ENOSPC);
	memmove(info->slots + pos + 1, info->slots + pos,
		(info->nr - pos) * sizeof(*info->slots));
	info->slots[pos] = (struct shmem_page_slot){ index, page };
	info->nr++;
	sbinfo->used_blocks++;
	inode->i_blocks += BLOCKS_PER_PAGE;
	return page;
}

/* Zero [from, to) of the page at index, if there is one. */
static void
shmem_zero_partial(struct shmem_inode_info *info, uint64_t index, size_t from,
		   size_t to)
{
	struct page *page = shmem_find_page(info, index);

	if (page)
		memset(page->data + from, 0, to - from);
}

/* Free the pages wholly inside [lstart, lend) and zero the parts of the
 * pages at its edges (shmem_truncate_range); lend may be MAX_LFS_FILESIZE. */
static void
shmem_truncate_range(struct inode *inode, loff_t lstart, loff_t lend)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(inode->i_sb);
	struct shmem_inode_info *info = inode->i_private;
	uint64_t first = (lstart + PAGE_SIZE - 1) >> PAGE_SHIFT;
	uint64_t last = (uint64_t)lend >> PAGE_SHIFT;	/* first page kept after */
	size_t i, kept = 0;

	if (lstart & ~PAGE_MASK) {
		size_t to = ((uint64_t)lstart >> PAGE_SHIFT) == ((uint64_t)lend >> PAGE_SHIFT)
			    ? (lend & ~PAGE_MASK) : PAGE_SIZE;
		shmem_zero_partial(info, lstart >> PAGE_SHIFT, lstart & ~PAGE_MASK, to);
	}
	if ((lend & ~PAGE_MASK) && last >= first)
		shmem_zero_partial(info, last, 0, lend & ~PAGE_MASK);
	for (i = 0; i < info->nr; i++) {
		struct shmem_page_slot *s = &info->slots[i];

		if (s->index >= first && s->index < last) {
			put_page(sbinfo->kernel, s->page);
			sbinfo->used_blocks--;
			inode->i_blocks -= BLOCKS_PER_PAGE;
		} else {
			info->slots[kept++] = *s;
		}
	}
	info->nr = kept;
}

/* A new size (shmem_setattr's ATTR_SIZE part): shrinking frees the pages
 * past it and zeroes the tail of the last, so growing again reads zeros. */
static void
shmem_set_size(struct inode *inode, loff_t newsize)
{
	loff_t oldsize = inode->i_size;

	inode->i_size = newsize;
	if (newsize < oldsize)
		shmem_truncate_range(inode, newsize, MAX_LFS_FILESIZE);
}

/* ------------------------------------------------------------------------
 * Regular file operations
 * ---------------------------------------------------------------------- */

/* read (shmem_file_read_iter): holes read as zeros. No task is needed, so
 * kernel_read (exec, mmap faults) works too. */
static ssize_t
shmem_file_read(struct task_struct *current, struct file *file, char *buf,
		size_t count, loff_t *pos)
{
	struct inode *inode = file->f_inode;
	size_t done = 0;

	(void)current;
	if (!pos)
		return -EINVAL;
	if (*pos >= inode->i_size)
		return 0;
	if ((uint64_t)(inode->i_size - *pos) < count)
		count = inode->i_size - *pos;
	while (done < count) {
		loff_t at = *pos + done;
		size_t off = at & ~PAGE_MASK, n = PAGE_SIZE - off;
		struct page *page = shmem_find_page(inode->i_private, at >> PAGE_SHIFT);

		if (n > count - done)
			n = count - done;
		if (page)
			memcpy(buf + done, page->data + off, n);
		else
			memset(buf + done, 0, n);
		done += n;
	}
	*pos += done;
	touch_atime(inode);
	return (ssize_t)done;
}

/* A write by someone other than root drops set-user-ID, and set-group-ID
 * when group-executable (file_remove_privs). */
static void
file_remove_privs(struct task_struct *t, struct inode *inode)
{
	umode_t kill = S_ISUID;

	if ((inode->i_mode & S_IXGRP))
		kill |= S_ISGID;
	if ((inode->i_mode & kill) && !capable_fsuid(t))
		inode->i_mode &= ~kill;
}

/* Copy buf into the file at pos, allocating pages; stops early at ENOSPC. */
static ssize_t
shmem_write_pages(struct inode *inode, const char *buf, size_t count, loff_t pos)
{
	size_t done = 0;

	while (done < count) {
		loff_t at = pos + done;
		size_t off = at & ~PAGE_MASK, n = PAGE_SIZE - off;
		struct page *page = shmem_get_page(inode, at >> PAGE_SHIFT);

		if (IS_ERR(page))
			return done ? (ssize_t)done : PTR_ERR(page);
		if (n > count - done)
			n = count - done;
		if (page->decoded)	/* a mapping ran code from it */
			decoded_page_invalidate(SHMEM_SB(inode->i_sb)->kernel, page);
		memcpy(page->data + off, buf + done, n);
		done += n;
	}
	return (ssize_t)done;
}

/* write (shmem_file_write_iter, generic_write_checks): O_APPEND writes at
 * the end; nothing may reach past the largest file size (EFBIG). */
static ssize_t
shmem_file_write(struct task_struct *current, struct file *file,
		 const char *buf, size_t count, loff_t *pos)
{
	struct inode *inode = file->f_inode;
	ssize_t n;

	if (!pos)
		return -EINVAL;
	if (file->f_flags & O_APPEND)
		*pos = inode->i_size;
	if (!count)
		return 0;
	if (generic_write_check_limits(current, *pos, &count))
		return -EFBIG;
	if (*pos >= MAX_LFS_FILESIZE)
		return -EFBIG;
	if ((uint64_t)(MAX_LFS_FILESIZE - *pos) < count)
		count = MAX_LFS_FILESIZE - *pos;
	file_remove_privs(current, inode);
	n = shmem_write_pages(inode, buf, count, *pos);
	if (n <= 0)
		return n;
	*pos += n;
	if (*pos > inode->i_size)
		inode->i_size = *pos;
	inode->i_mtime = inode->i_ctime = current_time(inode);
	return n;
}

/* SEEK_DATA and SEEK_HOLE (shmem_file_llseek): written pages are data,
 * the rest holes, and the end of the file is a hole. */
static loff_t
shmem_seek_hole_data(struct inode *inode, loff_t offset, int whence)
{
	struct shmem_inode_info *info = inode->i_private;
	uint64_t index = (uint64_t)offset >> PAGE_SHIFT;
	size_t pos = shmem_slot_pos(info, index);
	loff_t at;

	if (offset < 0 || offset >= inode->i_size)
		return -ENXIO;
	if (whence == SEEK_DATA) {
		if (pos == info->nr)
			return -ENXIO;
		at = (loff_t)(info->slots[pos].index << PAGE_SHIFT);
		if (at >= inode->i_size)
			return -ENXIO;
		return at > offset ? at : offset;
	}
	for (; pos < info->nr && info->slots[pos].index == index; pos++)
		index++;
	at = (loff_t)(index << PAGE_SHIFT);
	if (at < offset)
		at = offset;
	return at < inode->i_size ? at : inode->i_size;
}

static loff_t
shmem_file_llseek(struct file *file, loff_t offset, int whence)
{
	struct inode *inode = file->f_inode;

	switch (whence) {
	case SEEK_SET:
		break;
	case SEEK_CUR:
		if (__builtin_add_overflow(offset, file->f_pos, &offset))
			return -EINVAL;
		break;
	case SEEK_END:
		if (__builtin_add_overflow(offset, inode->i_size, &offset))
			return -EINVAL;
		break;
	case SEEK_DATA:
	case SEEK_HOLE:
		offset = shmem_seek_hole_data(inode, offset, whence);
		if (offset < 0)
			return offset;
		break;
	default:
		return -EINVAL;
	}
	if (offset < 0)
		return -EINVAL;
	file->f_pos = offset;
	return offset;
}

/* fallocate (shmem_fallocate): allocate pages, or punch a hole; the
 * VFS has checked the mode, the range and the file. */
static long
shmem_fallocate(struct file *file, int mode, loff_t offset, loff_t len)
{
	struct inode *inode = file->f_inode;
	uint64_t index, end;

	if (mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE))
		return -EOPNOTSUPP;
	if (mode & FALLOC_FL_PUNCH_HOLE) {
		shmem_truncate_range(inode, offset, offset + len);
		inode->i_mtime = inode->i_ctime = current_time(inode);
		return 0;
	}
	end = ((uint64_t)offset + len + PAGE_SIZE - 1) >> PAGE_SHIFT;
	for (index = (uint64_t)offset >> PAGE_SHIFT; index < end; index++) {
		struct page *page = shmem_get_page(inode, index);

		if (IS_ERR(page))
			return PTR_ERR(page);
	}
	if (!(mode & FALLOC_FL_KEEP_SIZE) && offset + len > inode->i_size)
		inode->i_size = offset + len;
	inode->i_ctime = current_time(inode);
	return 0;
}

/* A mapping's page (Linux: shmem_fault): the file's own page, made if it
 * was a hole; past the end of the file, or with the instance full, SIGBUS. */
static struct page *
shmem_fault(struct vm_area_struct *vma, uint64_t pgoff)
{
	struct inode *inode = vma->vm_file->f_inode;
	struct page *page;

	if (pgoff >= ((uint64_t)inode->i_size + PAGE_SIZE - 1) >> PAGE_SHIFT)
		return ERR_PTR(-EIO);
	page = shmem_get_page(inode, pgoff);
	if (!IS_ERR(page))
		get_page(page);
	return page;
}

static const struct vm_operations_struct shmem_vm_ops = {
	.fault = shmem_fault,
};

/* See the header: mappings map the file's own pages. */
static int
shmem_mmap(struct file *file, struct vm_area_struct *vma)
{
	(void)file;
	vma->vm_ops = &shmem_vm_ops;
	return 0;
}

static int
shmem_fsync(struct file *file, int datasync)
{
	(void)file, (void)datasync;
	return 0;			/* noop_fsync: memory is the backing store */
}

static const struct file_operations shmem_file_operations = {
	.llseek = shmem_file_llseek,
	.read = shmem_file_read,
	.write = shmem_file_write,
	.fsync = shmem_fsync,
	.mmap = shmem_mmap,
	.fallocate = shmem_fallocate,
};

/* ------------------------------------------------------------------------
 * Inodes
 * ---------------------------------------------------------------------- */

/* The type-specific part of a new inode (shmem_get_inode's switch). */
static int
shmem_init_type(struct inode *inode, struct inode *dir, uint32_t rdev)
{
	switch (inode->i_mode & S_IFMT) {
	case S_IFREG:
		inode->i_op = &shmem_inode_operations;
		inode->i_fop = &shmem_file_operations;
		inode->i_private = calloc(1, sizeof(struct shmem_inode_info));
		return inode->i_private ? 0 : -ENOMEM;
	case S_IFDIR:
		inode->i_op = &shmem_dir_inode_operations;
		inode->i_fop = &simple_offset_dir_operations;
		inode->i_private = simple_dir_alloc(dir);
		inode->i_size = 2 * BOGO_DIRENT_SIZE;
		inode->i_nlink = 2;	/* its name and "." */
		return inode->i_private ? 0 : -ENOMEM;
	case S_IFLNK:
		inode->i_op = &shmem_symlink_inode_operations;
		return 0;
	default:			/* init_special_inode */
		inode->i_op = &shmem_special_inode_operations;
		inode->i_rdev = rdev;
		if (S_ISCHR(inode->i_mode))
			inode->i_fop = &def_chr_fops;
		else if (S_ISBLK(inode->i_mode))
			inode->i_fop = &def_blk_fops;
		return 0;
	}
}

/* A new inode with one reference and one link (shmem_get_inode); dir is
 * NULL for the root. -ENOSPC when the instance's inodes are used up. */
static struct inode *
shmem_get_inode(struct super_block *sb, struct inode *dir, umode_t mode,
		uint32_t rdev, const struct cred *cred)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(sb);
	struct inode *inode;
	int err;

	if (!sbinfo->free_inodes)
		return ERR_PTR(-ENOSPC);
	inode = new_inode(sb);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	sbinfo->free_inodes--;
	inode->i_ino = sbinfo->next_ino++;
	inode_init_owner(inode, dir, mode, cred);
	inode->i_nlink = 1;
	inode->i_atime = inode->i_mtime = inode->i_ctime = inode->i_btime =
		current_time(inode);
	err = shmem_init_type(inode, dir, rdev);
	if (err) {
		iput(inode);
		return ERR_PTR(err);
	}
	return inode;
}

/* Last reference gone (shmem_evict_inode): give back pages and the inode. */
static void
shmem_evict_inode(struct inode *inode)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(inode->i_sb);

	switch (inode->i_mode & S_IFMT) {
	case S_IFREG:
		if (inode->i_private) {
			shmem_truncate_range(inode, 0, MAX_LFS_FILESIZE);
			free(((struct shmem_inode_info *)inode->i_private)->slots);
			free(inode->i_private);
		}
		break;
	case S_IFDIR:
		simple_dir_free(inode);
		break;
	case S_IFLNK:
		free(inode->i_private);
		sbinfo->used_blocks -= inode->i_blocks / BLOCKS_PER_PAGE;
		break;
	}
	sbinfo->free_inodes++;
}

/* Add a new inode under name in dir and let the name hold it
 * (shmem_mknod's d_instantiate and dget). */
static int
shmem_instantiate(struct inode *dir, const struct qstr *name, struct inode *inode)
{
	int err = simple_add_entry(dir, name, inode);

	if (!err) {
		if (S_ISDIR(inode->i_mode))
			inc_nlink(dir);	/* the child's ".." */
		dir->i_mtime = dir->i_ctime = current_time(dir);
	}
	iput(inode);
	return err;
}

static int
shmem_mknod(struct inode *dir, const struct qstr *name, umode_t mode,
	    uint32_t rdev, const struct cred *cred)
{
	struct inode *inode = shmem_get_inode(dir->i_sb, dir, mode, rdev, cred);

	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	return shmem_instantiate(dir, name, inode);
}

static int
shmem_create(struct inode *dir, const struct qstr *name, umode_t mode,
	     const struct cred *cred)
{
	return shmem_mknod(dir, name, (mode & ~S_IFMT) | S_IFREG, 0, cred);
}

static int
shmem_mkdir(struct inode *dir, const struct qstr *name, umode_t mode,
	    const struct cred *cred)
{
	return shmem_mknod(dir, name, (mode & ~S_IFMT) | S_IFDIR, 0, cred);
}

/* A symlink's body: short ones in the inode, longer ones in a page, which
 * st_blocks shows (shmem_symlink). */
static int
shmem_symlink(struct inode *dir, const struct qstr *name, const char *target,
	      const struct cred *cred)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(dir->i_sb);
	size_t len = strlen(target);
	struct inode *inode;

	if (len + 1 > PAGE_SIZE)
		return -ENAMETOOLONG;
	if (len >= SHORT_SYMLINK_LEN && sbinfo->used_blocks >= sbinfo->max_blocks)
		return -ENOSPC;
	inode = shmem_get_inode(dir->i_sb, dir, S_IFLNK | 0777, 0, cred);
	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	inode->i_private = strdup(target);
	if (!inode->i_private) {
		iput(inode);
		return -ENOMEM;
	}
	inode->i_size = len;
	if (len >= SHORT_SYMLINK_LEN) {
		sbinfo->used_blocks++;
		inode->i_blocks = BLOCKS_PER_PAGE;
	}
	return shmem_instantiate(dir, name, inode);
}

static const char *
shmem_get_link(struct inode *inode)
{
	return inode->i_private;
}

/* RENAME_WHITEOUT leaves a 0:0 character device at the old name. */
static int
shmem_rename2(struct inode *old_dir, const struct qstr *old_name,
	      struct inode *new_dir, const struct qstr *new_name,
	      unsigned int flags)
{
	struct simple_dirent *de = simple_find_entry(old_dir, old_name);
	struct inode *whiteout = NULL;
	int err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	if (de && (flags & RENAME_WHITEOUT)) {
		whiteout = shmem_get_inode(old_dir->i_sb, old_dir,
					   S_IFCHR | 0, WHITEOUT_DEV, NULL);
		if (IS_ERR(whiteout))
			return (int)PTR_ERR(whiteout);
		whiteout->i_uid = de->inode->i_uid;
		whiteout->i_gid = de->inode->i_gid;
	}
	err = simple_rename(old_dir, old_name, new_dir, new_name,
			    flags & RENAME_EXCHANGE);
	if (!whiteout)
		return err;
	if (err) {
		iput(whiteout);
		return err;
	}
	return shmem_instantiate(old_dir, old_name, whiteout);
}

static struct inode *
shmem_tmpfile(struct inode *dir, umode_t mode, const struct cred *cred)
{
	struct inode *inode = shmem_get_inode(dir->i_sb, dir,
					      (mode & ~S_IFMT) | S_IFREG, 0, cred);

	if (!IS_ERR(inode))
		inode->i_nlink = 0;	/* no name yet */
	return inode;
}

/* getattr (shmem_getattr): the inode's own fields, plus birth time and
 * the attribute flags tmpfs supports (the VFS adds the mount id). */
static int
shmem_getattr(struct inode *inode, struct kstat *stat, uint32_t request_mask)
{
	(void)request_mask;
	generic_fillattr(inode, stat);
	stat->result_mask |= STATX_BTIME;
	stat->attributes_mask = STATX_ATTR_IMMUTABLE | STATX_ATTR_APPEND |
				STATX_ATTR_NODUMP;
	return 0;
}

/* setattr (shmem_setattr): a size change moves mtime and ctime with it;
 * the rest is setattr_copy. notify_change has checked everything. */
static int
shmem_setattr(struct inode *inode, const struct iattr *attr)
{
	if ((attr->ia_valid & ATTR_SIZE) && S_ISREG(inode->i_mode) &&
	    attr->ia_size != inode->i_size) {
		shmem_set_size(inode, attr->ia_size);
		inode->i_mtime = inode->i_ctime = current_time(inode);
	}
	setattr_copy(inode, attr);
	return 0;
}

static const struct inode_operations shmem_inode_operations = {
	.getattr = shmem_getattr,
	.setattr = shmem_setattr,
};

static const struct inode_operations shmem_dir_inode_operations = {
	.getattr = shmem_getattr,
	.setattr = shmem_setattr,
	.lookup = simple_lookup,
	.create = shmem_create,
	.mknod = shmem_mknod,
	.mkdir = shmem_mkdir,
	.symlink = shmem_symlink,
	.link = simple_link,
	.unlink = simple_unlink,
	.rmdir = simple_rmdir,
	.rename = shmem_rename2,
	.tmpfile = shmem_tmpfile,
};

static const struct inode_operations shmem_symlink_inode_operations = {
	.getattr = shmem_getattr,
	.setattr = shmem_setattr,
	.get_link = shmem_get_link,
};

static const struct inode_operations shmem_special_inode_operations = {
	.getattr = shmem_getattr,
	.setattr = shmem_setattr,
};

/* ------------------------------------------------------------------------
 * The instance
 * ---------------------------------------------------------------------- */

static int
shmem_statfs(struct inode *inode, struct kstatfs *buf)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(inode->i_sb);

	memset(buf, 0, sizeof(*buf));
	buf->f_type = inode->i_sb->s_magic;
	buf->f_bsize = PAGE_SIZE;
	buf->f_frsize = PAGE_SIZE;
	buf->f_blocks = sbinfo->max_blocks;
	buf->f_bfree = buf->f_bavail = sbinfo->max_blocks - sbinfo->used_blocks;
	buf->f_files = sbinfo->max_inodes;
	buf->f_ffree = sbinfo->free_inodes;
	buf->f_namelen = FS_NAME_MAX;
	buf->f_fsid[0] = (int)inode->i_sb->s_dev;
	return 0;
}

static const struct super_operations shmem_ops = {
	.evict_inode = shmem_evict_inode,
	.statfs = shmem_statfs,
};

/* Set up sb as a new tmpfs instance (shmem_fill_super) with its root
 * directory in *root (one reference), owned by root, mode root_mode. */
int
shmem_fill_super(struct kernel *k, struct super_block *sb, umode_t root_mode,
		 uint32_t dev, struct inode **root)
{
	struct shmem_sb_info *sbinfo = calloc(1, sizeof(*sbinfo));
	struct inode *inode;

	if (!sbinfo)
		return -ENOMEM;
	sbinfo->kernel = k;
	sbinfo->next_ino = 1;
	/* Linux's defaults: size= and nr_inodes= half of memory in pages;
	 * a floor of inodes so that a tiny --mem still boots /dev. */
	sbinfo->max_blocks = k->max_pages / 2;
	sbinfo->max_inodes = k->max_pages / 2 > MIN_INODES ? k->max_pages / 2 : MIN_INODES;
	sbinfo->free_inodes = sbinfo->max_inodes;
	sb->s_flags = SB_INMEMORY;
	sb->s_op = &shmem_ops;
	sb->s_dev = dev;
	sb->s_magic = TMPFS_MAGIC;
	sb->s_kernel = k;
	sb->s_fs_info = sbinfo;
	inode = shmem_get_inode(sb, NULL, S_IFDIR | root_mode, 0, NULL);
	if (IS_ERR(inode)) {
		free(sbinfo);
		return (int)PTR_ERR(inode);
	}
	*root = inode;
	return 0;
}

/* After the mount's root is gone (kill_litter_super's end). */
void
shmem_put_super(struct super_block *sb)
{
	free(sb->s_fs_info);
	sb->s_fs_info = NULL;
}

/* Populate a directory at boot (devtmpfs): a node owned by root. */
int
shmem_add_node(struct inode *dir, const char *name, umode_t mode, uint32_t rdev)
{
	struct qstr q = { name, strlen(name) };

	return shmem_mknod(dir, &q, mode, rdev, NULL);
}

int
shmem_add_symlink(struct inode *dir, const char *name, const char *target)
{
	struct qstr q = { name, strlen(name) };

	return shmem_symlink(dir, &q, target, NULL);
}

/* Shared anonymous memory as an unlinked file of the internal instance
 * (Linux: shmem_zero_setup with shmem_kernel_file_setup): what fork
 * shares between parent and child. /proc shows it as "/dev/zero (deleted)". */
struct file *
shmem_zero_setup(struct kernel *k, uint64_t size)
{
	struct vfsmount_table *table = k->mounts;
	struct inode *inode;
	struct file *file;

	inode = shmem_get_inode(table->shm_sb, table->shm_root, S_IFREG | 0777, 0, NULL);
	if (IS_ERR(inode))
		return (struct file *)inode;
	inode->i_nlink = 0;
	inode->i_size = (loff_t)size;
	file = alloc_file(inode, O_RDWR, &shmem_file_operations);
	if (IS_ERR(file)) {
		iput(inode);
		return file;
	}
	file->f_path = strdup("/dev/zero");	/* procfs adds " (deleted)" */
	if (!file->f_path) {
		fput(file);
		return ERR_PTR(-ENOMEM);
	}
	return file;
}
