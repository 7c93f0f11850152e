/* The ELF loader and execve: malformed, truncated and foreign files give
 * ENOEXEC; a well-formed static program gets Linux's initial stack; a program
 * with a PT_INTERP starts in its interpreter, mapped where Linux maps it, and a
 * bad interpreter fails execve with Linux's errno. */
#include <criterion/criterion.h>
#include <elf.h>
#include <string.h>

#include "fixture.h"
#include "kernel/binfmts.h"
#include "kernel/sched/sched.h"

#define BASE	0x10000ULL

/* A minimal static riscv64 program: li a0,7; li a7,93; ecall (exit 7). */
static const uint32_t exit7_code[] = { 0x00700513, 0x05d00893, 0x00000073 };

struct tiny_elf {
	Elf64_Ehdr eh;
	Elf64_Phdr ph[2];
	uint32_t code[3];
};

static struct tiny_elf
tiny_elf(void)
{
	struct tiny_elf e;
	size_t code_off = offsetof(struct tiny_elf, code);

	memset(&e, 0, sizeof(e));
	memcpy(e.eh.e_ident, ELFMAG, SELFMAG);
	e.eh.e_ident[EI_CLASS] = ELFCLASS64;
	e.eh.e_ident[EI_DATA] = ELFDATA2LSB;
	e.eh.e_ident[EI_VERSION] = EV_CURRENT;
	e.eh.e_type = ET_EXEC;
	e.eh.e_machine = EM_RISCV;
	e.eh.e_version = EV_CURRENT;
	e.eh.e_entry = BASE + code_off;
	e.eh.e_phoff = offsetof(struct tiny_elf, ph);
	e.eh.e_ehsize = sizeof(Elf64_Ehdr);
	e.eh.e_phentsize = sizeof(Elf64_Phdr);
	e.eh.e_phnum = 1;
	e.ph[0] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X,
		.p_offset = 0, .p_vaddr = BASE, .p_paddr = BASE,
		.p_filesz = sizeof(e), .p_memsz = sizeof(e) + 8192, .p_align = 4096 };
	memcpy(e.code, exit7_code, sizeof(exit7_code));
	return e;
}

static int
exec_file(struct kernel *k, const char *name, const void *data, size_t len)
{
	struct task_struct *t = create_first_task(k);
	char path[64];
	const char *argv[] = { "prog", "arg1", NULL };
	const char *envp[] = { "A=1", NULL };

	cr_assert_not_null(t);
	fixture_write_file(name, data, len, 0755);
	snprintf(path, sizeof(path), "/%s", name);
	return kernel_execve(t, path, argv, envp);
}

Test(elf, header_checks)
{
	struct tiny_elf e = tiny_elf();

	cr_expect_eq(elf_check_header(&e, sizeof(e)), 0);
	cr_expect_eq(elf_check_header(&e, 20), -ENOEXEC, "truncated");
	e.eh.e_machine = EM_X86_64;
	cr_expect_eq(elf_check_header(&e, sizeof(e)), -ENOEXEC, "foreign machine");
	e = tiny_elf();
	e.eh.e_ident[EI_CLASS] = ELFCLASS32;
	cr_expect_eq(elf_check_header(&e, sizeof(e)), -ENOEXEC, "32-bit");
	e = tiny_elf();
	e.eh.e_phentsize = 40;
	cr_expect_eq(elf_check_header(&e, sizeof(e)), -ENOEXEC, "phentsize");
	e = tiny_elf();
	e.eh.e_type = ET_REL;
	cr_expect_eq(elf_check_header(&e, sizeof(e)), -ENOEXEC, "relocatable");
}

Test(elf, malformed_files_are_enoexec)
{
	struct kernel *k = fixture_boot(0);
	struct tiny_elf e = tiny_elf();

	cr_expect_eq(exec_file(k, "empty", "", 0), -ENOEXEC);
	cr_expect_eq(exec_file(k, "text", "hello\n", 6), -ENOEXEC);
	cr_expect_eq(exec_file(k, "trunc", &e, 40), -ENOEXEC);
	e.eh.e_phoff = 1 << 20;
	cr_expect_eq(exec_file(k, "phoff", &e, sizeof(e)), -ENOEXEC, "phdrs past EOF");
	e = tiny_elf();
	e.eh.e_phnum = 2;
	e.ph[1] = (Elf64_Phdr){ .p_type = PT_INTERP };
	cr_expect_eq(exec_file(k, "dynamic", &e, sizeof(e)), -ENOEXEC, "empty PT_INTERP");
	cr_expect_eq(exec_file(k, "loop", "#!/loop\n", 8), -ELOOP, "a script interpreting itself");
	fixture_shutdown(k);
}

/* Segments are checked as Linux maps them, past the point of no return:
 * the exec fails and the task is killed by SIGSEGV (bprm_execve). */
