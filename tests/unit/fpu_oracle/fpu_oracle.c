/* fpu_oracle: the reference for tests/unit/test_fpu.c.
 *
 * A riscv64 program, run under qemu-riscv64: for a table of operands, every
 * F and D instruction and every rounding mode (the five static ones and dyn,
 * with frm both equal to and different from a static rm), it runs the real
 * instruction and prints the result bits and the fflags it raised, one line
 * each:
 *
 *	<mnemonic> <rm> <frm> <a> <b> <c> <result> <fflags>
 *
 * rm and frm in decimal (rm 7 = dyn; ops without a rounding mode print 7 0),
 * the rest in hex. The CSR group prints its own lines (see csr_group()).
 * The unit test runs the same operands through fpu.h and compares.
 *
 * Build: riscv64-linux-gnu-gcc -static -O1 -o fpu_oracle fpu_oracle.c
 * Run:   qemu-riscv64 ./fpu_oracle GROUP   (no GROUP: list the groups) */
#include <inttypes.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t u64;

/* ---- running one instruction ---- */

/* Set frm, clear fflags, run body, read fflags: one asm, so nothing can come
 * between. Operands travel as bit patterns through integer registers. */
#define RUN(body)                                                              \
	__asm__ volatile("fsrm %[frm]\n\tfsflags zero\n\t" body                \
			 "\n\tfrflags %[fl]"                                   \
			 : [d] "=&r"(d), [fl] "=&r"(fl)                        \
			 : [frm] "r"(frm), [a] "r"(a), [b] "r"(b), [c] "r"(c)  \
			 : "ft0", "ft1", "ft2", "ft3")

#define LOAD2	"fmv.d.x ft0,%[a]\n\tfmv.d.x ft1,%[b]\n\t"
#define LOAD3	LOAD2 "fmv.d.x ft2,%[c]\n\t"

/* Body shapes: F = float register, X = integer register; dest first. */
#define B_FFF(mn, rmn)	RUN(LOAD2 mn " ft2,ft0,ft1," rmn "\n\tfmv.x.d %[d],ft2")
#define B_FF(mn, rmn)	RUN(LOAD2 mn " ft2,ft0," rmn "\n\tfmv.x.d %[d],ft2")
#define B_FFFF(mn, rmn)	RUN(LOAD3 mn " ft3,ft0,ft1,ft2," rmn "\n\tfmv.x.d %[d],ft3")
#define B_XF(mn, rmn)	RUN(LOAD2 mn " %[d],ft0," rmn)
#define B_FX(mn, rmn)	RUN(mn " ft2,%[a]," rmn "\n\tfmv.x.d %[d],ft2")
/* no rounding mode (binutils refuses one on the exact conversions) */
#define B_FFF0(mn)	RUN(LOAD2 mn " ft2,ft0,ft1\n\tfmv.x.d %[d],ft2")
#define B_FF0(mn)	RUN(LOAD2 mn " ft2,ft0\n\tfmv.x.d %[d],ft2")
#define B_XFF0(mn)	RUN(LOAD2 mn " %[d],ft0,ft1")
#define B_XF0(mn)	RUN(LOAD2 mn " %[d],ft0")
#define B_FX0(mn)	RUN(mn " ft2,%[a]\n\tfmv.x.d %[d],ft2")

typedef u64 run_fn(int rm, u64 frm, u64 a, u64 b, u64 c, u64 *flags);

#define DEF_RM(fn, shape, mn)                                                  \
	static u64 fn(int rm, u64 frm, u64 a, u64 b, u64 c, u64 *flags)        \
	{                                                                      \
		u64 d, fl;                                                     \
		switch (rm) {                                                  \
		case 0: shape(mn, "rne"); break;                               \
		case 1: shape(mn, "rtz"); break;                               \
		case 2: shape(mn, "rdn"); break;                               \
		case 3: shape(mn, "rup"); break;                               \
		case 4: shape(mn, "rmm"); break;                               \
		case 7: shape(mn, "dyn"); break;                               \
		default: abort();                                              \
		}                                                              \
		*flags = fl;                                                   \
		return d;                                                      \
	}
#define DEF_0(fn, shape, mn)                                                   \
	static u64 fn(int rm, u64 frm, u64 a, u64 b, u64 c, u64 *flags)        \
	{                                                                      \
		u64 d, fl;                                                     \
		(void)rm;                                                      \
		shape(mn);                                                     \
		*flags = fl;                                                   \
		return d;                                                      \
	}

