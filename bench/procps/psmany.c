/*
 * psmany R BUDGET N1 N2 ...: ps, ls and getdents over /proc with many
 * live processes. The host times its steps by the arrival of its lines
 * (bench/procps/linetime.c); guest clocks are virtual.
 *
 * For each level N of 0, N1, N2, ... (increasing), it forks children until N
 * of them block in read() on a pipe, then:
 *
 *   check: runs `ps -e -o pid,stat,comm` (exec of /usr/bin/ps) into a pipe,
 *          reads it, and counts the lines listed and the children shown
 *          asleep ('S'); until all N are, it waits 10 ms and runs ps again (at
 *          most 100 times). Prints "check N listed L asleep A".
 *   then R times, each step ending with its line:
 *     ps:    the same ps, its output to /dev/null        "ps N I"
 *     ls:    `ls /proc` (exec of /bin/ls) to /dev/null   "ls N I"
 *     dents: X times open /proc, getdents64 to its end, close, where
 *            X = BUDGET / max(N, 100) (at least 1), so that every level
 *            lists about as many entries     "dents N I listings X entries E"
 *
 * A step's time is the interval between the arrival of its line and of the
 * line before it (the program writes each line with one write()); a ps or ls
 * step covers fork, exec, the tool's run and waitpid. At the end it closes
 * the pipe, so that every child reads end-of-file and exits, reaps them and
 * prints "done N checksum C" (the sum of the children's exit statuses).
 *
 * Children are created with fork() (not vfork) by the one parent, as a
 * shell or a supervisor would; they touch nothing but their stack.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int go[2], ready[2];
static pid_t *pids;
static long nchildren;

static char *const ps_argv[] = { "ps", "-e", "-o", "pid,stat,comm", NULL };
static char *const ls_argv[] = { "ls", "/proc", NULL };

static void
die(const char *what)
{
	perror(what);
	exit(1);
}

static void
say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
say(const char *fmt, ...)
{
	char line[128];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0 || n >= (int)sizeof(line) || write(1, line, (size_t)n) != n)
		exit(1);
}

/* Forks children until there are n, and waits until each is about to block. */
static void
spawn(long n)
{
	long i, from = nchildren;
	char c;
	pid_t pid;

	for (i = from; i < n; i++) {
		pid = fork();
		if (pid < 0)
			die("psmany: fork");
		if (pid == 0) {
			close(go[1]);
			close(ready[0]);
			if (write(ready[1], "x", 1) != 1 || read(go[0], &c, 1) != 0)
				_exit(255);
			_exit(i & 0xff);
		}
		pids[nchildren++] = pid;
	}
	for (i = from; i < n; i++)
		if (read(ready[0], &c, 1) != 1) {
			fprintf(stderr, "psmany: a child did not start\n");
			exit(1);
		}
}

/*
 * Runs path with argv, its standard output to fd out (or /dev/null when out
 * is -1); returns without waiting when wait_too is 0. Exits on failure.
 */
static pid_t
run(const char *path, char *const argv[], int out, int wait_too)
{
	pid_t pid = fork();
	int status, fd;

	if (pid < 0)
		die("psmany: fork");
	if (pid == 0) {
		fd = out >= 0 ? out : open("/dev/null", O_WRONLY);
		if (fd < 0 || dup2(fd, 1) < 0)
			_exit(126);
		execv(path, argv);
		_exit(127);
	}
	if (!wait_too)
		return pid;
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "psmany: %s failed (status 0x%x)\n", path, status);
		exit(1);
	}
	return pid;
}

static int
cmp_pid(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;

	return (x > y) - (x < y);
}

