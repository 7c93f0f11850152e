/*
 * sort: branchy integer code, the shape of compilers, parsers and databases.
 *
 * ROUNDS times: fill an array of 1M pseudo-random ints and sort it with a
 * hand-written quicksort (median-of-three, Hoare partition, insertion sort
 * below 16 elements). The comparisons are data-dependent and so mispredict
 * on real hardware about half the time; an interpreter pays for its branch
 * and compare handlers instead.
 *
 * usage: sort [ROUNDS]        prints a hash of the sorted arrays
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define N_ELEMS (1 << 20)
#define DEFAULT_ROUNDS 6
#define INSERTION_MAX 16

static void
insertion_sort(int32_t *a, long n)
{
	long i, j;

	for (i = 1; i < n; i++) {
		int32_t v = a[i];

		for (j = i; j > 0 && a[j - 1] > v; j--)
			a[j] = a[j - 1];
		a[j] = v;
	}
}

static inline void
swap(int32_t *a, int32_t *b)
{
	int32_t t = *a;

	*a = *b;
	*b = t;
}

/* Sorts a[0..n). Recurses on the smaller side so the stack stays O(log n). */
static void
quicksort(int32_t *a, long n)
{
	while (n > INSERTION_MAX) {
		long mid = n / 2, i = -1, j = n;
		int32_t pivot;

		if (a[mid] < a[0])
			swap(&a[mid], &a[0]);
		if (a[n - 1] < a[0])
			swap(&a[n - 1], &a[0]);
		if (a[n - 1] < a[mid])
			swap(&a[n - 1], &a[mid]);
		pivot = a[mid];
		for (;;) {
			do i++; while (a[i] < pivot);
			do j--; while (a[j] > pivot);
			if (i >= j)
				break;
			swap(&a[i], &a[j]);
		}
		if (j + 1 < n - (j + 1)) {
			quicksort(a, j + 1);
			a += j + 1;
			n -= j + 1;
		} else {
			quicksort(a + j + 1, n - (j + 1));
			n = j + 1;
		}
	}
	insertion_sort(a, n);
}

int
main(int argc, char **argv)
{
	long rounds = argc > 1 ? atol(argv[1]) : DEFAULT_ROUNDS;
	int32_t *a = malloc(N_ELEMS * sizeof(*a));
	uint64_t x = 88172645463325252ull, hash = 1469598103934665603ull;
	long r, i;

	if (!a)
		return 1;
	for (r = 0; r < rounds; r++) {
		for (i = 0; i < N_ELEMS; i++) {
			x ^= x << 13; x ^= x >> 7; x ^= x << 17;
			a[i] = (int32_t)(x >> 32);
		}
		quicksort(a, N_ELEMS);
		for (i = 1; i < N_ELEMS; i++) {
			if (a[i - 1] > a[i]) {
				fprintf(stderr, "sort: not sorted at %ld\n", i);
				return 1;
			}
		}
		for (i = 0; i < N_ELEMS; i += 4097)
			hash = (hash ^ (uint32_t)a[i]) * 1099511628211ull;
	}
	printf("sort rounds=%ld n=%d checksum=%016llx\n", rounds, N_ELEMS,
	       (unsigned long long)hash);
	free(a);
	return 0;
}