DEF_RM(r_fadd_s, B_FFF, "fadd.s")	DEF_RM(r_fadd_d, B_FFF, "fadd.d")
DEF_RM(r_fsub_s, B_FFF, "fsub.s")	DEF_RM(r_fsub_d, B_FFF, "fsub.d")
DEF_RM(r_fmul_s, B_FFF, "fmul.s")	DEF_RM(r_fmul_d, B_FFF, "fmul.d")
DEF_RM(r_fdiv_s, B_FFF, "fdiv.s")	DEF_RM(r_fdiv_d, B_FFF, "fdiv.d")
DEF_RM(r_fsqrt_s, B_FF, "fsqrt.s")	DEF_RM(r_fsqrt_d, B_FF, "fsqrt.d")
DEF_RM(r_fmadd_s, B_FFFF, "fmadd.s")	DEF_RM(r_fmadd_d, B_FFFF, "fmadd.d")
DEF_RM(r_fmsub_s, B_FFFF, "fmsub.s")	DEF_RM(r_fmsub_d, B_FFFF, "fmsub.d")
DEF_RM(r_fnmsub_s, B_FFFF, "fnmsub.s")	DEF_RM(r_fnmsub_d, B_FFFF, "fnmsub.d")
DEF_RM(r_fnmadd_s, B_FFFF, "fnmadd.s")	DEF_RM(r_fnmadd_d, B_FFFF, "fnmadd.d")
DEF_0(r_fmin_s, B_FFF0, "fmin.s")	DEF_0(r_fmin_d, B_FFF0, "fmin.d")
DEF_0(r_fmax_s, B_FFF0, "fmax.s")	DEF_0(r_fmax_d, B_FFF0, "fmax.d")
DEF_0(r_fsgnj_s, B_FFF0, "fsgnj.s")	DEF_0(r_fsgnj_d, B_FFF0, "fsgnj.d")
DEF_0(r_fsgnjn_s, B_FFF0, "fsgnjn.s")	DEF_0(r_fsgnjn_d, B_FFF0, "fsgnjn.d")
DEF_0(r_fsgnjx_s, B_FFF0, "fsgnjx.s")	DEF_0(r_fsgnjx_d, B_FFF0, "fsgnjx.d")
DEF_0(r_feq_s, B_XFF0, "feq.s")		DEF_0(r_feq_d, B_XFF0, "feq.d")
DEF_0(r_flt_s, B_XFF0, "flt.s")		DEF_0(r_flt_d, B_XFF0, "flt.d")
DEF_0(r_fle_s, B_XFF0, "fle.s")		DEF_0(r_fle_d, B_XFF0, "fle.d")
DEF_0(r_fclass_s, B_XF0, "fclass.s")	DEF_0(r_fclass_d, B_XF0, "fclass.d")
DEF_RM(r_fcvt_w_s, B_XF, "fcvt.w.s")	DEF_RM(r_fcvt_w_d, B_XF, "fcvt.w.d")
DEF_RM(r_fcvt_wu_s, B_XF, "fcvt.wu.s")	DEF_RM(r_fcvt_wu_d, B_XF, "fcvt.wu.d")
DEF_RM(r_fcvt_l_s, B_XF, "fcvt.l.s")	DEF_RM(r_fcvt_l_d, B_XF, "fcvt.l.d")
DEF_RM(r_fcvt_lu_s, B_XF, "fcvt.lu.s")	DEF_RM(r_fcvt_lu_d, B_XF, "fcvt.lu.d")
DEF_RM(r_fcvt_s_w, B_FX, "fcvt.s.w")	DEF_0(r_fcvt_d_w, B_FX0, "fcvt.d.w")
DEF_RM(r_fcvt_s_wu, B_FX, "fcvt.s.wu")	DEF_0(r_fcvt_d_wu, B_FX0, "fcvt.d.wu")
DEF_RM(r_fcvt_s_l, B_FX, "fcvt.s.l")	DEF_RM(r_fcvt_d_l, B_FX, "fcvt.d.l")
DEF_RM(r_fcvt_s_lu, B_FX, "fcvt.s.lu")	DEF_RM(r_fcvt_d_lu, B_FX, "fcvt.d.lu")
DEF_RM(r_fcvt_s_d, B_FF, "fcvt.s.d")	DEF_0(r_fcvt_d_s, B_FF0, "fcvt.d.s")
DEF_0(r_fmv_x_w, B_XF0, "fmv.x.w")	DEF_0(r_fmv_x_d, B_XF0, "fmv.x.d")
DEF_0(r_fmv_w_x, B_FX0, "fmv.w.x")	DEF_0(r_fmv_d_x, B_FX0, "fmv.d.x")

/* ---- operands ---- */

#define BOX(v)	(0xffffffff00000000ULL | (v))

