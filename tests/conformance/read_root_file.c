/*
 * read_root_file FIXTURE — reading files and directories, and the file descriptor
 * table.
 *
 * FIXTURE is the directory the runner builds (host path natively, guest path in
 * taskbox); the guest root is read-only, so nothing here writes to a file:
 *	hello.txt		"hello, conformance\n" (19 bytes), mode 0644
 *	hello-hardlink		a hard link to hello.txt
 *	hello-link		symlink -> hello.txt
 *	dangling-link		symlink -> missing
 *	subdir-link		symlink -> subdir
 *	loop-a, loop-b		symlinks to each other
 *	pattern.bin		"line 0001\n" .. "line 1000\n" (10000 bytes)
 *	empty			0 bytes
 *	script.sh		mode 0755
 *	subdir/inner.txt	"inner\n"
 * Paths are printed relative to FIXTURE only.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <termios.h>
#include <unistd.h>

#include "lib/check.h"

#define HELLO "hello, conformance\n"
#define HELLO_LEN 19L

static const char *fixture;
static int fixture_fd;

static const char *
at(const char *name)
{
	static char path[2][PATH_MAX];
	static int which;

	which ^= 1;
	snprintf(path[which], PATH_MAX, "%s/%s", fixture, name);
	return path[which];
}

static int
open_ro(const char *name)
{
	return open(at(name), O_RDONLY | O_CLOEXEC);
}

static void
test_read_lseek(void)
{
	char buf[64];
	long n;
	int fd = open_ro("hello.txt");

	check_success("open_hello", fd, errno);
	EXPECT_RET("read_4", read(fd, buf, 4), 4);
	check("read_4_bytes", memcmp(buf, "hell", 4) == 0, "\"%.4s\"", buf);
	EXPECT_RET("read_rest", n = read(fd, buf, sizeof(buf)), HELLO_LEN - 4);
	check("read_rest_bytes", n == HELLO_LEN - 4 && memcmp(buf, HELLO + 4, n) == 0,
	      "\"%.*s\"", (int)(n > 0 ? n - 1 : 0), buf);
	EXPECT_RET("read_at_eof", read(fd, buf, sizeof(buf)), 0);
	EXPECT_RET("read_zero_count", read(fd, buf, 0), 0);

	EXPECT_RET("lseek_set", lseek(fd, 7, SEEK_SET), 7);
	EXPECT_RET("read_after_seek", read(fd, buf, 4), 4);
	check("read_after_seek_bytes", memcmp(buf, "conf", 4) == 0, "\"%.4s\"", buf);
	EXPECT_RET("lseek_cur", lseek(fd, 3, SEEK_CUR), 14);
	EXPECT_RET("lseek_cur_zero_tells", lseek(fd, 0, SEEK_CUR), 14);
	EXPECT_RET("lseek_end", lseek(fd, 0, SEEK_END), HELLO_LEN);
	EXPECT_RET("lseek_end_minus_5", lseek(fd, -5, SEEK_END), HELLO_LEN - 5);
	EXPECT_RET("lseek_past_end", lseek(fd, 1000, SEEK_SET), 1000);
	EXPECT_RET("read_past_end", read(fd, buf, sizeof(buf)), 0);
	EXPECT_ERRNO("lseek_negative", lseek(fd, -1, SEEK_SET), EINVAL);
	EXPECT_ERRNO("lseek_before_start_cur", lseek(fd, -2000, SEEK_CUR), EINVAL);
	EXPECT_ERRNO("lseek_bad_whence", lseek(fd, 0, 42), EINVAL);
	EXPECT_RET("offset_kept_after_errors", lseek(fd, 0, SEEK_CUR), 1000);
	EXPECT_RET("lseek_data", lseek(fd, 0, SEEK_DATA), 0);
	EXPECT_RET("lseek_hole", lseek(fd, 0, SEEK_HOLE), HELLO_LEN);
	EXPECT_ERRNO("lseek_data_past_end", lseek(fd, HELLO_LEN, SEEK_DATA), ENXIO);

	/* pread reads at its offset and leaves the file offset alone. */
	lseek(fd, 2, SEEK_SET);
	EXPECT_RET("pread", n = pread(fd, buf, 5, 7), 5);
	check("pread_bytes", memcmp(buf, "confo", 5) == 0, "\"%.5s\"", buf);
	EXPECT_RET("pread_keeps_offset", lseek(fd, 0, SEEK_CUR), 2);
	EXPECT_RET("pread_past_end", pread(fd, buf, 5, 100), 0);
	EXPECT_ERRNO("pread_negative_offset", pread(fd, buf, 5, -1), EINVAL);
	close(fd);
}

