/* /proc/meminfo (Linux: fs/proc/meminfo.c meminfo_proc_show, with
 * hugetlb_report_meminfo).
 *
 * Every line Linux 6.18 prints on riscv64 with Debian's configuration
 * (ZSWAP, TRANSPARENT_HUGEPAGE and HUGETLBFS on; no CMA, MEMORY_FAILURE,
 * HIGHMEM or SHADOW_CALL_STACK; riscv has no arch_report_meminfo), in its
 * order and format. The figures come from taskbox's own counters: the --mem bound,
 * the frames in use, the page cache of the root's files, the tmpfs
 * instances and the address spaces. A concept taskbox does not have (swap,
 * slab, writeback, huge pages, vmalloc) reads 0. */
#include <stdlib.h>

#include "fs/procfs/internal.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "mm/mm.h"

#define K(pages)	((pages) << (PAGE_SHIFT - 10))

/* riscv64 sv39: VMALLOC_SIZE is half of the kernel's half of the 39-bit
 * address space (arch/riscv/include/asm/pgtable.h). */
#define VMALLOC_TOTAL	(1ULL << 37)
#define HPAGE_PMD_SIZE	(2ULL << 20)	/* Hugepagesize: one sv39 PMD */

/* Pages of each kind, as Linux's node and zone counters count them. */
struct meminfo {
	uint64_t total, free;
	uint64_t file;			/* page cache of the root's files */
	uint64_t file_mapped;		/* ... mapped by some process */
	uint64_t shmem;			/* tmpfs pages */
	uint64_t anon;
	uint64_t pagetables;
	uint64_t committed;		/* Committed_AS */
};

/* The page cache (mm/filemap.c): pages read so far, and those that some
 * mapping holds besides the cache's own reference (NR_FILE_MAPPED). */
static void
count_page_cache(struct kernel *k, struct meminfo *mi)
{
	for (struct address_space *m = k->page_cache; m; m = m->next) {
		for (size_t i = 0; i < m->nr_pages; i++) {
			if (!m->pages[i])
				continue;
			mi->file++;
			if (m->pages[i]->_refcount > 1)
				mi->file_mapped++;
		}
	}
}

/* Pages held by every tmpfs instance (NR_SHMEM), from their statfs. */
static void
count_shmem(struct kernel *k, struct meminfo *mi)
{
	struct vfsmount_table *table = k->mounts;

	for (int i = 0; table && i < table->nr_mounts; i++) {
		struct super_block *sb = table->mounts[i]->mnt_sb;
		struct kstatfs st;

		if (sb->s_magic != TMPFS_MAGIC || !sb->s_op || !sb->s_op->statfs ||
		    sb->s_op->statfs(table->mounts[i]->mnt_root->d_inode, &st))
			continue;
		mi->shmem += (st.f_blocks - st.f_bfree) * (uint64_t)st.f_bsize / PAGE_SIZE;
	}
}

static int
cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(void *const *)a, y = (uintptr_t)*(void *const *)b;

	return x < y ? -1 : x > y;
}

/* Memory a mapping commits (Linux: accountable_mapping, VM_ACCOUNT): a
 * private writable mapping, or shared anonymous memory. */
