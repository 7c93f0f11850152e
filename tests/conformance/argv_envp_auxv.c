/*
 * argv_envp_auxv — what execve leaves on the new program's stack.
 *
 * The runner executes this program as PATH ARGS (argv[0] is the path given to
 * execve) with exactly the environment
 *	PATH=/usr/bin:/bin HOME=/ CONFORMANCE=1 CONFORMANCE_VALUE=a=b c
 * and the arguments: alpha, "two words", "", --flag=x.
 *
 * Checked: argc and the argument strings, the environment, the layout of the
 * initial stack (argc below argv, argv NULL-terminated, envp right after it, the
 * auxiliary vector right after envp, the strings in execve's order), and the
 * auxiliary vector's entries against the running binary and the process.
 * Nothing printed depends on the architecture or on whether the binary is a static
 * executable (riscv64 build) or a PIE (host build).
 */
#include <elf.h>
#include <link.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "lib/check.h"

extern char **environ;
extern char _start[];
extern const ElfW(Ehdr) __ehdr_start;

static const char *const want_args[] = { "alpha", "two words", "", "--flag=x" };
static const char *const want_env[] = {	/* sorted */
	"CONFORMANCE=1", "CONFORMANCE_VALUE=a=b c", "HOME=/", "PATH=/usr/bin:/bin",
};
#define NWANT_ARGS (int)(sizeof(want_args) / sizeof(want_args[0]))
#define NWANT_ENV (int)(sizeof(want_env) / sizeof(want_env[0]))

static int data_object = 1;	/* something in the writable segment */

static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static void
check_args(int argc, char **argv)
{
	char name[64];
	int i;

	check_long("argc", argc, NWANT_ARGS + 1);
	check_str("argv0_basename", base_name(argv[0]), "argv_envp_auxv");
	check("argv0_is_path", argv[0][0] == '/', "argv[0] is an absolute path: %s",
	      yesno(argv[0][0] == '/'));
	for (i = 1; i < argc && i <= NWANT_ARGS; i++) {
		snprintf(name, sizeof(name), "argv%d", i);
		check_str(name, argv[i], want_args[i - 1]);
	}
	check("argv_null_terminated", argv[argc] == NULL, "argv[argc] == NULL: %s",
	      yesno(argv[argc] == NULL));
}

static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
check_environment(void)
{
	char *sorted[64];
	char name[64];
	int n = 0, i;

	while (environ[n] && n < 64)
		n++;
	check_long("envc", n, NWANT_ENV);
	memcpy(sorted, environ, n * sizeof(char *));
	qsort(sorted, n, sizeof(char *), compare_strings);
	for (i = 0; i < n && i < NWANT_ENV; i++) {
		snprintf(name, sizeof(name), "env%d", i);
		check_str(name, sorted[i], want_env[i]);
	}
	check_str("getenv_CONFORMANCE", getenv("CONFORMANCE"), "1");
	check_str("getenv_value_with_equals", getenv("CONFORMANCE_VALUE"), "a=b c");
	check("getenv_absent", getenv("CONFORMANCE_ABSENT") == NULL,
	      "unset variable is NULL: %s", yesno(getenv("CONFORMANCE_ABSENT") == NULL));
}

/*
 * The initial stack, as Linux's create_elf_tables() builds it:
 * argc, argv[0..argc-1], NULL, envp[...], NULL, auxv pairs ending in AT_NULL,
 * and above them the strings, argv's first, then envp's, each NUL-terminated and
 * packed. argc sits at the stack pointer at entry, which both ABIs align to 16.
 */
static ElfW(auxv_t) *
check_stack_layout(int argc, char **argv)
{
	char **envp = argv + argc + 1;
	char **p;
	ElfW(auxv_t) *auxv;
	int packed = 1, found_pagesz = 0, found_entry = 0, i;
	char *end;

	check("argc_below_argv", ((long *)argv)[-1] == argc,
	      "the word below argv[0] equals argc: %s", yesno(((long *)argv)[-1] == argc));
	check("argv_alignment", (uintptr_t)argv % 16 == 8,
	      "argv %% 16 == 8 (argc at a 16-byte aligned stack pointer): %s",
	      yesno((uintptr_t)argv % 16 == 8));
	check("envp_follows_argv", environ == envp,
	      "environ == &argv[argc + 1]: %s", yesno(environ == envp));

	for (p = envp; *p; p++)
		;
	auxv = (ElfW(auxv_t) *)(p + 1);
	/* The pairs after envp's NULL are the vector getauxval reads: its AT_PAGESZ
	 * and AT_ENTRY entries are there, before an AT_NULL. */
	for (i = 0; i < 64 && auxv[i].a_type != AT_NULL; i++) {
		if (auxv[i].a_type == AT_PAGESZ)
			found_pagesz = auxv[i].a_un.a_val == getauxval(AT_PAGESZ);
		if (auxv[i].a_type == AT_ENTRY)
			found_entry = auxv[i].a_un.a_val == getauxval(AT_ENTRY);
	}
	check("auxv_follows_envp", found_pagesz && found_entry && i < 64,
	      "after envp's NULL: AT_PAGESZ and AT_ENTRY as getauxval reports them, "
	      "then AT_NULL: %s", yesno(found_pagesz && found_entry && i < 64));

	/* Strings: argv[0] .. argv[argc-1], envp[0] .. packed one after the other. */
	end = argv[0];
	for (i = 0; i < argc; i++) {
		packed &= argv[i] == end;
		end = argv[i] + strlen(argv[i]) + 1;
	}
	for (p = envp; *p; p++) {
		packed &= *p == end;
		end = *p + strlen(*p) + 1;
	}
	check("strings_packed", packed,
	      "argv then envp strings are contiguous in order: %s", yesno(packed));
	check("strings_above_vectors", (char *)argv[0] > (char *)auxv,
	      "strings lie above the auxiliary vector: %s",
	      yesno((char *)argv[0] > (char *)auxv));
	return auxv;
}

