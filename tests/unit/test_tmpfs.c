/* tmpfs at /tmp and /dev/shm, devfs at /dev: mounts crossed both ways, the
 * file API on memory (create, append, holes, truncate, unlink of open
 * files, links, rename's rules, symlinks, readdir order, attributes,
 * sticky /tmp), the size bound, and the memory devices. Each test boots a
 * fresh kernel on an empty temporary root, then makes the mount points the
 * walk needs there (a mount point must exist, as on Linux). */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <taskbox/err.h>
#include <uapi/mman.h>

#include "fixture.h"
#include "fs/fs.h"

long sys_openat(struct task_struct *current, const uint64_t *args);
long sys_close(struct task_struct *current, const uint64_t *args);
long sys_read(struct task_struct *current, const uint64_t *args);
long sys_write(struct task_struct *current, const uint64_t *args);
long sys_pread64(struct task_struct *current, const uint64_t *args);
long sys_pwrite64(struct task_struct *current, const uint64_t *args);
long sys_lseek(struct task_struct *current, const uint64_t *args);
long sys_getdents64(struct task_struct *current, const uint64_t *args);
long sys_mkdirat(struct task_struct *current, const uint64_t *args);
long sys_mknodat(struct task_struct *current, const uint64_t *args);
long sys_unlinkat(struct task_struct *current, const uint64_t *args);
long sys_renameat2(struct task_struct *current, const uint64_t *args);
long sys_linkat(struct task_struct *current, const uint64_t *args);
long sys_symlinkat(struct task_struct *current, const uint64_t *args);
long sys_readlinkat(struct task_struct *current, const uint64_t *args);
long sys_chdir(struct task_struct *current, const uint64_t *args);
long sys_getcwd(struct task_struct *current, const uint64_t *args);
long sys_ftruncate(struct task_struct *current, const uint64_t *args);
long sys_truncate(struct task_struct *current, const uint64_t *args);
long sys_fchmodat(struct task_struct *current, const uint64_t *args);
long sys_fchownat(struct task_struct *current, const uint64_t *args);
long sys_utimensat(struct task_struct *current, const uint64_t *args);
long sys_statfs(struct task_struct *current, const uint64_t *args);
long sys_mmap(struct task_struct *current, const uint64_t *args);

/* Guest values (asm-generic), spelled out: this file also sees the host's. */
#define G_O_RDONLY	00
#define G_O_WRONLY	01
#define G_O_RDWR	02
#define G_O_CREAT	0100
#define G_O_EXCL	0200
#define G_O_TRUNC	01000
#define G_O_APPEND	02000
#define G_O_DIRECTORY	0200000
#define G_AT_FDCWD	((uint64_t)-100)
#define G_AT_REMOVEDIR	0x200
#define G_SEEK_SET	0
#define G_SEEK_END	2
#define G_SEEK_DATA	3
#define G_SEEK_HOLE	4
#define G_RENAME_NOREPLACE 1
#define G_RENAME_EXCHANGE 2
#define G_TMPFS_MAGIC	0x01021994

struct guest {
	struct kernel *k;
	struct task_struct *t;
	uint64_t mem;		/* scratch pages in the guest */
};

static void
mkdir_in_root(const char *rel)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", fixture_root, rel);
	cr_assert_eq(mkdir(path, 0755), 0, "mkdir %s", path);
}

static struct guest
guest_boot(uint64_t mem_bytes)
{
	struct guest g;

	g.k = fixture_boot(mem_bytes);
	g.t = fixture_task(g.k);
	g.mem = do_mmap(g.t->mm, 0, 16 * PAGE_SIZE, LINUX_PROT_READ | LINUX_PROT_WRITE,
			LINUX_MAP_PRIVATE | LINUX_MAP_ANONYMOUS, NULL, 0);
	cr_assert(g.mem < TASK_SIZE);
	mkdir_in_root("tmp");
	mkdir_in_root("dev");
	return g;
}

static long
call(long (*sys)(struct task_struct *, const uint64_t *), struct guest *g,
     uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4)
{
	uint64_t args[6] = { a0, a1, a2, a3, a4, 0 };

	return sys(g->t, args);
}

/* A string in the guest; slot picks one of eight 256-byte places. */
static uint64_t
gstr(struct guest *g, int slot, const char *s)
{
	uint64_t at = g->mem + 8 * PAGE_SIZE + slot * 256;

	cr_assert_eq(copy_to_user(g->t->mm, at, s, strlen(s) + 1), 0);
	return at;
}

