/* The path walk (Linux: fs/namei.c): guest names to objects, and the calls
 * that create, remove and rename names.
 *
 * The walk never hands a guest path to the host. On the hostfs root it
 * opens one component at a time with O_PATH|O_NOFOLLOW relative to the host
 * fd of the directory it stands in; on an in-memory filesystem it asks the
 * directory inode (i_op->lookup). It reads symlinks itself and re-walks
 * their bodies, and handles "." and ".." itself, so a name can never leave
 * the guest root: ".." at the root stays there, and an absolute symlink
 * restarts at the guest root. Reaching a mount point enters the mounted
 * filesystem's root (follow_mount); ".." at a mount's root leaves it.
 *
 * The shape follows Linux: path_init() picks the starting point,
 * link_path_walk() walks every component but the last, and the caller's
 * last step (lookup_last, open_last_lookups, or a create/remove check)
 * decides what the last one means. A symlink met on the way replaces the
 * rest of the string with its body (Linux keeps a stack of them instead; the
 * names resolved are the same). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <taskbox/err.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>

#include "fs/internal.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "mm/mm.h"

enum { LAST_NORM, LAST_ROOT, LAST_DOT, LAST_DOTDOT };

/* A symlink was followed: walk the returned string next (Linux returns the
 * link body from step_into; we return this and update the cursor). */
#define WALK_LINK	1

struct nameidata {
	struct task_struct *task;
	struct dentry *path;		/* where the walk stands (a reference) */
	struct dentry *root;		/* the guest root (a reference) */
	struct kstat stat;		/* of path, once stat_valid */
	bool stat_valid;
	bool in_binding;		/* walking a bound host file's directory */
	bool want_parent;		/* an open: keep parent and parent_last */
	bool created;			/* the open made the file (FMODE_CREATED) */
	unsigned int flags;		/* LOOKUP_* */
	int total_link_count;
	char *link_buf;			/* the string walked since the last symlink */
	const char *last;		/* last component; not NUL-terminated */
	int last_len;
	int last_type;
	/* Set by open_last_lookups for do_open: the directory of the object
	 * opened and its name there (a host regular file is opened by name). */
	struct dentry *parent;
	char *parent_last;
};

/* Copy a guest path into the kernel (getname_flags): ERR_PTR(-EFAULT),
 * -ENAMETOOLONG (4096 bytes with no NUL), or -ENOENT for "" unless
 * LOOKUP_EMPTY. Free with putname(). */
char *
getname_flags(struct task_struct *t, uaddr_t filename, unsigned int flags)
{
	char *name = malloc(FS_PATH_MAX);
	long len;

	if (!name)
		return ERR_PTR(-ENOMEM);
	len = strncpy_from_user(t->mm, name, filename, FS_PATH_MAX);
	if (len < 0) {
		free(name);
		return ERR_PTR(len);
	}
	if (len == 0 && !(flags & LOOKUP_EMPTY)) {
		free(name);
		return ERR_PTR(-ENOENT);
	}
	return name;
}

void
putname(char *name)
{
	if (!IS_ERR_OR_NULL(name))
		free(name);
}

bool
is_root_readonly(struct super_block *sb)
{
	return sb && (sb->s_flags & SB_RDONLY);
}

bool
sb_in_memory(const struct super_block *sb)
{
	return sb && (sb->s_flags & SB_INMEMORY);
}

/* The filesystem a dentry is on: its inode's, or the hostfs root's. */
struct super_block *
d_sb(struct kernel *k, struct dentry *dentry)
{
	return dentry->d_inode ? dentry->d_inode->i_sb : &k->mounts->hostfs_sb;
}

static struct super_block *
nd_sb(struct nameidata *nd)
{
	return d_sb(nd->task->kernel, nd->path);
}

/* The superuser's capabilities (CAP_FOWNER, CAP_FSETID, CAP_MKNOD...):
 * taskbox models them as fsuid 0. No cred (early boot, tests) is root. */
bool
capable_fsuid(struct task_struct *t)
{
	return !t || !t->cred || t->cred->fsuid == 0;
}

/* Is gid the caller's fsgid? Supplementary groups are not modelled. */
bool
in_group_p(struct task_struct *t, gid_t gid)
{
	return (t && t->cred ? t->cred->fsgid : 0) == gid;
}

bool
inode_owner_or_capable(struct task_struct *t, const struct inode *inode)
{
	return capable_fsuid(t) || t->cred->fsuid == inode->i_uid;
}

static const struct cred *
task_cred(struct task_struct *t)
{
	return t ? t->cred : NULL;
}

/* The owner/group/other check plus the superuser's overrides
 * (generic_permission, acl_permission_check). Supplementary groups are not
 * modelled yet: struct cred has none. */
static int
generic_permission(const struct cred *cred, const struct kstat *stat, int mask)
{
	unsigned int mode = stat->mode;

	mask &= MAY_READ | MAY_WRITE | MAY_EXEC;
	if (!cred || cred->fsuid == 0) {
		/* CAP_DAC_OVERRIDE: anything but executing a file with no x bit. */
		if (!(mask & MAY_EXEC) || S_ISDIR(mode) || (mode & 0111))
			return 0;
		return -EACCES;
	}
	if (cred->fsuid == stat->uid)
		mode >>= 6;
	else if (cred->fsgid == stat->gid)
		mode >>= 3;
	return (mask & ~mode & 7) ? -EACCES : 0;
}

/* May t access the object with these attributes (inode_permission)? A write
 * to a regular file, directory or symlink of a read-only filesystem fails
 * with EROFS before any permission bit is looked at (sb_permission). */
int
inode_permission(struct task_struct *t, const struct kstat *stat,
		 struct super_block *sb, int mask)
{
	umode_t mode = stat->mode;

	if ((mask & MAY_WRITE) && is_root_readonly(sb) &&
	    (S_ISREG(mode) || S_ISDIR(mode) || S_ISLNK(mode)))
		return -EROFS;
	return generic_permission(t ? t->cred : NULL, stat, mask);
}

/* inode_permission for an inode of an in-memory filesystem, whose
 * attributes are at hand. */
int
inode_permission_inode(struct task_struct *t, struct inode *inode, int mask)
{
	struct kstat stat;
	int err = vfs_getattr(inode, &stat, STATX_BASIC_STATS);

	return err ? err : inode_permission(t, &stat, inode->i_sb, mask);
}

static int
nd_stat(struct nameidata *nd)
{
	int err = 0;

	if (!nd->stat_valid) {
		err = d_getattr(nd->path, &nd->stat, STATX_BASIC_STATS);
		nd->stat_valid = !err;
	}
	return err;
}

static bool
d_can_lookup(struct nameidata *nd)
{
	return !nd_stat(nd) && S_ISDIR(nd->stat.mode);
}

