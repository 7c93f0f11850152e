/*
 * timeit: wall-clock time of one command, from the host, with a monotonic
 * clock and nanosecond resolution (bash's `time` gives milliseconds, too
 * coarse for start-up times under a millisecond).
 *
 *   timeit [-t SECONDS] RESULT_FILE COMMAND [ARG...]
 *
 * Runs COMMAND with timeit's own stdin, stdout and stderr and writes one line
 * to RESULT_FILE: the elapsed seconds, then the status as a shell reports it
 * (exit code, 128+signal, or "timeout" when -t ran out and the command's
 * process group was killed). The clock covers spawn to reap, nothing else.
 * timeit exits 0 whenever it could run the command and write the result.
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

static double
elapsed_seconds(const struct timespec *start, const struct timespec *end)
{
	return (double)(end->tv_sec - start->tv_sec) +
	       (double)(end->tv_nsec - start->tv_nsec) / 1e9;
}

/*
 * Waits for pid. On SIGALRM (the timeout) or a signal telling timeit itself
 * to stop, kills the command's whole process group first, so nothing it
 * started outlives the measurement. Returns the wait status; sets *timed_out.
 */
static int
reap(pid_t pid, int *timed_out)
{
	int status;

	*timed_out = 0;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return -1;
		if (stop_signal) {
			killpg(pid, SIGKILL);
			if (stop_signal == SIGALRM)
				*timed_out = 1;
			else
				exit(128 + stop_signal);
			stop_signal = 0;
		}
	}
	return status;
}

int
main(int argc, char **argv)
{
	posix_spawnattr_t attr;
	struct timespec start, end;
	unsigned int timeout = 0;
	int status, timed_out, err;
	pid_t pid;
	FILE *out;

	if (argc > 2 && strcmp(argv[1], "-t") == 0) {
		timeout = (unsigned int)atoi(argv[2]);
		argv += 2;
		argc -= 2;
	}
	if (argc < 3) {
		fprintf(stderr, "usage: timeit [-t SECONDS] RESULT_FILE COMMAND [ARG...]\n");
		return 2;
	}
	catch_signals();
	/* Its own process group, so a timeout can kill everything it started. */
	posix_spawnattr_init(&attr);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
	posix_spawnattr_setpgroup(&attr, 0);

	clock_gettime(CLOCK_MONOTONIC, &start);
	err = posix_spawnp(&pid, argv[2], NULL, &attr, argv + 2, environ);
	if (err != 0) {
		fprintf(stderr, "timeit: %s: %s\n", argv[2], strerror(err));
		return 127;
	}
	alarm(timeout);
	status = reap(pid, &timed_out);
	clock_gettime(CLOCK_MONOTONIC, &end);

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
