/*
 * fencei: self-modifying code made visible with fence.i (Zifencei).
 *
 * A processor that pre-decodes instructions must notice that code it has
 * already decoded (and executed) was rewritten.  The ISA only promises that
 * after the storing hart executes fence.i; that is all this test relies on.
 *
 *   rwx_buffer      a routine written into an RWX mapping, executed, then
 *                   rewritten in place again and again (also changing the
 *                   instruction length at an address: 4-byte to 2-byte).
 *   mprotect_cycle  write with PROT_WRITE, flip to PROT_EXEC, run; repeat.
 *   same_page       a routine that rewrites an instruction a few bytes
 *                   ahead of itself in the page it is running from, then
 *                   executes it, having executed the old one just before.
 */
#include <sys/mman.h>

#include "isa.h"

typedef u64 (*fn0)(void);
typedef u64 (*fn1)(u64);

/* addi a0, zero, imm */
static u32 li_a0(int imm)
{
	return ((u32)(imm & 0xfff) << 20) | (10u << 7) | 0x13;
}

#define RET 0x00008067u		/* jalr x0, 0(ra) */
#define C_JR_RA 0x8082u		/* c.jr ra */

/* c.li a0, imm (imm in -32..31) */
static uint16_t c_li_a0(int imm)
{
	return (uint16_t)(0x4001 | ((imm & 0x20) << 7) | (10 << 7) |
			  ((imm & 0x1f) << 2));
}

static void fence_i(void)
{
	asm volatile("fence.i" : : : "memory");
}

static void rwx_buffer(void)
{
	u32 *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	static const int imms[] = { 1, 2, -1, 2047, -2048, 0, 1234, -77 };

	if (code == MAP_FAILED) {
		printf("mmap rwx failed\n");
		return;
	}
	for (size_t i = 0; i < ARRAY_SIZE(imms); i++) {
		code[0] = li_a0(imms[i]);
		code[1] = RET;
		fence_i();
		printf("rwx li a0,%d -> %ld\n", imms[i], (long)((fn0)code)());
		/* Twice: the second run comes from whatever was cached. */
		printf("rwx again -> %ld\n", (long)((fn0)code)());
	}
	/* Same address, now two compressed instructions. */
	for (int imm = -32; imm < 32; imm += 9) {
		uint16_t *h = (uint16_t *)code;

		h[0] = c_li_a0(imm);
		h[1] = C_JR_RA;
		fence_i();
		printf("rwx c.li a0,%d -> %ld\n", imm, (long)((fn0)code)());
	}
	/* Back to a 4-byte instruction, then change a single byte of it. */
	code[0] = li_a0(100);
	code[1] = RET;
	fence_i();
	printf("rwx li a0,100 -> %ld\n", (long)((fn0)code)());
	((unsigned char *)code)[3] = 0x12; /* imm[11:4] byte: 0x120 | (100 & 0xf) */
	fence_i();
	printf("rwx one byte rewritten -> %ld\n", (long)((fn0)code)());
	/* A longer routine, where a later instruction changes. */
	code[0] = li_a0(5);
	code[1] = 0x00a50533; /* add a0, a0, a0 */
	code[2] = 0x00a50533;
	code[3] = RET;
	fence_i();
	printf("rwx 5, double, double -> %ld\n", (long)((fn0)code)());
	code[2] = 0x00150513; /* addi a0, a0, 1 */
	fence_i();
	printf("rwx 5, double, +1 -> %ld\n", (long)((fn0)code)());
	munmap(code, 4096);
}

static void mprotect_cycle(void)
{
	u32 *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (code == MAP_FAILED) {
		printf("mmap failed\n");
		return;
	}
	for (int i = 0; i < 6; i++) {
		if (mprotect(code, 4096, PROT_READ | PROT_WRITE)) {
			printf("mprotect rw failed\n");
			break;
		}
		code[0] = li_a0(i * 111);
		code[1] = RET;
		if (mprotect(code, 4096, PROT_READ | PROT_EXEC)) {
			printf("mprotect rx failed\n");
			break;
		}
		fence_i();
		printf("mprotect cycle %d -> %ld\n", i, (long)((fn0)code)());
	}
	munmap(code, 4096);
}

/*
 * selfmod(word): runs the instruction at slot, stores word over it,
 * fence.i, runs it again; returns (first result << 16) | second result.
 * Position-independent (only pc-relative references, no relaxation to gp),
 * so it can run from a copy.
 */
extern const char selfmod_start[], selfmod_end[];
asm(".pushsection .text\n"
    ".option push\n"
    ".option norvc\n"
    ".option norelax\n"
    ".balign 4\n"
    "selfmod_start:\n"
    "	mv t2, a0\n"
    "	li t3, 0\n"
    "1:\n"
    "selfmod_slot:\n"
    "	addi a0, zero, 0\n"
    "	bnez t3, 2f\n"
    "	mv t4, a0\n"
    "	lla t0, selfmod_slot\n"
    "	sw t2, 0(t0)\n"
    "	fence.i\n"
    "	li t3, 1\n"
    "	j 1b\n"
    "2:\n"
    "	slli t4, t4, 16\n"
    "	or a0, a0, t4\n"
    "	ret\n"
    "selfmod_end:\n"
    ".option pop\n"
    ".popsection\n");

static void same_page(void)
{
	char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	size_t len = (size_t)(selfmod_end - selfmod_start);

	if (page == MAP_FAILED) {
		printf("mmap rwx failed\n");
		return;
	}
	memcpy(page + 64, selfmod_start, len);
	fence_i();
	for (int i = 1; i <= 8; i++) {
		u64 r = ((fn1)(page + 64))(li_a0(i * 3));

		printf("same page: before %lu after %lu\n", r >> 16, r & 0xffff);
	}
	munmap(page, 4096);
}

int main(void)
{
	rwx_buffer();
	mprotect_cycle();
	same_page();
	return 0;
}
