/*
 * d_arith: every double-precision arithmetic, fused multiply-add, min/max,
 * sign-injection, compare and classify instruction over edge operands, in
 * all five static rounding modes and under dyn with each frm, printing
 * result bits and fflags.  The same program as f_arith for D; see fp.h.
 */
#include "fp.h"

#define FMT "d"
#define WIDTH 64

static const u64 edges[] = {
	0x0000000000000000, 0x8000000000000000, /* +0 -0 */
	0x3ff0000000000000, 0xbff0000000000000, /* 1 -1 */
	0x3ff8000000000000, 0x4004000000000000, /* 1.5 2.5 */
	0xc008000000000000, 0x3ff0000000000001, /* -3, 1 + ulp */
	0x3ca0000000000000, 0xbca0000000000001, /* half an ulp of 1, just over -half */
	0x3cb0000000000000, 0x3fd5555555555555, /* ulp of 1, 1/3 */
	0x400921fb54442d18,                     /* pi */
	0x0000000000000001, 0x800fffffffffffff, /* min subnormal, -max subnormal */
	0x0010000000000000, 0x8010000000000001, /* min normal, -(min normal + ulp) */
	0x7fefffffffffffff, 0xffefffffffffffff, /* +-max */
	0x7fe0000000000000,                     /* 2^1023 */
	0x7ff0000000000000, 0xfff0000000000000, /* +-inf */
	0x7ff8000000000000, 0xfff8000000012345, /* canonical qNaN, -qNaN payload */
	0x7ff0000000000001, 0xfff0000000012345, /* sNaN, -sNaN payload */
};

static const u64 fma_edges[] = {
	0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000,
	0xbff8000000000000, 0x3ca0000000000000, 0x0000000000000001,
	0x7fefffffffffffff, 0x7ff0000000000000, 0xfff0000000000000,
	0x7ff8000000000000, 0x7ff0000000000001,
};

static const u64 fma_extra[] = {
	/* (1+ulp)^2 - 1: exact only when fused */
	0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000000,
	/* (1+ulp)^2: the ulp^2 term is the sticky bit */
	0x3ff0000000000001, 0x3ff0000000000001, 0x0000000000000000,
	/* 1*1 + half ulp: a tie */
	0x3ff0000000000000, 0x3ff0000000000000, 0x3ca0000000000000,
	/* 1*1 - quarter ulp of 1: a tie below 1 */
	0x3ff0000000000000, 0x3ff0000000000000, 0xbc90000000000000,
	/* max*2 - max: the product overflows only if rounded first */
	0x7fefffffffffffff, 0x4000000000000000, 0xffefffffffffffff,
	/* min normal * 0.5: exact subnormal, then inexact subnormal */
	0x0010000000000000, 0x3fe0000000000000, 0x0000000000000000,
	0x0010000000000001, 0x3fe0000000000000, 0x0000000000000000,
	/* inf*0 + qNaN must raise invalid; 0*inf + sNaN */
	0x7ff0000000000000, 0x0000000000000000, 0x7ff8000000000000,
	0x0000000000000000, 0xfff0000000000000, 0xfff0000000012345,
	/* exact zero sums: the sign of zero depends on the mode */
	0x3ff0000000000000, 0x8000000000000000, 0x0000000000000000,
	0x3ff0000000000000, 0x3ff0000000000000, 0xbff0000000000000,
	/* a result that overflows in some modes only */
	0x7fefffffffffffff, 0x3ff0000000000001, 0x7c90000000000000,
};

static const u64 unary_extra[] = {
	0x4010000000000000, 0x4000000000000000, 0x3fd0000000000000, /* 4 2 0.25 */
	0x0000000000000004, 0x8000000000000001, 0x7feffffffffffffe,
	0x3fefffffffffffff, 0xbff0000000000001,
	/* a NaN-boxed single read as a double is a negative quiet NaN */
	0xffffffff3f800000,
};

#include "fp_arith.inc"
