/*
 * futex_pingpong N: a parent and a child pass a turn back and forth N times
 * through one futex word in shared anonymous memory. Whoever's turn it is
 * not waits with FUTEX_WAIT while the word holds the other's value; the
 * other sets the word and wakes it with FUTEX_WAKE. One round trip: two
 * stores, two wakes, up to two waits and two context switches. The words
 * are shared (no FUTEX_PRIVATE_FLAG): the waits meet across two address
 * spaces through the page, as a process-shared mutex does.
 *
 * Prints nothing; exits 1 with a message on stderr on any error. A
 * synchronisation benchmark (bench/signal.sh): timed from the host with N
 * and 2N.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static long
futex(volatile int *w, int op, int val)
{
	return syscall(SYS_futex, w, op, val, NULL, NULL, 0);
}

/* Wait until *w is want, then give the turn away: *w = give, and wake. */
static int
take_turn(volatile int *w, int want, int give, const char *who)
{
	while (__atomic_load_n(w, __ATOMIC_ACQUIRE) != want)
		if (futex(w, FUTEX_WAIT, give) < 0 && errno != EAGAIN && errno != EINTR) {
			fprintf(stderr, "futex_pingpong: %s: FUTEX_WAIT: %s\n", who, strerror(errno));
			return -1;
		}
	__atomic_store_n(w, give, __ATOMIC_RELEASE);
	if (futex(w, FUTEX_WAKE, 1) < 0) {
		fprintf(stderr, "futex_pingpong: %s: FUTEX_WAKE: %s\n", who, strerror(errno));
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000, i;
	volatile int *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
			       -1, 0);
	int status;
	pid_t child;

	if (w == MAP_FAILED) {
		perror("futex_pingpong: mmap");
		return 1;
	}
	*w = 0;			/* 0: the parent's turn, 1: the child's */
	child = fork();
	if (child < 0) {
		perror("futex_pingpong: fork");
		return 1;
	}
	for (i = 0; i < n; i++)
		if (child == 0 ? take_turn(w, 1, 0, "child") : take_turn(w, 0, 1, "parent"))
			break;
	if (child == 0)
		_exit(i == n ? 0 : 1);
	if (waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "futex_pingpong: the child failed\n");
		return 1;
	}
	return i == n ? 0 : 1;
}
