/*
 * ctx_ring N [K]: K processes (default 8: the parent and K - 1 children) in
 * a ring of K pipes pass a one-byte token around, N hops in all: hop h goes
 * from process h % K to process (h + 1) % K, which adds one to the byte and
 * passes it on. Only one process can run at a time, so every hop is a
 * write(), a read() that was asleep and a switch to another process: the
 * context-switch time, in the style of lmbench's lat_ctx (with no working
 * set). N counts hops, so bench/run's (T(2N) - T(N)) / N is per hop.
 *
 * Every process keeps only its two ends of the ring, so one that dies ends
 * the others' reads with end-of-file rather than leaving them asleep. The
 * checksum is the sum of the bytes each process read (the children's
 * sums, modulo 255, come back as their exit statuses; 255 is failure).
 * A lifecycle benchmark (bench/run): timed from the host with N and 2N.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAXK 64

static int ring[MAXK][2];	/* ring[j]: from process j - 1 to process j */

/*
 * Process j of k: receives hops h = j - 1, j - 1 + k, ... (< n) and sends
 * each one on as hop h + 1 (< n); process 0 starts with hop 0. Returns the
 * sum of the bytes it read, or -1.
 */
static long
hops(int j, int k, long n)
{
	unsigned char c = 0;
	long h, sum = 0;

	for (h = j - 1; h < n; h += k) {
		if (h >= 0) {
			if (read(ring[j][0], &c, 1) != 1)
				return -1;
			sum += c;
		}
		c++;
		if (h + 1 < n && write(ring[(j + 1) % k][1], &c, 1) != 1)
			return -1;
	}
	return sum;
}

/* Closes every end of the ring but the ones process j uses. */
static void
keep_own_ends(int j, int k)
{
	int i;

	for (i = 0; i < k; i++) {
		if (i != j)
			close(ring[i][0]);
		if (i != (j + 1) % k)
			close(ring[i][1]);
	}
}

int
main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000, sum;
	int k = argc > 2 ? atoi(argv[2]) : 8, j, status, failed = 0;
	pid_t pids[MAXK];

	if (k < 2 || k > MAXK) {
		fprintf(stderr, "ctx_ring: K must be 2 to %d\n", MAXK);
		return 2;
	}
	for (j = 0; j < k; j++)
		if (pipe(ring[j]) < 0) {
			perror("ctx_ring: pipe");
			return 1;
		}
	for (j = 1; j < k; j++) {
		pids[j] = fork();
		if (pids[j] < 0) {
			perror("ctx_ring: fork");
			return 1;
		}
		if (pids[j] == 0) {
			keep_own_ends(j, k);
			sum = hops(j, k, n);
			_exit(sum < 0 ? 255 : sum % 255);
		}
	}
	keep_own_ends(0, k);
	sum = hops(0, k, n);
	if (sum < 0) {
		fprintf(stderr, "ctx_ring: the token was lost\n");
		failed = 1;
	}
	/* Closing its ends ends the others' reads, should one still wait. */
	close(ring[0][0]);
	close(ring[1][1]);
	for (j = 1; j < k; j++) {
		if (waitpid(pids[j], &status, 0) != pids[j] || !WIFEXITED(status) ||
		    WEXITSTATUS(status) == 255) {
			fprintf(stderr, "ctx_ring: process %d failed\n", j);
			failed = 1;
		} else {
			sum += WEXITSTATUS(status);
		}
	}
	if (failed)
		return 1;
	printf("ctx_ring n=%ld k=%d checksum=%ld\n", n, k, sum);
	return 0;
}
