/* Dentries and guest path strings (Linux: fs/dcache.c, fs/d_path.c).
 *
 * Linux keeps a cache of dentries, one per name component, linked to their
 * parents; d_path() rebuilds a full name by walking up. taskbox keeps no
 * cache: a dentry is a host O_PATH fd, or an in-memory inode, plus the
 * canonical guest path that led to it, and lives exactly as long as its
 * holders (a walk, a cwd, a root, a mount). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <uapi/stat.h>

#include <taskbox/err.h>

#include "fs/internal.h"

/* Wrap a host fd and a guest path. Takes both: on ENOMEM they are released
 * and NULL is returned. */
struct dentry *
d_alloc(int fd, char *path)
{
	struct dentry *dentry;

	if (!path)
		goto out_close;
	dentry = malloc(sizeof(*dentry));
	if (!dentry)
		goto out_free_path;
	dentry->d_count = 1;
	dentry->d_fd = fd;
	dentry->d_inode = NULL;
	dentry->d_path = path;
	return dentry;

out_free_path:
	free(path);
out_close:
	hostfs_close(fd);
	return NULL;
}

/* Wrap an inode of an in-memory filesystem and a guest path (d_alloc plus
 * d_instantiate). Takes the inode reference and the path, as d_alloc. */
struct dentry *
d_alloc_inode(struct inode *inode, char *path)
{
	struct dentry *dentry;

	if (!path)
		goto out_iput;
	dentry = malloc(sizeof(*dentry));
	if (!dentry)
		goto out_free_path;
	dentry->d_count = 1;
	dentry->d_fd = -1;
	dentry->d_inode = inode;
	dentry->d_path = path;
	return dentry;

out_free_path:
	free(path);
out_iput:
	iput(inode);
	return NULL;
}

struct dentry *
dget(struct dentry *dentry)
{
	dentry->d_count++;
	return dentry;
}

void
dput(struct dentry *dentry)
{
	if (!dentry || --dentry->d_count > 0)
		return;
	hostfs_close(dentry->d_fd);
	iput(dentry->d_inode);
	free(dentry->d_path);
	free(dentry);
}

/* The attributes of what a dentry names, a symlink's own. */
int
d_getattr(struct dentry *dentry, struct kstat *stat, uint32_t request_mask)
{
	if (dentry->d_inode)
		return vfs_getattr(dentry->d_inode, stat, request_mask);
	return hostfs_stat(dentry->d_fd, stat, request_mask);
}

/* The body of the symlink a dentry names, not NUL-terminated, cut at size
 * bytes (vfs_readlink); -EINVAL if it is no symlink. */
int
d_readlink(struct dentry *dentry, char *buf, size_t size)
{
	struct inode *inode = dentry->d_inode;
	const char *body;
	size_t len;

	if (!inode)
		return hostfs_readlink(dentry->d_fd, buf, size);
	if (!S_ISLNK(inode->i_mode) || !inode->i_op || !inode->i_op->get_link)
		return -EINVAL;
	body = inode->i_op->get_link(inode);
	if (IS_ERR_OR_NULL(body))	/* a /proc link may not be readable now */
		return body ? (int)PTR_ERR(body) : -ENOENT;
	len = strlen(body);
	if (len > size)
		len = size;
	memcpy(buf, body, len);
	touch_atime(inode);
	return (int)len;
}

/* "dir" + "/" + the first len bytes of name, for a canonical dir ("/" or
 * "/a/b"). NULL on ENOMEM. */
char *
path_join(const char *dir, const char *name, size_t len)
{
	size_t dlen = strlen(dir);
	char *path;

	if (dlen == 1)			/* the root: no second slash */
		dlen = 0;
	path = malloc(dlen + 1 + len + 1);
	if (!path)
		return NULL;
	memcpy(path, dir, dlen);
	path[dlen] = '/';
	memcpy(path + dlen + 1, name, len);
	path[dlen + 1 + len] = '\0';
	return path;
}

/* Cut the last component off a canonical path, in place: "/a/b" -> "/a",
 * "/a" -> "/", "/" -> "/". */
void
path_parent(char *path)
{
	char *slash = strrchr(path, '/');

	if (slash == path)
		path[1] = '\0';
	else if (slash)
		*slash = '\0';
}

/* Resolve name against dir by spelling alone: "//" and "." vanish, ".."
 * removes the previous component and stops at "/". No symlink is read, so
 * this is only right where no symlink can be on the way (the bindings,
 * which are checked before the real walk). NULL on ENOMEM. */
char *
path_normalize(const char *dir, const char *name)
{
	size_t cap = strlen(dir) + strlen(name) + 2;
	char *out = malloc(cap);
	const char *s = name;
	size_t len;

	if (!out)
		return NULL;
	strcpy(out, *name == '/' ? "/" : dir);
	for (; *s; s += len) {
		while (*s == '/')
			s++;
		len = strcspn(s, "/");
		if (len == 0 || (len == 1 && s[0] == '.'))
			continue;
		if (len == 2 && s[0] == '.' && s[1] == '.') {
			path_parent(out);
			continue;
		}
		if (out[1])
			strcat(out, "/");
		strncat(out, s, len);
	}
	return out;
}