static long
g_open(struct guest *g, const char *name, int flags, int mode)
{
	return call(sys_openat, g, G_AT_FDCWD, gstr(g, 0, name), flags, mode, 0);
}

static long
g_write(struct guest *g, long fd, const char *s)
{
	cr_assert_eq(copy_to_user(g->t->mm, g->mem, s, strlen(s)), 0);
	return call(sys_write, g, fd, g->mem, strlen(s), 0, 0);
}

/* Read up to n bytes at the file position into out, NUL-terminated. */
static long
g_read(struct guest *g, long fd, char *out, size_t n)
{
	long r = call(sys_read, g, fd, g->mem, n, 0, 0);

	if (r > 0)
		cr_assert_eq(copy_from_user(g->t->mm, out, g->mem, r), 0);
	out[r > 0 ? r : 0] = '\0';
	return r;
}

static int
g_stat(struct guest *g, const char *name, bool follow, struct kstat *st)
{
	return vfs_statx(g->t, -100, name, follow ? 0 : 0x100, st,
			 STATX_BASIC_STATS);
}

static long
g_mkdir(struct guest *g, const char *name, int mode)
{
	return call(sys_mkdirat, g, G_AT_FDCWD, gstr(g, 0, name), mode, 0, 0);
}

static long
g_unlink(struct guest *g, const char *name, int flags)
{
	return call(sys_unlinkat, g, G_AT_FDCWD, gstr(g, 0, name), flags, 0, 0);
}

static long
g_rename(struct guest *g, const char *from, const char *to, int flags)
{
	return call(sys_renameat2, g, G_AT_FDCWD, gstr(g, 0, from), G_AT_FDCWD,
		    gstr(g, 1, to), flags);
}

static long
g_create(struct guest *g, const char *name, const char *content)
{
	long fd = g_open(g, name, G_O_CREAT | G_O_WRONLY | G_O_TRUNC, 0666);

	cr_assert_geq(fd, 0, "create %s: %ld", name, fd);
	if (content)
		cr_assert_eq(g_write(g, fd, content), (long)strlen(content));
	return call(sys_close, g, fd, 0, 0, 0, 0);
}

static const char *
g_cwd(struct guest *g, char *buf)
{
	long n = call(sys_getcwd, g, g->mem, 256, 0, 0, 0);

	if (n < 0)
		return NULL;
	cr_assert_eq(copy_from_user(g->t->mm, buf, g->mem, n), 0);
	return buf;
}

Test(tmpfs, mounts_are_crossed_into_and_out_of_by_the_walk)
{
	struct guest g = guest_boot(0);
	struct kstat st;
	struct dentry *d;
	char buf[256];

	cr_assert_eq(g_stat(&g, "/tmp", true, &st), 0);
	cr_expect_eq(st.mode, S_IFDIR | 01777, "sticky, world-writable /tmp");
	cr_expect_eq(st.ino, 1, "the root of a fresh tmpfs");
	cr_assert_eq(g_stat(&g, "/dev/shm", true, &st), 0);
	cr_expect_eq(st.mode, S_IFDIR | 01777);
	cr_assert_eq(filename_lookup(g.t, -100, "/tmp/..", 0, &d, &st), 0);
	cr_expect_str_eq(d->d_path, "/");
	dput(d);
	cr_assert_eq(filename_lookup(g.t, -100, "/dev/shm/../null", 0, &d, &st), 0);
	cr_expect_str_eq(d->d_path, "/dev/null");
	cr_expect(S_ISCHR(st.mode));
	dput(d);
	cr_expect_eq(call(sys_chdir, &g, gstr(&g, 0, "/dev/shm"), 0, 0, 0, 0), 0);
	cr_expect_str_eq(g_cwd(&g, buf), "/dev/shm");
	cr_expect_eq(call(sys_chdir, &g, gstr(&g, 0, "../.."), 0, 0, 0, 0), 0);
	cr_expect_str_eq(g_cwd(&g, buf), "/");
	cr_expect_eq(call(sys_statfs, &g, gstr(&g, 0, "/tmp"), g.mem, 0, 0, 0), 0);
	cr_assert_eq(copy_from_user(g.t->mm, buf, g.mem, 8), 0);
	cr_expect_eq(*(int64_t *)buf, G_TMPFS_MAGIC);
	fixture_shutdown(g.k);
}

