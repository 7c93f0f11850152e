/*
 * brk_mmap — the program break and anonymous and file mappings.
 *
 * argv[1] is the fixture directory (see the runner): pattern.bin holds 10000 bytes,
 * "line 0001\n" .. "line 1000\n".
 *
 * Whether a page is mapped is told without touching it (there is no fork to survive
 * a SIGSEGV in): mmap(addr, MAP_FIXED_NOREPLACE) succeeds on a hole and fails with
 * EEXIST on a mapped page. Faults that kill the program live in mprotect_segv and
 * mmap_sigbus.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "lib/check.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

#define PAGE 4096UL
#define PATTERN_SIZE 10000

static const char *fixture;

static uintptr_t
page_up(uintptr_t a)
{
	return (a + PAGE - 1) & ~(PAGE - 1);
}

static uintptr_t
raw_brk(uintptr_t addr)
{
	return (uintptr_t)syscall(SYS_brk, addr);
}

/* is_hole - 1 if [addr, addr+len) is entirely unmapped, 0 if any of it is mapped,
 * -1 if the probe itself misbehaves: *err is then its errno, or -1 when the kernel
 * put the probe somewhere else (MAP_FIXED_NOREPLACE treated as a mere hint). */
static int
is_hole(uintptr_t addr, size_t len, int *err)
{
	void *p = mmap((void *)addr, len, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	*err = errno;
	if (p == MAP_FAILED)
		return *err == EEXIST ? 0 : -1;
	munmap(p, len);
	if ((uintptr_t)p != addr) {
		*err = -1;
		return -1;
	}
	return 1;
}

/* hole_fact - what is_hole found, as printed: "yes", "no" or what went wrong. */
static const char *
hole_fact(int hole, int err, int want_hole)
{
	if (hole < 0)
		return err < 0 ? "probe placed elsewhere" : errno_name(err);
	return yesno(hole == want_hole);
}

static int
all_bytes(const unsigned char *p, size_t len, unsigned char v)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] != v)
			return 0;
	return 1;
}

static int
open_fixture(const char *name)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", fixture, name);
	return open(path, O_RDONLY | O_CLOEXEC);
}

static char
pattern_byte(long off)
{
	static const char digits[] = "0123456789";
	long line = off / 10 + 1;

	switch (off % 10) {
	case 0: return 'l';
	case 1: return 'i';
	case 2: return 'n';
	case 3: return 'e';
	case 4: return ' ';
	case 5: return digits[line / 1000 % 10];
	case 6: return digits[line / 100 % 10];
	case 7: return digits[line / 10 % 10];
	case 8: return digits[line % 10];
	}
	return '\n';
}

/*
 * The break: brk(0) reports it, growing it maps zeroed pages, shrinking unmaps
 * them, and a request below the start of the heap or into another mapping leaves
 * it unchanged: the raw syscall then returns the old break. (glibc's brk() reports
 * ENOMEM only when the break it gets back is below the one it asked for.)
 */
