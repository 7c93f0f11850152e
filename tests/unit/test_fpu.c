/* The F and D extensions (src/arch/riscv64/fpu.h) against qemu-riscv64.
 *
 * Expected values are never written here: tests/unit/fpu_oracle/fpu_oracle.c
 * runs the real instructions under qemu-riscv64 for a table of operands,
 * every rounding mode and every frm, and prints results and fflags; each test
 * below builds it (once per source version, cached in $TMPDIR), runs one of
 * its groups, feeds every line's operands to our functions the way the
 * dispatch loop does (fpu_enter, op, fpu_leave) and compares. Without the
 * cross compiler or qemu-riscv64 the tests are skipped, saying so. */
#include <criterion/criterion.h>
#include <errno.h>
#include <inttypes.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arch/riscv64/fpu.h"

extern char **environ;

#define CROSS_CC	"riscv64-linux-gnu-gcc"
#define QEMU		"qemu-riscv64"
#define MAX_REPORTED	20

/* ---- our functions, under one signature ---- */

typedef uint64_t host_fn(struct pt_regs *r, uint64_t a, uint64_t b, uint64_t c, int rm);

#define HOST_FN(n, call)                                                       \
	static uint64_t h_##n(struct pt_regs *r, uint64_t a, uint64_t b,       \
			      uint64_t c, int rm)                              \
	{                                                                      \
		(void)a, (void)b, (void)c, (void)rm;                           \
		return call;                                                   \
	}
#define H3(n) HOST_FN(n, n(r, a, b, c, rm))
#define H2(n) HOST_FN(n, n(r, a, b, rm))
#define H1(n) HOST_FN(n, n(r, a, rm))
#define N2(n) HOST_FN(n, n(r, a, b))
#define N1(n) HOST_FN(n, n(r, a))

H2(fadd_s) H2(fsub_s) H2(fmul_s) H2(fdiv_s) H1(fsqrt_s)
H2(fadd_d) H2(fsub_d) H2(fmul_d) H2(fdiv_d) H1(fsqrt_d)
H3(fmadd_s) H3(fmsub_s) H3(fnmsub_s) H3(fnmadd_s)
H3(fmadd_d) H3(fmsub_d) H3(fnmsub_d) H3(fnmadd_d)
N2(fmin_s) N2(fmax_s) N2(fmin_d) N2(fmax_d)
N2(fsgnj_s) N2(fsgnjn_s) N2(fsgnjx_s) N2(fsgnj_d) N2(fsgnjn_d) N2(fsgnjx_d)
N2(feq_s) N2(flt_s) N2(fle_s) N2(feq_d) N2(flt_d) N2(fle_d)
N1(fclass_s) N1(fclass_d)
H1(fcvt_w_s) H1(fcvt_wu_s) H1(fcvt_l_s) H1(fcvt_lu_s)
H1(fcvt_w_d) H1(fcvt_wu_d) H1(fcvt_l_d) H1(fcvt_lu_d)
H1(fcvt_s_w) H1(fcvt_s_wu) H1(fcvt_s_l) H1(fcvt_s_lu)
H1(fcvt_d_w) H1(fcvt_d_wu) H1(fcvt_d_l) H1(fcvt_d_lu)
H1(fcvt_s_d) H1(fcvt_d_s)
N1(fmv_x_w) N1(fmv_w_x) N1(fmv_x_d) N1(fmv_d_x)