/* Read pattern.bin in odd-sized pieces and check every byte. */
static void
test_read_chunks(void)
{
	static char buf[10001];
	unsigned long sum = 0;
	long n, total = 0;
	int good = 1, fd = open_ro("pattern.bin");

	check_success("open_pattern", fd, errno);
	while ((n = read(fd, buf + total, total + 777 > 10001 ? 10001 - total : 777)) > 0)
		total += n;
	check_long("read_chunks_total", total, 10000);
	for (n = 0; n < total; n++) {
		sum = sum * 31 + (unsigned char)buf[n];
		if (n % 10 == 9)
			good &= buf[n] == '\n';
	}
	check("read_chunks_content", good && memcmp(buf, "line 0001\n", 10) == 0 &&
	      memcmp(buf + 9990, "line 1000\n", 10) == 0,
	      "first \"%.9s\", last \"%.9s\", checksum %lx", buf, buf + 9990, sum);
	close(fd);

	fd = open_ro("empty");
	EXPECT_RET("read_empty_file", read(fd, buf, 10), 0);
	close(fd);
}

static const char *
file_type(mode_t m)
{
	return S_ISREG(m) ? "regular" : S_ISDIR(m) ? "directory" : S_ISLNK(m) ? "symlink" :
	       S_ISCHR(m) ? "char device" : S_ISFIFO(m) ? "fifo" : "other";
}

static void
test_stat(void)
{
	struct stat st, st2, lst, dst;
	struct statx stx;
	int fd = open_ro("hello.txt");

	EXPECT_RET("fstat", fstat(fd, &st), 0);
	check_str("fstat_type", file_type(st.st_mode), "regular");
	check_long("fstat_size", st.st_size, HELLO_LEN);
	check("fstat_mode", (st.st_mode & 07777) == 0644, "%04o", st.st_mode & 07777);
	check_long("fstat_nlink", st.st_nlink, 2);	/* hello-hardlink */
	check("fstat_blksize", st.st_blksize > 0, "st_blksize > 0: %s", yesno(st.st_blksize > 0));
	EXPECT_RET("stat_path", stat(at("hello.txt"), &st2), 0);
	check("stat_same_inode", st.st_ino == st2.st_ino && st.st_dev == st2.st_dev,
	      "stat by path and fstat name the same inode: %s",
	      yesno(st.st_ino == st2.st_ino && st.st_dev == st2.st_dev));
	EXPECT_RET("stat_hardlink", stat(at("hello-hardlink"), &st2), 0);
	check("hardlink_same_inode", st.st_ino == st2.st_ino,
	      "the hard link is the same inode: %s", yesno(st.st_ino == st2.st_ino));

	EXPECT_RET("fstatat_nofollow", fstatat(fixture_fd, "hello-link", &lst, AT_SYMLINK_NOFOLLOW), 0);
	check_str("symlink_type", file_type(lst.st_mode), "symlink");
	check_long("symlink_size", lst.st_size, strlen("hello.txt"));
	EXPECT_RET("fstatat_follow", fstatat(fixture_fd, "hello-link", &st2, 0), 0);
	check("symlink_followed", S_ISREG(st2.st_mode) && st2.st_ino == st.st_ino,
	      "following the link gives hello.txt: %s",
	      yesno(S_ISREG(st2.st_mode) && st2.st_ino == st.st_ino));
	check("symlink_own_inode", lst.st_ino != st.st_ino, "the link has its own inode: %s",
	      yesno(lst.st_ino != st.st_ino));
	EXPECT_ERRNO("stat_dangling", stat(at("dangling-link"), &st2), ENOENT);
	EXPECT_RET("lstat_dangling", lstat(at("dangling-link"), &st2), 0);
	EXPECT_RET("fstatat_empty_path", fstatat(fd, "", &st2, AT_EMPTY_PATH), 0);
	check("fstatat_empty_path_is_fd", st2.st_ino == st.st_ino,
	      "AT_EMPTY_PATH stats the descriptor: %s", yesno(st2.st_ino == st.st_ino));
	EXPECT_ERRNO("fstatat_empty_path_without_flag", fstatat(fd, "", &st2, 0), ENOENT);
	EXPECT_ERRNO("fstatat_bad_flags", fstatat(fixture_fd, "hello.txt", &st2, 0x40000000), EINVAL);

	EXPECT_RET("fstat_dir", fstat(fixture_fd, &dst), 0);
	check_str("fstat_dir_type", file_type(dst.st_mode), "directory");
	check("fstat_dir_mode", (dst.st_mode & 07777) == 0755, "%04o", dst.st_mode & 07777);
	EXPECT_RET("stat_dotdot", stat(at("subdir/.."), &st2), 0);
	check("dotdot_is_parent", st2.st_ino == dst.st_ino, "subdir/.. is the fixture: %s",
	      yesno(st2.st_ino == dst.st_ino));
	EXPECT_RET("stat_script", stat(at("script.sh"), &st2), 0);
	check("script_mode", (st2.st_mode & 07777) == 0755, "%04o", st2.st_mode & 07777);

	EXPECT_RET("statx", statx(fixture_fd, "hello.txt", 0, STATX_BASIC_STATS, &stx), 0);
	check("statx_agrees", stx.stx_size == (uint64_t)HELLO_LEN && stx.stx_ino == st.st_ino &&
	      S_ISREG(stx.stx_mode) && stx.stx_nlink == 2 && (stx.stx_mask & STATX_SIZE),
	      "size %llu, same inode: %s, regular: %s, nlink %u",
	      (unsigned long long)stx.stx_size, yesno(stx.stx_ino == st.st_ino),
	      yesno(S_ISREG(stx.stx_mode)), stx.stx_nlink);
	close(fd);
}

