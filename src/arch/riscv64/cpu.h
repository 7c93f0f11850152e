/* The RV64GC processor: user-mode register state, the simulated hart, its
 * software TLB and the pre-decoded instruction cache.
 *
 * Only src/arch/riscv64/ knows the ISA; generic code sees struct pt_regs
 * through the accessors at the bottom and calls cpu_run(). */
#ifndef ARCH_RISCV64_CPU_H
#define ARCH_RISCV64_CPU_H

#include <taskbox/types.h>

struct kernel;
struct task_struct;
struct mm_struct;
struct page;

/* User-mode register state of a task (Linux: struct pt_regs plus the FP part
 * of struct thread_struct). x[0] always reads 0: the decoder redirects writes
 * to x0 into x[32], a sink nothing reads. */
struct pt_regs {
	uint64_t x[33];
	uint64_t f[32];
	uint64_t pc;
	uint32_t fflags;	/* accrued exception flags (lazily merged from the host) */
	uint32_t frm;		/* dynamic rounding mode */
};

/* ABI register names used by the syscall and exec code. */
/* rdtime counts at 10 MHz, as on QEMU's virt board (Linux: riscv_timebase). */
#define RISCV_TIMEBASE	10000000

#define REG_RA	1
#define REG_SP	2
#define REG_GP	3
#define REG_TP	4
#define REG_A0	10
#define REG_A7	17

/* One pre-decoded instruction. The decoder fills it once; the dispatcher
 * jumps on `op` without looking at the instruction bits again. 16 bytes, so
 * that the next slot is `in + len * 8` bytes on: one x86 lea. */
struct insn {
	uint16_t op;		/* enum rv_op * 2, +1 if compressed; 0 = not decoded */
	uint8_t rd, rs1, rs2, rs3;
	uint8_t rm;		/* static rounding mode, or aq/rl for AMOs */
	uint8_t len;		/* 2 or 4 bytes */
	int32_t imm;
	uint32_t unused;
};
_Static_assert(sizeof(struct insn) == 16, "slot stride is len * 8 bytes");

#define INSN_SLOTS	(PAGE_SIZE / 2)	/* one slot per 2-byte parcel */

/* Decoded instructions of one page frame, one slot per 2 bytes, plus a
 * sentinel slot that ends sequential execution at the page end. `live` is
 * set while any slot is decoded; then the frame has no write-TLB entry, so a
 * store to it takes the slow path and clears the cache (self-modifying code
 * and fence.i need nothing more). */
struct decoded_page {
	struct insn insn[INSN_SLOTS + 1];
	struct page *page;
	bool live;
};

/* A software TLB entry: guest page address -> host address of its frame.
 * tag is the page address, or TLB_INVALID. A hit gives host = addr + addend. */
struct tlb_entry {
	uint64_t tag;
	uintptr_t addend;
};

struct itlb_entry {
	uint64_t tag;
	struct decoded_page *dp;
};

#define TLB_BITS	8
#define TLB_SIZE	(1u << TLB_BITS)
#define TLB_INVALID	(~0ULL)

/* Why cpu_run() returned to the kernel. */
enum trap_cause {
	TRAP_QUANTUM,		/* instruction budget used up */
	TRAP_ECALL,		/* syscall: pc still points at the ecall */
	TRAP_EBREAK,		/* SIGTRAP */
	TRAP_ILLEGAL,		/* SIGILL */
	TRAP_PAGE_FAULT,	/* SIGSEGV: fault_addr, fault_code */
	TRAP_BUS,		/* SIGBUS: fault_addr (file mapping past EOF) */
};

/* A simulated hart. The kernel runs each in turn for a quantum. */
struct cpu {
	struct kernel *kernel;
	int id;
	struct task_struct *current;
	struct mm_struct *tlb_mm;	/* the address space the TLBs describe */
	struct tlb_entry tlb_read[TLB_SIZE];
	struct tlb_entry tlb_write[TLB_SIZE];
	struct itlb_entry itlb[TLB_SIZE];
	/* A 4-byte instruction straddling two pages is decoded here, never cached. */
	struct insn scratch[3];

	uint64_t instret;		/* instructions retired on this hart */
	uint64_t fault_addr;
	enum trap_cause fault_cause;	/* TRAP_PAGE_FAULT or TRAP_BUS */
	int fault_code;			/* SEGV_MAPERR / SEGV_ACCERR */
	uint32_t reservation_valid;	/* LR/SC */
	uint64_t reservation_addr;
};

/* --- cpu.c (the dispatch loop) --- */
enum trap_cause cpu_run(struct cpu *cpu, struct pt_regs *regs, uint64_t budget);

/* --- tlb.c --- */
void tlb_flush(struct cpu *cpu);
void flush_tlb_mm(struct kernel *k, struct mm_struct *mm);
void flush_tlb_page(struct kernel *k, struct mm_struct *mm, uint64_t addr);
/* Fault in the page of addr for a read (write = false) or write, fill the
 * TLB and return the host address of addr; NULL (fault_* set) on a fault. */
void *tlb_fill(struct cpu *cpu, uint64_t addr, bool write);
struct decoded_page *itlb_fill(struct cpu *cpu, uint64_t pc);
void flush_write_tlb_page(struct kernel *k, struct page *page);
bool load_slow(struct cpu *cpu, uint64_t addr, unsigned size, uint64_t *val);
bool store_slow(struct cpu *cpu, uint64_t addr, unsigned size, uint64_t val);

/* --- decode.c --- */
void decode_insn(uint32_t raw, struct insn *in);
struct decoded_page *decoded_page_get(struct page *page);
void decoded_page_invalidate(struct kernel *k, struct page *page);
void decoded_page_free(struct page *page);

#endif
