/*
 * fork_exit N: N times, fork a child that _exit(i & 0xff)s at once and
 * waitpid() it; the checksum is the sum of the exit statuses.
 * A lifecycle benchmark (bench/run): timed from the host with N and 2N.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000, i;
	unsigned long sum = 0;
	int status;
	pid_t pid;

	for (i = 0; i < n; i++) {
		pid = fork();
		if (pid < 0) {
			perror("fork");
			return 1;
		}
		if (pid == 0)
			_exit(i & 0xff);
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) {
			fprintf(stderr, "fork_exit: waitpid failed at %ld\n", i);
			return 1;
		}
		sum += WEXITSTATUS(status);
	}
	printf("fork_exit n=%ld checksum=%lu\n", n, sum);
	return 0;
}
