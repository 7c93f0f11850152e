/*
 * rv64i_branch: conditional branches taken and not taken on signed and
 * unsigned edges, backward loops, branch and jal offsets near the ends of
 * their ranges, jal/jalr link values, and jalr's target rule: the low bit of
 * rs1 + imm is cleared, and rs1 is read before rd is written (rd == rs1).
 *
 * Addresses are never printed; only differences between a link register and
 * the label it must point at, so the program may be linked anywhere.
 */
#include "isa.h"

typedef u64 (*br_fn)(u64, u64);

/* Returns 1 if the branch was taken. */
#define BR(op)                                                            \
	static u64 br_##op(u64 a, u64 b)                                  \
	{                                                                 \
		u64 t;                                                    \
		asm volatile("li %0, 1\n\t" #op " %1, %2, 1f\n\t"         \
			     "li %0, 0\n1:"                               \
			     : "=&r"(t) : "r"(a), "r"(b));                \
		return t;                                                 \
	}

BR(beq) BR(bne) BR(blt) BR(bge) BR(bltu) BR(bgeu)

static void conditional_branches(void)
{
	static const struct {
		const char *name;
		br_fn fn;
	} ops[] = {
		{ "beq", br_beq },   { "bne", br_bne },   { "blt", br_blt },
		{ "bge", br_bge },   { "bltu", br_bltu }, { "bgeu", br_bgeu },
	};

	for (size_t k = 0; k < ARRAY_SIZE(ops); k++)
		for (size_t i = 0; i < ARRAY_SIZE(int_edges); i++)
			for (size_t j = 0; j < ARRAY_SIZE(int_edges); j++)
				printf("%s %016lx %016lx -> %s\n", ops[k].name,
				       int_edges[i], int_edges[j],
				       ops[k].fn(int_edges[i], int_edges[j]) ?
					       "taken" : "not-taken");
}

/* Branches against x0, and the same register on both sides. */
static void branches_on_x0_and_self(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(int_edges); i++) {
		u64 v = int_edges[i], t[6];

		asm volatile("li %0, 1\n\tbeqz %6, 1f\n\tli %0, 0\n1:\n\t"
			     "li %1, 1\n\tbnez %6, 1f\n\tli %1, 0\n1:\n\t"
			     "li %2, 1\n\tbltz %6, 1f\n\tli %2, 0\n1:\n\t"
			     "li %3, 1\n\tbgez %6, 1f\n\tli %3, 0\n1:\n\t"
			     "li %4, 1\n\tblt %6, %6, 1f\n\tli %4, 0\n1:\n\t"
			     "li %5, 1\n\tbgeu %6, %6, 1f\n\tli %5, 0\n1:"
			     : "=&r"(t[0]), "=&r"(t[1]), "=&r"(t[2]),
			       "=&r"(t[3]), "=&r"(t[4]), "=&r"(t[5])
			     : "r"(v));
		printf("beqz/bnez/bltz/bgez/blt-self/bgeu-self %016lx -> "
		       "%lu %lu %lu %lu %lu %lu\n",
		       v, t[0], t[1], t[2], t[3], t[4], t[5]);
	}
}

static void backward_loops(void)
{
	u64 n = 1000, acc = 0, i = 0;

	asm volatile("1: add %0, %0, %1\n\taddi %1, %1, 1\n\t"
		     "bltu %1, %2, 1b"
		     : "+r"(acc), "+r"(i) : "r"(n));
	printf("bltu loop sum 0..999 -> %lu (i=%lu)\n", acc, i);
	i = 0x7ffffffffffffff0, acc = 0;
	asm volatile("1: addi %0, %0, 1\n\taddi %1, %1, 1\n\t"
		     "bgt %1, x0, 1b"
		     : "+r"(acc), "+r"(i));
	printf("signed loop until overflow -> %lu (i=%016lx)\n", acc, i);
}

/*
 * Offsets near the limits: a taken conditional branch over 4088 bytes of
 * nops (12-bit scaled range is +-4 KiB), and jal over half a mebibyte in
 * both directions (its range is +-1 MiB, so bit 19 of the offset is used).
 */
