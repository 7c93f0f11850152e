/*
 * mmap_sigbus FIXTURE — touching a file mapping past the page that holds the end of
 * the file kills the program with SIGBUS; bytes past EOF within that page read zero.
 * FIXTURE/hello.txt holds 19 bytes.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lib/check.h"

#define PAGE 4096UL

int
main(int argc, char **argv)
{
	char path[4096];
	volatile unsigned char *p;
	int fd;

	if (argc < 2) {
		fprintf(stderr, "usage: mmap_sigbus FIXTURE\n");
		return 2;
	}
	snprintf(path, sizeof(path), "%s/hello.txt", argv[1]);
	fd = open(path, O_RDONLY);
	if (!check("open", fd >= 0, "%s", fd < 0 ? errno_name(errno) : "opened"))
		return 1;
	p = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	if (!check("mmap_two_pages", p != MAP_FAILED, "%s",
		   p == MAP_FAILED ? errno_name(errno) : "mapped past EOF"))
		return 1;
	check("first_byte", p[0] == 'h', "'%c'", p[0]);
	check_long("byte_past_eof_same_page", p[100], 0);
	check_long("last_byte_of_page", p[PAGE - 1], 0);
	printf("about to read the page after the one holding EOF\n");
	fflush(stdout);
	printf("read %d\n", p[PAGE]);
	printf("survived: FAIL\n");
	return 1;
}
