/*
 * fcvt: every conversion between the integer widths (w, wu, l, lu) and
 * s/d, between s and d, and the raw moves fmv.x.w/fmv.w.x/fmv.x.d/fmv.d.x.
 *
 * Float to integer: ties and halves in every rounding mode, the exact ends
 * of each range and the first values past them, which saturate with only
 * the invalid flag (NaN goes to the largest positive value), and results of
 * the 32-bit forms sign-extended (fcvt.wu of 3e9 is negative in rd).
 * Integer to float: values that need rounding (2^24+1, 2^53+1, ...) and the
 * W forms reading only the low word of rs1.  d to s: ties, overflow and
 * underflow at both ends, NaN payloads canonicalised.  s to d: exact, sNaN
 * raises invalid, an unboxed single is the canonical NaN.
 */
#include "fp.h"

FP_RM(op_fcvt_w_s, "fcvt.w.s t3, ft0", OUT_X)
FP_RM(op_fcvt_wu_s, "fcvt.wu.s t3, ft0", OUT_X)
FP_RM(op_fcvt_l_s, "fcvt.l.s t3, ft0", OUT_X)
FP_RM(op_fcvt_lu_s, "fcvt.lu.s t3, ft0", OUT_X)
FP_RM(op_fcvt_w_d, "fcvt.w.d t3, ft0", OUT_X)
FP_RM(op_fcvt_wu_d, "fcvt.wu.d t3, ft0", OUT_X)
FP_RM(op_fcvt_l_d, "fcvt.l.d t3, ft0", OUT_X)
FP_RM(op_fcvt_lu_d, "fcvt.lu.d t3, ft0", OUT_X)
FP_RM(op_fcvt_s_w, "fcvt.s.w ft3, t0", OUT_F)
FP_RM(op_fcvt_s_wu, "fcvt.s.wu ft3, t0", OUT_F)
FP_RM(op_fcvt_s_l, "fcvt.s.l ft3, t0", OUT_F)
FP_RM(op_fcvt_s_lu, "fcvt.s.lu ft3, t0", OUT_F)
FP_RM(op_fcvt_d_l, "fcvt.d.l ft3, t0", OUT_F)
FP_RM(op_fcvt_d_lu, "fcvt.d.lu ft3, t0", OUT_F)
FP_RM(op_fcvt_s_d, "fcvt.s.d ft3, ft0", OUT_F)
/* Exact conversions: the assembler only encodes rm = rne for these. */
FP_OP(op_fcvt_d_w, "fcvt.d.w ft3, t0", OUT_F)
FP_OP(op_fcvt_d_wu, "fcvt.d.wu ft3, t0", OUT_F)
FP_OP(op_fcvt_d_s, "fcvt.d.s ft3, ft0", OUT_F)
/* ... but the field is there; rtz (1) and dyn (7) must not change a thing. */
FP_OP(op_fcvt_d_w_rtz, ".insn r 0x53, 1, 0x69, ft3, t0, x0", OUT_F)
FP_OP(op_fcvt_d_s_rtz, ".insn r 0x53, 1, 0x21, ft3, ft0, f0", OUT_F)
FP_OP(op_fcvt_d_s_dyn, ".insn r 0x53, 7, 0x21, ft3, ft0, f0", OUT_F)
FP_OP(op_fmv_x_w, "fmv.x.w t3, ft0", OUT_X)
FP_OP(op_fmv_w_x, "fmv.w.x ft3, t0", OUT_F)
FP_OP(op_fmv_x_d, "fmv.x.d t3, ft0", OUT_X)
FP_OP(op_fmv_d_x, "fmv.d.x ft3, t0", OUT_F)

