/*
 * float_printf — double formatting and parsing, rounding modes and exception
 * flags: the processor's floating point (riscv64 F and D) as glibc sees it.
 *
 * Only what IEEE 754 and glibc define exactly on every architecture: printf and
 * strtod (exact decimal conversion in glibc), +, -, *, /, sqrt, fma, conversions,
 * rint and friends. Not used: long double (80-bit on x86_64, 128-bit on riscv64),
 * transcendental functions (may differ in the last place between the two libms),
 * NaNs made by arithmetic (x86_64's default NaN is negative, riscv64's canonical
 * NaN positive: only isnan() of them is printed), out-of-range float-to-integer
 * conversions (x86_64 gives INT_MIN, riscv64 saturates) and trap enabling.
 * The runner builds with -ffp-contract=off so that a*b+c is never fused, and with
 * -frounding-math so that GCC does not rewrite rint(-x) as -rint(x) and the like,
 * which is only right in the default mode (and which it does on x86_64 and not on
 * riscv64). Operands are volatile so that GCC computes at run time.
 */
#define _GNU_SOURCE
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "lib/check.h"

static uint64_t
bits_of(double d)
{
	uint64_t u;

	memcpy(&u, &d, sizeof(u));
	return u;
}

static double
double_of(uint64_t u)
{
	double d;

	memcpy(&d, &u, sizeof(d));
	return d;
}

/* 64-bit LCG (Knuth's MMIX constants): the same numbers on every platform. */
static uint64_t lcg_state = 0x243f6a8885a308d3ULL;

static uint64_t
lcg_next(void)
{
	lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return lcg_state;
}

static uint64_t
fnv1a(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

static void
test_printf_formats(void)
{
	static const char *const formats[] = {
		"%a", "%.17g", "%e", "%f", "%.0f", "%.3e", "%g", "%+.10g", "%20.5f", "%-14.3a|",
	};
	const double values[] = {
		0.0, -0.0, 1.0, -1.5, 0.1, 1.0 / 3.0, 0.5, 1.5, 2.5, -2.5, 1e21, 1e-7,
		123456789.125, 9007199254740993.0, DBL_MAX, DBL_MIN, DBL_TRUE_MIN,
		DBL_EPSILON, 0x1.fffffffffffffp-1, 5e-324 * 3, 1e100, 299792458.0,
		(double)0.1f, (double)FLT_MAX, (double)FLT_MIN, INFINITY, -INFINITY,
		__builtin_nan(""), -__builtin_nan(""),
	};
	char line[512];
	unsigned i, f;

	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		int pos = snprintf(line, sizeof(line), "printf %016llx:",
				   (unsigned long long)bits_of(values[i]));

		for (f = 0; f < sizeof(formats) / sizeof(formats[0]) && pos < (int)sizeof(line); f++) {
			line[pos++] = ' ';
			pos += snprintf(line + pos, sizeof(line) - pos, formats[f], values[i]);
		}
		printf("%s\n", line);
	}
	snprintf(line, sizeof(line), "%.60f", 0.1);
	check_str("printf_exact_0_1", line,
		  "0.100000000000000005551115123125782702118158340454101562500000");
	snprintf(line, sizeof(line), "%.0f %.0f %.0f %.0f", 0.5, 1.5, 2.5, 3.5);
	check_str("printf_ties_to_even", line, "0 2 2 4");
	snprintf(line, sizeof(line), "%a", 1.0);
	check_str("printf_a_one", line, "0x1p+0");
	snprintf(line, sizeof(line), "%g %g", 100000.0, 1000000.0);
	check_str("printf_g_switch", line, "100000 1e+06");
	snprintf(line, sizeof(line), "%.17g", DBL_TRUE_MIN);
	check_str("printf_min_subnormal", line, "4.9406564584124654e-324");
}

