/* The F and D extensions, slow paths: ops whose static rounding mode is not
 * the one the host is in, the RMM rounding mode that x86 lacks, and
 * float-to-integer conversions other than in-range truncations.
 * fpu.h has the fast paths and the overview. */
#include "arch/riscv64/fpu.h"

/* Run op with the dynamic rounding mode, i.e. in whatever mode the host is
 * in. Every op's semantics lives in its fpu.h function; this only calls it. */
static uint64_t
fpu_op_dyn(struct pt_regs *r, enum fpu_op op, uint64_t a, uint64_t b, uint64_t c)
{
	const int dyn = FPU_RM_DYN;

	switch (op) {
	case FPU_FADD_S:	return fadd_s(r, a, b, dyn);
	case FPU_FSUB_S:	return fsub_s(r, a, b, dyn);
	case FPU_FMUL_S:	return fmul_s(r, a, b, dyn);
	case FPU_FDIV_S:	return fdiv_s(r, a, b, dyn);
	case FPU_FSQRT_S:	return fsqrt_s(r, a, dyn);
	case FPU_FADD_D:	return fadd_d(r, a, b, dyn);
	case FPU_FSUB_D:	return fsub_d(r, a, b, dyn);
	case FPU_FMUL_D:	return fmul_d(r, a, b, dyn);
	case FPU_FDIV_D:	return fdiv_d(r, a, b, dyn);
	case FPU_FSQRT_D:	return fsqrt_d(r, a, dyn);
	case FPU_FMADD_S:	return fmadd_s(r, a, b, c, dyn);
	case FPU_FMSUB_S:	return fmsub_s(r, a, b, c, dyn);
	case FPU_FNMSUB_S:	return fnmsub_s(r, a, b, c, dyn);
	case FPU_FNMADD_S:	return fnmadd_s(r, a, b, c, dyn);
	case FPU_FMADD_D:	return fmadd_d(r, a, b, c, dyn);
	case FPU_FMSUB_D:	return fmsub_d(r, a, b, c, dyn);
	case FPU_FNMSUB_D:	return fnmsub_d(r, a, b, c, dyn);
	case FPU_FNMADD_D:	return fnmadd_d(r, a, b, c, dyn);
	case FPU_FCVT_S_D:	return fcvt_s_d(r, a, dyn);
	case FPU_FCVT_S_W:	return fcvt_s_w(r, a, dyn);
	case FPU_FCVT_S_WU:	return fcvt_s_wu(r, a, dyn);
	case FPU_FCVT_S_L:	return fcvt_s_l(r, a, dyn);
	case FPU_FCVT_S_LU:	return fcvt_s_lu(r, a, dyn);
	case FPU_FCVT_D_L:	return fcvt_d_l(r, a, dyn);
	case FPU_FCVT_D_LU:	return fcvt_d_lu(r, a, dyn);
	}
	__builtin_unreachable();
}

/* Run op rounding as mode (0..3) says: MXCSR switched around the op, and
 * frm pretending to be mode meanwhile so the op takes its fast path.
 *
 * The empty asms make the operands come out of, and the result go into,
 * asms ordered after the switch and before the switch back: without them
 * the compiler could hoist or sink the op across ldmxcsr.
 *
 * With op_flags, the op runs with clean host flags and *op_flags gets the
 * ones it raised alone (all of them still reach the task's fflags). */
static uint64_t
fpu_in_mode(struct pt_regs *r, enum fpu_op op, uint64_t a, uint64_t b,
	    uint64_t c, uint32_t mode, uint32_t *op_flags)
{
	uint32_t frm = r->frm, old = fpu_stmxcsr(), now;
	uint64_t res;

	fpu_ldmxcsr((old & ~(MXCSR_RC | (op_flags ? MXCSR_FLAGS : 0))) |
		    fpu_host_rc(mode));
	r->frm = mode;
	__asm__ volatile("" : "+r"(a), "+r"(b), "+r"(c) : : "memory");
	res = fpu_op_dyn(r, op, a, b, c);
	__asm__ volatile("" : "+r"(res) : : "memory");
	now = fpu_stmxcsr();
	fpu_ldmxcsr(old | (now & MXCSR_FLAGS));
	r->frm = frm;
	if (op_flags)
		*op_flags = now & MXCSR_FLAGS;
	return res;
}

