/* The ELF loader and execve: malformed, truncated and foreign files give
 * ENOEXEC; a well-formed static program gets Linux's initial stack. */
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
	e.ph[0].p_filesz = e.ph[0].p_memsz + 1;
	cr_expect_eq(exec_file(k, "filesz", &e, sizeof(e)), -ENOEXEC);
	e = tiny_elf();
	e.ph[0].p_offset = 1;
	cr_expect_eq(exec_file(k, "misaligned", &e, sizeof(e)), -ENOEXEC);
	e = tiny_elf();
	e.eh.e_phnum = 2;
	e.ph[1] = (Elf64_Phdr){ .p_type = PT_INTERP };
	cr_expect_eq(exec_file(k, "dynamic", &e, sizeof(e)), -ENOEXEC);
	e = tiny_elf();
	e.ph[0].p_type = PT_NOTE;
	cr_expect_eq(exec_file(k, "noload", &e, sizeof(e)), -ENOEXEC);
	cr_expect_eq(exec_file(k, "loop", "#!/loop\n", 8), -ELOOP, "a script interpreting itself");
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
