/* The decoder: one RV64GC instruction word -> one struct insn, done once per
 * instruction and cached per page frame (struct decoded_page). Compressed
 * instructions expand to the operation of their 32-bit equivalent. */
#include <stdlib.h>
#include <string.h>

#include "arch/riscv64/cpu.h"
#include "arch/riscv64/ops.h"
#include "kernel/kernel.h"
#include "mm/mm.h"

#define RV_OP_NAME(name) [RV_##name] = #name,
const char *const rv_op_names[RV_NR_OPS] = { RV_OPS(RV_OP_NAME) };
#undef RV_OP_NAME

#define BITS(v, hi, lo)	(((v) >> (lo)) & ((1u << ((hi) - (lo) + 1)) - 1))
#define BIT(v, n)	(((v) >> (n)) & 1u)

static inline int32_t
sext(uint32_t v, int bits)
{
	return (int32_t)(v << (32 - bits)) >> (32 - bits);
}

/* Integer destinations: writes to x0 go to the sink register x[32]. */
static inline uint8_t
xd(uint32_t r)
{
	return r ? (uint8_t)r : 32;
}

static void
set(struct insn *in, enum rv_op op, uint32_t rd, uint32_t rs1, uint32_t rs2,
    int32_t imm)
{
	in->op = op;
	in->rd = (uint8_t)rd;
	in->rs1 = (uint8_t)rs1;
	in->rs2 = (uint8_t)rs2;
	in->imm = imm;
}

static void
illegal(struct insn *in)
{
	set(in, RV_illegal, 0, 0, 0, 0);
}

static const enum rv_op branch_ops[8] = {
	RV_beq, RV_bne, RV_illegal, RV_illegal, RV_blt, RV_bge, RV_bltu, RV_bgeu };
static const enum rv_op load_ops[8] = {
	RV_lb, RV_lh, RV_lw, RV_ld, RV_lbu, RV_lhu, RV_lwu, RV_illegal };
static const enum rv_op store_ops[8] = {
	RV_sb, RV_sh, RV_sw, RV_sd, RV_illegal, RV_illegal, RV_illegal, RV_illegal };
static const enum rv_op opimm_ops[8] = {
	RV_addi, RV_slli, RV_slti, RV_sltiu, RV_xori, RV_srli, RV_ori, RV_andi };
static const enum rv_op op_ops[8] = {
	RV_add, RV_sll, RV_slt, RV_sltu, RV_xor, RV_srl, RV_or, RV_and };
static const enum rv_op mul_ops[8] = {
	RV_mul, RV_mulh, RV_mulhsu, RV_mulhu, RV_div, RV_divu, RV_rem, RV_remu };
static const enum rv_op mulw_ops[8] = {
	RV_mulw, RV_illegal, RV_illegal, RV_illegal, RV_divw, RV_divuw, RV_remw, RV_remuw };
static const enum rv_op csr_ops[8] = {
	RV_illegal, RV_csrrw, RV_csrrs, RV_csrrc, RV_illegal, RV_csrrwi, RV_csrrsi, RV_csrrci };

static void
decode_op_imm(uint32_t raw, struct insn *in)
{
	uint32_t f3 = BITS(raw, 14, 12), top6 = BITS(raw, 31, 26);
	int32_t imm = (int32_t)raw >> 20;
	enum rv_op op = opimm_ops[f3];

	if (f3 == 1 || f3 == 5) {
		imm = BITS(raw, 25, 20);
		if (f3 == 1 && top6 != 0)
			return illegal(in);
		if (f3 == 5)
			op = top6 == 0 ? RV_srli : top6 == 0x10 ? RV_srai : RV_illegal;
	}
	set(in, op, xd(BITS(raw, 11, 7)), BITS(raw, 19, 15), 0, imm);
}

static void
decode_op_imm32(uint32_t raw, struct insn *in)
{
	uint32_t f3 = BITS(raw, 14, 12), f7 = BITS(raw, 31, 25);
	enum rv_op op = RV_illegal;
	int32_t imm = (int32_t)raw >> 20;

	if (f3 == 0)
		op = RV_addiw;
	else if (f3 == 1 && f7 == 0)
		op = RV_slliw;
	else if (f3 == 5 && f7 == 0)
		op = RV_srliw;
	else if (f3 == 5 && f7 == 0x20)
		op = RV_sraiw;
	if (f3 != 0)
		imm = BITS(raw, 24, 20);
	set(in, op, xd(BITS(raw, 11, 7)), BITS(raw, 19, 15), 0, imm);
}