/* Every auxv pair agrees with getauxval, the vector ends in AT_NULL, and the
 * entries Linux always provides on both architectures appear exactly once. */
static void
check_auxv_entries(ElfW(auxv_t) *auxv)
{
	static const unsigned long required[] = {
		AT_HWCAP, AT_PAGESZ, AT_CLKTCK, AT_PHDR, AT_PHENT, AT_PHNUM, AT_BASE,
		AT_FLAGS, AT_ENTRY, AT_UID, AT_EUID, AT_GID, AT_EGID, AT_SECURE,
		AT_RANDOM, AT_EXECFN,
	};
	static const char *const required_names[] = {
		"AT_HWCAP", "AT_PAGESZ", "AT_CLKTCK", "AT_PHDR", "AT_PHENT", "AT_PHNUM",
		"AT_BASE", "AT_FLAGS", "AT_ENTRY", "AT_UID", "AT_EUID", "AT_GID",
		"AT_EGID", "AT_SECURE", "AT_RANDOM", "AT_EXECFN",
	};
	ElfW(auxv_t) *a;
	int agree = 1, n = 0;
	unsigned i;

	/* glibc answers AT_HWCAP and AT_HWCAP2 from its own copies, which on x86_64
	 * are not the kernel's values: those two are left out. */
	for (a = auxv; a->a_type != AT_NULL && n < 256; a++, n++)
		agree &= getauxval(a->a_type) == a->a_un.a_val || a->a_type == AT_IGNORE ||
			 a->a_type == AT_HWCAP || a->a_type == AT_HWCAP2;
	check("auxv_terminated", a->a_type == AT_NULL, "AT_NULL ends the vector: %s",
	      yesno(a->a_type == AT_NULL));
	check("auxv_getauxval_agrees", agree, "every entry matches getauxval: %s",
	      yesno(agree));
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
		char name[64];
		int count = 0;

		for (a = auxv; a->a_type != AT_NULL; a++)
			count += a->a_type == required[i];
		snprintf(name, sizeof(name), "auxv_has_%s", required_names[i]);
		check(name, count == 1, "present %d time(s)", count);
	}
}

/*
 * AT_PHDR, AT_PHENT, AT_PHNUM and AT_ENTRY against the binary itself, found through
 * __ehdr_start (the ELF header the linker places at the start of the first
 * segment). load_bias is 0 for the static riscv64 build and the PIE's base on the
 * host: only relations are printed.
 */