static const struct {
	const char *mn;
	host_fn *fn;
} host_ops[] = {
#define E(mn, n) { mn, h_##n },
	E("fadd.s", fadd_s) E("fsub.s", fsub_s) E("fmul.s", fmul_s)
	E("fdiv.s", fdiv_s) E("fsqrt.s", fsqrt_s)
	E("fadd.d", fadd_d) E("fsub.d", fsub_d) E("fmul.d", fmul_d)
	E("fdiv.d", fdiv_d) E("fsqrt.d", fsqrt_d)
	E("fmadd.s", fmadd_s) E("fmsub.s", fmsub_s)
	E("fnmsub.s", fnmsub_s) E("fnmadd.s", fnmadd_s)
	E("fmadd.d", fmadd_d) E("fmsub.d", fmsub_d)
	E("fnmsub.d", fnmsub_d) E("fnmadd.d", fnmadd_d)
	E("fmin.s", fmin_s) E("fmax.s", fmax_s)
	E("fmin.d", fmin_d) E("fmax.d", fmax_d)
	E("fsgnj.s", fsgnj_s) E("fsgnjn.s", fsgnjn_s) E("fsgnjx.s", fsgnjx_s)
	E("fsgnj.d", fsgnj_d) E("fsgnjn.d", fsgnjn_d) E("fsgnjx.d", fsgnjx_d)
	E("feq.s", feq_s) E("flt.s", flt_s) E("fle.s", fle_s)
	E("feq.d", feq_d) E("flt.d", flt_d) E("fle.d", fle_d)
	E("fclass.s", fclass_s) E("fclass.d", fclass_d)
	E("fcvt.w.s", fcvt_w_s) E("fcvt.wu.s", fcvt_wu_s)
	E("fcvt.l.s", fcvt_l_s) E("fcvt.lu.s", fcvt_lu_s)
	E("fcvt.w.d", fcvt_w_d) E("fcvt.wu.d", fcvt_wu_d)
	E("fcvt.l.d", fcvt_l_d) E("fcvt.lu.d", fcvt_lu_d)
	E("fcvt.s.w", fcvt_s_w) E("fcvt.s.wu", fcvt_s_wu)
	E("fcvt.s.l", fcvt_s_l) E("fcvt.s.lu", fcvt_s_lu)
	E("fcvt.d.w", fcvt_d_w) E("fcvt.d.wu", fcvt_d_wu)
	E("fcvt.d.l", fcvt_d_l) E("fcvt.d.lu", fcvt_d_lu)
	E("fcvt.s.d", fcvt_s_d) E("fcvt.d.s", fcvt_d_s)
	E("fmv.x.w", fmv_x_w) E("fmv.w.x", fmv_w_x)
	E("fmv.x.d", fmv_x_d) E("fmv.d.x", fmv_d_x)
#undef E
};

static host_fn *
host_op(const char *mn)
{
	for (size_t i = 0; i < sizeof(host_ops) / sizeof(host_ops[0]); i++)
		if (!strcmp(host_ops[i].mn, mn))
			return host_ops[i].fn;
	return NULL;
}

/* ---- building and running the oracle ---- */

static bool
in_path(const char *prog)
{
	const char *path = getenv("PATH");
	char buf[4096];

	while (path && *path) {
		size_t n = strcspn(path, ":");

		snprintf(buf, sizeof(buf), "%.*s/%s", (int)n, path, prog);
		if (access(buf, X_OK) == 0)
			return true;
		path += n + (path[n] == ':');
	}
	return false;
}

/* fpu_oracle.c next to this file (the Makefile compiles and runs the unit
 * tests from the top of the tree, so __FILE__ is usable as a path). */
static void
oracle_source(char *buf, size_t size)
{
	const char *slash = strrchr(__FILE__, '/');
	int dir = slash ? (int)(slash - __FILE__) : 1;

	snprintf(buf, size, "%.*s/fpu_oracle/fpu_oracle.c", dir, slash ? __FILE__ : ".");
}

static int
run_wait(char *const argv[])
{
	pid_t pid;
	int status;

	if (posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ))
		return -1;
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The oracle binary for the current source, built if not cached yet. The
 * cache name carries a hash of the source, so an edit rebuilds it; tests
 * running in parallel may both build, and rename() makes either win. */
static void
oracle_binary(char *bin, size_t size)
{
	char src[4096], tmp[4200];
	const char *dir = getenv("TMPDIR");
	uint64_t hash = 0xcbf29ce484222325ULL;
	FILE *f;
	int ch;

	if (!in_path(CROSS_CC) || !in_path(QEMU))
		cr_skip_test("FPU oracle needs " CROSS_CC " and " QEMU " in PATH "
			     "(scripts/install-deps installs them)");
	oracle_source(src, sizeof(src));
	f = fopen(src, "r");
	cr_assert_not_null(f, "cannot open the oracle source %s: %s", src, strerror(errno));
	while ((ch = getc(f)) != EOF)
		hash = (hash ^ (uint8_t)ch) * 0x100000001b3ULL;
	fclose(f);
	snprintf(bin, size, "%s/taskbox-fpu-oracle-%u-%016" PRIx64,
		 dir && *dir ? dir : "/tmp", (unsigned)getuid(), hash);
	if (access(bin, X_OK) == 0)
		return;
	snprintf(tmp, sizeof(tmp), "%s.%d", bin, (int)getpid());
	{
		char *argv[] = { CROSS_CC, "-static", "-O1", "-o", tmp, src, NULL };

		cr_assert_eq(run_wait(argv), 0, "building the FPU oracle failed");
	}
	cr_assert_eq(rename(tmp, bin), 0, "rename %s: %s", tmp, strerror(errno));
}

/* qemu-riscv64 running the oracle's group, its output on the returned
 * stream; *pid to wait for. */
