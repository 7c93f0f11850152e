/* Directories of in-memory filesystems (Linux: fs/libfs.c simple_*).
 *
 * Linux's tmpfs keeps its names as pinned dentries in the dcache and reads
 * them back with offset_readdir; taskbox has no dcache, so each directory
 * inode owns a list of names (struct simple_dir in i_private), each holding
 * a reference to its inode. Link counts follow Linux: a file has one per
 * name; a directory two (its name and its ".") plus one per subdirectory
 * (their ".."). A directory holds a reference to its parent for "..", as a
 * Linux dentry pins d_parent, so ".." still works in a removed directory.
 *
 * On entry the VFS has checked permissions and that names are legal; these
 * only change the tree. None of them sleeps. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <taskbox/err.h>
#include <uapi/dirent.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>

#include "fs/internal.h"

/* A directory's name list; parent is NULL for the root of a filesystem,
 * whose ".." is itself. Takes a reference to parent. */
struct simple_dir *
simple_dir_alloc(struct inode *parent)
{
	struct simple_dir *d = calloc(1, sizeof(*d));

	if (!d)
		return NULL;
	INIT_LIST_HEAD(&d->entries);
	d->next_offset = 2;
	d->parent = parent ? igrab(parent) : NULL;
	return d;
}

/* Let go of a directory's names and its parent (at evict or unmount). */
void
simple_dir_free(struct inode *dir)
{
	struct simple_dir *d = dir->i_private;
	struct simple_dirent *de, *n;

	if (!d)
		return;
	list_for_each_entry_safe(de, n, &d->entries, d_child)
		simple_remove_entry(dir, de);
	dir->i_private = NULL;
	iput(d->parent);
	free(d);
}

static struct simple_dir *
simple_dir(struct inode *dir)
{
	BUG_ON(!S_ISDIR(dir->i_mode) || !dir->i_private);
	return dir->i_private;
}

struct simple_dirent *
simple_find_entry(struct inode *dir, const struct qstr *name)
{
	struct simple_dirent *de;

	list_for_each_entry(de, &simple_dir(dir)->entries, d_child)
		if (de->len == name->len && !memcmp(de->name, name->name, name->len))
			return de;
	return NULL;
}

/* The child called name, or the parent for ".." (simple_lookup; the dcache
 * answers "." and ".." in Linux, the walk answers "." here). */
struct inode *
simple_lookup(struct inode *dir, const struct qstr *name)
{
	struct simple_dir *d = simple_dir(dir);
	struct simple_dirent *de;

	if (name->len == 2 && name->name[0] == '.' && name->name[1] == '.')
		return igrab(d->parent ? d->parent : dir);
	de = simple_find_entry(dir, name);
	return de ? igrab(de->inode) : ERR_PTR(-ENOENT);
}

/* Give inode one more name in dir; takes a reference for the name. The
 * caller keeps i_nlink. The new name comes first in readdir order. */
int
simple_add_entry(struct inode *dir, const struct qstr *name, struct inode *inode)
{
	struct simple_dir *d = simple_dir(dir);
	struct simple_dirent *de = malloc(sizeof(*de) + name->len + 1);

	if (!de)
		return -ENOMEM;
	de->inode = igrab(inode);
	de->offset = d->next_offset++;
	de->len = name->len;
	memcpy(de->name, name->name, name->len);
	de->name[name->len] = '\0';
	list_add(&de->d_child, &d->entries);
	dir->i_size += BOGO_DIRENT_SIZE;
	if (S_ISDIR(inode->i_mode))
		simple_dir(inode)->self = de;
	return 0;
}

/* Drop one name and its reference; the caller keeps i_nlink. */
void
simple_remove_entry(struct inode *dir, struct simple_dirent *de)
{
	if (S_ISDIR(de->inode->i_mode) && simple_dir(de->inode)->self == de)
		simple_dir(de->inode)->self = NULL;
	list_del_init(&de->d_child);
	dir->i_size -= BOGO_DIRENT_SIZE;
	iput(de->inode);
	free(de);
}

bool
simple_empty(struct inode *dir)
{
	return list_empty(&simple_dir(dir)->entries);
}

/* The path of dir below root, "/a/b" ("" for root itself), into the end
 * of buf; returns where it starts, as Linux's prepend_path does. -ENOENT
 * if dir or an ancestor was removed, -ENAMETOOLONG past size. */
