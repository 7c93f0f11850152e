/*
 * taskbox's init: PID 1 when taskbox runs a PROGRAM (DESIGN.md, "The command
 * line"). It starts PROGRAM as its child in a session of its own, reaps every
 * process that is handed to it (orphans), forwards SIGINT, SIGTERM and SIGHUP
 * to PROGRAM, and exits with PROGRAM's status: its exit code, or 128 + the
 * signal that killed it.
 *
 * Usage (the kernel passes it): init PATH ARGV0 [ARG...]
 *
 * It waits for signals with sigwaitinfo instead of handlers: every signal it
 * cares about stays blocked, so nothing is lost between two waits.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t
start_program(char **argv, const sigset_t *oldmask)
{
	pid_t pid = fork();

	if (pid != 0)
		return pid;
	sigprocmask(SIG_SETMASK, oldmask, NULL);
	setsid();
	execv(argv[1], argv + 2);
	fprintf(stderr, "taskbox: %s: %s\n", argv[2], strerror(errno));
	_exit(errno == ENOENT ? 127 : 126);
}

/* Reap every child that has exited; return PROGRAM's status once it is gone. */
static int
reap(pid_t program, int *status)
{
	int st, done = 0;
	pid_t pid;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		if (pid == program) {
			*status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
			done = 1;
		}
	}
	return done;
}

int
main(int argc, char **argv)
{
	sigset_t set, oldmask;
	int status = 0;
	pid_t program;

	if (argc < 3) {
		fputs("init: usage: init PATH ARGV0 [ARG...]\n", stderr);
		return 2;
	}
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, &oldmask);
	program = start_program(argv, &oldmask);
	if (program < 0) {
		perror("init: fork");
		return 125;
	}
	for (;;) {
		int sig = sigwaitinfo(&set, NULL);

		if (sig == SIGCHLD) {
			if (reap(program, &status))
				return status;
		} else if (sig > 0) {
			kill(program, sig);
		}
	}
}
