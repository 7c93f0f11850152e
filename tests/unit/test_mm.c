/* Page frames, VMAs, mmap placement, faults and copy-on-write. */
#include <criterion/criterion.h>

#include <uapi/mman.h>

#include "fixture.h"

#define RW	(LINUX_PROT_READ | LINUX_PROT_WRITE)
#define ANON	(LINUX_MAP_PRIVATE | LINUX_MAP_ANONYMOUS)

Test(page_alloc, pages_are_zeroed_refcounted_and_bounded)
{
	struct kernel *k = fixture_boot(3 * PAGE_SIZE);
	struct page *a = alloc_page(k), *b = alloc_page(k), *c = alloc_page(k);

	cr_assert(a && b && c);
	for (size_t i = 0; i < PAGE_SIZE; i++)
		cr_assert_eq(a->data[i], 0);
	cr_expect_eq(a->_refcount, 1);
	cr_expect_null(alloc_page(k), "the --mem bound must refuse a 4th page");
	get_page(a);
	put_page(k, a);
	cr_expect_eq(k->nr_pages, 3, "a page with references left stays");
	put_page(k, a);
	cr_expect_eq(k->nr_pages, 2);
	a = alloc_page(k);
	cr_expect_not_null(a, "a freed frame can be allocated again");
	put_page(k, a);
	put_page(k, b);
	put_page(k, c);
	fixture_shutdown(k);
}

Test(vma, mmap_goes_top_down_below_mmap_base)
{
	struct kernel *k = fixture_boot(0);
	struct task_struct *t = fixture_task(k);
	long a = do_mmap(t->mm, 0, 3 * PAGE_SIZE, RW, ANON, NULL, 0);
	long b = do_mmap(t->mm, 0, PAGE_SIZE, RW, ANON, NULL, 0);

	cr_expect_eq((uint64_t)a, t->mm->mmap_base - 3 * PAGE_SIZE);
	cr_expect_eq((uint64_t)b, (uint64_t)a - PAGE_SIZE);
	cr_expect_eq(t->mm->map_count, 1, "adjacent compatible mappings merge");
	fixture_shutdown(k);
}

Test(vma, munmap_in_the_middle_splits_and_leaves_a_hole)
{
	struct kernel *k = fixture_boot(0);
	struct task_struct *t = fixture_task(k);
	uint64_t a = (uint64_t)do_mmap(t->mm, 0x100000, 4 * PAGE_SIZE, RW,
				       ANON | LINUX_MAP_FIXED, NULL, 0);

	cr_assert_eq(a, 0x100000);
	cr_assert_eq(do_vmi_munmap(t->mm, a + PAGE_SIZE, PAGE_SIZE), 0);
	cr_expect_eq(t->mm->map_count, 2);
	cr_expect_eq(find_vma(t->mm, a)->vm_end, a + PAGE_SIZE);
	cr_expect_eq(find_vma(t->mm, a + PAGE_SIZE)->vm_start, a + 2 * PAGE_SIZE);
	cr_expect_eq(handle_mm_fault(t->mm, a + PAGE_SIZE, FAULT_READ), -EFAULT);
	cr_expect_eq(do_mmap(t->mm, a, PAGE_SIZE, RW,
			     ANON | LINUX_MAP_FIXED_NOREPLACE, NULL, 0), -EEXIST);
	cr_expect_eq(do_mmap(t->mm, a + PAGE_SIZE, PAGE_SIZE, RW,
			     ANON | LINUX_MAP_FIXED_NOREPLACE, NULL, 0),
		     (long)(a + PAGE_SIZE));
	cr_expect_eq(t->mm->map_count, 1, "refilling the hole merges again");
	fixture_shutdown(k);
}

