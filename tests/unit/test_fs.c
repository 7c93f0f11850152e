/* The VFS: the path walk stays inside the guest root, follows symlinks as
 * Linux does, reports Linux's errors; bound host files; fds and syscalls
 * over a read-only root. Each test boots a fresh kernel on a temporary root
 * directory that it fills with host calls. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <taskbox/err.h>
#include <uapi/mman.h>

#include "fixture.h"
#include "fs/fs.h"

long sys_openat(struct task_struct *current, const uint64_t *args);
long sys_close(struct task_struct *current, const uint64_t *args);
long sys_read(struct task_struct *current, const uint64_t *args);
long sys_getdents64(struct task_struct *current, const uint64_t *args);
long sys_fcntl(struct task_struct *current, const uint64_t *args);
long sys_dup3(struct task_struct *current, const uint64_t *args);
long sys_mkdirat(struct task_struct *current, const uint64_t *args);
long sys_unlinkat(struct task_struct *current, const uint64_t *args);
long sys_chdir(struct task_struct *current, const uint64_t *args);
long sys_getcwd(struct task_struct *current, const uint64_t *args);

/* Guest values (asm-generic), spelled out: this file also sees the host's. */
#define G_O_WRONLY	01
#define G_O_CREAT	0100
#define G_O_DIRECTORY	0200000
#define G_O_CLOEXEC	02000000
#define G_F_GETFD	1
#define G_F_DUPFD	0
#define G_AT_REMOVEDIR	0x200

static void
mkdir_in_root(const char *rel)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", fixture_root, rel);
	cr_assert_eq(mkdir(path, 0755), 0, "mkdir %s", path);
}

static void
symlink_in_root(const char *target, const char *rel)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", fixture_root, rel);
	cr_assert_eq(symlink(target, path), 0, "symlink %s", path);
}

static ino_t
host_ino(const char *rel)
{
	char path[PATH_MAX];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", fixture_root, rel);
	cr_assert_eq(stat(path, &st), 0, "stat %s", path);
	return st.st_ino;
}

/* Look name up from the cwd; on success check the canonical guest path. */
static int
lookup(struct task_struct *t, const char *name, unsigned int flags,
       const char *want_path, struct kstat *stat)
{
	struct dentry *d;
	struct kstat st;
	int err = filename_lookup(t, AT_FDCWD, name, flags, &d, &st);

	if (err)
		return err;
	if (want_path)
		cr_expect_str_eq(d->d_path, want_path, "lookup of %s", name);
	if (stat)
		*stat = st;
	dput(d);
	return 0;
}

Test(fs, dotdot_at_the_root_stays_at_the_root)
{
	struct kernel *k = fixture_boot(0);
	struct task_struct *t = fixture_task(k);
	struct kstat st;

	mkdir_in_root("etc");
	cr_expect_eq(lookup(t, "/../../..", 0, "/", &st), 0);
	cr_expect_eq(st.ino, host_ino("."), "/.. must be the root itself");
	cr_expect_eq(lookup(t, "../../etc/../..", 0, "/", NULL), 0);
	cr_expect_eq(lookup(t, "/../etc", 0, "/etc", &st), 0);
	cr_expect_eq(st.ino, host_ino("etc"));
	cr_expect_eq(lookup(t, "/etc/..", 0, "/", NULL), 0);
	fixture_shutdown(k);
}