static bool
exec_kills(struct kernel *k, const char *name, const void *data, size_t len)
{
	struct task_struct *t = create_first_task(k);
	const char *argv[] = { "prog", NULL };
	char path[64];
	int err;

	cr_assert_not_null(t);
	fixture_write_file(name, data, len, 0755);
	snprintf(path, sizeof(path), "/%s", name);
	err = kernel_execve(t, path, argv, argv + 1);
	return err < 0 && (t->pending.signal & sigmask(SIGSEGV)) &&
	       t->sighand->action[SIGSEGV - 1].handler == SIG_DFL;
}

Test(elf, unmappable_segments_kill_past_the_point_of_no_return)
{
	struct kernel *k = fixture_boot(0);
	struct tiny_elf e = tiny_elf();

	e.ph[0].p_filesz = e.ph[0].p_memsz + 1;
	cr_expect(exec_kills(k, "filesz", &e, sizeof(e)), "p_filesz > p_memsz");
	e = tiny_elf();
	e.ph[0].p_offset = 1;
	cr_expect(exec_kills(k, "misaligned", &e, sizeof(e)), "offset out of step");
	e = tiny_elf();
	e.ph[0].p_type = PT_NOTE;
	cr_expect(exec_kills(k, "noload", &e, sizeof(e)), "no PT_LOAD");
	e = tiny_elf();
	e.ph[0].p_vaddr = e.ph[0].p_paddr = STACK_TOP - PAGE_SIZE;
	e.eh.e_entry = e.ph[0].p_vaddr + offsetof(struct tiny_elf, code);
	cr_expect(exec_kills(k, "on_stack", &e, sizeof(e)), "a segment on the stack");
	fixture_shutdown(k);
}

static uint64_t
peek(struct task_struct *t, uint64_t addr)
{
	uint64_t v;

	cr_assert_eq(copy_from_user(t->mm, &v, addr, 8), 0);
	return v;
}

static uint64_t
auxv_get(struct task_struct *t, uint64_t auxv, uint64_t type)
{
	for (;; auxv += 16) {
		uint64_t id = peek(t, auxv);

		if (id == type || id == AT_NULL)
			return id == type ? peek(t, auxv + 8) : ~0ULL;
	}
}

Test(elf, initial_stack_is_laid_out_as_linux_does)
{
	struct kernel *k = fixture_boot(0);
	struct tiny_elf e = tiny_elf();
	struct task_struct *t;
	uint64_t sp, auxv;
	char s[16];

	cr_assert_eq(exec_file(k, "tiny", &e, sizeof(e)), 0);
	t = list_first_entry(&k->tasks, struct task_struct, tasks);
	sp = t->regs.x[REG_SP];
	cr_expect_eq(sp % 16, 0);
	cr_expect_eq(t->regs.pc, e.eh.e_entry);
	cr_expect_eq(peek(t, sp), 2, "argc");
	cr_assert_gt(strncpy_from_user(t->mm, s, peek(t, sp + 8), sizeof(s)), 0);
	cr_expect_str_eq(s, "prog");
	cr_expect_eq(peek(t, sp + 24), 0, "argv[argc] is NULL");
	cr_assert_gt(strncpy_from_user(t->mm, s, peek(t, sp + 32), sizeof(s)), 0);
	cr_expect_str_eq(s, "A=1");
	cr_expect_eq(peek(t, sp + 40), 0, "envp ends");
	auxv = sp + 48;
	cr_expect_eq(auxv_get(t, auxv, AT_PAGESZ), 4096);
	cr_expect_eq(auxv_get(t, auxv, AT_PHNUM), 1);
	cr_expect_eq(auxv_get(t, auxv, AT_PHENT), sizeof(Elf64_Phdr));
	cr_expect_eq(auxv_get(t, auxv, AT_PHDR), BASE + e.eh.e_phoff);
	cr_expect_eq(auxv_get(t, auxv, AT_ENTRY), e.eh.e_entry);
	cr_expect_eq(auxv_get(t, auxv, AT_CLKTCK), 100);
	cr_expect_eq(auxv_get(t, auxv, AT_SECURE), 0);
	cr_assert_gt(strncpy_from_user(t->mm, s, auxv_get(t, auxv, AT_EXECFN), sizeof(s)), 0);
	cr_expect_str_eq(s, "/tiny");
	cr_expect_str_eq(t->comm, "tiny");
	cr_expect_eq(t->mm->brk, PAGE_ALIGN(BASE + e.ph[0].p_memsz));
	fixture_shutdown(k);
}

