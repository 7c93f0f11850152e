/* Address-space layout: mm_struct lifetime, mmap, munmap, mprotect, brk,
 * mremap (Linux: mm/mmap.c, mm/mprotect.c, mm/mremap.c, mm/util.c). */
#include <stdlib.h>
#include <string.h>

#include <uapi/mman.h>

#include "arch/riscv64/cpu.h"
#include "fs/fs.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "mm/mm.h"

#define MIN_GAP		(128UL << 20)	/* mm/util.c mmap_base(): at least 128 MiB */
#define MMAP_MIN_ADDR	0x10000UL	/* vm.mmap_min_addr default on Debian */

struct mm_struct *
mm_alloc(struct kernel *k)
{
	struct mm_struct *mm = calloc(1, sizeof(*mm));

	if (!mm)
		return NULL;
	mm->pgd = calloc(PTRS_PER_PGD, sizeof(*mm->pgd));
	if (!mm->pgd) {
		free(mm);
		return NULL;
	}
	mm->kernel = k;
	mm->mm_users = 1;
	/* No address-space randomisation: runs are deterministic. */
	mm->mmap_base = PAGE_ALIGN(STACK_TOP - MIN_GAP);
	return mm;
}

/* The image an mm runs: writers of it get ETXTBSY while it does (Linux:
 * set_mm_exe_file with exe_file_deny_write_access). Only files of the
 * in-memory filesystems can be written; the read-only root's are not held
 * (each would keep a host fd open). */
void
set_mm_exe_inode(struct mm_struct *mm, struct inode *inode)
{
	if (inode && (!inode->i_sb || !(inode->i_sb->s_flags & SB_INMEMORY)))
		inode = NULL;
	if (mm->exe_inode) {
		allow_write_access(mm->exe_inode);
		iput(mm->exe_inode);
	}
	mm->exe_inode = inode ? igrab(inode) : NULL;
	if (inode)
		inode->i_writecount--;
}

/* Drop a user of mm; the last one frees everything (Linux: mmput/exit_mmap). */
void
mmput(struct mm_struct *mm)
{
	if (--mm->mm_users)
		return;
	/* No hart may keep describing this mm: a new one may be allocated
	 * at the same address. */
	for (int i = 0; i < mm->kernel->nr_cpus; i++) {
		if (mm->kernel->cpus[i].tlb_mm == mm) {
			tlb_flush(&mm->kernel->cpus[i]);
			mm->kernel->cpus[i].tlb_mm = NULL;
		}
	}
	free_pgtables(mm);
	for (int i = 0; i < mm->map_count; i++)
		if (mm->vmas[i].vm_file)
			fput(mm->vmas[i].vm_file);
	free(mm->vmas);
	free(mm->exe_path);
	set_mm_exe_inode(mm, NULL);
	free(mm);
}

unsigned long
calc_vm_prot_bits(unsigned long prot)
{
	return ((prot & LINUX_PROT_READ) ? VM_READ : 0) |
	       ((prot & LINUX_PROT_WRITE) ? VM_WRITE : 0) |
	       ((prot & LINUX_PROT_EXEC) ? VM_EXEC : 0);
}

/* The gap a VMA wants kept free below it: the stack guard gap. */
static uint64_t
vm_start_gap(const struct vm_area_struct *vma)
{
	if (!(vma->vm_flags & VM_GROWSDOWN))
		return vma->vm_start;
	return vma->vm_start > STACK_GUARD_GAP ? vma->vm_start - STACK_GUARD_GAP : 0;
}

static bool
range_free(struct mm_struct *mm, uint64_t addr, uint64_t len)
{
	struct vm_area_struct *next;

	if (addr < MMAP_MIN_ADDR || addr + len > TASK_SIZE || addr + len < addr)
		return false;
	next = find_vma(mm, addr);
	return !next || addr + len <= vm_start_gap(next);
}

/* Highest free range of len bytes below mmap_base (Linux: the top-down
 * unmapped_area_topdown); returns -ENOMEM when none. */
static uint64_t
unmapped_area_topdown(struct mm_struct *mm, uint64_t len)
{
	uint64_t high = mm->mmap_base;

	for (int i = mm->map_count - 1; i >= -1; i--) {
		uint64_t low = i >= 0 ? mm->vmas[i].vm_end : MMAP_MIN_ADDR;

		if (low < high && high - low >= len)
			return high - len;
		if (i >= 0 && vm_start_gap(&mm->vmas[i]) < high)
			high = vm_start_gap(&mm->vmas[i]);
	}
	return (uint64_t)-ENOMEM;
}

