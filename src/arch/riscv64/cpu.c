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
		old = (cpu->kernel->time_ns + (icount - cpu->instret)) /
		      (1000000000 / RISCV_TIMEBASE);
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
#define RV_OP_LABEL(name) [RV_##name * 2] = &&op_##name, [RV_##name * 2 + 1] = &&op_c_##name,
	static const void *const dispatch_table[RV_NR_OPS * 2] = { RV_OPS(RV_OP_LABEL) };
#undef RV_OP_LABEL
#define DISPATCH() goto *dispatch_table[in->op]
#else
#define DISPATCH() goto dispatch
#endif
/* Every handler exists twice, for a 4-byte and a 2-byte (compressed)
 * instruction: LEN is a constant in each copy, so stepping to the next slot
 * does not wait for a load of the current one. */
#define HANDLER(name, ...)                                                     \
	op_##name: { enum { LEN = 4 }; __VA_ARGS__ }                            \
	op_c_##name: { enum { LEN = 2 }; __VA_ARGS__ }
/* Retire the instruction and run the next one in sequence. */
#define NEXT()                                                                 \
	do {                                                                   \
		pc += LEN;                                                     \
		in = (struct insn *)((char *)in + LEN * 8);                    \
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
		pc += LEN;                                                     \
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
#define CSR(op)                                                                \
	do {                                                                   \
		if (!csr_access(cpu, regs, in, op, icount))                    \
			goto illegal;                                          \
		NEXT();                                                        \
	} while (0)
#define LR(type)                                                               \
	do {                                                                   \
		type *p_ = amo_ptr(cpu, RS1, sizeof(type));                    \
		if (unlikely(!p_))                                             \
			goto fault;                                            \
		cpu->reservation_addr = RS1;                                   \
		cpu->reservation_valid = 1;                                    \
		RD = (uint64_t)(int64_t)*p_;                                   \
		NEXT();                                                        \
	} while (0)
#define SC(type)                                                               \
	do {                                                                   \
		type *p_ = amo_ptr(cpu, RS1, sizeof(type));                    \
		bool ok_ = cpu->reservation_valid && cpu->reservation_addr == RS1; \
		if (unlikely(!p_))                                             \
			goto fault;                                            \
		cpu->reservation_valid = 0;                                    \
		if (ok_)                                                       \
			*p_ = (type)RS2;                                       \
		RD = !ok_;                                                     \
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
#define RV_OP_CASE(name) case RV_##name * 2: goto op_##name; \
			 case RV_##name * 2 + 1: goto op_c_##name;
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

HANDLER(decode,
	struct decoded_page *dp = container_of(base, struct decoded_page, insn[0]);
	unsigned off = pc & ~PAGE_MASK;
	uint32_t raw = 0;

	memcpy(&raw, dp->page->data + off, off <= PAGE_SIZE - 4 ? 4 : 2);
	if (off == PAGE_SIZE - 2 && (raw & 3) == 3) {
		/* A 4-byte instruction straddling two pages: decode it into
		 * the scratch slots every time, never into the cache. */
		struct decoded_page *next = itlb_fill(cpu, pc + 2);
		uint16_t hi;

		if (!next)
			goto fault;
		memcpy(&hi, next->page->data, 2);
		decode_insn((raw & 0xffff) | (uint32_t)hi << 16, &cpu->scratch[0]);
		cpu->scratch[2].op = RV_page_end * 2;
		in = &cpu->scratch[0];
		DISPATCH();
	}
	if (!dp->live) {
		dp->live = true;
		flush_write_tlb_page(cpu->kernel, dp->page);
	}
	decode_insn(raw, in);
	cpu->kernel->stats.insns_decoded++;
	DISPATCH();)
HANDLER(page_end, goto fetch;)
HANDLER(illegal, goto illegal;)
illegal:
	cpu->fault_addr = pc;
	cause = TRAP_ILLEGAL;
	goto out;
fault:
	cause = cpu->fault_cause;
	goto out;

HANDLER(lui, RD = (uint64_t)(int64_t)in->imm; NEXT();)
HANDLER(auipc, RD = pc + (int64_t)in->imm; NEXT();)
HANDLER(jal, RD = pc + LEN; JUMP(pc + (int64_t)in->imm);)
HANDLER(jalr,
	{
		uint64_t t = (RS1 + (int64_t)in->imm) & ~1ULL;

		RD = pc + LEN;
		JUMP(t);
	})

HANDLER(beq, BRANCH(RS1 == RS2);)
HANDLER(bne, BRANCH(RS1 != RS2);)
HANDLER(blt, BRANCH((int64_t)RS1 < (int64_t)RS2);)
HANDLER(bge, BRANCH((int64_t)RS1 >= (int64_t)RS2);)
HANDLER(bltu, BRANCH(RS1 < RS2);)
HANDLER(bgeu, BRANCH(RS1 >= RS2);)
HANDLER(lb, LOAD(int8_t, RD = (uint64_t)(int64_t)v_); NEXT();)
HANDLER(lh, LOAD(int16_t, RD = (uint64_t)(int64_t)v_); NEXT();)
HANDLER(lw, LOAD(int32_t, RD = (uint64_t)(int64_t)v_); NEXT();)
HANDLER(ld, LOAD(uint64_t, RD = v_); NEXT();)
HANDLER(lbu, LOAD(uint8_t, RD = v_); NEXT();)
HANDLER(lhu, LOAD(uint16_t, RD = v_); NEXT();)
HANDLER(lwu, LOAD(uint32_t, RD = v_); NEXT();)
HANDLER(sb, STORE(uint8_t, RS2);)
HANDLER(sh, STORE(uint16_t, RS2);)
HANDLER(sw, STORE(uint32_t, RS2);)
HANDLER(sd, STORE(uint64_t, RS2);)
HANDLER(addi, RD = RS1 + (int64_t)in->imm; NEXT();)
HANDLER(slti, RD = (int64_t)RS1 < (int64_t)in->imm; NEXT();)
HANDLER(sltiu, RD = RS1 < (uint64_t)(int64_t)in->imm; NEXT();)
HANDLER(xori, RD = RS1 ^ (uint64_t)(int64_t)in->imm; NEXT();)
HANDLER(ori, RD = RS1 | (uint64_t)(int64_t)in->imm; NEXT();)
HANDLER(andi, RD = RS1 & (uint64_t)(int64_t)in->imm; NEXT();)
HANDLER(slli, RD = RS1 << in->imm; NEXT();)
HANDLER(srli, RD = RS1 >> in->imm; NEXT();)
HANDLER(srai, RD = (uint64_t)((int64_t)RS1 >> in->imm); NEXT();)
HANDLER(add, RD = RS1 + RS2; NEXT();)
HANDLER(sub, RD = RS1 - RS2; NEXT();)
HANDLER(sll, RD = RS1 << (RS2 & 63); NEXT();)
HANDLER(slt, RD = (int64_t)RS1 < (int64_t)RS2; NEXT();)
HANDLER(sltu, RD = RS1 < RS2; NEXT();)
HANDLER(xor, RD = RS1 ^ RS2; NEXT();)
HANDLER(srl, RD = RS1 >> (RS2 & 63); NEXT();)
HANDLER(sra, RD = (uint64_t)((int64_t)RS1 >> (RS2 & 63)); NEXT();)
HANDLER(or, RD = RS1 | RS2; NEXT();)
HANDLER(and, RD = RS1 & RS2; NEXT();)
HANDLER(addiw, RD = (uint64_t)(int64_t)(int32_t)(uint32_t)(RS1 + (int64_t)in->imm); NEXT();)
HANDLER(slliw, RD = (uint64_t)(int64_t)(int32_t)((uint32_t)RS1 << in->imm); NEXT();)
HANDLER(srliw, RD = (uint64_t)(int64_t)(int32_t)((uint32_t)RS1 >> in->imm); NEXT();)
HANDLER(sraiw, RD = (uint64_t)(int64_t)((int32_t)(uint32_t)RS1 >> in->imm); NEXT();)
HANDLER(addw, RD = (uint64_t)(int64_t)(int32_t)(uint32_t)(RS1 + RS2); NEXT();)
HANDLER(subw, RD = (uint64_t)(int64_t)(int32_t)(uint32_t)(RS1 - RS2); NEXT();)
HANDLER(sllw, RD = (uint64_t)(int64_t)(int32_t)((uint32_t)RS1 << (RS2 & 31)); NEXT();)
HANDLER(srlw, RD = (uint64_t)(int64_t)(int32_t)((uint32_t)RS1 >> (RS2 & 31)); NEXT();)
HANDLER(sraw, RD = (uint64_t)(int64_t)((int32_t)(uint32_t)RS1 >> (RS2 & 31)); NEXT();)
HANDLER(fence, NEXT();)
/* Stores to decoded code already invalidated it (see decoded_page). */
HANDLER(fence_i, NEXT();)
HANDLER(ecall, cause = TRAP_ECALL; goto out;)
HANDLER(ebreak, cpu->fault_addr = pc; cause = TRAP_EBREAK; goto out;)
HANDLER(csrrw, CSR(RV_csrrw);)
HANDLER(csrrs, CSR(RV_csrrs);)
HANDLER(csrrc, CSR(RV_csrrc);)
HANDLER(csrrwi, CSR(RV_csrrwi);)
HANDLER(csrrsi, CSR(RV_csrrsi);)
HANDLER(csrrci, CSR(RV_csrrci);)

HANDLER(mul, RD = RS1 * RS2; NEXT();)
HANDLER(mulh, RD = (uint64_t)(((__int128)(int64_t)RS1 * (int64_t)RS2) >> 64); NEXT();)
HANDLER(mulhsu, RD = (uint64_t)(((__int128)(int64_t)RS1 * (unsigned __int128)RS2) >> 64); NEXT();)
HANDLER(mulhu, RD = (uint64_t)(((unsigned __int128)RS1 * RS2) >> 64); NEXT();)
HANDLER(div,
	{
		int64_t a = (int64_t)RS1, b = (int64_t)RS2;

		RD = b == 0 ? ~0ULL : (a == INT64_MIN && b == -1) ? (uint64_t)a : (uint64_t)(a / b);
		NEXT();
	})

HANDLER(divu, RD = RS2 == 0 ? ~0ULL : RS1 / RS2; NEXT();)
HANDLER(rem,
	{
		int64_t a = (int64_t)RS1, b = (int64_t)RS2;

		RD = b == 0 ? (uint64_t)a : (a == INT64_MIN && b == -1) ? 0 : (uint64_t)(a % b);
		NEXT();
	})

HANDLER(remu, RD = RS2 == 0 ? RS1 : RS1 % RS2; NEXT();)
HANDLER(mulw, RD = (uint64_t)(int64_t)(int32_t)(uint32_t)(RS1 * RS2); NEXT();)
HANDLER(divw,
	{
		int32_t a = (int32_t)RS1, b = (int32_t)RS2;

		RD = (uint64_t)(int64_t)(b == 0 ? -1 : (a == INT32_MIN && b == -1) ? a : a / b);
		NEXT();
	})

HANDLER(divuw,
	{
		uint32_t a = (uint32_t)RS1, b = (uint32_t)RS2;

		RD = (uint64_t)(int64_t)(int32_t)(b == 0 ? ~0U : a / b);
		NEXT();
	})

HANDLER(remw,
	{
		int32_t a = (int32_t)RS1, b = (int32_t)RS2;

		RD = (uint64_t)(int64_t)(b == 0 ? a : (a == INT32_MIN && b == -1) ? 0 : a % b);
		NEXT();
	})

HANDLER(remuw,
	{
		uint32_t a = (uint32_t)RS1, b = (uint32_t)RS2;

		RD = (uint64_t)(int64_t)(int32_t)(b == 0 ? a : a % b);
		NEXT();
	})

/* LR/SC: one reservation per hart, dropped by any SC and whenever the hart
 * returns to the kernel (another hart may run and store in between). */
HANDLER(lr_w, LR(int32_t);)
HANDLER(lr_d, LR(int64_t);)
HANDLER(sc_w, SC(int32_t);)
HANDLER(sc_d, SC(int64_t);)
HANDLER(amoswap_w, AMO(int32_t, src_);)
HANDLER(amoadd_w, AMO(int32_t, (int32_t)((uint32_t)old_ + (uint32_t)src_));)
HANDLER(amoxor_w, AMO(int32_t, old_ ^ src_);)
HANDLER(amoand_w, AMO(int32_t, old_ & src_);)
HANDLER(amoor_w, AMO(int32_t, old_ | src_);)
HANDLER(amomin_w, AMO(int32_t, old_ < src_ ? old_ : src_);)
HANDLER(amomax_w, AMO(int32_t, old_ > src_ ? old_ : src_);)
HANDLER(amominu_w, AMO(int32_t, (uint32_t)old_ < (uint32_t)src_ ? old_ : src_);)
HANDLER(amomaxu_w, AMO(int32_t, (uint32_t)old_ > (uint32_t)src_ ? old_ : src_);)
HANDLER(amoswap_d, AMO(int64_t, src_);)
HANDLER(amoadd_d, AMO(int64_t, (int64_t)((uint64_t)old_ + (uint64_t)src_));)
HANDLER(amoxor_d, AMO(int64_t, old_ ^ src_);)
HANDLER(amoand_d, AMO(int64_t, old_ & src_);)
HANDLER(amoor_d, AMO(int64_t, old_ | src_);)
HANDLER(amomin_d, AMO(int64_t, old_ < src_ ? old_ : src_);)
HANDLER(amomax_d, AMO(int64_t, old_ > src_ ? old_ : src_);)
HANDLER(amominu_d, AMO(int64_t, (uint64_t)old_ < (uint64_t)src_ ? old_ : src_);)
HANDLER(amomaxu_d, AMO(int64_t, (uint64_t)old_ > (uint64_t)src_ ? old_ : src_);)
HANDLER(flw, LOAD(uint32_t, f[in->rd] = 0xffffffff00000000ULL | v_); NEXT();)
HANDLER(fld, LOAD(uint64_t, f[in->rd] = v_); NEXT();)
HANDLER(fsw, STORE(uint32_t, f[in->rs2]);)
HANDLER(fsd, STORE(uint64_t, f[in->rs2]);)
HANDLER(fmadd_s, FP_OP3(fmadd_s);)
HANDLER(fmsub_s, FP_OP3(fmsub_s);)
HANDLER(fnmsub_s, FP_OP3(fnmsub_s);)
HANDLER(fnmadd_s, FP_OP3(fnmadd_s);)
HANDLER(fmadd_d, FP_OP3(fmadd_d);)
HANDLER(fmsub_d, FP_OP3(fmsub_d);)
HANDLER(fnmsub_d, FP_OP3(fnmsub_d);)
HANDLER(fnmadd_d, FP_OP3(fnmadd_d);)
HANDLER(fadd_s, FP_OP2(fadd_s);)
HANDLER(fsub_s, FP_OP2(fsub_s);)
HANDLER(fmul_s, FP_OP2(fmul_s);)
HANDLER(fdiv_s, FP_OP2(fdiv_s);)
HANDLER(fadd_d, FP_OP2(fadd_d);)
HANDLER(fsub_d, FP_OP2(fsub_d);)
HANDLER(fmul_d, FP_OP2(fmul_d);)
HANDLER(fdiv_d, FP_OP2(fdiv_d);)
HANDLER(fsqrt_s, FP_RM(); f[in->rd] = fsqrt_s(regs, f[in->rs1], in->rm); NEXT();)
HANDLER(fsqrt_d, FP_RM(); f[in->rd] = fsqrt_d(regs, f[in->rs1], in->rm); NEXT();)
HANDLER(fsgnj_s, f[in->rd] = fsgnj_s(regs, f[in->rs1], f[in->rs2]); NEXT();)
HANDLER(fsgnjn_s, f[in->rd] = fsgnjn_s(regs, f[in->rs1], f[in->rs2]); NEXT();)
HANDLER(fsgnjx_s, f[in->rd] = fsgnjx_s(regs, f[in->rs1], f[in->rs2]); NEXT();)
HANDLER(fsgnj_d, f[in->rd] = fsgnj_d(regs, f[in->rs1], f[in->rs2]); NEXT();)
HANDLER(fsgnjn_d, f[in->rd] = fsgnjn_d(regs, f[in->rs1], f[in->rs2]); NEXT();)
HANDLER(fsgnjx_d, f[in->rd] = fsgnjx_d(regs, f[in->rs1], f[in->rs2]); NEXT();)
HANDLER(fmin_s, f[in->rd] = fmin_s(regs, f[in->rs1], f[in->rs2]); NEXT();)
HANDLER(fmax_s, f[in->rd] = fmax_s(regs, f[in->rs1], f[in->rs2]); NEXT();)
HANDLER(fmin_d, f[in->rd] = fmin_d(regs, f[in->rs1], f[in->rs2]); NEXT();)
HANDLER(fmax_d, f[in->rd] = fmax_d(regs, f[in->rs1], f[in->rs2]); NEXT();)
HANDLER(fcvt_s_d, FP_RM(); f[in->rd] = fcvt_s_d(regs, f[in->rs1], in->rm); NEXT();)
HANDLER(fcvt_d_s, FP_RM(); f[in->rd] = fcvt_d_s(regs, f[in->rs1], in->rm); NEXT();)
HANDLER(feq_s, FP_CMP(feq_s);)
HANDLER(flt_s, FP_CMP(flt_s);)
HANDLER(fle_s, FP_CMP(fle_s);)
HANDLER(feq_d, FP_CMP(feq_d);)
HANDLER(flt_d, FP_CMP(flt_d);)
HANDLER(fle_d, FP_CMP(fle_d);)
HANDLER(fcvt_w_s, FP_TO_X(fcvt_w_s);)
HANDLER(fcvt_wu_s, FP_TO_X(fcvt_wu_s);)
HANDLER(fcvt_l_s, FP_TO_X(fcvt_l_s);)
HANDLER(fcvt_lu_s, FP_TO_X(fcvt_lu_s);)
HANDLER(fcvt_w_d, FP_TO_X(fcvt_w_d);)
HANDLER(fcvt_wu_d, FP_TO_X(fcvt_wu_d);)
HANDLER(fcvt_l_d, FP_TO_X(fcvt_l_d);)
HANDLER(fcvt_lu_d, FP_TO_X(fcvt_lu_d);)
HANDLER(fcvt_s_w, FP_FROM_X(fcvt_s_w);)
HANDLER(fcvt_s_wu, FP_FROM_X(fcvt_s_wu);)
HANDLER(fcvt_s_l, FP_FROM_X(fcvt_s_l);)
HANDLER(fcvt_s_lu, FP_FROM_X(fcvt_s_lu);)
HANDLER(fcvt_d_w, FP_FROM_X(fcvt_d_w);)
HANDLER(fcvt_d_wu, FP_FROM_X(fcvt_d_wu);)
HANDLER(fcvt_d_l, FP_FROM_X(fcvt_d_l);)
HANDLER(fcvt_d_lu, FP_FROM_X(fcvt_d_lu);)
HANDLER(fmv_x_w, RD = fmv_x_w(regs, f[in->rs1]); NEXT();)
HANDLER(fclass_s, RD = fclass_s(regs, f[in->rs1]); NEXT();)
HANDLER(fmv_x_d, RD = fmv_x_d(regs, f[in->rs1]); NEXT();)
HANDLER(fclass_d, RD = fclass_d(regs, f[in->rs1]); NEXT();)
HANDLER(fmv_w_x, f[in->rd] = fmv_w_x(regs, RS1); NEXT();)
HANDLER(fmv_d_x, f[in->rd] = fmv_d_x(regs, RS1); NEXT();)
out:
	fpu_leave(regs);
	regs->pc = pc;
	cpu->instret = icount;
	cpu->reservation_valid = 0;
	x[32] = 0;
	return cause;
}
