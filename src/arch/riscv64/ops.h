/* The pre-decoded operations of the RV64GC processor. One entry per
 * instruction semantics: compressed instructions decode to the same
 * operation as their 32-bit expansion (only insn.len differs). The list
 * expands into the op enum, the dispatch table and the debug names. */
#ifndef ARCH_RISCV64_OPS_H
#define ARCH_RISCV64_OPS_H

#define RV_OPS(X)                                                              \
	/* not instructions: lazy decode, end of a page, illegal */            \
	X(decode) X(page_end) X(illegal)                                       \
	/* RV64I */                                                            \
	X(lui) X(auipc) X(jal) X(jalr)                                         \
	X(beq) X(bne) X(blt) X(bge) X(bltu) X(bgeu)                            \
	X(lb) X(lh) X(lw) X(ld) X(lbu) X(lhu) X(lwu)                           \
	X(sb) X(sh) X(sw) X(sd)                                                \
	X(addi) X(slti) X(sltiu) X(xori) X(ori) X(andi)                        \
	X(slli) X(srli) X(srai)                                                \
	X(add) X(sub) X(sll) X(slt) X(sltu) X(xor) X(srl) X(sra) X(or) X(and)  \
	X(addiw) X(slliw) X(srliw) X(sraiw)                                    \
	X(addw) X(subw) X(sllw) X(srlw) X(sraw)                                \
	X(fence) X(fence_i) X(ecall) X(ebreak)                                 \
	/* Zicsr */                                                            \
	X(csrrw) X(csrrs) X(csrrc) X(csrrwi) X(csrrsi) X(csrrci)               \
	/* M */                                                                \
	X(mul) X(mulh) X(mulhsu) X(mulhu) X(div) X(divu) X(rem) X(remu)        \
	X(mulw) X(divw) X(divuw) X(remw) X(remuw)                              \
	/* A */                                                                \
	X(lr_w) X(sc_w) X(lr_d) X(sc_d)                                        \
	X(amoswap_w) X(amoadd_w) X(amoxor_w) X(amoand_w) X(amoor_w)            \
	X(amomin_w) X(amomax_w) X(amominu_w) X(amomaxu_w)                      \
	X(amoswap_d) X(amoadd_d) X(amoxor_d) X(amoand_d) X(amoor_d)            \
	X(amomin_d) X(amomax_d) X(amominu_d) X(amomaxu_d)                      \
	/* F and D */                                                          \
	X(flw) X(fsw) X(fld) X(fsd)                                            \
	X(fmadd_s) X(fmsub_s) X(fnmsub_s) X(fnmadd_s)                          \
	X(fmadd_d) X(fmsub_d) X(fnmsub_d) X(fnmadd_d)                          \
	X(fadd_s) X(fsub_s) X(fmul_s) X(fdiv_s) X(fsqrt_s)                     \
	X(fadd_d) X(fsub_d) X(fmul_d) X(fdiv_d) X(fsqrt_d)                     \
	X(fsgnj_s) X(fsgnjn_s) X(fsgnjx_s) X(fsgnj_d) X(fsgnjn_d) X(fsgnjx_d)  \
	X(fmin_s) X(fmax_s) X(fmin_d) X(fmax_d)                                \
	X(fcvt_s_d) X(fcvt_d_s)                                                \
	X(feq_s) X(flt_s) X(fle_s) X(feq_d) X(flt_d) X(fle_d)                  \
	X(fcvt_w_s) X(fcvt_wu_s) X(fcvt_l_s) X(fcvt_lu_s)                      \
	X(fcvt_w_d) X(fcvt_wu_d) X(fcvt_l_d) X(fcvt_lu_d)                      \
	X(fcvt_s_w) X(fcvt_s_wu) X(fcvt_s_l) X(fcvt_s_lu)                      \
	X(fcvt_d_w) X(fcvt_d_wu) X(fcvt_d_l) X(fcvt_d_lu)                      \
	X(fmv_x_w) X(fclass_s) X(fmv_x_d) X(fclass_d) X(fmv_w_x) X(fmv_d_x)

#define RV_OP_ENUM(name) RV_##name,
enum rv_op { RV_OPS(RV_OP_ENUM) RV_NR_OPS };
#undef RV_OP_ENUM

/* The operation of a decoded slot (insn.op also encodes the length). */
#define insn_op(in)	((enum rv_op)((in)->op >> 1))

extern const char *const rv_op_names[RV_NR_OPS];

#endif
