/* The mount table (Linux: fs/namespace.c): hostfs at /, devfs at /dev,
 * tmpfs at /dev/shm and /tmp, procfs at /proc, sysfs at /sys, and the
 * single-file host bindings.
 *
 * The walk crosses into a mount when it reaches a directory whose path is a
 * mount point (follow_mount, via lookup_mnt) and back out on ".." at a
 * mount's root (follow_dotdot), in namei.c. A mount point must exist as a
 * directory of the filesystem below, as on Linux: a root without /tmp
 * leaves the tmpfs unreachable. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <taskbox/err.h>
#include <uapi/stat.h>

#include "fs/internal.h"
#include "kernel/kernel.h"

/* Anonymous device numbers (0:N) for in-memory instances, as Linux's
 * get_anon_bdev gives; never the st_dev of the host's root directory (an
 * overlay root has an anonymous one too), which find -xdev and du would
 * take for the same filesystem. */
#define ANON_DEV_FIRST	32

struct tmpfs_mount_spec {
	const char *path;
	umode_t mode;			/* of the root directory */
	int flags;			/* MNT_* */
	bool devtmpfs;
};

/* Mount order matters: /dev/shm lies inside /dev. Flags are systemd's. */
static const struct tmpfs_mount_spec boot_mounts[] = {
	{ "/dev", 0755, MNT_NOSUID | MNT_RELATIME, true },
	{ "/dev/shm", 01777, MNT_NOSUID | MNT_NODEV | MNT_RELATIME, false },
	{ "/tmp", 01777, MNT_NOSUID | MNT_NODEV | MNT_RELATIME, false },
};

/* The mount a new mount point at path lies on: the one with the longest
 * mount point that is a leading part of path. */
static struct vfsmount *
mount_below(struct vfsmount_table *table, const char *path)
{
	struct vfsmount *best = NULL;
	size_t best_len = 0;
	int i;

	for (i = 0; i < table->nr_mounts; i++) {
		const char *mp = table->mounts[i]->mnt_root->d_path;
		size_t len = strlen(mp);

		if (len == 1)
			len = 0;	/* "/" is a prefix of everything */
		if (strncmp(mp, path, len) == 0 && path[len] == '/' &&
		    (!best || len > best_len)) {
			best = table->mounts[i];
			best_len = len;
		}
	}
	return best;
}

static struct vfsmount *
alloc_vfsmnt(struct vfsmount_table *table, struct super_block *sb,
	     struct dentry *root, int flags)
{
	struct vfsmount *mnt;

	if (table->nr_mounts == MAX_MOUNTS)
		return NULL;
	mnt = calloc(1, sizeof(*mnt));
	if (!mnt)
		return NULL;
	mnt->mnt_sb = sb;
	mnt->mnt_root = root;
	mnt->mnt_flags = flags;
	mnt->mnt_id = table->nr_mounts + 1;
	mnt->mnt_parent = table->nr_mounts ? mount_below(table, root->d_path) : NULL;
	table->mounts[table->nr_mounts++] = mnt;
	return mnt;
}

/* The mount whose mount point is path (lookup_mnt), or NULL. Paths are
 * canonical, so one spelling names one place. */
struct vfsmount *
lookup_mnt(struct vfsmount_table *table, const char *path)
{
	int i;

	for (i = 1; i < table->nr_mounts; i++)
		if (strcmp(table->mounts[i]->mnt_root->d_path, path) == 0)
			return table->mounts[i];
	return NULL;
}

/* The mount of a filesystem instance: each is mounted once. */
struct vfsmount *
sb_mount(struct vfsmount_table *table, struct super_block *sb)
{
	int i;

	for (i = 0; i < table->nr_mounts; i++)
		if (table->mounts[i]->mnt_sb == sb)
			return table->mounts[i];
	return NULL;
}

/* Is dentry the root of a mount other than /? */
bool
d_is_mount_root(struct vfsmount_table *table, struct dentry *dentry)
{
	struct vfsmount *mnt;

	if (!dentry->d_inode)
		return false;
	mnt = sb_mount(table, dentry->d_inode->i_sb);
	return mnt && mnt->mnt_parent && mnt->mnt_root->d_inode == dentry->d_inode;
}

/* The next anonymous device number (get_anon_bdev). */
static uint32_t
get_anon_bdev(struct vfsmount_table *table)
{
	struct kstat root;
	uint32_t dev;

	if (d_getattr(table->root, &root, STATX_BASIC_STATS))
		root.dev = 0;
	do
		dev = MKDEV(0, ANON_DEV_FIRST + table->next_anon++);
	while (dev == root.dev);
	return dev;
}