static void
decode_op(uint32_t raw, struct insn *in)
{
	uint32_t f3 = BITS(raw, 14, 12), f7 = BITS(raw, 31, 25);
	enum rv_op op = RV_illegal;

	if (f7 == 0)
		op = op_ops[f3];
	else if (f7 == 1)
		op = mul_ops[f3];
	else if (f7 == 0x20 && f3 == 0)
		op = RV_sub;
	else if (f7 == 0x20 && f3 == 5)
		op = RV_sra;
	set(in, op, xd(BITS(raw, 11, 7)), BITS(raw, 19, 15), BITS(raw, 24, 20), 0);
}

static void
decode_op32(uint32_t raw, struct insn *in)
{
	uint32_t f3 = BITS(raw, 14, 12), f7 = BITS(raw, 31, 25);
	enum rv_op op = RV_illegal;

	if (f7 == 1)
		op = mulw_ops[f3];
	else if (f7 == 0)
		op = f3 == 0 ? RV_addw : f3 == 1 ? RV_sllw : f3 == 5 ? RV_srlw : RV_illegal;
	else if (f7 == 0x20)
		op = f3 == 0 ? RV_subw : f3 == 5 ? RV_sraw : RV_illegal;
	set(in, op, xd(BITS(raw, 11, 7)), BITS(raw, 19, 15), BITS(raw, 24, 20), 0);
}

static void
decode_amo(uint32_t raw, struct insn *in)
{
	static const enum rv_op amo_w[32] = {
		[0x00] = RV_amoadd_w, [0x01] = RV_amoswap_w, [0x02] = RV_lr_w,
		[0x03] = RV_sc_w, [0x04] = RV_amoxor_w, [0x08] = RV_amoor_w,
		[0x0c] = RV_amoand_w, [0x10] = RV_amomin_w, [0x14] = RV_amomax_w,
		[0x18] = RV_amominu_w, [0x1c] = RV_amomaxu_w };
	static const enum rv_op amo_d[32] = {
		[0x00] = RV_amoadd_d, [0x01] = RV_amoswap_d, [0x02] = RV_lr_d,
		[0x03] = RV_sc_d, [0x04] = RV_amoxor_d, [0x08] = RV_amoor_d,
		[0x0c] = RV_amoand_d, [0x10] = RV_amomin_d, [0x14] = RV_amomax_d,
		[0x18] = RV_amominu_d, [0x1c] = RV_amomaxu_d };
	uint32_t f3 = BITS(raw, 14, 12), f5 = BITS(raw, 31, 27);
	enum rv_op op = f3 == 2 ? amo_w[f5] : f3 == 3 ? amo_d[f5] : RV_illegal;

	/* RV_decode (0) marks holes in the tables. */
	if (op == RV_decode || ((op == RV_lr_w || op == RV_lr_d) && BITS(raw, 24, 20)))
		op = RV_illegal;
	set(in, op, xd(BITS(raw, 11, 7)), BITS(raw, 19, 15), BITS(raw, 24, 20), 0);
}

static void
decode_system(uint32_t raw, struct insn *in)
{
	uint32_t f3 = BITS(raw, 14, 12);

	if (raw == 0x00000073)
		return set(in, RV_ecall, 0, 0, 0, 0);
	if (raw == 0x00100073)
		return set(in, RV_ebreak, 0, 0, 0, 0);
	set(in, csr_ops[f3], xd(BITS(raw, 11, 7)), BITS(raw, 19, 15), 0,
	    (int32_t)BITS(raw, 31, 20));
}

/* Rounding-mode field: 5 and 6 are reserved (illegal at decode); 7 is
 * dynamic and checked against frm when executed. */
static bool
set_rm(struct insn *in, uint32_t raw)
{
	in->rm = (uint8_t)BITS(raw, 14, 12);
	return in->rm != 5 && in->rm != 6;
}

static void
decode_fma(uint32_t raw, struct insn *in, enum rv_op op_s, enum rv_op op_d)
{
	uint32_t fmt = BITS(raw, 26, 25);

	set(in, fmt == 0 ? op_s : fmt == 1 ? op_d : RV_illegal, BITS(raw, 11, 7),
	    BITS(raw, 19, 15), BITS(raw, 24, 20), 0);
	in->rs3 = (uint8_t)BITS(raw, 31, 27);
	if (!set_rm(in, raw))
		illegal(in);
}

