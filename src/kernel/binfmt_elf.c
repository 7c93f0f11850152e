/* ELF loading (Linux: fs/binfmt_elf.c load_elf_binary, create_elf_tables).
 * Static ET_EXEC and static-pie ET_DYN riscv64 programs; programs with a
 * PT_INTERP are refused until the dynamic loader issue lands. */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uapi/mman.h>

#include "fs/fs.h"
#include "kernel/binfmts.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "mm/mm.h"

#define ELF_MAX_PHNUM		(65536 / sizeof(Elf64_Phdr))
#define STACK_INITIAL		(128 * 1024)	/* fs/exec.c setup_arg_pages */
/* AT_HWCAP of an RV64GC hart: one bit per single-letter extension. */
#define RISCV_HWCAP_IMAFDC	((1 << ('I' - 'A')) | (1 << ('M' - 'A')) | \
				 (1 << ('A' - 'A')) | (1 << ('F' - 'A')) | \
				 (1 << ('D' - 'A')) | (1 << ('C' - 'A')))

struct elf_info {
	Elf64_Ehdr eh;
	Elf64_Phdr *phdrs;
	uint64_t load_bias;
	uint64_t phdr_addr;
	uint64_t brk;
};

/* Check that buf starts with a riscv64 ELF executable header. */
int
elf_check_header(const void *buf, size_t len)
{
	const Elf64_Ehdr *eh = buf;

	if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG))
		return -ENOEXEC;
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh->e_machine != EM_RISCV || (eh->e_type != ET_EXEC && eh->e_type != ET_DYN))
		return -ENOEXEC;
	if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 ||
	    eh->e_phnum > ELF_MAX_PHNUM)
		return -ENOEXEC;
	return 0;
}

/* Read and check the program headers (Linux: load_elf_phdrs). */
static int
load_elf_phdrs(struct linux_binprm *bprm, struct elf_info *ei)
{
	size_t size = ei->eh.e_phnum * sizeof(Elf64_Phdr);

	ei->phdrs = malloc(size);
	if (!ei->phdrs)
		return -ENOMEM;
	if (kernel_read(bprm->file, ei->phdrs, size, (loff_t)ei->eh.e_phoff) != (ssize_t)size)
		return -ENOEXEC;
	for (int i = 0; i < ei->eh.e_phnum; i++) {
		const Elf64_Phdr *ph = &ei->phdrs[i];

		if (ph->p_type == PT_INTERP) {
			fprintf(stderr, "taskbox: %s: dynamically linked programs are not "
				"supported yet; only static programs run\n", bprm->filename);
			return -ENOEXEC;
		}
		if (ph->p_type != PT_LOAD)
			continue;
		if (ph->p_filesz > ph->p_memsz || ph->p_vaddr + ph->p_memsz < ph->p_vaddr ||
		    ph->p_vaddr + ph->p_memsz > TASK_SIZE ||
		    (ph->p_vaddr - ph->p_offset) % PAGE_SIZE)
			return -ENOEXEC;
	}
	return 0;
}

static unsigned long
elf_prot(uint32_t p_flags)
{
	return ((p_flags & PF_R) ? LINUX_PROT_READ : 0) |
	       ((p_flags & PF_W) ? LINUX_PROT_WRITE : 0) |
	       ((p_flags & PF_X) ? LINUX_PROT_EXEC : 0);
}

/* Map one PT_LOAD segment: file pages up to p_filesz (the rest of the last
 * file page reads as zero), anonymous pages up to p_memsz (Linux: elf_map,
 * padzero and the bss brk). */
static int
elf_map(struct mm_struct *mm, struct linux_binprm *bprm, const Elf64_Phdr *ph,
	uint64_t bias)
{
	uint64_t start = (bias + ph->p_vaddr) & PAGE_MASK;
	uint64_t file_end = bias + ph->p_vaddr + ph->p_filesz;
	uint64_t mem_end = bias + ph->p_vaddr + ph->p_memsz;
	uint64_t off = ph->p_offset & PAGE_MASK;
	unsigned long prot = elf_prot(ph->p_flags);
	long ret;

	if (ph->p_filesz) {
		ret = do_mmap(mm, start, file_end - start, prot,
			      LINUX_MAP_PRIVATE | LINUX_MAP_FIXED, bprm->file,
			      off >> PAGE_SHIFT);
		if (ret < 0)
			return (int)ret;
		find_vma(mm, start)->vm_file_end = ph->p_offset + ph->p_filesz;
		start = PAGE_ALIGN(file_end);
	}
	if (PAGE_ALIGN(mem_end) > start) {
		ret = do_mmap(mm, start, PAGE_ALIGN(mem_end) - start, prot,
			      LINUX_MAP_PRIVATE | LINUX_MAP_FIXED | LINUX_MAP_ANONYMOUS,
			      NULL, 0);
		if (ret < 0)
			return (int)ret;
	}
	return 0;
}