static void
test_brk(void)
{
	uintptr_t orig = raw_brk(0), base = page_up(orig), want, got;
	unsigned char *p;
	int err, hole;
	void *block;

	check("brk0_nonzero", orig != 0, "brk(0) returns a break: %s", yesno(orig != 0));
	check("brk0_stable", raw_brk(0) == orig, "brk(0) twice gives the same break: %s",
	      yesno(raw_brk(0) == orig));
	check("sbrk0_is_brk0", sbrk(0) == (void *)orig, "sbrk(0) == brk(0): %s",
	      yesno(sbrk(0) == (void *)orig));

	/* Grow by three pages and a bit: the break is exact, the pages are memory. */
	want = base + 3 * PAGE + 100;
	got = raw_brk(want);
	check("brk_grow_exact", got == want, "brk returns the unaligned request: %s",
	      yesno(got == want));
	p = (unsigned char *)base;
	check("brk_grow_zeroed", got == want && all_bytes(p, 3 * PAGE + 100, 0),
	      "new break pages read zero: %s",
	      yesno(got == want && all_bytes(p, 3 * PAGE + 100, 0)));
	if (got == want) {
		memset(p, 0x5a, 3 * PAGE + 100);
		check("brk_grow_writable", all_bytes(p, 3 * PAGE + 100, 0x5a),
		      "written bytes read back: %s", yesno(all_bytes(p, 3 * PAGE + 100, 0x5a)));
	}
	hole = is_hole(base + 4 * PAGE, PAGE, &err);
	check("brk_page_past_break_unmapped", hole == 1,
	      "page after the break's last page is a hole: %s", hole_fact(hole, err, 1));

	/* Shrink back: the pages go away, and growing again gives zeroed pages. */
	got = raw_brk(orig);
	check("brk_shrink", got == orig, "shrinking returns the old break: %s",
	      yesno(got == orig));
	hole = is_hole(base + PAGE, 3 * PAGE, &err);
	check("brk_shrink_unmaps", hole == 1, "released pages are a hole: %s",
	      hole_fact(hole, err, 1));
	got = raw_brk(base + 2 * PAGE);
	check("brk_regrow_zeroed", got == base + 2 * PAGE && all_bytes(p, 2 * PAGE, 0),
	      "pages given back and taken again read zero: %s",
	      yesno(got == base + 2 * PAGE && all_bytes(p, 2 * PAGE, 0)));
	raw_brk(orig);

	/* Below the start of the heap (the program's own data): refused. */
	got = raw_brk((uintptr_t)&fixture);
	check("brk_below_start_refused", got == orig,
	      "brk below the heap start returns the current break: %s", yesno(got == orig));
	got = raw_brk(0);
	check("brk_below_start_unchanged", got == orig, "the break is unchanged: %s",
	      yesno(got == orig));
	errno = 0;
	{
		int r = brk(&fixture);
		int e = errno;

		/* glibc's brk() fails only when the break ends up below the request. */
		check("glibc_brk_below_start", r == 0 && raw_brk(0) == orig,
		      "glibc brk() below start: %d %s, break unchanged: %s", r,
		      r == -1 ? errno_name(e) : "-", yesno(raw_brk(0) == orig));
	}

	/* A mapping in the way: growing into it is refused. */
	block = mmap((void *)(base + 4 * PAGE), PAGE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	err = errno;
	check("brk_blocker_mapped", block == (void *)(base + 4 * PAGE),
	      "a page can be mapped above the break: %s",
	      block == MAP_FAILED ? errno_name(err) : yesno(block == (void *)(base + 4 * PAGE)));
	if (block != MAP_FAILED) {
		got = raw_brk(base + 6 * PAGE);
		check("brk_into_mapping_refused", got == orig,
		      "growing over a mapping returns the old break: %s", yesno(got == orig));
		got = raw_brk(base + 2 * PAGE);
		check("brk_below_mapping_ok", got == base + 2 * PAGE,
		      "growing short of the mapping (a page gap left) works: %s",
		      yesno(got == base + 2 * PAGE));
		munmap(block, PAGE);
	}
	got = raw_brk(orig);
	check("brk_restored", got == orig, "the break is back where it started: %s",
	      yesno(got == orig));
}

/* Anonymous private mappings: placement, zero fill, holes, MAP_FIXED. */
static void
test_mmap_anon(void)
{
	unsigned char *p, *q;
	int err, hole;

	p = mmap(NULL, 5 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	err = errno;
	if (!check("mmap_anon", p != MAP_FAILED, "%s", p == MAP_FAILED ? errno_name(err) : "mapped"))
		return;
	check("mmap_anon_aligned", (uintptr_t)p % PAGE == 0, "page aligned: %s",
	      yesno((uintptr_t)p % PAGE == 0));
	check("mmap_anon_zeroed", all_bytes(p, 5 * PAGE, 0), "all bytes zero: %s",
	      yesno(all_bytes(p, 5 * PAGE, 0)));
	memset(p, 0xa5, 5 * PAGE);
	check("mmap_anon_writable", all_bytes(p, 5 * PAGE, 0xa5), "written bytes read back: %s",
	      yesno(all_bytes(p, 5 * PAGE, 0xa5)));

	/* munmap of the middle page leaves a hole between two intact pages. */
	EXPECT_RET("munmap_middle", munmap(p + 2 * PAGE, PAGE), 0);
	hole = is_hole((uintptr_t)p + 2 * PAGE, PAGE, &err);
	check("munmap_middle_is_hole", hole == 1, "the middle page is a hole: %s",
	      hole_fact(hole, err, 1));
	hole = is_hole((uintptr_t)p + PAGE, PAGE, &err);
	check("munmap_neighbour_mapped", hole == 0, "the page below is still mapped: %s",
	      hole_fact(hole, err, 0));
	hole = is_hole((uintptr_t)p + 3 * PAGE, PAGE, &err);
	check("munmap_neighbour_mapped_above", hole == 0, "the page above is still mapped: %s",
	      hole_fact(hole, err, 0));
	check("munmap_neighbours_intact",
	      all_bytes(p + PAGE, PAGE, 0xa5) && all_bytes(p + 3 * PAGE, PAGE, 0xa5),
	      "neighbours keep their bytes: %s",
	      yesno(all_bytes(p + PAGE, PAGE, 0xa5) && all_bytes(p + 3 * PAGE, PAGE, 0xa5)));
	EXPECT_ERRNO("noreplace_partial_overlap",
		     q = mmap(p + PAGE, 2 * PAGE, PROT_READ,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0),
		     EEXIST);
	if (q != MAP_FAILED && q != p + PAGE)
		munmap(q, 2 * PAGE);

	/* A hint at a free address is taken as it is. */
	q = mmap(p + 2 * PAGE, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check("mmap_hint_free_taken", q == p + 2 * PAGE, "a free hint is honoured: %s",
	      yesno(q == p + 2 * PAGE));
	check("mmap_hole_refilled_zeroed", q != MAP_FAILED && all_bytes(q, PAGE, 0),
	      "the page mapped into the hole reads zero: %s",
	      yesno(q != MAP_FAILED && all_bytes(q, PAGE, 0)));

	/* MAP_FIXED replaces what was there with fresh zero pages. */
	q = mmap(p + PAGE, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		 -1, 0);
	check("mmap_fixed_replaces", q == p + PAGE && all_bytes(q, PAGE, 0),
	      "MAP_FIXED returns addr and the page reads zero: %s",
	      yesno(q == p + PAGE && all_bytes(q, PAGE, 0)));
	check("mmap_fixed_spares_rest", all_bytes(p, PAGE, 0xa5) && all_bytes(p + 4 * PAGE, PAGE, 0xa5),
	      "pages outside the fixed range are untouched: %s",
	      yesno(all_bytes(p, PAGE, 0xa5) && all_bytes(p + 4 * PAGE, PAGE, 0xa5)));

	/* mprotect to read-only: still readable (writing is mprotect_segv's test). */
	EXPECT_RET("mprotect_readonly", mprotect(p, PAGE, PROT_READ), 0);
	check("mprotect_readonly_readable", all_bytes(p, PAGE, 0xa5),
	      "read-only page keeps its bytes: %s", yesno(all_bytes(p, PAGE, 0xa5)));
	EXPECT_RET("mprotect_back_to_rw", mprotect(p, PAGE, PROT_READ | PROT_WRITE), 0);
	p[0] = 1;
	check_long("mprotect_rw_writable", p[0], 1);

	/* MADV_DONTNEED drops private anonymous pages: they read zero afterwards. */
	EXPECT_RET("madvise_dontneed", madvise(p + 4 * PAGE, PAGE, MADV_DONTNEED), 0);
	check("madvise_dontneed_zeroes", all_bytes(p + 4 * PAGE, PAGE, 0),
	      "the page reads zero afterwards: %s", yesno(all_bytes(p + 4 * PAGE, PAGE, 0)));

	EXPECT_RET("msync_mapped", msync(p, 5 * PAGE, MS_SYNC), 0);
	EXPECT_RET("munmap_all", munmap(p, 5 * PAGE), 0);
	hole = is_hole((uintptr_t)p, 5 * PAGE, &err);
	check("munmap_all_is_hole", hole == 1, "the whole range is a hole: %s",
	      hole_fact(hole, err, 1));
	EXPECT_RET("munmap_hole_ok", munmap(p, 5 * PAGE), 0);
	EXPECT_ERRNO("msync_hole", msync(p, PAGE, MS_SYNC), ENOMEM);
	EXPECT_ERRNO("mprotect_hole", mprotect(p, PAGE, PROT_READ), ENOMEM);
}

/* Argument errors, each with the errno Linux gives. */
static void
test_mmap_errors(void)
{
	char *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fd = open_fixture("pattern.bin"), dirfd = open_fixture(".");

	EXPECT_ERRNO("mmap_len_zero", (mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)), EINVAL);
	EXPECT_ERRNO("mmap_no_type", (mmap(NULL, PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0)), EINVAL);
	EXPECT_ERRNO("mmap_fixed_unaligned", (mmap(p + 1, PAGE, PROT_READ,
				     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)), EINVAL);
	EXPECT_ERRNO("mmap_huge_len", (mmap(NULL, -PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)), ENOMEM);
	EXPECT_ERRNO("mmap_file_unaligned_offset", (mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 100)), EINVAL);
	EXPECT_ERRNO("mmap_bad_fd", (mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, 999, 0)), EBADF);
	EXPECT_ERRNO("mmap_shared_write_rdonly_fd", (mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)), EACCES);
	EXPECT_ERRNO("mmap_directory", (mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, dirfd, 0)), ENODEV);
	EXPECT_ERRNO("munmap_unaligned", munmap(p + 1, PAGE), EINVAL);
	EXPECT_ERRNO("munmap_len_zero", munmap(p, 0), EINVAL);
	EXPECT_ERRNO("mprotect_unaligned", mprotect(p + 1, PAGE, PROT_READ), EINVAL);
	EXPECT_ERRNO("mprotect_bad_prot", mprotect(p, PAGE, 0x1000), EINVAL);
	EXPECT_ERRNO("mremap_bad_flags", (mremap(p, PAGE, 2 * PAGE, 0x80)), EINVAL);
	EXPECT_ERRNO("mremap_unaligned", (mremap(p + 1, PAGE, 2 * PAGE, MREMAP_MAYMOVE)), EINVAL);
	munmap(p, 2 * PAGE);
	close(fd);
	close(dirfd);
}

