/*
 * shm_futex - tmpfs mappings share the file's pages, shared anonymous memory
 * survives fork as one object, and a futex word in a shared mapping is waited
 * on by one process and woken by another (Linux: shmem_fault, shmem_zero_setup,
 * get_futex_key keying shared words by their page).
 *
 * Cases (each a scenario):
 *	shared_file	stores through MAP_SHARED reach read() and a second mapping
 *	separate_opens	a child that opens and maps the file by its name itself (no
 *			inherited fd or mapping) writes; the parent's mapping sees it
 *	private_file	MAP_PRIVATE sees the file until its first write, then copies
 *	past_eof	touching a shared mapping's page past the file end: SIGBUS
 *	anon_fork	MAP_SHARED|MAP_ANONYMOUS written by a child is seen by the parent
 *	unlink_open	an unlinked file's mapping and fd still work
 *	shm_open	shm_open/shm_unlink through /dev/shm
 *	futex_errors	EAGAIN on a wrong value, ETIMEDOUT, EINVAL unaligned, ENOSYS bad op
 *	futex_shared	a child waits on the word through another mapping; the parent wakes it
 *	futex_private	FUTEX_PRIVATE_FLAG waits do not meet a waker in another process
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lib/check.h"
#include "lib/lifecycle.h"

static char path[64];

static long
fx(void *a, int op, int v, const struct timespec *t)
{
	return syscall(SYS_futex, a, op, v, t, NULL, 0);
}

/* A fresh file of size bytes in /tmp, open read-write. */
static int
tmp_file(size_t size)
{
	int fd;

	snprintf(path, sizeof(path), "/tmp/shm-futex-%d", (int)getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd >= 0 && ftruncate(fd, (off_t)size) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static void *
map(int fd, size_t len, int flags)
{
	return mmap(NULL, len, PROT_READ | PROT_WRITE, flags, fd, 0);
}

static void
test_shared_file(void)
{
	int fd = tmp_file(4096), v = 0;
	int *a = map(fd, 4096, MAP_SHARED), *b = map(fd, 4096, MAP_SHARED);
	long n;

	a[0] = 77;
	n = pread(fd, &v, 4, 0);
	check("read_sees_store", n == 4 && v == 77, "pread gives %d", v);
	check("second_mapping_sees_store", b[0] == 77, "other mapping reads %d", b[0]);
	v = 123;
	n = pwrite(fd, &v, 4, 0);
	check("write_reaches_mapping", n == 4 && a[0] == 123,
	      "after pwrite the mapping reads %d", a[0]);
	unlink(path);
}

static void
test_separate_opens(void)
{
	int fd = tmp_file(4096), st = 0;
	volatile int *m = map(fd, 4096, MAP_SHARED);
	pid_t pid;

	close(fd);
	pid = fork_flushed();
	if (pid == 0) {
		int cfd = open(path, O_RDWR);
		int *c = cfd >= 0 ? map(cfd, 4096, MAP_SHARED) : MAP_FAILED;

		if (c == MAP_FAILED)
			_exit(1);
		c[0] = 314;
		_exit(0);
	}
	check_exited("writer", wait_pid(pid, &st, 0) == pid ? st : -1, 0);
	check("parent_sees_separate_mapping", m[0] == 314, "reads %d", m[0]);
	unlink(path);
}

static void
test_private_file(void)
{
	int fd = tmp_file(4096), v = 5;
	int *s = map(fd, 4096, MAP_SHARED), *p = map(fd, 4096, MAP_PRIVATE);
	long n;

	s[0] = 1;
	check("private_sees_file_before_write", p[0] == 1, "private reads %d", p[0]);
	p[0] = 2;
	n = pread(fd, &v, 4, 0);
	check("private_write_is_private", s[0] == 1 && n == 4 && v == 1,
	      "file keeps %d after the private write", v);
	s[0] = 3;
	check("private_keeps_its_copy", p[0] == 2, "private reads %d after a shared store", p[0]);
	unlink(path);
}

static void
test_past_eof(void)
{
	int fd = tmp_file(100), st = 0;
	volatile int *m = map(fd, 8192, MAP_SHARED);
	pid_t pid = fork_flushed();

	if (pid == 0) {
		(void)m[1024];
		_exit(0);
	}
	check_killed("second_page_sigbus", wait_pid(pid, &st, 0) == pid ? st : -1, SIGBUS);
	check("first_page_readable", m[0] == 0, "reads %d", m[0]);
	unlink(path);
}

static void
test_anon_fork(void)
{
	int *a = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int st = 0;
	pid_t pid;

	a[0] = 1;
	pid = fork_flushed();
	if (pid == 0) {
		a[0] = 42;
		a[1024] = 43;	/* a page the parent never touched */
		_exit(0);
	}
	check_exited("child", wait_pid(pid, &st, 0) == pid ? st : -1, 0);
	check("parent_sees_child_stores", a[0] == 42 && a[1024] == 43, "reads %d %d", a[0], a[1024]);
}

static void
test_unlink_open(void)
{
	int fd = tmp_file(4096), v = 0;
	int *m = map(fd, 4096, MAP_SHARED);
	long n;

	EXPECT_SUCCESS("unlink", unlink(path));
	m[0] = 9;
	n = pread(fd, &v, 4, 0);
	check("unlinked_file_still_works", n == 4 && v == 9, "pread gives %d", v);
	EXPECT_ERRNO("name_gone", access(path, F_OK), ENOENT);
}

static void
test_shm_open(void)
{
	char name[32];
	int fd, *m, v = 0;
	long n;

	snprintf(name, sizeof(name), "/taskbox-%d", (int)getpid());
	fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
	check("shm_open", fd >= 0, "fd %s", yesno(fd >= 0));
	if (fd < 0)
		return;
	EXPECT_SUCCESS("ftruncate", ftruncate(fd, 4096));
	m = map(fd, 4096, MAP_SHARED);
	m[0] = 11;
	close(fd);
	fd = shm_open(name, O_RDONLY, 0);
	n = fd >= 0 ? pread(fd, &v, 4, 0) : -1;
	check("reopen_sees_data", n == 4 && v == 11, "reads %d", v);
	EXPECT_SUCCESS("shm_unlink", shm_unlink(name));
	EXPECT_ERRNO("shm_open_after_unlink", shm_open(name, O_RDONLY, 0), ENOENT);
}

static void
test_futex_errors(void)
{
	struct timespec ts = { 0, 20 * 1000000 };
	int *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	*w = 0;
	EXPECT_ERRNO("wrong_value", fx(w, FUTEX_WAIT, 1, NULL), EAGAIN);
	EXPECT_ERRNO("timeout", fx(w, FUTEX_WAIT, 0, &ts), ETIMEDOUT);
	EXPECT_ERRNO("unaligned", fx((char *)w + 1, FUTEX_WAIT, 0, NULL), EINVAL);
	EXPECT_ERRNO("bad_op", fx(w, 99, 0, NULL), ENOSYS);
	EXPECT_RET("wake_nobody", fx(w, FUTEX_WAKE, 1, NULL), 0);
}

/* The child waits through a second mapping of the same page: the parent
 * wakes it through the first; retried until someone was woken. */
static void
test_futex_shared(void)
{
	int fd = tmp_file(4096), st = 0;
	int *w = map(fd, 4096, MAP_SHARED), *w2 = map(fd, 4096, MAP_SHARED);
	long n = 0;
	pid_t pid;

	*w = 0;
	pid = fork_flushed();
	if (pid == 0)
		_exit(fx(w2, FUTEX_WAIT, 0, NULL) == 0 ? 0 : 1);
	for (int i = 0; i < 200 && n == 0; i++) {
		n = fx(w, FUTEX_WAKE, 1, NULL);
		if (!n)
			usleep(10000);
	}
	check("woke_one", n == 1, "woken %ld", n);
	check_exited("waiter_returned_0", wait_pid(pid, &st, 0) == pid ? st : -1, 0);
	unlink(path);
}

static void
test_futex_private(void)
{
	struct timespec ts = { 0, 300 * 1000000 };
	int *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int p[2], st = 0;
	pid_t pid;

	*w = 0;
	if (pipe(p) != 0)
		return;
	pid = fork_flushed();
	if (pid == 0) {
		post_byte(p[1]);
		_exit(fx(w, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, &ts) == -1 && errno == ETIMEDOUT ? 0 : 1);
	}
	wait_byte(p[0]);
	usleep(50000);
	EXPECT_RET("private_wake_from_other_process", fx(w, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL), 0);
	check_exited("private_waiter_timed_out", wait_pid(pid, &st, 0) == pid ? st : -1, 0);
}

int
main(void)
{
	scenario("shared_file", test_shared_file);
	scenario("separate_opens", test_separate_opens);
	scenario("private_file", test_private_file);
	scenario("past_eof", test_past_eof);
	scenario("anon_fork", test_anon_fork);
	scenario("unlink_open", test_unlink_open);
	scenario("shm_open", test_shm_open);
	scenario("futex_errors", test_futex_errors);
	scenario("futex_shared", test_futex_shared);
	scenario("futex_private", test_futex_private);
	return check_summary();
}
