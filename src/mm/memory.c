/* Page faults: demand paging of anonymous and file-backed memory, stack
 * growth and copy-on-write (Linux: mm/memory.c handle_mm_fault and friends). */
#include <string.h>

#include <taskbox/err.h>

#include "arch/riscv64/cpu.h"
#include "fs/fs.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "mm/mm.h"


static bool
access_permitted(const struct vm_area_struct *vma, enum fault_access acc)
{
	switch (acc) {
	case FAULT_WRITE:
		return vma->vm_flags & VM_WRITE;
	case FAULT_EXEC:
		return vma->vm_flags & VM_EXEC;
	default:	/* riscv: a writable page is readable too */
		return vma->vm_flags & (VM_READ | VM_WRITE);
	}
}

/* The pte permission bits a fresh, exclusively owned page gets. */
static pte_t
vma_pte_prot(const struct vm_area_struct *vma, bool writable)
{
	pte_t prot = 0;

	if (vma->vm_flags & (VM_READ | VM_WRITE))
		prot |= PTE_R;
	if (vma->vm_flags & VM_EXEC)
		prot |= PTE_X;
	if (writable && (vma->vm_flags & VM_WRITE))
		prot |= PTE_W;
	return prot;
}

/* Charge a fault to the task running in mm (Linux: mm_account_fault):
 * major when the page must come from a file not yet in memory, minor
 * otherwise (zero-fill, copy-on-write, the page cache, tmpfs). */
static void
count_fault(struct mm_struct *mm, struct vm_area_struct *vma, uint64_t addr, pte_t pte)
{
	struct task_struct *t = mm->kernel->current;
	uint64_t index = vma->vm_pgoff + (((addr & PAGE_MASK) - vma->vm_start) >> PAGE_SHIFT);

	if (!t || t->mm != mm)
		return;
	if (!pte && vma->vm_file && !vma->vm_ops && !page_cache_has(vma->vm_file, index))
		t->maj_flt++;
	else
		t->min_flt++;
}

/* The stack size the faulting task may grow to (Linux: acct_stack_growth's
 * rlimit(RLIMIT_STACK), the current task's); 8 MiB for a kernel access
 * with no task in mm. */
static uint64_t
stack_limit(const struct mm_struct *mm)
{
	const struct task_struct *t = mm->kernel->current;

	return t && t->mm == mm ? t->signal->rlim[RLIMIT_STACK].rlim_cur : 8UL << 20;
}

/* Grow a VM_GROWSDOWN VMA down to cover addr (Linux: expand_stack), within
 * RLIMIT_STACK and RLIMIT_AS (acct_stack_growth) and keeping the stack
 * guard gap to the VMA below. */
static struct vm_area_struct *
expand_stack(struct mm_struct *mm, struct vm_area_struct *vma, uint64_t addr)
{
	int i = vma - mm->vmas;
	uint64_t start = addr & PAGE_MASK;

	if (!(vma->vm_flags & VM_GROWSDOWN) || vma->vm_end - start > stack_limit(mm) ||
	    !may_expand_vm(mm, vma->vm_flags, (vma->vm_start - start) >> PAGE_SHIFT))
		return NULL;
	if (i > 0 && mm->vmas[i - 1].vm_end + STACK_GUARD_GAP > start)
		return NULL;
	add_total_vm(mm, (long)((vma->vm_start - start) >> PAGE_SHIFT));
	vma->vm_start = start;
	return vma;
}

/* Fill a new page from the VMA's file (Linux: do_read_fault/do_cow_fault).
 * Bytes past vm_file_end (an ELF segment's p_filesz) stay zero. Returns
 * -EIO for a page wholly beyond the end of the file (SIGBUS). */
static int
fill_from_file(struct vm_area_struct *vma, uint64_t addr, struct page *page)
{
	uint64_t off = (vma->vm_pgoff << PAGE_SHIFT) + ((addr & PAGE_MASK) - vma->vm_start);
	size_t want = PAGE_SIZE;
	ssize_t n;

	if (vma->vm_file_end) {
		if (off >= vma->vm_file_end)
			return 0;
		if (vma->vm_file_end - off < want)
			want = vma->vm_file_end - off;
	}
	n = kernel_read(vma->vm_file, page->data, want, (loff_t)off);
	if (n < 0)
		return -EIO;
	if (n == 0 && !vma->vm_file_end)
		return -EIO;
	return 0;
}

/* A read fault on a file page wholly inside the file's part of the VMA:
 * map the page cache's page itself, read-only; a later write copies it
 * (do_wp_page). Linux: do_read_fault. Returns 1 when not applicable. */
static int
do_read_fault(struct mm_struct *mm, struct vm_area_struct *vma, uint64_t addr,
	      pte_t *pte, enum fault_access acc)
{
	uint64_t off = (vma->vm_pgoff << PAGE_SHIFT) + ((addr & PAGE_MASK) - vma->vm_start);
	struct address_space *mapping;
	struct page *page;

	if (acc == FAULT_WRITE || (vma->vm_file_end && off + PAGE_SIZE > vma->vm_file_end))
		return 1;
	mapping = file_mapping(mm->kernel, vma->vm_file);
	if (!mapping || off + PAGE_SIZE > mapping->size)
		return 1;
	page = find_get_page(mm->kernel, mapping, vma->vm_file, off >> PAGE_SHIFT);
	if (!page)
		return 1;
	*pte = (pte_t)page | vma_pte_prot(vma, false);
	add_mm_rss(mm, 1);
	return 0;
}