/* Choose where a mapping goes (Linux: get_unmapped_area): the hint when it
 * is free, else top-down below mmap_base. MAP_FIXED takes addr as is. */
uint64_t
get_unmapped_area(struct mm_struct *mm, uint64_t addr, uint64_t len,
		  unsigned long flags)
{
	if (len > TASK_SIZE)
		return (uint64_t)-ENOMEM;
	if (flags & LINUX_MAP_FIXED) {
		if (addr & ~PAGE_MASK)
			return (uint64_t)-EINVAL;
		if (addr > TASK_SIZE - len)
			return (uint64_t)-ENOMEM;
		return addr;
	}
	if (addr) {
		addr = PAGE_ALIGN(addr);
		if (range_free(mm, addr, len))
			return addr;
	}
	return unmapped_area_topdown(mm, len);
}

/* Check the mapping type against the file's open mode (Linux: the switch
 * on MAP_TYPE in do_mmap); adjusts vm_flags' VM_MAY* bits. */
static long
mmap_check_type(struct file *file, unsigned long prot, unsigned long flags,
		unsigned long *vm_flags)
{
	unsigned long type = flags & LINUX_MAP_TYPE;

	if (!file)
		return type == LINUX_MAP_SHARED || type == LINUX_MAP_SHARED_VALIDATE ||
		       type == LINUX_MAP_PRIVATE ? 0 : -EINVAL;
	switch (type) {
	case LINUX_MAP_SHARED_VALIDATE:
		if (flags & ~(LINUX_LEGACY_MAP_MASK | LINUX_MAP_SYNC |
			      LINUX_MAP_FIXED_NOREPLACE))
			return -EOPNOTSUPP;
		/* fallthrough */
	case LINUX_MAP_SHARED:
		if ((prot & LINUX_PROT_WRITE) && !(file->f_mode & FMODE_WRITE))
			return -EACCES;
		if (!(file->f_mode & FMODE_WRITE))
			*vm_flags &= ~(VM_MAYWRITE | VM_SHARED);
		/* fallthrough */
	case LINUX_MAP_PRIVATE:
		if (!(file->f_mode & FMODE_READ))
			return -EACCES;
		return 0;
	default:
		return -EINVAL;
	}
}

/* Shared anonymous memory is a file of its own (Linux: shmem_zero_setup),
 * so that a fork shares its pages. The VMA holds the only reference. */
static int
shmem_mmap_anon(struct mm_struct *mm, struct vm_area_struct *vma, uint64_t len)
{
	struct file *file = shmem_zero_setup(mm->kernel, len);
	int err;

	if (IS_ERR(file))
		return (int)PTR_ERR(file);
	err = file->f_op->mmap(file, vma);
	if (err) {
		fput(file);
		return err;
	}
	vma->vm_file = file;
	return 0;
}

/* May mm grow by npages of a mapping with vm_flags (Linux: may_expand_vm)?
 * RLIMIT_AS bounds the whole address space, RLIMIT_DATA its private
 * writable part that is not stack; a RLIMIT_DATA of 0 is taken as its hard
 * limit (Linux's workaround for Valgrind). The limits are the task's that
 * works on mm: the caller, or the exec'ing task on its new mm. */
bool
may_expand_vm(struct mm_struct *mm, unsigned long vm_flags, uint64_t npages)
{
	const struct task_struct *t = mm->kernel->current;
	const struct rlimit64 *as, *data;

	if (!t)
		return true;
	as = &t->signal->rlim[RLIMIT_AS];
	data = &t->signal->rlim[RLIMIT_DATA];
	if (mm->total_vm + npages > as->rlim_cur >> PAGE_SHIFT)
		return false;
	/* The data size is a walk over the VMAs: only with a limit to meet. */
	if ((vm_flags & (VM_WRITE | VM_SHARED | VM_GROWSDOWN)) == VM_WRITE &&
	    data->rlim_cur != RLIM64_INFINITY &&
	    vm_data_pages(mm) + npages > data->rlim_cur >> PAGE_SHIFT)
		return data->rlim_cur == 0 &&
		       vm_data_pages(mm) + npages <= data->rlim_max >> PAGE_SHIFT;
	return true;
}