/* One ps into a pipe: sets *listed and *asleep (children in state S). */
static void
ps_check(long *listed, long *asleep, pid_t *sorted)
{
	int p[2], status;
	pid_t pid, child;
	FILE *f;
	char line[512], stat[64];
	long lines = 0, sleeping = 0;

	if (pipe2(p, O_CLOEXEC) < 0)
		die("psmany: pipe");
	child = run("/usr/bin/ps", ps_argv, p[1], 0);
	close(p[1]);
	f = fdopen(p[0], "r");
	if (!f)
		die("psmany: fdopen");
	while (fgets(line, sizeof(line), f)) {
		if (lines++ == 0)
			continue; /* the header */
		if (sscanf(line, "%d %63s", &pid, stat) == 2 && stat[0] == 'S' &&
		    bsearch(&pid, sorted, (size_t)nchildren, sizeof(pid_t), cmp_pid))
			sleeping++;
	}
	fclose(f);
	if (waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "psmany: ps failed (status 0x%x)\n", status);
		exit(1);
	}
	*listed = lines > 0 ? lines - 1 : 0;
	*asleep = sleeping;
}

/* Lists /proc times times with getdents64; returns the entries of one listing. */
static long
dents(long times)
{
	char buf[32768];
	long t, n, entries = 0, off;
	int fd;

	for (t = 0; t < times; t++) {
		fd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd < 0)
			die("psmany: open /proc");
		entries = 0;
		while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0)
			for (off = 0; off < n; off += ((struct dirent64 *)(buf + off))->d_reclen)
				entries++;
		if (n < 0)
			die("psmany: getdents64");
		close(fd);
	}
	return entries;
}

int
main(int argc, char **argv)
{
	long r, budget, listings, max = 0, level, n, i, listed, asleep, tries, e;
	unsigned long sum = 0;
	pid_t *sorted;
	int status;

	if (argc < 3) {
		fprintf(stderr, "usage: psmany R BUDGET [N...]\n");
		return 2;
	}
	r = atol(argv[1]);
	budget = atol(argv[2]);
	for (i = 3; i < argc; i++)
		if (atol(argv[i]) > max)
			max = atol(argv[i]);
	pids = malloc(sizeof(pid_t) * (size_t)(max + 1));
	sorted = malloc(sizeof(pid_t) * (size_t)(max + 1));
	if (!pids || !sorted)
		die("psmany: malloc");
	if (pipe2(go, O_CLOEXEC) < 0 || pipe2(ready, O_CLOEXEC) < 0)
		die("psmany: pipe");

	/* Level 0 first (at index 2, in BUDGET's place), then argv[3], ... */
	for (level = 2; level < argc; level++) {
		n = level == 2 ? 0 : atol(argv[level]);
		if (n < nchildren) {
			fprintf(stderr, "psmany: levels must increase\n");
			return 2;
		}
		spawn(n);
		memcpy(sorted, pids, sizeof(pid_t) * (size_t)nchildren);
		qsort(sorted, (size_t)nchildren, sizeof(pid_t), cmp_pid);
		for (tries = 0;; tries++) {
			ps_check(&listed, &asleep, sorted);
			if (asleep == n)
				break;
			if (tries == 100) {
				fprintf(stderr, "psmany: %ld of %ld children asleep\n", asleep, n);
				return 1;
			}
			usleep(10000);
		}
		say("check %ld listed %ld asleep %ld\n", n, listed, asleep);
		listings = budget / (n > 100 ? n : 100);
		if (listings < 1)
			listings = 1;
		for (i = 1; i <= r; i++) {
			run("/usr/bin/ps", ps_argv, -1, 1);
			say("ps %ld %ld\n", n, i);
			run("/bin/ls", ls_argv, -1, 1);
			say("ls %ld %ld\n", n, i);
			e = dents(listings);
			say("dents %ld %ld listings %ld entries %ld\n", n, i, listings, e);
		}
	}

	close(go[1]);
	for (i = 0; i < nchildren; i++) {
		if (wait(&status) < 0 || !WIFEXITED(status)) {
			fprintf(stderr, "psmany: wait failed\n");
			return 1;
		}
		sum += WEXITSTATUS(status);
	}
	say("done %ld checksum %lu\n", nchildren, sum);
	return 0;
}
