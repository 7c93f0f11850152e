/* The F and D extensions: every floating-point instruction's semantics, run
 * on the host's SSE unit (RISC-V unprivileged spec 20191213, chapters 11-13).
 *
 * Each function takes the task's registers (for fflags and frm) and raw
 * 64-bit register values, and returns the raw value for the destination:
 * a NaN-boxed single, a double, or a sign-extended integer.
 *
 * Rounding. Between fpu_enter() and fpu_leave() the host MXCSR rounding
 * control equals frm, so an op with the dynamic rounding mode (what compilers
 * emit for arithmetic) is one host instruction. An op whose static rm differs
 * from frm, or any op in RMM (round to nearest, ties to max magnitude, which
 * x86 lacks), takes fpu_op_slow() in fpu.c: it switches MXCSR around the op,
 * or for RMM computes the exact result.
 *
 * Flags. The host's sticky MXCSR flags accrue the guest's fflags lazily:
 * x86 raises the same IEEE 754 events as RISC-V, with tininess detected after
 * rounding on both, so IE, ZE, OE, UE, PE are NV, DZ, OF, UF, NX (DE, the
 * denormal-operand flag, has no RISC-V meaning and is dropped; DAZ and FTZ
 * stay off). fpu_leave() and the CSR helpers fold them into pt_regs.fflags.
 * Where x86 raises something else we fix it by hand: fma of inf*0 plus a
 * quiet NaN (x86: no flag, RISC-V: NV), min/max and comparisons (done with
 * integer compares), and float-to-integer conversions (RISC-V saturates).
 *
 * NaNs. x86 returns its default NaN (sign set) or propagates a payload;
 * RISC-V always returns the canonical NaN: every result passes fpu_canon_*.
 * A single is valid in a 64-bit register only if bits 63..32 are all ones;
 * otherwise it reads as the canonical NaN (fpu_unbox).
 *
 * Ownership of the host MXCSR: from fpu_enter() to fpu_leave() it belongs to
 * the running task. The host must do no floating point of its own in between
 * (it would round in the guest's mode and leak its flags into fflags).
 *
 * Compile users with -frounding-math -fno-fast-math. The fast paths need no
 * barriers: their operands are loaded from pt_regs.f[] and their results
 * stored there, and every MXCSR access below is an asm with a memory clobber,
 * so no op can move across a rounding-mode change or a flags read. */
#ifndef ARCH_RISCV64_FPU_H
#define ARCH_RISCV64_FPU_H

#include <emmintrin.h>
#include <math.h>
#include <string.h>

#include "arch/riscv64/cpu.h"

/* Rounding modes (the rm field and frm). 5 and 6 are reserved. */
#define FPU_RM_RNE	0	/* nearest, ties to even */
#define FPU_RM_RTZ	1	/* toward zero */
#define FPU_RM_RDN	2	/* down */
#define FPU_RM_RUP	3	/* up */
#define FPU_RM_RMM	4	/* nearest, ties to max magnitude */
#define FPU_RM_DYN	7	/* rm only: use frm */

/* fflags bits. */
#define FPU_NX		0x01	/* inexact */
#define FPU_UF		0x02	/* underflow */
#define FPU_OF		0x04	/* overflow */
#define FPU_DZ		0x08	/* divide by zero */
#define FPU_NV		0x10	/* invalid */

/* CSR numbers handled by fpu_csr_read()/fpu_csr_write(). */
#define FPU_CSR_FFLAGS	0x001
#define FPU_CSR_FRM	0x002
#define FPU_CSR_FCSR	0x003

/* Host MXCSR: exception flags, rounding control, and the power-on value
 * (all exceptions masked, round to nearest, no DAZ/FTZ). */
#define MXCSR_IE	0x0001
#define MXCSR_ZE	0x0004
#define MXCSR_OE	0x0008
#define MXCSR_UE	0x0010
#define MXCSR_PE	0x0020
#define MXCSR_FLAGS	0x003f
#define MXCSR_RC	0x6000
#define MXCSR_DEFAULT	0x1f80

#define FPU_CANON_S	0xffffffff7fc00000ULL	/* boxed canonical NaN */
#define FPU_CANON_D	0x7ff8000000000000ULL
#define FPU_SIGN_S	0x80000000U
#define FPU_SIGN_D	0x8000000000000000ULL

/* Ops that round, for fpu_op_slow(). */
enum fpu_op {
	FPU_FADD_S, FPU_FSUB_S, FPU_FMUL_S, FPU_FDIV_S, FPU_FSQRT_S,
	FPU_FADD_D, FPU_FSUB_D, FPU_FMUL_D, FPU_FDIV_D, FPU_FSQRT_D,
	FPU_FMADD_S, FPU_FMSUB_S, FPU_FNMSUB_S, FPU_FNMADD_S,
	FPU_FMADD_D, FPU_FMSUB_D, FPU_FNMSUB_D, FPU_FNMADD_D,
	FPU_FCVT_S_D,
	FPU_FCVT_S_W, FPU_FCVT_S_WU, FPU_FCVT_S_L, FPU_FCVT_S_LU,
	FPU_FCVT_D_L, FPU_FCVT_D_LU,
};