/* Create a mapping (Linux: do_mmap + mmap_region). Returns the address or a
 * negative errno. A MAP_FIXED mapping replaces what was there. */
long
do_mmap(struct mm_struct *mm, uint64_t addr, uint64_t len, unsigned long prot,
	unsigned long flags, struct file *file, uint64_t pgoff)
{
	unsigned long vm_flags;
	struct vm_area_struct vma;
	uint64_t type = flags & LINUX_MAP_TYPE;
	long err;

	if (!len)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len || len > TASK_SIZE)
		return -ENOMEM;
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	if (flags & LINUX_MAP_FIXED_NOREPLACE)
		flags |= LINUX_MAP_FIXED;
	vm_flags = calc_vm_prot_bits(prot) | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	if (type == LINUX_MAP_SHARED || type == LINUX_MAP_SHARED_VALIDATE)
		vm_flags |= VM_SHARED | VM_MAYSHARE;
	if (flags & LINUX_MAP_GROWSDOWN)
		vm_flags |= VM_GROWSDOWN;
	if (flags & LINUX_MAP_NORESERVE)
		vm_flags |= VM_NORESERVE;
	err = mmap_check_type(file, prot, flags, &vm_flags);
	if (err)
		return err;
	if ((vm_flags & (VM_NORESERVE | VM_SHARED | VM_WRITE)) == VM_WRITE)
		vm_flags |= VM_ACCOUNT;		/* accountable_mapping (smaps "ac") */
	addr = get_unmapped_area(mm, addr, len, flags);
	if (IS_ERR((void *)(uintptr_t)addr))
		return (long)addr;
	if ((flags & LINUX_MAP_FIXED_NOREPLACE) &&
	    find_vma_intersection(mm, addr, addr + len))
		return -EEXIST;
	/* What a MAP_FIXED mapping replaces does not count (mmap_region). */
	if (!may_expand_vm(mm, vm_flags, (len >> PAGE_SHIFT) -
			   count_vma_pages_range(mm, addr, addr + len)))
		return -ENOMEM;

	vma = (struct vm_area_struct){ .vm_start = addr, .vm_end = addr + len,
		.vm_flags = vm_flags, .vm_file = file, .vm_pgoff = file ? pgoff : 0 };
	if (file) {
		if (!file->f_op || !file->f_op->mmap)
			return -ENODEV;
		err = file->f_op->mmap(file, &vma);
		if (err)
			return err;
	} else if (vm_flags & VM_SHARED) {
		err = shmem_mmap_anon(mm, &vma, len);
		if (err)
			return err;
	}

	/* Commit: nothing below fails except the VMA array growth. */
	err = do_vmi_munmap(mm, addr, len);
	if (!err)
		err = insert_vm_struct(mm, &vma);	/* takes its own file reference */
	if (!file && vma.vm_file)
		fput(vma.vm_file);			/* shmem_mmap_anon's */
	if (err)
		return err;
	vma_merge_adjacent(mm);
	return (long)addr;
}

SYSCALL_DEFINE6(mmap, uint64_t, addr, uint64_t, len, unsigned long, prot,
		unsigned long, flags, int, fd, uint64_t, off)
{
	struct file *file = NULL;
	long ret;

	if (off & ~PAGE_MASK)
		return -EINVAL;
	if (!(flags & LINUX_MAP_ANONYMOUS)) {
		file = fget(current, fd);
		if (!file)
			return -EBADF;
	}
	ret = do_mmap(current->mm, addr, len, prot, flags, file, off >> PAGE_SHIFT);
	if (file)
		fput(file);
	return ret;
}

SYSCALL_DEFINE2(munmap, uint64_t, addr, uint64_t, len)
{
	if ((addr & ~PAGE_MASK) || addr > TASK_SIZE || len > TASK_SIZE - addr)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len)
		return -EINVAL;
	return do_vmi_munmap(current->mm, addr, len);
}

/* Linux: do_mprotect_pkey. Every page of the range must be mapped (ENOMEM
 * otherwise); a VMA that may not gain write or exec gives EACCES. */
