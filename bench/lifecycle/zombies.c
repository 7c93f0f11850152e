/*
 * zombies K: fork K children that _exit(i & 0xff) at once, wait until all
 * of them have exited, then reap them one by one with waitpid(pid), newest
 * first (the order a walk of the children list from the oldest finds last).
 * The checksum is the sum of the exit statuses.
 *
 * The barrier: every child inherits the write end of a pipe and the parent
 * closes its own, so read() returns end-of-file only when every child has
 * closed it, in exit. The first line of output, written at once after the
 * barrier, marks the start of the reaping for the host's clock (timeit -m):
 * bench/run times the whole run and the reaping alone, with 0, 5,000 and
 * 10,000 children, to see how the time per child grows with their number.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	long k = argc > 1 ? atol(argv[1]) : 1000, i;
	unsigned long sum = 0;
	pid_t *pids = malloc(sizeof(pid_t) * (k > 0 ? k : 1));
	int p[2], status;
	char c, line[64];

	if (!pids || pipe(p) < 0) {
		perror("zombies");
		return 1;
	}
	for (i = 0; i < k; i++) {
		pids[i] = fork();
		if (pids[i] < 0) {
			perror("fork");
			return 1;
		}
		if (pids[i] == 0)
			_exit(i & 0xff);
	}
	close(p[1]);
	if (read(p[0], &c, 1) != 0) {
		fprintf(stderr, "zombies: the barrier pipe was not at end-of-file\n");
		return 1;
	}
	snprintf(line, sizeof(line), "zombies k=%ld exited\n", k);
	if (write(1, line, strlen(line)) != (ssize_t)strlen(line))
		return 1;
	for (i = k - 1; i >= 0; i--) {
		if (waitpid(pids[i], &status, 0) != pids[i] || !WIFEXITED(status)) {
			fprintf(stderr, "zombies: waitpid of child %ld failed\n", i);
			return 1;
		}
		sum += WEXITSTATUS(status);
	}
	printf("zombies k=%ld checksum=%lu\n", k, sum);
	return 0;
}