Test(fs, absolute_symlinks_resolve_in_the_guest_root)
{
	struct kernel *k = fixture_boot(0);
	struct task_struct *t = fixture_task(k);
	struct kstat st;

	mkdir_in_root("etc");
	mkdir_in_root("bin");
	fixture_write_file("etc/passwd", "guest\n", 6, 0644);
	symlink_in_root("/etc/passwd", "abs");
	symlink_in_root("/../../../..", "up");
	symlink_in_root("../etc", "bin/rel");
	cr_expect_eq(lookup(t, "/abs", LOOKUP_FOLLOW, "/etc/passwd", &st), 0);
	cr_expect_eq(st.ino, host_ino("etc/passwd"), "not the host's /etc/passwd");
	cr_expect_eq(lookup(t, "/up", LOOKUP_FOLLOW, "/", &st), 0);
	cr_expect_eq(st.ino, host_ino("."));
	cr_expect_eq(lookup(t, "/up/etc/passwd", 0, "/etc/passwd", NULL), 0);
	cr_expect_eq(lookup(t, "/bin/rel/passwd", 0, "/etc/passwd", NULL), 0,
		     "a relative link resolves against its own directory");
	cr_expect_eq(lookup(t, "/abs", 0, "/abs", &st), 0);
	cr_expect(S_ISLNK(st.mode), "without LOOKUP_FOLLOW the link itself");
	fixture_shutdown(k);
}

Test(fs, symlink_loops_and_long_chains_give_eloop)
{
	struct kernel *k = fixture_boot(0);
	struct task_struct *t = fixture_task(k);
	char name[16], target[16];

	symlink_in_root("b", "a");
	symlink_in_root("a", "b");
	cr_expect_eq(lookup(t, "/a", LOOKUP_FOLLOW, NULL, NULL), -ELOOP);
	cr_expect_eq(lookup(t, "/a/x", 0, NULL, NULL), -ELOOP);
	/* l0 -> l1 -> ... -> l40 -> file: 40 links is Linux's limit. */
	fixture_write_file("file", "x", 1, 0644);
	for (int i = 0; i <= 40; i++) {
		snprintf(name, sizeof(name), "l%d", i);
		snprintf(target, sizeof(target), i == 40 ? "file" : "l%d", i + 1);
		symlink_in_root(target, name);
	}
	cr_expect_eq(lookup(t, "/l1", LOOKUP_FOLLOW, "/file", NULL), 0, "40 links");
	cr_expect_eq(lookup(t, "/l0", LOOKUP_FOLLOW, NULL, NULL), -ELOOP, "41 links");
	fixture_shutdown(k);
}

Test(fs, a_file_used_as_a_directory_gives_enotdir)
{
	struct kernel *k = fixture_boot(0);
	struct task_struct *t = fixture_task(k);

	fixture_write_file("file", "x", 1, 0644);
	symlink_in_root("file", "link");
	cr_expect_eq(lookup(t, "/file/x", 0, NULL, NULL), -ENOTDIR);
	cr_expect_eq(lookup(t, "/file/", 0, NULL, NULL), -ENOTDIR);
	cr_expect_eq(lookup(t, "/file/.", 0, NULL, NULL), -ENOTDIR);
	cr_expect_eq(lookup(t, "/file/..", 0, NULL, NULL), -ENOTDIR);
	cr_expect_eq(lookup(t, "/link/", 0, NULL, NULL), -ENOTDIR,
		     "a trailing slash follows the link, then needs a directory");
	cr_expect_eq(lookup(t, "/file", LOOKUP_DIRECTORY, NULL, NULL), -ENOTDIR);
	cr_expect_eq(lookup(t, "/missing/x", 0, NULL, NULL), -ENOENT);
	cr_expect_eq(lookup(t, "", 0, NULL, NULL), -ENOENT);
	cr_expect_eq(lookup(t, "", LOOKUP_EMPTY, "/", NULL), 0);
	fixture_shutdown(k);
}

Test(fs, a_component_over_name_max_gives_enametoolong)
{
	struct kernel *k = fixture_boot(0);
	struct task_struct *t = fixture_task(k);
	char name[300];

	mkdir_in_root("d");
	memset(name, 'a', sizeof(name));
	strcpy(name, "/d/");
	memset(name + 3, 'a', 256);
	name[3 + 256] = '\0';
	cr_expect_eq(lookup(t, name, 0, NULL, NULL), -ENAMETOOLONG, "256 bytes");
	name[3 + 255] = '\0';
	cr_expect_eq(lookup(t, name, 0, NULL, NULL), -ENOENT, "255 bytes is legal");
	fixture_shutdown(k);
}