/* Integer formats of fcvt.{w,wu,l,lu}.{s,d}. */
enum fpu_int { FPU_W, FPU_WU, FPU_L, FPU_LU };

/* --- fpu.c --- */
uint64_t fpu_op_slow(struct pt_regs *r, enum fpu_op op, uint64_t a, uint64_t b,
		     uint64_t c, int rm);
uint64_t fpu_to_int_slow(struct pt_regs *r, uint64_t a, int rm, enum fpu_int kind);

/* ---- host state ---- */

static inline uint32_t
fpu_stmxcsr(void)
{
	uint32_t m;

	__asm__ volatile("stmxcsr %0" : "=m"(m) : : "memory");
	return m;
}

static inline void
fpu_ldmxcsr(uint32_t m)
{
	__asm__ volatile("ldmxcsr %0" : : "m"(m) : "memory");
}

/* MXCSR rounding control for a RISC-V rounding mode. RMM and the reserved
 * values map to round-to-nearest; ops in RMM never run in the host mode. */
static inline uint32_t
fpu_host_rc(uint32_t rm)
{
	/* 2 bits per mode: RNE 00, RTZ 11, RDN 01, RUP 10, RMM 00 */
	return rm < 5 ? ((0x9cU >> (2 * rm)) & 3) << 13 : 0;
}

/* x86 exception flags as fflags: IE, ZE, OE, UE, PE -> NV, DZ, OF, UF, NX. */
static inline uint32_t
fpu_host_flags(uint32_t m)
{
	return ((m & MXCSR_IE) << 4) | ((m & MXCSR_ZE) << 1) |
	       ((m & MXCSR_OE) >> 1) | ((m & MXCSR_UE) >> 3) |
	       ((m & MXCSR_PE) >> 5);
}

/* The dispatch loop starts running r's task: the host rounds as frm says
 * and its sticky flags start clean (r->fflags holds everything so far). */
static inline void
fpu_enter(struct pt_regs *r)
{
	fpu_ldmxcsr(MXCSR_DEFAULT | fpu_host_rc(r->frm));
}

/* The dispatch loop stops: fold the host's flags into r->fflags and give
 * the host back its default MXCSR. */
static inline void
fpu_leave(struct pt_regs *r)
{
	r->fflags |= fpu_host_flags(fpu_stmxcsr());
	fpu_ldmxcsr(MXCSR_DEFAULT);
}

/* csrr of fflags, frm or fcsr: the accrued flags are r->fflags plus what
 * the host has raised since. Valid between fpu_enter() and fpu_leave(). */
static inline uint64_t
fpu_csr_read(struct pt_regs *r, int csr)
{
	uint32_t flags = r->fflags | fpu_host_flags(fpu_stmxcsr());

	switch (csr) {
	case FPU_CSR_FFLAGS:
		return flags;
	case FPU_CSR_FRM:
		return r->frm;
	default:
		return (uint64_t)r->frm << 5 | flags;
	}
}

/* csrw of fflags, frm or fcsr (csrs/csrc are a read and a write). A new
 * fflags replaces the host's flags too (cleared in MXCSR); a new frm sets
 * the host mode, after folding the host's flags into r->fflags (MXCSR is
 * written whole). stmxcsr is slow (it waits for pending FP ops), so it is
 * skipped when the flags are replaced or the host mode stays. frm keeps
 * reserved values (5..7): only a later dynamic-rm op is illegal. */
static inline void
fpu_csr_write(struct pt_regs *r, int csr, uint64_t v)
{
	switch (csr) {
	case FPU_CSR_FFLAGS:
		r->fflags = v & 0x1f;
		break;
	case FPU_CSR_FRM:
		if (fpu_host_rc(v & 7) == fpu_host_rc(r->frm)) {
			r->frm = v & 7;
			return;
		}
		r->fflags |= fpu_host_flags(fpu_stmxcsr());
		r->frm = v & 7;
		break;
	default:
		r->fflags = v & 0x1f;
		r->frm = (v >> 5) & 7;
		break;
	}
	fpu_ldmxcsr(MXCSR_DEFAULT | fpu_host_rc(r->frm));
}

/* May an op with rounding mode field rm run? Reserved rm 5 and 6, and the
 * dynamic rm while frm holds 5..7, are illegal instructions. */
static inline bool
fpu_rm_valid(const struct pt_regs *r, int rm)
{
	return rm < 5 || (rm == FPU_RM_DYN && r->frm < 5);
}

/* Is the host already rounding as rm asks? RMM never is. */
static inline bool
fpu_rm_host(const struct pt_regs *r, int rm)
{
	return ((unsigned)rm == FPU_RM_DYN || (unsigned)rm == r->frm) &&
	       r->frm < FPU_RM_RMM;
}

