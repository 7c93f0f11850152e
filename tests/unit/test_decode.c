/* The decoder: instruction words (encodings produced by riscv64-linux-gnu-as,
 * shown beside each) decode to the operation and operands the ISA manual
 * defines. */
#include <criterion/criterion.h>

#include "arch/riscv64/cpu.h"
#include "arch/riscv64/ops.h"

static struct insn
dec(uint32_t raw)
{
	struct insn in;

	decode_insn(raw, &in);
	return in;
}

static enum rv_op
dec_op(uint32_t raw)
{
	struct insn in = dec(raw);

	return insn_op(&in);
}

#define EXPECT_INSN(raw, op_, rd_, rs1_, rs2_, imm_, len_)                     \
	do {                                                                   \
		struct insn in_ = dec(raw);                                    \
		cr_expect_eq(insn_op(&in_), RV_##op_, "%#x: op %s, want %s",   \
			     raw, rv_op_names[insn_op(&in_)], #op_);           \
		cr_expect_eq(in_.rd, rd_, "%#x: rd %d", raw, in_.rd);          \
		cr_expect_eq(in_.rs1, rs1_, "%#x: rs1 %d", raw, in_.rs1);      \
		cr_expect_eq(in_.rs2, rs2_, "%#x: rs2 %d", raw, in_.rs2);      \
		cr_expect_eq(in_.imm, imm_, "%#x: imm %d", raw, in_.imm);      \
		cr_expect_eq(in_.len, len_, "%#x: len %d", raw, in_.len);      \
	} while (0)

Test(decode, rv64i_immediates_sign_extend)
{
	EXPECT_INSN(0xfff10093, addi, 1, 2, 0, -1, 4);		/* addi ra,sp,-1 */
	EXPECT_INSN(0xfffff2b7, lui, 5, 0, 0, (int32_t)0xfffff000, 4);
	EXPECT_INSN(0x001000ef, jal, 1, 0, 0, 2048, 4);		/* jal .+2048 */
	EXPECT_INSN(0x80418063, beq, 0, 3, 4, -4096, 4);	/* beq gp,tp,.-4096 */
	EXPECT_INSN(0xfe743c23, sd, 0, 8, 7, -8, 4);		/* sd t2,-8(s0) */
}

Test(decode, writes_to_x0_go_to_the_sink)
{
	EXPECT_INSN(0x01013003, ld, 32, 2, 0, 16, 4);		/* ld zero,16(sp) */
}

Test(decode, shifts_take_six_bits_and_w_forms_five)
{
	EXPECT_INSN(0x43f55493, srai, 9, 10, 0, 63, 4);
	EXPECT_INSN(0x41f5549b, sraiw, 9, 10, 0, 31, 4);
	/* slliw with shamt[5] set is reserved */
	cr_expect_eq(dec_op(0x0205149b), RV_illegal);
}

Test(decode, m_and_a)
{
	EXPECT_INSN(0x02d645b3, div, 11, 12, 13, 0, 4);
	EXPECT_INSN(0x00f8372f, amoadd_d, 14, 16, 15, 0, 4);
	EXPECT_INSN(0x100928af, lr_w, 17, 18, 0, 0, 4);
	/* lr with a non-zero rs2 field is reserved */
	cr_expect_eq(dec_op(0x101928af), RV_illegal);
}

Test(decode, fp_rounding_modes_and_integer_destinations)
{
	struct insn in = dec(0x223110c3);			/* fmadd.d ft1,ft2,ft3,ft4,rtz */

	cr_expect_eq(insn_op(&in), RV_fmadd_d);
	cr_expect_eq(in.rd, 1);
	cr_expect_eq(in.rs3, 4);
	cr_expect_eq(in.rm, 1);
	in = dec(0xc202b053);					/* fcvt.w.d zero,ft5,rup */
	cr_expect_eq(insn_op(&in), RV_fcvt_w_d);
	cr_expect_eq(in.rd, 32);
	cr_expect_eq(in.rm, 3);
	EXPECT_INSN(0xe0039353, fclass_s, 6, 7, 0, 0, 4);
	/* rm 5 and 6 are reserved: the instruction is illegal */
	cr_expect_eq(dec_op(0xc202d053), RV_illegal);
	cr_expect_eq(dec_op(0xc202e053), RV_illegal);
	/* fmt 3 (quad) is not implemented: illegal */
	cr_expect_eq(dec_op(0x263110c3), RV_illegal);
}

Test(decode, system)
{
	EXPECT_INSN(0x00102473, csrrs, 8, 0, 0, 1, 4);		/* frflags s0 */
	cr_expect_eq(dec_op(0x0000100f), RV_fence_i);
	cr_expect_eq(dec_op(0x00000073), RV_ecall);
	cr_expect_eq(dec_op(0x00100073), RV_ebreak);
}

Test(decode, compressed_expand_to_base_operations)
{
	EXPECT_INSN(0x1fe0, addi, 8, 2, 0, 1020, 2);		/* c.addi4spn s0,sp,1020 */
	EXPECT_INSN(0x7285, lui, 5, 0, 0, (int32_t)0xfffe1000, 2);
	EXPECT_INSN(0x7101, addi, 2, 2, 0, -512, 2);		/* c.addi16sp */
	EXPECT_INSN(0xb001, jal, 32, 0, 0, -2048, 2);		/* c.j .-2048 */
	EXPECT_INSN(0xccfd, beq, 0, 9, 0, 254, 2);		/* c.beqz s1,.+254 */
	EXPECT_INSN(0x757e, ld, 10, 2, 0, 504, 2);		/* c.ldsp */
	EXPECT_INSN(0xffae, sd, 0, 2, 11, 504, 2);		/* c.sdsp */
	EXPECT_INSN(0x9602, jalr, 1, 12, 0, 0, 2);		/* c.jalr a2 */
	EXPECT_INSN(0x86ba, add, 13, 0, 14, 0, 2);		/* c.mv a3,a4 */
	EXPECT_INSN(0x97fd, srai, 15, 15, 0, 63, 2);
	EXPECT_INSN(0x9c05, subw, 8, 8, 9, 0, 2);
	EXPECT_INSN(0x3ce0, fld, 8, 9, 0, 248, 2);
}

Test(decode, reserved_compressed_encodings_are_illegal)
{
	cr_expect_eq(dec_op(0x0000), RV_illegal);	/* all zeros */
	cr_expect_eq(dec_op(0x8002), RV_illegal);	/* c.jr x0 */
	cr_expect_eq(dec_op(0x4002), RV_illegal);	/* c.lwsp x0 */
	cr_expect_eq(dec_op(0x6101), RV_illegal);	/* c.addi16sp 0 */
	cr_expect_eq(dec_op(0x2001), RV_illegal);	/* c.addiw x0 */
	cr_expect_eq(dec_op(0x9002), RV_ebreak);	/* c.ebreak */
}
