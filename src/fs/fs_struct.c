/* Root, cwd and umask of a task (Linux: fs/fs_struct.c; sys_umask from
 * kernel/sys.c, which lives here because it changes only the fs_struct). */
#include <stdlib.h>

#include <uapi/stat.h>

#include "fs/internal.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"

/* The first task's: root and cwd are the guest's /, umask 022 (as
 * init_fs). NULL on ENOMEM, or when vfs_init has not run. */
struct fs_struct *
fs_alloc_root(struct kernel *k)
{
	struct fs_struct *fs;

	if (!k->mounts)
		return NULL;
	fs = calloc(1, sizeof(*fs));
	if (!fs)
		return NULL;
	fs->users = 1;
	fs->umask = 0022;
	fs->root = vfs_root(k);
	fs->pwd = dget(fs->root);
	return fs;
}

/* fork without CLONE_FS: same places, own copy to change later. */
struct fs_struct *
copy_fs_struct(struct fs_struct *old)
{
	struct fs_struct *fs = calloc(1, sizeof(*fs));

	if (!fs)
		return NULL;
	fs->users = 1;
	fs->umask = old->umask;
	fs->root = dget(old->root);
	fs->pwd = dget(old->pwd);
	return fs;
}

void
put_fs_struct(struct fs_struct *fs)
{
	if (!fs || --fs->users > 0)
		return;
	dput(fs->root);
	dput(fs->pwd);
	free(fs);
}

/* Replace the cwd; takes the caller's reference to pwd. */
void
set_fs_pwd(struct fs_struct *fs, struct dentry *pwd)
{
	struct dentry *old = fs->pwd;

	fs->pwd = pwd;
	dput(old);
}

SYSCALL_DEFINE1(umask, int, mask)
{
	int old = current->fs->umask;

	current->fs->umask = mask & S_IRWXUGO;
	return old;
}