static inline bool
fpu_rm_rtz(const struct pt_regs *r, int rm)
{
	return rm == FPU_RM_RTZ || (rm == FPU_RM_DYN && r->frm == FPU_RM_RTZ);
}

/* ---- register values ---- */

static inline double
fpu_d(uint64_t v)
{
	double d;

	memcpy(&d, &v, sizeof(d));
	return d;
}

static inline uint64_t
fpu_bits_d(double d)
{
	uint64_t v;

	memcpy(&v, &d, sizeof(v));
	return v;
}

/* The single in a register: its low half if properly NaN-boxed, else the
 * canonical NaN. */
static inline uint32_t
fpu_unbox(uint64_t v)
{
	return (v >> 32) == 0xffffffffU ? (uint32_t)v : 0x7fc00000U;
}

static inline uint64_t
fpu_box(uint32_t v)
{
	return 0xffffffff00000000ULL | v;
}

static inline float
fpu_s(uint64_t v)
{
	uint32_t u = fpu_unbox(v);
	float f;

	memcpy(&f, &u, sizeof(f));
	return f;
}

static inline uint32_t
fpu_bits_s(float f)
{
	uint32_t u;

	memcpy(&u, &f, sizeof(u));
	return u;
}

static inline bool
fpu_isnan_d(uint64_t v)
{
	return (v & ~FPU_SIGN_D) > 0x7ff0000000000000ULL;
}

static inline bool
fpu_isnan_s(uint32_t v)
{
	return (v & ~FPU_SIGN_S) > 0x7f800000U;
}

static inline bool
fpu_issnan_d(uint64_t v)
{
	return fpu_isnan_d(v) && !(v & 0x0008000000000000ULL);
}

static inline bool
fpu_issnan_s(uint32_t v)
{
	return fpu_isnan_s(v) && !(v & 0x00400000U);
}

/* A result: any NaN becomes the canonical NaN, singles are boxed. */
static inline uint64_t
fpu_canon_d(double d)
{
	uint64_t v = fpu_bits_d(d);

	return unlikely(fpu_isnan_d(v)) ? FPU_CANON_D : v;
}

static inline uint64_t
fpu_canon_s(float f)
{
	uint32_t v = fpu_bits_s(f);

	return unlikely(fpu_isnan_s(v)) ? FPU_CANON_S : fpu_box(v);
}

/* ---- arithmetic: add, sub, mul, div, sqrt ---- */

static inline uint64_t
fadd_s(struct pt_regs *r, uint64_t a, uint64_t b, int rm)
{
	if (unlikely(!fpu_rm_host(r, rm)))
		return fpu_op_slow(r, FPU_FADD_S, a, b, 0, rm);
	return fpu_canon_s(fpu_s(a) + fpu_s(b));
}

static inline uint64_t
fsub_s(struct pt_regs *r, uint64_t a, uint64_t b, int rm)
{
	if (unlikely(!fpu_rm_host(r, rm)))
		return fpu_op_slow(r, FPU_FSUB_S, a, b, 0, rm);
	return fpu_canon_s(fpu_s(a) - fpu_s(b));
}

static inline uint64_t
fmul_s(struct pt_regs *r, uint64_t a, uint64_t b, int rm)
{
	if (unlikely(!fpu_rm_host(r, rm)))
		return fpu_op_slow(r, FPU_FMUL_S, a, b, 0, rm);
	return fpu_canon_s(fpu_s(a) * fpu_s(b));
}

static inline uint64_t
fdiv_s(struct pt_regs *r, uint64_t a, uint64_t b, int rm)
{
	if (unlikely(!fpu_rm_host(r, rm)))
		return fpu_op_slow(r, FPU_FDIV_S, a, b, 0, rm);
	return fpu_canon_s(fpu_s(a) / fpu_s(b));
}

static inline uint64_t
fadd_d(struct pt_regs *r, uint64_t a, uint64_t b, int rm)
{
	if (unlikely(!fpu_rm_host(r, rm)))
		return fpu_op_slow(r, FPU_FADD_D, a, b, 0, rm);
	return fpu_canon_d(fpu_d(a) + fpu_d(b));
}

static inline uint64_t
fsub_d(struct pt_regs *r, uint64_t a, uint64_t b, int rm)
{
	if (unlikely(!fpu_rm_host(r, rm)))
		return fpu_op_slow(r, FPU_FSUB_D, a, b, 0, rm);
	return fpu_canon_d(fpu_d(a) - fpu_d(b));
}

static inline uint64_t
fmul_d(struct pt_regs *r, uint64_t a, uint64_t b, int rm)
{
	if (unlikely(!fpu_rm_host(r, rm)))
		return fpu_op_slow(r, FPU_FMUL_D, a, b, 0, rm);
	return fpu_canon_d(fpu_d(a) * fpu_d(b));
}

