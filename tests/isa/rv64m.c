/*
 * rv64m: every M instruction over every pair of edge operands, so division
 * by zero (quotient all ones, remainder the dividend), the INT_MIN / -1
 * overflow (quotient INT_MIN, remainder 0) in both widths, the high halves
 * of signed, unsigned and mixed products, and W forms fed registers whose
 * upper halves are not the sign extension of the lower ones.
 */
#include "isa.h"

typedef u64 (*rr_fn)(u64, u64);

#define RR(op)                                                             \
	static u64 rr_##op(u64 a, u64 b)                                   \
	{                                                                  \
		u64 r;                                                     \
		asm volatile(#op " %0, %1, %2" : "=r"(r) : "r"(a), "r"(b)); \
		return r;                                                  \
	}

RR(mul) RR(mulh) RR(mulhsu) RR(mulhu) RR(div) RR(divu) RR(rem) RR(remu)
RR(mulw) RR(divw) RR(divuw) RR(remw) RR(remuw)

static const struct {
	const char *name;
	rr_fn fn;
} ops[] = {
	{ "mul", rr_mul },     { "mulh", rr_mulh },   { "mulhsu", rr_mulhsu },
	{ "mulhu", rr_mulhu }, { "div", rr_div },     { "divu", rr_divu },
	{ "rem", rr_rem },     { "remu", rr_remu },   { "mulw", rr_mulw },
	{ "divw", rr_divw },   { "divuw", rr_divuw }, { "remw", rr_remw },
	{ "remuw", rr_remuw },
};

static const u64 extra[] = {
	0xffffffff00000000, /* W forms: low word 0, a divisor of zero */
	0x00000001ffffffff, /* W forms: low word -1 */
	0x1234567880000000, /* W forms: low word INT32_MIN */
	0x0000000000000007, 0xfffffffffffffff9, 0x00000000fffffff9,
	0x5555555555555555, 0xaaaaaaaaaaaaaaab,
};

static u64 operand(size_t i)
{
	size_t n = ARRAY_SIZE(int_edges);

	return i < n ? int_edges[i] : extra[i - n];
}

int main(void)
{
	size_t n = ARRAY_SIZE(int_edges) + ARRAY_SIZE(extra);

	for (size_t k = 0; k < ARRAY_SIZE(ops); k++)
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < n; j++)
				p2(ops[k].name, operand(i), operand(j),
				   ops[k].fn(operand(i), operand(j)));

	/* rd aliasing a source, and the mulh/mul pair fused by some cores. */
	{
		u64 a = 0xfedcba9876543210, b = 0x0123456789abcdef, hi, lo;

		asm volatile("mulh %0, %2, %3\n\tmul %1, %2, %3"
			     : "=&r"(hi), "=&r"(lo) : "r"(a), "r"(b));
		printf("mulh;mul pair -> %016lx %016lx\n", hi, lo);
		asm volatile("div %0, %0, %0" : "+r"(a));
		printf("div rd=rs1=rs2 -> %016lx\n", a);
		a = 0;
		asm volatile("remu %0, %0, %0" : "+r"(a));
		printf("remu 0,0 rd=rs1=rs2 -> %016lx\n", a);
	}
	return 0;
}
