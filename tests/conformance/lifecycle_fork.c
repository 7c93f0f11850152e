/*
 * lifecycle_fork FIXTURE [N] — what fork gives the child and what it shares.
 *
 * FIXTURE is the runner's fixture directory (read-only; hello.txt holds
 * "hello, conformance\n"). N is the number of children of many_forks (default
 * 2000).
 *
 * Scenarios, each in a child of its own (lib/lifecycle.h):
 *	fork_returns		0 in the child, the child's pid in the parent; the
 *				child's getppid() is the parent; waitpid gives the status
 *	ids_inherited		uid, gid, process group, session, umask, cwd, signal
 *				mask and an ignored disposition are the parent's
 *	copy_on_write		stack, heap, bss, data and MAP_PRIVATE anonymous
 *				memory (touched and untouched before the fork): each
 *				side's writes stay its own
 *	shared_anonymous	MAP_SHARED|MAP_ANONYMOUS: each side sees the other's
 *				writes, both ways
 *	fd_table		the table is copied, the open file descriptions are
 *				shared: a read in the child moves the parent's offset,
 *				status flags are shared, FD_CLOEXEC and new fds are not
 *	many_forks		N children exit with i % 256, wait() reaps them all in
 *				any order: every pid once, the sum and xor of the codes
 */
#define _GNU_SOURCE
#include <limits.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "lib/check.h"
#include "lib/lifecycle.h"

static const char *fixture;
static long nforks = 2000;

/* ---- fork_returns --------------------------------------------------------- */

struct child_view {
	long fork_ret;		/* what fork returned in the child */
	long getpid;
	long getppid;
};

