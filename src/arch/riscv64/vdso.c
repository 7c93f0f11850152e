/* The [vdso] mapping (Linux: arch/riscv/kernel/vdso.c).
 *
 * The vDSO is a real riscv64 shared object (vdso/vdso.S, linked by vdso.lds
 * with the cross compiler and embedded in taskbox like the init). It lives in
 * one kernel page, shared by every process: each exec maps that page just
 * below the mmap base and tells the program where with AT_SYSINFO_EHDR.
 * glibc finds its functions through the object's dynamic symbol table, and
 * the signal code returns handlers through its __vdso_rt_sigreturn. The
 * symbol offsets come from the build (vdso-offsets.h), as Linux's do. */
#include <string.h>

#include <taskbox/err.h>

#include "kernel/kernel.h"
#include "mm/mm.h"
#include "vdso-offsets.h"

extern const uint8_t vdso_elf[], vdso_elf_end[];

/* The page holding the image, filled at its first use. */
static struct page *
vdso_page(struct kernel *k)
{
	size_t size = (size_t)(vdso_elf_end - vdso_elf);

	if (!k->vdso_page && size <= PAGE_SIZE) {
		k->vdso_page = alloc_page(k);
		if (k->vdso_page)
			memcpy(k->vdso_page->data, vdso_elf, size);
	}
	return k->vdso_page;
}

/* Map the vDSO into a new image (Linux: arch_setup_additional_pages). */
int
arch_setup_additional_pages(struct mm_struct *mm)
{
	struct page *page = vdso_page(mm->kernel);
	struct vm_area_struct vma;
	uint64_t addr;

	if (!page)
		return -ENOMEM;
	addr = get_unmapped_area(mm, 0, PAGE_SIZE, 0);
	if (IS_ERR((void *)(uintptr_t)addr))
		return (int)addr;
	vma = (struct vm_area_struct){ .vm_start = addr, .vm_end = addr + PAGE_SIZE,
		.vm_flags = VM_READ | VM_EXEC | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC,
		.vm_special_page = page };
	mm->vdso = addr;
	return insert_vm_struct(mm, &vma);
}

/* Where a signal handler returns to (Linux: VDSO_SYMBOL(vdso, rt_sigreturn)). */
uint64_t
vdso_sigreturn(const struct mm_struct *mm)
{
	return mm->vdso + VDSO_OFFSET_rt_sigreturn;
}