static inline uint64_t
fdiv_d(struct pt_regs *r, uint64_t a, uint64_t b, int rm)
{
	if (unlikely(!fpu_rm_host(r, rm)))
		return fpu_op_slow(r, FPU_FDIV_D, a, b, 0, rm);
	return fpu_canon_d(fpu_d(a) / fpu_d(b));
}

/* sqrtss/sqrtsd directly: libm's sqrt() may be called for errno. */
static inline uint64_t
fsqrt_s(struct pt_regs *r, uint64_t a, int rm)
{
	__m128 v;

	if (unlikely(!fpu_rm_host(r, rm)))
		return fpu_op_slow(r, FPU_FSQRT_S, a, 0, 0, rm);
	v = _mm_set_ss(fpu_s(a));
	return fpu_canon_s(_mm_cvtss_f32(_mm_sqrt_ss(v)));
}

static inline uint64_t
fsqrt_d(struct pt_regs *r, uint64_t a, int rm)
{
	__m128d v;

	if (unlikely(!fpu_rm_host(r, rm)))
		return fpu_op_slow(r, FPU_FSQRT_D, a, 0, 0, rm);
	v = _mm_set_sd(fpu_d(a));
	return fpu_canon_d(_mm_cvtsd_f64(_mm_sqrt_sd(v, v)));
}

/* ---- fused multiply-add ---- */

/* x*y+z rounded once: the host's FMA3 instruction when the CPU has it (an
 * asm, so this file needs no -mfma; volatile, so it is never speculated
 * onto the slow path, which runs in another mode), else libm's fma(),
 * which is exact. */
static inline double
fpu_fma_host_d(double x, double y, double z)
{
#ifdef __FMA__
	return __builtin_fma(x, y, z);
#else
	if (likely(__builtin_cpu_supports("fma"))) {
		__asm__ volatile("vfmadd231sd %2, %1, %0" : "+x"(z) : "x"(x), "x"(y));
		return z;
	}
	return fma(x, y, z);
#endif
}

static inline float
fpu_fma_host_s(float x, float y, float z)
{
#ifdef __FMA__
	return __builtin_fmaf(x, y, z);
#else
	if (likely(__builtin_cpu_supports("fma"))) {
		__asm__ volatile("vfmadd231ss %2, %1, %0" : "+x"(z) : "x"(x), "x"(y));
		return z;
	}
	return fmaf(x, y, z);
#endif
}

/* inf*0 (or 0*inf) in an fma is invalid even when the addend is a quiet NaN
 * (spec 11.6); x86 raises nothing then. Only a NaN result can be affected. */
static inline bool
fpu_fma_inf_zero(uint64_t ax, uint64_t bx, uint64_t inf)
{
	return ((ax == inf && !bx) || (!ax && bx == inf));
}

static inline uint64_t
fpu_fma_result_d(struct pt_regs *r, uint64_t a, uint64_t b, double z)
{
	uint64_t v = fpu_bits_d(z);

	if (unlikely(fpu_isnan_d(v))) {
		if (fpu_fma_inf_zero(a & ~FPU_SIGN_D, b & ~FPU_SIGN_D,
				     0x7ff0000000000000ULL))
			r->fflags |= FPU_NV;
		return FPU_CANON_D;
	}
	return v;
}

static inline uint64_t
fpu_fma_result_s(struct pt_regs *r, uint64_t a, uint64_t b, float z)
{
	uint32_t v = fpu_bits_s(z);

	if (unlikely(fpu_isnan_s(v))) {
		if (fpu_fma_inf_zero(fpu_unbox(a) & ~FPU_SIGN_S,
				     fpu_unbox(b) & ~FPU_SIGN_S, 0x7f800000U))
			r->fflags |= FPU_NV;
		return FPU_CANON_S;
	}
	return fpu_box(v);
}

/* fmadd = a*b+c, fmsub = a*b-c, fnmsub = -(a*b)+c, fnmadd = -(a*b)-c: the
 * signs go into the operands (exact), so each is still one rounding. */
static inline uint64_t
fmadd_s(struct pt_regs *r, uint64_t a, uint64_t b, uint64_t c, int rm)
{
	if (unlikely(!fpu_rm_host(r, rm)))
		return fpu_op_slow(r, FPU_FMADD_S, a, b, c, rm);
	return fpu_fma_result_s(r, a, b,
				fpu_fma_host_s(fpu_s(a), fpu_s(b), fpu_s(c)));
}

static inline uint64_t
fmsub_s(struct pt_regs *r, uint64_t a, uint64_t b, uint64_t c, int rm)
{
	if (unlikely(!fpu_rm_host(r, rm)))
		return fpu_op_slow(r, FPU_FMSUB_S, a, b, c, rm);
	return fpu_fma_result_s(r, a, b,
				fpu_fma_host_s(fpu_s(a), fpu_s(b), -fpu_s(c)));
}

