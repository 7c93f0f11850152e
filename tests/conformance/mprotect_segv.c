/*
 * mprotect_segv CASE — an access the page protections forbid kills the program
 * with SIGSEGV (no handler is installed). The runner compares the exit status
 * (128 + SIGSEGV) and the lines printed before the fault.
 *
 * Cases:
 *	write_readonly	write to a page after mprotect(PROT_READ)
 *	read_none	read a page after mprotect(PROT_NONE)
 *	write_unmapped	write to a page after munmap
 *	write_text	write to the program's own code
 *	exec_noexec	call into a readable, writable, not executable page
 */
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lib/check.h"

#define PAGE 4096UL

static unsigned char *
map_page(void)
{
	unsigned char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		printf("mmap: %s\n", errno_name(errno));
		exit(2);
	}
	p[0] = 42;
	return p;
}

/* Print the last line before the fault, and make sure it is out. */
static void
about_to(const char *what)
{
	printf("about to %s\n", what);
	fflush(stdout);
}

int
main(int argc, char **argv)
{
	volatile unsigned char *p;
	const char *c = argc > 1 ? argv[1] : "";

	if (strcmp(c, "write_readonly") == 0) {
		p = map_page();
		EXPECT_RET("mprotect_read", mprotect((void *)p, PAGE, PROT_READ), 0);
		check_long("still_readable", p[0], 42);
		about_to("write to a read-only page");
		p[0] = 1;
	} else if (strcmp(c, "read_none") == 0) {
		p = map_page();
		EXPECT_RET("mprotect_none", mprotect((void *)p, PAGE, PROT_NONE), 0);
		about_to("read a PROT_NONE page");
		printf("read %d\n", p[0]);
	} else if (strcmp(c, "write_unmapped") == 0) {
		p = map_page();
		EXPECT_RET("munmap", munmap((void *)p, PAGE), 0);
		about_to("write to an unmapped page");
		p[0] = 1;
	} else if (strcmp(c, "write_text") == 0) {
		p = (volatile unsigned char *)(void *)&map_page;
		about_to("write to the program's code");
		p[0] = p[0] ^ 0xff;
	} else if (strcmp(c, "exec_noexec") == 0) {
		void (*fn)(void);

		p = map_page();
		memset((void *)p, 0, PAGE);
		fn = (void (*)(void))(void *)p;
		about_to("call into a page without PROT_EXEC");
		fn();
	} else {
		printf("unknown case \"%s\"\n", c);
		return 2;
	}
	printf("survived: FAIL\n");
	return 1;
}
