/*
 * sleepers K: memory per sleeping forked process. Forks K children that each
 * block in read() on a pipe, waits until each has said it is about to block
 * (one byte on another pipe), prints "ready K" and reads standard input: a
 * line "more" forks K more children the same way and prints "ready 2K";
 * end-of-file closes the pipe, so every child reads end-of-file and exits,
 * and reaps them all. The checksum is the sum of their exit statuses.
 *
 * bench/run measures the host memory of the process tree while it waits at
 * "ready K" and at "ready 2K": the difference over K is the memory of one
 * sleeping process. The children touch nothing but their stack.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int go[2], ready[2];

/* Forks children [from, to); returns 0 once all are about to block. */
static int
spawn(long from, long to)
{
	char c, line[32];
	long i;
	pid_t pid;

	for (i = from; i < to; i++) {
		pid = fork();
		if (pid < 0) {
			perror("fork");
			return -1;
		}
		if (pid == 0) {
			close(go[1]);
			close(ready[0]);
			if (write(ready[1], "x", 1) != 1 || read(go[0], &c, 1) != 0)
				_exit(255);
			_exit(i & 0xff);
		}
	}
	for (i = from; i < to; i++)
		if (read(ready[0], &c, 1) != 1) {
			fprintf(stderr, "sleepers: a child did not start\n");
			return -1;
		}
	snprintf(line, sizeof(line), "ready %ld\n", to);
	return write(1, line, strlen(line)) == (ssize_t)strlen(line) ? 0 : -1;
}

/* Reads one line of standard input into buf; returns its length or -1 at EOF. */
static int
read_line(char *buf, int size)
{
	int len = 0;
	char c = 0;

	while (read(0, &c, 1) == 1) {
		if (c == '\n')
			break;
		if (len < size - 1)
			buf[len++] = c;
	}
	buf[len] = 0;
	return len || c == '\n' ? len : -1;
}

int
main(int argc, char **argv)
{
	long k = argc > 1 ? atol(argv[1]) : 100, n = 0, i;
	unsigned long sum = 0;
	char line[32];
	int status;

	if (pipe(go) < 0 || pipe(ready) < 0) {
		perror("pipe");
		return 1;
	}
	if (spawn(0, k) < 0)
		return 1;
	n = k;
	while (read_line(line, sizeof(line)) >= 0) {
		if (strcmp(line, "more") != 0)
			continue;
		if (spawn(n, n + k) < 0)
			return 1;
		n += k;
	}
	close(go[1]);
	for (i = 0; i < n; i++) {
		if (wait(&status) < 0 || !WIFEXITED(status)) {
			fprintf(stderr, "sleepers: wait failed\n");
			return 1;
		}
		sum += WEXITSTATUS(status);
	}
	printf("sleepers k=%ld n=%ld checksum=%lu\n", k, n, sum);
	return 0;
}
