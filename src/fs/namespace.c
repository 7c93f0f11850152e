/* The mount table (Linux: fs/namespace.c): hostfs at / and the single-file
 * host bindings. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fs/internal.h"
#include "kernel/kernel.h"

/* Mount --root at / (read-only) and make k->mounts. */
int
vfs_init(struct kernel *k)
{
	struct vfsmount_table *mnt = calloc(1, sizeof(*mnt));
	int err;

	if (!mnt)
		return -ENOMEM;
	mnt->hostfs_sb.s_flags = SB_RDONLY;
	mnt->hostfs_sb.s_op = &hostfs_super_ops;
	/* The host's stdio files: host objects, but no part of the root. */
	mnt->stdio_sb.s_op = &hostfs_super_ops;
	err = hostfs_mount(k->opts.root, &mnt->root);
	if (err) {
		free(mnt);
		return err;
	}
	k->mounts = mnt;
	return 0;
}

void
vfs_exit(struct kernel *k)
{
	struct vfsmount_table *mnt = k->mounts;
	int i;

	if (!mnt)
		return;
	for (i = 0; i < mnt->nr_bindings; i++) {
		hostfs_close(mnt->bindings[i].dir_fd);
		free(mnt->bindings[i].path);
		free(mnt->bindings[i].name);
	}
	free(mnt->bindings);
	dput(mnt->root);
	free(mnt);
	k->mounts = NULL;
}

struct dentry *
vfs_root(struct kernel *k)
{
	return dget(k->mounts->root);
}

/* Make the host file at abs_path visible, read-only, at the same guest path
 * (DESIGN.md). The walk checks the bindings before the root, so the guest
 * path needs no directories in the root. -EEXIST if already bound. */
int
vfs_bind_host_file(struct kernel *k, const char *abs_path)
{
	struct vfsmount_table *mnt = k->mounts;
	struct host_binding b, *bindings;
	int i, err;

	if (abs_path[0] != '/')
		return -EINVAL;
	b.path = path_normalize("/", abs_path);
	if (!b.path)
		return -ENOMEM;
	err = -EEXIST;
	for (i = 0; i < mnt->nr_bindings; i++)
		if (strcmp(mnt->bindings[i].path, b.path) == 0)
			goto out_free_path;
	err = -ENOMEM;
	bindings = realloc(mnt->bindings, (mnt->nr_bindings + 1) * sizeof(b));
	if (!bindings)
		goto out_free_path;
	mnt->bindings = bindings;
	err = hostfs_bind(abs_path, &b.dir_fd, &b.name);
	if (err)
		goto out_free_path;
	mnt->bindings[mnt->nr_bindings++] = b;
	return 0;

out_free_path:
	free(b.path);
	return err;
}