/* A fault in a mapping whose filesystem gives its own pages (Linux:
 * do_shared_fault, do_read_fault, do_cow_fault over vm_ops->fault). */
static int
do_vm_ops_fault(struct mm_struct *mm, struct vm_area_struct *vma, uint64_t addr,
		pte_t *pte, enum fault_access acc)
{
	uint64_t pgoff = vma->vm_pgoff + (((addr & PAGE_MASK) - vma->vm_start) >> PAGE_SHIFT);
	struct page *page = vma->vm_ops->fault(vma, pgoff), *copy;

	if (IS_ERR(page))
		return PTR_ERR(page) == -ENOMEM ? -ENOMEM : -EIO;
	if (!(vma->vm_flags & VM_SHARED) && acc == FAULT_WRITE) {
		copy = alloc_page(mm->kernel);
		if (!copy) {
			put_page(mm->kernel, page);
			return -ENOMEM;
		}
		memcpy(copy->data, page->data, PAGE_SIZE);
		put_page(mm->kernel, page);
		page = copy;
	}
	*pte = (pte_t)page | vma_pte_prot(vma, (vma->vm_flags & VM_SHARED) || acc == FAULT_WRITE);
	add_mm_rss(mm, 1);
	return 0;
}

/* First touch of a page (Linux: do_anonymous_page / do_fault). */
static int
do_page_in(struct mm_struct *mm, struct vm_area_struct *vma, uint64_t addr,
	   pte_t *pte, enum fault_access acc)
{
	struct page *page;
	int err;

	/* An ELF segment's bss part (vm_file_end) reads zeros: not the file's
	 * page. */
	if (vma->vm_ops && vma->vm_ops->fault && !vma->vm_file_end)
		return do_vm_ops_fault(mm, vma, addr, pte, acc);
	if (vma->vm_file && do_read_fault(mm, vma, addr, pte, acc) == 0)
		return 0;
	if (vma->vm_special_page) {
		/* Shared read-only; a write after mprotect copies it. */
		get_page(vma->vm_special_page);
		*pte = (pte_t)vma->vm_special_page | vma_pte_prot(vma, false);
		add_mm_rss(mm, 1);
		return 0;
	}
	page = alloc_page(mm->kernel);

	if (!page)
		return -ENOMEM;
	if (vma->vm_file) {
		err = fill_from_file(vma, addr, page);
		if (err) {
			put_page(mm->kernel, page);
			return err;
		}
	}
	*pte = (pte_t)page | vma_pte_prot(vma, true);
	add_mm_rss(mm, 1);
	return 0;
}

/* Write to a present, write-protected page of a writable VMA: copy-on-write
 * (Linux: do_wp_page). The last user just gets write permission back. */
static int
do_wp_page(struct mm_struct *mm, struct vm_area_struct *vma, uint64_t addr,
	   pte_t *pte)
{
	struct page *old = pte_page(*pte), *new;

	if (old->_refcount == 1 || (vma->vm_flags & VM_SHARED)) {
		*pte |= PTE_W;
		return 0;
	}
	new = alloc_page(mm->kernel);
	if (!new)
		return -ENOMEM;
	memcpy(new->data, old->data, PAGE_SIZE);
	*pte = (pte_t)new | vma_pte_prot(vma, true);
	put_page(mm->kernel, old);
	mm->kernel->stats.cow_faults++;
	mm->kernel->stats.pages_copied++;
	flush_tlb_page(mm->kernel, mm, addr);
	return 0;
}

/* Resolve a fault at addr. Returns 0, -EFAULT (no mapping: SEGV_MAPERR),
 * -EACCES (mapping forbids it: SEGV_ACCERR), -EIO (SIGBUS) or -ENOMEM. */
int
handle_mm_fault(struct mm_struct *mm, uint64_t addr, enum fault_access acc)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	pte_t *pte;

	if (!vma || addr >= TASK_SIZE)
		return -EFAULT;
	if (vma->vm_start > addr && !(vma = expand_stack(mm, vma, addr)))
		return -EFAULT;
	if (!access_permitted(vma, acc))
		return -EACCES;
	mm->kernel->stats.page_faults++;
	pte = pte_alloc(mm, addr);
	if (!pte)
		return -ENOMEM;
	count_fault(mm, vma, addr, *pte);
	if (!*pte)
		return do_page_in(mm, vma, addr, pte, acc);
	if (acc == FAULT_WRITE && !(*pte & PTE_W))
		return do_wp_page(mm, vma, addr, pte);
	return 0;
}

static bool
pte_allows(pte_t pte, enum fault_access acc)
{
	switch (acc) {
	case FAULT_WRITE:
		return pte & PTE_W;
	case FAULT_EXEC:
		return pte & PTE_X;
	default:
		return pte & PTE_R;
	}
}

/* The page at addr, faulted in for the access (Linux: the role of
 * get_user_pages for one page). NULL with *err set on failure. */
struct page *
follow_page(struct mm_struct *mm, uint64_t addr, enum fault_access acc, int *err)
{
	pte_t *pte = pte_lookup(mm, addr);

	if (!pte || !*pte || !pte_allows(*pte, acc)) {
		*err = handle_mm_fault(mm, addr, acc);
		if (*err)
			return NULL;
		pte = pte_lookup(mm, addr);
	}
	*err = 0;
	return pte_page(*pte);
}
