/* Page tables in the Sv39 shape: pgd[512] -> pmd[512] -> pte[512], indexed by
 * virtual address bits 38..30, 29..21 and 20..12. */
#include <stdlib.h>

#include "arch/riscv64/cpu.h"
#include "kernel/kernel.h"
#include "mm/mm.h"

#define PGD_INDEX(a)	(((a) >> 30) & 511)
#define PMD_INDEX(a)	(((a) >> 21) & 511)
#define PTE_INDEX(a)	(((a) >> 12) & 511)

/* Return the pte slot for addr, or NULL if its tables do not exist. */
pte_t *
pte_lookup(struct mm_struct *mm, uint64_t addr)
{
	pte_t **pmd, *pte;

	if (addr >= TASK_SIZE)
		return NULL;
	pmd = mm->pgd[PGD_INDEX(addr)];
	if (!pmd)
		return NULL;
	pte = pmd[PMD_INDEX(addr)];
	if (!pte)
		return NULL;
	return &pte[PTE_INDEX(addr)];
}

/* Return the pte slot for addr, allocating missing tables. */
pte_t *
pte_alloc(struct mm_struct *mm, uint64_t addr)
{
	pte_t ***pgd = mm->pgd;
	pte_t **pmd, *pte;

	if (addr >= TASK_SIZE)
		return NULL;
	pmd = pgd[PGD_INDEX(addr)];
	if (!pmd) {
		pmd = alloc_frame(mm->kernel);	/* 512 entries: one frame */
		if (!pmd)
			return NULL;
		mm->nr_ptes++;
		pgd[PGD_INDEX(addr)] = pmd;
	}
	pte = pmd[PMD_INDEX(addr)];
	if (!pte) {
		pte = alloc_frame(mm->kernel);
		if (!pte)
			return NULL;
		mm->nr_ptes++;
		pmd[PMD_INDEX(addr)] = pte;
	}
	return &pte[PTE_INDEX(addr)];
}

/* Visit every present pte in [start, end), skipping absent tables whole, so
 * the cost follows the page tables mapped, not the size of the range. */
static void
walk_range(struct mm_struct *mm, uint64_t start, uint64_t end,
	   void (*fn)(struct mm_struct *, pte_t *, void *), void *arg)
{
	uint64_t a = start;

	while (a < end && a < TASK_SIZE) {
		pte_t **pmd = mm->pgd[PGD_INDEX(a)];
		pte_t *pte;

		if (!pmd) {
			a = (a | ((1ULL << 30) - 1)) + 1;
			continue;
		}
		pte = pmd[PMD_INDEX(a)];
		if (!pte) {
			a = (a | ((1ULL << 21) - 1)) + 1;
			continue;
		}
		if (pte[PTE_INDEX(a)])
			fn(mm, &pte[PTE_INDEX(a)], arg);
		a += PAGE_SIZE;
	}
}

static void
zap_pte(struct mm_struct *mm, pte_t *pte, void *arg)
{
	(void)arg;
	put_page(mm->kernel, pte_page(*pte));
	*pte = 0;
	mm->rss--;
}

/* Drop the pages mapped in [start, end) (Linux: unmap_page_range). */
void
unmap_page_range(struct mm_struct *mm, uint64_t start, uint64_t end)
{
	walk_range(mm, start, end, zap_pte, NULL);
}

static void
change_pte(struct mm_struct *mm, pte_t *pte, void *arg)
{
	unsigned long vm_flags = *(unsigned long *)arg;
	pte_t v = *pte & ~PTE_FLAGS;

	(void)mm;
	if (vm_flags & VM_READ)
		v |= PTE_R;
	if (vm_flags & VM_EXEC)
		v |= PTE_X;
	/* Write permission is granted again only by a write fault, which
	 * decides between reuse and copy (do_wp_page). */
	if ((vm_flags & VM_WRITE) && (*pte & PTE_W))
		v |= PTE_W;
	*pte = v;
}

/* Apply new VMA permissions to present ptes (Linux: change_protection). */
void
change_protection(struct mm_struct *mm, uint64_t start, uint64_t end,
		  unsigned long vm_flags)
{
	walk_range(mm, start, end, change_pte, &vm_flags);
}

/* Free every page and table (Linux: exit_mmap's unmap_vmas + free_pgtables). */
void
free_pgtables(struct mm_struct *mm)
{
	pte_t ***pgd = mm->pgd;

	unmap_page_range(mm, 0, TASK_SIZE);
	for (unsigned i = 0; i < PTRS_PER_PGD; i++) {
		if (!pgd[i])
			continue;
		for (int j = 0; j < PTRS_PER_TABLE; j++)
			if (pgd[i][j])
				free_frame(mm->kernel, pgd[i][j]);
		free_frame(mm->kernel, pgd[i]);
	}
	free(pgd);
	mm->pgd = NULL;
}