static FILE *
oracle_run(const char *group, pid_t *pid)
{
	char bin[4096];
	char *argv[] = { QEMU, bin, (char *)group, NULL };
	posix_spawn_file_actions_t fa;
	int fds[2];
	FILE *out;

	oracle_binary(bin, sizeof(bin));
	cr_assert_eq(pipe(fds), 0);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	posix_spawn_file_actions_addclose(&fa, fds[1]);
	cr_assert_eq(posix_spawnp(pid, QEMU, &fa, NULL, argv, environ), 0,
		     "cannot run " QEMU);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	out = fdopen(fds[0], "r");
	cr_assert_not_null(out);
	return out;
}

static void
oracle_close(FILE *out, pid_t pid)
{
	int status;

	fclose(out);
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		  "the FPU oracle failed under " QEMU);
}

/* ---- comparing ---- */

/* One instruction as the dispatch loop runs it: operands read from and the
 * result written to pt_regs.f[] (memory, so neither can move across the
 * MXCSR accesses), the task entered with fflags clear and frm set. */
static uint64_t
run_host(host_fn *fn, int rm, uint32_t frm, uint64_t a, uint64_t b, uint64_t c,
	 uint32_t *fflags)
{
	struct pt_regs r;

	memset(&r, 0, sizeof(r));
	r.frm = frm;
	r.f[1] = a;
	r.f[2] = b;
	r.f[3] = c;
	fpu_enter(&r);
	r.f[0] = fn(&r, r.f[1], r.f[2], r.f[3], rm);
	fpu_leave(&r);
	*fflags = r.fflags;
	return r.f[0];
}

/* Run group under qemu and through fpu.h; every line must match. */
static void
check_group(const char *group, long min_lines)
{
	char line[256], mn[32];
	long lines = 0, bad = 0;
	pid_t pid;
	FILE *out = oracle_run(group, &pid);

	while (fgets(line, sizeof(line), out)) {
		uint64_t a, b, c, want, got;
		uint32_t want_fl, got_fl, frm;
		host_fn *fn;
		int rm;

		cr_assert_eq(sscanf(line, "%31s %d %" SCNu32 " %" SCNx64 " %" SCNx64
				    " %" SCNx64 " %" SCNx64 " %" SCNx32, mn, &rm, &frm,
				    &a, &b, &c, &want, &want_fl), 8,
			     "bad oracle line: %s", line);
		fn = host_op(mn);
		cr_assert_not_null(fn, "no host function for %s", mn);
		got = run_host(fn, rm, frm, a, b, c, &got_fl);
		lines++;
		if (got == want && got_fl == want_fl)
			continue;
		if (++bad <= MAX_REPORTED)
			cr_log_error("%s rm=%d frm=%u a=%016" PRIx64 " b=%016" PRIx64
				     " c=%016" PRIx64 ": qemu %016" PRIx64 "/%02x, "
				     "taskbox %016" PRIx64 "/%02x", mn, rm, frm, a, b,
				     c, want, want_fl, got, got_fl);
	}
	oracle_close(out, pid);
	cr_assert_geq(lines, min_lines, "the oracle printed only %ld lines", lines);
	cr_expect_eq(bad, 0, "%ld of %ld %s results differ from qemu", bad, lines, group);
}

Test(fpu, arithmetic_s_matches_qemu) { check_group("arith_s", 100000); }
Test(fpu, arithmetic_d_matches_qemu) { check_group("arith_d", 100000); }
Test(fpu, square_root_matches_qemu) { check_group("sqrt", 30000); }
Test(fpu, fused_multiply_add_s_matches_qemu) { check_group("fma_s", 100000); }
Test(fpu, fused_multiply_add_d_matches_qemu) { check_group("fma_d", 100000); }
Test(fpu, min_max_match_qemu) { check_group("minmax", 5000); }
Test(fpu, sign_injection_matches_qemu) { check_group("sgnj", 5000); }
Test(fpu, comparisons_match_qemu) { check_group("cmp", 5000); }
Test(fpu, classify_matches_qemu) { check_group("class", 500); }
Test(fpu, float_to_int_saturates_as_qemu) { check_group("to_int", 30000); }
Test(fpu, int_to_float_matches_qemu) { check_group("from_int", 50000); }
Test(fpu, single_double_conversions_match_qemu) { check_group("cvt_fp", 20000); }
Test(fpu, moves_match_qemu) { check_group("move", 500); }

/* The CSR helpers keep the host state in step: see csr_group() in the
 * oracle for the sequence, mirrored here. */
