/*
 * rv64a: every AMO in both widths over pairs of edge values (signed and
 * unsigned min/max disagree exactly on the sign-bit edges), the .w results
 * sign-extended and the other half of the doubleword left alone, the
 * aq/rl/aqrl encodings, rd aliasing, and LR/SC.
 *
 * LR/SC is kept to what the ISA defines and any correct implementation
 * (qemu-user's compare-and-swap emulation included) agrees on:
 *   - SC without a reservation fails (rd = 1), memory unchanged;
 *   - LR then SC to the same address succeeds (rd = 0), also with ALU work
 *     and a forward branch in between;
 *   - LR then SC to an address in another cache line fails;
 *   - a second SC after a successful one fails (the first SC consumed the
 *     reservation).
 * An SC that should succeed sits in a retry loop of the constrained form
 * (the ISA only guarantees eventual success, and a kernel that clears the
 * reservation on every trap, as Linux does, may make one attempt fail when
 * it preempts between LR and SC); every loop recomputes the same values.
 * It never stores to the reserved address between LR and SC: whether that
 * breaks the reservation is implementation-defined, and qemu-user (which
 * compares values, not reservations) does not break it.
 */
#include "isa.h"

typedef u64 (*amo_fn)(u64 *, u64);

#define AMO_WIDTH(op, w)                                                  \
	static u64 amo_##op##_##w(u64 *p, u64 v)                          \
	{                                                                 \
		u64 r;                                                    \
		asm volatile(#op "." #w " %0, %2, (%1)"                   \
			     : "=r"(r) : "r"(p), "r"(v) : "memory");      \
		return r;                                                 \
	}
#define AMO_BOTH(op) AMO_WIDTH(op, w) AMO_WIDTH(op, d)

AMO_BOTH(amoswap) AMO_BOTH(amoadd) AMO_BOTH(amoxor) AMO_BOTH(amoand)
AMO_BOTH(amoor) AMO_BOTH(amomin) AMO_BOTH(amomax) AMO_BOTH(amominu)
AMO_BOTH(amomaxu)

static const struct {
	const char *name;
	amo_fn w, d;
} amos[] = {
#define ROW(op) { #op, amo_##op##_w, amo_##op##_d }
	ROW(amoswap), ROW(amoadd), ROW(amoxor), ROW(amoand), ROW(amoor),
	ROW(amomin), ROW(amomax), ROW(amominu), ROW(amomaxu),
#undef ROW
};

static const u64 amo_vals[] = {
	0x0000000000000000, 0x0000000000000001, 0xffffffffffffffff,
	0x7fffffffffffffff, 0x8000000000000000, 0x000000007fffffff,
	0x0000000080000000, 0x00000000ffffffff, 0xffffffff80000000,
	0x123456789abcdef0, 0xfedcba9876543210,
};

static void all_amos(void)
{
	static u64 cell[2] __attribute__((aligned(16)));

	for (size_t k = 0; k < ARRAY_SIZE(amos); k++)
		for (size_t i = 0; i < ARRAY_SIZE(amo_vals); i++)
			for (size_t j = 0; j < ARRAY_SIZE(amo_vals); j++) {
				u64 m = amo_vals[i], v = amo_vals[j], r, r2;

				cell[0] = m;
				r = amos[k].d(&cell[0], v);
				printf("%s.d mem=%016lx rs2=%016lx -> rd=%016lx mem=%016lx\n",
				       amos[k].name, m, v, r, cell[0]);
				/* .w on each half of a doubleword. */
				cell[0] = m;
				r = amos[k].w((u64 *)&cell[0], v);
				r2 = amos[k].w((u64 *)((u32 *)&cell[0] + 1), ~v);
				printf("%s.w mem=%016lx rs2=%016lx -> rd=%016lx rd(hi)=%016lx mem=%016lx\n",
				       amos[k].name, m, v, r, r2, cell[0]);
			}
}

static void ordering_bits_and_aliasing(void)
{
	static u64 cell __attribute__((aligned(8)));
	u64 r, a;

	cell = 10;
	asm volatile("amoadd.d.aq %0, %2, (%1)"
		     : "=r"(r) : "r"(&cell), "r"(1L) : "memory");
	asm volatile("amoadd.d.rl %0, %2, (%1)"
		     : "=r"(r) : "r"(&cell), "r"(2L) : "memory");
	asm volatile("amoadd.d.aqrl %0, %2, (%1)"
		     : "=r"(r) : "r"(&cell), "r"(4L) : "memory");
	asm volatile("amoor.w.aqrl %0, %2, (%1)"
		     : "=r"(r) : "r"(&cell), "r"(0x80000000L) : "memory");
	printf("aq/rl/aqrl -> rd=%016lx mem=%016lx\n", r, cell);

	asm volatile("amoadd.d zero, %1, (%0)" : : "r"(&cell), "r"(1L) : "memory");
	printf("amoadd.d rd=x0 -> mem=%016lx\n", cell);
	asm volatile("amoswap.w zero, zero, (%0)" : : "r"(&cell) : "memory");
	printf("amoswap.w x0,x0 -> mem=%016lx\n", cell);

	cell = 0x1111111111111111;
	a = 0x2222222222222222;
	asm volatile("amoswap.d %0, %0, (%1)" : "+r"(a) : "r"(&cell) : "memory");
	printf("amoswap.d rd=rs2 -> rd=%016lx mem=%016lx\n", a, cell);

	cell = 0x3333333333333333;
	a = (u64)(uintptr_t)&cell;
	asm volatile("amoadd.d %0, %1, (%0)" : "+r"(a) : "r"(5L) : "memory");
	printf("amoadd.d rd=rs1 -> rd=%016lx mem=%016lx\n", a, cell);
}

