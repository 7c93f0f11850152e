/*
 * efault FIXTURE — system calls given pointers the process cannot use fail with
 * EFAULT and leave the process running.
 *
 * Raw syscall() throughout: glibc wrappers may touch the memory first (and crash),
 * or answer from the vDSO. Bad pointers: 1 and 8 (never mapped: the zero page is
 * not mappable), -4096 (the top of the address space, never a user address on
 * either architecture), an unmapped page, and a read-only page for calls that
 * write to user memory. FIXTURE/hello.txt holds 19 bytes.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "lib/check.h"

#define PAGE 4096UL
#define BAD1 ((void *)1)
#define BAD8 ((void *)8)
#define KERNEL ((void *)-4096L)

static void *unmapped;		/* a page that was mapped and is not any more */
static void *readonly;		/* a PROT_READ page */

static void
make_bad_pages(void)
{
	char *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	munmap(p + PAGE, PAGE);
	strcpy(p, "written from a read-only page\n");
	mprotect(p, PAGE, PROT_READ);
	readonly = p;
	unmapped = p + PAGE;
}

static void
test_read_write(const char *fixture)
{
	char path[4096];
	struct iovec iov[2];
	int fd;

	snprintf(path, sizeof(path), "%s/hello.txt", fixture);
	fd = open(path, O_RDONLY);
	check_success("open_hello", fd, errno);
	EXPECT_ERRNO("read_into_1", syscall(SYS_read, fd, BAD1, 10), EFAULT);
	EXPECT_ERRNO("read_into_unmapped", syscall(SYS_read, fd, unmapped, 10), EFAULT);
	EXPECT_ERRNO("read_into_readonly", syscall(SYS_read, fd, readonly, 10), EFAULT);
	EXPECT_ERRNO("read_into_kernel", syscall(SYS_read, fd, KERNEL, 10), EFAULT);
	EXPECT_RET("offset_unchanged", lseek(fd, 0, SEEK_CUR), 0);
	EXPECT_ERRNO("pread_into_1", syscall(SYS_pread64, fd, BAD1, 10, 0), EFAULT);
	iov[0].iov_base = BAD8;
	iov[0].iov_len = 4;
	EXPECT_ERRNO("readv_bad_base", syscall(SYS_readv, fd, iov, 1), EFAULT);
	EXPECT_ERRNO("readv_bad_iov", syscall(SYS_readv, fd, BAD8, 1), EFAULT);
	close(fd);

	EXPECT_ERRNO("write_from_8", syscall(SYS_write, 1, BAD8, 10), EFAULT);
	EXPECT_ERRNO("write_from_unmapped", syscall(SYS_write, 1, unmapped, 10), EFAULT);
	EXPECT_ERRNO("write_from_kernel", syscall(SYS_write, 1, KERNEL, 10), EFAULT);
	iov[0].iov_base = BAD8;
	iov[0].iov_len = 4;
	EXPECT_ERRNO("writev_bad_base", syscall(SYS_writev, 1, iov, 1), EFAULT);
	EXPECT_ERRNO("writev_bad_iov", syscall(SYS_writev, 1, BAD8, 2), EFAULT);
	/* A read-only buffer is fine to write from. */
	fflush(stdout);
	EXPECT_RET("write_from_readonly_ok", syscall(SYS_write, 1, readonly, 30), 30);

	/* /dev/null, /dev/zero and /dev/full never read the bytes (write_null,
	 * write_full): a bad buffer is no EFAULT there. */
	fd = open("/dev/null", O_WRONLY);
	EXPECT_RET("devnull_write_from_unmapped", syscall(SYS_write, fd, unmapped, 10), 10);
	iov[0].iov_base = BAD8;
	iov[0].iov_len = 4;
	EXPECT_RET("devnull_writev_bad_base", syscall(SYS_writev, fd, iov, 1), 4);
	close(fd);
	fd = open("/dev/zero", O_WRONLY);
	EXPECT_RET("devzero_write_from_1", syscall(SYS_write, fd, BAD1, 100), 100);
	close(fd);
	fd = open("/dev/full", O_WRONLY);
	EXPECT_ERRNO("devfull_write_from_unmapped", syscall(SYS_write, fd, unmapped, 10), ENOSPC);
	close(fd);
}