int
simple_dir_path(struct inode *dir, struct inode *root, char *buf, size_t size)
{
	size_t pos = size - 1;

	buf[pos] = '\0';
	while (dir != root) {
		struct simple_dir *d = simple_dir(dir);

		if (!d->self)
			return -ENOENT;
		if (pos < d->self->len + 1)
			return -ENAMETOOLONG;
		pos -= d->self->len;
		memcpy(buf + pos, d->self->name, d->self->len);
		buf[--pos] = '/';
		dir = d->parent;
	}
	return (int)pos;
}

static void
dir_changed(struct inode *dir)
{
	dir->i_mtime = dir->i_ctime = current_time(dir);
}

/* A hard link (simple_link): the VFS has refused directories. */
int
simple_link(struct inode *inode, struct inode *dir, const struct qstr *name)
{
	int err = simple_add_entry(dir, name, inode);

	if (err)
		return err;
	inc_nlink(inode);
	dir_changed(dir);
	inode->i_ctime = dir->i_ctime;
	return 0;
}

int
simple_unlink(struct inode *dir, const struct qstr *name)
{
	struct simple_dirent *de = simple_find_entry(dir, name);
	struct inode *inode;

	if (!de)
		return -ENOENT;
	inode = de->inode;
	dir_changed(dir);
	inode->i_ctime = dir->i_ctime;
	drop_nlink(inode);
	simple_remove_entry(dir, de);
	return 0;
}

/* rmdir (simple_rmdir): the directory loses "." and its name, the parent
 * the child's "..". */
int
simple_rmdir(struct inode *dir, const struct qstr *name)
{
	struct simple_dirent *de = simple_find_entry(dir, name);
	struct inode *inode;

	if (!de)
		return -ENOENT;
	inode = de->inode;
	if (!simple_empty(inode))
		return -ENOTEMPTY;
	drop_nlink(inode);
	drop_nlink(dir);
	return simple_unlink(dir, name);
}

/* Point a moved directory's ".." at its new parent. */
static void
simple_reparent(struct inode *inode, struct inode *new_dir)
{
	struct simple_dir *d = simple_dir(inode);
	struct inode *old = d->parent;

	d->parent = igrab(new_dir);
	iput(old);
}

/* Move one name (the entry at de) to new_dir/new_name, which is free. */
static int
simple_move_entry(struct inode *old_dir, struct simple_dirent *de,
		  struct inode *new_dir, const struct qstr *new_name)
{
	struct inode *inode = de->inode;
	int err = simple_add_entry(new_dir, new_name, inode);

	if (err)
		return err;
	simple_remove_entry(old_dir, de);
	if (S_ISDIR(inode->i_mode) && old_dir != new_dir) {
		drop_nlink(old_dir);
		inc_nlink(new_dir);
		simple_reparent(inode, new_dir);
	}
	return 0;
}

/* RENAME_EXCHANGE (simple_rename_exchange): the two names swap inodes. */
static int
simple_rename_exchange(struct inode *old_dir, struct simple_dirent *a,
		       struct inode *new_dir, struct simple_dirent *b)
{
	struct inode *tmp = a->inode;
	bool a_dir = S_ISDIR(a->inode->i_mode), b_dir = S_ISDIR(b->inode->i_mode);

	a->inode = b->inode;
	b->inode = tmp;
	if (b_dir)
		simple_dir(a->inode)->self = a;
	if (a_dir)
		simple_dir(b->inode)->self = b;
	if (old_dir != new_dir && a_dir != b_dir) {
		if (a_dir) {
			drop_nlink(old_dir);
			inc_nlink(new_dir);
		} else {
			drop_nlink(new_dir);
			inc_nlink(old_dir);
		}
	}
	if (a_dir)
		simple_reparent(b->inode, new_dir);
	if (b_dir)
		simple_reparent(a->inode, old_dir);
	return 0;
}

/* Replace the target of a rename: it loses this name, as by unlink or
 * rmdir (the VFS has checked the types agree and a directory is empty). */
static void
simple_drop_target(struct inode *new_dir, struct simple_dirent *target)
{
	struct inode *victim = target->inode;

	if (S_ISDIR(victim->i_mode)) {
		drop_nlink(victim);
		drop_nlink(new_dir);
	}
	victim->i_ctime = current_time(victim);
	drop_nlink(victim);
	simple_remove_entry(new_dir, target);
}

