/*
 * dyn_loader — a dynamically linked program, started by its interpreter.
 *
 * The runner builds every dyn_* program dynamically on both sides (no -static for
 * riscv64, -Wl,--as-needed for both, so libm is not loaded until dlopen asks for
 * it). execve maps the interpreter named by PT_INTERP (ld.so) beside the program
 * and starts it; ld.so maps libc with openat + mmap + mprotect, relocates, makes
 * RELRO read-only and jumps to the program's entry.
 *
 * Checked, as relations that hold on any Linux: AT_BASE is nonzero, page-aligned
 * and holds the interpreter's ELF header; AT_ENTRY is _start; AT_PHDR is the
 * program's own PT_PHDR, as the ELF header at __ehdr_start says; dl_iterate_phdr
 * lists the program first (with AT_PHDR/AT_PHNUM), then finds the interpreter at
 * AT_BASE under the PT_INTERP path, and libc; RELRO is read-only; dlopen of libm
 * loads it (cos(0) == 1) and a missing library fails; a forked child that execs
 * this program again passes the same checks.
 */
#define _GNU_SOURCE	/* dl_iterate_phdr */
#include <dlfcn.h>
#include <elf.h>
#include <link.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/check.h"

extern char _start[];
extern const ElfW(Ehdr) __ehdr_start;

/* The program's load bias: AT_PHDR minus PT_PHDR's link address. */
static uintptr_t
program_bias(void)
{
	const ElfW(Phdr) *phdr = (const ElfW(Phdr) *)getauxval(AT_PHDR);
	unsigned long i, phnum = getauxval(AT_PHNUM);

	for (i = 0; i < phnum; i++)
		if (phdr[i].p_type == PT_PHDR)
			return (uintptr_t)phdr - phdr[i].p_vaddr;
	return 0;
}

/* The program's PT_INTERP string, or NULL. */
static const char *
program_interp(void)
{
	const ElfW(Phdr) *phdr = (const ElfW(Phdr) *)getauxval(AT_PHDR);
	unsigned long i, phnum = getauxval(AT_PHNUM);

	for (i = 0; i < phnum; i++)
		if (phdr[i].p_type == PT_INTERP)
			return (const char *)(program_bias() + phdr[i].p_vaddr);
	return NULL;
}

static void
check_auxv(void)
{
	const ElfW(Ehdr) *eh = &__ehdr_start;
	const ElfW(Phdr) *phdr = (const ElfW(Phdr) *)getauxval(AT_PHDR);
	unsigned long i, phnum = getauxval(AT_PHNUM), n_phdr = 0;
	uintptr_t base = getauxval(AT_BASE), bias = program_bias();
	const ElfW(Ehdr) *interp = (const ElfW(Ehdr) *)base;
	int interp_elf;

	check("at_base_nonzero", base != 0, "AT_BASE != 0: %s", yesno(base != 0));
	check("at_base_aligned", base % getauxval(AT_PAGESZ) == 0,
	      "AT_BASE is page-aligned: %s", yesno(base % getauxval(AT_PAGESZ) == 0));
	interp_elf = base && memcmp(interp->e_ident, ELFMAG, SELFMAG) == 0;
	check("at_base_is_elf", interp_elf, "an ELF header at AT_BASE: %s",
	      yesno(interp_elf));
	check("at_base_is_dyn", interp_elf && interp->e_type == ET_DYN,
	      "the interpreter is ET_DYN: %s", yesno(interp_elf && interp->e_type == ET_DYN));
	check("at_entry_is_start", getauxval(AT_ENTRY) == (uintptr_t)_start,
	      "AT_ENTRY == _start: %s", yesno(getauxval(AT_ENTRY) == (uintptr_t)_start));
	check("at_entry_is_e_entry", getauxval(AT_ENTRY) == bias + eh->e_entry,
	      "AT_ENTRY == load bias + e_entry: %s",
	      yesno(getauxval(AT_ENTRY) == bias + eh->e_entry));
	for (i = 0; i < phnum; i++)
		n_phdr += phdr[i].p_type == PT_PHDR;
	check("at_phdr_has_pt_phdr", n_phdr == 1, "PT_PHDR entries at AT_PHDR: %lu", n_phdr);
	check("at_phdr_is_ehdr_phoff",
	      (uintptr_t)phdr == (uintptr_t)eh + eh->e_phoff,
	      "AT_PHDR == ELF header + e_phoff: %s",
	      yesno((uintptr_t)phdr == (uintptr_t)eh + eh->e_phoff));
	check("at_phnum_is_e_phnum", phnum == eh->e_phnum, "AT_PHNUM == e_phnum: %s",
	      yesno(phnum == eh->e_phnum));
	check("at_phent", getauxval(AT_PHENT) == sizeof(ElfW(Phdr)),
	      "AT_PHENT == sizeof(Phdr): %s", yesno(getauxval(AT_PHENT) == sizeof(ElfW(Phdr))));
	check("has_pt_interp", program_interp() != NULL, "PT_INTERP present: %s",
	      yesno(program_interp() != NULL));
}

struct objects {
	int count, main_first, main_phdr, interp_at_base, interp_named, libc, libm;
};