static void
test_paths(void)
{
	struct stat st;
	char buf[64];

	EXPECT_ERRNO("openat_null_path", syscall(SYS_openat, AT_FDCWD, NULL, O_RDONLY), EFAULT);
	EXPECT_ERRNO("openat_path_1", syscall(SYS_openat, AT_FDCWD, BAD1, O_RDONLY), EFAULT);
	EXPECT_ERRNO("openat_path_unmapped", syscall(SYS_openat, AT_FDCWD, unmapped, O_RDONLY),
		     EFAULT);
	EXPECT_ERRNO("newfstatat_bad_path", syscall(SYS_newfstatat, AT_FDCWD, BAD1, &st, 0), EFAULT);
	EXPECT_ERRNO("newfstatat_bad_buf", syscall(SYS_newfstatat, AT_FDCWD, "/", BAD8, 0), EFAULT);
	EXPECT_ERRNO("newfstatat_readonly_buf",
		     syscall(SYS_newfstatat, AT_FDCWD, "/", readonly, 0), EFAULT);
	EXPECT_ERRNO("fstat_bad_buf", syscall(SYS_fstat, 1, BAD8), EFAULT);
	EXPECT_ERRNO("statx_bad_buf",
		     syscall(SYS_statx, AT_FDCWD, "/", 0, STATX_BASIC_STATS, BAD8), EFAULT);
	EXPECT_ERRNO("faccessat_bad_path", syscall(SYS_faccessat, AT_FDCWD, BAD1, F_OK), EFAULT);
	EXPECT_ERRNO("chdir_bad_path", syscall(SYS_chdir, BAD1), EFAULT);
	EXPECT_ERRNO("readlinkat_bad_path",
		     syscall(SYS_readlinkat, AT_FDCWD, BAD1, buf, sizeof(buf)), EFAULT);
	EXPECT_ERRNO("getcwd_bad_buf", syscall(SYS_getcwd, BAD8, 4096), EFAULT);
	EXPECT_ERRNO("getcwd_readonly_buf", syscall(SYS_getcwd, readonly, 4096), EFAULT);
	{
		int fd = open("/", O_RDONLY | O_DIRECTORY);

		EXPECT_ERRNO("getdents64_bad_buf", syscall(SYS_getdents64, fd, BAD8, 4096), EFAULT);
		close(fd);
	}
}

static void
test_other(void)
{
	EXPECT_ERRNO("clock_gettime_bad", syscall(SYS_clock_gettime, CLOCK_MONOTONIC, BAD8), EFAULT);
	EXPECT_ERRNO("clock_gettime_readonly",
		     syscall(SYS_clock_gettime, CLOCK_REALTIME, readonly), EFAULT);
	EXPECT_ERRNO("clock_getres_bad", syscall(SYS_clock_getres, CLOCK_MONOTONIC, BAD8), EFAULT);
	EXPECT_ERRNO("gettimeofday_bad", syscall(SYS_gettimeofday, BAD8, NULL), EFAULT);
	EXPECT_ERRNO("uname_bad", syscall(SYS_uname, BAD8), EFAULT);
	EXPECT_ERRNO("uname_readonly", syscall(SYS_uname, readonly), EFAULT);
	EXPECT_ERRNO("nanosleep_bad", syscall(SYS_nanosleep, BAD8, NULL), EFAULT);
	EXPECT_ERRNO("getrandom_bad", syscall(SYS_getrandom, BAD8, 16, 0), EFAULT);
	EXPECT_ERRNO("prlimit64_bad_old",
		     syscall(SYS_prlimit64, 0, RLIMIT_STACK, NULL, BAD8), EFAULT);
	EXPECT_ERRNO("prlimit64_bad_new",
		     syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, BAD8, NULL), EFAULT);
	EXPECT_ERRNO("rt_sigaction_bad_act",
		     syscall(SYS_rt_sigaction, SIGUSR1, BAD8, NULL, 8), EFAULT);
	EXPECT_ERRNO("rt_sigaction_bad_oldact",
		     syscall(SYS_rt_sigaction, SIGUSR1, NULL, BAD8, 8), EFAULT);
	EXPECT_ERRNO("rt_sigprocmask_bad_set",
		     syscall(SYS_rt_sigprocmask, SIG_BLOCK, BAD8, NULL, 8), EFAULT);
	EXPECT_ERRNO("rt_sigprocmask_bad_oldset",
		     syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, BAD8, 8), EFAULT);
	EXPECT_ERRNO("sysinfo_bad", syscall(SYS_sysinfo, BAD8), EFAULT);
	EXPECT_ERRNO("getrusage_bad", syscall(SYS_getrusage, RUSAGE_SELF, BAD8), EFAULT);
	EXPECT_ERRNO("sched_getaffinity_bad", syscall(SYS_sched_getaffinity, 0, 128, BAD8), EFAULT);
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: efault FIXTURE\n");
		return 2;
	}
	make_bad_pages();
	test_read_write(argv[1]);
	test_paths();
	test_other();
	check("still_running", 1, "the process survived every bad pointer: yes");
	return check_summary();
}
