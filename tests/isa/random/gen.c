/*
 * gen - the generator of the differential random processor test.
 *
 *     gen FIRST COUNT [LENGTH]  > batch.S
 *
 * writes one riscv64 assembly file with COUNT test functions, for the seeds
 * FIRST .. FIRST+COUNT-1, and a table of them that random/main.c walks.
 * The same seed always gives the same program (our own PRNG, no libc rand).
 *
 * Each test function
 *   1. saves the caller's callee-saved registers, sp and fcsr;
 *   2. loads f0..f31 and x1, x5..x31 from seeded values (edge values, NaNs,
 *      infinities, subnormals, boxed and unboxed singles) and sets fcsr
 *      (a valid frm, random accrued flags);
 *   3. points sp into its own 512-byte data buffer, so the sp-based
 *      compressed instructions work on deterministic memory and every
 *      address the program can see is a link-time constant;
 *   4. runs LENGTH (default 200) random "units": one instruction, or a short
 *      group that must stay together (lla base + load/store/AMO, an LR/SC
 *      pair, a forward branch or jump and the units it may skip);
 *   5. stores x1, x5..x31, f0..f31 and fcsr into isa_rand_dump, restores
 *      the caller's state and returns.  main.c prints the dump and the data
 *      buffer.
 *
 * Only behaviour the ISA defines is generated: AMO and LR/SC addresses are
 * aligned; an LR is followed by its SC with only ALU work in between, and an
 * SC that must succeed retries (see unit_lrsc); frm is only ever set to a
 * valid mode (so dyn never traps); x2 (sp) is changed only by c.addi16sp
 * outside of skippable code, and x3/x4 (gp/tp) are never touched or read.
 *
 * The initial state is drawn before the body, so the program for a seed with
 * LENGTH k is a prefix of the one with a larger LENGTH: bisecting LENGTH
 * (ISA_LENGTH in tests/isa/run) finds the first unit whose result differs.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF_SIZE 512
#define DEFAULT_LENGTH 200

typedef uint64_t u64;

/* ---- Deterministic randomness (splitmix64). ---- */

static u64 rng_state;