/* Search permission on the directory the walk stands in (may_lookup). */
static int
may_lookup(struct nameidata *nd)
{
	const struct cred *cred = nd->task->cred;
	int err;

	if (!cred || cred->fsuid == 0)
		return 0;		/* CAP_DAC_READ_SEARCH: skip the stat */
	err = nd_stat(nd);
	if (err)
		return err;
	return inode_permission(nd->task, &nd->stat, nd_sb(nd), MAY_EXEC);
}

/* Move the walk to a new place; takes the reference. */
static void
nd_set_path(struct nameidata *nd, struct dentry *dentry, const struct kstat *stat)
{
	dput(nd->path);
	nd->path = dentry;
	nd->stat_valid = stat != NULL;
	if (stat)
		nd->stat = *stat;
}

static void
nd_jump_root(struct nameidata *nd)
{
	nd_set_path(nd, dget(nd->root), NULL);
	nd->last_type = LAST_ROOT;
}

/* ".." out of a mount's root (follow_up, then ".." of the mount point):
 * mount points are canonical paths with no symlink on the way, so the walk
 * of the parent's path from the guest root lands on the right place. */
static int
follow_dotdot_mount(struct nameidata *nd)
{
	struct dentry *parent;
	struct kstat stat;
	char *path = strdup(nd->path->d_path);
	int err;

	if (!path)
		return -ENOMEM;
	path_parent(path);
	err = filename_lookup(nd->task, AT_FDCWD, path, 0, &parent, &stat);
	free(path);
	if (err)
		return err;
	nd_set_path(nd, parent, &stat);
	return 0;
}

/* ".." in an in-memory directory: the directory knows its parent. */
static int
follow_dotdot_inode(struct nameidata *nd)
{
	static const struct qstr dotdot = { "..", 2 };
	struct inode *dir = nd->path->d_inode, *parent;
	struct dentry *dentry;
	char *path;

	if (!dir->i_op || !dir->i_op->lookup)
		return -ENOTDIR;
	parent = dir->i_op->lookup(dir, &dotdot);
	if (IS_ERR(parent))
		return (int)PTR_ERR(parent);
	path = strdup(nd->path->d_path);
	if (path)
		path_parent(path);
	dentry = d_alloc_inode(parent, path);
	if (!dentry)
		return -ENOMEM;
	nd_set_path(nd, dentry, NULL);
	return 0;
}

/* ".." (follow_dotdot): at the guest root it stays at the root, so no name
 * can climb out of it; at a mount's root it leaves the mount; elsewhere on
 * hostfs the host's ".." of our directory is the parent, since every
 * directory we stand in was reached by real names. */
static int
follow_dotdot(struct nameidata *nd)
{
	struct kstat stat;
	struct dentry *parent;
	char *path;
	int fd;

	if (strcmp(nd->path->d_path, "/") == 0)
		return 0;
	if (d_is_mount_root(nd->task->kernel->mounts, nd->path))
		return follow_dotdot_mount(nd);
	if (nd->path->d_inode)
		return follow_dotdot_inode(nd);
	path = strdup(nd->path->d_path);
	if (!path)
		return -ENOMEM;
	path_parent(path);
	if (strcmp(path, "/") == 0) {
		free(path);
		nd_jump_root(nd);
		return 0;
	}
	fd = hostfs_lookup_dotdot(nd->path->d_fd, &stat);
	if (fd < 0) {
		free(path);
		return fd;
	}
	parent = d_alloc(fd, path);
	if (!parent)
		return -ENOMEM;
	nd_set_path(nd, parent, &stat);
	return 0;
}

static int
handle_dots(struct nameidata *nd, int type)
{
	if (type == LAST_DOTDOT)
		return follow_dotdot(nd);
	return 0;
}

static int
component_type(const char *name, int len)
{
	if (len == 1 && name[0] == '.')
		return LAST_DOT;
	if (len == 2 && name[0] == '.' && name[1] == '.')
		return LAST_DOTDOT;
	return LAST_NORM;
}

/* One name in a hostfs directory: a dentry on a new host O_PATH fd, or
 * -ENOENT and friends from the host. Takes path. */
static struct dentry *
lookup_host(struct nameidata *nd, const char *name, int len, char *path,
	    struct kstat *stat)
{
	char buf[FS_NAME_MAX + 1];
	struct dentry *child;
	int fd;

	memcpy(buf, name, len);
	buf[len] = '\0';
	fd = hostfs_lookup(nd->path->d_fd, buf, stat);
	if (fd >= 0 && nd->in_binding && !S_ISREG(stat->mode)) {
		/* A binding names one host regular file: never a directory
		 * or symlink to continue from outside the root. */
		hostfs_close(fd);
		fd = -ENOENT;
	}
	if (fd < 0) {
		free(path);
		return ERR_PTR(fd);
	}
	child = d_alloc(fd, path);
	return child ? child : ERR_PTR(-ENOMEM);
}

/* One name in an in-memory directory (i_op->lookup). Takes path. */
static struct dentry *
lookup_inode(struct nameidata *nd, const char *name, int len, char *path,
	     struct kstat *stat)
{
	struct inode *dir = nd->path->d_inode, *inode;
	struct qstr q = { name, (unsigned int)len };
	struct dentry *child;
	int err;

	if (!dir->i_op || !dir->i_op->lookup)
		inode = ERR_PTR(-ENOTDIR);
	else
		inode = dir->i_op->lookup(dir, &q);
	if (IS_ERR(inode)) {
		free(path);
		return (struct dentry *)inode;
	}
	err = vfs_getattr(inode, stat, STATX_BASIC_STATS);
	if (err) {
		iput(inode);
		free(path);
		return ERR_PTR(err);
	}
	child = d_alloc_inode(inode, path);
	return child ? child : ERR_PTR(-ENOMEM);
}

/* Look one name up in the directory the walk stands in, without entering
 * a filesystem mounted there (lookup_one_qstr_excl): what unlink, rmdir
 * and rename act on. */