static const u64 dvals[] = {
	0x0000000000000000, 0x8000000000000000,		/* +-0 */
	0x0000000000000001, 0x8000000000000001,		/* +-min subnormal */
	0x0000000000000003, 0x0000000000000005,
	0x0008000000000000,				/* min normal / 2 */
	0x000fffffffffffff, 0x800fffffffffffff,		/* +-max subnormal */
	0x0010000000000000, 0x8010000000000000,		/* +-min normal */
	0x0010000000000001,
	0x7fefffffffffffff, 0xffefffffffffffff,		/* +-max normal */
	0x7fe0000000000000,				/* 2^1023 */
	0x3ff0000000000000, 0xbff0000000000000,		/* +-1 */
	0x3ff0000000000001, 0x3fefffffffffffff,		/* 1 + ulp, 1 - ulp/2 */
	0x3ff8000000000000, 0xbff8000000000000,		/* +-1.5 */
	0x4000000000000000, 0x4008000000000000,		/* 2, 3 */
	0x3fe0000000000000, 0xbfe0000000000000,		/* +-0.5 */
	0x3fb999999999999a, 0x3fd5555555555555,		/* 0.1, 1/3 */
	0x4024000000000000, 0xc059000000000000,		/* 10, -100 */
	0x3ca0000000000000, 0x3cb8000000000000,		/* 2^-53, 3*2^-53 */
	0x4330000000000003, 0x4340000000000000,		/* 2^52 + 3, 2^53 */
	0x433fffffffffffff,				/* 2^53 - 1 */
	0x1ff0000000000000, 0x2000000000000000,		/* 2^-512, 2^-511 */
	0x5ff0000000000000,				/* 2^512 */
	0x7ff0000000000000, 0xfff0000000000000,		/* +-inf */
	0x7ff8000000000000, 0x7ff8000000000123,		/* qNaN */
	0xfff8000000000456,
	0x7ff0000000000001, 0x7ff4000000000abc,		/* sNaN */
	0xfff0000000000789,
};

static const u64 svals[] = {
	BOX(0x00000000), BOX(0x80000000),		/* +-0 */
	BOX(0x00000001), BOX(0x80000001),		/* +-min subnormal */
	BOX(0x00000003), BOX(0x00000005),
	BOX(0x00400000),				/* min normal / 2 */
	BOX(0x007fffff), BOX(0x807fffff),		/* +-max subnormal */
	BOX(0x00800000), BOX(0x80800000),		/* +-min normal */
	BOX(0x00800001),
	BOX(0x7f7fffff), BOX(0xff7fffff),		/* +-max normal */
	BOX(0x7f000000),				/* 2^127 */
	BOX(0x3f800000), BOX(0xbf800000),		/* +-1 */
	BOX(0x3f800001), BOX(0x3f7fffff),
	BOX(0x3fc00000), BOX(0xbfc00000),		/* +-1.5 */
	BOX(0x40000000), BOX(0x40400000),		/* 2, 3 */
	BOX(0x3f000000), BOX(0xbf000000),		/* +-0.5 */
	BOX(0x3dcccccd), BOX(0x3eaaaaab),		/* 0.1, 1/3 */
	BOX(0x41200000), BOX(0xc2c80000),		/* 10, -100 */
	BOX(0x33800000), BOX(0x34400000),		/* 2^-24, 3*2^-24 */
	BOX(0x4b000003), BOX(0x4b800000),		/* 2^23 + 3, 2^24 */
	BOX(0x4b7fffff),
	BOX(0x1f800000), BOX(0x20000000),		/* 2^-64, 2^-63 */
	BOX(0x5f800000),				/* 2^64 */
	BOX(0x7f800000), BOX(0xff800000),		/* +-inf */
	BOX(0x7fc00000), BOX(0x7fc00123), BOX(0xffc00456), /* qNaN */
	BOX(0x7f800001), BOX(0x7fa00abc), BOX(0xff800789), /* sNaN */
	0x000000003f800000, 0xfffffffe3f800000,		/* not NaN-boxed */
	0x7fffffff00000000, 0x3ff0000000000000,
};

/* small sets for the three-operand fused ops */
static const u64 dfma[] = {
	0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000,
	0xbff0000000000000, 0x3ff8000000000000, 0x4008000000000000,
	0x3ca0000000000000, 0x3ff0000000000001, 0x0000000000000001,
	0x0000000000000005, 0x8010000000000000, 0x3fe0000000000000,
	0x7fefffffffffffff, 0x7ff0000000000000, 0xfff0000000000000,
	0x7ff8000000000123, 0x7ff4000000000abc,
};

static const u64 sfma[] = {
	BOX(0x00000000), BOX(0x80000000), BOX(0x3f800000), BOX(0xbf800000),
	BOX(0x3fc00000), BOX(0x40400000), BOX(0x33800000), BOX(0x3f800001),
	BOX(0x00000001), BOX(0x00000005), BOX(0x80800000), BOX(0x3f000000),
	BOX(0x7f7fffff), BOX(0x7f800000), BOX(0xff800000), BOX(0x7fc00123),
	BOX(0x7fa00abc), 0x000000003f800000,
};

