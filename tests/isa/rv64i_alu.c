/*
 * rv64i_alu: every RV64I register-register and register-immediate ALU
 * instruction, the W forms, lui and auipc, over edge operands.
 *
 * Shifts get their own sweep: every immediate amount (0..63, and 0..31 for
 * the W forms) and register amounts whose upper bits must be ignored (the W
 * forms use only 5 bits of rs2, the others 6).
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

RR(add) RR(sub) RR(sll) RR(slt) RR(sltu) RR(xor) RR(srl) RR(sra) RR(or)
RR(and) RR(addw) RR(subw) RR(sllw) RR(srlw) RR(sraw)

static const struct {
	const char *name;
	rr_fn fn;
} rr_ops[] = {
	{ "add", rr_add },   { "sub", rr_sub },   { "sll", rr_sll },
	{ "slt", rr_slt },   { "sltu", rr_sltu }, { "xor", rr_xor },
	{ "srl", rr_srl },   { "sra", rr_sra },   { "or", rr_or },
	{ "and", rr_and },   { "addw", rr_addw }, { "subw", rr_subw },
	{ "sllw", rr_sllw }, { "srlw", rr_srlw }, { "sraw", rr_sraw },
};

static void register_register(void)
{
	for (size_t k = 0; k < ARRAY_SIZE(rr_ops); k++)
		for (size_t i = 0; i < ARRAY_SIZE(int_edges); i++)
			for (size_t j = 0; j < ARRAY_SIZE(int_edges); j++)
				p2(rr_ops[k].name, int_edges[i], int_edges[j],
				   rr_ops[k].fn(int_edges[i], int_edges[j]));
}

static void register_shift_amounts(void)
{
	static const char *const names[] = { "sll", "srl", "sra",
					     "sllw", "srlw", "sraw" };
	static const rr_fn fns[] = { rr_sll, rr_srl, rr_sra,
				     rr_sllw, rr_srlw, rr_sraw };
	static const u64 vals[] = { 0x8000000000000001, 0xfedcba9876543210,
				    0x0000000080000001, 0xffffffff7ffffffe,
				    0x1 };

	for (size_t k = 0; k < ARRAY_SIZE(fns); k++)
		for (size_t i = 0; i < ARRAY_SIZE(vals); i++)
			for (size_t j = 0; j < ARRAY_SIZE(shift_amounts); j++)
				p2(names[k], vals[i], shift_amounts[j],
				   fns[k](vals[i], shift_amounts[j]));
}

/* One immediate form over every int edge; imm is a compile-time constant. */
#define RI(op, imm)                                                       \
	for (size_t i = 0; i < ARRAY_SIZE(int_edges); i++) {              \
		u64 r;                                                    \
		asm volatile(#op " %0, %1, %2"                            \
			     : "=r"(r)                                    \
			     : "r"(int_edges[i]), "i"(imm));              \
		pimm(#op, int_edges[i], imm, r);                          \
	}

#define IMMS(X, op)                                                      \
	X(op, 0) X(op, 1) X(op, -1) X(op, 2) X(op, 2047) X(op, -2048)    \
	X(op, 0x555) X(op, -0x556) X(op, 32) X(op, -32) X(op, 0x7fe)

static void register_immediate(void)
{
	IMMS(RI, addi)
	IMMS(RI, slti)
	IMMS(RI, sltiu)
	IMMS(RI, xori)
	IMMS(RI, ori)
	IMMS(RI, andi)
	IMMS(RI, addiw)
}

/* Immediate shifts: a few values, every amount. */
#define SHI(op, n)                                                        \
	for (size_t i = 0; i < ARRAY_SIZE(shvals); i++) {                 \
		u64 r;                                                    \
		asm volatile(#op " %0, %1, %2"                            \
			     : "=r"(r)                                    \
			     : "r"(shvals[i]), "i"(n));                   \
		pimm(#op, shvals[i], n, r);                               \
	}

#define N32(X, op)                                                        \
	X(op, 0) X(op, 1) X(op, 2) X(op, 3) X(op, 4) X(op, 5) X(op, 6)    \
	X(op, 7) X(op, 8) X(op, 9) X(op, 10) X(op, 11) X(op, 12)          \
	X(op, 13) X(op, 14) X(op, 15) X(op, 16) X(op, 17) X(op, 18)       \
	X(op, 19) X(op, 20) X(op, 21) X(op, 22) X(op, 23) X(op, 24)       \
	X(op, 25) X(op, 26) X(op, 27) X(op, 28) X(op, 29) X(op, 30)       \
	X(op, 31)
#define N64(X, op)                                                        \
	N32(X, op) X(op, 32) X(op, 33) X(op, 34) X(op, 35) X(op, 36)      \
	X(op, 37) X(op, 38) X(op, 39) X(op, 40) X(op, 41) X(op, 42)       \
	X(op, 43) X(op, 44) X(op, 45) X(op, 46) X(op, 47) X(op, 48)       \
	X(op, 49) X(op, 50) X(op, 51) X(op, 52) X(op, 53) X(op, 54)       \
	X(op, 55) X(op, 56) X(op, 57) X(op, 58) X(op, 59) X(op, 60)       \
	X(op, 61) X(op, 62) X(op, 63)

static void immediate_shifts(void)
{
	static const u64 shvals[] = { 0x8000000000000001, 0xfedcba9876543210,
				      0x00000000c0000001, 0x7fffffff7fffffff };

	N64(SHI, slli)
	N64(SHI, srli)
	N64(SHI, srai)
	N32(SHI, slliw)
	N32(SHI, srliw)
	N32(SHI, sraiw)
}

#define LUI(imm)                                                          \
	{                                                                 \
		u64 r;                                                    \
		asm volatile("lui %0, %1" : "=r"(r) : "i"(imm));          \
		printf("lui %#x -> %016lx\n", imm, r);                    \
	}

/*
 * auipc is printed relative to its own address, so the test does not
 * depend on where the program was linked.
 */
#define AUIPC(imm)                                                        \
	{                                                                 \
		u64 r, here;                                              \
		asm volatile("1: auipc %0, %2\n\tlla %1, 1b"              \
			     : "=r"(r), "=r"(here) : "i"(imm));           \
		printf("auipc %#x -> pc%+ld\n", imm, (long)(r - here));   \
	}

static void upper_immediates(void)
{
	LUI(0) LUI(1) LUI(0x7ffff) LUI(0x80000) LUI(0x80001) LUI(0xfffff)
	LUI(0x12345)
	AUIPC(0) AUIPC(1) AUIPC(0x7ffff) AUIPC(0x80000) AUIPC(0xfffff)
}

/* x0 as source and destination, and rd aliasing its sources. */
static void zero_register_and_aliasing(void)
{
	u64 r, a;

	asm volatile("li %0, 77\n\tadd x0, %0, %0\n\tadd %0, x0, x0" : "=r"(r));
	p1("add-x0-dest-then-read", 77, r);
	asm volatile("li %0, -5\n\taddi %0, x0, -1\n\tsub %0, x0, %0" : "=r"(r));
	p1("sub-from-x0", 1, r);
	a = 0x4000000000000001;
	asm volatile("add %0, %0, %0" : "+r"(a));
	p1("add-rd=rs1=rs2", 0x4000000000000001, a);
	a = 0x00000000ffffffff;
	asm volatile("addiw %0, %0, 1" : "+r"(a));
	p1("addiw-rd=rs1", 0xffffffff, a);
	a = 0x7fffffff;
	asm volatile("addiw %0, %0, 0" : "+r"(a));
	p1("sext.w", 0x7fffffff, a);
	a = 0xffffffff80000000;
	asm volatile("sext.w %0, %0\n\tsltiu %0, %0, 1" : "+r"(a));
	p1("seqz", 0xffffffff80000000, a);
}

int main(void)
{
	register_register();
	register_shift_amounts();
	register_immediate();
	immediate_shifts();
	upper_immediates();
	zero_register_and_aliasing();
	return 0;
}