/* Make and mount one tmpfs instance (shmem's mount plus do_add_mount). */
static int
do_mount_tmpfs(struct kernel *k, const struct tmpfs_mount_spec *spec)
{
	struct vfsmount_table *table = k->mounts;
	struct super_block *sb = calloc(1, sizeof(*sb));
	struct dentry *root;
	struct inode *inode;
	int err;

	if (!sb)
		return -ENOMEM;
	err = shmem_fill_super(k, sb, spec->mode, get_anon_bdev(table), &inode);
	if (err)
		goto out_free_sb;
	if (spec->devtmpfs && (err = devtmpfs_fill(inode)) != 0) {
		simple_kill_tree(inode);
		iput(inode);
		goto out_put_super;
	}
	err = -ENOMEM;
	root = d_alloc_inode(inode, strdup(spec->path));
	if (!root)
		goto out_put_super;
	if (!alloc_vfsmnt(table, sb, root, spec->flags)) {
		dput(root);
		goto out_put_super;
	}
	return 0;

out_put_super:
	shmem_put_super(sb);
out_free_sb:
	free(sb);
	return err;
}

/* Unmount an in-memory instance (kill_litter_super): drop the tree, then
 * the root, then the instance. */
static void
umount_tree(struct vfsmount *mnt)
{
	struct super_block *sb = mnt->mnt_sb;
	bool shmem = sb->s_magic == TMPFS_MAGIC;

	if (shmem)
		simple_kill_tree(mnt->mnt_root->d_inode);
	dput(mnt->mnt_root);
	if (shmem)
		shmem_put_super(sb);
	free(sb);
	free(mnt);
}

/* The internal tmpfs of shared anonymous memory (Linux: shmem_init). */
static int
shm_init(struct kernel *k)
{
	struct vfsmount_table *table = k->mounts;
	struct super_block *sb = calloc(1, sizeof(*sb));
	int err;

	if (!sb)
		return -ENOMEM;
	err = shmem_fill_super(k, sb, 01777, get_anon_bdev(table), &table->shm_root);
	if (err) {
		free(sb);
		return err;
	}
	table->shm_sb = sb;
	return 0;
}

static void
shm_exit(struct vfsmount_table *table)
{
	if (!table->shm_sb)
		return;
	simple_kill_tree(table->shm_root);
	iput(table->shm_root);
	shmem_put_super(table->shm_sb);
	free(table->shm_sb);
	table->shm_sb = NULL;
}

typedef int fill_super_t(struct kernel *k, struct super_block *sb, uint32_t dev,
			 struct inode **root);

/* procfs at /proc (Linux: proc_fill_super via mount -t proc) and sysfs at
 * /sys (sysfs_fill_super via mount -t sysfs): their inodes are made on
 * lookup, so there is no tree to fill or kill. */
static int
do_mount_pseudo(struct kernel *k, const char *path, fill_super_t *fill_super)
{
	struct vfsmount_table *table = k->mounts;
	struct super_block *sb = calloc(1, sizeof(*sb));
	struct dentry *root;
	struct inode *inode;
	int err;

	if (!sb)
		return -ENOMEM;
	err = fill_super(k, sb, get_anon_bdev(table), &inode);
	if (err) {
		free(sb);
		return err;
	}
	root = d_alloc_inode(inode, strdup(path));
	if (!root || !alloc_vfsmnt(table, sb, root, MNT_NOSUID | MNT_NODEV | MNT_NOEXEC |
				   MNT_RELATIME)) {
		if (root)
			dput(root);
		free(sb);
		return -ENOMEM;
	}
	return 0;
}

/* Mount --root at / (read-only), then the boot mounts, and make k->mounts. */
int
vfs_init(struct kernel *k)
{
	struct vfsmount_table *table = calloc(1, sizeof(*table));
	size_t i;
	int err;

	if (!table)
		return -ENOMEM;
	table->hostfs_sb.s_flags = SB_RDONLY;
	table->hostfs_sb.s_op = &hostfs_super_ops;
	table->hostfs_sb.s_kernel = k;
	/* The host's stdio files: host objects, but no part of the root. */
	table->stdio_sb.s_op = &hostfs_super_ops;
	table->stdio_sb.s_kernel = k;
	err = hostfs_mount(k->opts.root, &table->root);
	if (err) {
		free(table);
		return err;
	}
	k->mounts = table;
	err = -ENOMEM;
	if (!alloc_vfsmnt(table, &table->hostfs_sb, dget(table->root), MNT_RELATIME))
		goto out_exit;
	for (i = 0; i < ARRAY_SIZE(boot_mounts); i++) {
		err = do_mount_tmpfs(k, &boot_mounts[i]);
		if (err)
			goto out_exit;
	}
	err = do_mount_pseudo(k, "/proc", proc_fill_super);
	if (!err)
		err = do_mount_pseudo(k, "/sys", sysfs_fill_super);
	if (err)
		goto out_exit;
	err = shm_init(k);
	if (err)
		goto out_exit;
	return 0;

out_exit:
	vfs_exit(k);
	return err;
}

void
vfs_exit(struct kernel *k)
{
	struct vfsmount_table *table = k->mounts;
	int i;

	if (!table)
		return;
	shm_exit(table);
	for (i = table->nr_mounts - 1; i > 0; i--)
		umount_tree(table->mounts[i]);
	if (table->nr_mounts) {
		dput(table->mounts[0]->mnt_root);
		free(table->mounts[0]);
	}
	for (i = 0; i < table->nr_bindings; i++) {
		hostfs_close(table->bindings[i].dir_fd);
		free(table->bindings[i].path);
		free(table->bindings[i].name);
	}
	free(table->bindings);
	dput(table->root);
	free(table);
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