/* OP-FP ops selected by funct7 alone, with a rounding mode. */
static enum rv_op
fp_arith_op(uint32_t f7, uint32_t rs2)
{
	switch (f7) {
	case 0x00: return RV_fadd_s;
	case 0x01: return RV_fadd_d;
	case 0x04: return RV_fsub_s;
	case 0x05: return RV_fsub_d;
	case 0x08: return RV_fmul_s;
	case 0x09: return RV_fmul_d;
	case 0x0c: return RV_fdiv_s;
	case 0x0d: return RV_fdiv_d;
	case 0x2c: return rs2 == 0 ? RV_fsqrt_s : RV_illegal;
	case 0x2d: return rs2 == 0 ? RV_fsqrt_d : RV_illegal;
	case 0x20: return rs2 == 1 ? RV_fcvt_s_d : RV_illegal;
	case 0x21: return rs2 == 0 ? RV_fcvt_d_s : RV_illegal;
	default: return RV_illegal;
	}
}

/* OP-FP ops whose funct3 selects the operation (no rounding mode). */
static enum rv_op
fp_f3_op(uint32_t f7, uint32_t f3, uint32_t rs2)
{
	static const enum rv_op sgnj_s[3] = { RV_fsgnj_s, RV_fsgnjn_s, RV_fsgnjx_s };
	static const enum rv_op sgnj_d[3] = { RV_fsgnj_d, RV_fsgnjn_d, RV_fsgnjx_d };
	static const enum rv_op cmp_s[3] = { RV_fle_s, RV_flt_s, RV_feq_s };
	static const enum rv_op cmp_d[3] = { RV_fle_d, RV_flt_d, RV_feq_d };

	switch (f7) {
	case 0x10: return f3 < 3 ? sgnj_s[f3] : RV_illegal;
	case 0x11: return f3 < 3 ? sgnj_d[f3] : RV_illegal;
	case 0x14: return f3 == 0 ? RV_fmin_s : f3 == 1 ? RV_fmax_s : RV_illegal;
	case 0x15: return f3 == 0 ? RV_fmin_d : f3 == 1 ? RV_fmax_d : RV_illegal;
	case 0x50: return f3 < 3 ? cmp_s[f3] : RV_illegal;
	case 0x51: return f3 < 3 ? cmp_d[f3] : RV_illegal;
	case 0x70: return rs2 ? RV_illegal : f3 == 0 ? RV_fmv_x_w : f3 == 1 ? RV_fclass_s : RV_illegal;
	case 0x71: return rs2 ? RV_illegal : f3 == 0 ? RV_fmv_x_d : f3 == 1 ? RV_fclass_d : RV_illegal;
	case 0x78: return rs2 == 0 && f3 == 0 ? RV_fmv_w_x : RV_illegal;
	case 0x79: return rs2 == 0 && f3 == 0 ? RV_fmv_d_x : RV_illegal;
	default: return RV_illegal;
	}
}

/* fcvt between integers and floats: rs2 selects w/wu/l/lu. */
static enum rv_op
fp_cvt_op(uint32_t f7, uint32_t rs2)
{
	static const enum rv_op to_int_s[4] = { RV_fcvt_w_s, RV_fcvt_wu_s, RV_fcvt_l_s, RV_fcvt_lu_s };
	static const enum rv_op to_int_d[4] = { RV_fcvt_w_d, RV_fcvt_wu_d, RV_fcvt_l_d, RV_fcvt_lu_d };
	static const enum rv_op from_int_s[4] = { RV_fcvt_s_w, RV_fcvt_s_wu, RV_fcvt_s_l, RV_fcvt_s_lu };
	static const enum rv_op from_int_d[4] = { RV_fcvt_d_w, RV_fcvt_d_wu, RV_fcvt_d_l, RV_fcvt_d_lu };

	if (rs2 > 3)
		return RV_illegal;
	switch (f7) {
	case 0x60: return to_int_s[rs2];
	case 0x61: return to_int_d[rs2];
	case 0x68: return from_int_s[rs2];
	case 0x69: return from_int_d[rs2];
	default: return RV_illegal;
	}
}