Test(tmpfs, a_created_file_reads_back_with_umask_applied)
{
	struct guest g = guest_boot(0);
	struct kstat st;
	char buf[64];
	long fd;

	fd = g_open(&g, "/tmp/f", G_O_CREAT | G_O_EXCL | G_O_RDWR, 0666);
	cr_assert_geq(fd, 0);
	cr_expect_eq(g_open(&g, "/tmp/f", G_O_CREAT | G_O_EXCL | G_O_RDWR, 0666), -EEXIST);
	cr_expect_eq(g_write(&g, fd, "hello"), 5);
	cr_expect_eq(call(sys_lseek, &g, fd, 0, G_SEEK_SET, 0, 0), 0);
	cr_expect_eq(g_read(&g, fd, buf, sizeof(buf) - 1), 5);
	cr_expect_str_eq(buf, "hello");
	cr_assert_eq(g_stat(&g, "/tmp/f", true, &st), 0);
	cr_expect_eq(st.mode, S_IFREG | 0644, "umask 022");
	cr_expect_eq(st.size, 5);
	cr_expect_eq(st.nlink, 1);
	cr_expect_eq(st.blocks, 8, "one page");
	cr_expect_eq(call(sys_close, &g, fd, 0, 0, 0, 0), 0);
	/* A new file opens for writing whatever its mode. */
	fd = g_open(&g, "/tmp/ro", G_O_CREAT | G_O_WRONLY, 0444);
	cr_expect_geq(fd, 0);
	fixture_shutdown(g.k);
}

Test(tmpfs, append_trunc_and_positional_io_follow_linux)
{
	struct guest g = guest_boot(0);
	char buf[64];
	long fd;

	g_create(&g, "/tmp/f", "hello");
	fd = g_open(&g, "/tmp/f", G_O_WRONLY | G_O_APPEND, 0);
	cr_assert_geq(fd, 0);
	cr_expect_eq(call(sys_lseek, &g, fd, 0, G_SEEK_SET, 0, 0), 0);
	cr_expect_eq(g_write(&g, fd, " world"), 6, "O_APPEND writes at the end");
	cr_expect_eq(call(sys_lseek, &g, fd, 0, 1, 0, 0), 11);
	call(sys_close, &g, fd, 0, 0, 0, 0);
	fd = g_open(&g, "/tmp/f", G_O_RDWR, 0);
	cr_expect_eq(call(sys_pread64, &g, fd, g.mem, 5, 6, 0), 5);
	cr_assert_eq(copy_from_user(g.t->mm, buf, g.mem, 5), 0);
	cr_expect_arr_eq(buf, "world", 5);
	cr_assert_eq(copy_to_user(g.t->mm, g.mem, "J", 1), 0);
	cr_expect_eq(call(sys_pwrite64, &g, fd, g.mem, 1, 0, 0), 1);
	cr_expect_eq(g_read(&g, fd, buf, 63), 11, "pwrite leaves the position");
	cr_expect_str_eq(buf, "Jello world");
	call(sys_close, &g, fd, 0, 0, 0, 0);
	fd = g_open(&g, "/tmp/f", G_O_RDWR | G_O_TRUNC, 0);
	cr_expect_eq(call(sys_lseek, &g, fd, 0, G_SEEK_END, 0, 0), 0, "O_TRUNC empties");
	fixture_shutdown(g.k);
}

Test(tmpfs, holes_read_as_zeros_and_seek_data_finds_written_pages)
{
	struct guest g = guest_boot(0);
	struct kstat st;
	char buf[8];
	long fd;

	fd = g_open(&g, "/tmp/h", G_O_CREAT | G_O_RDWR, 0644);
	cr_assert_eq(copy_to_user(g.t->mm, g.mem, "end", 3), 0);
	cr_expect_eq(call(sys_pwrite64, &g, fd, g.mem, 3, 1 << 20, 0), 3);
	cr_assert_eq(vfs_fstat(g.t, fd, &st), 0);
	cr_expect_eq(st.size, (1 << 20) + 3);
	cr_expect_eq(st.blocks, 8, "only the written page takes memory");
	cr_expect_eq(call(sys_pread64, &g, fd, g.mem, 4, 100, 0), 4);
	cr_assert_eq(copy_from_user(g.t->mm, buf, g.mem, 4), 0);
	cr_expect_arr_eq(buf, "\0\0\0\0", 4);
	cr_expect_eq(call(sys_lseek, &g, fd, 0, G_SEEK_DATA, 0, 0), 1 << 20);
	cr_expect_eq(call(sys_lseek, &g, fd, 5000, G_SEEK_HOLE, 0, 0), 5000);
	cr_expect_eq(call(sys_lseek, &g, fd, (1 << 20) + 1, G_SEEK_HOLE, 0, 0),
		     (1 << 20) + 3, "the end of the file is a hole");
	cr_expect_eq(call(sys_lseek, &g, fd, (1 << 20) + 3, G_SEEK_DATA, 0, 0), -ENXIO);
	fixture_shutdown(g.k);
}

