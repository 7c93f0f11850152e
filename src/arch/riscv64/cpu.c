/* The dispatch loop of the RV64GC processor.
 *
 * Instructions are decoded once into their frame's struct decoded_page and
 * dispatched on insn.op: through a computed-goto table in release builds and
 * a plain switch under the sanitizers (TASKBOX_SANITIZE). pc and the retired
 * count live in locals and are spilled only when the loop returns to the
 * kernel: at ecall, ebreak, a fault, an illegal instruction or the end of the
 * quantum (checked at taken branches, jumps and page ends, so straight-line
 * code needs no check). Loads and stores hit the software TLB inline. */
#include <string.h>

#include "arch/riscv64/cpu.h"
#include "arch/riscv64/fpu.h"
#include "arch/riscv64/ops.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "mm/mm.h"

#define TLB_MASK	(TLB_SIZE - 1)
#define CSR_FFLAGS	0x001
#define CSR_FRM		0x002
#define CSR_FCSR	0x003
#define CSR_CYCLE	0xc00
#define CSR_TIME	0xc01
#define CSR_INSTRET	0xc02
#define TIMEBASE_NS	100	/* rdtime ticks at 10 MHz, as on QEMU's virt board */

/* Zicsr: returns false for an illegal access (unknown CSR, write to a
 * read-only counter). */
static bool
csr_access(struct cpu *cpu, struct pt_regs *regs, const struct insn *in,
	   enum rv_op op, uint64_t icount)
{
	uint32_t csr = (uint32_t)in->imm & 0xfff;
	bool imm = op >= RV_csrrwi;
	uint64_t src = imm ? in->rs1 : regs->x[in->rs1];
	bool write = op == RV_csrrw || op == RV_csrrwi || in->rs1 != 0;
	uint64_t old;

	switch (csr) {
	case CSR_FFLAGS: case CSR_FRM: case CSR_FCSR:
		old = fpu_csr_read(regs, (int)csr);
		break;
	case CSR_CYCLE: case CSR_INSTRET:
		old = icount;
		break;
	case CSR_TIME:
		old = (cpu->kernel->time_ns + (icount - cpu->instret)) / TIMEBASE_NS;
		break;
	default:
		return false;
	}
	if (write) {
		uint64_t v = op == RV_csrrw || op == RV_csrrwi ? src :
			     op == RV_csrrs || op == RV_csrrsi ? old | src : old & ~src;

		if (csr >= CSR_CYCLE)
			return false;
		fpu_csr_write(regs, (int)csr, v);
	}
	regs->x[in->rd] = old;
	return true;
}

/* Host pointer for an atomic access: naturally aligned, writable. NULL on a
 * fault; a misaligned address faults with SIGBUS as on Linux. */
static inline void *
amo_ptr(struct cpu *cpu, uint64_t a, unsigned size)
{
	struct tlb_entry *e = &cpu->tlb_write[(a >> PAGE_SHIFT) & TLB_MASK];

	if (unlikely(a & (size - 1))) {
		cpu->fault_addr = a;
		cpu->fault_cause = TRAP_BUS;
		cpu->fault_code = BUS_ADRALN;
		return NULL;
	}
	if (likely(e->tag == (a & PAGE_MASK)))
		return (void *)(uintptr_t)(a + e->addend);
	return tlb_fill(cpu, a, true);
}