/* Does the op write an integer register (so rd 0 must go to the sink)? */
static bool
fp_writes_x(enum rv_op op)
{
	return (op >= RV_feq_s && op <= RV_fcvt_lu_d) || op == RV_fmv_x_w ||
	       op == RV_fclass_s || op == RV_fmv_x_d || op == RV_fclass_d;
}

static void
decode_op_fp(uint32_t raw, struct insn *in)
{
	uint32_t f7 = BITS(raw, 31, 25), f3 = BITS(raw, 14, 12), rs2 = BITS(raw, 24, 20);
	uint32_t rd = BITS(raw, 11, 7);
	enum rv_op op = fp_arith_op(f7, rs2);
	bool has_rm = true;

	if (op == RV_illegal)
		op = fp_cvt_op(f7, rs2);
	if (op == RV_illegal) {
		op = fp_f3_op(f7, f3, rs2);
		has_rm = false;
	}
	set(in, op, fp_writes_x(op) ? xd(rd) : rd, BITS(raw, 19, 15), rs2, 0);
	in->rm = 7;
	if (has_rm && !set_rm(in, raw))
		illegal(in);
}

/* Decode a 32-bit instruction. */
static void
decode_32(uint32_t raw, struct insn *in)
{
	uint32_t rd = BITS(raw, 11, 7), rs1 = BITS(raw, 19, 15), rs2 = BITS(raw, 24, 20);
	uint32_t f3 = BITS(raw, 14, 12);
	int32_t i_imm = (int32_t)raw >> 20;
	int32_t s_imm = sext(BITS(raw, 31, 25) << 5 | BITS(raw, 11, 7), 12);
	int32_t b_imm = sext(BIT(raw, 31) << 12 | BIT(raw, 7) << 11 |
			     BITS(raw, 30, 25) << 5 | BITS(raw, 11, 8) << 1, 13);
	int32_t j_imm = sext(BIT(raw, 31) << 20 | BITS(raw, 19, 12) << 12 |
			     BIT(raw, 20) << 11 | BITS(raw, 30, 21) << 1, 21);

	switch (raw & 0x7f) {
	case 0x37: return set(in, RV_lui, xd(rd), 0, 0, (int32_t)(raw & 0xfffff000));
	case 0x17: return set(in, RV_auipc, xd(rd), 0, 0, (int32_t)(raw & 0xfffff000));
	case 0x6f: return set(in, RV_jal, xd(rd), 0, 0, j_imm);
	case 0x67: return set(in, f3 ? RV_illegal : RV_jalr, xd(rd), rs1, 0, i_imm);
	case 0x63: return set(in, branch_ops[f3], 0, rs1, rs2, b_imm);
	case 0x03: return set(in, load_ops[f3], xd(rd), rs1, 0, i_imm);
	case 0x23: return set(in, store_ops[f3], 0, rs1, rs2, s_imm);
	case 0x13: return decode_op_imm(raw, in);
	case 0x1b: return decode_op_imm32(raw, in);
	case 0x33: return decode_op(raw, in);
	case 0x3b: return decode_op32(raw, in);
	case 0x0f: return set(in, f3 == 0 ? RV_fence : f3 == 1 ? RV_fence_i : RV_illegal, 0, 0, 0, 0);
	case 0x73: return decode_system(raw, in);
	case 0x2f: return decode_amo(raw, in);
	case 0x07: return set(in, f3 == 2 ? RV_flw : f3 == 3 ? RV_fld : RV_illegal, rd, rs1, 0, i_imm);
	case 0x27: return set(in, f3 == 2 ? RV_fsw : f3 == 3 ? RV_fsd : RV_illegal, 0, rs1, rs2, s_imm);
	case 0x43: return decode_fma(raw, in, RV_fmadd_s, RV_fmadd_d);
	case 0x47: return decode_fma(raw, in, RV_fmsub_s, RV_fmsub_d);
	case 0x4b: return decode_fma(raw, in, RV_fnmsub_s, RV_fnmsub_d);
	case 0x4f: return decode_fma(raw, in, RV_fnmadd_s, RV_fnmadd_d);
	case 0x53: return decode_op_fp(raw, in);
	default: return illegal(in);
	}
}