static int
map_segments(struct mm_struct *mm, struct linux_binprm *bprm, struct elf_info *ei)
{
	uint64_t first = UINT64_MAX;
	int err;

	for (int i = 0; i < ei->eh.e_phnum; i++)
		if (ei->phdrs[i].p_type == PT_LOAD && ei->phdrs[i].p_vaddr < first)
			first = ei->phdrs[i].p_vaddr;
	if (first == UINT64_MAX)
		return -ENOEXEC;
	if (ei->eh.e_type == ET_DYN)
		ei->load_bias = (ELF_ET_DYN_BASE - first) & PAGE_MASK;
	for (int i = 0; i < ei->eh.e_phnum; i++) {
		const Elf64_Phdr *ph = &ei->phdrs[i];
		uint64_t end = ei->load_bias + ph->p_vaddr + ph->p_memsz;

		if (ph->p_type != PT_LOAD)
			continue;
		err = elf_map(mm, bprm, ph, ei->load_bias);
		if (err)
			return err;
		if (ph->p_offset <= ei->eh.e_phoff &&
		    ei->eh.e_phoff < ph->p_offset + ph->p_filesz)
			ei->phdr_addr = ei->load_bias + ph->p_vaddr +
					(ei->eh.e_phoff - ph->p_offset);
		if (end > ei->brk)
			ei->brk = end;
		if ((ph->p_flags & PF_X) && !mm->start_code) {
			mm->start_code = ei->load_bias + ph->p_vaddr;
			mm->end_code = ei->load_bias + ph->p_vaddr + ph->p_filesz;
		}
	}
	mm->start_brk = mm->brk = PAGE_ALIGN(ei->brk);
	return 0;
}

/* Push bytes onto the new stack, growing down. */
static int
push(struct mm_struct *mm, uint64_t *sp, const void *data, size_t len)
{
	*sp -= len;
	return copy_to_user(mm, *sp, data, len) ? -EFAULT : 0;
}

static int
push_strings(struct mm_struct *mm, uint64_t *sp, char **v, int n, uint64_t *addrs)
{
	for (int i = n - 1; i >= 0; i--) {
		if (push(mm, sp, v[i], strlen(v[i]) + 1))
			return -EFAULT;
		addrs[i] = *sp;
	}
	return 0;
}

/* Build argc, argv, envp and the auxiliary vector on the new stack exactly
 * as Linux lays them out (Linux: create_elf_tables). */
static int
create_elf_tables(struct task_struct *t, struct linux_binprm *bprm,
		  struct elf_info *ei, uint64_t *out_sp)
{
	struct mm_struct *mm = bprm->mm;
	uint64_t sp = STACK_TOP, execfn, random_addr, *vec, *p;
	uint8_t random[16];
	size_t words;
	int err = -ENOMEM;

	if (push(mm, &sp, bprm->filename, strlen(bprm->filename) + 1))
		return -EFAULT;
	execfn = sp;
	words = 1 + bprm->argc + 1 + bprm->envc + 1 + 2 * 24;
	vec = calloc(words + bprm->argc + bprm->envc, sizeof(*vec));
	if (!vec)
		return -ENOMEM;
	if (push_strings(mm, &sp, bprm->envp, bprm->envc, vec + words + bprm->argc))
		goto out_efault;
	mm->env_start = mm->arg_end = sp;
	mm->env_end = execfn;
	if (push_strings(mm, &sp, bprm->argv, bprm->argc, vec + words))
		goto out_efault;
	mm->arg_start = sp;
	sp &= ~15ULL;
	get_random_bytes(t->kernel, random, sizeof(random));
	if (push(mm, &sp, random, sizeof(random)))
		goto out_efault;
	random_addr = sp;

