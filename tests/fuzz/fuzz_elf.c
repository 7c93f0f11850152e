/* Fuzz target: the ELF loader and execve (src/kernel/binfmt_elf.c,
 * binfmt_script.c, exec.c).
 *
 * The input is an executable file. It is written to /fuzz in the root and
 * run four ways, each on a freshly booted kernel: as the program itself,
 * as the interpreter of a "#!" script, and as the PT_INTERP of a small
 * valid program, ET_EXEC and ET_DYN (which places its interpreter
 * differently). execve must succeed or fail with an errno Linux's execve
 * can give (execve(2)); a success must leave a stack Linux would leave.
 * Anything else, and any sanitizer report, is a crash. */
#include <elf.h>
#include <string.h>

#include "harness.h"
#include "kernel/binfmts.h"
#include "mm/mm.h"

#define BASE	0x10000ULL

/* execve(2)'s ERRORS. */
static const int execve_errnos[] = {
	E2BIG, EACCES, EAGAIN, EFAULT, EINVAL, EIO, EISDIR, ELIBBAD, ELOOP,
	EMFILE, ENAMETOOLONG, ENFILE, ENOENT, ENOEXEC, ENOMEM, ENOTDIR, EPERM,
	ETXTBSY, 0
};

/* A riscv64 program of one PT_LOAD covering the whole file, whose code
 * exits at once, with an optional PT_INTERP. */
struct mini_elf {
	Elf64_Ehdr eh;
	Elf64_Phdr load, interp;
	uint32_t code[3];		/* li a0,0; li a7,93 (exit); ecall */
	char interp_path[8];
};

static void
plant_mini_elf(const char *name, uint16_t type, const char *interp)
{
	uint64_t base = type == ET_EXEC ? BASE : 0;
	struct mini_elf e = {
		.eh = {
			.e_ident = { ELFMAG0, ELFMAG1, ELFMAG2, ELFMAG3, ELFCLASS64,
				     ELFDATA2LSB, EV_CURRENT },
			.e_type = type, .e_machine = EM_RISCV, .e_version = EV_CURRENT,
			.e_entry = base + offsetof(struct mini_elf, code),
			.e_phoff = offsetof(struct mini_elf, load),
			.e_ehsize = sizeof(Elf64_Ehdr),
			.e_phentsize = sizeof(Elf64_Phdr), .e_phnum = interp ? 2 : 1,
		},
		.load = { .p_type = PT_LOAD, .p_flags = PF_R | PF_X, .p_vaddr = base,
			  .p_filesz = sizeof(e), .p_memsz = sizeof(e), .p_align = PAGE_SIZE },
		.interp = { .p_type = PT_INTERP, .p_flags = PF_R,
			    .p_offset = offsetof(struct mini_elf, interp_path),
			    .p_filesz = interp ? strlen(interp) + 1 : 0, .p_align = 1 },
		.code = { 0x00000513, 0x05d00893, 0x00000073 },
	};

	if (interp)
		strcpy(e.interp_path, interp);
	fuzz_write_file(name, &e, sizeof(e), 0755);
}

/* The fixed files around /fuzz: an interpreter /fuzz's own PT_INTERP may
 * name, and the three ways of running /fuzz indirectly. */
static void
plant_root(void)
{
	static const char script[] = "#!/fuzz -x\n";

	fuzz_make_root();
	plant_mini_elf("ld.so", ET_DYN, NULL);
	plant_mini_elf("wrapper", ET_EXEC, "/fuzz");
	plant_mini_elf("wrapper-pie", ET_DYN, "/fuzz");
	fuzz_write_file("script", script, sizeof(script) - 1, 0755);
}

/* What a successful execve leaves: the new image's stack pointer, 16-byte
 * aligned, in the stack below STACK_TOP (create_elf_tables). */
static void
check_new_image(struct task_struct *t, const char *path)
{
	uint64_t sp = t->regs.x[REG_SP];

	if (sp % 16 || sp >= STACK_TOP || !find_vma_intersection(t->mm, sp, sp + 1))
		fuzz_fail("execve %s: bad initial sp %#llx", path, (unsigned long long)sp);
}

static void
exec_once(const char *path)
{
	static const char *const argv[] = { "fuzz", "arg1", NULL };
	static const char *const envp[] = { "A=1", NULL };
	struct kernel *k = fuzz_boot();
	struct task_struct *t = fuzz_task(k);
	char what[64];
	int err;

	err = kernel_execve(t, path, argv, envp);
	fuzz_trace("execve(\"%s\") = %d", path, err);
	snprintf(what, sizeof(what), "execve %s", path);
	/* Past the point of no return the task is killed by SIGSEGV and never
	 * sees the loader's errno (Linux: bprm_execve), whichever it was. */
	fuzz_check_result(what, err, err && (t->pending.signal & sigmask(SIGSEGV)) ?
			  NULL : execve_errnos);
	if (!err)
		check_new_image(t, path);
	kernel_shutdown(k);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool planted;

	if (!planted) {
		plant_root();
		planted = true;
	}
	fuzz_write_file("fuzz", data, size, 0755);
	exec_once("/fuzz");
	exec_once("/script");
	exec_once("/wrapper");
	exec_once("/wrapper-pie");
	return 0;
}
