/*
 * f_arith: every single-precision arithmetic, fused multiply-add, min/max,
 * sign-injection, compare and classify instruction over edge operands
 * (+-0, +-inf, quiet and signalling NaNs with payloads, subnormals, the
 * largest and smallest normals, ties and values that round differently in
 * each mode), in all five static rounding modes and under dyn with each frm,
 * printing result bits (with their NaN boxing) and fflags.  See fp.h.
 */
#include "fp.h"

#define FMT "s"
#define WIDTH 32

static const u64 edges[] = {
	BOX(0x00000000), BOX(0x80000000), /* +0 -0 */
	BOX(0x3f800000), BOX(0xbf800000), /* 1 -1 */
	BOX(0x3fc00000), BOX(0x40200000), /* 1.5 2.5 */
	BOX(0xc0400000), BOX(0x3f800001), /* -3, 1 + ulp */
	BOX(0x33800000), BOX(0xb3800001), /* half an ulp of 1, just over -half */
	BOX(0x34000000), BOX(0x3eaaaaab), /* ulp of 1, 1/3 */
	BOX(0x40490fdb),                  /* pi */
	BOX(0x00000001), BOX(0x807fffff), /* min subnormal, -max subnormal */
	BOX(0x00800000), BOX(0x80800001), /* min normal, -(min normal + ulp) */
	BOX(0x7f7fffff), BOX(0xff7fffff), /* +-max */
	BOX(0x7f000000),                  /* 2^127 */
	BOX(0x7f800000), BOX(0xff800000), /* +-inf */
	BOX(0x7fc00000), BOX(0xffc12345), /* canonical qNaN, -qNaN payload */
	BOX(0x7f800001), BOX(0xff812345), /* sNaN, -sNaN payload */
};

static const u64 fma_edges[] = {
	BOX(0x00000000), BOX(0x80000000), BOX(0x3f800000), BOX(0xbfc00000),
	BOX(0x33800000), BOX(0x00000001), BOX(0x7f7fffff), BOX(0x7f800000),
	BOX(0xff800000), BOX(0x7fc00000), BOX(0x7f800001),
};

static const u64 fma_extra[] = {
	/* (1+ulp)^2 - 1: exact only when fused */
	BOX(0x3f800001), BOX(0x3f800001), BOX(0xbf800000),
	/* (1+ulp)^2: the ulp^2 term is the sticky bit */
	BOX(0x3f800001), BOX(0x3f800001), BOX(0x00000000),
	/* 1*1 + half ulp: a tie */
	BOX(0x3f800000), BOX(0x3f800000), BOX(0x33800000),
	/* 1*1 - quarter ulp of 1: a tie below 1 */
	BOX(0x3f800000), BOX(0x3f800000), BOX(0xb3000000),
	/* max*2 - max: the product overflows only if rounded first */
	BOX(0x7f7fffff), BOX(0x40000000), BOX(0xff7fffff),
	/* min normal * 0.5: exact subnormal, then inexact subnormal */
	BOX(0x00800000), BOX(0x3f000000), BOX(0x00000000),
	BOX(0x00800001), BOX(0x3f000000), BOX(0x00000000),
	/* inf*0 + qNaN must raise invalid; 0*inf + sNaN */
	BOX(0x7f800000), BOX(0x00000000), BOX(0x7fc00000),
	BOX(0x00000000), BOX(0xff800000), BOX(0xff812345),
	/* exact zero sums: the sign of zero depends on the mode */
	BOX(0x3f800000), BOX(0x80000000), BOX(0x00000000),
	BOX(0x3f800000), BOX(0x3f800000), BOX(0xbf800000),
	/* a result that overflows in some modes only */
	BOX(0x7f7fffff), BOX(0x3f800001), BOX(0x73800000),
};

static const u64 unary_extra[] = {
	BOX(0x40800000), BOX(0x40000000), BOX(0x3e800000), /* 4 2 0.25 */
	BOX(0x00000004), BOX(0x80000001), BOX(0x7f7ffffe),
	BOX(0x3f7fffff), BOX(0xbf800001),
	/* not properly NaN-boxed: must behave as the canonical NaN */
	0x000000003f800000, 0xfffffffe3f800000, 0x7ff0000000000000,
	0x7fffffff7f800001,
};

#include "fp_arith.inc"
