/*
 * sha256: integer hashing, the shape of checksumming and crypto code.
 *
 * Hashes a 64 KiB buffer ROUNDS times with a hand-written SHA-256 (FIPS 180-4);
 * each round's digest is written back into the buffer, so no round can be
 * skipped or hoisted. The hot loop is 32-bit rotates, adds and xors on
 * registers, with few loads and almost no branches.
 *
 * usage: sha256 [ROUNDS]      prints the final digest as the checksum
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF_BYTES (64 * 1024)
#define DEFAULT_ROUNDS 1250

struct sha256_ctx {
	uint32_t h[8];
	uint64_t bytes;
	uint8_t block[64];
	unsigned int fill;
};

static const uint32_t k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static inline uint32_t
ror32(uint32_t x, unsigned int n)
{
	return (x >> n) | (x << (32 - n));
}

static void
sha256_block(uint32_t h[8], const uint8_t *p)
{
	uint32_t w[64], a, b, c, d, e, f, g, hh, t1, t2;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (i = 16; i < 64; i++) {
		uint32_t s0 = ror32(w[i - 15], 7) ^ ror32(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ror32(w[i - 2], 17) ^ ror32(w[i - 2], 19) ^ (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = h[0]; b = h[1]; c = h[2]; d = h[3];
	e = h[4]; f = h[5]; g = h[6]; hh = h[7];
	for (i = 0; i < 64; i++) {
		t1 = hh + (ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25)) +
		     ((e & f) ^ (~e & g)) + k[i] + w[i];
		t2 = (ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22)) +
		     ((a & b) ^ (a & c) ^ (b & c));
		hh = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	h[0] += a; h[1] += b; h[2] += c; h[3] += d;
	h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

static void
sha256_init(struct sha256_ctx *ctx)
{
	static const uint32_t iv[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};

	memcpy(ctx->h, iv, sizeof(iv));
	ctx->bytes = 0;
	ctx->fill = 0;
}

static void
sha256_update(struct sha256_ctx *ctx, const uint8_t *p, size_t n)
{
	ctx->bytes += n;
	while (n > 0) {
		if (ctx->fill == 0 && n >= 64) {
			sha256_block(ctx->h, p);
			p += 64;
			n -= 64;
			continue;
		}
		ctx->block[ctx->fill++] = *p++;
		n--;
		if (ctx->fill == 64) {
			sha256_block(ctx->h, ctx->block);
			ctx->fill = 0;
		}
	}
}

static void
sha256_final(struct sha256_ctx *ctx, uint8_t out[32])
{
	uint64_t bits = ctx->bytes * 8;
	uint8_t pad = 0x80;
	int i;

	sha256_update(ctx, &pad, 1);
	pad = 0;
	while (ctx->fill != 56)
		sha256_update(ctx, &pad, 1);
	for (i = 7; i >= 0; i--) {
		uint8_t byte = (uint8_t)(bits >> (8 * i));
		sha256_update(ctx, &byte, 1);
	}
	for (i = 0; i < 32; i++)
		out[i] = (uint8_t)(ctx->h[i / 4] >> (24 - 8 * (i % 4)));
}

/* Known answer: SHA-256("abc"), so a wrong port fails loudly, not just slowly. */
static int
sha256_selftest(void)
{
	static const uint8_t want[32] = {
		0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40,
		0xde, 0x5d, 0xae, 0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17,
		0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad,
	};
	struct sha256_ctx ctx;
	uint8_t got[32];

	sha256_init(&ctx);
	sha256_update(&ctx, (const uint8_t *)"abc", 3);
	sha256_final(&ctx, got);
	return memcmp(got, want, 32) == 0 ? 0 : -1;
}

int
main(int argc, char **argv)
{
	long rounds = argc > 1 ? atol(argv[1]) : DEFAULT_ROUNDS;
	static uint8_t buf[BUF_BYTES];
	uint8_t digest[32];
	struct sha256_ctx ctx;
	uint32_t x = 2463534242u;
	long r;
	int i;

	if (sha256_selftest() != 0) {
		fprintf(stderr, "sha256: self-test failed\n");
		return 1;
	}
	for (i = 0; i < BUF_BYTES; i++) {
		x ^= x << 13; x ^= x >> 17; x ^= x << 5;
		buf[i] = (uint8_t)x;
	}
	for (r = 0; r < rounds; r++) {
		sha256_init(&ctx);
		sha256_update(&ctx, buf, BUF_BYTES);
		sha256_final(&ctx, digest);
		memcpy(buf + (r * 32) % BUF_BYTES, digest, 32);
	}
	printf("sha256 rounds=%ld checksum=", rounds);
	for (i = 0; i < 32; i++)
		printf("%02x", digest[i]);
	printf("\n");
	return 0;
}
