/*
 * linetime: the arrival time of every line a command prints, from the host,
 * with a monotonic clock (guest clocks are virtual).
 *
 *   linetime [-t SECONDS] COMMAND [ARG...]
 *
 * Runs COMMAND in its own process group, its standard output into a pipe and
 * its standard input and error those of linetime, and prints to standard
 * output, for each line COMMAND prints, "SECONDS LINE": the seconds from the
 * spawn to the arrival of the line's end. When COMMAND has ended it prints
 * "SECONDS exit STATUS" (the status as a shell reports it: exit code,
 * 128+signal, or "timeout" when -t ran out and the process group was
 * killed). The interval between two lines is the time of what the program
 * did between its two writes (bench/procps/psmany.c). Exits 0 when it could
 * run the command.
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
static int timed_out;
static struct timespec start;

static void
on_signal(int sig)
{
	stop_signal = sig;
}

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - start.tv_sec) + (double)(t.tv_nsec - start.tv_nsec) / 1e9;
}

/* After an interrupted call: kills the command's process group on a timeout
 * or a signal to linetime itself. */
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

int
main(int argc, char **argv)
{
	static const int sigs[] = { SIGALRM, SIGINT, SIGTERM, SIGHUP };
	posix_spawnattr_t attr;
	posix_spawn_file_actions_t actions;
	struct sigaction sa;
	unsigned int timeout = 0, i;
	char buf[4096], line[4096];
	size_t len = 0;
	ssize_t n, k;
	int status, err, p[2];
	double t;
	pid_t pid;

	if (argc > 2 && strcmp(argv[1], "-t") == 0) {
		timeout = (unsigned int)atoi(argv[2]);
		argv += 2;
		argc -= 2;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: linetime [-t SECONDS] COMMAND [ARG...]\n");
		return 2;
	}
	/* No SA_RESTART: the signal must interrupt read() and waitpid(). */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
	if (pipe(p) < 0) {
		perror("linetime: pipe");
		return 1;
	}
	posix_spawnattr_init(&attr);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
	posix_spawnattr_setpgroup(&attr, 0);
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_adddup2(&actions, p[1], 1);
	posix_spawn_file_actions_addclose(&actions, p[0]);
	posix_spawn_file_actions_addclose(&actions, p[1]);
	setvbuf(stdout, NULL, _IOLBF, 0);

	clock_gettime(CLOCK_MONOTONIC, &start);
	err = posix_spawnp(&pid, argv[1], &actions, &attr, argv + 1, environ);
	if (err != 0) {
		fprintf(stderr, "linetime: %s: %s\n", argv[1], strerror(err));
		return 127;
	}
	close(p[1]);
	alarm(timeout);
	for (;;) {
		n = read(p[0], buf, sizeof(buf));
		if (n < 0 && errno == EINTR) {
			handle_stop(pid);
			continue;
		}
		if (n <= 0)
			break;
		t = now();
		for (k = 0; k < n; k++) {
			if (buf[k] == '\n') {
				printf("%.9f %.*s\n", t, (int)len, line);
				len = 0;
			} else if (len < sizeof(line) - 1) {
				line[len++] = buf[k];
			}
		}
	}
	if (len)
		printf("%.9f %.*s\n", now(), (int)len, line);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			perror("linetime: waitpid");
			return 1;
		}
		handle_stop(pid);
	}
	t = now();
	if (timed_out)
		printf("%.9f exit timeout\n", t);
	else if (WIFSIGNALED(status))
		printf("%.9f exit %d\n", t, 128 + WTERMSIG(status));
	else
		printf("%.9f exit %d\n", t, WEXITSTATUS(status));
	return 0;
}
