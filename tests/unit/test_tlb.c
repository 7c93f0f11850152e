/* The software TLB and the decode cache: fills, slow paths across pages,
 * and invalidation of decoded code by stores. */
#include <criterion/criterion.h>
#include <string.h>

#include <uapi/mman.h>

#include "arch/riscv64/ops.h"
#include "fixture.h"

#define RWX	(LINUX_PROT_READ | LINUX_PROT_WRITE | LINUX_PROT_EXEC)
#define ANON	(LINUX_MAP_PRIVATE | LINUX_MAP_ANONYMOUS)

Test(tlb, fill_gives_host_pointers_and_hits_afterwards)
{
	struct kernel *k = fixture_boot(0);
	struct task_struct *t = fixture_task(k);
	struct cpu *cpu = &k->cpus[0];
	long a = do_mmap(t->mm, 0, PAGE_SIZE, LINUX_PROT_READ | LINUX_PROT_WRITE, ANON, NULL, 0);
	unsigned idx = ((uint64_t)a >> PAGE_SHIFT) & (TLB_SIZE - 1);
	uint8_t *p = tlb_fill(cpu, a + 8, true);

	cr_assert_not_null(p);
	cr_expect_eq(cpu->tlb_read[idx].tag, (uint64_t)a);
	cr_expect_eq(cpu->tlb_write[idx].tag, (uint64_t)a);
	cr_expect_eq((uintptr_t)p, a + 8 + cpu->tlb_write[idx].addend);
	tlb_flush(cpu);
	cr_expect_eq(cpu->tlb_read[idx].tag, TLB_INVALID);
	fixture_shutdown(k);
}

Test(tlb, read_only_pages_get_no_write_entry)
{
	struct kernel *k = fixture_boot(0);
	struct task_struct *t = fixture_task(k);
	struct cpu *cpu = &k->cpus[0];
	long a = do_mmap(t->mm, 0, PAGE_SIZE, LINUX_PROT_READ, ANON, NULL, 0);

	cr_expect_not_null(tlb_fill(cpu, a, false));
	cr_expect_null(tlb_fill(cpu, a, true));
	cr_expect_eq(cpu->fault_cause, TRAP_PAGE_FAULT);
	cr_expect_eq(cpu->fault_code, SEGV_ACCERR);
	cr_expect_eq(cpu->fault_addr, (uint64_t)a);
	cr_expect_null(tlb_fill(cpu, 0x4000, false));
	cr_expect_eq(cpu->fault_code, SEGV_MAPERR);
	fixture_shutdown(k);
}

Test(tlb, slow_paths_split_accesses_across_pages)
{
	struct kernel *k = fixture_boot(0);
	struct task_struct *t = fixture_task(k);
	struct cpu *cpu = &k->cpus[0];
	long a = do_mmap(t->mm, 0, 2 * PAGE_SIZE, LINUX_PROT_READ | LINUX_PROT_WRITE, ANON, NULL, 0);
	uint64_t v = 0;

	cr_assert(store_slow(cpu, a + PAGE_SIZE - 3, 8, 0x0807060504030201ULL));
	cr_assert(load_slow(cpu, a + PAGE_SIZE - 3, 8, &v));
	cr_expect_eq(v, 0x0807060504030201ULL);
	cr_assert(load_slow(cpu, a + PAGE_SIZE - 1, 2, &v));
	cr_expect_eq(v, 0x0403);
	/* A store whose second page is unmapped writes nothing at all. */
	cr_expect_not(store_slow(cpu, a + 2 * PAGE_SIZE - 2, 4, 0xffffffff));
	cr_assert(load_slow(cpu, a + 2 * PAGE_SIZE - 2, 2, &v));
	cr_expect_eq(v, 0);
	fixture_shutdown(k);
}

Test(decode_cache, a_store_to_decoded_code_invalidates_it)
{
	struct kernel *k = fixture_boot(0);
	struct task_struct *t = fixture_task(k);
	struct cpu *cpu = &k->cpus[0];
	long a = do_mmap(t->mm, 0, PAGE_SIZE, RWX, ANON, NULL, 0);
	struct decoded_page *dp;

	cr_assert(store_slow(cpu, a, 4, 0x00000013));	/* nop, via a write entry */
	dp = itlb_fill(cpu, a);
	cr_assert_not_null(dp);
	decode_insn(0x00000013, &dp->insn[0]);
	dp->live = true;
	flush_write_tlb_page(k, dp->page);
	cr_expect_eq(cpu->tlb_write[((uint64_t)a >> PAGE_SHIFT) & (TLB_SIZE - 1)].tag,
		     TLB_INVALID, "decoded code loses its write-TLB entry");
	cr_assert(store_slow(cpu, a, 4, 0x00100073));
	cr_expect_not(dp->live);
	cr_expect_eq(insn_op(&dp->insn[0]), RV_decode, "the slot must be decoded again");
	cr_expect_eq(insn_op(&dp->insn[INSN_SLOTS]), RV_page_end, "the sentinel stays");
	fixture_shutdown(k);
}