static void
test_readlink(void)
{
	char buf[64];
	long n;

	memset(buf, 'x', sizeof(buf));
	EXPECT_RET("readlink", n = readlink(at("hello-link"), buf, sizeof(buf)), 9);
	check("readlink_content", n == 9 && memcmp(buf, "hello.txt", 9) == 0 && buf[9] == 'x',
	      "\"%.9s\", not NUL-terminated: %s", buf, yesno(buf[9] == 'x'));
	EXPECT_RET("readlink_truncates", n = readlink(at("hello-link"), buf, 4), 4);
	check("readlink_truncated_content", memcmp(buf, "hell", 4) == 0, "\"%.4s\"", buf);
	EXPECT_RET("readlinkat", n = readlinkat(fixture_fd, "dangling-link", buf, sizeof(buf)), 7);
	check("readlinkat_content", n == 7 && memcmp(buf, "missing", 7) == 0, "\"%.7s\"", buf);
	EXPECT_ERRNO("readlink_regular_file", readlink(at("hello.txt"), buf, sizeof(buf)), EINVAL);
	EXPECT_ERRNO("readlink_missing", readlink(at("missing"), buf, sizeof(buf)), ENOENT);
	EXPECT_ERRNO("readlink_zero_size", readlink(at("hello-link"), buf, 0), EINVAL);
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *
dtype_name(unsigned char t)
{
	switch (t) {
	case DT_REG: return "reg";
	case DT_DIR: return "dir";
	case DT_LNK: return "lnk";
	case DT_UNKNOWN: return "unknown";
	}
	return "other";
}

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/* getdents64 in small reads, so that a directory takes several calls. */
static void
test_getdents(void)
{
	static char buf[256];
	static char names[64][300];
	char *sorted[64];
	int fd = open(fixture, O_RDONLY | O_DIRECTORY | O_CLOEXEC), n = 0, calls = 0, i;
	int dot_ino_ok = 0;
	struct stat st;
	long got, off;

	check_success("open_dir", fd, errno);
	fstat(fd, &st);
	while ((got = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		calls++;
		for (off = 0; off < got && n < 64;) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);

			snprintf(names[n], sizeof(names[n]), "%s %s", d->d_name,
				 dtype_name(d->d_type));
			if (strcmp(d->d_name, ".") == 0)
				dot_ino_ok = d->d_ino == st.st_ino;
			sorted[n] = names[n];
			n++;
			off += d->d_reclen;
		}
	}
	check_long("getdents64_end", got, 0);
	check("getdents64_several_calls", calls > 1, "a 256-byte buffer takes more than one call: %s",
	      yesno(calls > 1));
	qsort(sorted, n, sizeof(char *), compare_names);
	for (i = 0; i < n; i++)
		printf("  entry: %s\n", sorted[i]);
	check_long("getdents64_count", n, 13);
	check("getdents64_dot_inode", dot_ino_ok, "\".\" carries the directory's inode: %s",
	      yesno(dot_ino_ok));
	EXPECT_RET("getdents64_again_at_end", syscall(SYS_getdents64, fd, buf, sizeof(buf)), 0);
	EXPECT_RET("rewind_dir", lseek(fd, 0, SEEK_SET), 0);
	EXPECT_ERRNO("getdents64_tiny_buffer", syscall(SYS_getdents64, fd, buf, 8), EINVAL);
	close(fd);

	fd = open_ro("hello.txt");
	EXPECT_ERRNO("getdents64_on_file", syscall(SYS_getdents64, fd, buf, sizeof(buf)), ENOTDIR);
	close(fd);
}