Test(tmpfs, truncate_frees_pages_and_growing_again_reads_zeros)
{
	struct guest g = guest_boot(0);
	struct kstat st;
	char buf[8];
	long fd;

	g_create(&g, "/tmp/t", "abcdef");
	fd = g_open(&g, "/tmp/t", G_O_RDWR, 0);
	cr_expect_eq(call(sys_ftruncate, &g, fd, 3, 0, 0, 0), 0);
	cr_expect_eq(call(sys_ftruncate, &g, fd, 6, 0, 0, 0), 0);
	cr_expect_eq(call(sys_pread64, &g, fd, g.mem, 6, 0, 0), 6);
	cr_assert_eq(copy_from_user(g.t->mm, buf, g.mem, 6), 0);
	cr_expect_arr_eq(buf, "abc\0\0\0", 6);
	cr_expect_eq(call(sys_ftruncate, &g, fd, 0, 0, 0, 0), 0);
	cr_assert_eq(vfs_fstat(g.t, fd, &st), 0);
	cr_expect_eq(st.blocks, 0);
	cr_expect_eq(call(sys_ftruncate, &g, fd, (uint64_t)-1, 0, 0, 0), -EINVAL);
	call(sys_close, &g, fd, 0, 0, 0, 0);
	fd = g_open(&g, "/tmp/t", G_O_RDONLY, 0);
	cr_expect_eq(call(sys_ftruncate, &g, fd, 1, 0, 0, 0), -EINVAL, "not open for writing");
	cr_expect_eq(call(sys_truncate, &g, gstr(&g, 0, "/tmp/t"), 100, 0, 0, 0), 0);
	cr_assert_eq(g_stat(&g, "/tmp/t", true, &st), 0);
	cr_expect_eq(st.size, 100);
	cr_expect_eq(call(sys_truncate, &g, gstr(&g, 0, "/tmp"), 1, 0, 0, 0), -EISDIR);
	fixture_shutdown(g.k);
}

Test(tmpfs, an_unlinked_open_file_keeps_its_data_until_the_last_close)
{
	struct guest g = guest_boot(0);
	uint64_t pages;
	struct kstat st;
	char buf[8];
	long fd;

	fd = g_open(&g, "/tmp/u", G_O_CREAT | G_O_RDWR, 0600);
	cr_assert_eq(copy_to_user(g.t->mm, g.mem, "x", 1), 0);
	pages = g.k->nr_pages;		/* the guest's scratch pages are in */
	cr_expect_eq(g_write(&g, fd, "keep"), 4);
	cr_expect_eq(g_unlink(&g, "/tmp/u", 0), 0);
	cr_expect_eq(g_stat(&g, "/tmp/u", true, &st), -ENOENT);
	cr_assert_eq(vfs_fstat(g.t, fd, &st), 0);
	cr_expect_eq(st.nlink, 0);
	cr_expect_eq(call(sys_pread64, &g, fd, g.mem, 4, 0, 0), 4);
	cr_assert_eq(copy_from_user(g.t->mm, buf, g.mem, 4), 0);
	cr_expect_arr_eq(buf, "keep", 4);
	cr_expect_gt(g.k->nr_pages, pages);
	call(sys_close, &g, fd, 0, 0, 0, 0);
	cr_expect_eq(g.k->nr_pages, pages, "the last close frees the data");
	fixture_shutdown(g.k);
}

