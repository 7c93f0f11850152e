/*
 * csr: the user-level CSRs.  fcsr, frm and fflags through every Zicsr
 * instruction (csrrw, csrrs, csrrc and their immediate forms), with values
 * that have bits outside the field (they must read back masked: fflags is
 * 5 bits, frm 3 bits, fcsr 8 bits) and the aliasing between the three;
 * frm holding the reserved values 5..7 (legal to write and read back; only
 * a dyn instruction must then trap, see trap_frm_invalid); fflags accruing
 * over several instructions.  cycle, time and instret are only checked to
 * be readable and not to run backwards: their values differ between
 * implementations.
 */
#include "isa.h"

/* One CSR instruction: prints the old value it returned and what is left. */
#define CSR_REG(insn, csr, v)                                             \
	{                                                                 \
		u64 old, now;                                             \
		asm volatile(insn " %0, " csr ", %2\n\tfrcsr %1"          \
			     : "=&r"(old), "=&r"(now) : "r"((u64)(v)));   \
		printf("%s %s %016lx -> old=%lx fcsr=%02lx\n", insn, csr, \
		       (u64)(v), old, now);                               \
	}
#define CSR_IMM(insn, csr, imm)                                           \
	{                                                                 \
		u64 old, now;                                             \
		asm volatile(insn " %0, " csr ", %2\n\tfrcsr %1"          \
			     : "=&r"(old), "=&r"(now) : "i"(imm));        \
		printf("%s %s %d -> old=%lx fcsr=%02lx\n", insn, csr, imm, \
		       old, now);                                         \
	}
#define READ(csr)                                                         \
	({                                                                \
		u64 v_;                                                   \
		asm volatile("csrr %0, " csr : "=r"(v_));                 \
		v_;                                                       \
	})

static void register_forms(void)
{
	static const u64 vals[] = { 0x00, 0x1f, 0xe0, 0xff, 0x100, 0x1ff,
				    0xa5, 0x5a, 0xffffffffffffffff,
				    0x8000000000000003 };
	static const char *const csrs[] = { "fflags", "frm", "fcsr" };

	for (size_t c = 0; c < ARRAY_SIZE(csrs); c++)
		for (size_t i = 0; i < ARRAY_SIZE(vals); i++) {
			u64 v = vals[i];

			/* The csr name must be a literal in the asm text. */
			set_fcsr(0x5a);
			switch (c) {
			case 0:
				CSR_REG("csrrw", "fflags", v)
				CSR_REG("csrrs", "fflags", v ^ 0x15)
				CSR_REG("csrrc", "fflags", v)
				break;
			case 1:
				CSR_REG("csrrw", "frm", v)
				CSR_REG("csrrs", "frm", v ^ 0x5)
				CSR_REG("csrrc", "frm", v)
				break;
			default:
				CSR_REG("csrrw", "fcsr", v)
				CSR_REG("csrrs", "fcsr", v ^ 0x55)
				CSR_REG("csrrc", "fcsr", v)
				break;
			}
		}
	set_fcsr(0);
}

#define IMMS(X, insn, csr)                                                \
	X(insn, csr, 0) X(insn, csr, 1) X(insn, csr, 4) X(insn, csr, 5)   \
	X(insn, csr, 7) X(insn, csr, 8) X(insn, csr, 16) X(insn, csr, 31)

static void immediate_forms(void)
{
	set_fcsr(0xa5);
	IMMS(CSR_IMM, "csrrwi", "fflags")
	IMMS(CSR_IMM, "csrrsi", "fflags")
	IMMS(CSR_IMM, "csrrci", "fflags")
	set_fcsr(0xa5);
	IMMS(CSR_IMM, "csrrwi", "frm")
	IMMS(CSR_IMM, "csrrsi", "frm")
	IMMS(CSR_IMM, "csrrci", "frm")
	set_fcsr(0xa5);
	IMMS(CSR_IMM, "csrrwi", "fcsr")
	IMMS(CSR_IMM, "csrrsi", "fcsr")
	IMMS(CSR_IMM, "csrrci", "fcsr")
	set_fcsr(0);
}

/* rd = x0 writes without reading; rs1 = x0 / imm 0 reads without writing. */
static void pseudo_forms(void)
{
	u64 a, b, c;

	asm volatile("csrw fcsr, %0" : : "r"(0xe3L));
	asm volatile("csrr %0, fflags\n\tcsrr %1, frm\n\tcsrr %2, fcsr"
		     : "=r"(a), "=r"(b), "=r"(c));
	printf("csrw fcsr e3 -> fflags=%lx frm=%lx fcsr=%lx\n", a, b, c);
	asm volatile("fsflags %0, %1" : "=r"(a) : "r"(0x3cL));
	asm volatile("fsrm %0, %1" : "=r"(b) : "r"(0x2L));
	c = get_fcsr();
	printf("fsflags 3c (old %lx), fsrm 2 (old %lx) -> fcsr=%lx\n", a, b, c);
	asm volatile("fsflagsi %0, 9" : "=r"(a));
	asm volatile("fsrmi %0, 4" : "=r"(b));
	asm volatile("frflags %0" : "=r"(c));
	printf("fsflagsi 9 (old %lx), fsrmi 4 (old %lx) -> fflags=%lx fcsr=%lx\n",
	       a, b, c, get_fcsr());
	asm volatile("csrs fflags, %0\n\tcsrc frm, %1" : : "r"(0x10L), "r"(0x1L));
	printf("csrs fflags 10, csrc frm 1 -> fcsr=%lx\n", get_fcsr());
	asm volatile("csrsi fcsr, 2\n\tcsrci fcsr, 8\n\tcsrwi frm, 3");
	printf("csrsi fcsr 2, csrci fcsr 8, csrwi frm 3 -> fcsr=%lx\n",
	       get_fcsr());
	asm volatile("csrrs %0, fcsr, x0\n\tcsrrsi %1, fcsr, 0\n\t"
		     "csrrci %2, fcsr, 0" : "=r"(a), "=r"(b), "=r"(c));
	printf("reads without writes -> %lx %lx %lx now %lx\n", a, b, c,
	       get_fcsr());
	set_fcsr(0);
}

