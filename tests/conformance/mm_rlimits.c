/*
 * mm_rlimits - RLIMIT_AS and RLIMIT_DATA bound the address space (Linux:
 * may_expand_vm, check_data_rlimit).
 *
 * Each scenario runs in a child of its own (lib/lifecycle.h), reads its own
 * VmSize or VmData from /proc/self/status and sets the limit a few MiB above
 * it, so that nothing depends on how big the program itself is:
 *	as	mmap within RLIMIT_AS succeeds, beyond it ENOMEM; munmap gives the
 *		room back; a MAP_FIXED mapping over pages already mapped does not
 *		grow the space; mremap growth and brk count too
 *	data	RLIMIT_DATA counts private writable mappings only: read-only and
 *		shared ones are free; mprotect making memory writable counts;
 *		brk beyond the limit keeps the old break; a soft limit of 0 means
 *		the hard one
 */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <sys/resource.h>

#include "lib/check.h"
#include "lib/lifecycle.h"

#define MiB	(1024L * 1024)

/* A "VmXxx:" line of /proc/self/status, in bytes; -1 if absent. */
static long
status_bytes(const char *field)
{
	char line[256];
	long kb = -1;
	size_t n = strlen(field);
	FILE *f = fopen("/proc/self/status", "r");

	while (f && fgets(line, sizeof(line), f))
		if (strncmp(line, field, n) == 0 && line[n] == ':')
			kb = atol(line + n + 1);
	if (f)
		fclose(f);
	return kb < 0 ? -1 : kb * 1024;
}

static void *
map(size_t len, int prot, int flags)
{
	return mmap(NULL, len, prot, flags, -1, 0);
}

static int
mapped(void *p)
{
	return p != MAP_FAILED;
}

static void
set_limit(int resource, rlim_t soft, rlim_t hard)
{
	struct rlimit rl = { soft, hard };

	if (setrlimit(resource, &rl))
		check("setrlimit", 0, "-1 %s", errno_name(errno));
}

static void
test_as(void)
{
	long size = status_bytes("VmSize");
	void *a, *b, *fixed;

	/* Settle stdio's buffer first: it must not be the one to fail. */
	check("vmsize_read", size > 0, "VmSize found: %s", yesno(size > 0));
	set_limit(RLIMIT_AS, size + 8 * MiB, RLIM_INFINITY);
	a = map(4 * MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
	check("as_within", mapped(a), "4 MiB under the limit: %s", yesno(mapped(a)));
	b = map(8 * MiB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS);
	check("as_beyond", !mapped(b) && errno == ENOMEM, "8 MiB more: %s",
	      mapped(b) ? "mapped" : errno_name(errno));
	fixed = mapped(a) ? mmap(a, 4 * MiB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
			  : MAP_FAILED;
	check("as_fixed_over_mapped", mapped(fixed),
	      "MAP_FIXED over the same 4 MiB: %s", yesno(mapped(fixed)));
	b = mapped(a) ? mremap(a, 4 * MiB, 12 * MiB, MREMAP_MAYMOVE) : MAP_FAILED;
	check("as_mremap_beyond", !mapped(b) && errno == ENOMEM, "mremap to 12 MiB: %s",
	      mapped(b) ? "moved" : errno_name(errno));
	b = sbrk(8 * MiB);
	check("as_brk_beyond", b == (void *)-1 && errno == ENOMEM, "sbrk(8 MiB): %s",
	      b == (void *)-1 ? errno_name(errno) : "grew");
	if (mapped(a))
		munmap(a, 4 * MiB);
	b = map(6 * MiB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS);
	check("as_after_munmap", mapped(b), "6 MiB once 4 are unmapped: %s", yesno(mapped(b)));
}

static void
test_data(void)
{
	long data = status_bytes("VmData");
	void *a, *ro, *shared, *brk0, *b;
	int r;

	check("vmdata_read", data > 0, "VmData found: %s", yesno(data > 0));
	set_limit(RLIMIT_DATA, data + 2 * MiB, RLIM_INFINITY);
	a = map(4 * MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
	check("data_private_writable_beyond", !mapped(a) && errno == ENOMEM,
	      "4 MiB private writable: %s", mapped(a) ? "mapped" : errno_name(errno));
	ro = map(4 * MiB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS);
	check("data_read_only_free", mapped(ro), "4 MiB read-only: %s", yesno(mapped(ro)));
	shared = map(4 * MiB, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS);
	check("data_shared_free", mapped(shared), "4 MiB shared writable: %s",
	      yesno(mapped(shared)));
	r = mapped(ro) ? mprotect(ro, 4 * MiB, PROT_READ | PROT_WRITE) : -1;
	check("data_mprotect_writable", r == -1 && errno == ENOMEM,
	      "mprotect of the read-only 4 MiB to writable: %s", r ? errno_name(errno) : "allowed");
	r = mapped(ro) ? mprotect(ro, MiB, PROT_READ | PROT_WRITE) : -1;
	check("data_mprotect_within", r == 0, "mprotect of 1 MiB of it: %s",
	      r ? errno_name(errno) : "allowed");
	brk0 = sbrk(0);
	b = sbrk(4 * MiB);
	check("data_brk_beyond", b == (void *)-1 && sbrk(0) == brk0,
	      "sbrk(4 MiB) fails, break unchanged: %s", yesno(b == (void *)-1 && sbrk(0) == brk0));
	set_limit(RLIMIT_DATA, 0, RLIM_INFINITY);
	a = map(4 * MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
	check("data_soft_zero_is_hard", mapped(a), "a soft limit of 0 with no hard limit: %s",
	      yesno(mapped(a)));
}

int
main(void)
{
	scenario("as", test_as);
	scenario("data", test_data);
	return check_summary();
}
