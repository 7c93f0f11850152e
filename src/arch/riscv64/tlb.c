/* The per-hart software TLB: guest page -> host frame, for loads, stores and
 * instruction fetch. Misses, faults and misaligned or page-crossing accesses
 * come here; hits never leave the dispatch loop. */
#include <string.h>

#include "arch/riscv64/cpu.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "mm/mm.h"

#define TLB_MASK	(TLB_SIZE - 1)

void
tlb_flush(struct cpu *cpu)
{
	for (unsigned i = 0; i < TLB_SIZE; i++) {
		cpu->tlb_read[i].tag = TLB_INVALID;
		cpu->tlb_write[i].tag = TLB_INVALID;
		cpu->itlb[i].tag = TLB_INVALID;
	}
}

/* The page tables of mm changed: drop every hart's cached translations of it
 * (Linux: flush_tlb_mm). */
void
flush_tlb_mm(struct kernel *k, struct mm_struct *mm)
{
	for (int i = 0; i < k->nr_cpus; i++)
		if (k->cpus[i].tlb_mm == mm)
			tlb_flush(&k->cpus[i]);
}

/* One page of mm changed its frame or permissions: drop just that page's
 * entries (Linux: flush_tlb_page), so a copy-on-write fault does not empty
 * the whole TLB. */
void
flush_tlb_page(struct kernel *k, struct mm_struct *mm, uint64_t addr)
{
	uint64_t va = addr & PAGE_MASK;
	unsigned idx = (addr >> PAGE_SHIFT) & TLB_MASK;

	for (int i = 0; i < k->nr_cpus; i++) {
		struct cpu *cpu = &k->cpus[i];

		if (cpu->tlb_mm != mm)
			continue;
		if (cpu->tlb_read[idx].tag == va)
			cpu->tlb_read[idx].tag = TLB_INVALID;
		if (cpu->tlb_write[idx].tag == va)
			cpu->tlb_write[idx].tag = TLB_INVALID;
		if (cpu->itlb[idx].tag == va)
			cpu->itlb[idx].tag = TLB_INVALID;
	}
}

/* The frame's instructions were just decoded: no store may reach it through
 * the fast path any more, so drop its write-TLB entries on every hart. */
void
flush_write_tlb_page(struct kernel *k, struct page *page)
{
	if (!(page->flags & PG_WRITE_TLB))
		return;
	for (int c = 0; c < k->nr_cpus; c++) {
		struct tlb_entry *w = k->cpus[c].tlb_write;

		for (unsigned i = 0; i < TLB_SIZE; i++)
			if (w[i].tag != TLB_INVALID &&
			    w[i].tag + w[i].addend == (uintptr_t)page->data)
				w[i].tag = TLB_INVALID;
	}
	page->flags &= ~PG_WRITE_TLB;
}

static void
set_fault(struct cpu *cpu, uint64_t addr, int err)
{
	cpu->fault_addr = addr;
	cpu->fault_cause = err == -EIO ? TRAP_BUS : TRAP_PAGE_FAULT;
	cpu->fault_code = err == -EIO ? BUS_ADRERR : err == -EACCES ? SEGV_ACCERR : SEGV_MAPERR;
}

void *
tlb_fill(struct cpu *cpu, uint64_t addr, bool write)
{
	struct mm_struct *mm = cpu->current->mm;
	uint64_t va = addr & PAGE_MASK;
	unsigned idx = (addr >> PAGE_SHIFT) & TLB_MASK;
	struct page *page;
	pte_t *pte;
	int err;

	/* Fast refill: the page is present with the permission we need. */
	pte = pte_lookup(mm, addr);
	if (!pte || !(*pte & (write ? PTE_W : PTE_R))) {
		page = follow_page(mm, addr, write ? FAULT_WRITE : FAULT_READ, &err);
		if (!page) {
			set_fault(cpu, addr, err);
			return NULL;
		}
		pte = pte_lookup(mm, addr);
	}
	page = pte_page(*pte);
	if (*pte & PTE_R)
		cpu->tlb_read[idx] = (struct tlb_entry){ va, (uintptr_t)page->data - va };
	if (write) {
		/* Stores to decoded code drop the decoded copy first. */
		decoded_page_invalidate(cpu->kernel, page);
		cpu->tlb_write[idx] = (struct tlb_entry){ va, (uintptr_t)page->data - va };
		page->flags |= PG_WRITE_TLB;
	}
	return page->data + (addr & ~PAGE_MASK);
}

struct decoded_page *
itlb_fill(struct cpu *cpu, uint64_t pc)
{
	struct mm_struct *mm = cpu->current->mm;
	struct decoded_page *dp;
	struct page *page;
	int err;

	page = follow_page(mm, pc, FAULT_EXEC, &err);
	if (!page) {
		set_fault(cpu, pc, err);
		return NULL;
	}
	dp = decoded_page_get(page);
	if (!dp) {
		set_fault(cpu, pc, -EIO);
		return NULL;
	}
	cpu->itlb[(pc >> PAGE_SHIFT) & TLB_MASK] = (struct itlb_entry){ pc & PAGE_MASK, dp };
	return dp;
}

/* A load that missed the TLB, is misaligned or crosses a page (Linux user
 * space allows misaligned accesses; the kernel emulates them). */
bool
load_slow(struct cpu *cpu, uint64_t addr, unsigned size, uint64_t *val)
{
	uint8_t bytes[8];

	for (unsigned i = 0; i < size;) {
		uint64_t a = addr + i;
		unsigned n = PAGE_SIZE - (a & ~PAGE_MASK);
		uint8_t *p = tlb_fill(cpu, a, false);

		if (!p)
			return false;
		if (n > size - i)
			n = size - i;
		memcpy(bytes + i, p, n);
		i += n;
	}
	*val = 0;
	memcpy(val, bytes, size);	/* little-endian host */
	return true;
}

bool
store_slow(struct cpu *cpu, uint64_t addr, unsigned size, uint64_t val)
{
	uint8_t bytes[8];
	uint8_t *p[2];
	unsigned first = PAGE_SIZE - (addr & ~PAGE_MASK);

	memcpy(bytes, &val, size);
	/* Fault both pages in before writing either: a store is all or nothing. */
	p[0] = tlb_fill(cpu, addr, true);
	if (!p[0])
		return false;
	if (first >= size) {
		memcpy(p[0], bytes, size);
		return true;
	}
	p[1] = tlb_fill(cpu, addr + first, true);
	if (!p[1])
		return false;
	memcpy(p[0], bytes, first);
	memcpy(p[1], bytes + first, size - first);
	return true;
}
