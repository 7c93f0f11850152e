/* ELF loading (Linux: fs/binfmt_elf.c load_elf_binary, load_elf_interp,
 * create_elf_tables).
 *
 * Static ET_EXEC, static-pie ET_DYN and dynamically linked riscv64 programs.
 * A dynamically linked program names its interpreter, the dynamic loader
 * (Debian's /lib/ld-linux-riscv64-lp64d.so.1), in a PT_INTERP segment: the
 * kernel maps the loader beside the program and starts the loader instead,
 * telling it through the auxiliary vector where the program's headers and
 * entry point are (AT_PHDR, AT_PHNUM, AT_ENTRY) and where it was itself put
 * (AT_BASE). The loader then maps the shared libraries itself, with openat,
 * mmap and mprotect.
 *
 * Placement is Linux 6.10+'s without randomisation (ADDR_NO_RANDOMIZE):
 * ET_EXEC at its own addresses; an ET_DYN program with an interpreter at
 * ELF_ET_DYN_BASE; every other ET_DYN (the interpreter, a static-pie program,
 * ld.so run as a program) wherever the mmap allocator puts the whole image,
 * top-down below mmap_base. */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include <taskbox/err.h>
#include <uapi/fcntl.h>
#include <uapi/mman.h>

#include "fs/fs.h"
#include "kernel/binfmts.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "mm/mm.h"

/* load_elf_phdrs: the program headers must fit in one page. */
#define ELF_MAX_PHNUM		(PAGE_SIZE / sizeof(Elf64_Phdr))
#define STACK_INITIAL		(128 * 1024)	/* fs/exec.c setup_arg_pages */
/* AT_HWCAP of an RV64GC hart: one bit per single-letter extension. */
#define RISCV_HWCAP_IMAFDC	((1 << ('I' - 'A')) | (1 << ('M' - 'A')) | \
				 (1 << ('A' - 'A')) | (1 << ('F' - 'A')) | \
				 (1 << ('D' - 'A')) | (1 << ('C' - 'A')))

/* One ELF image being loaded: the program, or its interpreter. */
struct elf_info {
	struct file *file;	/* the program's is bprm's; the interpreter's is ours */
	Elf64_Ehdr eh;
	Elf64_Phdr *phdrs;
	uint64_t load_bias;	/* added to every p_vaddr (ET_DYN) */
	uint64_t phdr_addr;	/* where the program headers are mapped (AT_PHDR) */
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

/* Read exactly len bytes at pos; a short read is EIO (Linux: elf_read). */
static int
elf_read(struct file *file, void *buf, size_t len, uint64_t pos)
{
	ssize_t n = kernel_read(file, buf, len, (loff_t)pos);

	if (n == (ssize_t)len)
		return 0;
	return n < 0 ? (int)n : -EIO;
}

/* Read the program headers (Linux: load_elf_phdrs). Their segments are
 * checked as they are mapped, past the point of no return (map_segments). */
static int
load_elf_phdrs(struct elf_info *ei)
{
	size_t size = ei->eh.e_phnum * sizeof(Elf64_Phdr);

	ei->phdrs = malloc(size);
	if (!ei->phdrs)
		return -ENOMEM;
	if (elf_read(ei->file, ei->phdrs, size, ei->eh.e_phoff))
		return -ENOEXEC;
	return 0;
}

/* Is there a PT_LOAD segment Linux cannot map or whose size would overflow
 * the task (load_elf_binary and load_elf_interp: elf_map's EINVAL for a file
 * offset out of step with the address, and the checks after it)? Checked
 * before any bias is computed from the segments. */
static bool
bad_segments(const struct elf_info *ei)
{
	for (int i = 0; i < ei->eh.e_phnum; i++) {
		const Elf64_Phdr *ph = &ei->phdrs[i];

		if (ph->p_type == PT_LOAD &&
		    (ph->p_filesz > ph->p_memsz || ph->p_vaddr + ph->p_memsz < ph->p_vaddr ||
		     ph->p_vaddr + ph->p_memsz > TASK_SIZE ||
		     (ph->p_vaddr - ph->p_offset) % PAGE_SIZE))
			return true;
	}
	return false;
}

/* Open the interpreter a PT_INTERP segment names and read its headers
 * (Linux: the PT_INTERP loop of load_elf_binary and the checks after it).
 * The path must be 2 to PATH_MAX bytes ending in a NUL (ENOEXEC); open_exec's
 * errors come back as they are (a missing loader is ENOENT); a header cut
 * short is EIO; a file that is not a riscv64 ELF with readable program
 * headers is ELIBBAD, so that the caller can tell the loader was at fault.
 * (Linux checks the interpreter's e_type only past its point of no return,
 * in load_elf_interp, and kills the task; a wrong one is ELIBBAD here.) */
static int
open_elf_interp(struct task_struct *t, struct elf_info *ei, const Elf64_Phdr *ph,
		struct elf_info *interp)
{
	struct file *file;
	char *path;
	int err;