static inline uint64_t
fnmsub_s(struct pt_regs *r, uint64_t a, uint64_t b, uint64_t c, int rm)
{
	if (unlikely(!fpu_rm_host(r, rm)))
		return fpu_op_slow(r, FPU_FNMSUB_S, a, b, c, rm);
	return fpu_fma_result_s(r, a, b,
				fpu_fma_host_s(-fpu_s(a), fpu_s(b), fpu_s(c)));
}

static inline uint64_t
fnmadd_s(struct pt_regs *r, uint64_t a, uint64_t b, uint64_t c, int rm)
{
	if (unlikely(!fpu_rm_host(r, rm)))
		return fpu_op_slow(r, FPU_FNMADD_S, a, b, c, rm);
	return fpu_fma_result_s(r, a, b,
				fpu_fma_host_s(-fpu_s(a), fpu_s(b), -fpu_s(c)));
}

static inline uint64_t
fmadd_d(struct pt_regs *r, uint64_t a, uint64_t b, uint64_t c, int rm)
{
	if (unlikely(!fpu_rm_host(r, rm)))
		return fpu_op_slow(r, FPU_FMADD_D, a, b, c, rm);
	return fpu_fma_result_d(r, a, b,
				fpu_fma_host_d(fpu_d(a), fpu_d(b), fpu_d(c)));
}

static inline uint64_t
fmsub_d(struct pt_regs *r, uint64_t a, uint64_t b, uint64_t c, int rm)
{
	if (unlikely(!fpu_rm_host(r, rm)))
		return fpu_op_slow(r, FPU_FMSUB_D, a, b, c, rm);
	return fpu_fma_result_d(r, a, b,
				fpu_fma_host_d(fpu_d(a), fpu_d(b), -fpu_d(c)));
}

static inline uint64_t
fnmsub_d(struct pt_regs *r, uint64_t a, uint64_t b, uint64_t c, int rm)
{
	if (unlikely(!fpu_rm_host(r, rm)))
		return fpu_op_slow(r, FPU_FNMSUB_D, a, b, c, rm);
	return fpu_fma_result_d(r, a, b,
				fpu_fma_host_d(-fpu_d(a), fpu_d(b), fpu_d(c)));
}

static inline uint64_t
fnmadd_d(struct pt_regs *r, uint64_t a, uint64_t b, uint64_t c, int rm)
{
	if (unlikely(!fpu_rm_host(r, rm)))
		return fpu_op_slow(r, FPU_FNMADD_D, a, b, c, rm);
	return fpu_fma_result_d(r, a, b,
				fpu_fma_host_d(-fpu_d(a), fpu_d(b), -fpu_d(c)));
}

/* ---- sign injection (no flags; singles use their unboxed value) ---- */

static inline uint64_t
fsgnj_s(struct pt_regs *r, uint64_t a, uint64_t b)
{
	(void)r;
	return fpu_box((fpu_unbox(a) & ~FPU_SIGN_S) | (fpu_unbox(b) & FPU_SIGN_S));
}

static inline uint64_t
fsgnjn_s(struct pt_regs *r, uint64_t a, uint64_t b)
{
	(void)r;
	return fpu_box((fpu_unbox(a) & ~FPU_SIGN_S) | (~fpu_unbox(b) & FPU_SIGN_S));
}

static inline uint64_t
fsgnjx_s(struct pt_regs *r, uint64_t a, uint64_t b)
{
	(void)r;
	return fpu_box(fpu_unbox(a) ^ (fpu_unbox(b) & FPU_SIGN_S));
}

static inline uint64_t
fsgnj_d(struct pt_regs *r, uint64_t a, uint64_t b)
{
	(void)r;
	return (a & ~FPU_SIGN_D) | (b & FPU_SIGN_D);
}

static inline uint64_t
fsgnjn_d(struct pt_regs *r, uint64_t a, uint64_t b)
{
	(void)r;
	return (a & ~FPU_SIGN_D) | (~b & FPU_SIGN_D);
}

static inline uint64_t
fsgnjx_d(struct pt_regs *r, uint64_t a, uint64_t b)
{
	(void)r;
	return a ^ (b & FPU_SIGN_D);
}

/* ---- min, max, comparisons: integer compares, so x86's minsd/comisd
 * rules (second operand on NaN, invalid on quiet NaNs) never apply ---- */

/* A signed integer ordered as the float is: -0 < +0, NaNs excluded. */
static inline int64_t
fpu_order_d(uint64_t v)
{
	int64_t i = (int64_t)v;

	return i ^ ((i >> 63) & INT64_MAX);
}

static inline int32_t
fpu_order_s(uint32_t v)
{
	int32_t i = (int32_t)v;

	return i ^ ((i >> 31) & INT32_MAX);
}

/* minimumNumber/maximumNumber (spec 11.6, v2.2+): one NaN gives the other
 * operand, two give the canonical NaN, a signaling NaN raises NV. */