/* rename (simple_rename): the VFS has made every check but emptiness. */
int
simple_rename(struct inode *old_dir, const struct qstr *old_name,
	      struct inode *new_dir, const struct qstr *new_name,
	      unsigned int flags)
{
	struct simple_dirent *de = simple_find_entry(old_dir, old_name);
	struct simple_dirent *target = simple_find_entry(new_dir, new_name);
	struct inode *inode;
	int err;

	if (!de)
		return -ENOENT;
	inode = de->inode;
	if (flags & RENAME_EXCHANGE) {
		if (!target)
			return -ENOENT;
		err = simple_rename_exchange(old_dir, de, new_dir, target);
	} else {
		if (target && S_ISDIR(target->inode->i_mode) &&
		    !simple_empty(target->inode))
			return -ENOTEMPTY;
		if (target)
			simple_drop_target(new_dir, target);
		err = simple_move_entry(old_dir, de, new_dir, new_name);
	}
	if (err)
		return err;
	dir_changed(old_dir);
	dir_changed(new_dir);
	inode->i_ctime = old_dir->i_ctime;
	return 0;
}

/* Unmount: drop every name below dir, depth first (Linux: d_genocide in
 * kill_litter_super), so the references between parents and children go
 * and every inode no one else holds is evicted. */
void
simple_kill_tree(struct inode *dir)
{
	struct simple_dirent *de, *n;

	list_for_each_entry_safe(de, n, &simple_dir(dir)->entries, d_child) {
		if (S_ISDIR(de->inode->i_mode))
			simple_kill_tree(de->inode);
		simple_remove_entry(dir, de);
	}
}

/* ------------------------------------------------------------------------
 * Reading a directory (Linux: offset_readdir, fs/libfs.c, as of 6.14).
 * Positions 0 and 1 are "." and ".."; each name has an offset from 2 on,
 * given in creation order (a rename gives a new one), and the listing goes
 * from the newest name to the oldest. A position p >= 2 means "the names
 * older than offset p", so a name keeps its place while others come and
 * go, and names made after the listing began never show up in it.
 * ---------------------------------------------------------------------- */

#define DIR_OFFSET_EOD	INT32_MAX	/* past the oldest name */

static unsigned int
dt_type(umode_t mode)
{
	return (mode & S_IFMT) >> 12;
}

static bool
dir_emit_dots(struct file *file, struct dir_context *ctx)
{
	struct inode *dir = file->f_inode;
	struct simple_dir *d = simple_dir(dir);

	if (ctx->pos == 0) {
		if (!ctx->actor(ctx, ".", 1, 1, dir->i_ino, DT_DIR))
			return false;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!ctx->actor(ctx, "..", 2, d->next_offset,
				(d->parent ? d->parent : dir)->i_ino, DT_DIR))
			return false;
		ctx->pos = d->next_offset;
	}
	return true;
}

static int
offset_readdir(struct file *file, struct dir_context *ctx)
{
	struct inode *dir = file->f_inode;
	struct list_head *entries = &simple_dir(dir)->entries;
	struct simple_dirent *de;

	if (!dir_emit_dots(file, ctx))
		return 0;
	list_for_each_entry(de, entries, d_child) {
		loff_t next = de->d_child.next == entries ? DIR_OFFSET_EOD : de->offset;

		if (ctx->pos == DIR_OFFSET_EOD)
			break;
		if (de->offset >= ctx->pos)
			continue;
		if (!ctx->actor(ctx, de->name, de->len, next, de->inode->i_ino,
				dt_type(de->inode->i_mode)))
			break;
		ctx->pos = next;
	}
	touch_atime(dir);
	return 0;
}

/* Only SEEK_SET and SEEK_CUR, to any position (offset_dir_llseek). */
static loff_t
offset_dir_llseek(struct file *file, loff_t offset, int whence)
{
	switch (whence) {
	case SEEK_CUR:
		if (__builtin_add_overflow(offset, file->f_pos, &offset))
			return -EINVAL;
		/* fallthrough */
	case SEEK_SET:
		if (offset >= 0)
			break;
		/* fallthrough */
	default:
		return -EINVAL;
	}
	file->f_pos = offset;
	return offset;
}

/* read(2) of a directory (generic_read_dir). */
static ssize_t
generic_read_dir(struct task_struct *current, struct file *file, char *buf,
		 size_t count, loff_t *pos)
{
	(void)current, (void)file, (void)buf, (void)count, (void)pos;
	return -EISDIR;
}

static int
noop_fsync(struct file *file, int datasync)
{
	(void)file, (void)datasync;
	return 0;
}

const struct file_operations simple_offset_dir_operations = {
	.llseek = offset_dir_llseek,
	.read = generic_read_dir,
	.iterate_shared = offset_readdir,
	.fsync = noop_fsync,
};
