/*
 * isa.h - helpers shared by the directed processor tests in tests/isa/.
 *
 * Every directed test is a static riscv64 program that prints what the
 * processor computed, in hex, one fact per line.  tests/isa/run runs it under
 * qemu-riscv64 and under taskbox and compares the two stdouts byte for byte:
 * the expected output is whatever qemu prints, never something written here.
 *
 * So a test only has to make the processor do something interesting and print
 * every result it produced (register values, memory, fflags), never judge it.
 */
#ifndef ISA_H
#define ISA_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/*
 * The directed tests are about the 32-bit encodings: keep the assembler
 * from silently turning an `add` into a `c.add` (it compresses whenever the
 * operands allow).  rvc.S and the random test cover the compressed forms.
 */
asm(".option norvc");

typedef uint64_t u64;
typedef int64_t i64;
typedef uint32_t u32;

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Integer operands that find the usual bugs: sign bits of both widths,
 * carries across bit 31 and bit 63, values whose low word differs in sign
 * from the whole register (for the W forms), and the division overflow pair.
 */
static const u64 int_edges[] = {
	0x0000000000000000, 0x0000000000000001, 0xffffffffffffffff,
	0x0000000000000002, 0xfffffffffffffffe, 0x7fffffffffffffff,
	0x8000000000000000, 0x8000000000000001, 0x000000007fffffff,
	0x0000000080000000, 0x00000000ffffffff, 0xffffffff80000000,
	0xffffffff7fffffff, 0x0000000100000000, 0x123456789abcdef0,
	0xfedcba9876543210, 0x0000000000000003, 0xfffffffffffffffd,
};

/* Shift amounts: every interesting boundary of a 5- and a 6-bit field. */
static const u64 shift_amounts[] = {
	0, 1, 2, 7, 15, 16, 30, 31, 32, 33, 62, 63, 64, 65, 95, 96, 127, 128,
	0xffffffffffffffff, 0xffffffffffffffe0, 0x8000000000000021,
};

/* Classic "print op, inputs, result" lines. */
static inline void p1(const char *op, u64 a, u64 r)
{
	printf("%s %016lx -> %016lx\n", op, a, r);
}

static inline void p2(const char *op, u64 a, u64 b, u64 r)
{
	printf("%s %016lx %016lx -> %016lx\n", op, a, b, r);
}

static inline void pimm(const char *op, u64 a, long imm, u64 r)
{
	printf("%s %016lx %ld -> %016lx\n", op, a, imm, r);
}

/* Raw fcsr access, so no libc floating-point code gets in between. */
static inline void set_frm(unsigned rm)
{
	asm volatile("fsrm %0" : : "r"((u64)rm));
}

static inline void set_fcsr(u64 v)
{
	asm volatile("fscsr %0" : : "r"(v));
}

static inline u64 get_fcsr(void)
{
	u64 v;

	asm volatile("frcsr %0" : "=r"(v));
	return v;
}

#endif