Test(tmpfs, directories_count_links_and_refuse_to_go_while_full)
{
	struct guest g = guest_boot(0);
	struct kstat st;

	cr_expect_eq(g_mkdir(&g, "/tmp/d", 0777), 0);
	cr_expect_eq(g_mkdir(&g, "/tmp/d", 0777), -EEXIST);
	cr_expect_eq(g_mkdir(&g, "/tmp/d/e", 0777), 0);
	cr_assert_eq(g_stat(&g, "/tmp/d", true, &st), 0);
	cr_expect_eq(st.nlink, 3, "itself, its name and e's ..");
	cr_expect_eq(st.size, 60, "tmpfs: 20 bytes per entry plus 40");
	cr_expect_eq(st.mode, S_IFDIR | 0755);
	cr_assert_eq(g_stat(&g, "/tmp", true, &st), 0);
	cr_expect_eq(st.nlink, 3);
	cr_expect_eq(g_unlink(&g, "/tmp/d", G_AT_REMOVEDIR), -ENOTEMPTY);
	cr_expect_eq(g_unlink(&g, "/tmp/d", 0), -EISDIR);
	cr_expect_eq(g_unlink(&g, "/tmp/d/e/.", G_AT_REMOVEDIR), -EINVAL);
	g_create(&g, "/tmp/f", NULL);
	cr_expect_eq(g_unlink(&g, "/tmp/f", G_AT_REMOVEDIR), -ENOTDIR);
	cr_expect_eq(g_unlink(&g, "/tmp/f/", 0), -ENOTDIR);
	cr_expect_eq(g_unlink(&g, "/tmp/d/e", G_AT_REMOVEDIR), 0);
	cr_expect_eq(g_unlink(&g, "/tmp/d", G_AT_REMOVEDIR), 0);
	cr_assert_eq(g_stat(&g, "/tmp", true, &st), 0);
	cr_expect_eq(st.nlink, 2);
	cr_expect_eq(g_unlink(&g, "/dev/shm", G_AT_REMOVEDIR), -EBUSY, "a mount point");
	cr_expect_eq(g_unlink(&g, "/tmp", G_AT_REMOVEDIR), -EROFS, "on the read-only root");
	fixture_shutdown(g.k);
}

Test(tmpfs, rename_replaces_moves_and_refuses_loops)
{
	struct guest g = guest_boot(0);
	struct kstat st;

	g_create(&g, "/tmp/a", "A");
	g_create(&g, "/tmp/b", "B");
	g_mkdir(&g, "/tmp/d", 0755);
	g_mkdir(&g, "/tmp/d/e", 0755);
	cr_expect_eq(g_rename(&g, "/tmp/a", "/tmp/b", 0), 0);
	cr_assert_eq(g_stat(&g, "/tmp/b", true, &st), 0);
	cr_expect_eq(st.size, 1);
	cr_expect_eq(g_stat(&g, "/tmp/a", true, &st), -ENOENT);
	cr_expect_eq(g_rename(&g, "/tmp/b", "/tmp/d", 0), -EISDIR);
	cr_expect_eq(g_rename(&g, "/tmp/d", "/tmp/b", 0), -ENOTDIR);
	cr_expect_eq(g_rename(&g, "/tmp/d", "/tmp/d/e/x", 0), -EINVAL, "into itself");
	g_mkdir(&g, "/tmp/full", 0755);
	g_create(&g, "/tmp/full/x", NULL);
	cr_expect_eq(g_rename(&g, "/tmp/d", "/tmp/full", 0), -ENOTEMPTY);
	cr_expect_eq(g_rename(&g, "/tmp/b", "/dev/shm/b", 0), -EXDEV);
	cr_expect_eq(g_rename(&g, "/tmp/d/e", "/tmp/e", 0), 0);
	cr_assert_eq(g_stat(&g, "/tmp/d", true, &st), 0);
	cr_expect_eq(st.nlink, 2, "e's .. left d");
	cr_expect_eq(g_rename(&g, "/tmp/b", "/tmp/d", G_RENAME_EXCHANGE), 0);
	cr_assert_eq(g_stat(&g, "/tmp/b", true, &st), 0);
	cr_expect(S_ISDIR(st.mode));
	cr_expect_eq(g_rename(&g, "/tmp/b", "/tmp/d", G_RENAME_NOREPLACE), -EEXIST);
	fixture_shutdown(g.k);
}

