/*
 * chase: dependent loads through a random cycle, the shape of linked lists,
 * trees and hash chains. Each load's address comes from the previous load,
 * so nothing overlaps: the time per step is the latency of one load.
 *
 * The working set is BYTES of 64-byte cells (one cache line each), linked
 * into one random cycle (Sattolo's algorithm) through a pointer at the start
 * of each cell. 16 KiB fits any L1 and measures the load path itself; 64 MiB
 * misses every cache and, in an emulator, its software TLB.
 *
 * usage: chase [BYTES [STEPS]]   prints a hash of the cells visited
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define CELL_BYTES 64
#define DEFAULT_BYTES (16L * 1024)
#define DEFAULT_STEPS (300L * 1000 * 1000)

struct cell {
	struct cell *next;
	char pad[CELL_BYTES - sizeof(struct cell *)];
};

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t
rng_next(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Links cells[0..n) into a single cycle visiting every cell in random order. */
static int
link_random_cycle(struct cell *cells, long n)
{
	uint32_t *order = malloc(n * sizeof(*order));
	long i;

	if (!order)
		return -1;
	for (i = 0; i < n; i++)
		order[i] = (uint32_t)i;
	/* Sattolo: like Fisher-Yates, but j < i, which yields one n-cycle. */
	for (i = n - 1; i > 0; i--) {
		long j = (long)(rng_next() % (uint64_t)i);
		uint32_t t = order[i];

		order[i] = order[j];
		order[j] = t;
	}
	for (i = 0; i < n; i++)
		cells[order[i]].next = &cells[order[(i + 1) % n]];
	free(order);
	return 0;
}

int
main(int argc, char **argv)
{
	long bytes = argc > 1 ? atol(argv[1]) : DEFAULT_BYTES;
	long steps = argc > 2 ? atol(argv[2]) : DEFAULT_STEPS;
	long n = bytes / CELL_BYTES, i;
	struct cell *cells, *p;
	uint64_t hash = 0;

	if (n < 2 || steps % 8 != 0) {
		fprintf(stderr, "chase: need BYTES >= %d and STEPS a multiple of 8\n",
			2 * CELL_BYTES);
		return 2;
	}
	cells = calloc(n, sizeof(*cells));
	if (!cells || link_random_cycle(cells, n) != 0)
		return 1;
	p = &cells[0];
	for (i = 0; i < steps; i += 8) {
		p = p->next; p = p->next; p = p->next; p = p->next;
		p = p->next; p = p->next; p = p->next; p = p->next;
		hash = hash * 31 + (uint64_t)(p - cells);
	}
	printf("chase bytes=%ld steps=%ld checksum=%016llx\n", bytes, steps,
	       (unsigned long long)hash);
	free(cells);
	return 0;
}
