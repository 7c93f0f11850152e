/* The fuzz targets' host side: the root directory, booting, and the checks
 * (see harness.h). This file, not the targets, includes the host's
 * <fcntl.h> and <sys/stat.h>: the targets speak the guest's ABI. */
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "kernel/wait.h"
#include "mm/mm.h"

/* Guest memory is bounded well below the default: a fuzzed ELF may ask for
 * any amount, and the kernel must refuse it, not the host. */
#define FUZZ_MEM_BYTES	(64ULL << 20)

static char fuzz_dir[256];
char fuzz_root[300];
char fuzz_outside[300];

static int
remove_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st, (void)type, (void)ftw;
	return remove(path);
}

static void
remove_fuzz_dir(void)
{
	nftw(fuzz_dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

void
fuzz_make_root(void)
{
	char tmpl[] = "/tmp/taskbox-fuzz-XXXXXX", *real;

	if (fuzz_dir[0])
		return;
	/* realpath: the confinement checks compare host paths as the host
	 * reports them, with no symlink on the way. */
	real = mkdtemp(tmpl) ? realpath(tmpl, NULL) : NULL;
	if (!real || strlen(real) >= sizeof(fuzz_dir))
		fuzz_fail("cannot make a temporary directory");
	strcpy(fuzz_dir, real);
	free(real);
	atexit(remove_fuzz_dir);
	snprintf(fuzz_root, sizeof(fuzz_root), "%s/root", fuzz_dir);
	snprintf(fuzz_outside, sizeof(fuzz_outside), "%s/outside", fuzz_dir);
	if (mkdir(fuzz_root, 0755) || mkdir(fuzz_outside, 0755))
		fuzz_fail("cannot make %s", fuzz_root);
	fuzz_write_file("../outside/secret", "host secret\n", 12, 0644);
}

static void
root_path(char *buf, const char *rel)
{
	snprintf(buf, PATH_MAX, "%s/%s", fuzz_root, rel);
}

void
fuzz_mkdir(const char *rel, int mode)
{
	char path[PATH_MAX];

	root_path(path, rel);
	if (mkdir(path, mode) || chmod(path, mode))
		fuzz_fail("mkdir %s", path);
}

void
fuzz_symlink(const char *target, const char *rel)
{
	char path[PATH_MAX];

	root_path(path, rel);
	if (symlink(target, path))
		fuzz_fail("symlink %s", path);
}

void
fuzz_mkfifo(const char *rel)
{
	char path[PATH_MAX];

	root_path(path, rel);
	if (mkfifo(path, 0644))
		fuzz_fail("mkfifo %s", path);
}

void
fuzz_write_file(const char *rel, const void *data, size_t len, int mode)
{
	char path[PATH_MAX];
	int fd;

	root_path(path, rel);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd < 0 || write(fd, data, len) != (ssize_t)len || close(fd))
		fuzz_fail("write %s", path);
}

struct kernel *
fuzz_boot(void)
{
	struct kernel_options opts = { .root = fuzz_root, .nr_cpus = 2,
				       .mem_bytes = FUZZ_MEM_BYTES };
	struct kernel *k = boot_kernel(&opts);

	if (!k)
		fuzz_fail("boot_kernel on %s", fuzz_root);
	return k;
}

struct task_struct *
fuzz_task(struct kernel *k)
{
	struct task_struct *t = create_first_task(k);

	if (!t || !(t->mm = mm_alloc(k)))
		fuzz_fail("create_first_task");
	k->cpus[0].current = t;
	k->cpus[0].tlb_mm = t->mm;
	k->current = t;		/* procfs's reader */
	return t;
}

void
fuzz_trace(const char *fmt, ...)
{
	static int on = -1;
	va_list ap;

	if (on < 0)
		on = getenv("FUZZ_TRACE") != NULL;
	if (!on)
		return;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("fuzz: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (fuzz_dir[0])
		remove_fuzz_dir();	/* abort() skips atexit */
	abort();
}

void
fuzz_check_result(const char *what, long ret, const int *allowed)
{
	if (ret >= 0)
		return;
	if (ret == -ESLEEP)
		fuzz_fail("%s slept (-ESLEEP): nothing it can reach blocks on Linux", what);
	if (ret < -FUZZ_ERRNO_MAX)
		fuzz_fail("%s returned %ld: not a Linux errno", what, ret);
	for (int i = 0; allowed && allowed[i]; i++)
		if (ret == -allowed[i])
			return;
	if (allowed)
		fuzz_fail("%s returned %ld (%s): not an errno it can give on Linux",
			  what, ret, strerror((int)-ret));
}

void
fuzz_stdin_pipe(void)
{
	int fds[2];

	if (pipe(fds) || dup2(fds[0], STDIN_FILENO) < 0)
		fuzz_fail("cannot make stdin a pipe");
	close(fds[0]);			/* the write end stays open: no EOF */
}

bool
fuzz_realpath(const char *path, char *buf, size_t size)
{
	char *real = realpath(path, NULL);
	bool fits = real && strlen(real) < size;

	if (fits)
		strcpy(buf, real);
	free(real);
	return fits;
}

void
fuzz_host_path(int fd, char *buf, size_t size)
{
	char link[64];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, buf, size - 1);
	buf[n < 0 ? 0 : n] = '\0';
}
