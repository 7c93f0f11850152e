/*
 * timeit: wall-clock time of one command, from the host, with a monotonic
 * clock and nanosecond resolution (bash's `time` gives milliseconds, too
 * coarse for start-up times under a millisecond).
 *
 *   timeit [-t SECONDS] [-m MARK_FILE] RESULT_FILE COMMAND [ARG...]
 *
 * Runs COMMAND with timeit's own stdin, stdout and stderr and writes one line
 * to RESULT_FILE: the elapsed seconds, then the status as a shell reports it
 * (exit code, 128+signal, or "timeout" when -t ran out and the command's
 * process group was killed). The clock covers spawn to reap, nothing else.
 * timeit exits 0 whenever it could run the command and write the result.
 *
 * With -m, COMMAND's standard output goes through a pipe that timeit copies
 * to its own, byte for byte, and MARK_FILE gets the seconds from spawn to the
 * arrival of the end of the first line: a program marks a point of its run
 * by printing its first line there (bench/lifecycle/zombies.c). MARK_FILE
 * stays empty when no line ends before the output does.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static volatile sig_atomic_t stop_signal;

static void
on_signal(int sig)
{
	stop_signal = sig;
}

/* No SA_RESTART: the signal must interrupt waitpid(). */
static void
catch_signals(void)
{
	static const int sigs[] = { SIGALRM, SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;
	unsigned int i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

static int timed_out;

static double
elapsed_seconds(const struct timespec *start, const struct timespec *end)
{
	return (double)(end->tv_sec - start->tv_sec) +
	       (double)(end->tv_nsec - start->tv_nsec) / 1e9;
}

/*
 * After an interrupted wait: on SIGALRM (the timeout) or a signal telling
 * timeit itself to stop, kills the command's whole process group, so nothing
 * it started outlives the measurement; sets timed_out.
 */
static void
handle_stop(pid_t pid)
{
	if (!stop_signal)
		return;
	killpg(pid, SIGKILL);
	if (stop_signal == SIGALRM)
		timed_out = 1;
	else
		exit(128 + stop_signal);
	stop_signal = 0;
}

/* Waits for pid; returns the wait status, or -1. */
static int
reap(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return -1;
		handle_stop(pid);
	}
	return status;
}

/*
 * Copies fd to standard output until end-of-file; sets *mark to the time the
 * first newline arrived (left alone if none does).
 */
static void
relay(int fd, pid_t pid, struct timespec *mark, int *marked)
{
	char buf[4096];
	ssize_t n, done, w;

	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR) {
			handle_stop(pid);
			continue;
		}
		if (n <= 0)
			return;
		if (!*marked && memchr(buf, '\n', (size_t)n)) {
			clock_gettime(CLOCK_MONOTONIC, mark);
			*marked = 1;
		}
		for (done = 0; done < n; done += w) {
			w = write(1, buf + done, (size_t)(n - done));
			if (w < 0 && errno == EINTR)
				w = 0;
			else if (w < 0)
				break;
		}
	}
}

int
main(int argc, char **argv)
{
	posix_spawnattr_t attr;
	posix_spawn_file_actions_t actions;
	struct timespec start, end, mark;
	unsigned int timeout = 0;
	const char *mark_file = NULL;
	int status, err, marked = 0, p[2] = { -1, -1 };
	pid_t pid;
	FILE *out;

	for (;;) {
		if (argc > 2 && strcmp(argv[1], "-t") == 0)
			timeout = (unsigned int)atoi(argv[2]);
		else if (argc > 2 && strcmp(argv[1], "-m") == 0)
			mark_file = argv[2];
		else
			break;
		argv += 2;
		argc -= 2;
	}
	if (argc < 3) {
		fprintf(stderr, "usage: timeit [-t SECONDS] [-m MARK_FILE] RESULT_FILE COMMAND [ARG...]\n");
		return 2;
	}
	catch_signals();
	/* Its own process group, so a timeout can kill everything it started. */
	posix_spawnattr_init(&attr);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
	posix_spawnattr_setpgroup(&attr, 0);
	posix_spawn_file_actions_init(&actions);
	if (mark_file) {
		if (pipe(p) < 0) {
			perror("timeit: pipe");
			return 1;
		}
		posix_spawn_file_actions_adddup2(&actions, p[1], 1);
		posix_spawn_file_actions_addclose(&actions, p[0]);
		posix_spawn_file_actions_addclose(&actions, p[1]);
	}

	clock_gettime(CLOCK_MONOTONIC, &start);
	err = posix_spawnp(&pid, argv[2], &actions, &attr, argv + 2, environ);
	if (err != 0) {
		fprintf(stderr, "timeit: %s: %s\n", argv[2], strerror(err));
		return 127;
	}
	alarm(timeout);
	if (mark_file) {
		close(p[1]);
		relay(p[0], pid, &mark, &marked);
	}
	status = reap(pid);
	clock_gettime(CLOCK_MONOTONIC, &end);

	if (mark_file) {
		out = fopen(mark_file, "w");
		if (!out) {
			perror(mark_file);
			return 1;
		}
		if (marked)
			fprintf(out, "%.9f\n", elapsed_seconds(&start, &mark));
		if (fclose(out) != 0)
			return 1;
	}

	out = fopen(argv[1], "w");
	if (!out) {
		perror(argv[1]);
		return 1;
	}
	fprintf(out, "%.9f ", elapsed_seconds(&start, &end));
	if (timed_out)
		fprintf(out, "timeout\n");
	else if (status < 0)
		fprintf(out, "waitpid-failed\n");
	else if (WIFSIGNALED(status))
		fprintf(out, "%d\n", 128 + WTERMSIG(status));
	else
		fprintf(out, "%d\n", WEXITSTATUS(status));
	return fclose(out) == 0 ? 0 : 1;
}
