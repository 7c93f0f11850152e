/*
 * exec_interp — execve of a program whose PT_INTERP names a bad interpreter.
 *
 * The program copies its own binary into a scratch directory under /tmp, points the
 * copy's PT_INTERP (or, in a static build, its first PT_NOTE made a PT_INTERP) at a
 * string appended at the end of the copy, and execs the copy in a child, which
 * exits with execve's errno. Linux's
 * load_elf_binary (fs/binfmt_elf.c) fails these before its point of no return:
 * ENOEXEC for an interpreter path under 2 or over PATH_MAX bytes, or one without a
 * final NUL; open_exec's own errno for one it cannot open (ENOENT, EACCES for a
 * directory or a file without execute permission); EIO for an interpreter shorter
 * than an ELF header; ELIBBAD for one that is not an ELF file of this machine with
 * sane program headers. Works the same for a static and a dynamic build: no
 * interpreter here is ever started.
 *
 * And one failure after that point of no return: a first PT_LOAD whose file
 * size exceeds its memory size passes every check before it and fails once
 * mapped (EINVAL in load_elf_binary): the exec'ing child is killed by SIGSEGV
 * and never sees an errno.
 */
#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <link.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/check.h"

/* What a copy that did start exits with, before doing anything else. */
#define COPY_RAN	100

static char dir[] = "/tmp/exec_interp.XXXXXX";
static char *self_image;
static size_t self_size;

static int
read_file(const char *path, char **data, size_t *size)
{
	struct stat st;
	int fd = open(path, O_RDONLY);
	ssize_t n = 0, r;

	if (fd < 0 || fstat(fd, &st) < 0)
		return -1;
	*data = malloc(st.st_size);
	while (*data && n < st.st_size && (r = read(fd, *data + n, st.st_size - n)) > 0)
		n += r;
	close(fd);
	*size = n;
	return *data && n == st.st_size ? 0 : -1;
}

static int
write_file(const char *path, const void *a, size_t alen, const void *b, size_t blen,
	   mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	int ok;

	if (fd < 0)
		return -1;
	ok = write(fd, a, alen) == (ssize_t)alen && write(fd, b, blen) == (ssize_t)blen;
	ok &= fchmod(fd, mode) == 0;
	return close(fd) == 0 && ok ? 0 : -1;
}

/* The program header to turn into our PT_INTERP: the binary's own PT_INTERP
 * if it has one (only the first counts), else its first PT_NOTE. */
static ElfW(Phdr) *
interp_slot(ElfW(Phdr) *ph, int phnum)
{
	int i;

	for (i = 0; i < phnum; i++)
		if (ph[i].p_type == PT_INTERP)
			return &ph[i];
	for (i = 0; i < phnum; i++)
		if (ph[i].p_type == PT_NOTE)
			return &ph[i];
	return NULL;
}

/* Write dir/prog: this binary with a PT_INTERP holding the len bytes of
 * interp, appended at the end of the file. */
static int
make_program(const char *interp, size_t len)
{
	char *copy = malloc(self_size), path[PATH_MAX];
	ElfW(Ehdr) *eh = (ElfW(Ehdr) *)copy;
	ElfW(Phdr) *slot;
	int err = -1;

	if (!copy)
		return -1;
	memcpy(copy, self_image, self_size);
	slot = interp_slot((ElfW(Phdr) *)(copy + eh->e_phoff), eh->e_phnum);
	if (slot) {
		*slot = (ElfW(Phdr)){ .p_type = PT_INTERP, .p_flags = PF_R,
			.p_offset = self_size, .p_filesz = len, .p_memsz = len, .p_align = 1 };
		snprintf(path, sizeof(path), "%s/prog", dir);
		err = write_file(path, copy, self_size, interp, len, 0755);
	}
	free(copy);
	return err;
}

/* Exec dir/prog in a child; its wait status (an exit status of execve's
 * errno when the exec fails), or -1. */