Test(fs, a_bound_host_file_is_visible_read_only_at_its_own_path)
{
	struct kernel *k = fixture_boot(0);
	struct task_struct *t = fixture_task(k);
	char dir[] = "/tmp/taskbox-bind-XXXXXX", path[PATH_MAX], slash[PATH_MAX + 1];
	struct file *f;
	char buf[8] = "";
	FILE *host;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/prog", dir);
	host = fopen(path, "w");
	cr_assert_not_null(host);
	fputs("#!bound", host);
	fclose(host);
	chmod(path, 0755);
	cr_assert_eq(vfs_bind_host_file(k, path), 0);
	cr_expect_eq(vfs_bind_host_file(k, path), -EEXIST);

	cr_expect_eq(lookup(t, path, 0, path, NULL), 0, "no parents in the root");
	cr_expect_eq(lookup(t, dir, 0, NULL, NULL), -ENOENT, "only the file is bound");
	snprintf(slash, sizeof(slash), "%s/", path);
	cr_expect_eq(lookup(t, slash, 0, NULL, NULL), -ENOTDIR);
	f = open_exec(t, AT_FDCWD, path, 0);
	cr_assert(!IS_ERR(f), "open_exec: %ld", PTR_ERR(f));
	cr_expect_eq(kernel_read(f, buf, 7, 0), 7);
	cr_expect_str_eq(buf, "#!bound");
	cr_expect_str_eq(f->f_path, path);
	fput(f);
	unlink(path);
	rmdir(dir);
	fixture_shutdown(k);
}

Test(fs, open_exec_wants_an_executable_regular_file)
{
	struct kernel *k = fixture_boot(0);
	struct task_struct *t = fixture_task(k);
	struct file *f;

	mkdir_in_root("dir");
	fixture_write_file("noexec", "x", 1, 0644);
	fixture_write_file("prog", "x", 1, 0755);
	symlink_in_root("prog", "link");
	cr_expect_eq(PTR_ERR(open_exec(t, AT_FDCWD, "/dir", 0)), -EACCES);
	cr_expect_eq(PTR_ERR(open_exec(t, AT_FDCWD, "/noexec", 0)), -EACCES,
		     "even root needs an x bit to execute");
	cr_expect_eq(PTR_ERR(open_exec(t, AT_FDCWD, "/missing", 0)), -ENOENT);
	cr_expect_eq(PTR_ERR(open_exec(t, AT_FDCWD, "/link", AT_SYMLINK_NOFOLLOW)),
		     -ELOOP);
	f = open_exec(t, AT_FDCWD, "/link", 0);
	cr_assert(!IS_ERR(f));
	cr_expect(f->f_mode & FMODE_EXEC);
	fput(f);
	fixture_shutdown(k);
}

/* ---- syscalls, through guest memory ---- */

struct guest {
	struct kernel *k;
	struct task_struct *t;
	uint64_t mem;		/* a scratch page in the guest */
};

static struct guest
guest_boot(void)
{
	struct guest g;

	g.k = fixture_boot(0);
	g.t = fixture_task(g.k);
	g.mem = do_mmap(g.t->mm, 0, 4 * PAGE_SIZE, LINUX_PROT_READ | LINUX_PROT_WRITE,
			LINUX_MAP_PRIVATE | LINUX_MAP_ANONYMOUS, NULL, 0);
	cr_assert(g.mem < TASK_SIZE);
	return g;
}

/* Put a string in guest memory at offset off of the scratch pages. */
static uint64_t
gstr(struct guest *g, size_t off, const char *s)
{
	cr_assert_eq(copy_to_user(g->t->mm, g->mem + off, s, strlen(s) + 1), 0);
	return g->mem + off;
}

static long
call(long (*sys)(struct task_struct *, const uint64_t *), struct guest *g,
     uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
	uint64_t args[6] = { a0, a1, a2, a3, 0, 0 };

	return sys(g->t, args);
}