/* float -> integer boundaries (doubles) */
static const u64 dcvt[] = {
	0x0000000000000000, 0x8000000000000000, 0x0000000000000001,
	0x8000000000000001, 0x3fe0000000000000, 0xbfe0000000000000,
	0x3fdfffffffffffff, 0xbfdfffffffffffff, 0x3fe0000000000001,
	0x3ff0000000000000, 0xbff0000000000000, 0xbfefffffffffffff,
	0x3ff8000000000000, 0xbff8000000000000, 0x4004000000000000,
	0xc004000000000000, 0x400c000000000000, 0xc00c000000000000,
	0x4320000000000001,				/* 2^51 + 0.5 */
	0x41dfffffffc00000, 0x41dfffffffd00000,		/* 2^31-1, -0.75 */
	0x41dfffffffe00000, 0x41dffffffff00000,		/* 2^31-0.5, -0.25 */
	0x41e0000000000000, 0x41e0000000100000,		/* 2^31, +0.5 */
	0xc1dfffffffe00000, 0xc1e0000000000000,		/* -2^31+0.5, -2^31 */
	0xc1e0000000080000, 0xc1e0000000100000,		/* -2^31-0.25, -0.5 */
	0xc1e0000000180000, 0xc1e0000000200000,		/* -2^31-0.75, -1 */
	0x41efffffffc00000, 0x41efffffffe00000,		/* 2^32-1, -0.5 */
	0x41effffffff00000, 0x41f0000000000000,		/* 2^32-0.25, 2^32 */
	0x43dfffffffffffff, 0x43e0000000000000,		/* 2^63-1024, 2^63 */
	0xc3e0000000000000, 0xc3e0000000000001,		/* -2^63, -2^63-2048 */
	0x43efffffffffffff, 0x43f0000000000000,		/* 2^64-2048, 2^64 */
	0x4202a05f20000000, 0xc202a05f20000000,		/* +-1e10 */
	0x43e158e460913d00,				/* 1e19 */
	0x7fefffffffffffff, 0xffefffffffffffff,
	0x7ff0000000000000, 0xfff0000000000000,
	0x7ff8000000000000, 0xfff8000000000000, 0x7ff4000000000000,
};

/* float -> integer boundaries (singles) */
static const u64 scvt[] = {
	BOX(0x00000000), BOX(0x80000000), BOX(0x00000001), BOX(0x80000001),
	BOX(0x3f000000), BOX(0xbf000000), BOX(0x3effffff), BOX(0xbeffffff),
	BOX(0x3f800000), BOX(0xbf800000), BOX(0xbf7fffff), BOX(0x3fc00000),
	BOX(0xbfc00000), BOX(0x40200000), BOX(0xc0200000), BOX(0x4b000001),
	BOX(0x4effffff), BOX(0x4f000000), BOX(0xcf000000), BOX(0xcf000001),
	BOX(0x4f7fffff), BOX(0x4f800000), BOX(0x5effffff), BOX(0x5f000000),
	BOX(0xdf000000), BOX(0xdf000001), BOX(0x5f7fffff), BOX(0x5f800000),
	BOX(0x7f7fffff), BOX(0xff7fffff), BOX(0x7f800000), BOX(0xff800000),
	BOX(0x7fc00000), BOX(0xffc00000), BOX(0x7fa00000),
	0x000000003f800000, 0x0000000000000000,
};

/* integer -> float */
static const u64 ivals[] = {
	0, 1, 2, 3, 0xffffffffffffffff, 0xfffffffffffffffe,
	0x7fffffff, 0x80000000, 0xffffffff80000000, 0xffffffff, 0x100000000,
	0x1000001, 0x1000002, 0x1000003, 0xfffffffffeffffff, 0xfffffffffefffffd,
	0x7fffff40, 0x7fffff80, 0x7fffffc0, 0x7fffffc1,
	0xffffff40, 0xffffffc0, 0x80000040, 0x800000c0,
	0x20000000000001, 0x20000000000003, 0xffdfffffffffffff,
	0x7fffffffffffffff, 0x8000000000000000, 0x8000000000000001,
	0x8000000000000400, 0x8000000000000401, 0x8000000000000c00,
	0x7ffffffffffffc00, 0x7ffffffffffffe00, 0xfffffffffffff800,
	0xfffffffffffffc00, 0xfffffffffffffc01, 0xffffff8000000000,
	0xffffffc000000000, 0x123456789abcdef0, 0xdeadbeef00000005,
	0x00000000fffffffe, 0xffffffff7fffffff,
};