static inline uint64_t
fpu_minmax_nan_d(struct pt_regs *r, uint64_t a, uint64_t b)
{
	if (fpu_issnan_d(a) || fpu_issnan_d(b))
		r->fflags |= FPU_NV;
	return fpu_isnan_d(a) ? (fpu_isnan_d(b) ? FPU_CANON_D : b) : a;
}

static inline uint64_t
fpu_minmax_nan_s(struct pt_regs *r, uint32_t x, uint32_t y)
{
	if (fpu_issnan_s(x) || fpu_issnan_s(y))
		r->fflags |= FPU_NV;
	return fpu_isnan_s(x) ? (fpu_isnan_s(y) ? FPU_CANON_S : fpu_box(y)) : fpu_box(x);
}

static inline uint64_t
fmin_d(struct pt_regs *r, uint64_t a, uint64_t b)
{
	if (unlikely(fpu_isnan_d(a) || fpu_isnan_d(b)))
		return fpu_minmax_nan_d(r, a, b);
	return fpu_order_d(a) < fpu_order_d(b) ? a : b;
}

static inline uint64_t
fmax_d(struct pt_regs *r, uint64_t a, uint64_t b)
{
	if (unlikely(fpu_isnan_d(a) || fpu_isnan_d(b)))
		return fpu_minmax_nan_d(r, a, b);
	return fpu_order_d(a) > fpu_order_d(b) ? a : b;
}

static inline uint64_t
fmin_s(struct pt_regs *r, uint64_t a, uint64_t b)
{
	uint32_t x = fpu_unbox(a), y = fpu_unbox(b);

	if (unlikely(fpu_isnan_s(x) || fpu_isnan_s(y)))
		return fpu_minmax_nan_s(r, x, y);
	return fpu_box(fpu_order_s(x) < fpu_order_s(y) ? x : y);
}

static inline uint64_t
fmax_s(struct pt_regs *r, uint64_t a, uint64_t b)
{
	uint32_t x = fpu_unbox(a), y = fpu_unbox(b);

	if (unlikely(fpu_isnan_s(x) || fpu_isnan_s(y)))
		return fpu_minmax_nan_s(r, x, y);
	return fpu_box(fpu_order_s(x) > fpu_order_s(y) ? x : y);
}

/* feq is a quiet comparison (NV only for a signaling NaN), flt and fle are
 * signaling (NV for any NaN); a NaN operand makes all three false. */
static inline uint64_t
fpu_eq(uint64_t a, uint64_t b, uint64_t sign)
{
	return a == b || !((a | b) & ~sign);
}

static inline uint64_t
fpu_lt(int64_t ka, int64_t kb, uint64_t a, uint64_t b, uint64_t sign)
{
	return ka < kb && ((a | b) & ~sign);
}

static inline uint64_t
fpu_le(int64_t ka, int64_t kb, uint64_t a, uint64_t b, uint64_t sign)
{
	return ka <= kb || !((a | b) & ~sign);
}

static inline uint64_t
feq_d(struct pt_regs *r, uint64_t a, uint64_t b)
{
	if (unlikely(fpu_isnan_d(a) || fpu_isnan_d(b))) {
		if (fpu_issnan_d(a) || fpu_issnan_d(b))
			r->fflags |= FPU_NV;
		return 0;
	}
	return fpu_eq(a, b, FPU_SIGN_D);
}

static inline uint64_t
flt_d(struct pt_regs *r, uint64_t a, uint64_t b)
{
	if (unlikely(fpu_isnan_d(a) || fpu_isnan_d(b))) {
		r->fflags |= FPU_NV;
		return 0;
	}
	return fpu_lt(fpu_order_d(a), fpu_order_d(b), a, b, FPU_SIGN_D);
}

static inline uint64_t
fle_d(struct pt_regs *r, uint64_t a, uint64_t b)
{
	if (unlikely(fpu_isnan_d(a) || fpu_isnan_d(b))) {
		r->fflags |= FPU_NV;
		return 0;
	}
	return fpu_le(fpu_order_d(a), fpu_order_d(b), a, b, FPU_SIGN_D);
}

static inline uint64_t
feq_s(struct pt_regs *r, uint64_t a, uint64_t b)
{
	uint32_t x = fpu_unbox(a), y = fpu_unbox(b);

	if (unlikely(fpu_isnan_s(x) || fpu_isnan_s(y))) {
		if (fpu_issnan_s(x) || fpu_issnan_s(y))
			r->fflags |= FPU_NV;
		return 0;
	}
	return fpu_eq(x, y, FPU_SIGN_S);
}

static inline uint64_t
flt_s(struct pt_regs *r, uint64_t a, uint64_t b)
{
	uint32_t x = fpu_unbox(a), y = fpu_unbox(b);

	if (unlikely(fpu_isnan_s(x) || fpu_isnan_s(y))) {
		r->fflags |= FPU_NV;
		return 0;
	}
	return fpu_lt(fpu_order_s(x), fpu_order_s(y), x, y, FPU_SIGN_S);
}

