#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"

char fixture_root[256];

struct kernel *
fixture_boot(uint64_t mem_bytes)
{
	struct kernel_options opts = { .nr_cpus = 2, .mem_bytes = mem_bytes };
	struct kernel *k;

	strcpy(fixture_root, "/tmp/taskbox-unit-XXXXXX");
	cr_assert_not_null(mkdtemp(fixture_root));
	opts.root = fixture_root;
	k = boot_kernel(&opts);
	cr_assert_not_null(k);
	return k;
}

struct task_struct *
fixture_task(struct kernel *k)
{
	struct task_struct *t = create_first_task(k);

	cr_assert_not_null(t);
	t->mm = mm_alloc(k);
	cr_assert_not_null(t->mm);
	k->cpus[0].current = t;
	k->cpus[0].tlb_mm = t->mm;
	return t;
}

void
fixture_write_file(const char *rel, const void *data, size_t len, int mode)
{
	char path[512];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", fixture_root, rel);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	cr_assert(fd >= 0);
	cr_assert_eq(write(fd, data, len), (ssize_t)len);
	close(fd);
}

void
fixture_shutdown(struct kernel *k)
{
	char cmd[300];

	kernel_shutdown(k);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fixture_root);
	cr_assert_eq(system(cmd), 0);
}