static void lr_sc(void)
{
	static u64 cell[32] __attribute__((aligned(128)));
	u64 *other = &cell[16]; /* 128 bytes away: another cache line */
	u64 r, s, s2;

	cell[0] = 0x0123456789abcdef;
	asm volatile("sc.d %0, %2, (%1)" : "=r"(s) : "r"(cell), "r"(7L) : "memory");
	printf("sc.d without lr -> rd=%lu mem=%016lx\n", s, cell[0]);
	asm volatile("sc.w %0, %2, (%1)" : "=r"(s) : "r"(cell), "r"(7L) : "memory");
	printf("sc.w without lr -> rd=%lu mem=%016lx\n", s, cell[0]);

	cell[0] = 0x00000000f0000001;
	asm volatile("1: lr.w %0, (%2)\n\tsc.w %1, %3, (%2)\n\tbnez %1, 1b"
		     : "=&r"(r), "=&r"(s) : "r"(cell), "r"(0x5555aaaa5555aaaaL)
		     : "memory");
	printf("lr.w;sc.w -> lr=%016lx sc=%lu mem=%016lx\n", r, s, cell[0]);

	cell[0] = 0x8000000000000000;
	asm volatile("1: lr.d %0, (%2)\n\tsc.d %1, %3, (%2)\n\tbnez %1, 1b"
		     : "=&r"(r), "=&r"(s) : "r"(cell), "r"(-2L) : "memory");
	printf("lr.d;sc.d -> lr=%016lx sc=%lu mem=%016lx\n", r, s, cell[0]);

	cell[0] = 5;
	asm volatile("1: lr.d.aq %0, (%2)\n\t"
		     "addi t0, %0, 77\n\t"
		     "beqz t0, 2f\n\t"
		     "addi t0, t0, 1\n"
		     "2: sc.d.rl %1, t0, (%2)\n\t"
		     "bnez %1, 1b"
		     : "=&r"(r), "=&r"(s) : "r"(cell) : "t0", "memory");
	printf("lr.d.aq;alu;branch;sc.d.rl -> lr=%lu sc=%lu mem=%lu\n", r, s,
	       cell[0]);

	cell[0] = 11;
	*other = 22;
	asm volatile("lr.d %0, (%2)\n\tsc.d %1, %4, (%3)"
		     : "=&r"(r), "=&r"(s) : "r"(cell), "r"(other), "r"(99L)
		     : "memory");
	printf("lr.d A;sc.d B -> lr=%lu sc=%lu A=%lu B=%lu\n", r, s, cell[0],
	       *other);

	cell[0] = 0xffffffff;
	asm volatile("1: lr.w %0, (%3)\n\tsc.w %1, %4, (%3)\n\tbnez %1, 1b\n\t"
		     "sc.w %2, %5, (%3)"
		     : "=&r"(r), "=&r"(s), "=&r"(s2)
		     : "r"(cell), "r"(1L), "r"(2L) : "memory");
	printf("lr.w;sc.w;sc.w -> lr=%016lx sc1=%lu sc2=%lu mem=%016lx\n", r,
	       s, s2, cell[0]);

	/* sc.w rd == rs2: the old rs2 is stored, then rd gets the status. */
	cell[0] = 0;
	asm volatile("1: li %0, 0x1234\n\t"
		     "lr.w.aqrl t0, (%1)\n\tsc.w.aqrl %0, %0, (%1)\n\t"
		     "bnez %0, 1b"
		     : "=&r"(r) : "r"(cell) : "t0", "memory");
	printf("sc.w rd=rs2 -> rd=%lu mem=%016lx\n", r, cell[0]);

	/* The usual retry loop. */
	cell[0] = 0;
	for (int i = 0; i < 1000; i++)
		asm volatile("1: lr.w t0, (%0)\n\taddi t0, t0, 3\n\t"
			     "sc.w t1, t0, (%0)\n\tbnez t1, 1b"
			     : : "r"(cell) : "t0", "t1", "memory");
	printf("lr/sc increment loop -> %lu\n", cell[0]);
}

/* Every FENCE shape; each must simply let execution continue. */
static void fences(void)
{
	static u64 cell;
	u64 r;

	asm volatile("sd %1, 0(%2)\n\t"
		     "fence\n\tfence rw, rw\n\tfence.tso\n\t"
		     "fence r, r\n\tfence w, w\n\tfence iorw, iorw\n\t"
		     "fence i, o\n\tfence.i\n\t"
		     "ld %0, 0(%2)"
		     : "=&r"(r) : "r"(0x0f0e0d0cL), "r"(&cell) : "memory");
	printf("fences -> %016lx\n", r);
}

int main(void)
{
	all_amos();
	fences();
	ordering_bits_and_aliasing();
	lr_sc();
	return 0;
}