static long
do_mprotect(struct mm_struct *mm, uint64_t start, uint64_t len, unsigned long prot)
{
	unsigned long newflags = calc_vm_prot_bits(prot);
	uint64_t end, a;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (prot & ~(LINUX_PROT_READ | LINUX_PROT_WRITE | LINUX_PROT_EXEC | LINUX_PROT_SEM))
		return -EINVAL;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end < start)
		return -ENOMEM;
	if (end == start)
		return 0;
	for (a = start; a < end;) {
		struct vm_area_struct *vma = find_vma(mm, a);

		unsigned long nf;
		uint64_t n;

		if (!vma || vma->vm_start > a)
			return -ENOMEM;
		if ((newflags & VM_WRITE) && !(vma->vm_flags & VM_MAYWRITE))
			return -EACCES;
		/* Memory turning into data counts against RLIMIT_DATA
		 * (mprotect_fixup). */
		nf = (vma->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC)) | newflags;
		n = ((vma->vm_end < end ? vma->vm_end : end) - a) >> PAGE_SHIFT;
		if ((newflags & VM_WRITE) && !may_expand_vm(mm, nf, n) &&
		    may_expand_vm(mm, vma->vm_flags, n))
			return -ENOMEM;
		a = vma->vm_end;
	}
	if (split_vma(mm, start) || split_vma(mm, end))
		return -ENOMEM;
	for (struct vm_area_struct *vma = find_vma(mm, start);
	     vma && vma->vm_start < end; vma++) {
		unsigned long old = vma->vm_flags;

		vma->vm_flags = (old & ~(VM_READ | VM_WRITE | VM_EXEC)) | newflags;
		/* Made writable and private: charged from now on (mprotect_fixup). */
		if ((newflags & VM_WRITE) &&
		    !(old & (VM_ACCOUNT | VM_WRITE | VM_SHARED | VM_NORESERVE)))
			vma->vm_flags |= VM_ACCOUNT;
		if (vma == &mm->vmas[mm->map_count - 1])
			break;
	}
	change_protection(mm, start, end, newflags);
	vma_merge_adjacent(mm);
	flush_tlb_mm(mm->kernel, mm);
	return 0;
}

SYSCALL_DEFINE3(mprotect, uint64_t, start, uint64_t, len, unsigned long, prot)
{
	return do_mprotect(current->mm, start, len, prot);
}

/* Map anonymous memory for brk (Linux: do_brk_flags). */
long
do_brk_flags(struct mm_struct *mm, uint64_t addr, uint64_t len, unsigned long vm_flags)
{
	struct vm_area_struct vma = { .vm_start = addr, .vm_end = addr + len,
		.vm_flags = vm_flags | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | VM_ACCOUNT };
	long err;

	if (!len)
		return 0;
	if (!may_expand_vm(mm, vma.vm_flags, len >> PAGE_SHIFT))
		return -ENOMEM;
	err = insert_vm_struct(mm, &vma);
	if (err)
		return err;
	vma_merge_adjacent(mm);
	return 0;
}

/* Linux: sys_brk. Returns the new break, or the old one when the request
 * cannot be met (the C library detects failure that way). */
SYSCALL_DEFINE1(brk, uint64_t, brk)
{
	struct mm_struct *mm = current->mm;
	uint64_t newbrk, oldbrk;

	if (brk < mm->start_brk)
		return mm->brk;
	/* Linux: check_data_rlimit, before any rounding: the heap and the
	 * initialised data together within RLIMIT_DATA. */
	if (current->signal->rlim[RLIMIT_DATA].rlim_cur != RLIM64_INFINITY &&
	    (brk - mm->start_brk) + (mm->end_data - mm->start_data) >
	    current->signal->rlim[RLIMIT_DATA].rlim_cur)
		return mm->brk;
	newbrk = PAGE_ALIGN(brk);
	oldbrk = PAGE_ALIGN(mm->brk);
	if (oldbrk == newbrk) {
		mm->brk = brk;
		return brk;
	}
	if (brk <= mm->brk) {
		if (do_vmi_munmap(mm, newbrk, oldbrk - newbrk))
			return mm->brk;
		mm->brk = brk;
		return brk;
	}
	if (!range_free(mm, oldbrk, newbrk - oldbrk))
		return mm->brk;
	if (do_brk_flags(mm, oldbrk, newbrk - oldbrk, VM_READ | VM_WRITE))
		return mm->brk;
	mm->brk = brk;
	return brk;
}