Test(tmpfs, links_and_symlinks)
{
	struct guest g = guest_boot(0);
	struct kstat st;
	char buf[64] = "";
	long n;

	g_create(&g, "/tmp/f", "data");
	cr_expect_eq(call(sys_linkat, &g, G_AT_FDCWD, gstr(&g, 0, "/tmp/f"), G_AT_FDCWD,
			  gstr(&g, 1, "/tmp/g"), 0), 0);
	cr_assert_eq(g_stat(&g, "/tmp/f", true, &st), 0);
	cr_expect_eq(st.nlink, 2);
	cr_expect_eq(call(sys_linkat, &g, G_AT_FDCWD, gstr(&g, 0, "/tmp/f"), G_AT_FDCWD,
			  gstr(&g, 1, "/dev/shm/f"), 0), -EXDEV);
	cr_expect_eq(call(sys_linkat, &g, G_AT_FDCWD, gstr(&g, 0, "/tmp"), G_AT_FDCWD,
			  gstr(&g, 1, "/tmp/dir"), 0), -EPERM);
	cr_expect_eq(call(sys_symlinkat, &g, gstr(&g, 0, "f"), G_AT_FDCWD,
			  gstr(&g, 1, "/tmp/l"), 0, 0), 0);
	n = call(sys_readlinkat, &g, G_AT_FDCWD, gstr(&g, 0, "/tmp/l"), g.mem, 64, 0);
	cr_expect_eq(n, 1);
	cr_assert_eq(copy_from_user(g.t->mm, buf, g.mem, 1), 0);
	cr_expect_str_eq(buf, "f");
	cr_assert_eq(g_stat(&g, "/tmp/l", false, &st), 0);
	cr_expect_eq(st.mode, S_IFLNK | 0777);
	cr_expect_eq(st.size, 1);
	cr_assert_eq(g_stat(&g, "/tmp/l", true, &st), 0);
	cr_expect_eq(st.size, 4, "followed to f");
	/* O_CREAT through a dangling link creates its target. */
	call(sys_symlinkat, &g, gstr(&g, 0, "/tmp/target"), G_AT_FDCWD,
	     gstr(&g, 1, "/tmp/dangling"), 0, 0);
	cr_expect_geq(g_open(&g, "/tmp/dangling", G_O_CREAT | G_O_WRONLY, 0600), 0);
	cr_expect_eq(g_stat(&g, "/tmp/target", true, &st), 0);
	cr_expect_eq(g_open(&g, "/tmp/l", G_O_CREAT | G_O_EXCL | G_O_WRONLY, 0600), -EEXIST);
	fixture_shutdown(g.k);
}

/* The names of a directory, in getdents64 order, space-separated. */
static void
list_dir(struct guest *g, const char *dir, char *out)
{
	long fd = g_open(g, dir, G_O_RDONLY | G_O_DIRECTORY, 0), n, off;
	char buf[2048];

	cr_assert_geq(fd, 0);
	out[0] = '\0';
	while ((n = call(sys_getdents64, g, fd, g->mem, sizeof(buf), 0, 0)) > 0) {
		cr_assert_eq(copy_from_user(g->t->mm, buf, g->mem, n), 0);
		for (off = 0; off < n;) {
			uint16_t reclen;

			memcpy(&reclen, buf + off + 16, 2);
			strcat(out, buf + off + 19);
			strcat(out, " ");
			off += reclen;
		}
	}
	call(sys_close, g, fd, 0, 0, 0, 0);
}

Test(tmpfs, getdents_lists_dots_then_newest_first_as_linux_6_14)
{
	struct guest g = guest_boot(0);
	char names[256];

	g_create(&g, "/tmp/a", NULL);
	g_create(&g, "/tmp/b", NULL);
	g_mkdir(&g, "/tmp/c", 0755);
	list_dir(&g, "/tmp", names);
	cr_expect_str_eq(names, ". .. c b a ");
	g_rename(&g, "/tmp/a", "/tmp/z", 0);
	list_dir(&g, "/tmp", names);
	cr_expect_str_eq(names, ". .. z c b ", "a renamed name is the newest");
	list_dir(&g, "/dev", names);
	cr_expect(strstr(names, "null ") && strstr(names, "shm ") && strstr(names, "urandom "));
	fixture_shutdown(g.k);
}

Test(tmpfs, getcwd_follows_renames_and_fails_in_a_removed_directory)
{
	struct guest g = guest_boot(0);
	char buf[256];

	g_mkdir(&g, "/tmp/a", 0755);
	g_mkdir(&g, "/tmp/a/b", 0755);
	cr_assert_eq(call(sys_chdir, &g, gstr(&g, 0, "/tmp/a/b"), 0, 0, 0, 0), 0);
	cr_expect_eq(g_rename(&g, "/tmp/a", "/tmp/z", 0), 0);
	cr_expect_str_eq(g_cwd(&g, buf), "/tmp/z/b");
	cr_expect_eq(g_unlink(&g, "/tmp/z/b", G_AT_REMOVEDIR), 0);
	cr_expect_null(g_cwd(&g, buf));
	cr_expect_eq(g_open(&g, "new", G_O_CREAT | G_O_WRONLY, 0644), -ENOENT,
		     "nothing can be made in a removed directory");
	cr_expect_eq(call(sys_chdir, &g, gstr(&g, 0, ".."), 0, 0, 0, 0), 0);
	cr_expect_str_eq(g_cwd(&g, buf), "/tmp/z");
	fixture_shutdown(g.k);
}

