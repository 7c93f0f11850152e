/*
 * main - runs the generated random test functions of one batch (see gen.c)
 * one after the other and prints, for each seed, every register the test
 * may have changed, fcsr, and its data buffer, in hex.
 *
 * Every line starts with the seed, so the first differing line of a diff
 * names the seed to reproduce alone:
 *     ISA_SEED_BASE=SEED ISA_SEEDS=1 tests/isa/run TASKBOX
 * and adding ISA_LENGTH=k keeps only its first k units (see gen.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define BUF_SIZE 512

struct isa_rand_dump {
	uint64_t x[32];
	uint64_t f[32];
	uint64_t fcsr;
};

struct isa_rand_entry {
	uint64_t seed;
	void (*fn)(void);
	const unsigned char *buf;
};

struct isa_rand_dump isa_rand_dump;
extern const struct isa_rand_entry isa_rand_table[];
extern const uint64_t isa_rand_count;

static void print_dump(uint64_t seed, const unsigned char *buf)
{
	static const int xregs[] = { 1,  5,  6,  7,  8,  9,  10, 11, 12, 13,
				     14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
				     24, 25, 26, 27, 28, 29, 30, 31 };

	for (int i = 0; i < 28; i += 4)
		printf("s%lu x%02d..x%02d %016lx %016lx %016lx %016lx\n", seed,
		       xregs[i], xregs[i + 3], isa_rand_dump.x[xregs[i]],
		       isa_rand_dump.x[xregs[i + 1]], isa_rand_dump.x[xregs[i + 2]],
		       isa_rand_dump.x[xregs[i + 3]]);
	for (int i = 0; i < 32; i += 4)
		printf("s%lu f%02d..f%02d %016lx %016lx %016lx %016lx\n", seed,
		       i, i + 3, isa_rand_dump.f[i], isa_rand_dump.f[i + 1],
		       isa_rand_dump.f[i + 2], isa_rand_dump.f[i + 3]);
	printf("s%lu fcsr %02lx\n", seed, isa_rand_dump.fcsr);
	for (int off = 0; off < BUF_SIZE; off += 32) {
		printf("s%lu buf+%03d ", seed, off);
		for (int i = 0; i < 32; i++)
			printf("%02x", buf[off + i]);
		printf("\n");
	}
}

int main(void)
{
	for (uint64_t i = 0; i < isa_rand_count; i++) {
		const struct isa_rand_entry *e = &isa_rand_table[i];

		memset(&isa_rand_dump, 0, sizeof(isa_rand_dump));
		e->fn();
		print_dump(e->seed, e->buf);
	}
	return 0;
}