/* ---- RMM ----
 * RMM and RNE differ only when the exact result lies exactly halfway between
 * two neighbours and RNE picked the one nearer zero. Everything else agrees:
 * the same results are exact, overflow has the same threshold (the halfway
 * point above the largest finite number rounds up in both), and tininess
 * after rounding is the same (when 2^emin is the upper neighbour of a tie
 * it is the even one, so RNE picks it too). So an op in RMM runs in RNE on
 * the host for its flags and its special results, and only when that was
 * inexact and finite is the value recomputed exactly from the operands with
 * integer arithmetic, then rounded ties-away. */

/* An exact finite value (-1)^neg * mant * 2^exp; sticky: more nonzero bits
 * below mant's last one (a value strictly between mant and mant + 1). */
struct fpu_exact {
	bool neg;
	bool sticky;
	int exp;
	unsigned __int128 mant;
};

/* A binary interchange format: precision, exponent of the smallest
 * subnormal, fraction width and sign position. */
struct fpu_format {
	int prec;
	int qmin;
	int frac_bits;
	int sign_bit;
};

static const struct fpu_format fmt_s = { 24, -149, 23, 31 };
static const struct fpu_format fmt_d = { 53, -1074, 52, 63 };

static int
bitlen128(unsigned __int128 v)
{
	uint64_t hi = (uint64_t)(v >> 64), lo = (uint64_t)v;

	if (hi)
		return 128 - __builtin_clzll(hi);
	return lo ? 64 - __builtin_clzll(lo) : 0;
}

/* Shift a nonzero mant left (exactly) until its top bit is bit `top`. */
static void
normalize(struct fpu_exact *v, int top)
{
	int k = top + 1 - bitlen128(v->mant);

	v->mant <<= k;
	v->exp -= k;
}

/* A finite register value of format f. */
static struct fpu_exact
unpack(uint64_t bits, const struct fpu_format *f)
{
	uint64_t frac = bits & ((1ULL << f->frac_bits) - 1);
	uint32_t emask = (1U << (f->sign_bit - f->frac_bits)) - 1;
	int e = (int)((bits >> f->frac_bits) & emask);
	struct fpu_exact v = { .neg = (bits >> f->sign_bit) & 1 };

	v.mant = e ? frac | 1ULL << f->frac_bits : frac;
	v.exp = (e ? e - 1 : 0) + f->qmin;
	return v;
}

static struct fpu_exact
exact_int(int64_t i)
{
	struct fpu_exact v = { .neg = i < 0, .mant = i < 0 ? -(uint64_t)i : (uint64_t)i };

	return v;
}

static struct fpu_exact
exact_uint(uint64_t u)
{
	struct fpu_exact v = { .mant = u };

	return v;
}

static struct fpu_exact
exact_mul(struct fpu_exact x, struct fpu_exact y)
{
	struct fpu_exact v = { .neg = x.neg ^ y.neg, .exp = x.exp + y.exp,
			       .mant = x.mant * y.mant };

	return v;
}

/* x / y for nonzero finite operands: a quotient of at least 74 bits and
 * the remainder as sticky. */
static struct fpu_exact
exact_div(struct fpu_exact x, struct fpu_exact y)
{
	struct fpu_exact v = { .neg = x.neg ^ y.neg };
	int k = 127 - bitlen128(x.mant);
	unsigned __int128 num = x.mant << k;
	uint64_t den = (uint64_t)y.mant;

	v.mant = num / den;
	v.sticky = num % den != 0;
	v.exp = x.exp - k - y.exp;
	return v;
}

/* x + y for operands of at most 106 bits (a product of two doubles). Both
 * are put at bit 125, so they keep at least 19 zero bits at the bottom: bits
 * fall off the smaller one only when it is 20+ binades lower, and then the
 * sum keeps its top bit at 124 or above (little cancellation). */