static inline uint64_t
fle_s(struct pt_regs *r, uint64_t a, uint64_t b)
{
	uint32_t x = fpu_unbox(a), y = fpu_unbox(b);

	if (unlikely(fpu_isnan_s(x) || fpu_isnan_s(y))) {
		r->fflags |= FPU_NV;
		return 0;
	}
	return fpu_le(fpu_order_s(x), fpu_order_s(y), x, y, FPU_SIGN_S);
}

/* ---- fclass: one of ten bits (spec table 11.5) ---- */

static inline uint64_t
fpu_class(bool neg, bool exp_max, bool exp_zero, bool frac_zero, bool quiet)
{
	if (exp_max)
		return frac_zero ? (neg ? 1u << 0 : 1u << 7) :
		       quiet ? 1u << 9 : 1u << 8;
	if (exp_zero)
		return frac_zero ? (neg ? 1u << 3 : 1u << 4) :
		       neg ? 1u << 2 : 1u << 5;
	return neg ? 1u << 1 : 1u << 6;
}

static inline uint64_t
fclass_s(struct pt_regs *r, uint64_t a)
{
	uint32_t v = fpu_unbox(a), e = (v >> 23) & 0xff;

	(void)r;
	return fpu_class(v >> 31, e == 0xff, e == 0, !(v & 0x7fffff),
			 v & 0x400000);
}

static inline uint64_t
fclass_d(struct pt_regs *r, uint64_t a)
{
	uint64_t e = (a >> 52) & 0x7ff;

	(void)r;
	return fpu_class(a >> 63, e == 0x7ff, e == 0, !(a & 0xfffffffffffffULL),
			 a & 0x8000000000000ULL);
}

/* ---- conversions to integers ----
 * Fast path: truncation (C casts compile to rtz) of a value whose result is
 * in range; cvttsd2si raises PE exactly when the value was not an integer.
 * Everything else, including all saturation, is fpu_to_int_slow(). */

static inline uint64_t
fcvt_w_d(struct pt_regs *r, uint64_t a, int rm)
{
	/* -2^31-1 < x < 2^31 */
	if (likely(fpu_rm_rtz(r, rm) && (a >> 63 ? a < 0xc1e0000000200000ULL :
						   a < 0x41e0000000000000ULL)))
		return (uint64_t)(int64_t)(int32_t)fpu_d(a);
	return fpu_to_int_slow(r, a, rm, FPU_W);
}

static inline uint64_t
fcvt_wu_d(struct pt_regs *r, uint64_t a, int rm)
{
	/* -1 < x < 2^32; a negative x truncates to 0 (inexact, not invalid) */
	if (likely(fpu_rm_rtz(r, rm) && (a >> 63 ? a < 0xbff0000000000000ULL :
						   a < 0x41f0000000000000ULL)))
		return (uint64_t)(int64_t)(int32_t)(uint32_t)(int64_t)fpu_d(a);
	return fpu_to_int_slow(r, a, rm, FPU_WU);
}

static inline uint64_t
fcvt_l_d(struct pt_regs *r, uint64_t a, int rm)
{
	/* -2^63 <= x < 2^63 */
	if (likely(fpu_rm_rtz(r, rm) && (a >> 63 ? a <= 0xc3e0000000000000ULL :
						   a < 0x43e0000000000000ULL)))
		return (uint64_t)(int64_t)fpu_d(a);
	return fpu_to_int_slow(r, a, rm, FPU_L);
}

static inline uint64_t
fcvt_lu_d(struct pt_regs *r, uint64_t a, int rm)
{
	/* -1 < x < 2^64; from 2^63 on x is an integer and x - 2^63 exact */
	if (likely(fpu_rm_rtz(r, rm) && (a >> 63 ? a < 0xbff0000000000000ULL :
						   a < 0x43f0000000000000ULL))) {
		if (a < 0x43e0000000000000ULL || a >> 63)
			return (uint64_t)(int64_t)fpu_d(a);
		return (uint64_t)(int64_t)(fpu_d(a) - 0x1p63) ^ FPU_SIGN_D;
	}
	return fpu_to_int_slow(r, a, rm, FPU_LU);
}

/* A single widens to double exactly (a signaling NaN raises NV, which the
 * conversion of a NaN raises anyway). */
static inline uint64_t
fpu_widen(uint64_t a)
{
	return fpu_bits_d((double)fpu_s(a));
}

static inline uint64_t
fcvt_w_s(struct pt_regs *r, uint64_t a, int rm)
{
	return fcvt_w_d(r, fpu_widen(a), rm);
}

static inline uint64_t
fcvt_wu_s(struct pt_regs *r, uint64_t a, int rm)
{
	return fcvt_wu_d(r, fpu_widen(a), rm);
}

static inline uint64_t
fcvt_l_s(struct pt_regs *r, uint64_t a, int rm)
{
	return fcvt_l_d(r, fpu_widen(a), rm);
}