static const u64 singles[] = {
	BOX(0x00000000), BOX(0x80000000), BOX(0x3f000000), BOX(0xbf000000),
	BOX(0x3f400000), BOX(0x3fc00000), BOX(0x40200000), BOX(0xbfc00000),
	BOX(0xc0200000), BOX(0x3f7fffff), BOX(0xbf7fffff), BOX(0x3f800000),
	BOX(0xbf800000), BOX(0x40600000),
	BOX(0x4f000000), BOX(0x4effffff), /* 2^31, below */
	BOX(0xcf000000), BOX(0xcf000001), /* -2^31, below */
	BOX(0x4f800000), BOX(0x4f7fffff), /* 2^32, below */
	BOX(0x4f32d05e),                  /* 3e9 */
	BOX(0x5f000000), BOX(0x5effffff), /* 2^63, below */
	BOX(0xdf000000), BOX(0xdf000001), /* -2^63, below */
	BOX(0x5f800000), BOX(0x5f7fffff), /* 2^64, below */
	BOX(0x7149f2ca), BOX(0xf149f2ca), /* +-1e30 */
	BOX(0x7f800000), BOX(0xff800000), BOX(0x7fc00000), BOX(0xffc00000),
	BOX(0x7f800001), BOX(0xff812345), BOX(0x00000001), BOX(0x80000001),
	BOX(0x007fffff), BOX(0x7f7fffff),
	0x000000003f800000, /* unboxed: the canonical NaN */
};

static const u64 doubles[] = {
	0x0000000000000000, 0x8000000000000000, 0x3fe0000000000000,
	0xbfe0000000000000, 0x3fe8000000000000, 0x3ff8000000000000,
	0x4004000000000000, 0xbff8000000000000, 0xc004000000000000,
	0x3fefffffffffffff, 0xbfefffffffffffff, 0x3ff0000000000000,
	0xbff0000000000000, 0x400c000000000000,
	0x41dfffffffc00000, 0x41dfffffffe00000, /* 2^31-1, 2^31-0.5 */
	0x41e0000000000000, 0xc1e0000000000000, /* +-2^31 */
	0xc1e0000000100000, 0xc1e0000000200000, /* -2^31-0.5, -2^31-1 */
	0x41efffffffe00000, 0x41effffffff00000, /* 2^32-1, 2^32-0.5 */
	0x41f0000000000000,                     /* 2^32 */
	0x41e65a0bc0000000, 0xc1e65a0bc0000000, /* +-3e9 */
	0x43e0000000000000, 0x43dfffffffffffff, /* 2^63, below */
	0xc3e0000000000000, 0xc3e0000000000001, /* -2^63, below */
	0x43f0000000000000, 0x43efffffffffffff, /* 2^64, below */
	0x7e37e43c8800759c, 0xfe37e43c8800759c, /* +-1e300 */
	0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000,
	0xfff8000000000000, 0x7ff0000000000001, 0xfff0000000000001,
	0x0000000000000001, 0x8000000000000001,
};

static const u64 ints[] = {
	0x0000000000000000, 0x0000000000000001, 0xffffffffffffffff,
	0x000000007fffffff, 0x0000000080000000, 0xffffffff80000000,
	0x00000000ffffffff, 0x0000000001000001, 0x0000000001000003,
	0xfffffffffeffffff, 0x000000007fffffc0, 0x000000007fffffbf,
	0x7fffffffffffffff, 0x8000000000000000, 0x0020000000000001,
	0x0020000000000003, 0xfffffffffffff800, 0xfffffffffffffc00,
	0xfffffffffffffbff, 0x7ffffffffffffe00, 0xdeadbeef00000005,
	0x123456789abcdef1, 0x00000000b2d05e00,
};

static const u64 d_to_s[] = {
	0x3ff0000010000000, /* 1 + 2^-24: a tie */
	0x3ff0000010000001, /* just above the tie */
	0x3ff0000030000000, /* 1 + 3*2^-24: a tie, rounds to even upward */
	0xbff0000010000000,
	0x47efffffe0000000, /* the largest single */
	0x47effffff0000000, /* half an ulp past it: a tie into overflow */
	0x47efffffefffffff,
	0x47f0000000000000, 0xc7f0000000000000, /* +-2^128 */
	0x7e37e43c8800759c, 0xfe37e43c8800759c, /* +-1e300 */
	0x36a0000000000000, /* 2^-149, the smallest single */
	0x3690000000000000, /* 2^-150: a tie between 0 and it */
	0x3690000000000001, 0xb690000000000001,
	0x36a8000000000000, /* 1.5 * 2^-149 */
	0x3810000000000000, /* 2^-126, the smallest normal single */
	0x380fffffffffffff, /* tiny before rounding, normal after */
	0x380ffffff0000000, /* a tie at the subnormal/normal boundary */
	0x01a56e1fc2f8f359, /* 1e-300 */
	0x3fd5555555555555, 0x400921fb54442d18,
	0x0000000000000000, 0x8000000000000000,
	0x7ff0000000000000, 0xfff0000000000000,
	0x7ff8000012345678, 0xfff8000000000000, /* qNaNs: canonicalised */
	0x7ff0000000000001, 0xfff4000000000000, /* sNaNs */
};