static struct fpu_exact
exact_add(struct fpu_exact x, struct fpu_exact y)
{
	struct fpu_exact t;
	unsigned __int128 ym;
	bool st;
	int d;

	if (!y.mant)
		return x;
	if (!x.mant)
		return y;
	normalize(&x, 125);
	normalize(&y, 125);
	if (x.exp < y.exp || (x.exp == y.exp && x.mant < y.mant)) {
		t = x;
		x = y;
		y = t;
	}
	d = x.exp - y.exp;
	ym = d < 128 ? y.mant >> d : 0;
	st = d >= 128 || (d > 0 && (y.mant << (128 - d)) != 0);
	if (x.neg == y.neg)
		x.mant += ym;
	else	/* x - (ym + frac) = (x - ym - 1) + (1 - frac) */
		x.mant -= ym + st;
	x.sticky = st;
	return x;
}

/* Round v to format f, ties away from zero. v is normalized to bit 126, so
 * at least 127 - prec >= 74 bits go below the kept ones; the sticky part
 * lies below the lowest of them (normalizing shifted it left by at most 53
 * bits) and cannot decide a rounding: rem + sticky >= half iff rem >= half.
 * Overflow gives infinity (the host result said it would not happen). */
static uint64_t
round_rmm(struct fpu_exact v, const struct fpu_format *f)
{
	const unsigned __int128 one = 1;
	uint64_t sign = (uint64_t)v.neg << f->sign_bit, kept = 0, bits;
	uint64_t inf = ((1ULL << (f->sign_bit - f->frac_bits)) - 1) << f->frac_bits;
	int q, shift;

	if (!v.mant)
		return sign;
	normalize(&v, 126);
	q = v.exp + 127 - f->prec;
	if (q < f->qmin)
		q = f->qmin;
	shift = q - v.exp;
	if (shift <= 127) {
		kept = (uint64_t)(v.mant >> shift);
		kept += (v.mant & ((one << shift) - 1)) >= one << (shift - 1);
	}
	if (q - f->qmin >= (int)(inf >> f->frac_bits))
		return sign | inf;
	/* the hidden bit carries into the exponent field, as does rounding up */
	bits = ((uint64_t)(q - f->qmin) << f->frac_bits) + kept;
	return sign | (bits < inf ? bits : inf);
}

static uint64_t
fpu_rmm_s(enum fpu_op op, uint64_t a, uint64_t b, uint64_t c)
{
	const struct fpu_format *f = &fmt_s;
	struct fpu_exact x = unpack((uint32_t)a, f), y = unpack((uint32_t)b, f);
	struct fpu_exact z = unpack((uint32_t)c, f), v;

	switch (op) {
	case FPU_FADD_S:	v = exact_add(x, y); break;
	case FPU_FSUB_S:	y.neg ^= 1; v = exact_add(x, y); break;
	case FPU_FMUL_S:	v = exact_mul(x, y); break;
	case FPU_FDIV_S:	v = exact_div(x, y); break;
	case FPU_FMADD_S:	v = exact_add(exact_mul(x, y), z); break;
	case FPU_FMSUB_S:	z.neg ^= 1; v = exact_add(exact_mul(x, y), z); break;
	case FPU_FNMSUB_S:	x.neg ^= 1; v = exact_add(exact_mul(x, y), z); break;
	case FPU_FNMADD_S:	x.neg ^= 1; z.neg ^= 1;
				v = exact_add(exact_mul(x, y), z); break;
	case FPU_FCVT_S_D:	v = unpack(a, &fmt_d); break;
	case FPU_FCVT_S_W:	v = exact_int((int32_t)a); break;
	case FPU_FCVT_S_WU:	v = exact_uint((uint32_t)a); break;
	case FPU_FCVT_S_L:	v = exact_int((int64_t)a); break;
	case FPU_FCVT_S_LU:	v = exact_uint(a); break;
	default:		__builtin_unreachable();
	}
	return fpu_box((uint32_t)round_rmm(v, f));
}