static void
test_access_and_errors(void)
{
	char buf[16], longname[300];
	int fd;

	EXPECT_RET("access_f_ok", faccessat(fixture_fd, "hello.txt", F_OK, 0), 0);
	EXPECT_RET("access_r_ok", faccessat(fixture_fd, "hello.txt", R_OK, 0), 0);
	EXPECT_RET("access_x_ok_script", faccessat(fixture_fd, "script.sh", X_OK, 0), 0);
	EXPECT_ERRNO("access_x_ok_plain_file", faccessat(fixture_fd, "hello.txt", X_OK, 0), EACCES);
	EXPECT_ERRNO("access_missing", faccessat(fixture_fd, "missing", F_OK, 0), ENOENT);
	EXPECT_ERRNO("access_bad_mode", faccessat(fixture_fd, "hello.txt", 8, 0), EINVAL);
	EXPECT_ERRNO("access_dangling_link", faccessat(fixture_fd, "dangling-link", F_OK, 0), ENOENT);
	EXPECT_RET("access_dangling_nofollow",
		   faccessat(fixture_fd, "dangling-link", F_OK, AT_SYMLINK_NOFOLLOW), 0);

	EXPECT_ERRNO("open_missing", open(at("missing"), O_RDONLY), ENOENT);
	EXPECT_ERRNO("open_empty_path", open("", O_RDONLY), ENOENT);
	EXPECT_ERRNO("open_through_file", open(at("hello.txt/x"), O_RDONLY), ENOTDIR);
	EXPECT_ERRNO("open_file_trailing_slash", open(at("hello.txt/"), O_RDONLY), ENOTDIR);
	EXPECT_ERRNO("open_o_directory_on_file", open(at("hello.txt"), O_RDONLY | O_DIRECTORY),
		     ENOTDIR);
	EXPECT_ERRNO("openat_o_directory_on_file",
		     openat(fixture_fd, "hello.txt", O_RDONLY | O_DIRECTORY), ENOTDIR);
	EXPECT_ERRNO("open_nofollow_link", open(at("hello-link"), O_RDONLY | O_NOFOLLOW), ELOOP);
	EXPECT_ERRNO("open_symlink_loop", open(at("loop-a"), O_RDONLY), ELOOP);
	EXPECT_ERRNO("open_dangling", open(at("dangling-link"), O_RDONLY), ENOENT);
	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = 0;
	EXPECT_ERRNO("open_name_too_long", openat(fixture_fd, longname, O_RDONLY), ENAMETOOLONG);
	EXPECT_ERRNO("open_bad_dirfd", openat(999, "hello.txt", O_RDONLY), EBADF);
	fd = open_ro("hello.txt");
	EXPECT_ERRNO("openat_dirfd_is_file", openat(fd, "x", O_RDONLY), ENOTDIR);
	EXPECT_RET("openat_absolute_ignores_dirfd", close(openat(fd, at("empty"), O_RDONLY)), 0);
	close(fd);
	fd = openat(fixture_fd, "subdir-link/inner.txt", O_RDONLY);
	EXPECT_RET("open_through_dir_symlink", read(fd, buf, sizeof(buf)), 6);
	close(fd);

	fd = open(fixture, O_RDONLY | O_DIRECTORY);
	EXPECT_ERRNO("read_directory", read(fd, buf, sizeof(buf)), EISDIR);
	close(fd);
	EXPECT_ERRNO("read_closed_fd", read(fd, buf, sizeof(buf)), EBADF);
	EXPECT_ERRNO("read_negative_fd", read(-1, buf, sizeof(buf)), EBADF);
	EXPECT_ERRNO("close_closed_fd", close(fd), EBADF);
	{
		struct stat st;

		EXPECT_ERRNO("fstat_bad_fd", fstat(999, &st), EBADF);
	}
	fd = open_ro("hello.txt");
	EXPECT_ERRNO("write_readonly_fd", write(fd, "x", 1), EBADF);
	close(fd);
}