/* double -> single */
static const u64 dnarrow[] = {
	0x3ff0000010000000, 0x3ff0000030000000, 0x3ff0000010000001,
	0xbff0000010000000, 0x3ff000000fffffff,
	0x47efffffe0000000, 0x47efffffefffffff, 0x47effffff0000000,
	0x47f0000000000000, 0xc7effffff0000000,
	0x3810000000000000, 0x380fffffffffffff, 0x380ffffff0000000,
	0x380fffffe0000000, 0x36a0000000000000, 0x3690000000000000,
	0x3698000000000000, 0x36a8000000000000, 0x36b4000000000000,
	0x3680000000000000, 0xb690000000000000,
};

/* ---- a deterministic generator: operands that hit ties and edges ---- */

static u64 seed = 0x9e3779b97f4a7c15ULL;

static u64
rnd(void)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return seed ^ (seed >> 29);
}

/* Mostly short significands (so exact results are often exactly halfway)
 * at exponents near 1, near the subnormal range and near overflow. */
static u64
rnd_d(void)
{
	u64 k = rnd() % 5, sign = rnd() & 0x8000000000000000ULL;
	u64 mant = ((rnd() & 0x3f) << 46) | (rnd() & 3), exp;

	switch (k) {
	case 0: return rnd();
	case 1: exp = 1023 - 30 + rnd() % 60; break;
	case 2: exp = rnd() % 60; break;
	case 3: exp = 2046 - rnd() % 30; break;
	default: exp = 1023 - 30 + rnd() % 60; mant = rnd() & 0xfffffffffffffULL; break;
	}
	return sign | exp << 52 | mant;
}

static u64
rnd_s(void)
{
	u64 k = rnd() % 5, sign = rnd() & 0x80000000, mant = ((rnd() & 0x1f) << 18) | (rnd() & 3);
	u64 exp;

	switch (k) {
	case 0: return BOX(rnd() & 0xffffffff);
	case 1: exp = 127 - 15 + rnd() % 30; break;
	case 2: exp = rnd() % 30; break;
	case 3: exp = 254 - rnd() % 20; break;
	default: exp = 127 - 15 + rnd() % 30; mant = rnd() & 0x7fffff; break;
	}
	return BOX(sign | exp << 23 | mant);
}

/* ---- output ---- */

/* (rm, frm) pairs: each static mode with frm different from it, dyn with
 * each valid frm, then each static mode with frm equal to it. */
static const int modes[][2] = {
	{ 0, 2 }, { 1, 3 }, { 2, 4 }, { 3, 0 }, { 4, 1 },
	{ 7, 0 }, { 7, 1 }, { 7, 2 }, { 7, 3 }, { 7, 4 },
	{ 0, 0 }, { 1, 1 }, { 2, 2 }, { 3, 3 }, { 4, 4 },
};
#define NMODES		15
#define NMODES_FEW	10	/* without static rm == frm (the dyn path again) */

static void
emit(const char *mn, run_fn *fn, int rm, u64 frm, u64 a, u64 b, u64 c)
{
	u64 flags, d = fn(rm, frm, a, b, c, &flags);

	printf("%s %d %" PRIu64 " %016" PRIx64 " %016" PRIx64 " %016" PRIx64
	       " %016" PRIx64 " %02" PRIx64 "\n", mn, rm, frm, a, b, c, d, flags);
}

static void
emit_modes(const char *mn, run_fn *fn, int nmodes, u64 a, u64 b, u64 c)
{
	for (int m = 0; m < nmodes; m++) {
		int rm = modes[m][0];

		emit(mn, fn, rm, (u64)modes[m][1], a, b, c);
	}
}

struct opdesc {
	const char *mn;
	run_fn *fn;
};

#define OP(name, mn)	{ mn, r_##name }
#define N(a)		(sizeof(a) / sizeof((a)[0]))

static void
pairs(const struct opdesc *ops, size_t nops, const u64 *v, size_t n,
      u64 (*gen)(void), int nrand, int nmodes)
{
	for (size_t o = 0; o < nops; o++) {
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < n; j++)
				emit_modes(ops[o].mn, ops[o].fn, nmodes, v[i], v[j], 0);
		for (int k = 0; k < nrand; k++) {
			u64 a = gen(), b = gen();

			emit_modes(ops[o].mn, ops[o].fn, nmodes, a, b, 0);
		}
	}
}

