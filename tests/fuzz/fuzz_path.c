/* Fuzz target: the path walk (src/fs/namei.c) over hostfs, tmpfs, devfs
 * and procfs, and the calls that take a path: lookup, stat, open,
 * open_exec, readlink, chdir/getcwd, mkdir, symlink, unlink, rename.
 *
 * The root holds a small fixed tree (plant_root): directories, files,
 * relative and absolute symlinks, links that climb with "..", a loop, a
 * link to an absolute host path, a FIFO, a directory only root may search.
 * The host's /etc/passwd is bound at the same guest path, as `taskbox run`
 * binds a program absent from the root.
 *
 * Input: byte 0 picks the cwd (bits 0-2) and whether the task is root
 * (bit 3); then up to 16 records, each an operation byte, an argument byte
 * (flags; bits 5-7 pick the directory fd) and a path ended by a NUL byte
 * or the end of the input. Opened fds serve as directory fds for later
 * records.
 *
 * Checked after every call, abort if violated: the result is >= 0 or a
 * Linux errno (no internal code leaks, and no call sleeps: nothing here
 * blocks on Linux, as no FIFO can be made); every host object a walk or an open
 * reaches is inside the root, the bound file excepted, and is the one its
 * guest path names (d_path and f_path agree with the host's path). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <taskbox/err.h>
#include <uapi/fcntl.h>
#include <uapi/mman.h>
#include <uapi/stat.h>

#include "fs/internal.h"
#include "harness.h"
#include "mm/mm.h"

long sys_openat(struct task_struct *current, const uint64_t *args);
long sys_readlinkat(struct task_struct *current, const uint64_t *args);
long sys_chdir(struct task_struct *current, const uint64_t *args);
long sys_getcwd(struct task_struct *current, const uint64_t *args);
long sys_mkdirat(struct task_struct *current, const uint64_t *args);
long sys_symlinkat(struct task_struct *current, const uint64_t *args);
long sys_unlinkat(struct task_struct *current, const uint64_t *args);
long sys_renameat2(struct task_struct *current, const uint64_t *args);

#define BOUND_FILE	"/etc/passwd"
#define MAX_RECORDS	16
#define MAX_FDS		8

/* Guest scratch memory: the path, a second name, an output buffer. */
#define G_PATH		0
#define G_NAME		(2 * PAGE_SIZE)
#define G_OUT		(3 * PAGE_SIZE)
#define G_SIZE		(4 * PAGE_SIZE)

enum op { OP_LOOKUP, OP_STAT, OP_OPEN, OP_OPEN_EXEC, OP_READLINK, OP_CHDIR,
	  OP_MKDIR, OP_SYMLINK, OP_UNLINK, OP_RENAME, NR_OPS };

static const char *const op_names[NR_OPS] = {
	"filename_lookup", "vfs_statx", "openat", "open_exec", "readlinkat",
	"chdir", "mkdirat", "symlinkat", "unlinkat", "renameat2",
};

static const char *const cwds[8] = {
	"/", "/a/b", "/usr", "/tmp", "/proc/self", "/a/b/c", "/dev", "/locked",
};

/* Names symlink and rename create: in the in-memory filesystems, as the
 * root is read-only. */
static const char *const new_names[4] = { "/tmp/l", "/tmp/d/l", "l", "/dev/shm/l" };

static const int open_flags[16] = {
	O_RDONLY, O_RDONLY | O_DIRECTORY, O_PATH, O_PATH | O_NOFOLLOW,
	O_RDONLY | O_NOFOLLOW, O_WRONLY, O_RDWR | O_CREAT, O_WRONLY | O_CREAT | O_EXCL,
	O_WRONLY | O_TRUNC, O_RDWR | O_TMPFILE, O_DIRECTORY | O_NOFOLLOW,
	O_PATH | O_DIRECTORY, O_CREAT | O_DIRECTORY, O_RDONLY | O_NOATIME,
	O_WRONLY | O_APPEND | O_CREAT, O_PATH | O_NOFOLLOW | O_DIRECTORY,
};

struct fuzz_ctx {
	struct kernel *k;
	struct task_struct *t;
	uint64_t mem;			/* guest scratch memory */
	int fds[MAX_FDS];		/* opened by earlier records */
	int nr_fds;
	const char *what;		/* the operation, for reports */
	const char *path;
};

static char bound_real[4096];		/* host path of BOUND_FILE */