static uint64_t
fpu_rmm_d(enum fpu_op op, uint64_t a, uint64_t b, uint64_t c)
{
	const struct fpu_format *f = &fmt_d;
	struct fpu_exact x = unpack(a, f), y = unpack(b, f), z = unpack(c, f), v;

	switch (op) {
	case FPU_FADD_D:	v = exact_add(x, y); break;
	case FPU_FSUB_D:	y.neg ^= 1; v = exact_add(x, y); break;
	case FPU_FMUL_D:	v = exact_mul(x, y); break;
	case FPU_FDIV_D:	v = exact_div(x, y); break;
	case FPU_FMADD_D:	v = exact_add(exact_mul(x, y), z); break;
	case FPU_FMSUB_D:	z.neg ^= 1; v = exact_add(exact_mul(x, y), z); break;
	case FPU_FNMSUB_D:	x.neg ^= 1; v = exact_add(exact_mul(x, y), z); break;
	case FPU_FNMADD_D:	x.neg ^= 1; z.neg ^= 1;
				v = exact_add(exact_mul(x, y), z); break;
	case FPU_FCVT_D_L:	v = exact_int((int64_t)a); break;
	case FPU_FCVT_D_LU:	v = exact_uint(a); break;
	default:		__builtin_unreachable();
	}
	return round_rmm(v, f);
}

static bool
fpu_op_single(enum fpu_op op)
{
	return op <= FPU_FSQRT_S || (op >= FPU_FMADD_S && op <= FPU_FNMADD_S) ||
	       op == FPU_FCVT_S_D || (op >= FPU_FCVT_S_W && op <= FPU_FCVT_S_LU);
}

/* op in RMM. A square root is never exactly halfway (its square would need
 * more bits than the operand has), so RNE's result is RMM's. */
static uint64_t
fpu_rmm(struct pt_regs *r, enum fpu_op op, uint64_t a, uint64_t b, uint64_t c)
{
	uint32_t flags;
	uint64_t res = fpu_in_mode(r, op, a, b, c, FPU_RM_RNE, &flags);
	bool single = fpu_op_single(op);
	uint64_t mag = single ? (uint32_t)res & ~FPU_SIGN_S : res & ~FPU_SIGN_D;

	if (!(flags & MXCSR_PE) || op == FPU_FSQRT_S || op == FPU_FSQRT_D)
		return res;
	if (mag == (single ? 0x7f800000U : 0x7ff0000000000000ULL))
		return res;	/* overflow */
	return single ? fpu_rmm_s(op, a, b, c) : fpu_rmm_d(op, a, b, c);
}

/* op rounding as rm says, when the host is not in that mode (fpu_rm_host()
 * is false). rm must be valid (fpu_rm_valid()). */
uint64_t
fpu_op_slow(struct pt_regs *r, enum fpu_op op, uint64_t a, uint64_t b,
	    uint64_t c, int rm)
{
	uint32_t mode = rm == FPU_RM_DYN ? r->frm : (uint32_t)rm;

	if (mode == FPU_RM_RMM)
		return fpu_rmm(r, op, a, b, c);
	return fpu_in_mode(r, op, a, b, c, mode < FPU_RM_RMM ? mode : FPU_RM_RNE,
			   NULL);
}

/* ---- float to integer ----
 * fcvt.{w,wu,l,lu}.d (singles arrive widened to double) in any rounding
 * mode, in integer arithmetic, with the spec's saturation (table 11.4):
 * NaN and too large give the largest value, too small the smallest (0 for
 * unsigned), all with NV and without NX; an in-range inexact result gives NX.
 * Rounding comes first: an unsigned conversion of a negative value that
 * rounds to 0 is valid (NX only). */

/* Does the magnitude round away from zero? cmp: the dropped fraction
 * against one half (<0, 0, >0); inexact: it is nonzero. */