enum trap_cause
cpu_run(struct cpu *cpu, struct pt_regs *regs, uint64_t budget)
{
	uint64_t *const x = regs->x;
	uint64_t *const f = regs->f;
	uint64_t pc = regs->pc;
	uint64_t icount = cpu->instret;
	const uint64_t limit = icount + budget;
	struct insn *base, *in;
	enum trap_cause cause;

#ifndef TASKBOX_SANITIZE
#define RV_OP_LABEL(name) [RV_##name] = &&op_##name,
	static const void *const dispatch_table[RV_NR_OPS] = { RV_OPS(RV_OP_LABEL) };
#undef RV_OP_LABEL
#define DISPATCH() goto *dispatch_table[in->op]
#else
#define DISPATCH() goto dispatch
#endif
/* Retire the instruction and run the next one in sequence. */
#define NEXT()                                                                 \
	do {                                                                   \
		pc += in->len;                                                 \
		in += in->len >> 1;                                            \
		icount++;                                                      \
		DISPATCH();                                                    \
	} while (0)
/* Retire a control transfer to t: stay in this page's decoded array when
 * possible, else look the target page up. Budget is checked here. */
#define JUMP(t)                                                                \
	do {                                                                   \
		uint64_t t_ = (t);                                             \
		icount++;                                                      \
		if (likely((t_ ^ pc) < PAGE_SIZE && icount < limit)) {         \
			in = base + ((t_ & ~PAGE_MASK) >> 1);                  \
			pc = t_;                                               \
			DISPATCH();                                            \
		}                                                              \
		pc = t_;                                                       \
		goto fetch;                                                    \
	} while (0)
#define BRANCH(cond)                                                           \
	do {                                                                   \
		if (cond)                                                      \
			JUMP(pc + (int64_t)in->imm);                           \
		NEXT();                                                        \
	} while (0)
#define RS1	x[in->rs1]
#define RS2	x[in->rs2]
#define RD	x[in->rd]
#define ADDR	(RS1 + (int64_t)in->imm)
/* Loads: the TLB tag check also rejects misaligned addresses, which take
 * the slow path together with misses and page crossings. */
#define LOAD(type, dst)                                                        \
	do {                                                                   \
		uint64_t a_ = ADDR;                                            \
		struct tlb_entry *e_ = &cpu->tlb_read[(a_ >> PAGE_SHIFT) & TLB_MASK]; \
		type v_;                                                       \
		if (likely(e_->tag == (a_ & (PAGE_MASK | (sizeof(type) - 1))))) { \
			memcpy(&v_, (void *)(uintptr_t)(a_ + e_->addend), sizeof(v_)); \
		} else {                                                       \
			uint64_t w_;                                           \
			if (unlikely(!load_slow(cpu, a_, sizeof(type), &w_)))  \
				goto fault;                                    \
			memcpy(&v_, &w_, sizeof(v_));                          \
		}                                                              \
		dst;                                                           \
	} while (0)
/* Stores: a slow-path store may have changed the mapping or the decoded
 * code under us (copy-on-write, self-modifying code): refetch after it. */
#define STORE(type, val)                                                       \
	do {                                                                   \
		uint64_t a_ = ADDR;                                            \
		struct tlb_entry *e_ = &cpu->tlb_write[(a_ >> PAGE_SHIFT) & TLB_MASK]; \
		type v_ = (type)(val);                                         \
		if (likely(e_->tag == (a_ & (PAGE_MASK | (sizeof(type) - 1))))) { \
			memcpy((void *)(uintptr_t)(a_ + e_->addend), &v_, sizeof(v_)); \
			NEXT();                                                \
		}                                                              \
		if (unlikely(!store_slow(cpu, a_, sizeof(type), (uint64_t)v_))) \
			goto fault;                                            \
		pc += in->len;                                                 \
		icount++;                                                      \
		goto fetch;                                                    \
	} while (0)
#define AMO(type, expr)                                                        \
	do {                                                                   \
		type *p_ = amo_ptr(cpu, RS1, sizeof(type));                    \
		type old_, src_ = (type)RS2;                                   \
		if (unlikely(!p_))                                             \
			goto fault;                                            \
		old_ = *p_;                                                    \
		*p_ = (expr);                                                  \
		RD = (uint64_t)(int64_t)old_;                                  \
		NEXT();                                                        \
	} while (0)
#define FP_RM()                                                                \
	do {                                                                   \
		if (unlikely(!fpu_rm_valid(regs, in->rm)))                     \
			goto illegal;                                          \
	} while (0)
#define FP_OP2(name) do { FP_RM(); f[in->rd] = name(regs, f[in->rs1], f[in->rs2], in->rm); NEXT(); } while (0)
#define FP_OP3(name) do { FP_RM(); f[in->rd] = name(regs, f[in->rs1], f[in->rs2], f[in->rs3], in->rm); NEXT(); } while (0)
#define FP_TO_X(name) do { FP_RM(); RD = name(regs, f[in->rs1], in->rm); NEXT(); } while (0)
#define FP_FROM_X(name) do { FP_RM(); f[in->rd] = name(regs, RS1, in->rm); NEXT(); } while (0)
#define FP_CMP(name) do { RD = name(regs, f[in->rs1], f[in->rs2]); NEXT(); } while (0)

	fpu_enter(regs);
	goto fetch;

#ifdef TASKBOX_SANITIZE
dispatch:
	switch (in->op) {
#define RV_OP_CASE(name) case RV_##name: goto op_##name;
	RV_OPS(RV_OP_CASE)
#undef RV_OP_CASE
	default: goto illegal;
	}
#endif

fetch:
	if (unlikely(icount >= limit)) {
		cause = TRAP_QUANTUM;
		goto out;
	}
	{
		struct itlb_entry *e = &cpu->itlb[(pc >> PAGE_SHIFT) & TLB_MASK];
		struct decoded_page *dp;

		if (likely(e->tag == (pc & PAGE_MASK))) {
			dp = e->dp;
		} else {
			dp = itlb_fill(cpu, pc);
			if (!dp)
				goto fault;
		}
		base = dp->insn;
		in = base + ((pc & ~PAGE_MASK) >> 1);
	}
	DISPATCH();

op_decode: {
	struct decoded_page *dp = container_of(base, struct decoded_page, insn[0]);
	unsigned off = pc & ~PAGE_MASK;
	uint32_t raw = 0;

	memcpy(&raw, dp->page->data + off, off <= PAGE_SIZE - 4 ? 4 : 2);
	if (off == PAGE_SIZE - 2 && (raw & 3) == 3) {
		/* A 4-byte instruction straddling two pages: decode it into
		 * the scratch slots every time, never into the cache. */
		uint64_t hi;

		if (!load_slow(cpu, pc + 2, 2, &hi))
			goto fault;
		decode_insn((raw & 0xffff) | (uint32_t)hi << 16, &cpu->scratch[0]);
		cpu->scratch[2].op = RV_page_end;
		in = &cpu->scratch[0];
		DISPATCH();
	}
	if (!dp->live) {
		dp->live = true;
		flush_write_tlb_page(cpu->kernel, dp->page);
	}
	decode_insn(raw, in);
	cpu->kernel->stats.insns_decoded++;
	DISPATCH();
}
op_page_end:
	goto fetch;
op_illegal:
illegal:
	cpu->fault_addr = pc;
	cause = TRAP_ILLEGAL;
	goto out;
fault:
	cause = cpu->fault_cause;
	goto out;

op_lui:		RD = (uint64_t)(int64_t)in->imm; NEXT();
op_auipc:	RD = pc + (int64_t)in->imm; NEXT();
op_jal:		RD = pc + in->len; JUMP(pc + (int64_t)in->imm);
op_jalr: {
	uint64_t t = (RS1 + (int64_t)in->imm) & ~1ULL;

	RD = pc + in->len;
	JUMP(t);
}
op_beq:		BRANCH(RS1 == RS2);
op_bne:		BRANCH(RS1 != RS2);
op_blt:		BRANCH((int64_t)RS1 < (int64_t)RS2);
op_bge:		BRANCH((int64_t)RS1 >= (int64_t)RS2);
op_bltu:	BRANCH(RS1 < RS2);
op_bgeu:	BRANCH(RS1 >= RS2);
op_lb:		LOAD(int8_t, RD = (uint64_t)(int64_t)v_); NEXT();
op_lh:		LOAD(int16_t, RD = (uint64_t)(int64_t)v_); NEXT();
op_lw:		LOAD(int32_t, RD = (uint64_t)(int64_t)v_); NEXT();
op_ld:		LOAD(uint64_t, RD = v_); NEXT();
op_lbu:		LOAD(uint8_t, RD = v_); NEXT();
op_lhu:		LOAD(uint16_t, RD = v_); NEXT();
op_lwu:		LOAD(uint32_t, RD = v_); NEXT();
op_sb:		STORE(uint8_t, RS2);
op_sh:		STORE(uint16_t, RS2);
op_sw:		STORE(uint32_t, RS2);
op_sd:		STORE(uint64_t, RS2);
op_addi:	RD = RS1 + (int64_t)in->imm; NEXT();
op_slti:	RD = (int64_t)RS1 < (int64_t)in->imm; NEXT();
op_sltiu:	RD = RS1 < (uint64_t)(int64_t)in->imm; NEXT();
op_xori:	RD = RS1 ^ (uint64_t)(int64_t)in->imm; NEXT();
op_ori:		RD = RS1 | (uint64_t)(int64_t)in->imm; NEXT();
op_andi:	RD = RS1 & (uint64_t)(int64_t)in->imm; NEXT();
op_slli:	RD = RS1 << in->imm; NEXT();
op_srli:	RD = RS1 >> in->imm; NEXT();
op_srai:	RD = (uint64_t)((int64_t)RS1 >> in->imm); NEXT();
op_add:		RD = RS1 + RS2; NEXT();
op_sub:		RD = RS1 - RS2; NEXT();
op_sll:		RD = RS1 << (RS2 & 63); NEXT();
op_slt:		RD = (int64_t)RS1 < (int64_t)RS2; NEXT();
op_sltu:	RD = RS1 < RS2; NEXT();
op_xor:		RD = RS1 ^ RS2; NEXT();
op_srl:		RD = RS1 >> (RS2 & 63); NEXT();
op_sra:		RD = (uint64_t)((int64_t)RS1 >> (RS2 & 63)); NEXT();
op_or:		RD = RS1 | RS2; NEXT();
op_and:		RD = RS1 & RS2; NEXT();
op_addiw:	RD = (uint64_t)(int64_t)(int32_t)(uint32_t)(RS1 + (int64_t)in->imm); NEXT();
op_slliw:	RD = (uint64_t)(int64_t)(int32_t)((uint32_t)RS1 << in->imm); NEXT();
op_srliw:	RD = (uint64_t)(int64_t)(int32_t)((uint32_t)RS1 >> in->imm); NEXT();
op_sraiw:	RD = (uint64_t)(int64_t)((int32_t)(uint32_t)RS1 >> in->imm); NEXT();
op_addw:	RD = (uint64_t)(int64_t)(int32_t)(uint32_t)(RS1 + RS2); NEXT();
op_subw:	RD = (uint64_t)(int64_t)(int32_t)(uint32_t)(RS1 - RS2); NEXT();
op_sllw:	RD = (uint64_t)(int64_t)(int32_t)((uint32_t)RS1 << (RS2 & 31)); NEXT();
op_srlw:	RD = (uint64_t)(int64_t)(int32_t)((uint32_t)RS1 >> (RS2 & 31)); NEXT();
op_sraw:	RD = (uint64_t)(int64_t)((int32_t)(uint32_t)RS1 >> (RS2 & 31)); NEXT();
op_fence:	NEXT();
/* Stores to decoded code already invalidated it (see decoded_page). */
op_fence_i:	NEXT();
op_ecall:	cause = TRAP_ECALL; goto out;
op_ebreak:	cpu->fault_addr = pc; cause = TRAP_EBREAK; goto out;
op_csrrw: op_csrrs: op_csrrc: op_csrrwi: op_csrrsi: op_csrrci:
	if (!csr_access(cpu, regs, in, (enum rv_op)in->op, icount))
		goto illegal;
	NEXT();

op_mul:		RD = RS1 * RS2; NEXT();
op_mulh:	RD = (uint64_t)(((__int128)(int64_t)RS1 * (int64_t)RS2) >> 64); NEXT();
op_mulhsu:	RD = (uint64_t)(((__int128)(int64_t)RS1 * (unsigned __int128)RS2) >> 64); NEXT();
op_mulhu:	RD = (uint64_t)(((unsigned __int128)RS1 * RS2) >> 64); NEXT();
op_div: {
	int64_t a = (int64_t)RS1, b = (int64_t)RS2;

	RD = b == 0 ? ~0ULL : (a == INT64_MIN && b == -1) ? (uint64_t)a : (uint64_t)(a / b);
	NEXT();
}
op_divu:	RD = RS2 == 0 ? ~0ULL : RS1 / RS2; NEXT();
op_rem: {
	int64_t a = (int64_t)RS1, b = (int64_t)RS2;

	RD = b == 0 ? (uint64_t)a : (a == INT64_MIN && b == -1) ? 0 : (uint64_t)(a % b);
	NEXT();
}
op_remu:	RD = RS2 == 0 ? RS1 : RS1 % RS2; NEXT();
op_mulw:	RD = (uint64_t)(int64_t)(int32_t)(uint32_t)(RS1 * RS2); NEXT();
op_divw: {
	int32_t a = (int32_t)RS1, b = (int32_t)RS2;

	RD = (uint64_t)(int64_t)(b == 0 ? -1 : (a == INT32_MIN && b == -1) ? a : a / b);
	NEXT();
}
op_divuw: {
	uint32_t a = (uint32_t)RS1, b = (uint32_t)RS2;

	RD = (uint64_t)(int64_t)(int32_t)(b == 0 ? ~0U : a / b);
	NEXT();
}
op_remw: {
	int32_t a = (int32_t)RS1, b = (int32_t)RS2;

	RD = (uint64_t)(int64_t)(b == 0 ? a : (a == INT32_MIN && b == -1) ? 0 : a % b);
	NEXT();
}
op_remuw: {
	uint32_t a = (uint32_t)RS1, b = (uint32_t)RS2;

	RD = (uint64_t)(int64_t)(int32_t)(b == 0 ? a : a % b);
	NEXT();
}

/* LR/SC: one reservation per hart, dropped by any SC and whenever the hart
 * returns to the kernel (another hart may run and store in between). */
op_lr_w: op_lr_d: {
	unsigned size = in->op == RV_lr_w ? 4 : 8;
	void *p = amo_ptr(cpu, RS1, size);

	if (!p)
		goto fault;
	cpu->reservation_addr = RS1;
	cpu->reservation_valid = 1;
	if (size == 4) {
		int32_t v;
		memcpy(&v, p, 4);
		RD = (uint64_t)(int64_t)v;
	} else {
		memcpy(&RD, p, 8);
	}
	NEXT();
}
op_sc_w: op_sc_d: {
	unsigned size = in->op == RV_sc_w ? 4 : 8;
	void *p = amo_ptr(cpu, RS1, size);
	bool ok = cpu->reservation_valid && cpu->reservation_addr == RS1;

	if (!p)
		goto fault;
	cpu->reservation_valid = 0;
	if (ok)
		memcpy(p, &RS2, size);
	RD = !ok;
	NEXT();
}
op_amoswap_w:	AMO(int32_t, src_);
op_amoadd_w:	AMO(int32_t, (int32_t)((uint32_t)old_ + (uint32_t)src_));
op_amoxor_w:	AMO(int32_t, old_ ^ src_);
op_amoand_w:	AMO(int32_t, old_ & src_);
op_amoor_w:	AMO(int32_t, old_ | src_);
op_amomin_w:	AMO(int32_t, old_ < src_ ? old_ : src_);
op_amomax_w:	AMO(int32_t, old_ > src_ ? old_ : src_);
op_amominu_w:	AMO(int32_t, (uint32_t)old_ < (uint32_t)src_ ? old_ : src_);
op_amomaxu_w:	AMO(int32_t, (uint32_t)old_ > (uint32_t)src_ ? old_ : src_);
op_amoswap_d:	AMO(int64_t, src_);
op_amoadd_d:	AMO(int64_t, (int64_t)((uint64_t)old_ + (uint64_t)src_));
op_amoxor_d:	AMO(int64_t, old_ ^ src_);
op_amoand_d:	AMO(int64_t, old_ & src_);
op_amoor_d:	AMO(int64_t, old_ | src_);
op_amomin_d:	AMO(int64_t, old_ < src_ ? old_ : src_);
op_amomax_d:	AMO(int64_t, old_ > src_ ? old_ : src_);
op_amominu_d:	AMO(int64_t, (uint64_t)old_ < (uint64_t)src_ ? old_ : src_);
op_amomaxu_d:	AMO(int64_t, (uint64_t)old_ > (uint64_t)src_ ? old_ : src_);

op_flw:		LOAD(uint32_t, f[in->rd] = 0xffffffff00000000ULL | v_); NEXT();
op_fld:		LOAD(uint64_t, f[in->rd] = v_); NEXT();
op_fsw:		STORE(uint32_t, f[in->rs2]);
op_fsd:		STORE(uint64_t, f[in->rs2]);
op_fmadd_s:	FP_OP3(fmadd_s);
op_fmsub_s:	FP_OP3(fmsub_s);
op_fnmsub_s:	FP_OP3(fnmsub_s);
op_fnmadd_s:	FP_OP3(fnmadd_s);
op_fmadd_d:	FP_OP3(fmadd_d);
op_fmsub_d:	FP_OP3(fmsub_d);
op_fnmsub_d:	FP_OP3(fnmsub_d);
op_fnmadd_d:	FP_OP3(fnmadd_d);
op_fadd_s:	FP_OP2(fadd_s);
op_fsub_s:	FP_OP2(fsub_s);
op_fmul_s:	FP_OP2(fmul_s);
op_fdiv_s:	FP_OP2(fdiv_s);
op_fadd_d:	FP_OP2(fadd_d);
op_fsub_d:	FP_OP2(fsub_d);
op_fmul_d:	FP_OP2(fmul_d);
op_fdiv_d:	FP_OP2(fdiv_d);
op_fsqrt_s:	FP_RM(); f[in->rd] = fsqrt_s(regs, f[in->rs1], in->rm); NEXT();
op_fsqrt_d:	FP_RM(); f[in->rd] = fsqrt_d(regs, f[in->rs1], in->rm); NEXT();
op_fsgnj_s:	f[in->rd] = fsgnj_s(regs, f[in->rs1], f[in->rs2]); NEXT();
op_fsgnjn_s:	f[in->rd] = fsgnjn_s(regs, f[in->rs1], f[in->rs2]); NEXT();
op_fsgnjx_s:	f[in->rd] = fsgnjx_s(regs, f[in->rs1], f[in->rs2]); NEXT();
op_fsgnj_d:	f[in->rd] = fsgnj_d(regs, f[in->rs1], f[in->rs2]); NEXT();
op_fsgnjn_d:	f[in->rd] = fsgnjn_d(regs, f[in->rs1], f[in->rs2]); NEXT();
op_fsgnjx_d:	f[in->rd] = fsgnjx_d(regs, f[in->rs1], f[in->rs2]); NEXT();
op_fmin_s:	f[in->rd] = fmin_s(regs, f[in->rs1], f[in->rs2]); NEXT();
op_fmax_s:	f[in->rd] = fmax_s(regs, f[in->rs1], f[in->rs2]); NEXT();
op_fmin_d:	f[in->rd] = fmin_d(regs, f[in->rs1], f[in->rs2]); NEXT();
op_fmax_d:	f[in->rd] = fmax_d(regs, f[in->rs1], f[in->rs2]); NEXT();
op_fcvt_s_d:	FP_RM(); f[in->rd] = fcvt_s_d(regs, f[in->rs1], in->rm); NEXT();
op_fcvt_d_s:	FP_RM(); f[in->rd] = fcvt_d_s(regs, f[in->rs1], in->rm); NEXT();
op_feq_s:	FP_CMP(feq_s);
op_flt_s:	FP_CMP(flt_s);
op_fle_s:	FP_CMP(fle_s);
op_feq_d:	FP_CMP(feq_d);
op_flt_d:	FP_CMP(flt_d);
op_fle_d:	FP_CMP(fle_d);
op_fcvt_w_s:	FP_TO_X(fcvt_w_s);
op_fcvt_wu_s:	FP_TO_X(fcvt_wu_s);
op_fcvt_l_s:	FP_TO_X(fcvt_l_s);
op_fcvt_lu_s:	FP_TO_X(fcvt_lu_s);
op_fcvt_w_d:	FP_TO_X(fcvt_w_d);
op_fcvt_wu_d:	FP_TO_X(fcvt_wu_d);
op_fcvt_l_d:	FP_TO_X(fcvt_l_d);
op_fcvt_lu_d:	FP_TO_X(fcvt_lu_d);
op_fcvt_s_w:	FP_FROM_X(fcvt_s_w);
op_fcvt_s_wu:	FP_FROM_X(fcvt_s_wu);
op_fcvt_s_l:	FP_FROM_X(fcvt_s_l);
op_fcvt_s_lu:	FP_FROM_X(fcvt_s_lu);
op_fcvt_d_w:	FP_FROM_X(fcvt_d_w);
op_fcvt_d_wu:	FP_FROM_X(fcvt_d_wu);
op_fcvt_d_l:	FP_FROM_X(fcvt_d_l);
op_fcvt_d_lu:	FP_FROM_X(fcvt_d_lu);
op_fmv_x_w:	RD = fmv_x_w(regs, f[in->rs1]); NEXT();
op_fclass_s:	RD = fclass_s(regs, f[in->rs1]); NEXT();
op_fmv_x_d:	RD = fmv_x_d(regs, f[in->rs1]); NEXT();
op_fclass_d:	RD = fclass_d(regs, f[in->rs1]); NEXT();
op_fmv_w_x:	f[in->rd] = fmv_w_x(regs, RS1); NEXT();
op_fmv_d_x:	f[in->rd] = fmv_d_x(regs, RS1); NEXT();

out:
	fpu_leave(regs);
	regs->pc = pc;
	cpu->instret = icount;
	cpu->reservation_valid = 0;
	x[32] = 0;
	return cause;
}
