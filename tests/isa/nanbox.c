/*
 * nanbox: NaN boxing of single-precision values in 64-bit f registers,
 * canonical NaN results, fmin/fmax on NaNs and signed zeros, and the FP
 * loads and stores.
 *
 * The rules (F chapter, "NaN boxing"): flw and fmv.w.x set the upper 32
 * bits to ones, and every single-precision result is boxed that way.  fsw
 * and fmv.x.w move the low 32 bits as they are, boxed or not.  Every other
 * single-precision instruction must treat an operand whose upper 32 bits
 * are not all ones as the canonical NaN 0x7fc00000 (a quiet NaN: no flags).
 * Loads and stores never change the bits, even of signalling NaNs.
 */
#include "fp.h"

FP_OP(op_fadd_s, "fadd.s ft3, ft0, ft1", OUT_F)
FP_OP(op_fmul_s, "fmul.s ft3, ft0, ft1", OUT_F)
FP_OP(op_fsqrt_s, "fsqrt.s ft3, ft0", OUT_F)
FP_OP(op_fsgnj_s, "fsgnj.s ft3, ft0, ft1", OUT_F)
FP_OP(op_fsgnjn_s, "fsgnjn.s ft3, ft0, ft1", OUT_F)
FP_OP(op_fsgnjx_s, "fsgnjx.s ft3, ft0, ft1", OUT_F)
FP_OP(op_fmin_s, "fmin.s ft3, ft0, ft1", OUT_F)
FP_OP(op_fmax_s, "fmax.s ft3, ft0, ft1", OUT_F)
FP_OP(op_feq_s, "feq.s t3, ft0, ft1", OUT_X)
FP_OP(op_flt_s, "flt.s t3, ft0, ft1", OUT_X)
FP_OP(op_fle_s, "fle.s t3, ft0, ft1", OUT_X)
FP_OP(op_fclass_s, "fclass.s t3, ft0", OUT_X)
FP_OP(op_fcvt_d_s, "fcvt.d.s ft3, ft0", OUT_F)
FP_OP(op_fcvt_w_s, "fcvt.w.s t3, ft0, rtz", OUT_X)
FP_OP(op_fcvt_s_d, "fcvt.s.d ft3, ft0", OUT_F)
FP_OP(op_fmadd_s, "fmadd.s ft3, ft0, ft1, ft2", OUT_F)
FP_OP(op_fmv_x_w, "fmv.x.w t3, ft0", OUT_X)
FP_OP(op_fmv_w_x, "fmv.w.x ft3, t0", OUT_F)
FP_OP(op_fmin_d, "fmin.d ft3, ft0, ft1", OUT_F)
FP_OP(op_fmax_d, "fmax.d ft3, ft0, ft1", OUT_F)
FP_OP(op_fadd_d, "fadd.d ft3, ft0, ft1", OUT_F)
FP_OP(op_fdiv_d, "fdiv.d ft3, ft0, ft1", OUT_F)
FP_OP(op_fdiv_s, "fdiv.s ft3, ft0, ft1", OUT_F)
FP_OP(op_fsqrt_d, "fsqrt.d ft3, ft0", OUT_F)

/* Register contents that are (or are not) valid boxed singles. */
static const u64 patterns[] = {
	0xffffffff3f800000, /* boxed 1.0: the control */
	0xffffffffbf800000, /* boxed -1.0 */
	0x3ff0000000000000, /* the double 1.0 */
	0x000000003f800000, /* upper half zero */
	0xfffffffe3f800000, /* one upper bit clear */
	0x7fffffffbf800000, /* the sign bit of the box clear */
	0xffffffff7f800001, /* boxed sNaN */
	0x000000007f800001, /* unboxed sNaN: still only the canonical qNaN */
};

