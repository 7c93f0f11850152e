/* Virtual memory areas. Linux keeps them in a maple tree; we keep a sorted,
 * disjoint array and binary-search it: find_vma is O(log n), insertion and
 * removal move the tail, which is cheap for the tens of VMAs a process has. */
#include <stdlib.h>
#include <string.h>

#include "fs/fs.h"
#include "kernel/kernel.h"
#include "mm/mm.h"

/* Index of the first VMA with vm_end > addr (== map_count if none). */
static int
vma_index(struct mm_struct *mm, uint64_t addr)
{
	int lo = 0, hi = mm->map_count;

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (mm->vmas[mid].vm_end <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The first VMA with vm_end > addr, or NULL (Linux: find_vma). The VMA may
 * start above addr; callers check vm_start themselves. */
struct vm_area_struct *
find_vma(struct mm_struct *mm, uint64_t addr)
{
	int i = vma_index(mm, addr);

	return i < mm->map_count ? &mm->vmas[i] : NULL;
}

struct vm_area_struct *
find_vma_intersection(struct mm_struct *mm, uint64_t start, uint64_t end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	return vma && vma->vm_start < end ? vma : NULL;
}

static int
vmas_reserve(struct mm_struct *mm, int more)
{
	struct vm_area_struct *v;
	int cap;

	if (mm->map_count + more <= mm->vmas_cap)
		return 0;
	cap = mm->vmas_cap ? mm->vmas_cap * 2 : 16;
	while (cap < mm->map_count + more)
		cap *= 2;
	v = realloc(mm->vmas, cap * sizeof(*v));
	if (!v)
		return -ENOMEM;
	mm->vmas = v;
	mm->vmas_cap = cap;
	return 0;
}

/* Insert a VMA that overlaps nothing; takes a reference on vm_file. */
int
insert_vm_struct(struct mm_struct *mm, const struct vm_area_struct *vma)
{
	int i, err;

	BUG_ON(find_vma_intersection(mm, vma->vm_start, vma->vm_end));
	err = vmas_reserve(mm, 1);
	if (err)
		return err;
	i = vma_index(mm, vma->vm_start);
	memmove(&mm->vmas[i + 1], &mm->vmas[i],
		(mm->map_count - i) * sizeof(*vma));
	mm->vmas[i] = *vma;
	if (vma->vm_file)
		get_file(vma->vm_file);
	mm->map_count++;
	add_total_vm(mm, (long)((vma->vm_end - vma->vm_start) >> PAGE_SHIFT));
	return 0;
}

/* Split the VMA containing addr so that one ends and the next starts at addr
 * (Linux: split_vma). No-op when addr is already a boundary or unmapped. */
int
split_vma(struct mm_struct *mm, uint64_t addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	int i, err;

	if (!vma || vma->vm_start >= addr)
		return 0;
	i = vma - mm->vmas;
	err = vmas_reserve(mm, 1);
	if (err)
		return err;
	vma = &mm->vmas[i];
	memmove(vma + 1, vma, (mm->map_count - i) * sizeof(*vma));
	vma[0].vm_end = addr;
	vma[1].vm_start = addr;
	if (vma[1].vm_file) {
		vma[1].vm_pgoff += (addr - vma[0].vm_start) >> PAGE_SHIFT;
		get_file(vma[1].vm_file);
	}
	mm->map_count++;
	return 0;
}

static void
remove_vma_at(struct mm_struct *mm, int i)
{
	struct vm_area_struct *vma = &mm->vmas[i];

	mm->total_vm -= (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	if (vma->vm_file)
		fput(vma->vm_file);
	memmove(vma, vma + 1, (mm->map_count - i - 1) * sizeof(*vma));
	mm->map_count--;
}

/* Unmap [start, start+len): split the VMAs at both ends, drop the pages and
 * the VMAs in between (Linux: do_vmi_munmap). */
int
do_vmi_munmap(struct mm_struct *mm, uint64_t start, uint64_t len)
{
	uint64_t end = start + len;
	int err, i;

	err = vmas_reserve(mm, 2);	/* both splits must not fail midway */
	if (err)
		return err;
	split_vma(mm, start);
	split_vma(mm, end);
	unmap_page_range(mm, start, end);
	i = vma_index(mm, start);
	while (i < mm->map_count && mm->vmas[i].vm_start < end)
		remove_vma_at(mm, i);
	flush_tlb_mm(mm->kernel, mm);
	return 0;
}

static bool
can_merge(const struct vm_area_struct *a, const struct vm_area_struct *b)
{
	if (a->vm_end != b->vm_start || a->vm_flags != b->vm_flags ||
	    a->vm_file != b->vm_file || a->vm_file_end != b->vm_file_end ||
	    a->vm_special_page || b->vm_special_page)
		return false;
	return !a->vm_file ||
	       a->vm_pgoff + ((a->vm_end - a->vm_start) >> PAGE_SHIFT) == b->vm_pgoff;
}

/* Merge neighbours that became compatible (Linux: vma_merge), so that
 * /proc/PID/maps shows one line where Linux shows one. */
void
vma_merge_adjacent(struct mm_struct *mm)
{
	for (int i = 0; i + 1 < mm->map_count;) {
		struct vm_area_struct *a = &mm->vmas[i], *b = a + 1;

		if (!can_merge(a, b)) {
			i++;
			continue;
		}
		a->vm_end = b->vm_end;
		mm->total_vm += (b->vm_end - b->vm_start) >> PAGE_SHIFT;
		remove_vma_at(mm, i + 1);
	}
}

/* --- accounting for /proc (Linux: the vm_stat_account counters) ------------ */

static uint64_t
vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

/* Pages of [start, end) already mapped (Linux: count_vma_pages_range). */
uint64_t
count_vma_pages_range(struct mm_struct *mm, uint64_t start, uint64_t end)
{
	uint64_t n = 0;

	for (int i = vma_index(mm, start); i < mm->map_count && mm->vmas[i].vm_start < end; i++) {
		uint64_t s = mm->vmas[i].vm_start > start ? mm->vmas[i].vm_start : start;
		uint64_t e = mm->vmas[i].vm_end < end ? mm->vmas[i].vm_end : end;

		n += (e - s) >> PAGE_SHIFT;
	}
	return n;
}

/* Private writable memory that is not stack (Linux: is_data_mapping). */
uint64_t
vm_data_pages(struct mm_struct *mm)
{
	uint64_t n = 0;

	for (int i = 0; i < mm->map_count; i++)
		if ((mm->vmas[i].vm_flags & (VM_WRITE | VM_SHARED | VM_GROWSDOWN)) == VM_WRITE)
			n += vma_pages(&mm->vmas[i]);
	return n;
}

/* Executable, not writable (Linux: is_exec_mapping). */
uint64_t
vm_exec_pages(struct mm_struct *mm)
{
	uint64_t n = 0;

	for (int i = 0; i < mm->map_count; i++)
		if ((mm->vmas[i].vm_flags & (VM_EXEC | VM_WRITE | VM_GROWSDOWN)) == VM_EXEC)
			n += vma_pages(&mm->vmas[i]);
	return n;
}

uint64_t
vm_stack_pages(struct mm_struct *mm)
{
	uint64_t n = 0;

	for (int i = 0; i < mm->map_count; i++)
		if (mm->vmas[i].vm_flags & VM_GROWSDOWN)
			n += vma_pages(&mm->vmas[i]);
	return n;
}

/* Pages of a range that are present (Linux counts MM_FILEPAGES as they
 * are mapped; a walk gives the same number). */
uint64_t
vma_present_pages(struct mm_struct *mm, uint64_t start, uint64_t end)
{
	uint64_t n = 0;

	for (uint64_t a = start; a < end; a += PAGE_SIZE) {
		pte_t *pte = pte_lookup(mm, a);

		if (!pte) {	/* no table: skip to the next 2 MiB */
			a = (a | ((PAGE_SIZE << 9) - 1)) + 1 - PAGE_SIZE;
			continue;
		}
		n += *pte != 0;
	}
	return n;
}

uint64_t
vm_file_rss_pages(struct mm_struct *mm)
{
	uint64_t n = 0;

	for (int i = 0; i < mm->map_count; i++)
		if (mm->vmas[i].vm_file)
			n += vma_present_pages(mm, mm->vmas[i].vm_start, mm->vmas[i].vm_end);
	return n;
}
