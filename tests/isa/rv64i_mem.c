/*
 * rv64i_mem: every RV64I load and store, at every byte offset of a word
 * (so misaligned accesses too: Linux user space allows them), with
 * immediates at both ends of the 12-bit range, sign and zero extension, and
 * misaligned accesses that straddle a page boundary.
 */
#include <sys/mman.h>

#include "isa.h"

typedef u64 (*load_fn)(const void *);
typedef void (*store_fn)(void *, u64);

/*
 * One function per (instruction, immediate); the base register is moved so
 * that base + imm is the address the caller asked for.  Immediates are 0,
 * 2047 and -2048 (suffix m): both ends of the 12-bit range.
 */
#define LOAD(op, sfx, imm)                                                \
	static u64 ld_##op##_##sfx(const void *p)                         \
	{                                                                 \
		u64 r;                                                    \
		asm volatile(#op " %0, %2(%1)"                            \
			     : "=r"(r) : "r"((const char *)p - (imm)),    \
			       "i"(imm) : "memory");                      \
		return r;                                                 \
	}
#define STORE(op, sfx, imm)                                               \
	static void st_##op##_##sfx(void *p, u64 v)                       \
	{                                                                 \
		asm volatile(#op " %1, %2(%0)"                            \
			     : : "r"((char *)p - (imm)), "r"(v), "i"(imm) \
			     : "memory");                                 \
	}
#define LOADS(op) LOAD(op, 0, 0) LOAD(op, 2047, 2047) LOAD(op, m, -2048)
#define STORES(op) STORE(op, 0, 0) STORE(op, 2047, 2047) STORE(op, m, -2048)

LOADS(lb) LOADS(lbu) LOADS(lh) LOADS(lhu) LOADS(lw) LOADS(lwu) LOADS(ld)
STORES(sb) STORES(sh) STORES(sw) STORES(sd)

static const struct {
	const char *name;
	load_fn fn[3];
} loads[] = {
#define ROW(op) { #op, { ld_##op##_0, ld_##op##_2047, ld_##op##_m } }
	ROW(lb), ROW(lbu), ROW(lh), ROW(lhu), ROW(lw), ROW(lwu), ROW(ld),
#undef ROW
};

static const struct {
	const char *name;
	store_fn fn[3];
} stores[] = {
#define ROW(op) { #op, { st_##op##_0, st_##op##_2047, st_##op##_m } }
	ROW(sb), ROW(sh), ROW(sw), ROW(sd),
#undef ROW
};

static const char *const imm_names[3] = { "imm0", "imm2047", "imm-2048" };

/* A pattern whose every byte differs and half of whose bytes are negative. */
static void fill(unsigned char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = (unsigned char)(0x81 + i * 0x3b);
}

static void dump(const char *what, const unsigned char *buf, size_t n)
{
	printf("%s:", what);
	for (size_t i = 0; i < n; i++)
		printf(" %02x", buf[i]);
	printf("\n");
}

static void loads_at_every_offset(void)
{
	static unsigned char buf[32] __attribute__((aligned(16)));

	fill(buf, sizeof(buf));
	dump("load-buffer", buf, sizeof(buf));
	for (size_t k = 0; k < ARRAY_SIZE(loads); k++)
		for (int m = 0; m < 3; m++)
			for (int off = 0; off < 16; off++)
				printf("%s %s off%d -> %016lx\n", loads[k].name,
				       imm_names[m], off,
				       loads[k].fn[m](buf + off));
}

static void stores_at_every_offset(void)
{
	static unsigned char buf[32] __attribute__((aligned(16)));
	static const u64 vals[] = { 0x0123456789abcdef, 0xfedcba9876543210,
				    0xffffffffffffffff, 0x8000000000000080 };

	for (size_t k = 0; k < ARRAY_SIZE(stores); k++)
		for (int m = 0; m < 3; m++)
			for (int off = 0; off < 16; off++) {
				u64 v = vals[(off + m + k) % ARRAY_SIZE(vals)];
				char what[64];

				memset(buf, 0x5a, sizeof(buf));
				stores[k].fn[m](buf + off, v);
				snprintf(what, sizeof(what), "%s %s off%d %016lx",
					 stores[k].name, imm_names[m], off, v);
				dump(what, buf, 24);
			}
}

/*
 * Misaligned accesses that straddle a page boundary.  The first load reads
 * into a page nobody has touched yet (its second half comes from a fresh
 * zero page); the rest cross between two populated pages.
 */
static void misaligned_across_pages(void)
{
	unsigned char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		printf("mmap failed\n");
		return;
	}
	p[4092] = 0x42;
	printf("page-straddle into untouched page ld -> %016lx\n",
	       ld_ld_0(p + 4092));
	for (int i = 0; i < 16; i++)
		p[4096 - 8 + i] = (unsigned char)(0xf0 + i);
	for (int off = 4089; off < 4096; off++) {
		printf("page-straddle ld off%d -> %016lx\n", off,
		       ld_ld_0(p + off));
		printf("page-straddle lw off%d -> %016lx\n", off,
		       ld_lw_0(p + off));
		printf("page-straddle lhu off%d -> %016lx\n", off,
		       ld_lhu_0(p + off));
	}
	for (int off = 4089; off < 4096; off++) {
		st_sd_0(p + off, 0x1122334455667788);
		dump("page-straddle sd", p + 4088, 16);
		st_sw_0(p + off + 1, 0xa1b2c3d4);
		dump("page-straddle sw", p + 4088, 16);
		st_sh_0(p + 4095, 0xe0e1);
		dump("page-straddle sh", p + 4088, 16);
	}
	munmap(p, 8192);
}

/* A load whose destination is also its base register. */
static void load_into_base_register(void)
{
	static u64 cell[2] = { 0xdeadbeefcafef00d, 0 };
	u64 r = (u64)(uintptr_t)cell;

	asm volatile("ld %0, 0(%0)" : "+r"(r) : : "memory");
	printf("ld rd=rs1 -> %016lx\n", r);
	r = (u64)(uintptr_t)cell;
	asm volatile("lw %0, 4(%0)" : "+r"(r) : : "memory");
	printf("lw rd=rs1 -> %016lx\n", r);
	r = (u64)(uintptr_t)cell;
	asm volatile("sd %0, 8(%0)\n\tld %0, 8(%0)\n\tsub %0, %0, %1"
		     : "+r"(r) : "r"(cell) : "memory");
	printf("sd base-as-data, read back minus base -> %016lx\n", r);
	asm volatile("ld x0, 0(%0)" : : "r"(cell) : "memory");
	printf("ld x0 ok\n");
}

int main(void)
{
	loads_at_every_offset();
	stores_at_every_offset();
	misaligned_across_pages();
	load_into_base_register();
	return 0;
}