static void unboxed_operands(void)
{
	static const struct {
		const char *name;
		fp_fn fn;
		int nin;
	} ops[] = {
		{ "fadd.s", op_fadd_s, 2 },     { "fmul.s", op_fmul_s, 2 },
		{ "fsqrt.s", op_fsqrt_s, 1 },   { "fsgnj.s", op_fsgnj_s, 2 },
		{ "fsgnjn.s", op_fsgnjn_s, 2 }, { "fsgnjx.s", op_fsgnjx_s, 2 },
		{ "fmin.s", op_fmin_s, 2 },     { "fmax.s", op_fmax_s, 2 },
		{ "feq.s", op_feq_s, 2 },       { "flt.s", op_flt_s, 2 },
		{ "fle.s", op_fle_s, 2 },       { "fclass.s", op_fclass_s, 1 },
		{ "fcvt.d.s", op_fcvt_d_s, 1 }, { "fcvt.w.s", op_fcvt_w_s, 1 },
		{ "fmadd.s", op_fmadd_s, 3 },   { "fmv.x.w", op_fmv_x_w, 1 },
	};
	static const u64 other = 0xffffffffc0000000; /* boxed -2.0 */

	for (size_t k = 0; k < ARRAY_SIZE(ops); k++)
		for (size_t i = 0; i < ARRAY_SIZE(patterns); i++)
			/* The pattern in each operand position in turn. */
			for (int pos = 0; pos < ops[k].nin; pos++) {
				u64 v[3] = { other, other, other };

				v[pos] = patterns[i];
				fp_run(ops[k].name, ops[k].fn, ops[k].nin, v, 64);
			}
}

static void results_are_boxed(void)
{
	static const u64 ints[] = { 0x0000000000000000, 0x123456789abcdef0,
				    0xffffffff00000001, 0x000000007f800001 };
	static const u64 dbls[] = { 0x3ff0000000000000, 0x7ff0000000000001,
				    0x47f0000000000000 };

	for (size_t i = 0; i < ARRAY_SIZE(ints); i++)
		fp_run("fmv.w.x", op_fmv_w_x, 1, &ints[i], 64);
	for (size_t i = 0; i < ARRAY_SIZE(dbls); i++)
		fp_run("fcvt.s.d", op_fcvt_s_d, 1, &dbls[i], 64);
}

static void canonical_nans(void)
{
	static const u64 s_in[][2] = {
		{ BOX(0x7fc12345), BOX(0x3f800000) }, /* qNaN payload + 1 */
		{ BOX(0xff812345), BOX(0x3f800000) }, /* sNaN payload + 1 */
		{ BOX(0x7f800000), BOX(0xff800000) }, /* inf - inf */
		{ BOX(0x00000000), BOX(0x80000000) }, /* 0 / -0 (fdiv) */
	};
	static const u64 d_in[][2] = {
		{ 0x7ff8000000012345, 0x3ff0000000000000 },
		{ 0xfff0000000012345, 0x3ff0000000000000 },
		{ 0x7ff0000000000000, 0xfff0000000000000 },
		{ 0x0000000000000000, 0x8000000000000000 },
	};
	static const u64 neg_s = BOX(0xbf800000), neg_d = 0xbff0000000000000;

	for (size_t i = 0; i < ARRAY_SIZE(s_in); i++) {
		fp_run("fadd.s", op_fadd_s, 2, s_in[i], 32);
		fp_run("fdiv.s", op_fdiv_s, 2, s_in[i], 32);
		fp_run("fadd.d", op_fadd_d, 2, d_in[i], 64);
		fp_run("fdiv.d", op_fdiv_d, 2, d_in[i], 64);
	}
	fp_run("fsqrt.s", op_fsqrt_s, 1, &neg_s, 32);
	fp_run("fsqrt.d", op_fsqrt_d, 1, &neg_d, 64);
}