static struct dentry *
lookup_one(struct nameidata *nd, const char *name, int len, struct kstat *stat)
{
	char *path;

	if (len > FS_NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	path = path_join(nd->path->d_path, name, len);
	if (!path)
		return ERR_PTR(-ENOMEM);
	if (nd->path->d_inode)
		return lookup_inode(nd, name, len, path, stat);
	return lookup_host(nd, name, len, path, stat);
}

/* Is this a mount point (d_mountpoint)? The mount on it, or NULL. */
static struct vfsmount *
d_mountpoint(struct nameidata *nd, struct dentry *dentry, const struct kstat *stat)
{
	if (!S_ISDIR(stat->mode))
		return NULL;
	return lookup_mnt(nd->task->kernel->mounts, dentry->d_path);
}

/* Look one name up and, if a filesystem is mounted there, go to its root
 * (lookup_fast/lookup_slow then follow_mount). */
static struct dentry *
lookup_component(struct nameidata *nd, const char *name, int len,
		 struct kstat *stat)
{
	struct dentry *child = lookup_one(nd, name, len, stat);
	struct vfsmount *mnt;
	int err;

	if (IS_ERR(child))
		return child;
	mnt = d_mountpoint(nd, child, stat);
	if (!mnt)
		return child;
	dput(child);
	child = dget(mnt->mnt_root);
	err = d_getattr(child, stat, STATX_BASIC_STATS);
	if (err) {
		dput(child);
		return ERR_PTR(err);
	}
	return child;
}

static int walk_binding(struct nameidata *nd, const char **s);

/* Replace the rest of the walk with the body of the symlink link, followed
 * by *rest (pick_link). Takes link. Returns WALK_LINK with *rest pointing
 * at the new string, or -ELOOP past MAXSYMLINKS links in one walk. */
static int
pick_link(struct nameidata *nd, struct dentry *link, const char **rest)
{
	size_t rest_len = strlen(*rest);
	char *buf;
	int len, err;

	if (nd->total_link_count++ >= MAXSYMLINKS) {
		dput(link);
		return -ELOOP;
	}
	buf = malloc(FS_PATH_MAX + 1 + rest_len + 1);
	if (!buf) {
		dput(link);
		return -ENOMEM;
	}
	len = d_readlink(link, buf, FS_PATH_MAX);
	dput(link);
	if (len <= 0 || len >= FS_PATH_MAX) {
		free(buf);
		return len < 0 ? len : len ? -ENAMETOOLONG : -ENOENT;
	}
	buf[len] = '\0';
	if (rest_len) {
		buf[len] = '/';
		memcpy(buf + len + 1, *rest, rest_len + 1);
	}
	free(nd->link_buf);
	nd->link_buf = buf;
	*rest = buf;
	if (buf[0] == '/') {
		nd_jump_root(nd);	/* absolute links resolve in the guest root */
		err = walk_binding(nd, rest);	/* ... where host files are bound */
		if (nd->link_buf != buf)
			free(buf);
		if (err)
			return err;
	}
	return WALK_LINK;
}

/* Keep the directory and name of the object an open ends at: a host
 * regular file is opened by name from its directory (vfs_open). */
static int
remember_parent(struct nameidata *nd, const char *name, int len)
{
	nd->parent_last = strndup(name, len);
	if (!nd->parent_last)
		return -ENOMEM;
	nd->parent = dget(nd->path);
	return 0;
}

/* Follow a magic link to its object (Linux: nd_jump_link): the walk
 * stands on the object itself, which may have no name to walk to (a
 * pipe's /proc/self/fd/N). Takes link. 1: not a magic link. */
static int
jump_link(struct nameidata *nd, struct dentry *link)
{
	struct inode *inode = link->d_inode;
	struct dentry *target;
	struct kstat stat;
	int err;

	if (!inode || !inode->i_op || !inode->i_op->jump_link)
		return 1;
	target = inode->i_op->jump_link(inode);
	if (!target)
		return 1;
	dput(link);
	if (IS_ERR(target))
		return (int)PTR_ERR(target);
	if (nd->total_link_count++ >= MAXSYMLINKS) {
		dput(target);
		return -ELOOP;
	}
	err = d_getattr(target, &stat, STATX_BASIC_STATS);
	if (err) {
		dput(target);
		return err;
	}
	nd_set_path(nd, target, &stat);
	return 0;
}

/* Enter the child found, or follow it if it is a symlink and the walk
 * must (step_into): a link inside a path is always followed; the last
 * component's only with LOOKUP_FOLLOW. Takes child. */
static int
step_into(struct nameidata *nd, bool trailing, struct dentry *child,
	  const char *name, int len, const struct kstat *stat, const char **rest)
{
	int err;

	if (S_ISLNK(stat->mode) && (!trailing || (nd->flags & LOOKUP_FOLLOW))) {
		err = jump_link(nd, child);
		if (err != 1)
			return err;
		return pick_link(nd, child, rest);
	}
	if (trailing && nd->want_parent) {
		err = remember_parent(nd, name, len);
		if (err) {
			dput(child);
			return err;
		}
	}
	nd_set_path(nd, child, stat);
	return 0;
}

static int
walk_component(struct nameidata *nd, bool trailing, const char *name, int len,
	       int type, const char **rest)
{
	struct dentry *child;
	struct kstat stat;

	if (type != LAST_NORM)
		return handle_dots(nd, type);
	child = lookup_component(nd, name, len, &stat);
	if (IS_ERR(child))
		return (int)PTR_ERR(child);
	return step_into(nd, trailing, child, name, len, &stat, rest);
}

/* Walk every component of s but the last (link_path_walk). On return
 * nd->path is the last component's directory and nd->last/last_type name
 * it; "/" and "" leave LAST_ROOT. */
static int
link_path_walk(struct nameidata *nd, const char *s)
{
	for (;;) {
		const char *name;
		int len, type, err;

		while (*s == '/')
			s++;
		if (!*s) {
			nd->last_type = LAST_ROOT;
			return 0;
		}
		err = may_lookup(nd);
		if (err)
			return err;
		name = s;
		len = strcspn(s, "/");
		type = component_type(name, len);
		for (s += len; *s == '/'; s++)
			;
		if (!*s) {
			nd->last = name;
			nd->last_len = len;
			nd->last_type = type;
			return 0;
		}
		err = walk_component(nd, false, name, len, type, &s);
		if (err < 0)
			return err;
		if (!d_can_lookup(nd))
			return -ENOTDIR;
	}
}

/* The last step of a plain lookup (lookup_last): a trailing slash means the
 * name must be a directory, and a symlink there is followed. */
static int
lookup_last(struct nameidata *nd, const char **s)
{
	*s = "";
	if (nd->last_type == LAST_NORM && nd->last[nd->last_len])
		nd->flags |= LOOKUP_FOLLOW | LOOKUP_DIRECTORY;
	return walk_component(nd, true, nd->last, nd->last_len,
			      nd->last_type, s);
}

static int
path_lookupat(struct nameidata *nd, const char *s)
{
	int err;

	while (!(err = link_path_walk(nd, s)) &&
	       (err = lookup_last(nd, &s)) == WALK_LINK)
		;
	if (!err && (nd->flags & LOOKUP_DIRECTORY) && !d_can_lookup(nd))
		err = -ENOTDIR;
	return err;
}

/* Start at a directory fd (path_init's dfd case). */
static int
path_init_dirfd(struct nameidata *nd, int dfd, bool empty)
{
	struct file *f = fget_raw(nd->task, dfd);
	struct inode *inode;
	int err = -EBADF;
	int fd;

	if (!f)
		return err;
	inode = f->f_inode;
	err = -ENOTDIR;
	/* Only files of a mounted filesystem name a place in the tree;
	 * anything else (the host's stdio, pipes) is not a directory here. */
	if (!sb_in_memory(inode->i_sb) &&
	    (inode->i_sb != &nd->task->kernel->mounts->hostfs_sb || inode->i_hostfd < 0))
		goto out_fput;
	if (!empty && !S_ISDIR(inode->i_mode))
		goto out_fput;
	if (sb_in_memory(inode->i_sb)) {
		nd->path = d_alloc_inode(igrab(inode), strdup(f->f_path));
	} else {
		err = fd = hostfs_dup(inode->i_hostfd);
		if (fd < 0)
			goto out_fput;
		nd->path = d_alloc(fd, strdup(f->f_path));
	}
	err = nd->path ? 0 : -ENOMEM;
out_fput:
	fput(f);
	return err;
}

/* The binding a name resolves to by spelling alone, or NULL. Trailing
 * slashes are not part of the match (the walk then finds "prog/" is no
 * directory); a name ending in "." or ".." never names a bound file. */
static struct host_binding *
find_binding(struct vfsmount_table *mnt, const char *dir, const char *name,
	     bool *trailing)
{
	size_t len = strlen(name);
	struct host_binding *b = NULL;
	char *copy, *base, *full;
	int i;

	while (len > 1 && name[len - 1] == '/')
		len--;
	*trailing = name[len] == '/';
	copy = strndup(name, len);
	if (!copy)
		return NULL;
	base = strrchr(copy, '/');
	base = base ? base + 1 : copy;
	full = NULL;
	if (*base && component_type(base, strlen(base)) == LAST_NORM)
		full = path_normalize(dir, copy);
	for (i = 0; full && i < mnt->nr_bindings && !b; i++)
		if (strcmp(full, mnt->bindings[i].path) == 0)
			b = &mnt->bindings[i];
	free(full);
	free(copy);
	return b;
}

/* A path that names a bound host file (vfs_bind_host_file) starts in that
 * file's host directory with just its name left to walk: the binding needs
 * no directories in the root. */
static int
walk_binding(struct nameidata *nd, const char **s)
{
	struct vfsmount_table *mnt = nd->task->kernel->mounts;
	struct host_binding *b;
	bool trailing;
	char *dir;
	int fd;

	if (!mnt->nr_bindings)
		return 0;
	b = find_binding(mnt, nd->path->d_path, *s, &trailing);
	if (!b)
		return 0;
	nd->link_buf = malloc(strlen(b->name) + 2);
	dir = strdup(b->path);
	if (!nd->link_buf || !dir) {
		free(dir);
		return -ENOMEM;
	}
	strcpy(nd->link_buf, b->name);
	if (trailing)
		strcat(nd->link_buf, "/");
	path_parent(dir);
	fd = hostfs_dup(b->dir_fd);
	if (fd < 0) {
		free(dir);
		return fd;
	}
	nd_set_path(nd, d_alloc(fd, dir), NULL);
	if (!nd->path)
		return -ENOMEM;
	nd->in_binding = true;
	*s = nd->link_buf;
	return 0;
}

/* Pick the starting point (path_init): the root for an absolute name, the
 * cwd for AT_FDCWD, else the directory open at dfd. An absolute name never
 * looks at dfd. */
static int
path_init(struct nameidata *nd, struct task_struct *t, int dfd,
	  const char **s, unsigned int flags)
{
	int err = 0;

	memset(nd, 0, sizeof(*nd));
	if (strnlen(*s, FS_PATH_MAX) == FS_PATH_MAX)
		return -ENAMETOOLONG;	/* a kernel name, as getname_kernel */
	nd->task = t;
	nd->flags = flags;
	nd->last_type = LAST_ROOT;
	nd->root = dget(t->fs->root);
	if (**s == '/')
		nd->path = dget(nd->root);
	else if (dfd == AT_FDCWD)
		nd->path = dget(t->fs->pwd);
	else
		err = path_init_dirfd(nd, dfd, !**s);
	if (!err && **s != '/')
		d_refresh_path(t->kernel, nd->path);
	if (!err && **s)
		err = walk_binding(nd, s);
	return err;
}

static void
terminate_walk(struct nameidata *nd)
{
	dput(nd->path);
	dput(nd->root);
	dput(nd->parent);
	free(nd->parent_last);
	free(nd->link_buf);
}

/* Resolve a kernel-space name (filename_lookup). On success *result holds a
 * reference to the object and, if stat is not NULL, its attributes. */
int
filename_lookup(struct task_struct *t, int dfd, const char *name,
		unsigned int flags, struct dentry **result, struct kstat *stat)
{
	struct nameidata nd;
	const char *s = name;
	int err;

	if (!*name && !(flags & LOOKUP_EMPTY))
		return -ENOENT;
	err = path_init(&nd, t, dfd, &s, flags);
	if (!err)
		err = path_lookupat(&nd, s);
	if (!err && stat)
		err = nd_stat(&nd);
	if (!err) {
		*result = dget(nd.path);
		if (stat)
			*stat = nd.stat;
	}
	terminate_walk(&nd);
	return err;
}

/* Walk to the directory of the last component (filename_parentat). */
static int
path_parentat(struct nameidata *nd, struct task_struct *t, int dfd,
	      const char *name)
{
	const char *s = name;
	int err = path_init(nd, t, dfd, &s, 0);

	if (!err)
		err = link_path_walk(nd, s);
	return err;
}


static struct qstr
nd_last(const struct nameidata *nd)
{
	return (struct qstr){ nd->last, (unsigned int)nd->last_len };
}

static umode_t
current_umask(struct task_struct *t)
{
	return t->fs ? t->fs->umask : 0022;
}

/* ------------------------------------------------------------------------
 * Creating, removing and renaming on an in-memory filesystem: the checks
 * of Linux's vfs_* functions, then the directory's inode operation.
 * ---------------------------------------------------------------------- */

/* may_create: the directory still exists (a removed one keeps no names),
 * and the caller may write and search it. */
static int
may_create(struct task_struct *t, struct inode *dir)
{
	if (!dir->i_nlink)
		return -ENOENT;
	return inode_permission_inode(t, dir, MAY_WRITE | MAY_EXEC);
}

/* In a sticky directory (/tmp) only the owner of a name's inode or of the
 * directory, or the superuser, may remove or rename it (check_sticky). */
static bool
check_sticky(struct task_struct *t, struct inode *dir, struct inode *inode)
{
	uid_t fsuid = t && t->cred ? t->cred->fsuid : 0;

	if (!(dir->i_mode & S_ISVTX))
		return false;
	return fsuid != inode->i_uid && fsuid != dir->i_uid && !capable_fsuid(t);
}

/* may_delete: may victim's name in dir go, for a removal of a directory
 * (isdir) or of anything else? */
static int
may_delete(struct task_struct *t, struct inode *dir, struct inode *victim,
	   bool isdir)
{
	int err = inode_permission_inode(t, dir, MAY_WRITE | MAY_EXEC);

	if (err)
		return err;
	if (check_sticky(t, dir, victim))
		return -EPERM;
	if (isdir && !S_ISDIR(victim->i_mode))
		return -ENOTDIR;
	if (!isdir && S_ISDIR(victim->i_mode))
		return -EISDIR;
	if (!dir->i_nlink)
		return -ENOENT;
	return 0;
}

/* vfs_create and vfs_mknod (with vfs_prepare_mode: the umask goes, the
 * type stays; no type means a regular file). */
static int
vfs_mknod(struct task_struct *t, struct inode *dir, const struct qstr *name,
	  umode_t mode, uint32_t dev)
{
	int err = may_create(t, dir);

	if (err)
		return err;
	if ((S_ISCHR(mode) || S_ISBLK(mode)) && !capable_fsuid(t))
		return -EPERM;		/* CAP_MKNOD */
	if (!(mode & S_IFMT))
		mode |= S_IFREG;
	mode = (mode & S_IFMT) | (mode & S_IALLUGO & ~current_umask(t));
	if (S_ISREG(mode))
		return dir->i_op->create ? dir->i_op->create(dir, name, mode, task_cred(t))
					 : -EACCES;
	return dir->i_op->mknod ? dir->i_op->mknod(dir, name, mode, dev, task_cred(t))
				: -EPERM;
}

static int
vfs_mkdir(struct task_struct *t, struct inode *dir, const struct qstr *name,
	  umode_t mode)
{
	int err = may_create(t, dir);

	if (err)
		return err;
	if (!dir->i_op->mkdir)
		return -EPERM;
	mode &= (S_IRWXUGO | S_ISVTX) & ~current_umask(t);
	return dir->i_op->mkdir(dir, name, mode, task_cred(t));
}

static int
vfs_symlink(struct task_struct *t, struct inode *dir, const struct qstr *name,
	    const char *target)
{
	int err = may_create(t, dir);

	if (err)
		return err;
	if (!dir->i_op->symlink)
		return -EPERM;
	return dir->i_op->symlink(dir, name, target, task_cred(t));
}

/* fs.protected_hardlinks (may_linkat): someone else's file may be linked
 * only if it is a plain regular file the caller can read and write. */
static int
may_linkat(struct task_struct *t, struct inode *inode)
{
	if (inode_owner_or_capable(t, inode))
		return 0;
	if (!S_ISREG(inode->i_mode) || (inode->i_mode & S_ISUID) ||
	    (inode->i_mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP) ||
	    inode_permission_inode(t, inode, MAY_READ | MAY_WRITE))
		return -EPERM;
	return 0;
}

static int
vfs_link(struct task_struct *t, struct inode *inode, struct inode *dir,
	 const struct qstr *name)
{
	int err = may_create(t, dir);

	if (err)
		return err;
	if (dir->i_sb != inode->i_sb)
		return -EXDEV;
	if (!dir->i_op->link || S_ISDIR(inode->i_mode))
		return -EPERM;
	err = may_linkat(t, inode);
	if (err)
		return err;
	/* An O_TMPFILE file may get its first name unless opened O_EXCL. */
	if (inode->i_nlink == 0 && !(inode->i_state & I_LINKABLE))
		return -ENOENT;
	err = dir->i_op->link(inode, dir, name);
	if (!err)
		inode->i_state &= ~I_LINKABLE;
	return err;
}

/* Remove the last component of nd, a name in an in-memory directory
 * (the second half of do_rmdir / do_unlinkat, and vfs_rmdir/vfs_unlink).
 * A mount point cannot go (EBUSY). */
static int
do_remove_inode(struct nameidata *nd, bool rmdir)
{
	struct inode *dir = nd->path->d_inode;
	struct qstr name = nd_last(nd);
	struct dentry *victim;
	struct kstat stat;
	int err;

	victim = lookup_one(nd, nd->last, nd->last_len, &stat);
	if (IS_ERR(victim))
		return (int)PTR_ERR(victim);
	if (!rmdir && nd->last[nd->last_len])
		err = S_ISDIR(stat.mode) ? -EISDIR : -ENOTDIR;
	else
		err = may_delete(nd->task, dir, victim->d_inode, rmdir);
	if (!err && d_mountpoint(nd, victim, &stat))
		err = -EBUSY;
	if (!err && !(rmdir ? dir->i_op->rmdir : dir->i_op->unlink))
		err = -EPERM;
	if (!err)
		err = rmdir ? dir->i_op->rmdir(dir, &name) : dir->i_op->unlink(dir, &name);
	dput(victim);
	return err;
}

/* Are a and b one object? tmpfs keeps one inode per object, but procfs
 * and sysfs make a new one at each lookup, with a number that names the
 * entry (Linux compares dentries, which procfs caches). */
static bool
same_inode(const struct inode *a, const struct inode *b)
{
	return a == b || (a->i_sb == b->i_sb && a->i_ino && a->i_ino == b->i_ino);
}

/* Is dir the directory a, or below it? Walks up the parents to the root
 * of the filesystem, whose ".." is itself (is_subdir, for rename's loop
 * checks). */
static bool
is_subdir(struct inode *dir, struct inode *a)
{
	static const struct qstr dotdot = { "..", 2 };
	struct inode *p = igrab(dir), *up;
	bool found = false;

	while (!found) {
		found = same_inode(p, a);
		up = p->i_op->lookup(p, &dotdot);
		if (IS_ERR(up) || same_inode(up, p)) {
			if (!IS_ERR(up))
				iput(up);
			break;
		}
		iput(p);
		p = up;
	}
	iput(p);
	return found;
}

/* The checks of vfs_rename on the two inodes (target may be NULL). */
static int
may_rename(struct task_struct *t, struct inode *old_dir, struct inode *source,
	   struct inode *new_dir, struct inode *target, unsigned int flags)
{
	bool is_dir = S_ISDIR(source->i_mode);
	bool new_is_dir = target && S_ISDIR(target->i_mode);
	int err = may_delete(t, old_dir, source, is_dir);

	if (err)
		return err;
	if (!target)
		err = may_create(t, new_dir);
	else
		err = may_delete(t, new_dir, target,
				 (flags & RENAME_EXCHANGE) ? new_is_dir : is_dir);
	if (err)
		return err;
	if (!old_dir->i_op->rename)
		return -EPERM;
	/* A directory moving to a new parent rewrites its "..". */
	if (new_dir != old_dir && is_dir)
		err = inode_permission_inode(t, source, MAY_WRITE);
	if (!err && new_dir != old_dir && (flags & RENAME_EXCHANGE) && new_is_dir)
		err = inode_permission_inode(t, target, MAY_WRITE);
	return err;
}

/* The type and loop checks of do_renameat2 that need both names found. */
static int
rename_checks(struct nameidata *old, struct inode *source,
	      const struct kstat *sstat, struct nameidata *new,
	      struct inode *target, const struct kstat *tstat, unsigned int flags)
{
	bool old_slash = old->last[old->last_len], new_slash = new->last[new->last_len];

	if ((flags & RENAME_NOREPLACE) && target)
		return -EEXIST;
	if (flags & RENAME_EXCHANGE) {
		if (!target)
			return -ENOENT;
		if (!S_ISDIR(tstat->mode) && new_slash)
			return -ENOTDIR;
	}
	if (!S_ISDIR(sstat->mode) &&
	    (old_slash || (!(flags & RENAME_EXCHANGE) && new_slash)))
		return -ENOTDIR;
	/* The source may not become its own descendant... */
	if (S_ISDIR(sstat->mode) && is_subdir(new->path->d_inode, source))
		return -EINVAL;
	/* ...nor may the target be an ancestor of the source. */
	if (target && S_ISDIR(tstat->mode) && is_subdir(old->path->d_inode, target))
		return (flags & RENAME_EXCHANGE) ? -EINVAL : -ENOTEMPTY;
	return 0;
}

/* The second half of do_renameat2 on an in-memory filesystem, and
 * vfs_rename: both parents are on it. */
static int
do_rename_inode(struct nameidata *old, struct nameidata *new, unsigned int flags)
{
	struct inode *old_dir = old->path->d_inode, *new_dir = new->path->d_inode;
	struct qstr old_name = nd_last(old), new_name = nd_last(new);
	struct dentry *source, *target;
	struct kstat sstat, tstat;
	int err;

	source = lookup_one(old, old->last, old->last_len, &sstat);
	if (IS_ERR(source))
		return (int)PTR_ERR(source);
	target = lookup_one(new, new->last, new->last_len, &tstat);
	err = IS_ERR(target) && PTR_ERR(target) != -ENOENT ? (int)PTR_ERR(target) : 0;
	if (IS_ERR(target))
		target = NULL;
	if (!err)
		err = rename_checks(old, source->d_inode, &sstat, new,
				    target ? target->d_inode : NULL, &tstat, flags);
	if (err || (target && same_inode(target->d_inode, source->d_inode)))
		goto out;
	err = may_rename(old->task, old_dir, source->d_inode, new_dir,
			 target ? target->d_inode : NULL, flags);
	if (!err && (d_mountpoint(old, source, &sstat) ||
		     (target && d_mountpoint(new, target, &tstat))))
		err = -EBUSY;
	if (!err)
		err = old_dir->i_op->rename(old_dir, &old_name, new_dir, &new_name, flags);
out:
	dput(target);
	dput(source);
	return err;
}

/* ------------------------------------------------------------------------
 * open(2)'s walk
 * ---------------------------------------------------------------------- */

/* Create the missing last component of an open (lookup_open with O_CREAT,
 * may_o_create): the read-only root refuses with EROFS; elsewhere the file
 * is made, then walked into. */
static int
lookup_open(struct nameidata *nd, const struct open_flags *op, const char **s)
{
	struct qstr name = nd_last(nd);
	struct dentry *child;
	struct kstat stat;
	int err;

	if (!nd->path->d_inode)
		return -EROFS;
	err = vfs_mknod(nd->task, nd->path->d_inode, &name, op->mode, 0);
	if (err)
		return err;
	nd->created = true;
	child = lookup_component(nd, nd->last, nd->last_len, &stat);
	if (IS_ERR(child))
		return (int)PTR_ERR(child);
	*s = "";
	return step_into(nd, true, child, nd->last, nd->last_len, &stat, s);
}

/* The last component of an open (open_last_lookups). */
static int
open_last_lookups(struct nameidata *nd, const struct open_flags *op,
		  const char **s)
{
	struct dentry *child;
	struct kstat stat;

	if (nd->last_type != LAST_NORM)
		return handle_dots(nd, nd->last_type);
	if (!(op->open_flag & O_CREAT)) {
		if (nd->last[nd->last_len])
			nd->flags |= LOOKUP_FOLLOW | LOOKUP_DIRECTORY;
	} else if (nd->last[nd->last_len]) {
		return -EISDIR;
	}
	child = lookup_component(nd, nd->last, nd->last_len, &stat);
	if (PTR_ERR(child) == -ENOENT && (op->open_flag & O_CREAT))
		return lookup_open(nd, op, s);
	if (IS_ERR(child))
		return (int)PTR_ERR(child);
	*s = "";
	return step_into(nd, true, child, nd->last, nd->last_len, &stat, s);
}

/* Device nodes open only where the mount allows (may_open_dev): the root
 * is mounted as if with nodev, so a host device node in it opens nothing.
 * The terminal on the host's stdio, reopened through /proc/PID/fd or
 * /dev/stdout, is the console's own device and opens. */
static bool
may_open_dev(struct nameidata *nd)
{
	struct vfsmount_table *mounts = nd->task->kernel->mounts;
	struct vfsmount *mnt;

	if (!nd->path->d_inode)
		return false;
	if (nd->path->d_inode->i_sb == &mounts->stdio_sb)
		return true;
	mnt = sb_mount(mounts, nd->path->d_inode->i_sb);
	return mnt && !(mnt->mnt_flags & MNT_NODEV);
}

/* may_open: what the type of the object allows before permission bits. */
static int
may_open(struct nameidata *nd, int acc_mode, int flag)
{
	const struct cred *cred = nd->task->cred;
	umode_t mode = nd->stat.mode;
	int err;

	switch (mode & S_IFMT) {
	case S_IFLNK:
		return -ELOOP;
	case S_IFDIR:
		if (acc_mode & MAY_WRITE)
			return -EISDIR;
		if (acc_mode & MAY_EXEC)
			return -EACCES;
		break;
	case S_IFBLK:
	case S_IFCHR:
		if (!may_open_dev(nd))
			return -EACCES;
		/* fallthrough */
	case S_IFIFO:
	case S_IFSOCK:
		if (acc_mode & MAY_EXEC)
			return -EACCES;
		break;
	}
	err = inode_permission(nd->task, &nd->stat, nd_sb(nd), MAY_OPEN | acc_mode);
	if (err)
		return err;
	/* O_NOATIME only for the owner or the superuser. */
	if ((flag & O_NOATIME) && cred && cred->fsuid != 0 &&
	    cred->fsuid != nd->stat.uid)
		return -EPERM;
	return 0;
}

/* O_TRUNC of an existing regular file, once open (handle_truncate). */
static struct file *
handle_truncate(struct task_struct *t, struct file *file)
{
	int err = do_truncate(t, file->f_inode, 0,
			      ATTR_MTIME | ATTR_CTIME | ATTR_OPEN);

	if (err) {
		fput(file);
		return ERR_PTR(err);
	}
	return file;
}

/* The checks of Linux's do_open() in its order, then the open itself. A
 * file the open created opens whatever its mode, and is not truncated. */
static struct file *
do_open(struct nameidata *nd, const struct open_flags *op)
{
	int open_flag = op->open_flag, acc_mode = op->acc_mode;
	int err = nd_stat(nd);
	struct file *file;
	bool do_trunc;

	if (err)
		return ERR_PTR(err);
	if (open_flag & O_CREAT) {
		if ((open_flag & O_EXCL) && !nd->created)
			return ERR_PTR(-EEXIST);
		if (S_ISDIR(nd->stat.mode))
			return ERR_PTR(-EISDIR);
	}
	if ((nd->flags & LOOKUP_DIRECTORY) && !S_ISDIR(nd->stat.mode))
		return ERR_PTR(-ENOTDIR);
	if (nd->created) {
		open_flag &= ~O_TRUNC;
		acc_mode = 0;
	}
	do_trunc = S_ISREG(nd->stat.mode) && (open_flag & O_TRUNC);
	if (do_trunc && is_root_readonly(nd_sb(nd)))
		return ERR_PTR(-EROFS);		/* mnt_want_write */
	err = may_open(nd, acc_mode, open_flag);
	if (err)
		return ERR_PTR(err);
	file = vfs_open(nd->task, nd->parent, nd->parent_last, nd->path,
			&nd->stat, open_flag);
	/* A file of the host's stdio was truncated by its reopening on the
	 * host (hostfs_stdio_reopen). */
	if (!IS_ERR(file) && do_trunc &&
	    file->f_inode->i_sb != &nd->task->kernel->mounts->stdio_sb)
		file = handle_truncate(nd->task, file);
	return file;
}

/* O_TMPFILE: an unnamed regular file in the directory named (do_tmpfile,
 * vfs_tmpfile); the read-only root refuses. Its name, for /proc and
 * traces, is Linux's "/dir/#ino (deleted)". */
static struct file *
do_tmpfile(struct nameidata *nd, const char *s, const struct open_flags *op)
{
	struct inode *dir, *inode;
	struct dentry *dentry;
	struct kstat stat;
	struct file *file;
	char name[48];
	int err = path_lookupat(nd, s);

	if (err)
		return ERR_PTR(err);
	dir = nd->path->d_inode;
	if (!dir)
		return ERR_PTR(-EROFS);
	if (!dir->i_op->tmpfile)
		return ERR_PTR(-EOPNOTSUPP);
	err = inode_permission_inode(nd->task, dir, MAY_WRITE | MAY_EXEC);
	if (err)
		return ERR_PTR(err);
	inode = dir->i_op->tmpfile(dir, op->mode & ~current_umask(nd->task),
				   task_cred(nd->task));
	if (IS_ERR(inode))
		return (struct file *)inode;
	if (!(op->open_flag & O_EXCL))
		inode->i_state |= I_LINKABLE;
	snprintf(name, sizeof(name), "#%llu (deleted)", (unsigned long long)inode->i_ino);
	dentry = d_alloc_inode(inode, path_join(nd->path->d_path, name, strlen(name)));
	if (!dentry)
		return ERR_PTR(-ENOMEM);
	generic_fillattr(inode, &stat);
	file = vfs_open(nd->task, NULL, NULL, dentry, &stat, op->open_flag);
	dput(dentry);
	return file;
}

static struct file *
do_o_path(struct nameidata *nd, const char *s, const struct open_flags *op)
{
	int err = path_lookupat(nd, s);

	if (!err)
		err = nd_stat(nd);
	if (err)
		return ERR_PTR(err);
	return vfs_open(nd->task, nd->parent, nd->parent_last, nd->path,
			&nd->stat, op->open_flag);
}

/* Open a kernel-space name (path_openat + do_filp_open). */
struct file *
path_openat(struct task_struct *t, int dfd, const char *name,
	    const struct open_flags *op)
{
	struct nameidata nd;
	const char *s = name;
	struct file *file;
	int err;

	err = path_init(&nd, t, dfd, &s, op->lookup_flags);
	nd.want_parent = true;
	if (err) {
		file = ERR_PTR(err);
	} else if (op->open_flag & __O_TMPFILE) {
		file = do_tmpfile(&nd, s, op);
	} else if (op->open_flag & O_PATH) {
		file = do_o_path(&nd, s, op);
	} else {
		while (!(err = link_path_walk(&nd, s)) &&
		       (err = open_last_lookups(&nd, op, &s)) == WALK_LINK)
			;
		file = err ? ERR_PTR(err) : do_open(&nd, op);
	}
	terminate_walk(&nd);
	return file;
}

/* ------------------------------------------------------------------------
 * Calls that make, remove and rename names. Each makes the checks Linux
 * makes before mnt_want_write(), in Linux's order, so the guest sees
 * ENOENT, ENOTDIR, EEXIST... where Linux reports them; then the read-only
 * root says EROFS, and an in-memory filesystem does the work.
 * ---------------------------------------------------------------------- */

/* filename_create: the parent must exist; "." and ".." and "/" exist; an
 * existing name is EEXIST; "name/" for a non-directory is ENOENT. On
 * success nd stands in a writable directory with nd->last to create. The
 * caller calls terminate_walk in any case. */
static int
filename_create(struct nameidata *nd, struct task_struct *t, int dfd,
		const char *name, bool want_dir)
{
	struct dentry *child;
	struct kstat stat;
	int err;

	err = path_parentat(nd, t, dfd, name);
	if (err)
		return err;
	if (nd->last_type != LAST_NORM)
		return -EEXIST;
	child = lookup_component(nd, nd->last, nd->last_len, &stat);
	if (!IS_ERR(child)) {
		dput(child);
		return -EEXIST;
	}
	if (PTR_ERR(child) != -ENOENT)
		return (int)PTR_ERR(child);
	if (nd->last[nd->last_len] && !want_dir)
		return -ENOENT;
	if (is_root_readonly(nd_sb(nd)))
		return -EROFS;
	return 0;
}

/* do_rmdir / do_unlinkat: the parent must exist; then the type of the last
 * component; then the read-only root refuses before the name is looked
 * up, while an in-memory filesystem looks it up and removes it. */
static int
do_remove(struct task_struct *t, int dfd, const char *name, bool rmdir)
{
	struct nameidata nd;
	int err = path_parentat(&nd, t, dfd, name);

	if (err)
		goto out;
	if (rmdir && nd.last_type == LAST_DOTDOT)
		err = -ENOTEMPTY;
	else if (rmdir && nd.last_type == LAST_DOT)
		err = -EINVAL;
	else if (rmdir && nd.last_type == LAST_ROOT)
		err = -EBUSY;
	else if (!rmdir && nd.last_type != LAST_NORM)
		err = -EISDIR;
	else if (is_root_readonly(nd_sb(&nd)))
		err = -EROFS;
	else
		err = do_remove_inode(&nd, rmdir);
out:
	terminate_walk(&nd);
	return err;
}

static long
do_mkdirat(struct task_struct *t, int dfd, const char *name, umode_t mode)
{
	struct nameidata nd;
	struct qstr last;
	long err = filename_create(&nd, t, dfd, name, true);

	if (!err) {
		last = nd_last(&nd);
		err = vfs_mkdir(t, nd.path->d_inode, &last, mode);
	}
	terminate_walk(&nd);
	return err;
}

SYSCALL_DEFINE3(mkdirat, int, dfd, uaddr_t, pathname, umode_t, mode)
{
	char *name = getname_flags(current, pathname, 0);
	long err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = do_mkdirat(current, dfd, name, mode);
	putname(name);
	return err;
}

/* The device number as mknod(2) passes it (new_decode_dev). */
static uint32_t
new_decode_dev(uint32_t dev)
{
	unsigned int major = (dev & 0xfff00) >> 8;
	unsigned int minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);

	return MKDEV(major, minor);
}