static void float_to_int(void)
{
	static const struct {
		const char *name;
		const fp_fn *fns;
		int from_double;
	} ops[] = {
		{ "fcvt.w.s", op_fcvt_w_s, 0 },   { "fcvt.wu.s", op_fcvt_wu_s, 0 },
		{ "fcvt.l.s", op_fcvt_l_s, 0 },   { "fcvt.lu.s", op_fcvt_lu_s, 0 },
		{ "fcvt.w.d", op_fcvt_w_d, 1 },   { "fcvt.wu.d", op_fcvt_wu_d, 1 },
		{ "fcvt.l.d", op_fcvt_l_d, 1 },   { "fcvt.lu.d", op_fcvt_lu_d, 1 },
	};

	for (size_t k = 0; k < ARRAY_SIZE(ops); k++) {
		const u64 *in = ops[k].from_double ? doubles : singles;
		size_t n = ops[k].from_double ? ARRAY_SIZE(doubles) :
						ARRAY_SIZE(singles);

		for (size_t i = 0; i < n; i++)
			fp_run_rm(ops[k].name, ops[k].fns, 1, &in[i],
				  ops[k].from_double ? 64 : 32);
	}
}

static void int_to_float(void)
{
	static const struct {
		const char *name;
		const fp_fn *fns;
	} ops[] = {
		{ "fcvt.s.w", op_fcvt_s_w },   { "fcvt.s.wu", op_fcvt_s_wu },
		{ "fcvt.s.l", op_fcvt_s_l },   { "fcvt.s.lu", op_fcvt_s_lu },
		{ "fcvt.d.l", op_fcvt_d_l },   { "fcvt.d.lu", op_fcvt_d_lu },
	};

	for (size_t k = 0; k < ARRAY_SIZE(ops); k++)
		for (size_t i = 0; i < ARRAY_SIZE(ints); i++)
			fp_run_rm(ops[k].name, ops[k].fns, 1, &ints[i], 64);
	for (size_t i = 0; i < ARRAY_SIZE(ints); i++) {
		fp_run("fcvt.d.w", op_fcvt_d_w, 1, &ints[i], 64);
		fp_run("fcvt.d.wu", op_fcvt_d_wu, 1, &ints[i], 64);
		fp_run("fcvt.d.w(rm=rtz)", op_fcvt_d_w_rtz, 1, &ints[i], 64);
	}
}

static void between_formats(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(d_to_s); i++)
		fp_run_rm("fcvt.s.d", op_fcvt_s_d, 1, &d_to_s[i], 64);
	for (size_t i = 0; i < ARRAY_SIZE(doubles); i++)
		fp_run_rm("fcvt.s.d", op_fcvt_s_d, 1, &doubles[i], 64);
	for (size_t i = 0; i < ARRAY_SIZE(singles); i++) {
		fp_run("fcvt.d.s", op_fcvt_d_s, 1, &singles[i], 32);
		fp_run("fcvt.d.s(rm=rtz)", op_fcvt_d_s_rtz, 1, &singles[i], 32);
		fp_run("fcvt.d.s(rm=dyn)", op_fcvt_d_s_dyn, 1, &singles[i], 32);
	}
}

static void raw_moves(void)
{
	static const u64 vals[] = {
		0x0000000000000000, 0x0000000080000000, 0xffffffff7fc00000,
		0x123456787f800001, 0x00000000ffffffff, 0xfff0000000000001,
		0x7ff8000000000000, 0xdeadbeefcafef00d,
	};

	for (size_t i = 0; i < ARRAY_SIZE(vals); i++) {
		fp_run("fmv.x.w", op_fmv_x_w, 1, &vals[i], 64);
		fp_run("fmv.w.x", op_fmv_w_x, 1, &vals[i], 64);
		fp_run("fmv.x.d", op_fmv_x_d, 1, &vals[i], 64);
		fp_run("fmv.d.x", op_fmv_d_x, 1, &vals[i], 64);
	}
}

int main(void)
{
	float_to_int();
	int_to_float();
	between_formats();
	raw_moves();
	return 0;
}