static void
test_strtod(void)
{
	static const char *const inputs[] = {
		"0x1p-1074", "0x1p-1075", "0x1.8p-1074", "0x1.0000000000001p-1075",
		"4.9406564584124654e-324", "2.4703282292062327e-324",
		"2.4703282292062328e-324", "1e400", "-1e400", "1e-400", "nan", "-nan",
		"nan(123)", "-inf", "infinity", "INF", "  +1.5x", "0x1.fffffffffffffp1023",
		"0x1.fffffffffffff7p1023", "0x1.fffffffffffff8p1023",
		"1.7976931348623157e308", "1.7976931348623158e308",
		"1.7976931348623159e308", "9007199254740993", "9007199254740995", "0.1",
		"2.2250738585072011e-308", "2.2250738585072012e-308", "1e23",
		"8.988465674311579e307", "123456789012345678901234567890",
		"1.00000000000000011102230246251565404236316680908203125",
		"1.00000000000000011102230246251565404236316680908203126",
		"0.000000000000000000000000000000000000000001e40", "", "abc", ".", "0x",
		"1e", "-0", "0e9999999999", "1e-9999999999", "0x.8p1", "1_000",
	};
	unsigned i;

	for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		char *end;
		double d;
		int err;

		errno = 0;
		d = strtod(inputs[i], &end);
		err = errno;
		printf("strtod \"%s\": %a bits %016llx errno %s consumed %d\n", inputs[i], d,
		       (unsigned long long)bits_of(d), errno_name(err), (int)(end - inputs[i]));
	}
	check_long("strtod_halfway_min_subnormal_bits", (long)bits_of(strtod("0x1p-1075", NULL)), 0);
	check_long("strtod_above_halfway_bits", (long)bits_of(strtod("0x1.0000000000001p-1075", NULL)), 1);
	check("strtod_ties_to_even", strtod("9007199254740993", NULL) == 9007199254740992.0,
	      "2^53+1 parses as 2^53: %s",
	      yesno(strtod("9007199254740993", NULL) == 9007199254740992.0));
	{
		double d;
		int err;

		errno = 0;
		d = strtod("1e400", NULL);
		err = errno;
		check("strtod_overflow", isinf(d) && err == ERANGE, "1e400 is inf with ERANGE: %s",
		      yesno(isinf(d) && err == ERANGE));
	}
}

/* Print round-trip results: every finite double survives %.17g and %a. */
static void
test_round_trip(void)
{
	uint64_t sum = 0xcbf29ce484222325ULL;
	int n = 0, bad17 = 0, bada = 0, bad15 = 0, badf = 0;
	char buf[64];

	while (n < 3000) {
		uint64_t u = lcg_next();
		double d = double_of(u), back;

		if (!isfinite(d))
			continue;
		n++;
		snprintf(buf, sizeof(buf), "%.17g", d);
		sum = fnv1a(sum, buf);
		back = strtod(buf, NULL);
		bad17 += bits_of(back) != u;
		snprintf(buf, sizeof(buf), "%a", d);
		sum = fnv1a(sum, buf);
		back = strtod(buf, NULL);
		bada += bits_of(back) != u;
	}
	/* Decimals with at most 8 digits, the common case: %.15g round trips them.
	 * m / 10^k is one correctly rounded division (10^k is exact). */
	for (n = 0; n < 1000; n++) {
		static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8 };
		long m = (long)((lcg_next() >> 20) % 100000000);
		double d = (double)m / pow10[(lcg_next() >> 32) % 9];
		float fl = (float)double_of(lcg_next() >> 2);

		snprintf(buf, sizeof(buf), "%.15g", d);
		sum = fnv1a(sum, buf);
		bad15 += strtod(buf, NULL) != d;
		snprintf(buf, sizeof(buf), "%.9g", fl);
		sum = fnv1a(sum, buf);
		badf += isfinite(fl) && strtof(buf, NULL) != fl;
	}
	check_long("round_trip_17g_mismatches", bad17, 0);
	check_long("round_trip_a_mismatches", bada, 0);
	check_long("round_trip_15g_decimal_mismatches", bad15, 0);
	check_long("round_trip_float_9g_mismatches", badf, 0);
	printf("round trip checksum: %016llx\n", (unsigned long long)sum);
}