static void
check_program_headers(void)
{
	const ElfW(Ehdr) *eh = &__ehdr_start;
	const ElfW(Phdr) *phdr = (const ElfW(Phdr) *)getauxval(AT_PHDR);
	unsigned long phnum = getauxval(AT_PHNUM);
	uintptr_t bias = 0, text = (uintptr_t)&check_program_headers;
	uintptr_t data = (uintptr_t)&data_object;
	int have_bias = 0, phdr_ok = 1, text_in_x = 0, data_in_w = 0, phdr_in_load = 0;
	unsigned long i;

	check("ehdr_magic", memcmp(eh->e_ident, ELFMAG, SELFMAG) == 0,
	      "__ehdr_start is an ELF header: %s",
	      yesno(memcmp(eh->e_ident, ELFMAG, SELFMAG) == 0));
	check("at_phdr_nonzero", phdr != NULL, "AT_PHDR != 0: %s", yesno(phdr != NULL));
	check("at_phdr_is_ehdr_phoff", (const char *)phdr == (const char *)eh + eh->e_phoff,
	      "AT_PHDR == ELF header + e_phoff: %s",
	      yesno((const char *)phdr == (const char *)eh + eh->e_phoff));
	check_long("at_phent", getauxval(AT_PHENT), sizeof(ElfW(Phdr)));
	check("at_phnum_is_e_phnum", phnum == eh->e_phnum, "AT_PHNUM == e_phnum: %s",
	      yesno(phnum == eh->e_phnum));
	if (!phdr)
		return;

	/* The load bias from the segment that maps the ELF header (offset 0). */
	for (i = 0; i < phnum; i++)
		if (phdr[i].p_type == PT_LOAD && phdr[i].p_offset == 0) {
			bias = (uintptr_t)eh - phdr[i].p_vaddr;
			have_bias = 1;
			break;
		}
	check("load_segment_maps_ehdr", have_bias,
	      "a PT_LOAD with offset 0 maps the ELF header: %s", yesno(have_bias));
	for (i = 0; i < phnum; i++) {
		const ElfW(Phdr) *ph = &phdr[i];
		uintptr_t lo = bias + ph->p_vaddr, hi = lo + ph->p_memsz;

		if (ph->p_type == PT_PHDR)
			phdr_ok &= lo == (uintptr_t)phdr;
		if (ph->p_type != PT_LOAD)
			continue;
		if ((uintptr_t)phdr >= lo && (uintptr_t)(phdr + phnum) <= hi)
			phdr_in_load = 1;
		if (text >= lo && text < hi && (ph->p_flags & PF_X))
			text_in_x = 1;
		if (data >= lo && data < hi && (ph->p_flags & PF_W))
			data_in_w = 1;
	}
	check("pt_phdr_matches", phdr_ok, "a PT_PHDR entry, if any, is at AT_PHDR: %s",
	      yesno(phdr_ok));
	check("phdr_inside_load", phdr_in_load,
	      "the table lies inside a PT_LOAD segment: %s", yesno(phdr_in_load));
	check("code_in_exec_segment", text_in_x,
	      "a function lies in an executable PT_LOAD: %s", yesno(text_in_x));
	check("data_in_writable_segment", data_in_w,
	      "a global variable lies in a writable PT_LOAD: %s", yesno(data_in_w));
	check("at_entry_is_start", getauxval(AT_ENTRY) == (uintptr_t)_start,
	      "AT_ENTRY == &_start: %s", yesno(getauxval(AT_ENTRY) == (uintptr_t)_start));
	check("at_entry_is_e_entry", getauxval(AT_ENTRY) == bias + eh->e_entry,
	      "AT_ENTRY == load bias + e_entry: %s",
	      yesno(getauxval(AT_ENTRY) == bias + eh->e_entry));
}

static void
check_auxv_values(char **argv, ElfW(auxv_t) *auxv)
{
	const unsigned char *random = (const unsigned char *)getauxval(AT_RANDOM);
	const char *execfn = (const char *)getauxval(AT_EXECFN);
	int nonzero = 0, i;

	check_long("at_pagesz", getauxval(AT_PAGESZ), 4096);
	check("at_pagesz_is_sysconf", getauxval(AT_PAGESZ) == (unsigned long)sysconf(_SC_PAGESIZE),
	      "AT_PAGESZ == sysconf(_SC_PAGESIZE): %s",
	      yesno(getauxval(AT_PAGESZ) == (unsigned long)sysconf(_SC_PAGESIZE)));
	check_long("at_clktck", getauxval(AT_CLKTCK), 100);
	check_long("sysconf_clk_tck", sysconf(_SC_CLK_TCK), 100);
	check_long("at_secure", getauxval(AT_SECURE), 0);
	check_long("at_flags", getauxval(AT_FLAGS), 0);
	check("at_uid", getauxval(AT_UID) == getuid(), "AT_UID == getuid(): %s",
	      yesno(getauxval(AT_UID) == getuid()));
	check("at_euid", getauxval(AT_EUID) == geteuid(), "AT_EUID == geteuid(): %s",
	      yesno(getauxval(AT_EUID) == geteuid()));
	check("at_gid", getauxval(AT_GID) == getgid(), "AT_GID == getgid(): %s",
	      yesno(getauxval(AT_GID) == getgid()));
	check("at_egid", getauxval(AT_EGID) == getegid(), "AT_EGID == getegid(): %s",
	      yesno(getauxval(AT_EGID) == getegid()));

	check("at_random_nonzero", random != NULL, "AT_RANDOM != 0: %s",
	      yesno(random != NULL));
	if (random) {
		for (i = 0; i < 16; i++)
			nonzero |= random[i];
		check("at_random_bytes", nonzero != 0,
		      "the 16 bytes are readable and not all zero: %s", yesno(nonzero != 0));
		check("at_random_on_stack",
		      (const char *)random > (const char *)auxv && (const char *)random < argv[0],
		      "between the vectors and the strings: %s",
		      yesno((const char *)random > (const char *)auxv &&
			    (const char *)random < argv[0]));
	}

	check("at_execfn_nonzero", execfn != NULL, "AT_EXECFN != 0: %s",
	      yesno(execfn != NULL));
	if (execfn) {
		check("at_execfn_is_argv0", strcmp(execfn, argv[0]) == 0,
		      "AT_EXECFN equals the path passed to execve (argv[0]): %s",
		      yesno(strcmp(execfn, argv[0]) == 0));
		check("at_execfn_above_env", execfn > environ[0],
		      "the AT_EXECFN string lies above the environment strings: %s",
		      yesno(execfn > environ[0]));
	}
}

int
main(int argc, char **argv)
{
	ElfW(auxv_t) *auxv;

	check_args(argc, argv);
	check_environment();
	auxv = check_stack_layout(argc, argv);
	check_auxv_entries(auxv);
	check_program_headers();
	check_auxv_values(argv, auxv);
	return check_summary();
}
