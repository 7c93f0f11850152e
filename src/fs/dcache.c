/* Dentries and guest path strings (Linux: fs/dcache.c, fs/d_path.c).
 *
 * Linux keeps a cache of dentries, one per name component, linked to their
 * parents; d_path() rebuilds a full name by walking up. taskbox keeps no
 * cache: a dentry is a host O_PATH fd plus the canonical guest path that led
 * to it, and lives exactly as long as its holders (a walk, a cwd, a root). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

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
	dentry->d_path = path;
	return dentry;

out_free_path:
	free(path);
out_close:
	hostfs_close(fd);
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
	free(dentry->d_path);
	free(dentry);
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