static const char *
mode_name(int mode)
{
	switch (mode) {
	case FE_TONEAREST: return "FE_TONEAREST";
	case FE_UPWARD: return "FE_UPWARD";
	case FE_DOWNWARD: return "FE_DOWNWARD";
	case FE_TOWARDZERO: return "FE_TOWARDZERO";
	}
	return "?";
}

/* The results of operations that round, in each of the four modes. */
static void
test_rounding_modes(void)
{
	static const int modes[] = { FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO };
	static const double want_rint[][2] = { { 2, -2 }, { 3, -2 }, { 2, -3 }, { 2, -2 } };
	volatile double one = 1.0, three = 3.0, two = 2.0, big = 9007199254740992.0;
	volatile double half = 2.5, tenth = 0.1, ten = 10.0, max = DBL_MAX, tiny = DBL_TRUE_MIN;
	volatile double r[14];
	volatile float f;
	volatile long l;
	char pf[64];
	unsigned i;

	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		int set = fesetround(modes[i]);
		int got = fegetround();

		r[0] = one / three;
		r[1] = -one / three;
		r[2] = big + one;
		r[3] = sqrt(two);
		r[4] = fma(tenth, ten, -one);
		r[5] = rint(half);
		r[6] = rint(-half);
		r[7] = nearbyint(half - one);
		r[8] = nearbyint(-half + one);
		r[9] = max * two;
		r[10] = tiny / two;
		r[11] = strtod("0.1", NULL);
		r[12] = tenth * three;
		r[13] = -tiny / two;
		f = (float)(one / three);
		l = lrint(half);
		snprintf(pf, sizeof(pf), "%.1f %.1f %.1f %.0f", 0.25, 0.35, -0.25, 0.5);
		fesetround(FE_TONEAREST);	/* print in the default mode */
		check(mode_name(modes[i]), set == 0 && got == modes[i] &&
		      r[5] == want_rint[i][0] && r[6] == want_rint[i][1] &&
		      (r[0] > 0x1.5555555555555p-2) == (modes[i] == FE_UPWARD),
		      "fesetround %d, fegetround is %s, rint(+-2.5) %g %g, 1/3 rounded up: %s",
		      set, mode_name(got), r[5], r[6],
		      yesno(r[0] > 0x1.5555555555555p-2));
		printf("  1/3 %a  -1/3 %a  2^53+1 %a  sqrt2 %a  fma(.1,10,-1) %a\n",
		       r[0], r[1], r[2], r[3], r[4]);
		printf("  rint(2.5) %g  rint(-2.5) %g  nearbyint(1.5) %g  nearbyint(-1.5) %g  lrint(2.5) %ld\n",
		       r[5], r[6], r[7], r[8], l);
		printf("  max*2 %a  min/2 %a  -min/2 %a  strtod(0.1) %a  .1*3 %a  (float)(1/3) %a\n",
		       r[9], r[10], r[13], r[11], r[12], (double)f);
		printf("  printf %%.1f 0.25 0.35 -0.25 %%.0f 0.5: %s\n", pf);
	}
	EXPECT_RET("fesetround_invalid", fesetround(0x12345) != 0, 1);
	check("round_mode_restored", fegetround() == FE_TONEAREST, "%s", mode_name(fegetround()));
}