static void
triples(const struct opdesc *ops, size_t nops, const u64 *v, size_t n,
	u64 (*gen)(void), int nrand)
{
	for (size_t o = 0; o < nops; o++) {
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < n; j++)
				for (size_t k = 0; k < n; k++)
					emit_modes(ops[o].mn, ops[o].fn, NMODES_FEW,
						   v[i], v[j], v[k]);
		for (int k = 0; k < nrand; k++) {
			u64 a = gen(), b = gen(), c = gen();

			/* make c near a*b now and then: cancellation */
			if (k & 1)
				c ^= 0x8000000000000000ULL;
			emit_modes(ops[o].mn, ops[o].fn, NMODES, a, b, c);
		}
	}
}

/* One operand from a table and random ones, every mode. */
static void
singles(const struct opdesc *ops, size_t nops, const u64 *v, size_t n,
	u64 (*gen)(void), int nrand, int nmodes)
{
	for (size_t o = 0; o < nops; o++) {
		for (size_t i = 0; i < n; i++)
			emit_modes(ops[o].mn, ops[o].fn, nmodes, v[i], 0, 0);
		for (int k = 0; k < nrand; k++)
			emit_modes(ops[o].mn, ops[o].fn, nmodes, gen(), 0, 0);
	}
}

static u64
rnd_i(void)
{
	/* integers of every width, both signs */
	u64 v = rnd() >> (rnd() % 64);

	return rnd() & 1 ? -v : v;
}

static u64 rnd_any(void) { return rnd_s() ^ (rnd() & 1 ? rnd() << 32 : 0); }

/* ---- groups ---- */

static void
arith_s(void)
{
	static const struct opdesc ops[] = {
		OP(fadd_s, "fadd.s"), OP(fsub_s, "fsub.s"),
		OP(fmul_s, "fmul.s"), OP(fdiv_s, "fdiv.s"),
	};

	pairs(ops, N(ops), svals, N(svals), rnd_s, 1500, NMODES);
}

static void
arith_d(void)
{
	static const struct opdesc ops[] = {
		OP(fadd_d, "fadd.d"), OP(fsub_d, "fsub.d"),
		OP(fmul_d, "fmul.d"), OP(fdiv_d, "fdiv.d"),
	};

	pairs(ops, N(ops), dvals, N(dvals), rnd_d, 1500, NMODES);
}

static void
sqrt_group(void)
{
	static const struct opdesc s[] = { OP(fsqrt_s, "fsqrt.s") };
	static const struct opdesc d[] = { OP(fsqrt_d, "fsqrt.d") };

	singles(s, 1, svals, N(svals), rnd_s, 2000, NMODES);
	singles(d, 1, dvals, N(dvals), rnd_d, 2000, NMODES);
}

static void
fma_s(void)
{
	static const struct opdesc ops[] = {
		OP(fmadd_s, "fmadd.s"), OP(fmsub_s, "fmsub.s"),
		OP(fnmsub_s, "fnmsub.s"), OP(fnmadd_s, "fnmadd.s"),
	};

	triples(ops, N(ops), sfma, N(sfma), rnd_s, 1500);
}

static void
fma_d(void)
{
	static const struct opdesc ops[] = {
		OP(fmadd_d, "fmadd.d"), OP(fmsub_d, "fmsub.d"),
		OP(fnmsub_d, "fnmsub.d"), OP(fnmadd_d, "fnmadd.d"),
	};

	triples(ops, N(ops), dfma, N(dfma), rnd_d, 1500);
}

static void
no_rm_pairs(const struct opdesc *s, const struct opdesc *d, size_t nops)
{
	pairs(s, nops, svals, N(svals), rnd_s, 500, 1);
	pairs(d, nops, dvals, N(dvals), rnd_d, 500, 1);
}

static void
minmax(void)
{
	static const struct opdesc s[] = { OP(fmin_s, "fmin.s"), OP(fmax_s, "fmax.s") };
	static const struct opdesc d[] = { OP(fmin_d, "fmin.d"), OP(fmax_d, "fmax.d") };

	no_rm_pairs(s, d, 2);
}

static void
sgnj(void)
{
	static const struct opdesc s[] = {
		OP(fsgnj_s, "fsgnj.s"), OP(fsgnjn_s, "fsgnjn.s"), OP(fsgnjx_s, "fsgnjx.s"),
	};
	static const struct opdesc d[] = {
		OP(fsgnj_d, "fsgnj.d"), OP(fsgnjn_d, "fsgnjn.d"), OP(fsgnjx_d, "fsgnjx.d"),
	};

	no_rm_pairs(s, d, 3);
}

static void
cmp(void)
{
	static const struct opdesc s[] = {
		OP(feq_s, "feq.s"), OP(flt_s, "flt.s"), OP(fle_s, "fle.s"),
	};
	static const struct opdesc d[] = {
		OP(feq_d, "feq.d"), OP(flt_d, "flt.d"), OP(fle_d, "fle.d"),
	};

	no_rm_pairs(s, d, 3);
}

