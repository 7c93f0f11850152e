/*
 * malloc_big — large and many allocations through glibc's malloc, which uses brk
 * for small blocks and mmap (and mremap in realloc) for big ones.
 */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "lib/check.h"

#define MiB (1024UL * 1024)
#define PAGE 4096UL

static volatile size_t huge = SIZE_MAX;	/* hidden from GCC's size warnings */

/* 256 MiB, one byte written per page, read back and summed. */
static void
test_big_block(void)
{
	size_t size = 256 * MiB, i;
	unsigned char *p = malloc(size);
	uint64_t sum = 0, want = 0;
	int good = 1;

	if (!check("malloc_256MiB", p != NULL, "%s", p ? "allocated" : "NULL"))
		return;
	for (i = 0; i < size; i += PAGE)
		p[i + (i / PAGE) % PAGE] = (unsigned char)(i / PAGE * 7 + 1);
	for (i = 0; i < size; i += PAGE) {
		unsigned char v = p[i + (i / PAGE) % PAGE];

		good &= v == (unsigned char)(i / PAGE * 7 + 1);
		sum += v;
		want += (unsigned char)(i / PAGE * 7 + 1);
	}
	check("big_block_pages", good, "all 65536 pages kept their byte: %s", yesno(good));
	check("big_block_checksum", sum == want, "sum %llu, want %llu", (unsigned long long)sum,
	      (unsigned long long)want);
	p[size - 1] = 0xee;
	check_long("big_block_last_byte", p[size - 1], 0xee);
	free(p);
}

static int
all_zero(const unsigned char *p, size_t len)
{
	const uint64_t *w = (const uint64_t *)p;
	size_t i;

	for (i = 0; i < len / 8; i++)
		if (w[i])
			return 0;
	for (i = len / 8 * 8; i < len; i++)
		if (p[i])
			return 0;
	return 1;
}

static void
test_calloc(void)
{
	unsigned char *p, *q;
	size_t i;

	p = calloc(64, MiB);
	check("calloc_64MiB_zeroed", p && all_zero(p, 64 * MiB), "all zero: %s",
	      yesno(p && all_zero(p, 64 * MiB)));
	free(p);

	/* calloc of memory malloc hands back after a free: still zero. */
	for (i = 0; i < 8; i++) {
		p = malloc(1000);
		memset(p, 0xff, 1000);
		free(p);
	}
	q = calloc(10, 100);
	check("calloc_reused_zeroed", q && all_zero(q, 1000), "all zero: %s",
	      yesno(q && all_zero(q, 1000)));
	free(q);
	errno = 0;
	p = calloc(huge / 2, 4);
	check("calloc_overflow", p == NULL && errno == ENOMEM, "NULL with %s",
	      errno_name(errno));
}

static void
test_realloc(void)
{
	unsigned char *p, *q;
	size_t i;
	int good = 1;

	p = malloc(1000);
	for (i = 0; i < 1000; i++)
		p[i] = (unsigned char)(i * 13);
	q = realloc(p, 1 * MiB);
	for (i = 0; q && i < 1000; i++)
		good &= q[i] == (unsigned char)(i * 13);
	check("realloc_1MiB_keeps", q && good, "first 1000 bytes kept: %s", yesno(q && good));
	memset(q + 1000, 0x77, MiB - 1000);

	/* 1 MiB is above the mmap threshold: growing it is an mremap. */
	p = realloc(q, 100 * MiB);
	good = 1;
	for (i = 0; p && i < 1000; i++)
		good &= p[i] == (unsigned char)(i * 13);
	for (i = 1000; p && i < MiB; i += 997)
		good &= p[i] == 0x77;
	check("realloc_100MiB_keeps", p && good, "old bytes kept: %s", yesno(p && good));
	p[100 * MiB - 1] = 1;
	q = realloc(p, 10);
	check("realloc_shrink_keeps", q && q[0] == 0 && q[9] == (unsigned char)(9 * 13),
	      "first bytes kept: %s", yesno(q && q[0] == 0 && q[9] == (unsigned char)(9 * 13)));
	free(q);
	errno = 0;
	p = malloc(huge);
	check("malloc_size_max", p == NULL && errno == ENOMEM, "NULL with %s", errno_name(errno));
}

/* Many blocks of many sizes, freed in a scrambled order. */
static void
test_many(void)
{
	static unsigned char *blocks[20000];
	static size_t sizes[20000];
	uint64_t x = 12345, sum = 0;
	int i, good = 1, n = 20000;

	for (i = 0; i < n; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		sizes[i] = 1 + (x >> 33) % (i % 100 == 0 ? 200000 : 2000);
		blocks[i] = malloc(sizes[i]);
		if (!blocks[i]) {
			good = 0;
			break;
		}
		memset(blocks[i], i & 0xff, sizes[i]);
	}
	for (i = 0; good && i < n; i++) {
		int j = (int)(((uint64_t)i * 7919) % n);

		good &= blocks[j][0] == (j & 0xff) && blocks[j][sizes[j] - 1] == (j & 0xff);
		sum += sizes[j];
		free(blocks[j]);
	}
	check("many_blocks", good, "20000 blocks kept their bytes: %s, total size %llu",
	      yesno(good), (unsigned long long)sum);
}

static void
test_aligned(void)
{
	void *p = NULL;
	int r = posix_memalign(&p, 65536, 100000);

	check("posix_memalign_64K", r == 0 && (uintptr_t)p % 65536 == 0, "result %s, aligned: %s",
	      errno_name(r), yesno((uintptr_t)p % 65536 == 0));
	free(p);
	r = posix_memalign(&p, 3, 10);
	check("posix_memalign_bad_alignment", r == EINVAL, "%s", errno_name(r));
}

int
main(void)
{
	test_big_block();
	test_calloc();
	test_realloc();
	test_many();
	test_aligned();
	return check_summary();
}