static void
plant_root(void)
{
	static const char *const dirs[] = {
		"etc", "bin", "usr", "usr/lib", "a", "a/b", "a/b/c", "tmp", "dev",
		"proc", "sys", "empty",
	};
	static const char *const links[][2] = {
		{ "/etc/group", "abs" }, { "/../../..", "up" },
		{ "../../etc", "a/b/rel" }, { "../../../../../..", "a/dotdot" },
		{ "../../../../../../../../etc/group", "a/b/c/deep" },
		{ "../../../../outside/secret", "a/b/c/escape" },
		{ "../outside", "outlink" }, { "loop2", "loop1" }, { "loop1", "loop2" },
		{ "self", "self" }, { "a/b", "dirlink" }, { "/bin/prog", "bin/sh" },
		{ "../bin", "usr/bin" }, { "/tmp", "tmplink" },
		{ "/proc/self/cwd", "cwdlink" }, { "/proc/self/root/..", "rootlink" },
		{ "/etc/passwd", "bound" }, { "/etc/../etc/./passwd", "bound2" },
		{ "l1", "l0" }, { "l2", "l1" }, { "/a/b/c/..", "l2" },
		{ "/dev/null", "devnull" }, { "a/b/file/", "slashfile" },
		{ "/locked/secret", "lockedlink" }, { "", "" },
	};
	char host_escape[400], body[FS_PATH_MAX], name[16];

	fuzz_make_root();
	fuzz_stdin_pipe();
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		fuzz_mkdir(dirs[i], 0755);
	fuzz_mkdir("locked", 0700);
	fuzz_mkdir("xonly", 0711);
	fuzz_write_file("etc/group", "root:x:0:\n", 10, 0644);
	fuzz_write_file("bin/prog", "#!/bin/sh\n", 10, 0755);
	fuzz_write_file("a/b/file", "file\n", 5, 0644);
	fuzz_write_file("locked/secret", "secret\n", 7, 0600);
	fuzz_write_file("xonly/file", "x\n", 2, 0644);
	fuzz_write_file("usr/lib/lib.so", "", 0, 0755);
	for (size_t i = 0; links[i][1][0]; i++)
		fuzz_symlink(links[i][0], links[i][1]);
	/* An absolute host path: in the guest it names nothing. */
	snprintf(host_escape, sizeof(host_escape), "%s/secret", fuzz_outside);
	fuzz_symlink(host_escape, "hostescape");
	fuzz_symlink(fuzz_outside, "a/hostdir");
	/* The longest body a symlink may have (PATH_MAX - 1 bytes), and a
	 * chain of MAXSYMLINKS links. */
	memset(body, '/', sizeof(body) - 1);
	body[sizeof(body) - 1] = '\0';
	fuzz_symlink(body, "longlink");
	for (int i = 0; i < MAXSYMLINKS; i++) {
		snprintf(name, sizeof(name), "c%d", i);
		if (i + 1 < MAXSYMLINKS)
			snprintf(body, sizeof(body), "c%d", i + 1);
		else
			strcpy(body, "a/b");
		fuzz_symlink(body, name);
	}
	fuzz_mkfifo("fifo");
	if (!fuzz_realpath(BOUND_FILE, bound_real, sizeof(bound_real)))
		bound_real[0] = '\0';		/* no such host file: nothing bound */
}

/* A host object the guest reached, by its host fd, and the guest path it
 * was reached by: it must lie inside the root at that very path, or be the
 * bound host file. */
static void
check_host_object(struct fuzz_ctx *c, int fd, const char *guest_path)
{
	size_t root_len = strlen(fuzz_root);
	char host[4096];

	fuzz_host_path(fd, host, sizeof(host));
	if (bound_real[0] && strcmp(host, bound_real) == 0)
		return;
	if (strncmp(host, fuzz_root, root_len) != 0 ||
	    (host[root_len] != '/' && host[root_len] != '\0'))
		fuzz_fail("%s(\"%s\") escaped the root: guest %s is host %s",
			  c->what, c->path, guest_path, host);
	if (strcmp(host + root_len, strcmp(guest_path, "/") ? guest_path : ""))
		fuzz_fail("%s(\"%s\"): guest path %s names host %s",
			  c->what, c->path, guest_path, host);
}

static void
check_dentry(struct fuzz_ctx *c, struct dentry *d)
{
	if (d->d_path[0] != '/')
		fuzz_fail("%s(\"%s\"): path %s is not absolute", c->what, c->path, d->d_path);
	if (!d->d_inode)
		check_host_object(c, d->d_fd, d->d_path);
}