Test(fs, openat_read_and_close_a_root_file)
{
	struct guest g = guest_boot();
	char buf[16] = "";
	long fd;

	fixture_write_file("hello", "hello, guest\n", 13, 0644);
	fd = call(sys_openat, &g, (uint64_t)AT_FDCWD, gstr(&g, 0, "/hello"), 0, 0);
	cr_assert_eq(fd, 3, "the lowest free fd after stdio");
	cr_expect_eq(call(sys_read, &g, fd, 0x10, 1, 0), -EFAULT);
	cr_expect_eq(call(sys_read, &g, fd, g.mem + 100, 5, 0), 5,
		     "a failed copy consumes nothing");
	cr_expect_eq(call(sys_read, &g, fd, g.mem + 105, 100, 0), 8);
	cr_expect_eq(call(sys_read, &g, fd, g.mem + 105, 100, 0), 0, "end of file");
	cr_assert_eq(copy_from_user(g.t->mm, buf, g.mem + 100, 13), 0);
	cr_expect_arr_eq(buf, "hello, guest\n", 13);
	cr_expect_eq(call(sys_close, &g, fd, 0, 0, 0), 0);
	cr_expect_eq(call(sys_close, &g, fd, 0, 0, 0), -EBADF);
	fixture_shutdown(g.k);
}

Test(fs, the_root_is_read_only_with_linux_order_of_errors)
{
	struct guest g = guest_boot();
	uint64_t name;

	mkdir_in_root("dir");
	fixture_write_file("file", "x", 1, 0644);
	name = gstr(&g, 0, "/file");
	cr_expect_eq(call(sys_openat, &g, (uint64_t)AT_FDCWD, name, G_O_WRONLY, 0), -EROFS);
	cr_expect_eq(call(sys_openat, &g, (uint64_t)AT_FDCWD, gstr(&g, 0, "/new"),
			  G_O_CREAT | G_O_WRONLY, 0644), -EROFS);
	cr_expect_eq(call(sys_openat, &g, (uint64_t)AT_FDCWD, gstr(&g, 0, "/dir"),
			  G_O_WRONLY, 0), -EISDIR);
	cr_expect_eq(call(sys_openat, &g, (uint64_t)AT_FDCWD, gstr(&g, 0, "/file"),
			  G_O_DIRECTORY, 0), -ENOTDIR);
	cr_expect_eq(call(sys_mkdirat, &g, (uint64_t)AT_FDCWD, gstr(&g, 0, "/dir"), 0755, 0),
		     -EEXIST);
	cr_expect_eq(call(sys_mkdirat, &g, (uint64_t)AT_FDCWD, gstr(&g, 0, "/new"), 0755, 0),
		     -EROFS);
	cr_expect_eq(call(sys_mkdirat, &g, (uint64_t)AT_FDCWD, gstr(&g, 0, "/no/new"), 0755, 0),
		     -ENOENT);
	cr_expect_eq(call(sys_unlinkat, &g, (uint64_t)AT_FDCWD, gstr(&g, 0, "/dir/."),
			  G_AT_REMOVEDIR, 0), -EINVAL);
	cr_expect_eq(call(sys_unlinkat, &g, (uint64_t)AT_FDCWD, gstr(&g, 0, "/missing"), 0, 0),
		     -EROFS, "unlink asks the filesystem before the name");
	fixture_shutdown(g.k);
}

Test(fs, getdents64_lists_the_root_with_dotdot_as_the_root)
{
	struct guest g = guest_boot();
	char buf[4096];
	long fd, n, off;
	int seen = 0;

	mkdir_in_root("etc");
	fixture_write_file("a", "x", 1, 0644);
	fd = call(sys_openat, &g, (uint64_t)AT_FDCWD, gstr(&g, 0, "/"), G_O_DIRECTORY, 0);
	cr_assert_geq(fd, 0);
	cr_expect_eq(call(sys_getdents64, &g, fd, g.mem + 100, 10, 0), -EINVAL,
		     "no room for one record");
	n = call(sys_getdents64, &g, fd, g.mem + 100, sizeof(buf), 0);
	cr_assert_gt(n, 0);
	cr_assert_eq(copy_from_user(g.t->mm, buf, g.mem + 100, n), 0);
	for (off = 0; off < n;) {
		uint64_t ino;
		uint16_t reclen;
		const char *name = buf + off + 19;

		memcpy(&ino, buf + off, 8);
		memcpy(&reclen, buf + off + 16, 2);
		if (strcmp(name, "..") == 0)
			cr_expect_eq(ino, host_ino("."), "the root's .. is itself");
		seen += !strcmp(name, "etc") + !strcmp(name, "a") + !strcmp(name, ".");
		off += reclen;
	}
	cr_expect_eq(seen, 3);
	cr_expect_eq(call(sys_getdents64, &g, fd, g.mem + 100, sizeof(buf), 0), 0);
	fixture_shutdown(g.k);
}

