/*
 * matmul: double-precision multiply-add in a loop nest, the shape of
 * numerical kernels.
 *
 * C += A * B for 300x300 matrices, REPS times, with the naive i-j-k triple
 * loop: each inner step is one load from a row of A, one strided load down a
 * column of B and one multiply-add.
 *
 * The entries of A and B are small multiples of 1/4 and 1/8, so every
 * product and every partial sum is exact in a double: the checksum is the
 * same whatever the summation order and whether or not the compiler fuses
 * the multiply and the add (riscv64 gcc does, x86-64 gcc -O2 does not).
 *
 * usage: matmul [REPS]        prints a weighted sum of the entries of C
 *
 * REPS is set by the time under emulation (a few seconds under qemu-riscv64,
 * whose floating point is slow), so the native run is shorter than the other
 * workloads': x86-64 gcc -O2 vectorises the j loop, rv64gc has no vectors.
 */
#include <stdio.h>
#include <stdlib.h>

#define N 300
#define DEFAULT_REPS 15

static double a[N][N], b[N][N], c[N][N];

static void
multiply_add(double (*restrict c)[N], double (*restrict a)[N],
	     double (*restrict b)[N])
{
	int i, j, k;

	for (i = 0; i < N; i++) {
		for (j = 0; j < N; j++) {
			double sum = c[i][j];

			for (k = 0; k < N; k++)
				sum += a[i][k] * b[k][j];
			c[i][j] = sum;
		}
	}
}

int
main(int argc, char **argv)
{
	long reps = argc > 1 ? atol(argv[1]) : DEFAULT_REPS;
	double total = 0;
	long r;
	int i, j;

	for (i = 0; i < N; i++) {
		for (j = 0; j < N; j++) {
			a[i][j] = ((i * 7 + j * 3) % 13 - 6) * 0.25;
			b[i][j] = ((i * 5 + j * 11) % 9 - 4) * 0.125;
		}
	}
	for (r = 0; r < reps; r++)
		multiply_add(c, a, b);
	for (i = 0; i < N; i++)
		for (j = 0; j < N; j++)
			total += c[i][j] * ((i + 2 * j) % 5 + 1);
	printf("matmul n=%d reps=%ld checksum=%.17g\n", N, reps, total);
	return 0;
}