/* mremap: growth keeps contents (moving or not), shrinking keeps the address. */
static void
test_mremap(void)
{
	unsigned char *p, *q, *r;
	int err, hole;

	p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(p, 0x3c, 2 * PAGE);
	q = mremap(p, 2 * PAGE, 64 * PAGE, MREMAP_MAYMOVE);
	err = errno;
	if (check("mremap_grow", q != MAP_FAILED, "%s", q == MAP_FAILED ? errno_name(err) : "succeeded")) {
		check("mremap_grow_keeps", all_bytes(q, 2 * PAGE, 0x3c),
		      "the old bytes are there: %s", yesno(all_bytes(q, 2 * PAGE, 0x3c)));
		check("mremap_grow_tail_zeroed", all_bytes(q + 2 * PAGE, 62 * PAGE, 0),
		      "the new pages read zero: %s", yesno(all_bytes(q + 2 * PAGE, 62 * PAGE, 0)));
		r = mremap(q, 64 * PAGE, PAGE, 0);
		check("mremap_shrink_in_place", r == q, "shrinking keeps the address: %s",
		      yesno(r == q));
		hole = is_hole((uintptr_t)q + PAGE, 63 * PAGE, &err);
		check("mremap_shrink_unmaps", hole == 1, "the cut pages are a hole: %s",
		      hole_fact(hole, err, 1));
		munmap(q, PAGE);
	}

	/* In place, without MREMAP_MAYMOVE: fine into a hole, ENOMEM into a mapping. */
	p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(p, 0x11, 4 * PAGE);
	munmap(p + 2 * PAGE, PAGE);
	q = mremap(p, 2 * PAGE, 3 * PAGE, 0);
	check("mremap_grow_in_place", q == p && all_bytes(p, 2 * PAGE, 0x11) &&
	      all_bytes(p + 2 * PAGE, PAGE, 0),
	      "grows into the free page, old bytes kept, new page zero: %s",
	      yesno(q == p && all_bytes(p, 2 * PAGE, 0x11) && all_bytes(p + 2 * PAGE, PAGE, 0)));
	EXPECT_ERRNO("mremap_blocked_enomem", (mremap(p, 3 * PAGE, 4 * PAGE, 0)), ENOMEM);

	/* MREMAP_FIXED moves to the chosen address; the old range becomes a hole. */
	r = mmap(NULL, 8 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	q = mremap(p, 3 * PAGE, 3 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, r + 4 * PAGE);
	err = errno;
	check("mremap_fixed", q == r + 4 * PAGE, "moved to the requested address: %s",
	      q == MAP_FAILED ? errno_name(err) : yesno(q == r + 4 * PAGE));
	if (q != MAP_FAILED) {
		check("mremap_fixed_keeps", all_bytes(q, 2 * PAGE, 0x11),
		      "the bytes moved with it: %s", yesno(all_bytes(q, 2 * PAGE, 0x11)));
		hole = is_hole((uintptr_t)p, 3 * PAGE, &err);
		check("mremap_fixed_old_is_hole", hole == 1, "the old range is a hole: %s",
		      hole_fact(hole, err, 1));
	}
	munmap(r, 8 * PAGE);
	munmap(p + 3 * PAGE, PAGE);
}

/* File mappings: MAP_PRIVATE shows the file, its writes stay private. */
static void
test_mmap_file(void)
{
	int fd = open_fixture("pattern.bin");
	unsigned char *p, *q;
	char buf[16];
	int same = 1, zero_tail, err;
	long i;

	if (!check("open_pattern", fd >= 0, "%s", fd < 0 ? errno_name(errno) : "opened"))
		return;
	p = mmap(NULL, 3 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	err = errno;
	if (!check("mmap_file_private", p != MAP_FAILED, "%s",
		   p == MAP_FAILED ? errno_name(err) : "mapped"))
		return;
	for (i = 0; i < PATTERN_SIZE; i++)
		same &= p[i] == (unsigned char)pattern_byte(i);
	check("mmap_file_content", same, "the mapping shows the file's bytes: %s", yesno(same));
	zero_tail = all_bytes(p + PATTERN_SIZE, 3 * PAGE - PATTERN_SIZE, 0);
	check("mmap_file_tail_zeroed", zero_tail,
	      "the rest of the last page past EOF reads zero: %s", yesno(zero_tail));
	munmap(p, 3 * PAGE);

	/* An offset maps from that page on. */
	p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, PAGE);
	check("mmap_file_offset", p != MAP_FAILED && p[0] == (unsigned char)pattern_byte(PAGE) &&
	      p[100] == (unsigned char)pattern_byte(PAGE + 100),
	      "offset 4096 maps byte 4096 at the start: %s",
	      yesno(p != MAP_FAILED && p[0] == (unsigned char)pattern_byte(PAGE) &&
		    p[100] == (unsigned char)pattern_byte(PAGE + 100)));
	if (p != MAP_FAILED)
		munmap(p, PAGE);

	/* A private writable mapping of a read-only descriptor: writes stay private. */
	p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	err = errno;
	if (!check("mmap_file_private_writable", p != MAP_FAILED, "%s",
		   p == MAP_FAILED ? errno_name(err) : "mapped"))
		return;
	memcpy(p, "XXXX", 4);
	check("mmap_private_write_visible", memcmp(p, "XXXX 0001", 9) == 0,
	      "the writer sees \"%.9s\"", (char *)p);
	EXPECT_RET("pread_after_private_write", pread(fd, buf, 9, 0), 9);
	check("private_write_not_in_file", memcmp(buf, "line 0001", 9) == 0,
	      "the file still starts with \"%.9s\"", buf);
	q = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	check("private_write_not_in_other_mapping", q != MAP_FAILED && memcmp(q, "line", 4) == 0,
	      "another mapping sees the file: %s",
	      yesno(q != MAP_FAILED && memcmp(q, "line", 4) == 0));
	if (q != MAP_FAILED)
		munmap(q, PAGE);
	munmap(p, PAGE);

	/* MAP_SHARED read-only of a read-only descriptor is allowed. */
	p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0);
	check("mmap_file_shared_readonly", p != MAP_FAILED && p[9] == '\n',
	      "mapped and shows the file: %s", yesno(p != MAP_FAILED && p[9] == '\n'));
	if (p != MAP_FAILED)
		munmap(p, PAGE);
	/* The mapping survives close(). */
	p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	check("mmap_survives_close", p != MAP_FAILED && p[5] == '0' && p[8] == '1',
	      "still readable after close: %s", yesno(p != MAP_FAILED && p[5] == '0' && p[8] == '1'));
	if (p != MAP_FAILED)
		munmap(p, PAGE);
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: brk_mmap FIXTURE\n");
		return 2;
	}
	fixture = argv[1];
	printf("brk_mmap\n");	/* stdio allocates its buffer before the break is probed */
	fflush(stdout);
	test_brk();
	test_mmap_anon();
	test_mmap_errors();
	test_mremap();
	test_mmap_file();
	return check_summary();
}