Test(tmpfs, sticky_tmp_protects_other_users_files)
{
	struct guest g = guest_boot(0);
	struct kstat st;

	g_create(&g, "/tmp/roots", NULL);
	g_mkdir(&g, "/tmp/private", 0755);
	cr_assert_eq(chmod(fixture_root, 0755), 0);	/* mkdtemp made it 0700 */
	g.t->cred->fsuid = g.t->cred->uid = g.t->cred->euid = 1000;
	g.t->cred->fsgid = g.t->cred->gid = g.t->cred->egid = 1000;
	cr_expect_eq(g_unlink(&g, "/tmp/roots", 0), -EPERM, "sticky: not the owner");
	cr_expect_eq(g_rename(&g, "/tmp/roots", "/tmp/mine", 0), -EPERM);
	cr_expect_eq(g_create(&g, "/tmp/mine", NULL), 0, "but /tmp is world-writable");
	cr_assert_eq(g_stat(&g, "/tmp/mine", true, &st), 0);
	cr_expect_eq(st.uid, 1000);
	cr_expect_eq(st.gid, 1000);
	cr_expect_eq(g_unlink(&g, "/tmp/mine", 0), 0);
	cr_expect_eq(g_open(&g, "/tmp/private/x", G_O_CREAT | G_O_WRONLY, 0644), -EACCES);
	cr_expect_eq(g_open(&g, "/tmp/roots", G_O_WRONLY, 0), -EACCES);
	cr_expect_eq(call(sys_fchmodat, &g, G_AT_FDCWD, gstr(&g, 0, "/tmp/roots"), 0777, 0, 0),
		     -EPERM, "only the owner may chmod");
	fixture_shutdown(g.k);
}

Test(tmpfs, chmod_chown_and_utimensat_change_attributes)
{
	struct guest g = guest_boot(0);
	int64_t times[4] = { 1000000000, 123, 1234567890, 456 };
	struct kstat st;

	g_create(&g, "/tmp/f", NULL);
	cr_expect_eq(call(sys_fchmodat, &g, G_AT_FDCWD, gstr(&g, 0, "/tmp/f"), 04755, 0, 0), 0);
	cr_assert_eq(g_stat(&g, "/tmp/f", true, &st), 0);
	cr_expect_eq(st.mode, S_IFREG | 04755);
	cr_expect_eq(call(sys_fchownat, &g, G_AT_FDCWD, gstr(&g, 0, "/tmp/f"), 7, 8, 0), 0);
	cr_assert_eq(g_stat(&g, "/tmp/f", true, &st), 0);
	cr_expect_eq(st.uid, 7);
	cr_expect_eq(st.gid, 8);
	cr_expect_eq(st.mode, S_IFREG | 0755, "chown clears set-user-ID");
	cr_assert_eq(copy_to_user(g.t->mm, g.mem, times, sizeof(times)), 0);
	cr_expect_eq(call(sys_utimensat, &g, G_AT_FDCWD, gstr(&g, 0, "/tmp/f"), g.mem, 0, 0), 0);
	cr_assert_eq(g_stat(&g, "/tmp/f", true, &st), 0);
	cr_expect_eq(st.atime.tv_sec, 1000000000);
	cr_expect_eq(st.atime.tv_nsec, 123);
	cr_expect_eq(st.mtime.tv_sec, 1234567890);
	cr_expect_eq(call(sys_fchmodat, &g, G_AT_FDCWD, gstr(&g, 0, "/etc"), 0777, 0, 0),
		     -ENOENT);
	fixture_shutdown(g.k);
}

Test(tmpfs, a_full_instance_says_enospc)
{
	/* 64 pages of memory: tmpfs may take half. */
	struct guest g = guest_boot(64 * PAGE_SIZE);
	long fd, n, total = 0;

	fd = g_open(&g, "/tmp/big", G_O_CREAT | G_O_WRONLY, 0644);
	cr_assert_geq(fd, 0);
	while ((n = call(sys_write, &g, fd, g.mem, 4 * PAGE_SIZE, 0, 0)) > 0)
		total += n;
	cr_expect_eq(n, -ENOSPC);
	cr_expect_leq(total, 32 * (long)PAGE_SIZE);
	cr_expect_eq(g_unlink(&g, "/tmp/big", 0), 0);
	call(sys_close, &g, fd, 0, 0, 0, 0);
	cr_expect_eq(g_create(&g, "/tmp/small", "fits again"), 0);
	fixture_shutdown(g.k);
}

/* Mappings map the file's own pages: a store through a shared mapping is
 * what read() returns; a private mapping sees the file until its first
 * write copies the page. */