static int
exec_status(void)
{
	char path[PATH_MAX];
	int status;
	pid_t pid;

	snprintf(path, sizeof(path), "%s/prog", dir);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execl(path, path, "copy", (char *)NULL);
		_exit(errno);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

/* execve's errno, from the child's exit status; -1 if it did not exit. */
static int
exec_errno(void)
{
	int status = exec_status();

	return status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* A copy whose first PT_LOAD has p_filesz > p_memsz: killed by SIGSEGV. */
static void
past_point_of_no_return(void)
{
	char *copy = malloc(self_size), path[PATH_MAX];
	ElfW(Ehdr) *eh = (ElfW(Ehdr) *)copy;
	ElfW(Phdr) *ph;
	int i, status, done = 0;

	if (!copy)
		return;
	memcpy(copy, self_image, self_size);
	ph = (ElfW(Phdr) *)(copy + eh->e_phoff);
	for (i = 0; i < eh->e_phnum && !done; i++)
		if (ph[i].p_type == PT_LOAD && ph[i].p_filesz > 16) {
			ph[i].p_memsz = ph[i].p_filesz - 16;
			done = 1;
		}
	snprintf(path, sizeof(path), "%s/prog", dir);
	if (!done || write_file(path, copy, self_size, "", 0, 0755)) {
		check("filesz_over_memsz", 0, "could not write the program");
		free(copy);
		return;
	}
	free(copy);
	status = exec_status();
	check("filesz_over_memsz", status != -1 && WIFSIGNALED(status) &&
	      WTERMSIG(status) == SIGSEGV, "the exec'ing child: %s",
	      status == -1 ? "no status" : WIFSIGNALED(status) ? signal_name(WTERMSIG(status)) :
	      WEXITSTATUS(status) == COPY_RAN ? "ran" : errno_name(WEXITSTATUS(status)));
}

/* The interpreter named by the len bytes of interp must make execve fail
 * with want. */
static void
expect_exec(const char *name, const char *interp, size_t len, int want)
{
	int err;

	if (make_program(interp, len)) {
		check(name, 0, "could not write the program");
		return;
	}
	err = exec_errno();
	check(name, err == want, "execve: %s, want %s",
	      err == COPY_RAN ? "succeeded" : err < 0 ? "no status" : errno_name(err),
	      errno_name(want));
}

/* An interpreter file at dir/interp with the given content and mode. */
static const char *
make_interp(const void *data, size_t len, mode_t mode)
{
	static char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/interp", dir);
	unlink(path);
	if (write_file(path, data, len, "", 0, mode))
		check("make_interp", 0, "could not write %s", path);
	return path;
}

static void
path_errors(void)
{
	char path[PATH_MAX + 1];
	size_t n;

	snprintf(path, sizeof(path), "%s/missing", dir);
	expect_exec("missing", path, strlen(path) + 1, ENOENT);
	expect_exec("no_final_nul", path, strlen(path), ENOEXEC);
	expect_exec("one_byte", "", 1, ENOEXEC);
	/* PATH_MAX bytes with the NUL is the longest accepted: ./ steps keep every
	 * component short, and the file at the end is missing. */
	n = snprintf(path, sizeof(path), "%s/", dir);
	while (n < PATH_MAX - 8)
		n += snprintf(path + n, sizeof(path) - n, "./");
	snprintf(path + n, sizeof(path) - n, "%0*d", (int)(PATH_MAX - 1 - n), 0);
	expect_exec("path_max", path, PATH_MAX, ENOENT);
	memmove(path + 1, path, PATH_MAX);
	expect_exec("over_path_max", path, PATH_MAX + 1, ENOEXEC);
	expect_exec("directory", dir, strlen(dir) + 1, EACCES);
}

static void
file_errors(void)
{
	static const char text[] = "An interpreter must be an ELF file; this one is "
				   "text, longer than an ELF header.\n";
	static const char script[] = "#!/bin/sh\n# a script is no interpreter either, "
				     "however long it is\nexit 0\n";
	ElfW(Ehdr) eh;
	const char *p;

	memcpy(&eh, self_image, sizeof(eh));
	p = make_interp("", 0, 0755);
	expect_exec("empty", p, strlen(p) + 1, EIO);
	p = make_interp(&eh, sizeof(eh) / 2, 0755);
	expect_exec("short_header", p, strlen(p) + 1, EIO);
	/* The header is read before it is checked: these two are longer than it. */
	p = make_interp(text, strlen(text), 0755);
	expect_exec("text", p, strlen(p) + 1, ELIBBAD);
	p = make_interp(script, strlen(script), 0755);
	expect_exec("script", p, strlen(p) + 1, ELIBBAD);
	eh.e_machine = EM_S390;
	p = make_interp(&eh, sizeof(eh), 0755);
	expect_exec("foreign_machine", p, strlen(p) + 1, ELIBBAD);
	memcpy(&eh, self_image, sizeof(eh));
	eh.e_phentsize = 0;
	p = make_interp(&eh, sizeof(eh), 0755);
	expect_exec("bad_phentsize", p, strlen(p) + 1, ELIBBAD);
	memcpy(&eh, self_image, sizeof(eh));
	p = make_interp(&eh, sizeof(eh), 0644);
	expect_exec("not_executable", p, strlen(p) + 1, EACCES);
}

static void
cleanup(void)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/prog", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/interp", dir);
	unlink(path);
	rmdir(dir);
}

int
main(int argc, char **argv)
{
	if (argc > 1)
		return COPY_RAN;
	if (!mkdtemp(dir) || read_file(argv[0], &self_image, &self_size)) {
		check("setup", 0, "scratch directory and own binary");
		return check_summary();
	}
	path_errors();
	file_errors();
	past_point_of_no_return();
	cleanup();
	return check_summary();
}