static void
fclass(void)
{
	static const struct opdesc s[] = { OP(fclass_s, "fclass.s") };
	static const struct opdesc d[] = { OP(fclass_d, "fclass.d") };

	singles(s, 1, svals, N(svals), rnd_s, 500, 1);
	singles(d, 1, dvals, N(dvals), rnd_d, 500, 1);
}

static void
to_int(void)
{
	static const struct opdesc s[] = {
		OP(fcvt_w_s, "fcvt.w.s"), OP(fcvt_wu_s, "fcvt.wu.s"),
		OP(fcvt_l_s, "fcvt.l.s"), OP(fcvt_lu_s, "fcvt.lu.s"),
	};
	static const struct opdesc d[] = {
		OP(fcvt_w_d, "fcvt.w.d"), OP(fcvt_wu_d, "fcvt.wu.d"),
		OP(fcvt_l_d, "fcvt.l.d"), OP(fcvt_lu_d, "fcvt.lu.d"),
	};

	singles(s, 4, scvt, N(scvt), rnd_s, 500, NMODES);
	singles(s, 4, svals, N(svals), rnd_s, 0, NMODES);
	singles(d, 4, dcvt, N(dcvt), rnd_d, 500, NMODES);
	singles(d, 4, dvals, N(dvals), rnd_d, 0, NMODES);
}

static void
from_int(void)
{
	static const struct opdesc ops[] = {
		OP(fcvt_s_w, "fcvt.s.w"), OP(fcvt_s_wu, "fcvt.s.wu"),
		OP(fcvt_s_l, "fcvt.s.l"), OP(fcvt_s_lu, "fcvt.s.lu"),
		OP(fcvt_d_w, "fcvt.d.w"), OP(fcvt_d_wu, "fcvt.d.wu"),
		OP(fcvt_d_l, "fcvt.d.l"), OP(fcvt_d_lu, "fcvt.d.lu"),
	};

	singles(ops, N(ops), ivals, N(ivals), rnd_i, 1000, NMODES);
}

static void
cvt_fp(void)
{
	static const struct opdesc s[] = { OP(fcvt_s_d, "fcvt.s.d") };
	static const struct opdesc d[] = { OP(fcvt_d_s, "fcvt.d.s") };

	singles(s, 1, dnarrow, N(dnarrow), rnd_d, 2000, NMODES);
	singles(s, 1, dvals, N(dvals), rnd_d, 0, NMODES);
	singles(d, 1, svals, N(svals), rnd_s, 1000, NMODES);
}

static void
move(void)
{
	static const struct opdesc f[] = { OP(fmv_x_w, "fmv.x.w"), OP(fmv_x_d, "fmv.x.d") };
	static const struct opdesc x[] = { OP(fmv_w_x, "fmv.w.x"), OP(fmv_d_x, "fmv.d.x") };

	singles(f, 2, svals, N(svals), rnd_any, 300, 1);
	singles(f, 2, dvals, N(dvals), rnd_d, 0, 1);
	singles(x, 2, ivals, N(ivals), rnd_i, 300, 1);
}

/* The CSRs, against the host-state bookkeeping: with DZ pending from a
 * division by zero, write v to fflags, frm or fcsr, read all three back,
 * then run three additions whose results tell the rounding mode apart and
 * read fcsr again (the additions' flags accrue on what was written):
 *
 *	csr <csr> <v> <fflags> <frm> <fcsr> <r1> <r2> <r3> <fcsr after> */