Test(fs, fds_are_lowest_free_with_close_on_exec_bits)
{
	struct guest g = guest_boot();
	uint64_t name = gstr(&g, 0, "/");
	long a, b, c;

	a = call(sys_openat, &g, (uint64_t)AT_FDCWD, name, G_O_CLOEXEC, 0);
	b = call(sys_openat, &g, (uint64_t)AT_FDCWD, name, 0, 0);
	cr_expect_eq(a, 3);
	cr_expect_eq(b, 4);
	cr_expect_eq(call(sys_fcntl, &g, a, G_F_GETFD, 0, 0), 1);
	cr_expect_eq(call(sys_fcntl, &g, b, G_F_GETFD, 0, 0), 0);
	cr_expect_eq(call(sys_close, &g, a, 0, 0, 0), 0);
	c = call(sys_fcntl, &g, b, G_F_DUPFD, 0, 0);
	cr_expect_eq(c, 3, "F_DUPFD takes the lowest free fd");
	cr_expect_eq(call(sys_fcntl, &g, b, G_F_DUPFD, 200, 0), 200,
		     "beyond the table's current size");
	cr_expect_eq(call(sys_fcntl, &g, b, G_F_DUPFD, 1024, 0), -EINVAL,
		     "at RLIMIT_NOFILE");
	cr_expect_eq(call(sys_dup3, &g, b, b, 0, 0), -EINVAL);
	cr_expect_eq(call(sys_dup3, &g, b, 1024, 0, 0), -EBADF);
	cr_expect_eq(call(sys_dup3, &g, b, 100, G_O_CLOEXEC, 0), 100);
	cr_expect_eq(call(sys_fcntl, &g, 100, G_F_GETFD, 0, 0), 1);
	do_close_on_exec(g.t->files);
	cr_expect_eq(call(sys_fcntl, &g, 100, G_F_GETFD, 0, 0), -EBADF);
	cr_expect_eq(call(sys_fcntl, &g, b, G_F_GETFD, 0, 0), 0);
	fixture_shutdown(g.k);
}

Test(fs, chdir_and_getcwd_stay_inside_the_root)
{
	struct guest g = guest_boot();
	char buf[64] = "";

	mkdir_in_root("usr");
	mkdir_in_root("usr/bin");
	symlink_in_root("/usr", "u");
	cr_expect_eq(call(sys_chdir, &g, gstr(&g, 0, "/u/bin/../../.."), 0, 0, 0), 0);
	cr_expect_eq(call(sys_getcwd, &g, g.mem + 100, 64, 0, 0), 2);
	cr_expect_eq(call(sys_chdir, &g, gstr(&g, 0, "u/bin"), 0, 0, 0), 0);
	cr_expect_eq(call(sys_getcwd, &g, g.mem + 100, 64, 0, 0), 9);
	cr_assert_eq(copy_from_user(g.t->mm, buf, g.mem + 100, 9), 0);
	cr_expect_str_eq(buf, "/usr/bin");
	cr_expect_eq(call(sys_getcwd, &g, g.mem + 100, 8, 0, 0), -ERANGE);
	cr_expect_eq(call(sys_chdir, &g, gstr(&g, 0, "../../../../usr"), 0, 0, 0), 0);
	cr_expect_eq(call(sys_getcwd, &g, g.mem + 100, 64, 0, 0), 5);
	fixture_shutdown(g.k);
}