/* frm can hold 5, 6 and 7; static rounding modes still work then. */
static void reserved_rounding_modes(void)
{
	for (u64 m = 5; m < 8; m++) {
		u64 back, r;

		asm volatile("fsrm %1\n\tfrrm %0" : "=r"(back) : "r"(m));
		asm volatile("fmv.w.x ft0, %1\n\tfadd.s ft0, ft0, ft0, rtz\n\t"
			     "fmv.x.w %0, ft0"
			     : "=r"(r) : "r"(0x3fc00000L) : "ft0");
		printf("frm=%lu reads back %lx fcsr=%lx; static rtz add -> %08lx\n",
		       m, back, get_fcsr(), r & 0xffffffff);
	}
	set_fcsr(0);
}

/* Flags accrue: each instruction ORs its exceptions in, nothing clears. */
static void flags_accrue(void)
{
	u64 f[5];

	asm volatile("csrw fflags, zero\n\t"
		     "fmv.d.x ft0, %5\n\tfmv.d.x ft1, zero\n\t"
		     "fdiv.d ft2, ft0, ft1\n\tfrflags %0\n\t"      /* DZ */
		     "fmv.d.x ft1, %6\n\t"
		     "fdiv.d ft2, ft0, ft1\n\tfrflags %1\n\t"      /* +NX */
		     "fmv.d.x ft1, %7\n\t"
		     "fmul.d ft2, ft1, ft1\n\tfrflags %2\n\t"      /* +OF */
		     "fmv.d.x ft1, %8\n\t"
		     "fmul.d ft2, ft1, ft1\n\tfrflags %3\n\t"      /* +UF */
		     "fmv.d.x ft1, %9\n\t"
		     "feq.d t0, ft1, ft1\n\tfrflags %4"            /* +NV */
		     : "=&r"(f[0]), "=&r"(f[1]), "=&r"(f[2]), "=&r"(f[3]),
		       "=&r"(f[4])
		     : "r"(0x3ff0000000000000L), "r"(0x4008000000000000L),
		       "r"(0x7fe0000000000000L), "r"(0x0010000000000001L),
		       "r"(0x7ff0000000000001L)
		     : "t0", "ft0", "ft1", "ft2");
	printf("accrued fflags -> %02lx %02lx %02lx %02lx %02lx\n", f[0], f[1],
	       f[2], f[3], f[4]);
	/* A non-FP instruction and a flag-free FP one leave them alone. */
	asm volatile("add t0, t0, t0\n\tfsgnj.d ft0, ft0, ft0\n\t"
		     "fmv.x.d t0, ft0\n\tfrflags %0"
		     : "=r"(f[0]) : : "t0", "ft0");
	printf("after integer and move instructions -> %02lx\n", f[0]);
	set_fcsr(0);
}

static void counters(void)
{
	u64 c1, c2, t1, t2, i1, i2, x1, x2, y1, y2;

	asm volatile("rdcycle %0\n\trdtime %1\n\trdinstret %2\n\t"
		     "csrr %3, 0xc00\n\tcsrr %4, 0xc01"
		     : "=r"(c1), "=r"(t1), "=r"(i1), "=r"(x1), "=r"(y1));
	for (volatile int i = 0; i < 1000; i++)
		;
	asm volatile("rdcycle %0\n\trdtime %1\n\trdinstret %2\n\t"
		     "csrr %3, 0xc00\n\tcsrr %4, 0xc01"
		     : "=r"(c2), "=r"(t2), "=r"(i2), "=r"(x2), "=r"(y2));
	printf("rdcycle readable, non-decreasing: %s\n", c2 >= c1 ? "yes" : "no");
	printf("rdtime readable, non-decreasing: %s\n", t2 >= t1 ? "yes" : "no");
	printf("rdinstret readable, non-decreasing: %s\n",
	       i2 >= i1 ? "yes" : "no");
	printf("csrr cycle/time by number, non-decreasing: %s %s\n",
	       x2 >= x1 ? "yes" : "no", y2 >= y1 ? "yes" : "no");
}

int main(void)
{
	printf("fcsr at start -> %lx\n", get_fcsr());
	register_forms();
	immediate_forms();
	pseudo_forms();
	reserved_rounding_modes();
	flags_accrue();
	counters();
	return 0;
}