static void
csr_group(void)
{
	static const u64 vals[] = {
		0, 1, 2, 4, 8, 0x10, 0x1f, 0x20, 0x3f, 0x40, 0x60, 0x80, 0x9f,
		0xa0, 0xc0, 0xe0, 0xff, 0x100, 0x3ff, 0xffffffffffffffff,
	};
	static const u64 ops[3][2] = {
		{ 0x3ff0000000000000, 0x3cb8000000000000 },	/* 1 + 1.5 ulp */
		{ 0xbff0000000000000, 0xbcb8000000000000 },	/* -(1 + 1.5 ulp) */
		{ 0x3ff0000000000000, 0x3ca0000000000000 },	/* 1 + ulp/2 (tie) */
	};

	for (int csr = 1; csr <= 3; csr++) {
		for (size_t i = 0; i < N(vals); i++) {
			u64 v = vals[i], ff, rm, fcsr, after, res[3] = { 0, 0, 0 };
			u64 one = 0x3ff0000000000000, zero = 0;

			__asm__ volatile("fscsr zero\n\t"
					 "fmv.d.x ft0,%0\n\tfmv.d.x ft1,%1\n\t"
					 "fdiv.d ft2,ft0,ft1"
					 : : "r"(one), "r"(zero) : "ft0", "ft1", "ft2");
			switch (csr) {
			case 1: __asm__ volatile("csrw fflags,%0" : : "r"(v)); break;
			case 2: __asm__ volatile("csrw frm,%0" : : "r"(v)); break;
			case 3: __asm__ volatile("csrw fcsr,%0" : : "r"(v)); break;
			}
			__asm__ volatile("csrr %0,fflags\n\tcsrr %1,frm\n\tcsrr %2,fcsr"
					 : "=r"(ff), "=r"(rm), "=r"(fcsr));
			if (rm < 5) {
				for (int k = 0; k < 3; k++)
					__asm__ volatile("fmv.d.x ft0,%1\n\tfmv.d.x ft1,%2\n\t"
							 "fadd.d ft2,ft0,ft1,dyn\n\tfmv.x.d %0,ft2"
							 : "=r"(res[k])
							 : "r"(ops[k][0]), "r"(ops[k][1])
							 : "ft0", "ft1", "ft2");
			}
			__asm__ volatile("csrr %0,fcsr" : "=r"(after));
			printf("csr %d %016" PRIx64 " %" PRIx64 " %" PRIx64 " %" PRIx64
			       " %016" PRIx64 " %016" PRIx64 " %016" PRIx64 " %" PRIx64 "\n",
			       csr, v, ff, rm, fcsr, res[0], res[1], res[2], after);
		}
	}
}

/* Which rounding-mode fields are legal: for each frm (0..7) and rm field
 * (0..7), does fadd.d (and the exact fcvt.d.w) execute or raise SIGILL?
 *
 *	rm_valid <rm> <frm> <fadd.d ran> <fcvt.d.w ran> */
static sigjmp_buf ill_jmp;

static void
on_sigill(int sig)
{
	(void)sig;
	siglongjmp(ill_jmp, 1);
}

#define TRY_RM(f7, rs1, rs2)                                                   \
	switch (rm) {                                                          \
	case 0: RM_INSN(0, f7, rs1, rs2); break;                               \
	case 1: RM_INSN(1, f7, rs1, rs2); break;                               \
	case 2: RM_INSN(2, f7, rs1, rs2); break;                               \
	case 3: RM_INSN(3, f7, rs1, rs2); break;                               \
	case 4: RM_INSN(4, f7, rs1, rs2); break;                               \
	case 5: RM_INSN(5, f7, rs1, rs2); break;                               \
	case 6: RM_INSN(6, f7, rs1, rs2); break;                               \
	case 7: RM_INSN(7, f7, rs1, rs2); break;                               \
	}
#define RM_INSN(rm, f7, rs1, rs2)                                              \
	__asm__ volatile(".insn r 0x53, " #rm ", " #f7 ", ft2, " #rs1 ", " #rs2  \
			 : : : "ft2")

static int
try_fadd(int rm)
{
	if (sigsetjmp(ill_jmp, 1))
		return 0;
	TRY_RM(0x01, ft0, ft1)
	return 1;
}

static int
try_fcvt(int rm)
{
	if (sigsetjmp(ill_jmp, 1))
		return 0;
	TRY_RM(0x69, zero, x0)
	return 1;
}

static void
rm_valid(void)
{
	signal(SIGILL, on_sigill);
	for (u64 frm = 0; frm < 8; frm++) {
		for (int rm = 0; rm < 8; rm++) {
			int fadd, fcvt;

			__asm__ volatile("fsrm %0" : : "r"(frm));
			fadd = try_fadd(rm);
			__asm__ volatile("fsrm %0" : : "r"(frm));
			fcvt = try_fcvt(rm);
			printf("rm_valid %d %" PRIu64 " %d %d\n", rm, frm, fadd, fcvt);
		}
	}
}

static const struct {
	const char *name;
	void (*fn)(void);
} groups[] = {
	{ "arith_s", arith_s }, { "arith_d", arith_d }, { "sqrt", sqrt_group },
	{ "fma_s", fma_s }, { "fma_d", fma_d }, { "minmax", minmax },
	{ "sgnj", sgnj }, { "cmp", cmp }, { "class", fclass },
	{ "to_int", to_int }, { "from_int", from_int }, { "cvt_fp", cvt_fp },
	{ "move", move }, { "csr", csr_group }, { "rm_valid", rm_valid },
};

int
main(int argc, char **argv)
{
	static char buf[1 << 20];

	setvbuf(stdout, buf, _IOFBF, sizeof(buf));
	for (size_t g = 0; g < N(groups); g++) {
		if (argc < 2)
			printf("%s\n", groups[g].name);
		else if (!strcmp(argv[1], groups[g].name))
			groups[g].fn();
	}
	return fflush(stdout) ? 1 : 0;
}
