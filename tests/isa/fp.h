/*
 * fp.h - running one F/D instruction under every rounding mode and
 * printing its result bits and the fflags it raised.
 *
 * Every instruction under test is wrapped in a function that loads its
 * operands as raw 64-bit patterns into ft0..ft2 (fmv.d.x, so singles are
 * passed NaN-boxed or deliberately not) and into t0/t1, clears fflags,
 * executes the instruction alone, reads fflags, and returns the destination
 * as raw 64 bits (fmv.x.d, so a single result shows its NaN boxing).
 *
 * An instruction with a rounding-mode field gets six wrappers: one per
 * static mode (rne, rtz, rdn, rup, rmm) and one with dyn, which the driver
 * runs once under each of the five frm values.
 */
#ifndef FP_H
#define FP_H

#include "isa.h"

typedef u64 (*fp_fn)(u64 a, u64 b, u64 c, u64 *flags);

#define FP_IN                                                             \
	"fmv.d.x ft0, %2\n\tfmv.d.x ft1, %3\n\tfmv.d.x ft2, %4\n\t"      \
	"mv t0, %2\n\tmv t1, %3\n\t"

/* Where the destination is: an f register (ft3) or an x register (t3). */
#define OUT_F "fmv.x.d %0, ft3"
#define OUT_X "mv %0, t3"

#define FP_OP(fn, text, out)                                              \
	static u64 fn(u64 a, u64 b, u64 c, u64 *fl)                       \
	{                                                                 \
		u64 r, f;                                                 \
		asm volatile(FP_IN "csrw fflags, zero\n\t" text "\n\t"    \
			     "frflags %1\n\t" out                         \
			     : "=&r"(r), "=&r"(f)                         \
			     : "r"(a), "r"(b), "r"(c)                     \
			     : "t0", "t1", "t3", "ft0", "ft1", "ft2",     \
			       "ft3");                                    \
		*fl = f;                                                  \
		return r;                                                 \
	}

/* An instruction with a rounding-mode operand: a table of six wrappers. */
#define FP_RM(fn, text, out)                                              \
	FP_OP(fn##_rne, text ", rne", out)                                \
	FP_OP(fn##_rtz, text ", rtz", out)                                \
	FP_OP(fn##_rdn, text ", rdn", out)                                \
	FP_OP(fn##_rup, text ", rup", out)                                \
	FP_OP(fn##_rmm, text ", rmm", out)                                \
	FP_OP(fn##_dyn, text ", dyn", out)                                \
	static const fp_fn fn[6] = { fn##_rne, fn##_rtz, fn##_rdn,        \
				     fn##_rup, fn##_rmm, fn##_dyn };

static const char *const rm_names[5] = { "rne", "rtz", "rdn", "rup", "rmm" };

/* Print operands: singles as their 8 low hex digits when properly boxed. */
static inline void fp_print_operand(u64 v, int width)
{
	if (width == 32 && (v >> 32) == 0xffffffff)
		printf(" %08lx", v & 0xffffffff);
	else
		printf(" %016lx", v);
}

static inline void fp_print_head(const char *name, int nin, const u64 *in,
				 int width)
{
	printf("%s", name);
	for (int i = 0; i < nin; i++)
		fp_print_operand(in[i], width);
	printf(" :");
}

/*
 * One line: the instruction, its operands, then result/fflags under each
 * static rounding mode and under dyn with frm = each mode.
 */
static inline void fp_run_rm(const char *name, const fp_fn fns[6], int nin,
			     const u64 *in, int width)
{
	u64 a = in[0], b = nin > 1 ? in[1] : 0, c = nin > 2 ? in[2] : 0;
	u64 r, f;

	fp_print_head(name, nin, in, width);
	for (int m = 0; m < 5; m++) {
		r = fns[m](a, b, c, &f);
		printf(" %s=%016lx/%02lx", rm_names[m], r, f);
	}
	for (int m = 0; m < 5; m++) {
		set_frm(m);
		r = fns[5](a, b, c, &f);
		printf(" dyn-%s=%016lx/%02lx", rm_names[m], r, f);
	}
	set_frm(0);
	printf("\n");
}

/* One line for an instruction without a rounding mode. */
static inline void fp_run(const char *name, fp_fn fn, int nin, const u64 *in,
			  int width)
{
	u64 a = in[0], b = nin > 1 ? in[1] : 0, c = nin > 2 ? in[2] : 0;
	u64 r, f;

	fp_print_head(name, nin, in, width);
	r = fn(a, b, c, &f);
	printf(" %016lx/%02lx\n", r, f);
}

#define BOX(x) (0xffffffff00000000ull | (u32)(x))

#endif