long sys_lseek(struct task_struct *current, const uint64_t *args);
long sys_fstat(struct task_struct *current, const uint64_t *args);
long sys_ioctl(struct task_struct *current, const uint64_t *args);
long sys_pread64(struct task_struct *current, const uint64_t *args);

Test(fs, stdin_is_the_hosts_and_a_host_pipe_does_not_seek)
{
	struct guest g;
	char buf[4] = "";
	uint32_t mode;
	int p[2];

	/* Each Criterion test runs in its own process: fd 0 is ours to replace
	 * before the first task takes its copy. */
	cr_assert_eq(pipe(p), 0);
	cr_assert_eq(dup2(p[0], 0), 0);
	cr_assert_eq(write(p[1], "abc", 3), 3);
	close(p[1]);
	g = guest_boot();
	cr_expect_eq(call(sys_fcntl, &g, 0, 3 /* F_GETFL */, 0, 0), 0,
		     "a host pipe's flags: no O_LARGEFILE, as Linux's pipe()");
	cr_expect_eq(call(sys_lseek, &g, 0, 0, 0, 0), -ESPIPE);
	cr_expect_eq(call(sys_pread64, &g, 0, g.mem, 1, 0), -ESPIPE);
	cr_expect_eq(call(sys_ioctl, &g, 0, 0x5401 /* TCGETS */, g.mem, 0), -ENOTTY);
	cr_expect_eq(call(sys_fstat, &g, 0, g.mem, 0, 0), 0);
	cr_assert_eq(copy_from_user(g.t->mm, &mode, g.mem + 16, 4), 0);
	cr_expect(S_ISFIFO(mode));
	cr_expect_eq(call(sys_read, &g, 0, g.mem, 4, 0), 3);
	cr_assert_eq(copy_from_user(g.t->mm, buf, g.mem, 3), 0);
	cr_expect_arr_eq(buf, "abc", 3);
	cr_expect_eq(call(sys_read, &g, 0, g.mem, 4, 0), 0, "the writer is gone");
	fixture_shutdown(g.k);
}

Test(fs, a_copied_fd_table_shares_open_file_descriptions)
{
	struct guest g = guest_boot();
	struct files_struct *parent, *child;
	char buf[4] = "";
	long fd;

	fixture_write_file("f", "abcd", 4, 0644);
	fd = call(sys_openat, &g, (uint64_t)AT_FDCWD, gstr(&g, 0, "/f"), G_O_CLOEXEC, 0);
	cr_assert_geq(fd, 0);
	parent = g.t->files;
	child = dup_fd(parent);
	cr_assert(!IS_ERR(child));
	/* Read through the child's table: the offset is the description's. */
	g.t->files = child;
	cr_expect_eq(call(sys_read, &g, fd, g.mem, 2, 0), 2);
	cr_expect_eq(call(sys_fcntl, &g, fd, G_F_GETFD, 0, 0), 1, "the bit is copied");
	g.t->files = parent;
	put_files_struct(child);
	cr_expect_eq(call(sys_read, &g, fd, g.mem, 4, 0), 2);
	cr_assert_eq(copy_from_user(g.t->mm, buf, g.mem, 2), 0);
	cr_expect_arr_eq(buf, "cd", 2);
	fixture_shutdown(g.k);
}

Test(fs, an_o_path_fd_names_a_file_but_does_no_io)
{
	struct guest g = guest_boot();
	long fd;

	fixture_write_file("f", "abcd", 4, 0644);
	fd = call(sys_openat, &g, (uint64_t)AT_FDCWD, gstr(&g, 0, "/f"),
		  010000000 /* O_PATH */, 0);
	cr_assert_geq(fd, 0);
	cr_expect_eq(call(sys_read, &g, fd, g.mem, 2, 0), -EBADF);
	cr_expect_eq(call(sys_fcntl, &g, fd, 3 /* F_GETFL */, 0, 0), 010000000);
	cr_expect_eq(call(sys_fstat, &g, fd, g.mem, 0, 0), 0);
	fixture_shutdown(g.k);
}