static uint64_t
mm_committed(const struct mm_struct *mm)
{
	uint64_t pages = 0;

	for (int i = 0; i < mm->map_count; i++) {
		const struct vm_area_struct *v = &mm->vmas[i];
		bool priv_w = (v->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE;
		bool shared_anon = (v->vm_flags & VM_SHARED) && !v->vm_file;

		if (priv_w || shared_anon)
			pages += (v->vm_end - v->vm_start) >> PAGE_SHIFT;
	}
	return pages;
}

/* Page tables and committed memory of each address space once, however
 * many tasks share it (threads, a vfork child before its exec). */
static void
count_mms(struct kernel *k, struct meminfo *mi)
{
	struct mm_struct **mms = calloc((size_t)k->nr_tasks + 1, sizeof(*mms));
	struct task_struct *t;
	size_t n = 0;

	if (!mms)
		return;
	for_each_process(k, t)
		if (t->mm && n < (size_t)k->nr_tasks + 1)
			mms[n++] = t->mm;
	qsort(mms, n, sizeof(*mms), cmp_ptr);
	for (size_t i = 0; i < n; i++) {
		if (i && mms[i] == mms[i - 1])
			continue;
		mi->pagetables += mms[i]->nr_ptes;
		mi->committed += mm_committed(mms[i]);
	}
	free(mms);
}

/* Linux: si_meminfo and the global page counters. Guest pages are anon,
 * page cache or tmpfs; the rest of nr_pages is anonymous memory (private
 * copies included). */
static void
meminfo_fill(struct kernel *k, struct meminfo *mi)
{
	mi->total = k->max_pages;
	mi->free = k->max_pages > k->nr_pages ? k->max_pages - k->nr_pages : 0;
	count_page_cache(k, mi);
	count_shmem(k, mi);
	count_mms(k, mi);
	mi->anon = k->nr_pages > mi->file + mi->shmem ? k->nr_pages - mi->file - mi->shmem : 0;
}

/* Linux: show_val_kb: the label is padded to 16 columns, the value to 8. */
static void
show_val_kb(struct seq_file *m, const char *label, uint64_t pages)
{
	seq_printf(m, "%s%8llu kB\n", label, (unsigned long long)K(pages));
}

/* Linux: hugetlb_report_meminfo, with no huge pages reserved. */
static void
hugetlb_report_meminfo(struct seq_file *m)
{
	seq_printf(m, "HugePages_Total:   %5lu\n"
		      "HugePages_Free:    %5lu\n"
		      "HugePages_Rsvd:    %5lu\n"
		      "HugePages_Surp:    %5lu\n"
		      "Hugepagesize:   %8llu kB\n"
		      "Hugetlb:        %8lu kB\n",
		   0UL, 0UL, 0UL, 0UL, HPAGE_PMD_SIZE >> 10, 0UL);
}

/* The lines from MemTotal to Mlocked. Nothing is reclaimable: taskbox
 * never drops cached pages, so MemAvailable is MemFree. It keeps no LRU
 * lists: every page counts as active, tmpfs pages as anon as on Linux. */
static void
show_memory(struct seq_file *m, const struct meminfo *mi)
{
	show_val_kb(m, "MemTotal:       ", mi->total);
	show_val_kb(m, "MemFree:        ", mi->free);
	show_val_kb(m, "MemAvailable:   ", mi->free);
	show_val_kb(m, "Buffers:        ", 0);
	show_val_kb(m, "Cached:         ", mi->file + mi->shmem);
	show_val_kb(m, "SwapCached:     ", 0);
	show_val_kb(m, "Active:         ", mi->anon + mi->shmem + mi->file);
	show_val_kb(m, "Inactive:       ", 0);
	show_val_kb(m, "Active(anon):   ", mi->anon + mi->shmem);
	show_val_kb(m, "Inactive(anon): ", 0);
	show_val_kb(m, "Active(file):   ", mi->file);
	show_val_kb(m, "Inactive(file): ", 0);
	show_val_kb(m, "Unevictable:    ", 0);
	show_val_kb(m, "Mlocked:        ", 0);
}

/* SwapTotal to Percpu. CommitLimit is Linux's with overcommit_ratio 50
 * and no swap. taskbox has no kernel stacks (a sleeping task holds no host
 * stack), no slab and no vmalloc area. */
static void
show_kernel(struct seq_file *m, const struct meminfo *mi)
{
	show_val_kb(m, "SwapTotal:      ", 0);
	show_val_kb(m, "SwapFree:       ", 0);
	show_val_kb(m, "Zswap:          ", 0);
	show_val_kb(m, "Zswapped:       ", 0);
	show_val_kb(m, "Dirty:          ", 0);
	show_val_kb(m, "Writeback:      ", 0);
	show_val_kb(m, "AnonPages:      ", mi->anon);
	show_val_kb(m, "Mapped:         ", mi->file_mapped);
	show_val_kb(m, "Shmem:          ", mi->shmem);
	show_val_kb(m, "KReclaimable:   ", 0);
	show_val_kb(m, "Slab:           ", 0);
	show_val_kb(m, "SReclaimable:   ", 0);
	show_val_kb(m, "SUnreclaim:     ", 0);
	seq_printf(m, "KernelStack:    %8lu kB\n", 0UL);
	show_val_kb(m, "PageTables:     ", mi->pagetables);
	show_val_kb(m, "SecPageTables:  ", 0);
	show_val_kb(m, "NFS_Unstable:   ", 0);
	show_val_kb(m, "Bounce:         ", 0);
	show_val_kb(m, "WritebackTmp:   ", 0);
	show_val_kb(m, "CommitLimit:    ", mi->total / 2);
	show_val_kb(m, "Committed_AS:   ", mi->committed);
	seq_printf(m, "VmallocTotal:   %8llu kB\n", VMALLOC_TOTAL >> 10);
	show_val_kb(m, "VmallocUsed:    ", 0);
	show_val_kb(m, "VmallocChunk:   ", 0);
	show_val_kb(m, "Percpu:         ", 0);
}

/* Transparent huge pages (none), then the balloon (none). */
static void
show_huge(struct seq_file *m)
{
	show_val_kb(m, "AnonHugePages:  ", 0);
	show_val_kb(m, "ShmemHugePages: ", 0);
	show_val_kb(m, "ShmemPmdMapped: ", 0);
	show_val_kb(m, "FileHugePages:  ", 0);
	show_val_kb(m, "FilePmdMapped:  ", 0);
	show_val_kb(m, "Balloon:        ", 0);
	hugetlb_report_meminfo(m);
}

int
proc_meminfo_show(struct seq_file *m, struct proc_ctx *c)
{
	struct meminfo mi = { 0 };

	meminfo_fill(c->k, &mi);
	show_memory(m, &mi);
	show_kernel(m, &mi);
	show_huge(m);
	return 0;
}

/* /proc/vmstat (Linux: mm/vmstat.c vmstat_show): "name value" lines from
 * the same counters as meminfo, in pages, and the event counters taskbox
 * keeps (page faults); Linux's many other counters of concepts taskbox has
 * not (reclaim, compaction, NUMA) are left out rather than shown as 0. */
int
proc_vmstat_show(struct seq_file *m, struct proc_ctx *c)
{
	struct meminfo mi = { 0 };
	const struct { const char *name; uint64_t v; } lines[] = {
		{ "nr_free_pages", 0 }, { "nr_inactive_anon", 0 }, { "nr_active_anon", 0 },
		{ "nr_inactive_file", 0 }, { "nr_active_file", 0 }, { "nr_unevictable", 0 },
		{ "nr_anon_pages", 0 }, { "nr_mapped", 0 }, { "nr_file_pages", 0 },
		{ "nr_dirty", 0 }, { "nr_writeback", 0 }, { "nr_shmem", 0 },
		{ "nr_page_table_pages", 0 }, { "pgpgin", 0 }, { "pgpgout", 0 },
		{ "pswpin", 0 }, { "pswpout", 0 }, { "pgfault", 0 }, { "pgmajfault", 0 },
	};
	uint64_t v[ARRAY_SIZE(lines)] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		c->k->stats.page_faults, 0,
	};

	meminfo_fill(c->k, &mi);
	v[0] = mi.free;
	v[2] = v[6] = mi.anon;
	v[4] = v[8] = mi.file + mi.shmem;
	v[7] = mi.file_mapped;
	v[11] = mi.shmem;
	v[12] = mi.pagetables;
	for (size_t i = 0; i < ARRAY_SIZE(lines); i++)
		seq_printf(m, "%s %llu\n", lines[i].name, (unsigned long long)v[i]);
	return 0;
}