Test(fpu, csr_writes_reach_flags_and_rounding_as_qemu)
{
	/* volatile: operands unknown at compile time, as guest registers are
	 * (clang folds constant operands in round-to-nearest) */
	static const volatile uint64_t ops[3][2] = {
		{ 0x3ff0000000000000, 0x3cb8000000000000 },
		{ 0xbff0000000000000, 0xbcb8000000000000 },
		{ 0x3ff0000000000000, 0x3ca0000000000000 },
	};
	char line[256];
	long lines = 0, bad = 0;
	pid_t pid;
	FILE *out = oracle_run("csr", &pid);

	while (fgets(line, sizeof(line), out)) {
		uint64_t v, want[8], got[8];
		struct pt_regs r;
		int csr;

		cr_assert_eq(sscanf(line, "csr %d %" SCNx64 " %" SCNx64 " %" SCNx64
				    " %" SCNx64 " %" SCNx64 " %" SCNx64 " %" SCNx64
				    " %" SCNx64, &csr, &v, &want[0], &want[1], &want[2],
				    &want[3], &want[4], &want[5], &want[6]), 9,
			     "bad oracle line: %s", line);
		memset(&r, 0, sizeof(r));
		r.f[1] = 0x3ff0000000000000;
		fpu_enter(&r);
		fpu_csr_write(&r, FPU_CSR_FCSR, 0);
		r.f[0] = fdiv_d(&r, r.f[1], r.f[2], FPU_RM_DYN);
		fpu_csr_write(&r, csr, v);
		got[0] = fpu_csr_read(&r, FPU_CSR_FFLAGS);
		got[1] = fpu_csr_read(&r, FPU_CSR_FRM);
		got[2] = fpu_csr_read(&r, FPU_CSR_FCSR);
		for (int k = 0; k < 3; k++) {
			r.f[4 + k] = 0;
			if (got[1] < 5)
				r.f[4 + k] = fadd_d(&r, ops[k][0], ops[k][1], FPU_RM_DYN);
			got[3 + k] = r.f[4 + k];
		}
		got[6] = fpu_csr_read(&r, FPU_CSR_FCSR);
		fpu_leave(&r);
		lines++;
		if (!memcmp(got, want, 7 * sizeof(got[0])))
			continue;
		bad++;
		cr_log_error("csr %d <- %" PRIx64 ": qemu %" PRIx64 " %" PRIx64 " %" PRIx64
			     " %016" PRIx64 " %016" PRIx64 " %016" PRIx64 " %" PRIx64
			     ", taskbox %" PRIx64 " %" PRIx64 " %" PRIx64 " %016" PRIx64
			     " %016" PRIx64 " %016" PRIx64 " %" PRIx64, csr, v,
			     want[0], want[1], want[2], want[3], want[4], want[5], want[6],
			     got[0], got[1], got[2], got[3], got[4], got[5], got[6]);
	}
	oracle_close(out, pid);
	cr_assert_geq(lines, 30);
	cr_expect_eq(bad, 0, "%ld of %ld CSR sequences differ from qemu", bad, lines);
}

/* Reserved rm fields (5, 6), and dyn while frm holds 5..7, raise SIGILL
 * under qemu for every op with an rm field, exact ones included. */
Test(fpu, illegal_rounding_modes_match_qemu)
{
	char line[256];
	long lines = 0;
	pid_t pid;
	FILE *out = oracle_run("rm_valid", &pid);

	while (fgets(line, sizeof(line), out)) {
		int rm, fadd_ran, fcvt_ran;
		struct pt_regs r;

		memset(&r, 0, sizeof(r));
		cr_assert_eq(sscanf(line, "rm_valid %d %" SCNu32 " %d %d", &rm, &r.frm,
				    &fadd_ran, &fcvt_ran), 4, "bad oracle line: %s", line);
		cr_expect_eq(fpu_rm_valid(&r, rm), fadd_ran, "fadd.d rm=%d frm=%u", rm, r.frm);
		cr_expect_eq(fpu_rm_valid(&r, rm), fcvt_ran, "fcvt.d.w rm=%d frm=%u", rm, r.frm);
		lines++;
	}
	oracle_close(out, pid);
	cr_assert_eq(lines, 64);
}

/* After fpu_leave() the host computes as C expects again: round to
 * nearest, no flags, no DAZ/FTZ, whatever the task left behind. */
Test(fpu, leave_gives_the_host_its_default_state)
{
	struct pt_regs r;

	memset(&r, 0, sizeof(r));
	r.frm = FPU_RM_RUP;
	fpu_enter(&r);
	r.f[0] = fdiv_d(&r, 0x3ff0000000000000, 0, FPU_RM_DYN);
	fpu_leave(&r);
	cr_expect_eq(fpu_stmxcsr(), MXCSR_DEFAULT);
}