static void long_offsets(void)
{
	u64 t;

	asm volatile("li %0, 1\n\t"
		     "beq x0, x0, 1f\n\t"
		     ".option push\n\t.option norvc\n\t"
		     ".fill 1021, 4, 0x00000013\n\t"
		     ".option pop\n\t"
		     "li %0, 0\n1:"
		     : "=&r"(t));
	printf("beq +4092 -> %s\n", t ? "taken" : "not-taken");
	asm volatile("li %0, 0\n\t"
		     "j 2f\n"
		     "1: li %0, 7\n\tj 3f\n\t"
		     ".skip 0x80000\n"
		     "2: jal x0, 1b\n\t"
		     "li %0, 9\n"
		     "3:"
		     : "=&r"(t));
	printf("jal +512KiB then -512KiB -> %lu\n", t);
	asm volatile("li %0, 1\n\t"
		     "j 2f\n"
		     "1: li %0, 5\n\tj 3f\n"
		     ".option push\n\t.option norvc\n\t"
		     ".fill 1020, 4, 0x00000013\n\t"
		     ".option pop\n"
		     "2: bne %0, x0, 1b\n\t"
		     "li %0, 0\n"
		     "3:"
		     : "=&r"(t));
	printf("bne -4088 -> %lu\n", t);
}

static void jal_links(void)
{
	u64 link, label, marker;

	asm volatile("li %2, 0\n\t"
		     "jal %0, 1f\n\t"
		     "li %2, 99\n"
		     "1: lla %1, 1b"
		     : "=&r"(link), "=&r"(label), "=&r"(marker));
	printf("jal link -> target%+ld marker %lu\n", (long)(link - label),
	       marker);
	asm volatile("li %1, 0\n\t"
		     "jal x0, 1f\n\t"
		     "li %1, 99\n"
		     "1: li %0, 1"
		     : "=&r"(link), "=&r"(marker));
	printf("jal x0 -> skipped marker %lu\n", marker);
}

/*
 * Each jalr case jumps over a marker store to label 1, and reports the link
 * relative to label 2, which sits right after the jalr.
 */
#define JALR_CASE(name, setup, insn)                                      \
	{                                                                 \
		u64 base, link, ret, marker;                              \
		asm volatile("li %3, 0\n\t" setup "\n\t"                  \
			     insn "\n2:\n\t"                              \
			     "li %3, 99\n"                                \
			     "1: lla %2, 2b"                              \
			     : "=&r"(base), "=&r"(link), "=&r"(ret),      \
			       "=&r"(marker));                            \
		printf("%s -> link=after%+ld marker %lu\n", name,         \
		       (long)(link - ret), marker);                       \
	}

static void jalr_targets(void)
{
	JALR_CASE("jalr 0(rs1)", "lla %0, 1f", "jalr %1, 0(%0)")
	JALR_CASE("jalr odd rs1", "lla %0, 1f + 1", "jalr %1, 0(%0)")
	JALR_CASE("jalr odd via imm", "lla %0, 1f", "jalr %1, 1(%0)")
	JALR_CASE("jalr imm 2047", "lla %0, 1f - 2047", "jalr %1, 2047(%0)")
	JALR_CASE("jalr imm -2048", "lla %0, 1f + 2048", "jalr %1, -2048(%0)")
	JALR_CASE("jalr odd imm -2047", "lla %0, 1f + 2048",
		  "jalr %1, -2047(%0)")
	/* rd == rs1: the old value is the target, the new one the link. */
	JALR_CASE("jalr rd=rs1", "lla %1, 1f", "jalr %1, 0(%1)")
	JALR_CASE("jalr rd=rs1 odd", "lla %1, 1f + 3", "jalr %1, -2(%1)")
	JALR_CASE("jalr rd=x0", "lla %0, 1f\n\tlla %1, 2f", "jalr x0, 0(%0)")
}

static u64 __attribute__((noinline)) callee(u64 x)
{
	return x * 3 + 1;
}

static void call_and_return(void)
{
	u64 (*volatile fp)(u64) = callee;

	printf("call through pointer -> %lu\n", fp(41));
}

int main(void)
{
	conditional_branches();
	branches_on_x0_and_self();
	backward_loops();
	long_offsets();
	jal_links();
	jalr_targets();
	call_and_return();
	return 0;
}