static long
do_mknodat(struct task_struct *t, int dfd, const char *name, umode_t mode,
	   unsigned int dev)
{
	struct nameidata nd;
	struct qstr last;
	long err = filename_create(&nd, t, dfd, name, false);

	if (!err) {
		last = nd_last(&nd);
		err = vfs_mknod(t, nd.path->d_inode, &last, mode, new_decode_dev(dev));
	}
	terminate_walk(&nd);
	return err;
}

SYSCALL_DEFINE4(mknodat, int, dfd, uaddr_t, filename, umode_t, mode,
		unsigned int, dev)
{
	char *name;
	long err;

	/* may_mknod: directories are EPERM, unknown types EINVAL. */
	switch (mode & S_IFMT) {
	case 0: case S_IFREG: case S_IFCHR: case S_IFBLK: case S_IFIFO: case S_IFSOCK:
		break;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
	name = getname_flags(current, filename, 0);
	if (IS_ERR(name))
		return PTR_ERR(name);
	err = do_mknodat(current, dfd, name, mode, dev);
	putname(name);
	return err;
}

static long
do_symlinkat(struct task_struct *t, const char *target, int newdfd,
	     const char *newname)
{
	struct nameidata nd;
	struct qstr last;
	long err = filename_create(&nd, t, newdfd, newname, false);

	if (!err) {
		last = nd_last(&nd);
		err = vfs_symlink(t, nd.path->d_inode, &last, target);
	}
	terminate_walk(&nd);
	return err;
}

SYSCALL_DEFINE3(symlinkat, uaddr_t, oldname, int, newdfd, uaddr_t, newname)
{
	char *target = getname_flags(current, oldname, 0);
	char *name;
	long err;

	if (IS_ERR(target))
		return PTR_ERR(target);
	name = getname_flags(current, newname, 0);
	err = IS_ERR(name) ? PTR_ERR(name)
			   : do_symlinkat(current, target, newdfd, name);
	putname(name);
	putname(target);
	return err;
}

SYSCALL_DEFINE3(unlinkat, int, dfd, uaddr_t, pathname, int, flag)
{
	char *name;
	long err;

	if (flag & ~AT_REMOVEDIR)
		return -EINVAL;
	name = getname_flags(current, pathname, 0);
	if (IS_ERR(name))
		return PTR_ERR(name);
	err = do_remove(current, dfd, name, flag & AT_REMOVEDIR);
	putname(name);
	return err;
}

/* do_linkat: the old name must resolve, then the new one is created; both
 * must be on one mount (EXDEV). */
static long
do_linkat(struct task_struct *t, int olddfd, const char *oldname, int newdfd,
	  const char *newname, int flags)
{
	unsigned int how = 0;
	struct nameidata nd;
	struct dentry *old;
	struct qstr last;
	long err;

	if (flags & AT_SYMLINK_FOLLOW)
		how |= LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		how |= LOOKUP_EMPTY;
	err = filename_lookup(t, olddfd, oldname, how, &old, NULL);
	if (err)
		return err;
	err = filename_create(&nd, t, newdfd, newname, false);
	if (!err && d_sb(t->kernel, old) != nd_sb(&nd))
		err = -EXDEV;
	if (!err) {
		last = nd_last(&nd);
		err = vfs_link(t, old->d_inode, nd.path->d_inode, &last);
	}
	terminate_walk(&nd);
	dput(old);
	return err;
}

SYSCALL_DEFINE5(linkat, int, olddfd, uaddr_t, oldname, int, newdfd,
		uaddr_t, newname, int, flags)
{
	char *from, *to;
	long err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	from = getname_flags(current, oldname,
			     (flags & AT_EMPTY_PATH) ? LOOKUP_EMPTY : 0);
	if (IS_ERR(from))
		return PTR_ERR(from);
	to = getname_flags(current, newname, 0);
	err = IS_ERR(to) ? PTR_ERR(to)
			 : do_linkat(current, olddfd, from, newdfd, to, flags);
	putname(to);
	putname(from);
	return err;
}

/* do_renameat2: both parents must exist, on one mount (EXDEV); "." and
 * ".." cannot move (EBUSY), and RENAME_NOREPLACE onto one is EEXIST; then
 * the read-only root refuses, or an in-memory filesystem renames. */
static long
do_renameat2(struct task_struct *t, int olddfd, const char *from, int newdfd,
	     const char *to, unsigned int flags)
{
	struct nameidata old, new;
	long err = path_parentat(&old, t, olddfd, from);

	if (err)
		goto out_old;
	err = path_parentat(&new, t, newdfd, to);
	if (err)
		goto out_new;
	err = -EXDEV;
	if (nd_sb(&old) != nd_sb(&new))
		goto out_new;
	err = -EBUSY;
	if (old.last_type != LAST_NORM)
		goto out_new;
	if (flags & RENAME_NOREPLACE)
		err = -EEXIST;
	if (new.last_type != LAST_NORM)
		goto out_new;
	err = is_root_readonly(nd_sb(&old)) ? -EROFS
					     : do_rename_inode(&old, &new, flags);
out_new:
	terminate_walk(&new);
out_old:
	terminate_walk(&old);
	return err;
}

SYSCALL_DEFINE5(renameat2, int, olddfd, uaddr_t, oldname, int, newdfd,
		uaddr_t, newname, unsigned int, flags)
{
	char *from, *to;
	long err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & (RENAME_NOREPLACE | RENAME_WHITEOUT)) &&
	    (flags & RENAME_EXCHANGE))
		return -EINVAL;
	if ((flags & RENAME_WHITEOUT) && !capable_fsuid(current))
		return -EPERM;		/* CAP_MKNOD */
	from = getname_flags(current, oldname, 0);
	if (IS_ERR(from))
		return PTR_ERR(from);
	to = getname_flags(current, newname, 0);
	err = IS_ERR(to) ? PTR_ERR(to)
			 : do_renameat2(current, olddfd, from, newdfd, to, flags);
	putname(to);
	putname(from);
	return err;
}