static inline uint64_t
fcvt_lu_s(struct pt_regs *r, uint64_t a, int rm)
{
	return fcvt_lu_d(r, fpu_widen(a), rm);
}

/* ---- conversions from integers ----
 * cvtsi2sd/cvtsi2ss round in the host mode. An integer the format holds
 * exactly needs no rounding mode at all, so it skips any mode switch. */

static inline double
fpu_u64_to_d(uint64_t v)
{
	double h;

	if ((int64_t)v >= 0)
		return (double)(int64_t)v;
	/* halve with the lost bit kept sticky (round to odd): one rounding */
	h = (double)(int64_t)((v >> 1) | (v & 1));
	return h + h;
}

static inline float
fpu_u64_to_s(uint64_t v)
{
	float h;

	if ((int64_t)v >= 0)
		return (float)(int64_t)v;
	h = (float)(int64_t)((v >> 1) | (v & 1));
	return h + h;
}

static inline uint64_t
fcvt_s_w(struct pt_regs *r, uint64_t a, int rm)
{
	int32_t v = (int32_t)a;

	if (unlikely(!fpu_rm_host(r, rm) && (uint32_t)v + (1u << 24) > (1u << 25)))
		return fpu_op_slow(r, FPU_FCVT_S_W, a, 0, 0, rm);
	return fpu_box(fpu_bits_s((float)v));
}

static inline uint64_t
fcvt_s_wu(struct pt_regs *r, uint64_t a, int rm)
{
	uint32_t v = (uint32_t)a;

	if (unlikely(!fpu_rm_host(r, rm) && v > (1u << 24)))
		return fpu_op_slow(r, FPU_FCVT_S_WU, a, 0, 0, rm);
	return fpu_box(fpu_bits_s((float)(int64_t)v));
}

static inline uint64_t
fcvt_s_l(struct pt_regs *r, uint64_t a, int rm)
{
	if (unlikely(!fpu_rm_host(r, rm) && a + (1ULL << 24) > (1ULL << 25)))
		return fpu_op_slow(r, FPU_FCVT_S_L, a, 0, 0, rm);
	return fpu_box(fpu_bits_s((float)(int64_t)a));
}

static inline uint64_t
fcvt_s_lu(struct pt_regs *r, uint64_t a, int rm)
{
	if (unlikely(!fpu_rm_host(r, rm) && a > (1ULL << 24)))
		return fpu_op_slow(r, FPU_FCVT_S_LU, a, 0, 0, rm);
	return fpu_box(fpu_bits_s(fpu_u64_to_s(a)));
}

static inline uint64_t
fcvt_d_w(struct pt_regs *r, uint64_t a, int rm)
{
	(void)r, (void)rm;	/* exact */
	return fpu_bits_d((double)(int32_t)a);
}

static inline uint64_t
fcvt_d_wu(struct pt_regs *r, uint64_t a, int rm)
{
	(void)r, (void)rm;	/* exact */
	return fpu_bits_d((double)(uint32_t)a);
}

static inline uint64_t
fcvt_d_l(struct pt_regs *r, uint64_t a, int rm)
{
	if (unlikely(!fpu_rm_host(r, rm) && a + (1ULL << 53) > (1ULL << 54)))
		return fpu_op_slow(r, FPU_FCVT_D_L, a, 0, 0, rm);
	return fpu_bits_d((double)(int64_t)a);
}

static inline uint64_t
fcvt_d_lu(struct pt_regs *r, uint64_t a, int rm)
{
	if (unlikely(!fpu_rm_host(r, rm) && a > (1ULL << 53)))
		return fpu_op_slow(r, FPU_FCVT_D_LU, a, 0, 0, rm);
	return fpu_bits_d(fpu_u64_to_d(a));
}

/* ---- conversions between formats ---- */

static inline uint64_t
fcvt_s_d(struct pt_regs *r, uint64_t a, int rm)
{
	if (unlikely(!fpu_rm_host(r, rm)))
		return fpu_op_slow(r, FPU_FCVT_S_D, a, 0, 0, rm);
	return fpu_canon_s((float)fpu_d(a));
}

static inline uint64_t
fcvt_d_s(struct pt_regs *r, uint64_t a, int rm)
{
	(void)r, (void)rm;	/* exact */
	return fpu_canon_d((double)fpu_s(a));
}

/* ---- moves (bit patterns, no flags, no unboxing) ---- */

static inline uint64_t
fmv_x_w(struct pt_regs *r, uint64_t a)
{
	(void)r;
	return (uint64_t)(int64_t)(int32_t)(uint32_t)a;
}

static inline uint64_t
fmv_w_x(struct pt_regs *r, uint64_t a)
{
	(void)r;
	return fpu_box((uint32_t)a);
}

static inline uint64_t
fmv_x_d(struct pt_regs *r, uint64_t a)
{
	(void)r;
	return a;
}

static inline uint64_t
fmv_d_x(struct pt_regs *r, uint64_t a)
{
	(void)r;
	return a;
}

#endif