static void
test_fork_returns(void)
{
	struct child_view v = { -1, -1, -1 };
	pid_t parent = getpid(), pid, r;
	int p[2], st = 0;
	ssize_t n;

	if (pipe(p) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return;
	}
	pid = fork_flushed();
	if (pid == 0) {
		close(p[0]);
		v.fork_ret = pid;
		v.getpid = getpid();
		v.getppid = getppid();
		write_full(p[1], &v, sizeof(v));
		_exit(7);
	}
	close(p[1]);
	if (pid == -1) {
		check("fork", 0, "-1 %s", errno_name(errno));
		close(p[0]);
		return;
	}
	n = read_full(p[0], &v, sizeof(v));
	close(p[0]);
	check("child_report", n == (ssize_t)sizeof(v), "the child wrote its view: %s",
	      yesno(n == (ssize_t)sizeof(v)));
	check("fork_returns_zero_in_child", v.fork_ret == 0, "fork() in the child == 0: %s",
	      yesno(v.fork_ret == 0));
	check("fork_returns_child_pid", pid == v.getpid,
	      "fork() in the parent == the child's getpid(): %s", yesno(pid == v.getpid));
	check("child_pid_differs", v.getpid != parent,
	      "the child's getpid() != the parent's: %s", yesno(v.getpid != parent));
	check("child_getppid_is_parent", v.getppid == parent,
	      "the child's getppid() == the parent's getpid(): %s",
	      yesno(v.getppid == parent));
	r = wait_pid(pid, &st, 0);
	check("waitpid_returns_child", r == pid, "waitpid(pid) == pid: %s", yesno(r == pid));
	check_exited("child_exit_status", st, 7);
	check("wifexited_wexitstatus", WIFEXITED(st) && WEXITSTATUS(st) == 7,
	      "WIFEXITED %s, WEXITSTATUS %d", yesno(WIFEXITED(st)),
	      WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	EXPECT_ERRNO("waitpid_again_echild", waitpid(pid, &st, 0), ECHILD);
}

/* ---- ids_inherited -------------------------------------------------------- */

struct ids {
	long uid, euid, gid, egid, pgrp, sid, ppid_or_self;
	long umask;
	long nofile_cur;
	int usr1_blocked, usr2_ignored;
	char cwd[PATH_MAX];
};

static void
get_ids(struct ids *d)
{
	sigset_t mask;
	struct sigaction sa;
	struct rlimit rl;

	memset(d, 0, sizeof(*d));
	d->uid = getuid();
	d->euid = geteuid();
	d->gid = getgid();
	d->egid = getegid();
	d->pgrp = getpgrp();
	d->sid = getsid(0);
	d->umask = umask(0);
	umask(d->umask);
	getrlimit(RLIMIT_NOFILE, &rl);
	d->nofile_cur = (long)rl.rlim_cur;
	sigprocmask(SIG_BLOCK, NULL, &mask);
	d->usr1_blocked = sigismember(&mask, SIGUSR1);
	sigaction(SIGUSR2, NULL, &sa);
	d->usr2_ignored = sa.sa_handler == SIG_IGN;
	if (!getcwd(d->cwd, sizeof(d->cwd)))
		strcpy(d->cwd, "?");
}

static void
test_ids_inherited(void)
{
	struct ids mine, child;
	struct rlimit rl;
	sigset_t mask;
	pid_t pid;
	int p[2], st = 0;
	ssize_t n;

	/* Make the inherited values the program's own, not the runner's. */
	umask(027);
	if (chdir(fixture) == -1)
		check("chdir_fixture", 0, "-1 %s", errno_name(errno));
	getrlimit(RLIMIT_NOFILE, &rl);
	rl.rlim_cur = rl.rlim_max < 123 ? rl.rlim_max : 123;
	setrlimit(RLIMIT_NOFILE, &rl);
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	signal(SIGUSR2, SIG_IGN);
	get_ids(&mine);

	if (pipe(p) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return;
	}
	pid = fork_flushed();
	if (pid == 0) {
		close(p[0]);
		get_ids(&child);
		write_full(p[1], &child, sizeof(child));
		_exit(0);
	}
	close(p[1]);
	if (pid == -1) {
		check("fork", 0, "-1 %s", errno_name(errno));
		close(p[0]);
		return;
	}
	n = read_full(p[0], &child, sizeof(child));
	close(p[0]);
	wait_pid(pid, &st, 0);
	check_exited("ids_child_status", st, 0);
	if (!check("ids_child_report", n == (ssize_t)sizeof(child), "the child wrote its ids: %s",
		   yesno(n == (ssize_t)sizeof(child))))
		return;
	check("uid_gid_inherited", child.uid == mine.uid && child.euid == mine.euid &&
	      child.gid == mine.gid && child.egid == mine.egid,
	      "real and effective uid and gid equal the parent's: %s",
	      yesno(child.uid == mine.uid && child.euid == mine.euid &&
		    child.gid == mine.gid && child.egid == mine.egid));
	check("pgrp_inherited", child.pgrp == mine.pgrp,
	      "getpgrp() equals the parent's: %s", yesno(child.pgrp == mine.pgrp));
	check("session_inherited", child.sid == mine.sid,
	      "getsid(0) equals the parent's: %s", yesno(child.sid == mine.sid));
	check("umask_inherited", child.umask == mine.umask, "%03lo, parent %03lo",
	      child.umask, mine.umask);
	check("cwd_inherited", strcmp(child.cwd, mine.cwd) == 0,
	      "getcwd() equals the parent's: %s", yesno(strcmp(child.cwd, mine.cwd) == 0));
	check("rlimit_inherited", child.nofile_cur == mine.nofile_cur,
	      "RLIMIT_NOFILE soft %ld, parent %ld", child.nofile_cur, mine.nofile_cur);
	check("sigmask_inherited", child.usr1_blocked == 1, "SIGUSR1 blocked in the child: %s",
	      yesno(child.usr1_blocked == 1));
	check("ignored_disposition_inherited", child.usr2_ignored,
	      "SIGUSR2 ignored in the child: %s", yesno(child.usr2_ignored));
}

/* ---- copy_on_write ---------------------------------------------------------- */

enum { R_STACK, R_HEAP, R_BSS, R_DATA, R_PRIVATE, R_UNTOUCHED, NREGIONS };
static const char *const region_name[NREGIONS] = {
	"stack", "heap", "bss", "data", "private_anon", "private_anon_untouched"
};

#define BIG 65536	/* bytes per region: several pages */

static char bss_area[BIG];
static char data_area[BIG] = { 1 };

/* Fill the first and last byte of each page of r with v. */
static void
fill(volatile char *r, char v)
{
	for (long i = 0; i < BIG; i += 4096) {
		r[i] = v;
		r[i + 4095] = v;
	}
}

/* Whether every first and last byte of each page of r is v. */
static int
holds(volatile char *r, char v)
{
	for (long i = 0; i < BIG; i += 4096)
		if (r[i] != v || r[i + 4095] != v)
			return 0;
	return 1;
}

static void
test_copy_on_write(void)
{
	volatile char stack_area[BIG];
	volatile char *reg[NREGIONS];
	int to_child[2], to_parent[2], st = 0, i;
	pid_t pid;

	reg[R_STACK] = stack_area;
	reg[R_HEAP] = malloc(BIG);
	reg[R_BSS] = bss_area;
	reg[R_DATA] = data_area;
	reg[R_PRIVATE] = mmap(NULL, BIG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			      -1, 0);
	reg[R_UNTOUCHED] = mmap(NULL, BIG, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!reg[R_HEAP] || reg[R_PRIVATE] == MAP_FAILED || reg[R_UNTOUCHED] == MAP_FAILED) {
		check("cow_setup", 0, "malloc or mmap failed");
		return;
	}
	for (i = 0; i < NREGIONS; i++)
		if (i != R_UNTOUCHED)
			fill(reg[i], 1);

	if (pipe(to_child) == -1 || pipe(to_parent) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return;
	}
	pid = fork_flushed();
	if (pid == 0) {
		/*
		 * Reports through the pipe: bit i of bad_seen when region i did not
		 * hold the parent's value at the fork, bit i of bad_after when the
		 * parent's later write showed through. Exit 100: no order came.
		 */
		int bad_seen = 0, bad_after = 0;

		close(to_child[1]);
		close(to_parent[0]);
		for (i = 0; i < NREGIONS; i++) {
			if (!holds(reg[i], i == R_UNTOUCHED ? 0 : 1))
				bad_seen |= 1 << i;
			fill(reg[i], 2);
		}
		post_byte(to_parent[1]);	/* written */
		if (!wait_byte(to_child[0]))	/* the parent has written */
			_exit(100);
		for (i = 0; i < NREGIONS; i++)
			if (!holds(reg[i], 2))
				bad_after |= 1 << i;
		write_full(to_parent[1], &bad_seen, sizeof(bad_seen));
		write_full(to_parent[1], &bad_after, sizeof(bad_after));
		_exit(0);
	}
	close(to_child[0]);
	close(to_parent[1]);
	if (pid == -1) {
		check("fork", 0, "-1 %s", errno_name(errno));
		close(to_child[1]);
		close(to_parent[0]);
		return;
	}
	{
		int bad_seen = -1, bad_after = -1, parent_ok[NREGIONS];
		int ordered = wait_byte(to_parent[0]);

		check("cow_child_wrote", ordered, "the child reported its writes: %s",
		      yesno(ordered));
		for (i = 0; i < NREGIONS; i++) {
			parent_ok[i] = holds(reg[i], i == R_UNTOUCHED ? 0 : 1);
			fill(reg[i], 3);
		}
		post_byte(to_child[1]);
		close(to_child[1]);
		read_full(to_parent[0], &bad_seen, sizeof(bad_seen));
		read_full(to_parent[0], &bad_after, sizeof(bad_after));
		close(to_parent[0]);
		wait_pid(pid, &st, 0);
		check_exited("cow_child_status", st, 0);
		for (i = 0; i < NREGIONS; i++) {
			char name[80];

			snprintf(name, sizeof(name), "cow_%s_child_sees_parent_value",
				 region_name[i]);
			check(name, bad_seen >= 0 && !(bad_seen & 1 << i),
			      "the child read what the parent wrote before fork: %s",
			      yesno(bad_seen >= 0 && !(bad_seen & 1 << i)));
			snprintf(name, sizeof(name), "cow_%s_child_write_private", region_name[i]);
			check(name, parent_ok[i], "the parent still reads its own value: %s",
			      yesno(parent_ok[i]));
			snprintf(name, sizeof(name), "cow_%s_parent_write_private",
				 region_name[i]);
			check(name, bad_after >= 0 && !(bad_after & 1 << i),
			      "the child still reads its own value: %s",
			      yesno(bad_after >= 0 && !(bad_after & 1 << i)));
		}
	}
	munmap((void *)reg[R_PRIVATE], BIG);
	munmap((void *)reg[R_UNTOUCHED], BIG);
	free((void *)reg[R_HEAP]);
}

/* ---- shared_anonymous --------------------------------------------------- */

static void
test_shared_anonymous(void)
{
	volatile int *touched, *untouched;
	int to_child[2], to_parent[2], st = 0;
	pid_t pid;
	long seen[2] = { -1, -1 };

	touched = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	untouched = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (touched == MAP_FAILED || untouched == MAP_FAILED) {
		check("shared_setup", 0, "mmap failed");
		return;
	}
	*touched = 1;
	if (pipe(to_child) == -1 || pipe(to_parent) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return;
	}
	pid = fork_flushed();
	if (pid == 0) {
		close(to_child[1]);
		close(to_parent[0]);
		seen[0] = *touched;
		seen[1] = *untouched;
		*touched = 2;
		*untouched = 2;
		post_byte(to_parent[1]);
		if (!wait_byte(to_child[0]))
			_exit(100);
		seen[0] = seen[0] * 10 + *touched;
		seen[1] = seen[1] * 10 + *untouched;
		write_full(to_parent[1], seen, sizeof(seen));
		_exit(0);
	}
	close(to_child[0]);
	close(to_parent[1]);
	if (pid == -1) {
		check("fork", 0, "-1 %s", errno_name(errno));
		close(to_child[1]);
		close(to_parent[0]);
		return;
	}
	wait_byte(to_parent[0]);
	check("shared_child_write_seen", *touched == 2,
	      "the parent reads the child's write: %d, want 2", *touched);
	check("shared_untouched_child_write_seen", *untouched == 2,
	      "page untouched before fork, the parent reads the child's write: %d, want 2",
	      *untouched);
	*touched = 3;
	*untouched = 3;
	post_byte(to_child[1]);
	close(to_child[1]);
	read_full(to_parent[0], seen, sizeof(seen));
	close(to_parent[0]);
	wait_pid(pid, &st, 0);
	check_exited("shared_child_status", st, 0);
	/* seen = 10 * (value at fork) + (value after the parent's write) */
	check("shared_child_sees_value_at_fork", seen[0] / 10 == 1 && seen[1] / 10 == 0,
	      "touched %ld, untouched %ld, want 1 and 0", seen[0] / 10, seen[1] / 10);
	check("shared_parent_write_seen", seen[0] % 10 == 3 && seen[1] % 10 == 3,
	      "the child reads the parent's writes: %ld and %ld, want 3", seen[0] % 10,
	      seen[1] % 10);
	munmap((void *)touched, 4096);
	munmap((void *)untouched, 4096);
}

/* ---- fd_table --------------------------------------------------------------- */

static void
test_fd_table(void)
{
	char path[PATH_MAX], buf[8] = "";
	int fd, fd2, p[2], st = 0;
	long child_fd = -1, flags;
	pid_t pid;
	ssize_t n;

	snprintf(path, sizeof(path), "%s/hello.txt", fixture);
	fd = open(path, O_RDONLY);
	if (!check("fd_open_hello", fd >= 0, "open(FIXTURE/hello.txt) %s",
		   fd >= 0 ? "succeeded" : errno_name(errno)))
		return;
	fd2 = dup(fd);	/* a second fd of the same description, FD_CLOEXEC set */
	fcntl(fd2, F_SETFD, FD_CLOEXEC);
	if (pipe(p) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return;
	}
	pid = fork_flushed();
	if (pid == 0) {
		/* Exit code: 10 + the first step that failed, 0 if none. */
		char b[6];
		int nfd;

		close(p[0]);
		if (read(fd, b, 6) != 6 || memcmp(b, "hello,", 6) != 0)
			_exit(10);
		if (fcntl(fd2, F_GETFD) != FD_CLOEXEC)
			_exit(11);
		if (fcntl(fd, F_GETFD) != 0)
			_exit(12);
		if (fcntl(fd, F_SETFL, O_NONBLOCK) == -1)	/* a description flag */
			_exit(13);
		if (fcntl(fd2, F_SETFD, 0) == -1)		/* an fd flag */
			_exit(14);
		nfd = open(path, O_RDONLY);			/* the child's own fd */
		if (nfd == -1)
			_exit(15);
		write_full(p[1], &(long){ nfd }, sizeof(long));
		close(fd);	/* closing the child's copy leaves the parent's open */
		_exit(0);
	}
	close(p[1]);
	if (pid == -1) {
		check("fork", 0, "-1 %s", errno_name(errno));
		close(p[0]);
		close(fd);
		close(fd2);
		return;
	}
	n = read_full(p[0], &child_fd, sizeof(child_fd));
	close(p[0]);
	wait_pid(pid, &st, 0);
	check_exited("fd_child_status", st, 0);	/* 10 read, 11-12 flags copied, 13-15 fcntl */
	EXPECT_RET("fd_offset_shared", lseek(fd, 0, SEEK_CUR), 6);
	EXPECT_RET("fd_read_after_child", read(fd, buf, 4), 4);
	check("fd_read_continues", memcmp(buf, " con", 4) == 0, "\"%.4s\", want \" con\"", buf);
	flags = fcntl(fd, F_GETFL);
	check("fd_status_flags_shared", flags != -1 && (flags & O_NONBLOCK),
	      "O_NONBLOCK set by the child is seen by the parent: %s",
	      yesno(flags != -1 && (flags & O_NONBLOCK)));
	EXPECT_RET("fd_cloexec_not_shared", fcntl(fd2, F_GETFD), FD_CLOEXEC);
	EXPECT_RET("fd_open_after_child_close", fcntl(fd, F_GETFD), 0);
	if (n == (ssize_t)sizeof(child_fd) && child_fd >= 0 && child_fd != fd && child_fd != fd2)
		EXPECT_ERRNO("fd_child_open_not_in_parent", fcntl((int)child_fd, F_GETFD), EBADF);
	else
		check("fd_child_open_not_in_parent", 0, "no fd from the child");
	close(fd);
	close(fd2);
}

/* ---- many_forks ------------------------------------------------------------ */

static int
cmp_pid(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;

	return (x > y) - (x < y);
}

static void
test_many_forks(void)
{
	pid_t *forked = calloc(nforks, sizeof(pid_t)), *reaped = calloc(nforks, sizeof(pid_t));
	long started = 0, nreaped = 0, sum = 0, want_sum = 0, i;
	int xor = 0, want_xor = 0, st, bad_status = 0, same;
	int err = 0;
	pid_t r;

	if (!forked || !reaped) {
		check("many_forks_setup", 0, "calloc failed");
		return;
	}
	fflush(NULL);
	for (i = 0; i < nforks; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(i % 256);
		if (pid == -1) {
			err = errno;
			break;
		}
		forked[started++] = pid;
		want_sum += i % 256;
		want_xor ^= i % 256;
	}
	check("many_forks_started", started == nforks, "%ld of %ld forks succeeded%s%s",
	      started, nforks, err ? ", then " : "", err ? errno_name(err) : "");
	for (;;) {
		r = wait(&st);
		if (r == -1) {
			err = errno;
			if (err == EINTR)
				continue;
			break;
		}
		if (nreaped < started)
			reaped[nreaped] = r;
		nreaped++;
		if (!WIFEXITED(st))
			bad_status++;
		else {
			sum += WEXITSTATUS(st);
			xor ^= WEXITSTATUS(st);
		}
	}
	check("many_forks_wait_ends_echild", err == ECHILD, "wait() ends with %s",
	      errno_name(err));
	check_long("many_forks_reaped", nreaped, started);
	check_long("many_forks_not_exited", bad_status, 0);
	check_long("many_forks_status_sum", sum, want_sum);
	check_long("many_forks_status_xor", xor, want_xor);
	qsort(forked, started, sizeof(pid_t), cmp_pid);
	qsort(reaped, nreaped < started ? nreaped : started, sizeof(pid_t), cmp_pid);
	same = nreaped == started;
	for (i = 0; same && i < started; i++)
		same = forked[i] == reaped[i] && (i == 0 || forked[i] != forked[i - 1]);
	check("many_forks_each_pid_once", same,
	      "wait() returned each forked pid exactly once, all distinct: %s", yesno(same));
	free(forked);
	free(reaped);
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: lifecycle_fork FIXTURE [N]\n");
		return 2;
	}
	fixture = argv[1];
	if (argc > 2)
		nforks = atol(argv[2]);
	if (nforks < 1)
		nforks = 1;

	scenario("fork_returns", test_fork_returns);
	scenario("ids_inherited", test_ids_inherited);
	scenario("copy_on_write", test_copy_on_write);
	scenario("shared_anonymous", test_shared_anonymous);
	scenario("fd_table", test_fd_table);
	scenario("many_forks", test_many_forks);
	return check_summary();
}