Test(tmpfs, shared_mappings_write_the_file_private_ones_copy)
{
	struct guest g = guest_boot(0);
	char buf[8];
	long fd, priv, shared;

	g_create(&g, "/tmp/m", "mapped!");
	fd = g_open(&g, "/tmp/m", G_O_RDWR, 0);
	priv = call(sys_mmap, &g, 0, PAGE_SIZE, LINUX_PROT_READ | LINUX_PROT_WRITE,
		    LINUX_MAP_PRIVATE, fd);
	cr_assert(priv > 0 && (uint64_t)priv < TASK_SIZE, "mmap: %ld", priv);
	cr_assert_eq(copy_from_user(g.t->mm, buf, priv, 7), 0);
	cr_expect_arr_eq(buf, "mapped!", 7);
	shared = call(sys_mmap, &g, 0, PAGE_SIZE, LINUX_PROT_READ | LINUX_PROT_WRITE,
		      LINUX_MAP_SHARED, fd);
	cr_assert(shared > 0 && (uint64_t)shared < TASK_SIZE, "mmap: %ld", shared);
	cr_assert_eq(copy_to_user(g.t->mm, shared, "SHARED", 6), 0);
	cr_assert_eq(copy_to_user(g.t->mm, priv, "p", 1), 0);
	cr_expect_eq(call(sys_pread64, &g, fd, g.mem, 7, 0, 0), 7);
	cr_assert_eq(copy_from_user(g.t->mm, buf, g.mem, 7), 0);
	cr_expect_arr_eq(buf, "SHARED!", 7, "read() sees the shared store");
	cr_assert_eq(copy_from_user(g.t->mm, buf, priv, 7), 0);
	/* Until its first write the private mapping saw the file's page (the
	 * shared store too); the write copied that. */
	cr_expect_arr_eq(buf, "pHARED!", 7, "the private copy: the file at the write, then its own");
	fixture_shutdown(g.k);
}

Test(devfs, memory_devices_behave_as_linux)
{
	struct guest g = guest_boot(0);
	struct kstat st;
	char buf[16];
	long fd;

	cr_assert_eq(g_stat(&g, "/dev/null", true, &st), 0);
	cr_expect_eq(st.mode, S_IFCHR | 0666);
	cr_expect_eq(st.rdev, MKDEV(1, 3));
	cr_assert_eq(g_stat(&g, "/dev/console", true, &st), 0);
	cr_expect_eq(st.mode, S_IFCHR | 0600);
	cr_expect_eq(st.rdev, MKDEV(5, 1));
	fd = g_open(&g, "/dev/null", G_O_RDWR, 0);
	cr_expect_eq(g_read(&g, fd, buf, 8), 0);
	cr_expect_eq(g_write(&g, fd, "gone"), 4);
	fd = g_open(&g, "/dev/zero", G_O_RDONLY, 0);
	cr_assert_eq(copy_to_user(g.t->mm, g.mem, "xxxx", 4), 0);
	cr_expect_eq(call(sys_read, &g, fd, g.mem, 4, 0, 0), 4);
	cr_assert_eq(copy_from_user(g.t->mm, buf, g.mem, 4), 0);
	cr_expect_arr_eq(buf, "\0\0\0\0", 4);
	fd = g_open(&g, "/dev/full", G_O_WRONLY, 0);
	cr_expect_eq(g_write(&g, fd, "x"), -ENOSPC);
	cr_expect_eq(g_open(&g, "/dev/tty", G_O_RDWR, 0), -ENXIO, "no controlling tty");
	cr_assert_eq(g_stat(&g, "/dev/stdin", false, &st), 0);
	cr_expect(S_ISLNK(st.mode));
	/* /tmp is nodev: a device node made there opens nothing. */
	cr_expect_eq(call(sys_mknodat, &g, G_AT_FDCWD, gstr(&g, 0, "/tmp/null"),
			  S_IFCHR | 0666, (1 << 8) | 3, 0), 0);
	cr_expect_eq(g_open(&g, "/tmp/null", G_O_RDWR, 0), -EACCES);
	fixture_shutdown(g.k);
}

/* Eight bytes of /dev/urandom from a fresh kernel booted with seed. */
static uint64_t
urandom_u64(uint64_t seed)
{
	struct guest g = guest_boot(0);
	uint64_t v;
	long fd;

	g.k->rng_state = seed;
	fd = g_open(&g, "/dev/urandom", G_O_RDONLY, 0);
	cr_assert_eq(call(sys_read, &g, fd, g.mem, 8, 0, 0), 8);
	cr_assert_eq(copy_from_user(g.t->mm, &v, g.mem, 8), 0);
	fixture_shutdown(g.k);
	return v;
}

Test(devfs, urandom_is_the_same_for_the_same_seed)
{
	cr_expect_eq(urandom_u64(42), urandom_u64(42));
	cr_expect_neq(urandom_u64(42), urandom_u64(43));
}
