/* The path walk (Linux: fs/namei.c): guest names to host objects.
 *
 * The walk never hands a guest path to the host. It opens one component at
 * a time with O_PATH|O_NOFOLLOW relative to the host fd of the directory it
 * stands in, reads symlinks itself and re-walks their bodies, and handles
 * "." and ".." itself, so a name can never leave the guest root: ".." at the
 * root stays there, and an absolute symlink restarts at the guest root.
 *
 * The shape follows Linux: path_init() picks the starting point,
 * link_path_walk() walks every component but the last, and the caller's
 * last step (lookup_last, open_last_lookups, or a create/remove check)
 * decides what the last one means. A symlink met on the way replaces the
 * rest of the string with its body (Linux keeps a stack of them instead; the
 * names resolved are the same). */
#include <errno.h>
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
	struct super_block *sb;		/* the root's filesystem */
	struct dentry *path;		/* where the walk stands (a reference) */
	struct dentry *root;		/* the guest root (a reference) */
	struct kstat stat;		/* of path, once stat_valid */
	bool stat_valid;
	bool in_binding;		/* walking a bound host file's directory */
	bool want_parent;		/* an open: keep parent and parent_last */
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

static int
nd_stat(struct nameidata *nd)
{
	int err = 0;

	if (!nd->stat_valid) {
		err = hostfs_stat(nd->path->d_fd, &nd->stat, STATX_BASIC_STATS);
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
	return inode_permission(nd->task, &nd->stat, nd->sb, MAY_EXEC);
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

/* ".." (follow_dotdot): at the guest root it stays at the root, so no name
 * can climb out of it; elsewhere the host's ".." of our directory is the
 * parent, since every directory we stand in was reached by real names. */
static int
follow_dotdot(struct nameidata *nd)
{
	struct kstat stat;
	struct dentry *parent;
	char *path;
	int fd;

	if (strcmp(nd->path->d_path, "/") == 0)
		return 0;
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

/* Look one name up in the directory the walk stands in: a new host O_PATH
 * fd, or -ENOENT and friends from the host. */
static int
lookup_component(struct nameidata *nd, const char *name, int len,
		 struct kstat *stat)
{
	char buf[FS_NAME_MAX + 1];
	int fd;

	if (len > FS_NAME_MAX)
		return -ENAMETOOLONG;
	memcpy(buf, name, len);
	buf[len] = '\0';
	fd = hostfs_lookup(nd->path->d_fd, buf, stat);
	if (fd >= 0 && nd->in_binding && !S_ISREG(stat->mode)) {
		/* A binding names one host regular file: never a directory
		 * or symlink to continue from outside the root. */
		hostfs_close(fd);
		return -ENOENT;
	}
	return fd;
}

/* Replace the rest of the walk with the body of the symlink at fd, followed
 * by *rest (pick_link). Takes fd. Returns WALK_LINK with *rest pointing at
 * the new string, or -ELOOP past MAXSYMLINKS links in one walk. */
static int
pick_link(struct nameidata *nd, int fd, const char **rest)
{
	size_t rest_len = strlen(*rest);
	char *buf;
	int len;

	if (nd->total_link_count++ >= MAXSYMLINKS) {
		hostfs_close(fd);
		return -ELOOP;
	}
	buf = malloc(FS_PATH_MAX + 1 + rest_len + 1);
	if (!buf) {
		hostfs_close(fd);
		return -ENOMEM;
	}
	len = hostfs_readlink(fd, buf, FS_PATH_MAX);
	hostfs_close(fd);
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
	if (buf[0] == '/')
		nd_jump_root(nd);	/* absolute links resolve in the guest root */
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

/* Enter the child found at fd, or follow it if it is a symlink and the walk
 * must (step_into): a link inside a path is always followed; the last
 * component's only with LOOKUP_FOLLOW. Takes fd. */
static int
step_into(struct nameidata *nd, bool trailing, int fd, const char *name,
	  int len, const struct kstat *stat, const char **rest)
{
	struct dentry *child;
	int err;

	if (S_ISLNK(stat->mode) && (!trailing || (nd->flags & LOOKUP_FOLLOW)))
		return pick_link(nd, fd, rest);
	if (trailing && nd->want_parent) {
		err = remember_parent(nd, name, len);
		if (err) {
			hostfs_close(fd);
			return err;
		}
	}
	child = d_alloc(fd, path_join(nd->path->d_path, name, len));
	if (!child)
		return -ENOMEM;
	nd_set_path(nd, child, stat);
	return 0;
}

static int
walk_component(struct nameidata *nd, bool trailing, const char *name, int len,
	       int type, const char **rest)
{
	struct kstat stat;
	int fd;

	if (type != LAST_NORM)
		return handle_dots(nd, type);
	fd = lookup_component(nd, name, len, &stat);
	if (fd < 0)
		return fd;
	return step_into(nd, trailing, fd, name, len, &stat, rest);
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
	int err = -EBADF;
	int fd;

	if (!f)
		return err;
	err = -ENOTDIR;
	/* Only files of the root filesystem name a place in it; anything else
	 * (the host's stdio, later pipes) is not a directory here. */
	if (f->f_inode->i_sb != nd->sb || f->f_inode->i_hostfd < 0)
		goto out_fput;
	if (!empty && !S_ISDIR(f->f_inode->i_mode))
		goto out_fput;
	err = fd = hostfs_dup(f->f_inode->i_hostfd);
	if (fd < 0)
		goto out_fput;
	nd->path = d_alloc(fd, strdup(f->f_path));
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
	nd->sb = &t->kernel->mounts->hostfs_sb;
	nd->flags = flags;
	nd->last_type = LAST_ROOT;
	nd->root = dget(t->fs->root);
	if (**s == '/')
		nd->path = dget(nd->root);
	else if (dfd == AT_FDCWD)
		nd->path = dget(t->fs->pwd);
	else
		err = path_init_dirfd(nd, dfd, !**s);
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

/* ------------------------------------------------------------------------
 * open(2)'s walk
 * ---------------------------------------------------------------------- */

/* The last component of an open (open_last_lookups). The root is read-only,
 * so an O_CREAT of a missing name fails with EROFS where Linux would create
 * it (lookup_open's create_error). */
static int
open_last_lookups(struct nameidata *nd, const struct open_flags *op,
		  const char **s)
{
	struct kstat stat;
	int fd;

	if (nd->last_type != LAST_NORM)
		return handle_dots(nd, nd->last_type);
	if (!(op->open_flag & O_CREAT)) {
		if (nd->last[nd->last_len])
			nd->flags |= LOOKUP_FOLLOW | LOOKUP_DIRECTORY;
	} else if (nd->last[nd->last_len]) {
		return -EISDIR;
	}
	fd = lookup_component(nd, nd->last, nd->last_len, &stat);
	if (fd == -ENOENT && (op->open_flag & O_CREAT))
		return -EROFS;
	if (fd < 0)
		return fd;
	*s = "";
	return step_into(nd, true, fd, nd->last, nd->last_len, &stat, s);
}

/* may_open: what the type of the object allows before permission bits. The
 * root is mounted as if with nodev: a host device node in it opens nothing. */
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
		return -EACCES;
	case S_IFIFO:
	case S_IFSOCK:
		if (acc_mode & MAY_EXEC)
			return -EACCES;
		break;
	}
	err = inode_permission(nd->task, &nd->stat, nd->sb, MAY_OPEN | acc_mode);
	if (err)
		return err;
	/* O_NOATIME only for the owner or the superuser. */
	if ((flag & O_NOATIME) && cred && cred->fsuid != 0 &&
	    cred->fsuid != nd->stat.uid)
		return -EPERM;
	return 0;
}

/* The checks of Linux's do_open() in its order, then the open itself. */
static struct file *
do_open(struct nameidata *nd, const struct open_flags *op)
{
	int open_flag = op->open_flag;
	int err = nd_stat(nd);

	if (err)
		return ERR_PTR(err);
	if (open_flag & O_CREAT) {
		if (open_flag & O_EXCL)
			return ERR_PTR(-EEXIST);
		if (S_ISDIR(nd->stat.mode))
			return ERR_PTR(-EISDIR);
	}
	if ((nd->flags & LOOKUP_DIRECTORY) && !S_ISDIR(nd->stat.mode))
		return ERR_PTR(-ENOTDIR);
	if (S_ISREG(nd->stat.mode) && (open_flag & O_TRUNC))
		return ERR_PTR(-EROFS);		/* mnt_want_write */
	err = may_open(nd, op->acc_mode, open_flag);
	if (err)
		return ERR_PTR(err);
	return vfs_open(nd->task, nd->parent, nd->parent_last, nd->path,
			&nd->stat, open_flag);
}

/* O_TMPFILE names a directory to create an unnamed file in: the checks of
 * the walk, then the read-only root refuses (do_tmpfile). */
static struct file *
do_tmpfile(struct nameidata *nd, const char *s)
{
	int err = path_lookupat(nd, s);

	return ERR_PTR(err ? err : -EROFS);
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
		file = do_tmpfile(&nd, s);
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
 * Calls that would change the read-only root: each makes the checks Linux
 * makes before mnt_want_write() would fail, in Linux's order, so the guest
 * sees ENOENT, ENOTDIR, EEXIST... where Linux reports them, and EROFS last.
 * ---------------------------------------------------------------------- */

/* filename_create: the parent must exist; "." and ".." and "/" exist; an
 * existing name is EEXIST; "name/" for a non-directory is ENOENT. */
static int
filename_create(struct task_struct *t, int dfd, const char *name, bool want_dir)
{
	struct nameidata nd;
	struct kstat stat;
	int err, fd;

	err = path_parentat(&nd, t, dfd, name);
	if (err)
		goto out;
	err = -EEXIST;
	if (nd.last_type != LAST_NORM)
		goto out;
	fd = lookup_component(&nd, nd.last, nd.last_len, &stat);
	if (fd >= 0) {
		hostfs_close(fd);
		err = -EEXIST;
	} else if (fd != -ENOENT) {
		err = fd;
	} else if (nd.last[nd.last_len] && !want_dir) {
		err = -ENOENT;
	} else {
		err = -EROFS;
	}
out:
	terminate_walk(&nd);
	return err;
}

/* do_rmdir / do_unlinkat: the parent must exist; then the type of the last
 * component; then the filesystem refuses before the name is looked up. */
static int
do_remove(struct task_struct *t, int dfd, const char *name, bool rmdir)
{
	struct nameidata nd;
	int err = path_parentat(&nd, t, dfd, name);

	if (err)
		goto out;
	err = -EROFS;
	if (rmdir && nd.last_type == LAST_DOTDOT)
		err = -ENOTEMPTY;
	else if (rmdir && nd.last_type == LAST_DOT)
		err = -EINVAL;
	else if (rmdir && nd.last_type == LAST_ROOT)
		err = -EBUSY;
	else if (!rmdir && nd.last_type != LAST_NORM)
		err = -EISDIR;
out:
	terminate_walk(&nd);
	return err;
}

static long
user_filename_create(struct task_struct *t, int dfd, uaddr_t pathname,
		     bool want_dir)
{
	char *name = getname_flags(t, pathname, 0);
	long err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = filename_create(t, dfd, name, want_dir);
	putname(name);
	return err;
}

SYSCALL_DEFINE3(mkdirat, int, dfd, uaddr_t, pathname, umode_t, mode)
{
	(void)mode;
	return user_filename_create(current, dfd, pathname, true);
}

SYSCALL_DEFINE3(mknodat, int, dfd, uaddr_t, filename, umode_t, mode)
{
	/* may_mknod: directories are EPERM, unknown types EINVAL. */
	switch (mode & S_IFMT) {
	case 0: case S_IFREG: case S_IFCHR: case S_IFBLK: case S_IFIFO: case S_IFSOCK:
		break;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
	return user_filename_create(current, dfd, filename, false);
}

SYSCALL_DEFINE3(symlinkat, uaddr_t, oldname, int, newdfd, uaddr_t, newname)
{
	char *target = getname_flags(current, oldname, 0);

	if (IS_ERR(target))
		return PTR_ERR(target);
	putname(target);
	return user_filename_create(current, newdfd, newname, false);
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

/* do_linkat: the old name must resolve, then the new one is created. */
static long
do_linkat(struct task_struct *t, int olddfd, const char *oldname, int newdfd,
	  const char *newname, int flags)
{
	unsigned int how = 0;
	struct dentry *old;
	long err;

	if (flags & AT_SYMLINK_FOLLOW)
		how |= LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		how |= LOOKUP_EMPTY;
	err = filename_lookup(t, olddfd, oldname, how, &old, NULL);
	if (err)
		return err;
	dput(old);
	return filename_create(t, newdfd, newname, false);
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

/* do_renameat2: both parents must exist; "." and ".." cannot move (EBUSY),
 * and RENAME_NOREPLACE onto one is EEXIST; then the root refuses. */
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
	err = -EBUSY;
	if (old.last_type != LAST_NORM)
		goto out_new;
	if (flags & RENAME_NOREPLACE)
		err = -EEXIST;
	if (new.last_type == LAST_NORM)
		err = -EROFS;
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