static bool
round_up(uint32_t mode, bool neg, uint64_t ip, int cmp, bool inexact)
{
	switch (mode) {
	case FPU_RM_RNE:	return cmp > 0 || (cmp == 0 && (ip & 1));
	case FPU_RM_RDN:	return neg && inexact;
	case FPU_RM_RUP:	return !neg && inexact;
	case FPU_RM_RMM:	return cmp >= 0;
	default:		return false;	/* RTZ */
	}
}

/* The step (-1, 0, +1) from trunc(x) to x rounded as mode says, given the
 * exact fraction x - trunc(x) (never a NaN, so the compares raise nothing). */
static int64_t
round_step(uint32_t mode, double frac, int64_t t)
{
	switch (mode) {
	case FPU_RM_RNE:
		if (frac == 0.5 || frac == -0.5)
			return (t & 1) ? (frac > 0 ? 1 : -1) : 0;
		return frac > 0.5 ? 1 : frac < -0.5 ? -1 : 0;
	case FPU_RM_RDN:	return frac < 0 ? -1 : 0;
	case FPU_RM_RUP:	return frac > 0 ? 1 : 0;
	case FPU_RM_RMM:	return frac >= 0.5 ? 1 : frac <= -0.5 ? -1 : 0;
	default:		return 0;	/* RTZ */
	}
}

uint64_t
fpu_to_int_slow(struct pt_regs *r, uint64_t a, int rm, enum fpu_int kind)
{
	static const uint64_t max[] = { INT32_MAX, UINT32_MAX, INT64_MAX, UINT64_MAX };
	static const uint64_t min_mag[] = { 1ULL << 31, 0, 1ULL << 63, 0 };
	/* below these (as bits; unsigned: and not negative) every rounding of
	 * x is in range: 2^31 - 1, 2^32 - 1, 2^63, 2^63 */
	static const uint64_t safe[] = { 0x41dfffffffc00000ULL, 0x41efffffffc00000ULL,
					 0x43e0000000000000ULL, 0x43e0000000000000ULL };
	uint32_t mode = rm == FPU_RM_DYN ? r->frm : (uint32_t)rm;
	bool neg = a >> 63, inexact = false, big = false;
	struct fpu_exact v;
	uint64_t ip = 0, res;
	int cmp = -1;

	/* The common case (floor, ceil, lround, lrint): cvttsd2si raises PE
	 * exactly when x is not an integer, and x - trunc(x) is exact. */
	if ((kind == FPU_W || kind == FPU_L ? a & ~FPU_SIGN_D : a) < safe[kind]) {
		double x = fpu_d(a);
		int64_t t = (int64_t)x;

		res = (uint64_t)(t + round_step(mode, x - (double)t, t));
		if (kind == FPU_W || kind == FPU_WU)
			res = (uint64_t)(int64_t)(int32_t)res;
		return res;
	}
	if (fpu_isnan_d(a)) {
		neg = false;
		big = true;
	} else if ((a & ~FPU_SIGN_D) == 0x7ff0000000000000ULL) {
		big = true;
	} else if (a & ~FPU_SIGN_D) {
		v = unpack(a, &fmt_d);
		if (v.exp >= 0) {
			big = v.exp > 11;	/* >= 2^64 */
			ip = big ? 0 : (uint64_t)v.mant << v.exp;
		} else if (v.exp > -64) {
			uint64_t m = (uint64_t)v.mant, frac = m & ((1ULL << -v.exp) - 1);
			uint64_t half = 1ULL << (-v.exp - 1);

			ip = m >> -v.exp;
			inexact = frac != 0;
			cmp = frac < half ? -1 : frac > half;
		} else {
			inexact = true;	/* below 2^53 * 2^-64 < 1/2 */
		}
		ip += round_up(mode, neg, ip, cmp, inexact);
	}
	if (!big)
		big = neg ? ip > min_mag[kind] : ip > max[kind];
	if (big) {
		r->fflags |= FPU_NV;
		res = neg ? -min_mag[kind] : max[kind];
	} else {
		if (inexact)
			r->fflags |= FPU_NX;
		res = neg ? -ip : ip;
	}
	if (kind == FPU_W || kind == FPU_WU)
		res = (uint64_t)(int64_t)(int32_t)res;
	return res;
}