/* Quadrant 0: stack-pointer-based addi and loads/stores via x8..x15. */
static void
decode_c0(uint32_t raw, struct insn *in)
{
	uint32_t rd = 8 + BITS(raw, 4, 2), rs1 = 8 + BITS(raw, 9, 7);
	uint32_t uimm_w = BITS(raw, 12, 10) << 3 | BIT(raw, 6) << 2 | BIT(raw, 5) << 6;
	uint32_t uimm_d = BITS(raw, 12, 10) << 3 | BITS(raw, 6, 5) << 6;
	uint32_t nzuimm = BITS(raw, 12, 11) << 4 | BITS(raw, 10, 7) << 6 |
			  BIT(raw, 6) << 2 | BIT(raw, 5) << 3;

	switch (BITS(raw, 15, 13)) {
	case 0: return nzuimm ? set(in, RV_addi, rd, 2, 0, (int32_t)nzuimm) : illegal(in);
	case 1: return set(in, RV_fld, rd, rs1, 0, (int32_t)uimm_d);
	case 2: return set(in, RV_lw, rd, rs1, 0, (int32_t)uimm_w);
	case 3: return set(in, RV_ld, rd, rs1, 0, (int32_t)uimm_d);
	case 5: return set(in, RV_fsd, 0, rs1, rd, (int32_t)uimm_d);
	case 6: return set(in, RV_sw, 0, rs1, rd, (int32_t)uimm_w);
	case 7: return set(in, RV_sd, 0, rs1, rd, (int32_t)uimm_d);
	default: return illegal(in);
	}
}

static void
decode_c1_alu(uint32_t raw, struct insn *in)
{
	static const enum rv_op regops[8] = {
		RV_sub, RV_xor, RV_or, RV_and, RV_subw, RV_addw, RV_illegal, RV_illegal };
	uint32_t rd = 8 + BITS(raw, 9, 7), rs2 = 8 + BITS(raw, 4, 2);
	uint32_t shamt = BIT(raw, 12) << 5 | BITS(raw, 6, 2);

	switch (BITS(raw, 11, 10)) {
	case 0: return set(in, RV_srli, rd, rd, 0, (int32_t)shamt);
	case 1: return set(in, RV_srai, rd, rd, 0, (int32_t)shamt);
	case 2: return set(in, RV_andi, rd, rd, 0, sext(shamt, 6));
	default: return set(in, regops[BIT(raw, 12) << 2 | BITS(raw, 6, 5)], rd, rd, rs2, 0);
	}
}

/* Quadrant 1: immediates, jumps and branches. */
static void
decode_c1(uint32_t raw, struct insn *in)
{
	uint32_t rd = BITS(raw, 11, 7), rs1p = 8 + BITS(raw, 9, 7);
	int32_t imm6 = sext(BIT(raw, 12) << 5 | BITS(raw, 6, 2), 6);
	int32_t j_imm = sext(BIT(raw, 12) << 11 | BIT(raw, 11) << 4 | BITS(raw, 10, 9) << 8 |
			     BIT(raw, 8) << 10 | BIT(raw, 7) << 6 | BIT(raw, 6) << 7 |
			     BITS(raw, 5, 3) << 1 | BIT(raw, 2) << 5, 12);
	int32_t b_imm = sext(BIT(raw, 12) << 8 | BITS(raw, 11, 10) << 3 | BITS(raw, 6, 5) << 6 |
			     BITS(raw, 4, 3) << 1 | BIT(raw, 2) << 5, 9);
	int32_t sp_imm = sext(BIT(raw, 12) << 9 | BIT(raw, 6) << 4 | BIT(raw, 5) << 6 |
			      BITS(raw, 4, 3) << 7 | BIT(raw, 2) << 5, 10);

	switch (BITS(raw, 15, 13)) {
	case 0: return set(in, RV_addi, xd(rd), rd, 0, imm6);
	case 1: return rd ? set(in, RV_addiw, rd, rd, 0, imm6) : illegal(in);
	case 2: return set(in, RV_addi, xd(rd), 0, 0, imm6);
	case 3:
		if (rd == 2)
			return sp_imm ? set(in, RV_addi, 2, 2, 0, sp_imm) : illegal(in);
		return imm6 ? set(in, RV_lui, xd(rd), 0, 0, imm6 * 4096) : illegal(in);
	case 4: return decode_c1_alu(raw, in);
	case 5: return set(in, RV_jal, 32, 0, 0, j_imm);
	case 6: return set(in, RV_beq, 0, rs1p, 0, b_imm);
	default: return set(in, RV_bne, 0, rs1p, 0, b_imm);
	}
}