/* cwd_suffix - getcwd() relative to the fixture: "" for the fixture itself,
 * "/subdir" below it, "(outside: ...)" or "(error)" otherwise. */
static const char *
cwd_suffix(void)
{
	static char cwd[PATH_MAX];
	size_t flen = strlen(fixture);

	if (!getcwd(cwd, sizeof(cwd)))
		return errno_name(errno);
	if (strncmp(cwd, fixture, flen) != 0)
		return "(outside the fixture)";
	return cwd + flen;
}

static void
test_cwd(void)
{
	char cwd[PATH_MAX], small[4];
	const char *where;
	long n;
	int fd;

	EXPECT_RET("chdir_fixture", chdir(fixture), 0);
	where = cwd_suffix();
	check("getcwd_is_fixture", strcmp(where, "") == 0, "fixture + \"%s\"", where);
	EXPECT_RET("chdir_relative", chdir("subdir"), 0);
	where = cwd_suffix();
	check("getcwd_subdir", strcmp(where, "/subdir") == 0, "fixture + \"%s\"", where);
	fd = open("inner.txt", O_RDONLY);
	check_success("open_relative_to_cwd", fd, errno);
	close(fd);
	EXPECT_RET("chdir_dotdot", chdir(".."), 0);
	where = cwd_suffix();
	check("getcwd_after_dotdot", strcmp(where, "") == 0, "fixture + \"%s\"", where);
	EXPECT_RET("chdir_through_symlink", chdir("subdir-link"), 0);
	where = cwd_suffix();
	check("getcwd_resolves_symlink", strcmp(where, "/subdir") == 0, "fixture + \"%s\"", where);
	EXPECT_RET("fchdir", fchdir(fixture_fd), 0);
	where = cwd_suffix();
	check("getcwd_after_fchdir", strcmp(where, "") == 0, "fixture + \"%s\"", where);
	EXPECT_ERRNO("chdir_to_file", chdir("hello.txt"), ENOTDIR);
	EXPECT_ERRNO("chdir_missing", chdir("missing"), ENOENT);
	fd = open_ro("hello.txt");
	EXPECT_ERRNO("fchdir_to_file", fchdir(fd), ENOTDIR);
	close(fd);
	EXPECT_ERRNO("getcwd_small_buffer", syscall(SYS_getcwd, small, sizeof(small)), ERANGE);
	n = syscall(SYS_getcwd, cwd, sizeof(cwd));
	check("getcwd_raw_returns_length", n == (long)strlen(fixture) + 1,
	      "the system call returns strlen + 1: %s", yesno(n == (long)strlen(fixture) + 1));
	chdir("/");
	where = cwd_suffix();
	check("chdir_root", strcmp(where, "(outside the fixture)") == 0, "%s", where);
}

