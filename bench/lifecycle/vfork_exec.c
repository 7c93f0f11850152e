/*
 * vfork_exec N: N times, vfork() a child (the parent sleeps until it execs)
 * that execve()s this same program (argv[0], an absolute path) as "PROG -x S",
 * which exits with status S = i & 0xff at once; waitpid() it. The checksum is
 * the sum of the exit statuses. See fork_exec.c for why it re-executes itself.
 * A lifecycle benchmark (bench/run): timed from the host with N and 2N.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/*
 * vfork()s a child that execs path with argv; returns its PID. The child
 * never returns here: it execs or _exit(127)s. In a function of its own so
 * that no variable of the caller lives across vfork().
 */
static pid_t __attribute__((noinline))
spawn(const char *path, char **argv)
{
	pid_t pid = vfork();

	if (pid == 0) {
		execve(path, argv, environ);
		_exit(127);
	}
	return pid;
}

int
main(int argc, char **argv)
{
	long n, i;
	unsigned long sum = 0;
	char arg[16];
	char *cargv[] = { argv[0], "-x", arg, NULL };
	int status;
	pid_t pid;

	if (argc > 2 && strcmp(argv[1], "-x") == 0)
		_exit(atoi(argv[2]));
	if (argv[0][0] != '/') {
		fprintf(stderr, "vfork_exec: argv[0] must be an absolute path, not %s\n", argv[0]);
		return 2;
	}
	n = argc > 1 ? atol(argv[1]) : 1000;
	for (i = 0; i < n; i++) {
		snprintf(arg, sizeof(arg), "%ld", i & 0xff);
		pid = spawn(argv[0], cargv);
		if (pid < 0) {
			perror("vfork");
			return 1;
		}
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != (i & 0xff)) {
			fprintf(stderr, "vfork_exec: child %ld failed (status %#x)\n", i, status);
			return 1;
		}
		sum += WEXITSTATUS(status);
	}
	printf("vfork_exec n=%ld checksum=%lu\n", n, sum);
	return 0;
}