	if (ph->p_filesz > FS_PATH_MAX || ph->p_filesz < 2)
		return -ENOEXEC;
	path = malloc(ph->p_filesz);
	if (!path)
		return -ENOMEM;
	err = elf_read(ei->file, path, ph->p_filesz, ph->p_offset);
	if (!err && path[ph->p_filesz - 1] != '\0')
		err = -ENOEXEC;
	file = err ? NULL : open_exec(t, AT_FDCWD, path, 0);
	free(path);
	if (err)
		return err;
	if (IS_ERR(file))
		return (int)PTR_ERR(file);
	interp->file = file;
	err = elf_read(file, &interp->eh, sizeof(interp->eh), 0);
	if (err)
		return err;
	if (elf_check_header(&interp->eh, sizeof(interp->eh)) || load_elf_phdrs(interp))
		return -ELIBBAD;
	return 0;
}

/* The program's interpreter, if it names one: only the first PT_INTERP
 * counts, as in Linux. */
static int
find_elf_interp(struct task_struct *t, struct elf_info *ei, struct elf_info *interp)
{
	for (int i = 0; i < ei->eh.e_phnum; i++)
		if (ei->phdrs[i].p_type == PT_INTERP)
			return open_elf_interp(t, ei, &ei->phdrs[i], interp);
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
 * file page reads as zero), anonymous pages up to p_memsz (Linux: elf_load,
 * its padzero and the bss vm_brk_flags, which maps the bss read-write
 * whatever the segment's own permissions). */
static int
elf_map(struct mm_struct *mm, struct file *file, const Elf64_Phdr *ph,
	uint64_t bias, unsigned long fixed)
{
	uint64_t start = (bias + ph->p_vaddr) & PAGE_MASK;
	uint64_t file_end = bias + ph->p_vaddr + ph->p_filesz;
	uint64_t mem_end = bias + ph->p_vaddr + ph->p_memsz;
	uint64_t off = ph->p_offset & PAGE_MASK;
	unsigned long prot = elf_prot(ph->p_flags);
	long ret;

	if (ph->p_filesz) {
		ret = do_mmap(mm, start, file_end - start, prot, LINUX_MAP_PRIVATE | fixed,
			      file, off >> PAGE_SHIFT);
		if (ret < 0)
			return (int)ret;
		find_vma(mm, start)->vm_file_end = ph->p_offset + ph->p_filesz;
		start = PAGE_ALIGN(file_end);
		fixed = LINUX_MAP_FIXED;
	}
	if (PAGE_ALIGN(mem_end) > start) {
		ret = do_mmap(mm, start, PAGE_ALIGN(mem_end) - start,
			      LINUX_PROT_READ | LINUX_PROT_WRITE | (prot & LINUX_PROT_EXEC),
			      LINUX_MAP_PRIVATE | fixed | LINUX_MAP_ANONYMOUS, NULL, 0);
		if (ret < 0)
			return (int)ret;
	}
	return 0;
}

/* The first PT_LOAD: it fixes the load bias (Linux: first_pt_load). */
static const Elf64_Phdr *
first_pt_load(const struct elf_info *ei)
{
	for (int i = 0; i < ei->eh.e_phnum; i++)
		if (ei->phdrs[i].p_type == PT_LOAD)
			return &ei->phdrs[i];
	return NULL;
}

/* The span of the PT_LOAD segments, from the lowest page (Linux:
 * total_mapping_size). */
static uint64_t
total_mapping_size(const struct elf_info *ei)
{
	uint64_t min_addr = UINT64_MAX, max_addr = 0;

	for (int i = 0; i < ei->eh.e_phnum; i++) {
		const Elf64_Phdr *ph = &ei->phdrs[i];

		if (ph->p_type != PT_LOAD)
			continue;
		if ((ph->p_vaddr & PAGE_MASK) < min_addr)
			min_addr = ph->p_vaddr & PAGE_MASK;
		if (ph->p_vaddr + ph->p_memsz > max_addr)
			max_addr = ph->p_vaddr + ph->p_memsz;
	}
	return max_addr > min_addr ? PAGE_ALIGN(max_addr - min_addr) : 0;
}

/* The largest power-of-two p_align of the PT_LOAD segments, at least a page,
 * or 0 when none asks (Linux: maximum_alignment). */
static uint64_t
maximum_alignment(const struct elf_info *ei)
{
	uint64_t alignment = 0;

	for (int i = 0; i < ei->eh.e_phnum; i++) {
		uint64_t a = ei->phdrs[i].p_align;

		if (ei->phdrs[i].p_type == PT_LOAD && a && !(a & (a - 1)) && a > alignment)
			alignment = a;
	}
	return PAGE_ALIGN(alignment);
}

/* An ET_DYN image placed by the mmap allocator: the highest free range that
 * holds the whole image, below mmap_base, tried first at hint, then aligned
 * down to align (Linux: elf_map's first vm_mmap of total_size, and, for a
 * static-pie asking for a large alignment, the realignment that follows). */
static int
elf_mmap_bias(struct mm_struct *mm, struct elf_info *ei, uint64_t hint, uint64_t align)
{
	uint64_t size = total_mapping_size(ei), addr;

	if (!size)
		return -EINVAL;
	addr = get_unmapped_area(mm, hint, size, 0);
	if (IS_ERR((void *)(uintptr_t)addr))
		return (int)addr;
	if (align > PAGE_SIZE)
		addr &= ~(align - 1);
	ei->load_bias = addr - (first_pt_load(ei)->p_vaddr & PAGE_MASK);
	return 0;
}

/* Choose the program's load bias (Linux: the first-PT_LOAD branch of
 * load_elf_binary). */
static int
elf_program_bias(struct mm_struct *mm, struct elf_info *ei, bool has_interp)
{
	uint64_t vaddr = first_pt_load(ei)->p_vaddr, align = maximum_alignment(ei);
	uint64_t base = ELF_ET_DYN_BASE;

	ei->load_bias = 0;
	if (ei->eh.e_type == ET_EXEC)
		return 0;
	if (!has_interp)
		return elf_mmap_bias(mm, ei, align > PAGE_SIZE ? 0 : vaddr & PAGE_MASK, align);
	if (align)
		base &= ~(align - 1);
	ei->load_bias = (base - vaddr) & PAGE_MASK;
	return 0;
}

/* Where the program's code and data lie, for /proc (Linux: the start_code,
 * end_code, start_data and end_data of load_elf_binary, computed as it
 * does: start_data is the highest segment's start). */
struct elf_bounds {
	uint64_t start_code, end_code, start_data, end_data, brk;
};

static void
elf_note_bounds(struct elf_bounds *b, const Elf64_Phdr *ph)
{
	if ((ph->p_flags & PF_X) && ph->p_vaddr < b->start_code)
		b->start_code = ph->p_vaddr;
	if ((ph->p_flags & PF_X) && ph->p_vaddr + ph->p_filesz > b->end_code)
		b->end_code = ph->p_vaddr + ph->p_filesz;
	if (ph->p_vaddr > b->start_data)
		b->start_data = ph->p_vaddr;
	if (ph->p_vaddr + ph->p_filesz > b->end_data)
		b->end_data = ph->p_vaddr + ph->p_filesz;
	if (ph->p_vaddr + ph->p_memsz > b->brk)
		b->brk = ph->p_vaddr + ph->p_memsz;
}

/* Map the program's segments; set its code and data bounds and its brk
 * (Linux: the PT_LOAD loop of load_elf_binary and the brk handling after
 * it). The first segment must not land on anything (MAP_FIXED_NOREPLACE). */
static int
map_segments(struct mm_struct *mm, struct elf_info *ei, bool has_interp)
{
	struct elf_bounds b = { .start_code = UINT64_MAX };
	unsigned long fixed = LINUX_MAP_FIXED_NOREPLACE;
	uint64_t bias;
	int err;

	if (!first_pt_load(ei) || bad_segments(ei))
		return -EINVAL;
	err = elf_program_bias(mm, ei, has_interp);
	if (err)
		return err;
	bias = ei->load_bias;
	for (int i = 0; i < ei->eh.e_phnum; i++) {
		const Elf64_Phdr *ph = &ei->phdrs[i];

		if (ph->p_type != PT_LOAD)
			continue;
		err = elf_map(mm, ei->file, ph, bias, fixed);
		if (err)
			return err;
		fixed = LINUX_MAP_FIXED;
		if (ph->p_offset <= ei->eh.e_phoff &&
		    ei->eh.e_phoff < ph->p_offset + ph->p_filesz)
			ei->phdr_addr = ph->p_vaddr + (ei->eh.e_phoff - ph->p_offset);
		elf_note_bounds(&b, ph);
	}
	ei->phdr_addr += bias;
	mm->start_code = b.start_code + bias;
	mm->end_code = b.end_code + bias;
	mm->start_data = b.start_data + bias;
	mm->end_data = b.end_data + bias;
	/* Linux 6.10+ moves a static-pie program's brk out of the mmap area
	 * it was loaded in, to ELF_ET_DYN_BASE, even without randomisation. */
	if (ei->eh.e_type == ET_DYN && !has_interp)
		mm->start_brk = mm->brk = ELF_ET_DYN_BASE;
	else
		mm->start_brk = mm->brk = PAGE_ALIGN(b.brk + bias);
	return 0;
}

/* Map the interpreter (Linux: load_elf_interp). An ET_DYN interpreter goes
 * where the mmap allocator puts it: with no address hint when the program
 * was itself relocated (Linux's no_base), else at its own link address if
 * that is free. Its bss is mapped, but the brk stays the program's. */
static int
load_elf_interp(struct mm_struct *mm, struct elf_info *interp, uint64_t no_base)
{
	const Elf64_Phdr *first = first_pt_load(interp);
	int err;

	if (!first || bad_segments(interp))
		return -EINVAL;		/* Linux: total_mapping_size() == 0 */
	interp->load_bias = 0;
	if (interp->eh.e_type == ET_DYN) {
		err = elf_mmap_bias(mm, interp, no_base ? 0 : first->p_vaddr & PAGE_MASK, 0);
		if (err)
			return err;
	}
	for (int i = 0; i < interp->eh.e_phnum; i++) {
		if (interp->phdrs[i].p_type != PT_LOAD)
			continue;
		err = elf_map(mm, interp->file, &interp->phdrs[i], interp->load_bias,
			      LINUX_MAP_FIXED);
		if (err)
			return err;
	}
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
 * as Linux lays them out (Linux: create_elf_tables). AT_PHDR, AT_PHNUM and
 * AT_ENTRY describe the program even when its interpreter runs first;
 * AT_BASE is where the interpreter was put (0 without one). */
static int
create_elf_tables(struct task_struct *t, struct linux_binprm *bprm,
		  const struct elf_info *ei, uint64_t interp_base, uint64_t *out_sp)
{
	struct mm_struct *mm = bprm->mm;
	uint64_t sp = STACK_TOP, execfn, random_addr, *vec, *p, *auxv;
	uint8_t random[16];
	size_t words;
	int err = -ENOMEM;

	if (push(mm, &sp, bprm->filename, strlen(bprm->filename) + 1))
		return -EFAULT;
	execfn = sp;
	words = 1 + bprm->argc + 1 + bprm->envc + 1 + AT_VECTOR_SIZE;
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
	auxv = p;
#define NEW_AUX_ENT(id, val) do { *p++ = (id); *p++ = (val); } while (0)
	/* riscv's ARCH_DLINFO: the vDSO, then the cache geometry, 0 when the
	 * machine describes no caches (as QEMU's virt board), then the stack a
	 * signal frame needs. */
	NEW_AUX_ENT(AT_SYSINFO_EHDR, mm->vdso);
	for (int id = AT_L1I_CACHESIZE; id <= AT_L3_CACHEGEOMETRY; id++)
		NEW_AUX_ENT(id, 0);
	NEW_AUX_ENT(AT_MINSIGSTKSZ, get_rt_frame_size());
	NEW_AUX_ENT(AT_HWCAP, RISCV_HWCAP_IMAFDC);
	NEW_AUX_ENT(AT_PAGESZ, PAGE_SIZE);
	NEW_AUX_ENT(AT_CLKTCK, 100);
	NEW_AUX_ENT(AT_PHDR, ei->phdr_addr);
	NEW_AUX_ENT(AT_PHENT, sizeof(Elf64_Phdr));
	NEW_AUX_ENT(AT_PHNUM, ei->eh.e_phnum);
	NEW_AUX_ENT(AT_BASE, interp_base);
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
	memcpy(mm->saved_auxv, auxv, (size_t)(p - auxv) * sizeof(*p));
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


/* Linux: load_elf_binary. The new image is built on a new mm off to the
 * side and committed by begin_new_exec. Linux passes its point of no return
 * once the headers and the interpreter are checked, before it maps the
 * segments: a later failure (a segment that cannot be mapped, a stack that
 * cannot be written) kills the task with SIGSEGV rather than return an
 * errno, and bprm->point_of_no_return tells do_execveat_common so. */
int
load_elf_binary(struct task_struct *t, struct linux_binprm *bprm)
{
	struct elf_info ei = { .file = bprm->file }, interp = { 0 };
	uint64_t entry, sp;
	int err;

	err = elf_check_header(bprm->buf, sizeof(bprm->buf));
	if (err)
		return err;
	memcpy(&ei.eh, bprm->buf, sizeof(ei.eh));
	if (!bprm->file->f_op || !bprm->file->f_op->mmap)
		return -ENOEXEC;
	err = load_elf_phdrs(&ei);
	if (err)
		goto out;
	err = find_elf_interp(t, &ei, &interp);
	if (err)
		goto out;
	err = setup_new_mm(t, bprm);
	if (err)
		goto out;
	bprm->point_of_no_return = true;
	err = map_segments(bprm->mm, &ei, interp.file != NULL);
	if (err)
		goto out;
	entry = ei.load_bias + ei.eh.e_entry;
	if (interp.file) {
		err = load_elf_interp(bprm->mm, &interp, ei.load_bias);
		if (err)
			goto out;
		entry = interp.load_bias + interp.eh.e_entry;
	}
	err = arch_setup_additional_pages(bprm->mm);
	if (err)
		goto out;
	err = create_elf_tables(t, bprm, &ei, interp.load_bias, &sp);
	if (err)
		goto out;
	bprm->mm->start_stack = sp;
	/* Point of no return. */
	begin_new_exec(t, bprm);
	start_thread(&t->regs, entry, sp);
out:
	if (interp.file)
		fput(interp.file);
	free(interp.phdrs);
	free(ei.phdrs);
	return err;
}