/* Quadrant 2: register moves, jumps and stack-pointer loads/stores. */
static void
decode_c2(uint32_t raw, struct insn *in)
{
	uint32_t rd = BITS(raw, 11, 7), rs2 = BITS(raw, 6, 2);
	uint32_t shamt = BIT(raw, 12) << 5 | BITS(raw, 6, 2);
	uint32_t ld_off = BIT(raw, 12) << 5 | BITS(raw, 6, 5) << 3 | BITS(raw, 4, 2) << 6;
	uint32_t lw_off = BIT(raw, 12) << 5 | BITS(raw, 6, 4) << 2 | BITS(raw, 3, 2) << 6;
	uint32_t sd_off = BITS(raw, 12, 10) << 3 | BITS(raw, 9, 7) << 6;
	uint32_t sw_off = BITS(raw, 12, 9) << 2 | BITS(raw, 8, 7) << 6;

	switch (BITS(raw, 15, 13)) {
	case 0: return set(in, RV_slli, xd(rd), rd, 0, (int32_t)shamt);
	case 1: return set(in, RV_fld, rd, 2, 0, (int32_t)ld_off);
	case 2: return rd ? set(in, RV_lw, rd, 2, 0, (int32_t)lw_off) : illegal(in);
	case 3: return rd ? set(in, RV_ld, rd, 2, 0, (int32_t)ld_off) : illegal(in);
	case 4:
		if (!BIT(raw, 12)) {
			if (!rs2)
				return rd ? set(in, RV_jalr, 32, rd, 0, 0) : illegal(in);
			return set(in, RV_add, xd(rd), 0, rs2, 0);
		}
		if (!rs2)
			return rd ? set(in, RV_jalr, 1, rd, 0, 0) : set(in, RV_ebreak, 0, 0, 0, 0);
		return set(in, RV_add, xd(rd), rd, rs2, 0);
	case 5: return set(in, RV_fsd, 0, 2, rs2, (int32_t)sd_off);
	case 6: return set(in, RV_sw, 0, 2, rs2, (int32_t)sw_off);
	default: return set(in, RV_sd, 0, 2, rs2, (int32_t)sd_off);
	}
}

/* Decode one instruction (its low 16 bits alone when compressed). */
void
decode_insn(uint32_t raw, struct insn *in)
{
	memset(in, 0, sizeof(*in));
	in->rm = 7;
	if ((raw & 3) == 3) {
		in->len = 4;
		decode_32(raw, in);
	} else {
		in->len = 2;
		raw &= 0xffff;
		if (raw == 0)
			illegal(in);
		else if ((raw & 3) == 0)
			decode_c0(raw, in);
		else if ((raw & 3) == 1)
			decode_c1(raw, in);
		else
			decode_c2(raw, in);
	}
	/* The dispatcher has a copy of each handler per length. */
	in->op = (uint16_t)(in->op * 2 + (in->len == 2));
}

static struct decoded_page *
decoded_page_alloc(struct page *page)
{
	struct decoded_page *dp = calloc(1, sizeof(*dp));

	if (!dp)
		return NULL;
	dp->page = page;
	dp->insn[INSN_SLOTS].op = RV_page_end * 2;
	dp->insn[INSN_SLOTS].len = 0;
	page->decoded = dp;
	return dp;
}

/* The decode cache of a frame, created empty on first execution. */
struct decoded_page *
decoded_page_get(struct page *page)
{
	return page->decoded ? page->decoded : decoded_page_alloc(page);
}

/* A write to a frame with decoded instructions: forget them. The array
 * stays (a running dispatch loop may point into it) and only each slot's op
 * goes back to "not decoded": the store that caused this may be running from
 * this very page and still needs its own slot's length to move on. */
void
decoded_page_invalidate(struct kernel *k, struct page *page)
{
	struct decoded_page *dp = page->decoded;

	(void)k;
	if (!dp || !dp->live)
		return;
	for (unsigned i = 0; i < INSN_SLOTS; i++)
		dp->insn[i].op = RV_decode * 2;
	dp->live = false;
}

void
decoded_page_free(struct page *page)
{
	free(page->decoded);
	page->decoded = NULL;
}