static void
test_fd_table(void)
{
	char a, b;
	int fd = open_ro("hello.txt"), fd2, fd3, low;

	EXPECT_RET("o_cloexec_visible", fcntl(fd, F_GETFD), FD_CLOEXEC);
	EXPECT_RET("f_setfd_clear", fcntl(fd, F_SETFD, 0), 0);
	EXPECT_RET("f_getfd_cleared", fcntl(fd, F_GETFD), 0);
	EXPECT_RET("f_getfl_rdonly", fcntl(fd, F_GETFL) & O_ACCMODE, O_RDONLY);

	/* dup: lowest free number, shared offset, no close-on-exec. */
	low = open("/", O_RDONLY);	/* the lowest free descriptor, then free it */
	close(low);
	fd2 = dup(fd);
	check("dup_lowest", fd2 == low, "dup returns the lowest free descriptor: %s",
	      yesno(fd2 == low));
	EXPECT_RET("dup_no_cloexec", fcntl(fd2, F_GETFD), 0);
	read(fd, &a, 1);
	read(fd2, &b, 1);
	check("dup_shares_offset", a == 'h' && b == 'e', "reads alternate: '%c' '%c'", a, b);
	EXPECT_RET("dup_offset_seen", lseek(fd, 0, SEEK_CUR), 2);

	fd3 = dup3(fd, 50, O_CLOEXEC);
	check_long("dup3_target", fd3, 50);
	EXPECT_RET("dup3_cloexec", fcntl(50, F_GETFD), FD_CLOEXEC);
	lseek(fd3, 10, SEEK_SET);
	EXPECT_RET("dup3_shares_offset", lseek(fd, 0, SEEK_CUR), 10);
	EXPECT_ERRNO("dup3_same_fd", dup3(fd, fd, 0), EINVAL);
	EXPECT_ERRNO("dup3_bad_flags", dup3(fd, 51, 0x1234), EINVAL);
	fd3 = dup2(fd, fd);
	check("dup2_same_fd", fd3 == fd, "dup2(fd, fd) returns fd: %s", yesno(fd3 == fd));
	EXPECT_ERRNO("dup2_bad_old", dup2(999, 52), EBADF);
	EXPECT_ERRNO("dup_bad", dup(-1), EBADF);
	/* dup2 onto an open descriptor closes it first. */
	EXPECT_RET("dup2_replaces", dup2(fd2, 50), 50);
	EXPECT_RET("dup2_replaced_no_cloexec", fcntl(50, F_GETFD), 0);

	EXPECT_RET("f_dupfd_min", fcntl(fd, F_DUPFD, 100), 100);
	EXPECT_RET("f_dupfd_min_next", fcntl(fd, F_DUPFD, 100), 101);
	EXPECT_RET("f_dupfd_cloexec", fcntl(fcntl(fd, F_DUPFD_CLOEXEC, 100), F_GETFD), FD_CLOEXEC);
	EXPECT_ERRNO("f_dupfd_negative", fcntl(fd, F_DUPFD, -1), EINVAL);
	EXPECT_ERRNO("fcntl_bad_cmd", fcntl(fd, 9999), EINVAL);
	close(100);
	close(101);
	close(102);
	close(50);
	close(fd2);

	/* Terminal ioctls on a regular file. */
	{
		struct termios t;

		EXPECT_ERRNO("tcgetattr_regular_file", tcgetattr(fd, &t), ENOTTY);
		check("isatty_regular_file", !isatty(fd), "isatty: %s", yesno(isatty(fd)));
		EXPECT_ERRNO("ioctl_tcgets_regular_file", ioctl(fd, TCGETS, &t), ENOTTY);
	}
	close(fd);
}

static void
test_writev(void)
{
	struct iovec iov[3] = {
		{ "writev: ", 8 }, { "", 0 }, { "three pieces, one line\n", 23 },
	};
	volatile int negative = -1;	/* hidden from GCC's argument checks */

	fflush(stdout);
	EXPECT_RET("writev_stdout", writev(1, iov, 3), 31);
	EXPECT_RET("write_stdout", write(1, "write: direct\n", 14), 14);
	EXPECT_ERRNO("writev_negative_count", writev(1, iov, negative), EINVAL);
	EXPECT_RET("writev_zero_count", writev(1, iov, 0), 0);
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: read_root_file FIXTURE\n");
		return 2;
	}
	fixture = argv[1];
	fixture_fd = open(fixture, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (!check("open_fixture", fixture_fd >= 0, "%s",
		   fixture_fd < 0 ? errno_name(errno) : "opened"))
		return check_summary();
	test_read_lseek();
	test_read_chunks();
	test_stat();
	test_readlink();
	test_getdents();
	test_access_and_errors();
	test_cwd();
	test_fd_table();
	test_writev();
	return check_summary();
}