Test(vma, bad_arguments_get_linux_errnos)
{
	struct kernel *k = fixture_boot(0);
	struct task_struct *t = fixture_task(k);

	cr_expect_eq(do_mmap(t->mm, 0, 0, RW, ANON, NULL, 0), -EINVAL);
	cr_expect_eq(do_mmap(t->mm, 0x1001, PAGE_SIZE, RW, ANON | LINUX_MAP_FIXED, NULL, 0), -EINVAL);
	cr_expect_eq(do_mmap(t->mm, 0, PAGE_SIZE, RW, LINUX_MAP_ANONYMOUS, NULL, 0), -EINVAL);
	cr_expect_eq(do_mmap(t->mm, 0, 1ULL << 40, RW, ANON, NULL, 0), -ENOMEM);
	fixture_shutdown(k);
}

Test(fault, write_to_read_only_mapping_is_accerr_and_unmapped_is_maperr)
{
	struct kernel *k = fixture_boot(0);
	struct task_struct *t = fixture_task(k);
	long a = do_mmap(t->mm, 0, PAGE_SIZE, LINUX_PROT_READ, ANON, NULL, 0);

	cr_expect_eq(handle_mm_fault(t->mm, a, FAULT_READ), 0);
	cr_expect_eq(handle_mm_fault(t->mm, a, FAULT_WRITE), -EACCES);
	cr_expect_eq(handle_mm_fault(t->mm, a, FAULT_EXEC), -EACCES);
	cr_expect_eq(handle_mm_fault(t->mm, 0x1000, FAULT_READ), -EFAULT);
	cr_expect_eq(handle_mm_fault(t->mm, TASK_SIZE + 5, FAULT_READ), -EFAULT);
	fixture_shutdown(k);
}

Test(fault, copy_on_write_copies_shared_pages_and_reuses_the_last)
{
	struct kernel *k = fixture_boot(0);
	struct task_struct *t = fixture_task(k);
	long a = do_mmap(t->mm, 0, PAGE_SIZE, RW, ANON, NULL, 0);
	struct page *orig;
	pte_t *pte;
	int err;

	orig = follow_page(t->mm, a, FAULT_WRITE, &err);
	cr_assert_not_null(orig);
	orig->data[0] = 42;
	/* Share it as fork will: a second reference, write permission gone. */
	get_page(orig);
	pte = pte_lookup(t->mm, a);
	*pte &= ~PTE_W;
	cr_assert_eq(handle_mm_fault(t->mm, a, FAULT_WRITE), 0);
	cr_expect_neq(pte_page(*pte), orig, "a shared page is copied");
	cr_expect_eq(pte_page(*pte)->data[0], 42, "the copy has the contents");
	cr_expect_eq(k->stats.cow_faults, 1);
	cr_expect_eq(orig->_refcount, 1);
	put_page(k, orig);	/* the "other process" lets go */

	/* A write-protected page with no other user is reused in place. */
	orig = pte_page(*pte);
	*pte &= ~PTE_W;
	cr_assert_eq(handle_mm_fault(t->mm, a, FAULT_WRITE), 0);
	cr_expect_eq(pte_page(*pte), orig, "the last reference is reused in place");
	cr_expect(*pte & PTE_W);
	cr_expect_eq(k->stats.cow_faults, 1);
	fixture_shutdown(k);
}

Test(fault, stack_grows_down_but_keeps_the_guard_gap)
{
	struct kernel *k = fixture_boot(0);
	struct task_struct *t = fixture_task(k);
	uint64_t top = 0x2000000000ULL;
	long s = do_mmap(t->mm, top - PAGE_SIZE, PAGE_SIZE, RW,
			 ANON | LINUX_MAP_FIXED | LINUX_MAP_GROWSDOWN, NULL, 0);

	cr_assert_eq((uint64_t)s, top - PAGE_SIZE);
	cr_expect_eq(handle_mm_fault(t->mm, top - 10 * PAGE_SIZE, FAULT_WRITE), 0);
	cr_expect_eq(find_vma(t->mm, top - 10 * PAGE_SIZE)->vm_start, top - 10 * PAGE_SIZE);
	cr_expect_eq(handle_mm_fault(t->mm, top - (9UL << 20), FAULT_WRITE), -EFAULT,
		     "beyond RLIMIT_STACK the stack does not grow");
	fixture_shutdown(k);
}