static void
check_file(struct fuzz_ctx *c, struct file *f)
{
	if (f->f_inode->i_sb == &c->k->mounts->hostfs_sb)
		check_host_object(c, f->f_inode->i_hostfd, f->f_path);
}

static void
check_fd(struct fuzz_ctx *c, int fd)
{
	struct file *f = fget_raw(c->t, fd);

	if (!f)
		fuzz_fail("%s(\"%s\") returned fd %d, which is not open", c->what, c->path, fd);
	check_file(c, f);
	fput(f);
}

static long
call(struct fuzz_ctx *c, long (*sys)(struct task_struct *, const uint64_t *),
     uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4)
{
	uint64_t args[6] = { a0, a1, a2, a3, a4, 0 };

	return sys(c->t, args);
}

/* Put a string in guest memory at off (at most len bytes and a NUL). */
static uint64_t
put_string(struct fuzz_ctx *c, uint64_t off, const char *s, size_t len)
{
	static const char nul;
	size_t n = strnlen(s, len);

	if (copy_to_user(c->t->mm, c->mem + off, s, n) ||
	    copy_to_user(c->t->mm, c->mem + off + n, &nul, 1))
		fuzz_fail("copy_to_user of a path");
	return c->mem + off;
}

/* Bits 5-7 of the argument byte: the cwd, an fd opened earlier, the
 * host's stdin (no directory of the tree) or no fd at all. */
static int
pick_dfd(struct fuzz_ctx *c, uint8_t arg)
{
	int pick = arg >> 5;

	if (pick == 6)
		return 0;
	if (pick == 7)
		return 999;
	if (pick < 4 || !c->nr_fds)
		return AT_FDCWD;
	return c->fds[(pick - 4) % c->nr_fds];
}

static long
op_lookup(struct fuzz_ctx *c, int dfd, uint8_t arg)
{
	unsigned int flags = ((arg & 1) ? LOOKUP_FOLLOW : 0) |
			     ((arg & 2) ? LOOKUP_DIRECTORY : 0) |
			     ((arg & 4) ? LOOKUP_EMPTY : 0);
	struct dentry *d;
	struct kstat stat;
	int err = filename_lookup(c->t, dfd, c->path, flags, &d, (arg & 8) ? &stat : NULL);

	if (err)
		return err;
	check_dentry(c, d);
	dput(d);
	return 0;
}

static long
op_stat(struct fuzz_ctx *c, int dfd, uint8_t arg)
{
	int flags = ((arg & 1) ? AT_SYMLINK_NOFOLLOW : 0) | ((arg & 2) ? AT_EMPTY_PATH : 0);
	struct kstat stat;

	return vfs_statx(c->t, dfd, c->path, flags, &stat, STATX_BASIC_STATS);
}

static long
op_open(struct fuzz_ctx *c, int dfd, uint8_t arg)
{
	long fd = call(c, sys_openat, (uint64_t)dfd, put_string(c, G_PATH, c->path, G_NAME - 1),
		       (uint64_t)open_flags[arg & 15], 0644, 0);

	if (fd >= 0) {
		check_fd(c, (int)fd);
		if (c->nr_fds < MAX_FDS)
			c->fds[c->nr_fds++] = (int)fd;
	}
	return fd;
}

static long
op_open_exec(struct fuzz_ctx *c, int dfd, uint8_t arg)
{
	int flags = ((arg & 1) ? AT_SYMLINK_NOFOLLOW : 0) | ((arg & 2) ? AT_EMPTY_PATH : 0);
	struct file *f = open_exec(c->t, dfd, c->path, flags);

	if (IS_ERR(f))
		return PTR_ERR(f);
	check_file(c, f);
	fput(f);
	return 0;
}

static long
op_readlink(struct fuzz_ctx *c, int dfd, uint8_t arg)
{
	return call(c, sys_readlinkat, (uint64_t)dfd,
		    put_string(c, G_PATH, c->path, G_NAME - 1), c->mem + G_OUT,
		    (arg & 1) ? 1 : PAGE_SIZE, 0);
}

/* chdir, then getcwd must name where the task now stands. */
static long
op_chdir(struct fuzz_ctx *c, int dfd, uint8_t arg)
{
	long err = call(c, sys_chdir, put_string(c, G_PATH, c->path, G_NAME - 1), 0, 0, 0, 0);
	long len;

	(void)dfd, (void)arg;
	if (err)
		return err;
	check_dentry(c, c->t->fs->pwd);
	len = call(c, sys_getcwd, c->mem + G_OUT, PAGE_SIZE, 0, 0, 0);
	c->what = "getcwd";
	fuzz_check_result(c->what, len, NULL);
	return 0;
}