/* IEEE 754-2019 minimumNumber/maximumNumber, with -0 < +0. */
static void min_max_nans_and_zeros(void)
{
	static const u64 s_pairs[][2] = {
		{ BOX(0x80000000), BOX(0x00000000) },
		{ BOX(0x00000000), BOX(0x80000000) },
		{ BOX(0x7fc00000), BOX(0x3f800000) },
		{ BOX(0x3f800000), BOX(0x7fc00000) },
		{ BOX(0x7f800001), BOX(0x3f800000) },
		{ BOX(0xbf800000), BOX(0xff800001) },
		{ BOX(0x7fc12345), BOX(0xffc00000) },
		{ BOX(0x7f800001), BOX(0x7fc00000) },
		{ BOX(0x7f800001), BOX(0xff800002) },
	};
	static const u64 d_pairs[][2] = {
		{ 0x8000000000000000, 0x0000000000000000 },
		{ 0x0000000000000000, 0x8000000000000000 },
		{ 0x7ff8000000000000, 0x3ff0000000000000 },
		{ 0x3ff0000000000000, 0x7ff8000000000000 },
		{ 0x7ff0000000000001, 0x3ff0000000000000 },
		{ 0xbff0000000000000, 0xfff0000000000001 },
		{ 0x7ff8000000012345, 0xfff8000000000000 },
		{ 0x7ff0000000000001, 0x7ff8000000000000 },
		{ 0x7ff0000000000001, 0xfff0000000000002 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(s_pairs); i++) {
		fp_run("fmin.s", op_fmin_s, 2, s_pairs[i], 32);
		fp_run("fmax.s", op_fmax_s, 2, s_pairs[i], 32);
		fp_run("fmin.d", op_fmin_d, 2, d_pairs[i], 64);
		fp_run("fmax.d", op_fmax_d, 2, d_pairs[i], 64);
	}
}

/* flw boxes; fsw, fld and fsd copy bits; all at aligned and odd offsets. */
static void loads_and_stores(void)
{
	static unsigned char buf[32] __attribute__((aligned(16)));
	static const u64 regs[] = { 0xffffffff7f800001, 0x123456789abcdef0,
				    0x7ff0000000000001, 0xfff8000000000000 };

	for (int i = 0; i < 32; i++)
		buf[i] = (unsigned char)(0x81 + i * 0x3b);
	for (int off = 0; off < 8; off++) {
		u64 w, d;

		asm volatile("flw ft0, 0(%2)\n\tfmv.x.d %0, ft0\n\t"
			     "fld ft1, 8(%2)\n\tfmv.x.d %1, ft1"
			     : "=r"(w), "=r"(d) : "r"(buf + off)
			     : "ft0", "ft1", "memory");
		printf("flw off%d -> %016lx  fld off%d -> %016lx\n", off, w,
		       off + 8, d);
	}
	for (size_t i = 0; i < ARRAY_SIZE(regs); i++)
		for (int off = 0; off < 8; off += 3) {
			u64 out[3] = { 0x5a5a5a5a5a5a5a5a, 0x5a5a5a5a5a5a5a5a,
				       0x5a5a5a5a5a5a5a5a };

			asm volatile("fmv.d.x ft0, %1\n\t"
				     "fsw ft0, 0(%0)\n\tfsd ft0, 8(%0)"
				     : : "r"((char *)out + off), "r"(regs[i])
				     : "ft0", "memory");
			printf("fsw;fsd %016lx off%d -> %016lx %016lx %016lx\n",
			       regs[i], off, out[0], out[1], out[2]);
		}
	/* Immediates at the ends of the range. */
	{
		u64 w, d;

		asm volatile("flw ft0, -2048(%2)\n\tfmv.x.d %0, ft0\n\t"
			     "fld ft1, 2047(%3)\n\tfmv.x.d %1, ft1\n\t"
			     "fsd ft1, -2048(%2)\n\tfsw ft0, 2047(%3)"
			     : "=r"(w), "=r"(d)
			     : "r"(buf + 2048), "r"(buf + 8 - 2047)
			     : "ft0", "ft1", "memory");
		printf("flw -2048 -> %016lx  fld 2047 -> %016lx\n", w, d);
		for (int i = 0; i < 16; i++)
			printf("%02x", buf[i]);
		printf("\n");
	}
}

int main(void)
{
	unboxed_operands();
	results_are_boxed();
	canonical_nans();
	min_max_nans_and_zeros();
	loads_and_stores();
	return 0;
}
