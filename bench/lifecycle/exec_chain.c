/*
 * exec_chain N: the program execve()s itself N times in a row, in one
 * process, as "PROG -c N I SUM" with the counter I going from N - 1 down to
 * 0, then prints a checksum: the sum of the counters, carried along in argv.
 * Each step checks that it is a fresh image (a static variable the previous
 * one changed is back to its initial value) in the same process (its PID).
 * The same file is exec'd every time, so after the first exec it is cached:
 * this is the time of an exec of a cached binary (argv[0] must be an
 * absolute path; see fork_exec.c for why it re-executes itself).
 * A lifecycle benchmark (bench/run): timed from the host with N and 2N.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

static int fresh = 1;	/* 0 only in an image that failed to be replaced */

int
main(int argc, char **argv)
{
	long n, i;
	unsigned long sum = 0;
	char sn[24], si[24], ssum[24], spid[24];
	char *cargv[] = { argv[0], "-c", sn, si, ssum, spid, NULL };

	if (!fresh) {
		fprintf(stderr, "exec_chain: not a fresh image\n");
		return 1;
	}
	fresh = 0;
	if (argc > 5 && strcmp(argv[1], "-c") == 0) {
		n = atol(argv[2]);
		i = atol(argv[3]);
		sum = strtoul(argv[4], NULL, 10);
		if (atol(argv[5]) != (long)getpid()) {
			fprintf(stderr, "exec_chain: the PID changed across execve\n");
			return 1;
		}
	} else {
		if (argv[0][0] != '/') {
			fprintf(stderr, "exec_chain: argv[0] must be an absolute path, not %s\n",
				argv[0]);
			return 2;
		}
		n = i = argc > 1 ? atol(argv[1]) : 1000;
	}
	if (i > 0) {
		i--;
		snprintf(sn, sizeof(sn), "%ld", n);
		snprintf(si, sizeof(si), "%ld", i);
		snprintf(ssum, sizeof(ssum), "%lu", sum + i);
		snprintf(spid, sizeof(spid), "%ld", (long)getpid());
		execve(argv[0], cargv, environ);
		perror("exec_chain: execve");
		return 1;
	}
	printf("exec_chain n=%ld checksum=%lu\n", n, sum);
	return 0;
}
