/* Paths of dentries and getcwd(2) (Linux: fs/d_path.c). A dentry holds the
 * canonical guest path that led to it. Only a directory of an in-memory
 * filesystem can move while held (a cwd renamed away, or one of its
 * ancestors): its path is rebuilt from the names up to its mount's root,
 * as Linux's d_path() rebuilds every path from the dcache. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <uapi/stat.h>

#include "fs/internal.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "mm/mm.h"

/* mount point + rel ("/a/b" or ""), as one canonical path. */
static char *
prepend_mount(const char *mountpoint, const char *rel)
{
	size_t mlen = strcmp(mountpoint, "/") ? strlen(mountpoint) : 0;
	char *path = malloc(mlen + strlen(rel) + 2);

	if (!path)
		return NULL;
	memcpy(path, mountpoint, mlen);
	strcpy(path + mlen, rel);
	if (!*path)
		strcpy(path, "/");
	return path;
}

/* Bring a dentry's path up to date after renames. A removed directory
 * keeps its last path (getcwd then says ENOENT, as Linux does). */
void
d_refresh_path(struct kernel *k, struct dentry *dentry)
{
	struct inode *inode = dentry->d_inode;
	struct vfsmount *mnt;
	char *buf, *path = NULL;
	int pos;

	if (!inode || !S_ISDIR(inode->i_mode) || !inode->i_nlink)
		return;
	mnt = sb_mount(k->mounts, inode->i_sb);
	buf = mnt ? malloc(FS_PATH_MAX) : NULL;
	if (!buf)
		return;
	pos = simple_dir_path(inode, mnt->mnt_root->d_inode, buf, FS_PATH_MAX);
	if (pos >= 0)
		path = prepend_mount(mnt->mnt_root->d_path, buf + pos);
	if (path && strcmp(path, dentry->d_path) != 0) {
		free(dentry->d_path);
		dentry->d_path = path;
		path = NULL;
	}
	free(path);
	free(buf);
}

/* Returns the length including the NUL, as the raw syscall does: ERANGE
 * if size is too small, ENAMETOOLONG past a page, ENOENT if the cwd was
 * removed (d_unlinked). */
SYSCALL_DEFINE2(getcwd, uaddr_t, buf, unsigned long, size)
{
	struct dentry *pwd = current->fs->pwd;
	const char *cwd;
	size_t len;

	if (pwd->d_inode && pwd->d_inode->i_nlink == 0)
		return -ENOENT;
	d_refresh_path(current->kernel, pwd);
	cwd = pwd->d_path;
	len = strlen(cwd) + 1;

	if (len > PAGE_SIZE)
		return -ENAMETOOLONG;
	if (len > size)
		return -ERANGE;
	if (copy_to_user(current->mm, buf, cwd, len) < 0)
		return -EFAULT;
	return len;
}
