/*
 * vm: a switch-dispatched bytecode interpreter, the shape of Python, Lua and
 * regex engines (and of taskbox's own processor before pre-decoding).
 *
 * A tiny register machine runs a loop program: for every n in 1..LIMIT it
 * walks the Collatz sequence of n down to 1 and counts the steps. Every
 * bytecode goes through one switch, which the compiler turns into a jump
 * table: one indirect jump per bytecode, whose target depends on the data.
 *
 * usage: vm [LIMIT]           prints the total number of Collatz steps
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define DEFAULT_LIMIT 250000

enum opcode {
	OP_LOADI,	/* r[a] = imm */
	OP_MOV,		/* r[a] = r[b] */
	OP_ADDI,	/* r[a] = r[b] + imm */
	OP_ANDI,	/* r[a] = r[b] & imm */
	OP_SHRI,	/* r[a] = r[b] >> imm */
	OP_MUL3INC,	/* r[a] = 3 * r[b] + 1 */
	OP_JMP,		/* pc = imm */
	OP_JZ,		/* if r[a] == 0: pc = imm */
	OP_JEQ,		/* if r[a] == r[b]: pc = imm */
	OP_JGT,		/* if r[a] > r[b]: pc = imm */
	OP_HALT,
};

struct insn {
	uint8_t op, a, b;
	int32_t imm;
};

enum { R_N, R_LIMIT, R_X, R_ONE, R_STEPS, R_T, NREGS };

/* Labels of the program below: instruction indexes. */
enum { L_OUTER = 3, L_INNER = 5, L_EVEN = 11, L_NEXT = 13, L_HALT = 15 };

static const struct insn collatz_program[] = {
	/*  0        */ { OP_LOADI, R_N, 0, 1 },
	/*  1        */ { OP_LOADI, R_ONE, 0, 1 },
	/*  2        */ { OP_LOADI, R_STEPS, 0, 0 },
	/*  3 outer: */ { OP_JGT, R_N, R_LIMIT, L_HALT },
	/*  4        */ { OP_MOV, R_X, R_N, 0 },
	/*  5 inner: */ { OP_JEQ, R_X, R_ONE, L_NEXT },
	/*  6        */ { OP_ADDI, R_STEPS, R_STEPS, 1 },
	/*  7        */ { OP_ANDI, R_T, R_X, 1 },
	/*  8        */ { OP_JZ, R_T, 0, L_EVEN },
	/*  9        */ { OP_MUL3INC, R_X, R_X, 0 },
	/* 10        */ { OP_JMP, 0, 0, L_INNER },
	/* 11 even:  */ { OP_SHRI, R_X, R_X, 1 },
	/* 12        */ { OP_JMP, 0, 0, L_INNER },
	/* 13 next:  */ { OP_ADDI, R_N, R_N, 1 },
	/* 14        */ { OP_JMP, 0, 0, L_OUTER },
	/* 15 halt:  */ { OP_HALT, 0, 0, 0 },
};

static uint64_t
run(const struct insn *prog, uint64_t *r)
{
	const struct insn *pc = prog;

	for (;;) {
		const struct insn *i = pc++;

		switch (i->op) {
		case OP_LOADI:	 r[i->a] = (uint64_t)(int64_t)i->imm; break;
		case OP_MOV:	 r[i->a] = r[i->b]; break;
		case OP_ADDI:	 r[i->a] = r[i->b] + (uint64_t)(int64_t)i->imm; break;
		case OP_ANDI:	 r[i->a] = r[i->b] & (uint64_t)(int64_t)i->imm; break;
		case OP_SHRI:	 r[i->a] = r[i->b] >> i->imm; break;
		case OP_MUL3INC: r[i->a] = 3 * r[i->b] + 1; break;
		case OP_JMP:	 pc = prog + i->imm; break;
		case OP_JZ:	 if (r[i->a] == 0) pc = prog + i->imm; break;
		case OP_JEQ:	 if (r[i->a] == r[i->b]) pc = prog + i->imm; break;
		case OP_JGT:	 if (r[i->a] > r[i->b]) pc = prog + i->imm; break;
		case OP_HALT:	 return r[R_STEPS];
		default:	 abort();
		}
	}
}

int
main(int argc, char **argv)
{
	long limit = argc > 1 ? atol(argv[1]) : DEFAULT_LIMIT;
	struct insn prog[16];
	uint64_t r[NREGS] = { 0 };
	unsigned int i;

	/* A writable copy, so the compiler cannot specialise run() on it. */
	for (i = 0; i < sizeof(collatz_program) / sizeof(collatz_program[0]); i++)
		prog[i] = collatz_program[i];
	r[R_LIMIT] = (uint64_t)limit;
	printf("vm limit=%ld checksum=%llu\n", limit,
	       (unsigned long long)run(prog, r));
	return 0;
}