Test(elf, a_program_runs_to_its_exit_status)
{
	struct kernel *k = fixture_boot(0);
	struct tiny_elf e = tiny_elf();
	struct task_struct *t;

	cr_assert_eq(exec_file(k, "tiny", &e, sizeof(e)), 0);
	t = list_first_entry(&k->tasks, struct task_struct, tasks);
	wake_up_new_task(t);
	kernel_run(k);
	cr_expect(k->halted);
	cr_expect_eq(k->exit_status, 7);
	fixture_shutdown(k);
}

Test(elf, scripts_run_their_interpreter_with_the_optional_argument)
{
	struct kernel *k = fixture_boot(0);
	struct tiny_elf e = tiny_elf();
	struct task_struct *t;
	uint64_t sp;
	char s[32];

	fixture_write_file("interp", &e, sizeof(e), 0755);
	cr_assert_eq(exec_file(k, "script", "#! /interp  -x \nbody\n", 21), 0);
	t = list_first_entry(&k->tasks, struct task_struct, tasks);
	sp = t->regs.x[REG_SP];
	cr_expect_eq(peek(t, sp), 4, "interp, its argument, the script, arg1");
	cr_assert_gt(strncpy_from_user(t->mm, s, peek(t, sp + 8), sizeof(s)), 0);
	cr_expect_str_eq(s, "/interp");
	cr_assert_gt(strncpy_from_user(t->mm, s, peek(t, sp + 16), sizeof(s)), 0);
	cr_expect_str_eq(s, "-x");
	cr_assert_gt(strncpy_from_user(t->mm, s, peek(t, sp + 24), sizeof(s)), 0);
	cr_expect_str_eq(s, "/script");
	cr_assert_gt(strncpy_from_user(t->mm, s, peek(t, sp + 32), sizeof(s)), 0);
	cr_expect_str_eq(s, "arg1");
	fixture_shutdown(k);
}

/* A program with a PT_INTERP naming interp, and the interpreter: an ET_DYN
 * whose code exits 9 (the program's own code would exit 7). */
#define INTERP_EXIT9	{ 0x00900513, 0x05d00893, 0x00000073 }

struct dyn_elf {
	Elf64_Ehdr eh;
	Elf64_Phdr ph[2];
	uint32_t code[3];
	char interp[32];
};

static struct dyn_elf
dyn_elf(uint16_t type, const char *interp)
{
	struct dyn_elf e;
	struct tiny_elf t = tiny_elf();
	uint64_t base = type == ET_EXEC ? BASE : 0;
	const uint32_t exit9[] = INTERP_EXIT9;

	memset(&e, 0, sizeof(e));
	e.eh = t.eh;
	e.eh.e_type = type;
	e.eh.e_phnum = interp ? 2 : 1;
	e.eh.e_entry = base + offsetof(struct dyn_elf, code);
	e.ph[0] = t.ph[0];
	e.ph[0].p_vaddr = e.ph[0].p_paddr = base;
	e.ph[0].p_filesz = sizeof(e);
	e.ph[0].p_memsz = sizeof(e) + 8192;
	memcpy(e.code, interp ? exit7_code : exit9, sizeof(e.code));
	if (interp) {
		strcpy(e.interp, interp);
		e.ph[1] = (Elf64_Phdr){ .p_type = PT_INTERP, .p_flags = PF_R,
			.p_offset = offsetof(struct dyn_elf, interp),
			.p_vaddr = base + offsetof(struct dyn_elf, interp),
			.p_filesz = strlen(interp) + 1, .p_memsz = strlen(interp) + 1,
			.p_align = 1 };
	}
	return e;
}

Test(elf, the_interpreter_runs_first_with_the_program_in_auxv)
{
	struct kernel *k = fixture_boot(0);
	struct dyn_elf ld = dyn_elf(ET_DYN, NULL), prog = dyn_elf(ET_EXEC, "/ld.so");
	struct task_struct *t;
	uint64_t auxv, at_base;

	fixture_write_file("ld.so", &ld, sizeof(ld), 0755);
	cr_assert_eq(exec_file(k, "prog", &prog, sizeof(prog)), 0);
	t = list_first_entry(&k->tasks, struct task_struct, tasks);
	auxv = t->regs.x[REG_SP] + 8 * 6;	/* argc, 2 args, NULL, 1 env, NULL */
	at_base = auxv_get(t, auxv, AT_BASE);
	cr_expect_neq(at_base, 0);
	cr_expect_eq(at_base % PAGE_SIZE, 0);
	cr_expect_lt(at_base + sizeof(ld), t->mm->mmap_base, "below mmap_base");
	cr_expect_gt(at_base, t->mm->brk, "in the mmap area, above the brk");
	cr_expect_eq(t->regs.pc, at_base + ld.eh.e_entry, "starts at the interpreter");
	cr_expect_eq(auxv_get(t, auxv, AT_ENTRY), prog.eh.e_entry);
	cr_expect_eq(auxv_get(t, auxv, AT_PHDR), BASE + prog.eh.e_phoff);
	cr_expect_eq(auxv_get(t, auxv, AT_PHNUM), 2);
	cr_expect_eq(t->mm->brk, PAGE_ALIGN(BASE + prog.ph[0].p_memsz), "the program's brk");
	wake_up_new_task(t);
	kernel_run(k);
	cr_expect_eq(k->exit_status, 9, "the interpreter ran, not the program");
	fixture_shutdown(k);
}

