/* copy_from_user / copy_to_user / strncpy_from_user: faults become -EFAULT,
 * never a host crash; accesses across pages and fault-in work. */
#include <criterion/criterion.h>
#include <string.h>

#include <uapi/mman.h>

#include "fixture.h"

#define RW	(LINUX_PROT_READ | LINUX_PROT_WRITE)
#define ANON	(LINUX_MAP_PRIVATE | LINUX_MAP_ANONYMOUS)

Test(uaccess, round_trip_across_a_page_boundary_faults_pages_in)
{
	struct kernel *k = fixture_boot(0);
	struct task_struct *t = fixture_task(k);
	long a = do_mmap(t->mm, 0, 2 * PAGE_SIZE, RW, ANON, NULL, 0);
	char in[100], out[100];

	for (int i = 0; i < 100; i++)
		in[i] = (char)i;
	cr_assert_eq(copy_to_user(t->mm, a + PAGE_SIZE - 50, in, 100), 0);
	cr_expect_eq(t->mm->rss, 2);
	cr_assert_eq(copy_from_user(t->mm, out, a + PAGE_SIZE - 50, 100), 0);
	cr_expect_arr_eq(in, out, 100);
	fixture_shutdown(k);
}

Test(uaccess, bad_addresses_are_efault)
{
	struct kernel *k = fixture_boot(0);
	struct task_struct *t = fixture_task(k);
	long ro = do_mmap(t->mm, 0, PAGE_SIZE, LINUX_PROT_READ, ANON, NULL, 0);
	char buf[16] = "x";

	cr_expect_eq(copy_from_user(t->mm, buf, 0, 1), -EFAULT);
	cr_expect_eq(copy_from_user(t->mm, buf, ~0ULL - 4, 16), -EFAULT, "wrap-around");
	cr_expect_eq(copy_from_user(t->mm, buf, TASK_SIZE - 8, 16), -EFAULT);
	cr_expect_eq(copy_to_user(t->mm, ro, buf, 1), -EFAULT, "read-only page");
	cr_expect_eq(copy_from_user(t->mm, buf, ro, 16), 0);
	cr_expect_eq(copy_from_user(t->mm, buf, ro + PAGE_SIZE - 8, 16), -EFAULT,
		     "the second page is unmapped");
	fixture_shutdown(k);
}

Test(uaccess, strncpy_from_user_finds_the_nul_or_says_too_long)
{
	struct kernel *k = fixture_boot(0);
	struct task_struct *t = fixture_task(k);
	long a = do_mmap(t->mm, 0, 2 * PAGE_SIZE, RW, ANON, NULL, 0);
	uint64_t s = a + PAGE_SIZE - 3;
	char buf[32];

	cr_assert_eq(copy_to_user(t->mm, s, "hello", 6), 0);
	cr_expect_eq(strncpy_from_user(t->mm, buf, s, sizeof(buf)), 5);
	cr_expect_str_eq(buf, "hello");
	cr_expect_eq(strncpy_from_user(t->mm, buf, s, 5), -ENAMETOOLONG);
	cr_expect_eq(strncpy_from_user(t->mm, buf, 0x1000, 5), -EFAULT);
	/* A string running into unmapped memory without a NUL is EFAULT. */
	cr_assert_eq(clear_user(t->mm, a, 2 * PAGE_SIZE), 0);
	memset(buf, 'a', sizeof(buf));
	cr_assert_eq(copy_to_user(t->mm, a + 2 * PAGE_SIZE - 4, buf, 4), 0);
	cr_expect_eq(strncpy_from_user(t->mm, buf, a + 2 * PAGE_SIZE - 4, 32), -EFAULT);
	fixture_shutdown(k);
}