static void
flags(char *buf, size_t len, int fl)
{
	snprintf(buf, len, "%s%s%s%s%s%s", fl ? "" : "none",
		 fl & FE_INVALID ? "INVALID " : "", fl & FE_DIVBYZERO ? "DIVBYZERO " : "",
		 fl & FE_OVERFLOW ? "OVERFLOW " : "", fl & FE_UNDERFLOW ? "UNDERFLOW " : "",
		 fl & FE_INEXACT ? "INEXACT " : "");
	if (fl)
		buf[strlen(buf) - 1] = 0;	/* the last space */
}

/* Record the flags an operation raises, from a clean state. */
#define RAISED(name, expr, want) do {						\
	char got_[64], want_[64];						\
	int fl_;								\
	feclearexcept(FE_ALL_EXCEPT);						\
	(expr);									\
	fl_ = fetestexcept(FE_ALL_EXCEPT);					\
	flags(got_, sizeof(got_), fl_);						\
	flags(want_, sizeof(want_), (want));					\
	check(name, fl_ == (want), "raised %s, want %s", got_, want_);		\
} while (0)

static void
test_exceptions(void)
{
	volatile double one = 1.0, three = 3.0, zero = 0.0, two = 2.0, minus_one = -1.0;
	volatile double max = DBL_MAX, min = DBL_MIN, inf = INFINITY, tiny = 1e-50, sq;
	volatile double r;
	volatile float fr;
	volatile long lr;
	int fl, fl2, mode, mode2;

	RAISED("exact_add", r = one + one, 0);
	RAISED("inexact_divide", r = one / three, FE_INEXACT);
	RAISED("divide_by_zero", r = one / zero, FE_DIVBYZERO);
	check("divide_by_zero_is_inf", isinf(r) && r > 0, "+inf: %s", yesno(isinf(r) && r > 0));
	RAISED("zero_by_zero", r = zero / zero, FE_INVALID);
	check("zero_by_zero_is_nan", isnan(r), "NaN: %s", yesno(isnan(r)));
	RAISED("inf_minus_inf", r = inf - inf, FE_INVALID);
	RAISED("inf_times_zero", r = inf * zero, FE_INVALID);
	RAISED("sqrt_negative", sq = sqrt(minus_one), FE_INVALID);
	check("sqrt_negative_is_nan", isnan(sq), "NaN: %s", yesno(isnan(sq)));
	RAISED("sqrt_exact", sq = sqrt(two * two), 0);
	RAISED("overflow", r = max * two, FE_OVERFLOW | FE_INEXACT);
	RAISED("underflow_inexact", r = min / three, FE_UNDERFLOW | FE_INEXACT);
	RAISED("exact_subnormal_no_underflow", r = min / two, 0);
	RAISED("float_conversion_overflow", fr = (float)max, FE_OVERFLOW | FE_INEXACT);
	RAISED("float_conversion_underflow", fr = (float)tiny, FE_UNDERFLOW | FE_INEXACT);
	RAISED("float_conversion_exact", fr = (float)two, 0);
	RAISED("double_to_long_inexact", lr = (long)(two + one / two), FE_INEXACT);
	RAISED("double_to_long_exact", lr = (long)(two + two), 0);
	RAISED("inf_arithmetic_exact", r = inf + one, 0);
	RAISED("rint_inexact", r = rint(one / two), FE_INEXACT);
	RAISED("nearbyint_quiet", r = nearbyint(1.5 + zero), 0);
	RAISED("feraiseexcept_overflow", feraiseexcept(FE_OVERFLOW), FE_OVERFLOW);
	RAISED("feraiseexcept_invalid", feraiseexcept(FE_INVALID), FE_INVALID);
	feclearexcept(FE_ALL_EXCEPT);
	feraiseexcept(FE_DIVBYZERO | FE_INEXACT);
	feclearexcept(FE_DIVBYZERO);
	fl = fetestexcept(FE_ALL_EXCEPT);
	check("feclearexcept_one", fl == FE_INEXACT, "clearing DIVBYZERO leaves INEXACT: %s",
	      yesno(fl == FE_INEXACT));
	{
		fexcept_t saved;

		feclearexcept(FE_ALL_EXCEPT);
		r = one / three;
		fegetexceptflag(&saved, FE_ALL_EXCEPT);
		feclearexcept(FE_ALL_EXCEPT);
		fesetexceptflag(&saved, FE_ALL_EXCEPT);
		fl = fetestexcept(FE_ALL_EXCEPT);
		check("exceptflag_restore", fl == FE_INEXACT, "saved INEXACT comes back: %s",
		      yesno(fl == FE_INEXACT));
	}
	{
		fenv_t env;

		feclearexcept(FE_ALL_EXCEPT);
		fesetround(FE_UPWARD);
		feholdexcept(&env);
		r = one / zero;
		fl = fetestexcept(FE_ALL_EXCEPT);
		mode = fegetround();
		fesetround(FE_TONEAREST);
		feupdateenv(&env);
		fl2 = fetestexcept(FE_ALL_EXCEPT);
		mode2 = fegetround();
		fesetround(FE_TONEAREST);
		check("feholdexcept_clears", fl == FE_DIVBYZERO && mode == FE_UPWARD,
		      "flags raised inside the hold: DIVBYZERO only, mode kept: %s",
		      yesno(fl == FE_DIVBYZERO && mode == FE_UPWARD));
		check("feupdateenv_merges", fl2 == FE_DIVBYZERO && mode2 == FE_UPWARD,
		      "DIVBYZERO kept, FE_UPWARD restored: %s",
		      yesno(fl2 == FE_DIVBYZERO && mode2 == FE_UPWARD));
	}
	(void)lr;
	(void)fr;
}