static long
op_mkdir(struct fuzz_ctx *c, int dfd, uint8_t arg)
{
	return call(c, sys_mkdirat, (uint64_t)dfd, put_string(c, G_PATH, c->path, G_NAME - 1),
		    (arg & 1) ? 0 : 0755, 0, 0);
}

static long
op_symlink(struct fuzz_ctx *c, int dfd, uint8_t arg)
{
	const char *name = new_names[arg & 3];

	return call(c, sys_symlinkat, put_string(c, G_PATH, c->path, G_NAME - 1),
		    (uint64_t)dfd, put_string(c, G_NAME, name, PAGE_SIZE - 1), 0, 0);
}

static long
op_unlink(struct fuzz_ctx *c, int dfd, uint8_t arg)
{
	return call(c, sys_unlinkat, (uint64_t)dfd, put_string(c, G_PATH, c->path, G_NAME - 1),
		    (arg & 1) ? AT_REMOVEDIR : 0, 0, 0);
}

static long
op_rename(struct fuzz_ctx *c, int dfd, uint8_t arg)
{
	const char *name = new_names[arg & 3];
	unsigned int flags = ((arg & 4) ? RENAME_NOREPLACE : 0) |
			     ((arg & 8) ? RENAME_EXCHANGE : 0);

	return call(c, sys_renameat2, (uint64_t)dfd, put_string(c, G_PATH, c->path, G_NAME - 1),
		    (uint64_t)AT_FDCWD, put_string(c, G_NAME, name, PAGE_SIZE - 1), flags);
}

static long (*const ops[NR_OPS])(struct fuzz_ctx *c, int dfd, uint8_t arg) = {
	op_lookup, op_stat, op_open, op_open_exec, op_readlink, op_chdir,
	op_mkdir, op_symlink, op_unlink, op_rename,
};

/* Boot, bind, map the scratch memory, set the cwd and the credentials. */
static void
setup(struct fuzz_ctx *c, uint8_t byte0)
{
	struct dentry *cwd;

	c->k = fuzz_boot();
	c->t = fuzz_task(c->k);
	/* fd 0 is the host's stdin, a pipe (fuzz_stdin_pipe); 1 and 2 would
	 * be whatever the host's are. */
	close_fd(c->t, 1);
	close_fd(c->t, 2);
	if (bound_real[0] && vfs_bind_host_file(c->k, BOUND_FILE))
		fuzz_fail("vfs_bind_host_file %s", BOUND_FILE);
	c->mem = (uint64_t)do_mmap(c->t->mm, 0, G_SIZE, LINUX_PROT_READ | LINUX_PROT_WRITE,
				   LINUX_MAP_PRIVATE | LINUX_MAP_ANONYMOUS, NULL, 0);
	if (c->mem >= TASK_SIZE)
		fuzz_fail("do_mmap of the scratch pages");
	if (filename_lookup(c->t, AT_FDCWD, cwds[byte0 & 7], LOOKUP_FOLLOW, &cwd, NULL))
		fuzz_fail("lookup of the cwd %s", cwds[byte0 & 7]);
	set_fs_pwd(c->t->fs, cwd);
	if (byte0 & 8) {
		c->t->cred->uid = c->t->cred->euid = c->t->cred->fsuid = 1000;
		c->t->cred->gid = c->t->cred->egid = c->t->cred->fsgid = 1000;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool planted;
	struct fuzz_ctx c = { 0 };
	const uint8_t *end = data + size, *p;
	char *path;
	int records = 0;
	long ret;

	if (!planted) {
		plant_root();
		planted = true;
	}
	if (size < 1)
		return 0;
	setup(&c, data[0]);
	for (p = data + 1; end - p >= 2 && records < MAX_RECORDS; records++) {
		uint8_t op = p[0] % NR_OPS, arg = p[1];
		const uint8_t *nul = memchr(p + 2, '\0', (size_t)(end - p - 2));

		path = strndup((const char *)p + 2, (size_t)((nul ? nul : end) - p - 2));
		if (!path)
			fuzz_fail("strndup");
		p = nul ? nul + 1 : end;
		c.what = op_names[op];
		c.path = path;
		ret = ops[op](&c, pick_dfd(&c, arg), arg);
		fuzz_trace("%s(%#x, \"%s\") = %ld", op_names[op], arg, path, ret);
		fuzz_check_result(c.what, ret, NULL);
		free(path);
	}
	kernel_shutdown(c.k);
	return 0;
}