static u64 rnd64(void)
{
	u64 z = (rng_state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static unsigned rnd(unsigned n)
{
	return (unsigned)(rnd64() % n);
}

/* Uniform in [lo, hi]. */
static long rnd_range(long lo, long hi)
{
	return lo + (long)(rnd64() % (u64)(hi - lo + 1));
}

static int chance(unsigned percent)
{
	return rnd(100) < percent;
}

#define PICK(arr) (arr[rnd(sizeof(arr) / sizeof((arr)[0]))])
#define N_ELEMS(arr) (sizeof(arr) / sizeof((arr)[0]))

/* ---- Output. ---- */

static void emit(const char *fmt, ...)
{
	va_list ap;

	putchar('\t');
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* ---- Per-seed generation state. ---- */

static struct {
	u64 seed;
	unsigned label;   /* next local label number */
	int sp_off;       /* sp - buffer, as tracked at generation time */
	int skipping;     /* inside code a forward branch may skip */
	/* Initial state, drawn before the body (see generate_seed). */
	unsigned fcsr;
	u64 x[32], f[32], buf[BUF_SIZE / 8];
	char fkind[32]; /* see fr_src() */
} g;

/* ---- Registers. ---- */

/* Destinations: anything but x0, sp, gp, tp (x0 is added on purpose). */
static int xrd(void)
{
	int r;

	if (chance(3))
		return 0;
	do
		r = (int)rnd_range(1, 31);
	while (r >= 2 && r <= 4);
	return r;
}

/* A destination that is never x0 (where the encoding forbids it). */
static int xrd_nz(void)
{
	int r;

	do
		r = (int)rnd_range(1, 31);
	while (r >= 2 && r <= 4);
	return r;
}

/* Sources: x0 and sp too (sp holds a link-time constant address here). */
static int xrs(void)
{
	if (chance(4))
		return 0;
	if (chance(2))
		return 2;
	return xrd_nz();
}

/*
 * A base register for an lla: mostly one of a few temporaries, so that
 * addresses do not crowd the edge values out of the other registers.
 */
static int xbase(void)
{
	static const int temps[] = { 5, 6, 7, 28, 29, 30 };

	return chance(70) ? PICK(temps) : xrd_nz();
}

/* The x8..x15 registers of the compressed formats. */
static int xc(void)
{
	return (int)rnd_range(8, 15);
}

/*
 * f registers, loosely typed: g.fkind[] remembers whether a register was
 * last written as a single ('S', NaN-boxed) or a double ('D').  Sources are
 * usually of the instruction's own format, so that values do not all decay
 * into canonical NaNs; now and then any register is taken, which exercises
 * the NaN-boxing rules.  (The record is only a bias: a skipped write makes
 * it wrong, which is harmless.)
 */
static int fr_src(char kind)
{
	int candidates[32], n = 0;

	for (int i = 0; i < 32; i++)
		if (g.fkind[i] == kind)
			candidates[n++] = i;
	if (n == 0 || chance(20))
		return (int)rnd(32);
	return candidates[rnd((unsigned)n)];
}

static int fr_dst(char kind)
{
	int r = (int)rnd(32);

	g.fkind[r] = kind;
	return r;
}

static int fc(void)
{
	return (int)rnd_range(8, 15);
}

static const char *const rm_names[] = { "rne", "rtz", "rdn", "rup", "rmm", "dyn" };

static const char *rm(void)
{
	return chance(30) ? "dyn" : rm_names[rnd(5)];
}

/* ---- Values. ---- */

static u64 int_value(void)
{
	static const u64 edges[] = {
		0, 1, 0xffffffffffffffff, 2, 0x8000000000000000,
		0x7fffffffffffffff, 0xffffffff80000000, 0x0000000080000000,
		0x000000007fffffff, 0x00000000ffffffff, 0x0000000100000000,
		0xffffffff7fffffff, 0x8000000000000001, 0xfffffffffffff800,
		0x00000000000007ff, 0x3f800000, 0x7fc00000, 0xff800000,
		0x3ff0000000000000, 0x7ff8000000000000, 0x4f000000,
		0x43e0000000000000, 0x000000000000003f, 0x0000000000000020,
	};

	switch (rnd(5)) {
	case 0:
	case 1:
		return PICK(edges);
	case 2:
		return (u64)rnd_range(-16, 16);
	case 3:
		return (u64)(int64_t)(int32_t)rnd64();
	default:
		return rnd64();
	}
}

static const uint32_t single_edges[] = {
	0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x3fc00000,
	0x40200000, 0x3f800001, 0x33800000, 0x34000000, 0x3eaaaaab,
	0x00000001, 0x807fffff, 0x00800000, 0x7f7fffff, 0xff7fffff,
	0x7f800000, 0xff800000, 0x7fc00000, 0xffc12345, 0x7f800001,
	0xff812345, 0x4f000000, 0xcf000000, 0x5f000000, 0x4b800001,
	0x4effffff, 0x3f000000, 0xbf000000,
};

static const u64 double_edges[] = {
	0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000,
	0xbff0000000000000, 0x3ff8000000000000, 0x4004000000000000,
	0x3ff0000000000001, 0x3ca0000000000000, 0x3cb0000000000000,
	0x3fd5555555555555, 0x0000000000000001, 0x800fffffffffffff,
	0x0010000000000000, 0x7fefffffffffffff, 0xffefffffffffffff,
	0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000,
	0xfff8000000012345, 0x7ff0000000000001, 0xfff0000000012345,
	0x41e0000000000000, 0xc1e0000000000000, 0x43e0000000000000,
	0x41dfffffffc00000, 0x3ff0000010000000, 0x47efffffe0000000,
	0x3fe0000000000000,
};

/* An initial f register value, and its kind ('S' or 'D', see fr_src). */
static u64 fp_value(char *kind)
{
	u64 upper;

	*kind = 'S';
	switch (rnd(7)) {
	case 0:
	case 1: /* a boxed single edge */
		return 0xffffffff00000000ull | PICK(single_edges);
	case 2: /* an unboxed single: must read as the canonical NaN */
		*kind = 'D';
		upper = chance(30) ? 0 : rnd64() & 0xffffffff00000000ull;
		if (upper == 0xffffffff00000000ull)
			upper = 0xfffffffe00000000ull;
		return upper | PICK(single_edges);
	case 3: /* a random boxed single */
		return 0xffffffff00000000ull | (uint32_t)rnd64();
	case 4:
	case 5:
		*kind = 'D';
		return PICK(double_edges);
	default:
		*kind = 'D';
		return rnd64();
	}
}

/* ---- Memory addressing inside the seed's buffer. ---- */

/* A buffer offset for an access of size bytes, usually aligned. */
static int buf_addr(int size, int may_misalign)
{
	int addr = (int)rnd(BUF_SIZE - size + 1);

	if (!may_misalign || chance(85))
		addr &= ~(size - 1);
	return addr;
}

/* A 12-bit immediate for a load/store, biased to the edges. */
static int mem_imm(void)
{
	switch (rnd(4)) {
	case 0:
		return 0;
	case 1:
		return (int)rnd_range(-2048, 2047);
	case 2:
		return chance(50) ? 2047 : -2048;
	default:
		return (int)rnd_range(-64, 64);
	}
}

/* lla reg, buffer + off (off may lie outside the buffer). */
static void lla_buf(int reg, long off)
{
	emit("lla x%d, .Lbuf%" PRIu64 "%+ld", reg, g.seed, off);
}

/* ---- Units. ----
 *
 * Every random draw is made in its own statement, in order: the order in
 * which C evaluates function arguments is unspecified, and a seed must give
 * the same program whichever compiler built gen.
 */

static void unit_alu_rr(void)
{
	static const char *const ops[] = {
		"add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or",
		"and", "addw", "subw", "sllw", "srlw", "sraw", "mul", "mulh",
		"mulhsu", "mulhu", "mulw", "div", "divu", "rem", "remu", "divw",
		"divuw", "remw", "remuw",
	};
	const char *op = PICK(ops);
	int rd = xrd(), rs1 = xrs(), rs2 = xrs();

	emit("%s x%d, x%d, x%d", op, rd, rs1, rs2);
}

static int imm12(void)
{
	static const int edges[] = { 0, 1, -1, 2047, -2048, 0x555, -0x556, 31,
				     32, 63, 64, -32 };

	return chance(40) ? PICK(edges) : (int)rnd_range(-2048, 2047);
}

static void unit_alu_ri(void)
{
	static const char *const ops[] = { "addi", "slti", "sltiu", "xori",
					   "ori", "andi", "addiw" };
	static const char *const sh64[] = { "slli", "srli", "srai" };
	static const char *const sh32[] = { "slliw", "srliw", "sraiw" };
	int kind = (int)rnd(4);
	const char *op = kind < 2 ? PICK(ops) : kind == 2 ? PICK(sh64) : PICK(sh32);
	int rd = xrd(), rs1 = xrs();
	int imm = kind < 2 ? imm12() : (int)rnd(kind == 2 ? 64 : 32);

	emit("%s x%d, x%d, %d", op, rd, rs1, imm);
}

static void unit_upper(void)
{
	static const unsigned edges[] = { 0, 1, 0x7ffff, 0x80000, 0xfffff };
	unsigned imm = chance(50) ? PICK(edges) : (unsigned)rnd(0x100000);
	const char *op = chance(70) ? "lui" : "auipc";
	int rd = xrd();

	emit("%s x%d, 0x%x", op, rd, imm);
}

struct mem_op {
	const char *op;
	int size;
	char kind; /* 'x' integer, 'S'/'D' floating-point register */
	int store;
};

/* An lla for the base, then the access: any size, often misaligned. */
static void access_via_lla(const struct mem_op *m)
{
	int base = xbase(), addr = buf_addr(m->size, 1), imm = mem_imm();
	int reg;

	lla_buf(base, addr - imm);
	if (m->kind != 'x') {
		reg = m->store ? fr_src(m->kind) : fr_dst(m->kind);
		emit("%s f%d, %d(x%d)", m->op, reg, imm, base);
	} else {
		reg = m->store ? xrs() : xrd();
		emit("%s x%d, %d(x%d)", m->op, reg, imm, base);
	}
}

static void unit_load(void)
{
	static const struct mem_op ops[] = {
		{ "lb", 1, 'x', 0 }, { "lbu", 1, 'x', 0 }, { "lh", 2, 'x', 0 },
		{ "lhu", 2, 'x', 0 }, { "lw", 4, 'x', 0 }, { "lwu", 4, 'x', 0 },
		{ "ld", 8, 'x', 0 },
	};

	access_via_lla(&ops[rnd(N_ELEMS(ops))]);
}

static void unit_store(void)
{
	static const struct mem_op ops[] = {
		{ "sb", 1, 'x', 1 }, { "sh", 2, 'x', 1 }, { "sw", 4, 'x', 1 },
		{ "sd", 8, 'x', 1 },
	};

	access_via_lla(&ops[rnd(N_ELEMS(ops))]);
}

static void unit_fp_mem(void)
{
	static const struct mem_op ops[] = {
		{ "flw", 4, 'S', 0 }, { "fld", 8, 'D', 0 },
		{ "fsw", 4, 'S', 1 }, { "fsd", 8, 'D', 1 },
	};

	access_via_lla(&ops[rnd(N_ELEMS(ops))]);
}

static const char *amo_order(void)
{
	static const char *const o[] = { "", "", "", ".aq", ".rl", ".aqrl" };

	return PICK(o);
}

static void unit_amo(void)
{
	static const char *const ops[] = {
		"amoswap", "amoadd", "amoxor", "amoand", "amoor",
		"amomin", "amomax", "amominu", "amomaxu",
	};
	int d = chance(50), base = xbase(), addr = buf_addr(d ? 8 : 4, 0);
	const char *op = PICK(ops), *order = amo_order();
	int rd = xrd(), rs2 = xrs();

	lla_buf(base, addr);
	emit("%s.%s%s x%d, x%d, (x%d)", op, d ? "d" : "w", order, rd, rs2, base);
}

/* An ALU instruction that does not write reg. */
static void alu_not_writing(int reg)
{
	static const char *const ops[] = { "add", "xor", "mul", "divu", "addw",
					   "sraw", "sltu", "rem" };
	int rd, rs1, rs2;
	const char *op;

	do
		rd = xrd();
	while (rd == reg);
	rs1 = xrs();
	if (chance(50)) {
		op = PICK(ops);
		rs2 = xrs();
		emit("%s x%d, x%d, x%d", op, rd, rs1, rs2);
	} else {
		emit("addi x%d, x%d, %d", rd, rs1, imm12());
	}
}

/* One instruction of an LR/SC loop: its text, destination and sources. */
struct lrsc_insn {
	char text[64];
	int rd, rs[2];
};

/*
 * Does every pass of the loop compute the same values?  True if no
 * instruction reads a register that the loop writes, unless an earlier
 * instruction of the same pass wrote it.
 */
static int lrsc_repeatable(const struct lrsc_insn *in, int n)
{
	for (int i = 0; i < n; i++)
		for (int k = 0; k < 2; k++) {
			int src = in[i].rs[k], fresh = 0, later = 0;

			if (src <= 0)
				continue;
			for (int j = 0; j < i; j++)
				if (in[j].rd == src)
					fresh = 1;
			for (int j = i; j < n; j++)
				if (in[j].rd == src)
					later = 1;
			if (later && !fresh)
				return 0;
		}
	return 1;
}

/* Draw one candidate loop: lr, up to two base-ISA ALU ops, sc. */
static int lrsc_draw(struct lrsc_insn *in, const char *w, int base)
{
	static const char *const rr[] = { "add", "sub", "xor", "or", "and",
					  "sll", "srl", "sra", "slt", "sltu",
					  "addw", "subw", "sllw", "sraw" };
	static const char *const ri[] = { "addi", "xori", "ori", "andi",
					  "slti", "sltiu", "addiw" };
	const char *order = amo_order(), *op;
	int n = 0, imm;

	in[n].rd = xrd();
	in[n].rs[0] = base;
	in[n].rs[1] = -1;
	snprintf(in[n].text, sizeof(in[n].text), "lr.%s%s x%d, (x%d)", w,
		 order, in[n].rd, base);
	n++;
	for (int k = (int)rnd(3); k > 0; k--, n++) {
		in[n].rd = xrd();
		in[n].rs[0] = xrs();
		if (chance(50)) {
			op = PICK(rr);
			in[n].rs[1] = xrs();
			snprintf(in[n].text, sizeof(in[n].text), "%s x%d, x%d, x%d",
				 op, in[n].rd, in[n].rs[0], in[n].rs[1]);
		} else {
			op = PICK(ri);
			imm = imm12();
			in[n].rs[1] = -1;
			snprintf(in[n].text, sizeof(in[n].text), "%s x%d, x%d, %d",
				 op, in[n].rd, in[n].rs[0], imm);
		}
	}
	order = amo_order();
	in[n].rd = xrd_nz();
	in[n].rs[0] = xrs();
	in[n].rs[1] = base;
	snprintf(in[n].text, sizeof(in[n].text), "sc.%s%s x%d, x%d, (x%d)", w,
		 order, in[n].rd, in[n].rs[0], base);
	return n + 1;
}

/*
 * LR then SC.  To the same address it must succeed, but the ISA only
 * promises that eventually (a kernel may clear the reservation when it
 * takes a trap in between, as Linux does), so it is a constrained LR/SC
 * loop that retries until the SC succeeds: base-ISA ALU work only, and
 * every pass recomputes the same values, so the outcome does not depend on
 * how many passes it took.  To another cache line, or a lone SC, it must
 * fail: one shot.  Never a store in between.
 */
static void unit_lrsc(void)
{
	const char *w = chance(50) ? "d" : "w", *order;
	int size = w[0] == 'd' ? 8 : 4;
	int base = xbase(), addr = buf_addr(size, 0), rd, rs2, other;
	struct lrsc_insn in[4];
	int n;

	lla_buf(base, addr);
	if (chance(10)) {
		order = amo_order();
		rd = xrd();
		rs2 = xrs();
		emit("sc.%s%s x%d, x%d, (x%d)", w, order, rd, rs2, base);
		return;
	}
	if (chance(15)) {
		do
			rd = xrd();
		while (rd == base);
		order = amo_order();
		emit("lr.%s%s x%d, (x%d)", w, order, rd, base);
		if (chance(50))
			alu_not_writing(base);
		do
			other = xrd_nz();
		while (other == base);
		lla_buf(other, (addr + BUF_SIZE / 2) % BUF_SIZE);
		order = amo_order();
		rd = xrd();
		rs2 = xrs();
		emit("sc.%s%s x%d, x%d, (x%d)", w, order, rd, rs2, other);
		return;
	}
	do
		n = lrsc_draw(in, w, base);
	while (!lrsc_repeatable(in, n));
	printf(".Ll%" PRIu64 "_%u:\n", g.seed, g.label);
	for (int i = 0; i < n; i++)
		emit("%s", in[i].text);
	emit("bnez x%d, .Ll%" PRIu64 "_%u", in[n - 1].rd, g.seed, g.label);
	g.label++;
}

/*
 * Now and then read and clear fflags into an x register right after an
 * FP instruction, so the dump shows the flags of single instructions and
 * not only the accrued ones.
 */
static void maybe_take_flags(void)
{
	if (chance(30)) {
		int rd = xrd();

		emit("csrrw x%d, fflags, x0", rd);
	}
}

static const char *fmt_pick(void)
{
	return chance(50) ? "s" : "d";
}

static void unit_fp_arith(void)
{
	static const char *const rounded2[] = { "fadd", "fsub", "fmul", "fdiv" };
	static const char *const fused[] = { "fmadd", "fmsub", "fnmadd",
					     "fnmsub" };
	static const char *const exact2[] = { "fmin", "fmax", "fsgnj", "fsgnjn",
					      "fsgnjx" };
	const char *f = fmt_pick(), *op, *mode;
	char k = (char)(f[0] == 's' ? 'S' : 'D');
	int kind = (int)rnd(10), rs1, rs2, rs3, rd;

	if (kind < 4) {
		op = PICK(rounded2);
		rs1 = fr_src(k);
		rs2 = fr_src(k);
		mode = rm();
		rd = fr_dst(k);
		emit("%s.%s f%d, f%d, f%d, %s", op, f, rd, rs1, rs2, mode);
	} else if (kind == 4) {
		rs1 = fr_src(k);
		mode = rm();
		rd = fr_dst(k);
		emit("fsqrt.%s f%d, f%d, %s", f, rd, rs1, mode);
	} else if (kind < 7) {
		op = PICK(fused);
		rs1 = fr_src(k);
		rs2 = fr_src(k);
		rs3 = fr_src(k);
		mode = rm();
		rd = fr_dst(k);
		emit("%s.%s f%d, f%d, f%d, f%d, %s", op, f, rd, rs1, rs2, rs3,
		     mode);
	} else {
		op = PICK(exact2);
		rs1 = fr_src(k);
		rs2 = fr_src(k);
		rd = fr_dst(k);
		emit("%s.%s f%d, f%d, f%d", op, f, rd, rs1, rs2);
	}
	maybe_take_flags();
}

static void unit_fp_other(void)
{
	static const char *const ints[] = { "w", "wu", "l", "lu" };
	static const char *const cmps[] = { "feq", "flt", "fle" };
	const char *f = fmt_pick(), *i = PICK(ints), *op, *mode;
	char k = (char)(f[0] == 's' ? 'S' : 'D');
	int kind = (int)rnd(9), xr, fs, fs2, fd;

	switch (kind) {
	case 0:
	case 1: /* float to integer */
		fs = fr_src(k);
		mode = rm();
		xr = xrd();
		emit("fcvt.%s.%s x%d, f%d, %s", i, f, xr, fs, mode);
		break;
	case 2:
	case 3: /* integer to float; fcvt.d.w[u] is exact and has no rm */
		xr = xrs();
		fd = fr_dst(k);
		if (k == 'D' && i[0] == 'w') {
			emit("fcvt.d.%s f%d, x%d", i, fd, xr);
		} else {
			mode = rm();
			emit("fcvt.%s.%s f%d, x%d, %s", f, i, fd, xr, mode);
		}
		break;
	case 4: /* between the formats */
		if (k == 'S') {
			fs = fr_src('D');
			mode = rm();
			fd = fr_dst('S');
			emit("fcvt.s.d f%d, f%d, %s", fd, fs, mode);
		} else {
			fs = fr_src('S');
			fd = fr_dst('D');
			emit("fcvt.d.s f%d, f%d", fd, fs);
		}
		break;
	case 5:
		op = PICK(cmps);
		fs = fr_src(k);
		fs2 = fr_src(k);
		xr = xrd();
		emit("%s.%s x%d, f%d, f%d", op, f, xr, fs, fs2);
		break;
	case 6:
		fs = fr_src(k);
		xr = xrd();
		emit("fclass.%s x%d, f%d", f, xr, fs);
		break;
	case 7:
		fs = fr_src(k);
		xr = xrd();
		emit("fmv.x.%s x%d, f%d", k == 'S' ? "w" : "d", xr, fs);
		break;
	default:
		xr = xrs();
		fd = fr_dst(k);
		emit("fmv.%s.x f%d, x%d", k == 'S' ? "w" : "d", fd, xr);
		break;
	}
	maybe_take_flags();
}

/* fcsr accesses that can only ever leave a valid frm behind. */
static void unit_fp_csr(void)
{
	int kind = (int)rnd(10), rd = xrd(), rs, imm;
	const char *which;

	switch (kind) {
	case 0:
		emit("frrm x%d", rd);
		break;
	case 1:
		imm = (int)rnd(5);
		emit("fsrmi x%d, %d", rd, imm);
		break;
	case 2:
		emit("frflags x%d", rd);
		break;
	case 3:
		imm = (int)rnd(32);
		emit("fsflagsi x%d, %d", rd, imm);
		break;
	case 4:
		emit("frcsr x%d", rd);
		break;
	case 5: /* fflags keeps only 5 bits of any value */
		rs = xrs();
		emit("csrrw x%d, fflags, x%d", rd, rs);
		break;
	case 6:
		which = chance(50) ? "s" : "c";
		rs = xrs();
		emit("csrr%s x%d, fflags, x%d", which, rd, rs);
		break;
	case 7: /* clearing bits of a valid frm leaves a valid one */
		which = chance(50) ? "frm" : "fcsr";
		rs = xrs();
		emit("csrrc x%d, %s, x%d", rd, which, rs);
		break;
	case 8: /* a 5-bit immediate only reaches fflags within fcsr */
		which = chance(50) ? "s" : "c";
		imm = (int)rnd(32);
		emit("csrr%si x%d, fcsr, %d", which, rd, imm);
		break;
	default:
		imm = (int)rnd(32);
		emit("csrrwi x%d, fcsr, %d", rd, imm);
		break;
	}
}

static void unit_fence(void)
{
	static const char *const f[] = { "fence", "fence rw, rw", "fence.i",
					 "fence r, r", "fence.tso", "fence w, o" };

	emit("%s", PICK(f));
}

/* ---- Compressed units (explicit c.* mnemonics). ---- */

static int c_nzimm6(void)
{
	int v;

	do
		v = (int)rnd_range(-32, 31);
	while (v == 0);
	return v;
}

/* Any source register but x0 (c.mv and c.add need one). */
static int xrs_nz(void)
{
	int rs;

	do
		rs = xrs();
	while (rs == 0);
	return rs;
}

static void unit_c_alu(void)
{
	static const char *const ca[] = { "c.sub", "c.xor", "c.or", "c.and",
					  "c.subw", "c.addw" };
	int kind = (int)rnd(13), rd, rs, imm;
	const char *op;

	switch (kind) {
	case 0:
		rd = xrd_nz();
		emit("c.addi x%d, %d", rd, c_nzimm6());
		break;
	case 1:
		rd = xrd_nz();
		emit("c.addiw x%d, %d", rd, (int)rnd_range(-32, 31));
		break;
	case 2:
		rd = xrd_nz();
		emit("c.li x%d, %d", rd, (int)rnd_range(-32, 31));
		break;
	case 3: /* nzimm[17:12]: 1..31 or, sign-extended, 0xfffe0..0xfffff */
		rd = xrd_nz();
		imm = chance(50) ? (int)rnd_range(1, 31) :
				   (int)rnd_range(0xfffe0, 0xfffff);
		emit("c.lui x%d, 0x%x", rd, imm);
		break;
	case 4:
		rd = xrd_nz();
		emit("c.slli x%d, %d", rd, (int)rnd_range(1, 63));
		break;
	case 5:
		rd = xc();
		emit("c.srli x%d, %d", rd, (int)rnd_range(1, 63));
		break;
	case 6:
		rd = xc();
		emit("c.srai x%d, %d", rd, (int)rnd_range(1, 63));
		break;
	case 7:
		rd = xc();
		emit("c.andi x%d, %d", rd, (int)rnd_range(-32, 31));
		break;
	case 8:
	case 9:
		op = PICK(ca);
		rd = xc();
		rs = xc();
		emit("%s x%d, x%d", op, rd, rs);
		break;
	case 10:
		rd = xrd_nz();
		rs = xrs_nz();
		emit("c.mv x%d, x%d", rd, rs);
		break;
	case 11:
		rd = xrd_nz();
		rs = xrs_nz();
		emit("c.add x%d, x%d", rd, rs);
		break;
	default:
		if (chance(30)) {
			emit("c.nop");
		} else {
			rd = xc();
			emit("c.addi4spn x%d, sp, %d", rd,
			     (int)rnd_range(1, 255) * 4);
		}
		break;
	}
}

/* c.lw/c.ld/c.sw/c.sd/c.fld/c.fsd through an x8..x15 base. */
static void unit_c_mem(void)
{
	static const struct mem_op ops[] = {
		{ "c.lw", 4, 'x', 0 },  { "c.ld", 8, 'x', 0 },
		{ "c.sw", 4, 'x', 1 },  { "c.sd", 8, 'x', 1 },
		{ "c.fld", 8, 'D', 0 }, { "c.fsd", 8, 'D', 1 },
	};
	const struct mem_op *m = &ops[rnd(N_ELEMS(ops))];
	int base = xc(), addr = buf_addr(m->size, 1), reg;
	/* The 5-bit offset is scaled by the size: 0 .. 31 * size. */
	int off = (int)rnd(32) * m->size;

	lla_buf(base, addr - off);
	if (m->kind == 'x') {
		reg = xc();
		emit("%s x%d, %d(x%d)", m->op, reg, off, base);
	} else {
		reg = fc();
		if (!m->store)
			g.fkind[reg] = 'D';
		emit("%s f%d, %d(x%d)", m->op, reg, off, base);
	}
}

/* sp-relative loads and stores, inside the buffer sp points into. */
static void unit_c_sp(void)
{
	static const struct mem_op ops[] = {
		{ "c.lwsp", 4, 'x', 0 },  { "c.ldsp", 8, 'x', 0 },
		{ "c.swsp", 4, 'x', 1 },  { "c.sdsp", 8, 'x', 1 },
		{ "c.fldsp", 8, 'D', 0 }, { "c.fsdsp", 8, 'D', 1 },
	};
	const struct mem_op *m = &ops[rnd(N_ELEMS(ops))];
	int max_off = m->size == 4 ? 252 : 504;
	int lim = BUF_SIZE - m->size - g.sp_off, off, reg;

	if (lim > max_off)
		lim = max_off;
	off = (int)rnd((unsigned)(lim / m->size + 1)) * m->size;
	if (m->kind != 'x') {
		reg = m->store ? fr_src('D') : fr_dst('D');
		emit("%s f%d, %d(sp)", m->op, reg, off);
	} else {
		reg = m->store ? xrs() : xrd_nz();
		emit("%s x%d, %d(sp)", m->op, reg, off);
	}
}

/* Move sp within the buffer (never inside skippable code). */
static void unit_c_addi16sp(void)
{
	int to;

	if (g.skipping) {
		emit("c.nop");
		return;
	}
	do
		to = (int)rnd(BUF_SIZE / 16) * 16;
	while (to == g.sp_off || to - g.sp_off < -512 || to - g.sp_off > 496);
	emit("c.addi16sp sp, %d", to - g.sp_off);
	g.sp_off = to;
}

/* ---- Control flow: a forward transfer over a few units. ---- */

static void unit_plain(void);

static void unit_forward(void)
{
	static const char *const bops[] = { "beq", "bne", "blt", "bge", "bltu",
					    "bgeu" };
	unsigned l = g.label++;
	int n = (int)rnd_range(1, 4), kind = (int)rnd(12), reg, rd, rs1, rs2;
	int imm, odd;
	const char *op;

	switch (kind) {
	case 0:
	case 1:
	case 2:
	case 3:
		op = PICK(bops);
		rs1 = xrs();
		rs2 = xrs();
		emit("%s x%d, x%d, .Lf%" PRIu64 "_%u", op, rs1, rs2, g.seed, l);
		break;
	case 4:
		op = chance(50) ? "beqz" : "bnez";
		rs1 = xc();
		emit("c.%s x%d, .Lf%" PRIu64 "_%u", op, rs1, g.seed, l);
		break;
	case 5:
		emit("c.j .Lf%" PRIu64 "_%u", g.seed, l);
		break;
	case 6:
		rd = xrd();
		emit("jal x%d, .Lf%" PRIu64 "_%u", rd, g.seed, l);
		break;
	case 7:
	case 8: /* jalr, sometimes with an odd target and rd == rs1 */
		reg = xrd_nz();
		imm = (int)rnd_range(-2048, 2047);
		odd = chance(30);
		rd = chance(30) ? reg : xrd();
		emit("lla x%d, .Lf%" PRIu64 "_%u%+d", reg, g.seed, l, odd - imm);
		emit("jalr x%d, %d(x%d)", rd, imm, reg);
		break;
	case 9:
		reg = xrd_nz();
		emit("lla x%d, .Lf%" PRIu64 "_%u", reg, g.seed, l);
		emit("c.jr x%d", reg);
		break;
	case 10: /* c.jalr ra included: target read before the link is written */
		reg = chance(20) ? 1 : xrd_nz();
		emit("lla x%d, .Lf%" PRIu64 "_%u", reg, g.seed, l);
		emit("c.jalr x%d", reg);
		break;
	default:
		emit("beq x0, x0, .Lf%" PRIu64 "_%u", g.seed, l);
		break;
	}
	g.skipping++;
	for (int i = 0; i < n; i++)
		unit_plain();
	g.skipping--;
	printf(".Lf%" PRIu64 "_%u:\n", g.seed, l);
}

static const struct {
	unsigned weight;
	void (*fn)(void);
} plain_units[] = {
	{ 20, unit_alu_rr },  { 12, unit_alu_ri },    { 2, unit_upper },
	{ 6, unit_load },     { 6, unit_store },      { 4, unit_amo },
	{ 3, unit_lrsc },     { 16, unit_fp_arith },  { 10, unit_fp_other },
	{ 3, unit_fp_mem },   { 2, unit_fp_csr },     { 1, unit_fence },
	{ 10, unit_c_alu },   { 3, unit_c_mem },      { 3, unit_c_sp },
	{ 1, unit_c_addi16sp },
};

static void unit_plain(void)
{
	unsigned total = 0, r;

	for (size_t i = 0; i < N_ELEMS(plain_units); i++)
		total += plain_units[i].weight;
	r = rnd(total);
	for (size_t i = 0; i < N_ELEMS(plain_units); i++) {
		if (r < plain_units[i].weight) {
			plain_units[i].fn();
			return;
		}
		r -= plain_units[i].weight;
	}
}

static void unit(void)
{
	if (chance(5))
		unit_forward();
	else
		unit_plain();
}

/* ---- One seed. ---- */

static const char *const saved_x[] = { "ra", "sp", "s0", "s1", "s2", "s3",
				       "s4", "s5", "s6", "s7", "s8", "s9",
				       "s10", "s11" };
#define SAVE_FCSR (8 * (14 + 12))

static void prologue(void)
{
	printf("\n\t.text\n\t.balign 4\n");
	printf("isa_rand_fn%" PRIu64 ":\n", g.seed);
	emit("lla t0, isa_rand_save");
	for (int i = 0; i < 14; i++)
		emit("sd %s, %d(t0)", saved_x[i], 8 * i);
	for (int i = 0; i < 12; i++)
		emit("fsd fs%d, %d(t0)", i, 8 * (14 + i));
	emit("frcsr t1");
	emit("sd t1, %d(t0)", SAVE_FCSR);
	/* f registers, then fcsr, then sp, then the x registers. */
	emit("lla t0, .Lfinit%" PRIu64, g.seed);
	for (int i = 0; i < 32; i++)
		emit("fld f%d, %d(t0)", i, 8 * i);
	emit("li t0, 0x%x", g.fcsr);
	emit("fscsr t0");
	emit("lla sp, .Lbuf%" PRIu64, g.seed);
	for (int r = 1; r < 32; r++)
		if (r < 2 || r > 4)
			emit("li x%d, 0x%" PRIx64, r, g.x[r]);
}

static void epilogue(void)
{
	emit("lla sp, isa_rand_dump");
	for (int r = 1; r < 32; r++)
		if (r < 2 || r > 4)
			emit("sd x%d, %d(sp)", r, 8 * r);
	for (int i = 0; i < 32; i++)
		emit("fsd f%d, %d(sp)", i, 256 + 8 * i);
	emit("frcsr t0");
	emit("sd t0, 512(sp)");
	emit("lla t0, isa_rand_save");
	for (int i = 0; i < 14; i++)
		emit("ld %s, %d(t0)", saved_x[i], 8 * i);
	for (int i = 0; i < 12; i++)
		emit("fld fs%d, %d(t0)", i, 8 * (14 + i));
	emit("ld t1, %d(t0)", SAVE_FCSR);
	emit("fscsr t1");
	emit("ret");
}

static void data(void)
{
	printf("\n\t.data\n\t.balign 64\n");
	printf(".Lbuf%" PRIu64 ":\n", g.seed);
	for (int i = 0; i < BUF_SIZE / 8; i++)
		emit(".quad 0x%016" PRIx64, g.buf[i]);
	printf(".Lfinit%" PRIu64 ":\n", g.seed);
	for (int i = 0; i < 32; i++)
		emit(".quad 0x%016" PRIx64, g.f[i]);
}

/* One seed: initial state first, then the body (see the top comment). */
static void generate_seed(u64 seed, int length)
{
	memset(&g, 0, sizeof(g));
	g.seed = seed;
	rng_state = seed * 0x2545f4914f6cdd1dull + 0x1234567;
	g.fcsr = (unsigned)(rnd(5) << 5 | rnd(32));
	for (int r = 1; r < 32; r++)
		g.x[r] = int_value();
	for (int i = 0; i < 32; i++)
		g.f[i] = fp_value(&g.fkind[i]);
	for (int i = 0; i < BUF_SIZE / 8; i++)
		g.buf[i] = chance(30) ? int_value() : rnd64();
	prologue();
	printf("isa_rand_body%" PRIu64 ":\n", g.seed);
	for (int i = 0; i < length; i++)
		unit();
	printf("isa_rand_end%" PRIu64 ":\n", g.seed);
	epilogue();
	data();
}

int main(int argc, char **argv)
{
	u64 first, count;
	int length = DEFAULT_LENGTH;

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: %s FIRST COUNT [LENGTH]\n", argv[0]);
		return 2;
	}
	first = strtoull(argv[1], NULL, 0);
	count = strtoull(argv[2], NULL, 0);
	if (argc == 4)
		length = atoi(argv[3]);

	printf("/* Generated by tests/isa/random/gen %" PRIu64 " %" PRIu64
	       " %d: do not edit. */\n", first, count, length);
	printf("\t.option rvc\n");
	printf("\t.bss\n\t.balign 16\nisa_rand_save:\n\t.zero %d\n",
	       SAVE_FCSR + 8);
	for (u64 s = first; s < first + count; s++)
		generate_seed(s, length);

	printf("\n\t.data\n\t.balign 8\n\t.globl isa_rand_table\n");
	printf("isa_rand_table:\n");
	for (u64 s = first; s < first + count; s++)
		emit(".quad %" PRIu64 ", isa_rand_fn%" PRIu64 ", .Lbuf%" PRIu64,
		     s, s, s);
	printf("\t.globl isa_rand_count\nisa_rand_count:\n");
	emit(".quad %" PRIu64, count);
	printf("\t.section .note.GNU-stack,\"\",@progbits\n");
	return 0;
}