/* Exactly-rounded library functions and conversions. */
static void
test_exact_functions(void)
{
	volatile double x = -7.75, y = 2.5, big = 0x1p62;
	volatile uint64_t u = UINT64_MAX;
	volatile int64_t i63 = INT64_MAX;
	volatile int32_t i24 = 16777217;
	int e;
	double ip, frac;

	printf("floor %g ceil %g trunc %g round %g\n", floor(x), ceil(x), trunc(x), round(x));
	printf("fmod %a remainder %a fmod(-x) %a\n", fmod(x, y), remainder(x, y), fmod(-x, y));
	frac = frexp(x, &e);
	printf("frexp %a exp %d\n", frac, e);
	frac = modf(x, &ip);
	printf("modf %a int %a\n", frac, ip);
	printf("ldexp %a %a %a\n", ldexp(1.5, -1074), ldexp(1.0, 1024), ldexp(0x1.8p-1, -1073));
	printf("nextafter %a %a\n", nextafter(1.0, 2.0), nextafter(0.0, -1.0));
	printf("copysign %g fabs %g ilogb %d logb %g scalbn %a\n", copysign(3.0, -0.0), fabs(x),
	       ilogb(x), logb(x), scalbn(x, -3));
	printf("fmin %g fmax %g fdim %g\n", fmin(x, y), fmax(x, y), fdim(y, x));
	printf("u64 max -> %a, i64 max -> %a, 16777217 -> float %a\n", (double)u, (double)i63,
	       (double)(float)i24);
	printf("(long)2.9 %ld (long)-2.9 %ld (long)2^62 %ld (unsigned)3.99 %u\n", (long)(x + 10.65),
	       (long)-(x + 10.65), (long)big, (unsigned)(y + 1.49));
	printf("sqrt %a %a %a\n", sqrt(2.0 + x * 0), sqrt(DBL_TRUE_MIN + x * 0), sqrt(1e300 + x * 0));
	printf("fma %a %a\n", fma(0x1.0000001p0, 0x1.0000001p0, -1.0), fma(DBL_MAX, 2.0, -DBL_MAX));
}

int
main(void)
{
	test_printf_formats();
	test_strtod();
	test_round_trip();
	test_rounding_modes();
	test_exceptions();
	test_exact_functions();
	return check_summary();
}