static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static int
visit(struct dl_phdr_info *info, size_t size, void *data)
{
	struct objects *o = data;
	const char *interp = program_interp();

	(void)size;
	if (o->count++ == 0) {
		o->main_first = info->dlpi_addr == program_bias() && !*info->dlpi_name;
		o->main_phdr = info->dlpi_phdr == (const ElfW(Phdr) *)getauxval(AT_PHDR) &&
			       info->dlpi_phnum == getauxval(AT_PHNUM);
	}
	if (info->dlpi_addr == getauxval(AT_BASE)) {
		o->interp_at_base = 1;
		o->interp_named = interp && strcmp(info->dlpi_name, interp) == 0;
	}
	o->libc |= strcmp(base_name(info->dlpi_name), "libc.so.6") == 0;
	o->libm |= strcmp(base_name(info->dlpi_name), "libm.so.6") == 0;
	return 0;
}

static struct objects
loaded_objects(void)
{
	struct objects o = { 0 };

	dl_iterate_phdr(visit, &o);
	return o;
}

static void
check_objects(void)
{
	struct objects o = loaded_objects();

	check("dl_main_first", o.main_first,
	      "the first object is the program, at its load bias: %s", yesno(o.main_first));
	check("dl_main_phdr", o.main_phdr, "its headers are AT_PHDR/AT_PHNUM: %s",
	      yesno(o.main_phdr));
	check("dl_interp_at_base", o.interp_at_base, "an object is loaded at AT_BASE: %s",
	      yesno(o.interp_at_base));
	check("dl_interp_named", o.interp_named, "it is named by PT_INTERP: %s",
	      yesno(o.interp_named));
	check("dl_libc", o.libc, "libc.so.6 is loaded: %s", yesno(o.libc));
	check("dl_no_libm_yet", !o.libm, "libm.so.6 is loaded before dlopen: %s",
	      yesno(o.libm));
}

static sigjmp_buf fault_jmp;

static void
on_segv(int sig)
{
	siglongjmp(fault_jmp, sig);
}

/* Write a byte of the program's RELRO range back unchanged; ld.so made it
 * read-only after relocating, so the write faults. */
static void
check_relro(void)
{
	const ElfW(Phdr) *phdr = (const ElfW(Phdr) *)getauxval(AT_PHDR);
	unsigned long i, phnum = getauxval(AT_PHNUM);
	volatile char *p = NULL;
	struct sigaction sa = { .sa_handler = on_segv }, old;
	int sig;

	for (i = 0; i < phnum; i++)
		if (phdr[i].p_type == PT_GNU_RELRO)
			p = (volatile char *)(program_bias() + phdr[i].p_vaddr);
	check("has_relro", p != NULL, "PT_GNU_RELRO present: %s", yesno(p != NULL));
	if (!p)
		return;
	sigaction(SIGSEGV, &sa, &old);
	sig = sigsetjmp(fault_jmp, 1);
	if (!sig)
		*p = *p;
	sigaction(SIGSEGV, &old, NULL);
	check("relro_read_only", sig == SIGSEGV, "a write to RELRO: %s",
	      sig ? signal_name(sig) : "succeeded");
}

static void
check_dlopen(void)
{
	void *h = dlopen("libm.so.6", RTLD_NOW);
	double (*cosine)(double) = h ? (double (*)(double))dlsym(h, "cos") : NULL;

	check("dlopen_libm", h != NULL, "dlopen(\"libm.so.6\") succeeded: %s", yesno(h != NULL));
	check("dlsym_cos", cosine != NULL, "dlsym(cos) found: %s", yesno(cosine != NULL));
	if (cosine)
		check("cos_0", cosine(0.0) == 1.0, "cos(0) == 1: %s", yesno(cosine(0.0) == 1.0));
	check("libm_loaded", loaded_objects().libm, "libm.so.6 is loaded after dlopen: %s",
	      yesno(loaded_objects().libm));
	check("dlopen_missing", dlopen("libtaskbox-missing.so.1", RTLD_NOW) == NULL,
	      "dlopen of a missing library fails: %s",
	      yesno(dlopen("libtaskbox-missing.so.1", RTLD_NOW) == NULL));
	if (h)
		dlclose(h);
}

/* Fork, exec this program again as "child", and report how it ended. */
static void
check_exec_child(const char *self)
{
	int status = 0;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execl(self, self, "child", (char *)NULL);
		_exit(127);
	}
	/* Nothing is printed until the child is done: its lines come first. */
	if (pid > 0)
		waitpid(pid, &status, 0);
	check("fork", pid > 0, "fork succeeded: %s", yesno(pid > 0));
	if (pid <= 0)
		return;
	check("exec_child_status", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "the dynamic child exited %d", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

int
main(int argc, char **argv)
{
	int child = argc > 1 && strcmp(argv[1], "child") == 0;

	if (child)
		printf("-- child, after fork and execve:\n");
	check_auxv();
	check_objects();
	check_relro();
	if (child)
		return check_summary();
	check_dlopen();
	check_exec_child(argv[0]);
	return check_summary();
}