Test(elf, a_pie_with_an_interpreter_loads_at_elf_et_dyn_base)
{
	struct kernel *k = fixture_boot(0);
	struct dyn_elf ld = dyn_elf(ET_DYN, NULL), prog = dyn_elf(ET_DYN, "/ld.so");
	struct task_struct *t;
	uint64_t auxv;

	fixture_write_file("ld.so", &ld, sizeof(ld), 0755);
	cr_assert_eq(exec_file(k, "pie", &prog, sizeof(prog)), 0);
	t = list_first_entry(&k->tasks, struct task_struct, tasks);
	auxv = t->regs.x[REG_SP] + 8 * 6;
	cr_expect_eq(auxv_get(t, auxv, AT_ENTRY), ELF_ET_DYN_BASE + prog.eh.e_entry);
	cr_expect_eq(auxv_get(t, auxv, AT_PHDR), ELF_ET_DYN_BASE + prog.eh.e_phoff);
	cr_expect_eq(t->mm->start_brk, PAGE_ALIGN(ELF_ET_DYN_BASE + prog.ph[0].p_memsz));
	cr_expect_gt(auxv_get(t, auxv, AT_BASE), ELF_ET_DYN_BASE);
	fixture_shutdown(k);
}

Test(elf, a_static_pie_loads_in_the_mmap_area_with_its_brk_at_elf_et_dyn_base)
{
	struct kernel *k = fixture_boot(0);
	struct dyn_elf spie = dyn_elf(ET_DYN, NULL);
	struct task_struct *t;
	uint64_t auxv, entry;

	cr_assert_eq(exec_file(k, "spie", &spie, sizeof(spie)), 0);
	t = list_first_entry(&k->tasks, struct task_struct, tasks);
	auxv = t->regs.x[REG_SP] + 8 * 6;
	entry = auxv_get(t, auxv, AT_ENTRY);
	cr_expect_eq(auxv_get(t, auxv, AT_BASE), 0);
	cr_expect_eq(t->regs.pc, entry);
	cr_expect_lt(entry, t->mm->mmap_base);
	cr_expect_gt(entry, ELF_ET_DYN_BASE);
	cr_expect_eq(t->mm->start_brk, ELF_ET_DYN_BASE);
	fixture_shutdown(k);
}

/* exec a program whose PT_INTERP names interp (len bytes with the NUL). */
static int
exec_with_interp(struct kernel *k, const char *interp, size_t len)
{
	struct dyn_elf prog = dyn_elf(ET_EXEC, "/x");
	char *file = calloc(1, sizeof(prog) + len);
	int err;

	cr_assert_not_null(file);
	prog.ph[1].p_offset = sizeof(prog);
	prog.ph[1].p_filesz = prog.ph[1].p_memsz = len;
	memcpy(file, &prog, sizeof(prog));
	memcpy(file + sizeof(prog), interp, len);
	err = exec_file(k, "prog", file, sizeof(prog) + len);
	free(file);
	return err;
}

Test(elf, a_bad_interpreter_fails_execve_as_linux_does)
{
	struct kernel *k = fixture_boot(0);
	struct dyn_elf ld = dyn_elf(ET_DYN, NULL);
	char text[100], *long_path = malloc(4097);

	cr_assert_not_null(long_path);
	memset(text, 'x', sizeof(text));
	fixture_write_file("text", text, sizeof(text), 0755);
	fixture_write_file("short", &ld, 40, 0755);
	ld.eh.e_machine = EM_X86_64;
	fixture_write_file("foreign", &ld, sizeof(ld), 0755);
	cr_expect_eq(exec_with_interp(k, "/missing", 9), -ENOENT);
	cr_expect_eq(exec_with_interp(k, "/text", 5), -ENOEXEC, "no final NUL");
	cr_expect_eq(exec_with_interp(k, "", 1), -ENOEXEC, "one byte");
	memset(long_path, '/', 4096);
	long_path[4096] = '\0';
	cr_expect_eq(exec_with_interp(k, long_path, 4097), -ENOEXEC, "over PATH_MAX");
	cr_expect_eq(exec_with_interp(k, "/short", 7), -EIO, "shorter than a header");
	cr_expect_eq(exec_with_interp(k, "/text", 6), -ELIBBAD, "not ELF");
	cr_expect_eq(exec_with_interp(k, "/foreign", 9), -ELIBBAD, "another machine");
	free(long_path);
	fixture_shutdown(k);
}
