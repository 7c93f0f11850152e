/* mremap: resize or move a mapping, moving page-table entries rather than
 * copying pages (Linux: mm/mremap.c). */
#include <uapi/mman.h>

#include "arch/riscv64/cpu.h"
#include "fs/fs.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "mm/mm.h"

/* Move the ptes of [old, old+len) to new (Linux: move_page_tables). */
static int
move_page_tables(struct mm_struct *mm, uint64_t old, uint64_t new, uint64_t len)
{
	for (uint64_t off = 0; off < len; off += PAGE_SIZE) {
		pte_t *src = pte_lookup(mm, old + off), *dst;

		if (!src || !*src)
			continue;
		dst = pte_alloc(mm, new + off);
		if (!dst)
			return -ENOMEM;
		*dst = *src;
		*src = 0;
	}
	return 0;
}

/* Linux: move_vma. The new VMA inherits flags and backing; the old range is
 * unmapped afterwards (its ptes are already empty). */
static long
move_vma(struct mm_struct *mm, struct vm_area_struct *vma, uint64_t old_addr,
	 uint64_t old_len, uint64_t new_addr, uint64_t new_len)
{
	struct vm_area_struct nv = *vma;
	long err;

	nv.vm_start = new_addr;
	nv.vm_end = new_addr + new_len;
	if (nv.vm_file)
		nv.vm_pgoff += (old_addr - vma->vm_start) >> PAGE_SHIFT;
	err = do_vmi_munmap(mm, new_addr, new_len);
	if (err)
		return err;
	err = insert_vm_struct(mm, &nv);
	if (err)
		return err;
	err = move_page_tables(mm, old_addr, new_addr, old_len);
	if (err)
		return err;
	err = do_vmi_munmap(mm, old_addr, old_len);
	if (err)
		return err;
	vma_merge_adjacent(mm);
	return (long)new_addr;
}

static bool
can_grow_in_place(struct mm_struct *mm, struct vm_area_struct *vma,
		  uint64_t end, uint64_t delta)
{
	struct vm_area_struct *next;

	if (end != vma->vm_end || end + delta > TASK_SIZE || end + delta < end)
		return false;
	next = find_vma(mm, end);
	return !next || next->vm_start >= end + delta;
}

SYSCALL_DEFINE5(mremap, uint64_t, addr, uint64_t, old_len, uint64_t, new_len,
		unsigned long, flags, uint64_t, new_addr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;

	if (flags & ~(LINUX_MREMAP_MAYMOVE | LINUX_MREMAP_FIXED | LINUX_MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & LINUX_MREMAP_FIXED) && !(flags & LINUX_MREMAP_MAYMOVE))
		return -EINVAL;
	if (flags & LINUX_MREMAP_DONTUNMAP)
		return -EINVAL;	/* not supported yet: Linux needs MAYMOVE and anon */
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (!new_len)
		return -EINVAL;
	vma = find_vma(mm, addr);
	if (!vma || vma->vm_start > addr)
		return -EFAULT;
	if (!old_len || addr + old_len > vma->vm_end)
		return old_len ? -EFAULT : -EINVAL;
	if (flags & LINUX_MREMAP_FIXED) {
		if ((new_addr & ~PAGE_MASK) || new_addr + new_len > TASK_SIZE ||
		    (new_addr < addr + old_len && addr < new_addr + new_len))
			return -EINVAL;
		if (new_len > old_len &&
		    !may_expand_vm(mm, vma->vm_flags, (new_len - old_len) >> PAGE_SHIFT))
			return -ENOMEM;		/* vma_to_resize */
		return move_vma(mm, vma, addr, old_len, new_addr, new_len);
	}
	if (new_len <= old_len) {
		if (new_len < old_len)
			do_vmi_munmap(mm, addr + new_len, old_len - new_len);
		return (long)addr;
	}
	if (!may_expand_vm(mm, vma->vm_flags, (new_len - old_len) >> PAGE_SHIFT))
		return -ENOMEM;
	if (can_grow_in_place(mm, vma, addr + old_len, new_len - old_len)) {
		add_total_vm(mm, (long)((new_len - old_len) >> PAGE_SHIFT));
		vma->vm_end = addr + new_len;
		vma_merge_adjacent(mm);
		return (long)addr;
	}
	if (!(flags & LINUX_MREMAP_MAYMOVE))
		return -ENOMEM;
	new_addr = get_unmapped_area(mm, 0, new_len, 0);
	if (IS_ERR((void *)(uintptr_t)new_addr))
		return (long)new_addr;
	return move_vma(mm, vma, addr, old_len, new_addr, new_len);
}
