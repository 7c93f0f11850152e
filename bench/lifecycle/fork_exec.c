/*
 * fork_exec N: N times, fork a child that execve()s this same program
 * (argv[0], which must be an absolute path) as "PROG -x S", which exits
 * with status S = i & 0xff at once; waitpid() it. The checksum is the sum
 * of the exit statuses. Re-executing itself keeps the exec'd file valid in
 * every configuration: taskbox shows its top PROGRAM at its host path.
 * A lifecycle benchmark (bench/run): timed from the host with N and 2N.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

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
		fprintf(stderr, "fork_exec: argv[0] must be an absolute path, not %s\n", argv[0]);
		return 2;
	}
	n = argc > 1 ? atol(argv[1]) : 1000;
	for (i = 0; i < n; i++) {
		snprintf(arg, sizeof(arg), "%ld", i & 0xff);
		pid = fork();
		if (pid < 0) {
			perror("fork");
			return 1;
		}
		if (pid == 0) {
			execve(argv[0], cargv, environ);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != (i & 0xff)) {
			fprintf(stderr, "fork_exec: child %ld failed (status %#x)\n", i, status);
			return 1;
		}
		sum += WEXITSTATUS(status);
	}
	printf("fork_exec n=%ld checksum=%lu\n", n, sum);
	return 0;
}
