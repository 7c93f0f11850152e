/*
 * pipe_pingpong N: a parent and a child pass one byte back and forth over
 * two pipes, N round trips (parent writes, child reads and writes back the
 * byte plus one, parent reads). The checksum is the sum of the bytes read.
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
	int down[2], up[2], status;
	unsigned char c;
	pid_t pid;

	if (pipe(down) < 0 || pipe(up) < 0) {
		perror("pipe");
		return 1;
	}
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 1;
	}
	if (pid == 0) {
		close(down[1]);
		close(up[0]);
		while (read(down[0], &c, 1) == 1) {
			c++;
			if (write(up[1], &c, 1) != 1)
				_exit(1);
		}
		_exit(0);
	}
	close(down[0]);
	close(up[1]);
	for (i = 0; i < n; i++) {
		c = (unsigned char)i;
		if (write(down[1], &c, 1) != 1 || read(up[0], &c, 1) != 1) {
			fprintf(stderr, "pipe_pingpong: round trip %ld failed\n", i);
			return 1;
		}
		sum += c;
	}
	close(down[1]);
	if (waitpid(pid, &status, 0) != pid || status != 0) {
		fprintf(stderr, "pipe_pingpong: child failed (status %#x)\n", status);
		return 1;
	}
	printf("pipe_pingpong n=%ld checksum=%lu\n", n, sum);
	return 0;
}