	p = vec;
	*p++ = (uint64_t)bprm->argc;
	memcpy(p, vec + words, bprm->argc * sizeof(*p));
	p += bprm->argc;
	*p++ = 0;
	memcpy(p, vec + words + bprm->argc, bprm->envc * sizeof(*p));
	p += bprm->envc;
	*p++ = 0;
#define NEW_AUX_ENT(id, val) do { *p++ = (id); *p++ = (val); } while (0)
	NEW_AUX_ENT(AT_HWCAP, RISCV_HWCAP_IMAFDC);
	NEW_AUX_ENT(AT_PAGESZ, PAGE_SIZE);
	NEW_AUX_ENT(AT_CLKTCK, 100);
	NEW_AUX_ENT(AT_PHDR, ei->phdr_addr);
	NEW_AUX_ENT(AT_PHENT, sizeof(Elf64_Phdr));
	NEW_AUX_ENT(AT_PHNUM, ei->eh.e_phnum);
	NEW_AUX_ENT(AT_BASE, 0);
	NEW_AUX_ENT(AT_FLAGS, 0);
	NEW_AUX_ENT(AT_ENTRY, ei->load_bias + ei->eh.e_entry);
	NEW_AUX_ENT(AT_UID, t->cred->uid);
	NEW_AUX_ENT(AT_EUID, t->cred->euid);
	NEW_AUX_ENT(AT_GID, t->cred->gid);
	NEW_AUX_ENT(AT_EGID, t->cred->egid);
	NEW_AUX_ENT(AT_SECURE, 0);
	NEW_AUX_ENT(AT_RANDOM, random_addr);
	NEW_AUX_ENT(AT_EXECFN, execfn);
	NEW_AUX_ENT(AT_NULL, 0);
#undef NEW_AUX_ENT
	/* The vector starts 16-byte aligned, as the psABI wants at entry. */
	sp = (sp - (size_t)(p - vec) * 8) & ~15ULL;
	if (copy_to_user(mm, sp, vec, (size_t)(p - vec) * 8))
		goto out_efault;
	memcpy(mm->saved_auxv, vec + 1 + bprm->argc + 1 + bprm->envc + 1,
	       sizeof(uint64_t) * 34);
	*out_sp = sp;
	err = 0;
	goto out;
out_efault:
	err = -EFAULT;
out:
	free(vec);
	return err;
}

/* Linux: start_thread, with registers cleared as a fresh image expects. */
static void
start_thread(struct pt_regs *regs, uint64_t pc, uint64_t sp)
{
	memset(regs, 0, sizeof(*regs));
	regs->pc = pc;
	regs->x[REG_SP] = sp;
}

static int
setup_new_mm(struct task_struct *t, struct linux_binprm *bprm)
{
	long ret;

	bprm->mm = mm_alloc(t->kernel);
	if (!bprm->mm)
		return -ENOMEM;
	ret = do_mmap(bprm->mm, STACK_TOP - STACK_INITIAL, STACK_INITIAL,
		      LINUX_PROT_READ | LINUX_PROT_WRITE,
		      LINUX_MAP_PRIVATE | LINUX_MAP_FIXED | LINUX_MAP_ANONYMOUS |
		      LINUX_MAP_GROWSDOWN, NULL, 0);
	bprm->mm->start_stack = STACK_TOP;
	return ret < 0 ? (int)ret : 0;
}

int
load_elf_binary(struct task_struct *t, struct linux_binprm *bprm)
{
	struct elf_info ei = { 0 };
	uint64_t sp;
	int err;

	err = elf_check_header(bprm->buf, sizeof(bprm->buf));
	if (err)
		return err;
	memcpy(&ei.eh, bprm->buf, sizeof(ei.eh));
	err = load_elf_phdrs(bprm, &ei);
	if (err)
		goto out;
	err = setup_new_mm(t, bprm);
	if (err)
		goto out;
	err = map_segments(bprm->mm, bprm, &ei);
	if (err)
		goto out;
	err = arch_setup_additional_pages(bprm->mm);
	if (err)
		goto out;
	err = create_elf_tables(t, bprm, &ei, &sp);
	if (err)
		goto out;
	bprm->mm->start_stack = sp;
	/* Point of no return. */
	begin_new_exec(t, bprm);
	start_thread(&t->regs, ei.load_bias + ei.eh.e_entry, sp);
out:
	free(ei.phdrs);
	return err;
}
