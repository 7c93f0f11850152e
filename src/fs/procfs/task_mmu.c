/* /proc/PID/maps, smaps and smaps_rollup (Linux: fs/proc/task_mmu.c), in
 * Linux 6.x's format: one line per VMA, the name padded to column 73;
 * smaps adds the memory the VMA holds, read from the page table.
 *
 * taskbox keeps no dirty or young bits and no reverse map, so smaps derives
 * them (see page_kind): every present page counts as referenced; anonymous
 * pages (and copies made by copy-on-write) as dirty, pages of a read-only
 * file as clean, tmpfs pages as dirty; a page's mappings are its reference
 * count less the reference its owner (page cache, tmpfs file, the [vdso])
 * keeps. */
#include <errno.h>
#include <string.h>

#include <uapi/stat.h>

#include "fs/procfs/internal.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "mm/mm.h"

/* vm_flags bits that only smaps shows, as include/linux/mm.h numbers them.
 * VM_DONTEXPAND is implied by a special mapping ([vdso]). */
#define VM_DONTEXPAND_BIT	0x00040000UL

/* Linux keeps Pss in 1/4096ths of a byte to limit rounding errors. */
#define PSS_SHIFT	12

/* --- maps -------------------------------------------------------------------- */

/* start-end perms offset dev inode, then the column the name starts at
 * (Linux: show_vma_header_prefix; 25 + 6 * sizeof(void *) - 1 = 72). */
static void
show_vma_header_prefix(struct seq_file *m, uint64_t start, uint64_t end,
		       unsigned long flags, uint64_t pgoff, uint32_t dev, uint64_t ino)
{
	seq_setwidth(m, 25 + sizeof(uint64_t) * 6 - 1);
	seq_printf(m, "%08llx-%08llx %c%c%c%c %08llx %02x:%02x %llu ",
		   (unsigned long long)start, (unsigned long long)end,
		   flags & VM_READ ? 'r' : '-', flags & VM_WRITE ? 'w' : '-',
		   flags & VM_EXEC ? 'x' : '-', flags & VM_MAYSHARE ? 's' : 'p',
		   (unsigned long long)pgoff, MAJOR(dev), MINOR(dev), (unsigned long long)ino);
}

/* A path as seq_path prints it: a newline is escaped in octal, and a file
 * unlinked from an in-memory filesystem is " (deleted)" (Linux: d_path),
 * unless its name says so already (shared anonymous memory's). */
static void
seq_file_path(struct seq_file *m, struct file *file)
{
	static const char deleted[] = " (deleted)";
	struct inode *inode = file->f_inode;
	size_t len = file->f_path ? strlen(file->f_path) : 0;
	bool named_deleted = len >= sizeof(deleted) - 1 &&
			     !strcmp(file->f_path + len - (sizeof(deleted) - 1), deleted);

	for (const char *p = file->f_path ? file->f_path : ""; *p; p++) {
		if (*p == '\n')
			seq_puts(m, "\\012");
		else
			seq_putc(m, *p);
	}
	if (inode->i_sb && sb_in_memory(inode->i_sb) && !inode->i_nlink && !named_deleted)
		seq_puts(m, deleted);
}

/* The VMA of the heap and of the main stack (Linux: vma_is_initial_heap,
 * vma_is_initial_stack). */
static bool
vma_is_initial_heap(const struct mm_struct *mm, const struct vm_area_struct *vma)
{
	return vma->vm_start <= mm->brk && vma->vm_end >= mm->start_brk;
}

static bool
vma_is_initial_stack(const struct mm_struct *mm, const struct vm_area_struct *vma)
{
	return vma->vm_start <= mm->start_stack && vma->vm_end >= mm->start_stack;
}

/* The name of an anonymous VMA, or NULL (Linux: get_vma_name). */
static const char *
vma_name(const struct mm_struct *mm, const struct vm_area_struct *vma)
{
	if (vma->vm_special_page)
		return "[vdso]";
	if (vma_is_initial_heap(mm, vma))
		return "[heap]";
	if (vma_is_initial_stack(mm, vma))
		return "[stack]";
	return NULL;
}

/* One line of maps (Linux: show_map_vma). The device and inode are those
 * stat() reports for the mapped file, so that a program can match them. */
static void
show_map_vma(struct seq_file *m, struct mm_struct *mm, const struct vm_area_struct *vma)
{
	struct kstat st = { 0 };
	const char *name;

	if (vma->vm_file && vfs_getattr(vma->vm_file->f_inode, &st, STATX_BASIC_STATS))
		memset(&st, 0, sizeof(st));
	show_vma_header_prefix(m, vma->vm_start, vma->vm_end, vma->vm_flags,
			       vma->vm_file ? vma->vm_pgoff << PAGE_SHIFT : 0,
			       vma->vm_file ? st.dev : 0, vma->vm_file ? st.ino : 0);
	if (vma->vm_file) {
		seq_pad(m, ' ');
		seq_file_path(m, vma->vm_file);
	} else if ((name = vma_name(mm, vma)) != NULL) {
		seq_pad(m, ' ');
		seq_puts(m, name);
	}
	seq_putc(m, '\n');
}

/* A kernel thread or a zombie has no mm: its maps are empty. */
int
proc_pid_maps(struct seq_file *m, struct proc_ctx *c)
{
	struct mm_struct *mm = c->task->mm;

	for (int i = 0; mm && i < mm->map_count; i++)
		show_map_vma(m, mm, &mm->vmas[i]);
	return 0;
}

/* --- smaps ---------------------------------------------------------------- */

/* Linux: struct mem_size_stats, the part taskbox can fill. Bytes, and
 * Pss in bytes << PSS_SHIFT. */
struct mem_size_stats {
	uint64_t resident;
	uint64_t shared_clean, shared_dirty, private_clean, private_dirty;
	uint64_t referenced, anonymous;
	uint64_t pss, pss_dirty, pss_anon, pss_file, pss_shmem;
};

enum page_type { PAGE_ANON, PAGE_FILE, PAGE_SHMEM };

/* What a mapped page is, and how many of its references are not page
 * table mappings (Linux reads folio_test_anon, the dirty bits and
 * folio_precise_page_mapcount). */
struct page_kind {
	enum page_type type;
	bool dirty;
	unsigned int owner_refs;
};

/* Is page the page cache's own page of the file at addr? */
static bool
in_page_cache(const struct vm_area_struct *vma, uint64_t addr, const struct page *page)
{
	struct address_space *mapping = vma->vm_file->f_mapping;
	uint64_t index = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);

	return mapping && index < mapping->nr_pages && mapping->pages[index] == page;
}

static struct page_kind
page_kind(const struct vm_area_struct *vma, uint64_t addr, pte_t pte)
{
	struct page *page = pte_page(pte);
	struct inode *inode = vma->vm_file ? vma->vm_file->f_inode : NULL;

	if (page == vma->vm_special_page)
		return (struct page_kind){ PAGE_FILE, false, 1 };
	if (!vma->vm_file)
		return (struct page_kind){ (vma->vm_flags & VM_SHARED) ? PAGE_SHMEM : PAGE_ANON,
					   true, 0 };
	if (in_page_cache(vma, addr, page))
		return (struct page_kind){ PAGE_FILE, false, 1 };
	if (inode->i_sb && sb_in_memory(inode->i_sb)) {
		/* A tmpfs file's own page, which the file holds too, unless a
		 * private mapping copied it: a copy is writable, or has no
		 * owner besides this mapping. */
		if ((vma->vm_flags & VM_SHARED) || (!(pte & PTE_W) && page->_refcount > 1))
			return (struct page_kind){ PAGE_SHMEM, true, 1 };
		return (struct page_kind){ PAGE_ANON, true, 0 };
	}
	/* A private page read from the file: Linux's would be the page
	 * cache's until written, and a writable private mapping's are. */
	if ((vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
		return (struct page_kind){ PAGE_ANON, true, 0 };
	return (struct page_kind){ PAGE_FILE, false, 0 };
}

/* Linux: smaps_page_accumulate. */
static void
smaps_page_accumulate(struct mem_size_stats *mss, struct page_kind kind, uint64_t pss,
		      bool private)
{
	mss->pss += pss;
	if (kind.type == PAGE_ANON)
		mss->pss_anon += pss;
	else if (kind.type == PAGE_SHMEM)
		mss->pss_shmem += pss;
	else
		mss->pss_file += pss;
	if (kind.dirty) {
		mss->pss_dirty += pss;
		if (private)
			mss->private_dirty += PAGE_SIZE;
		else
			mss->shared_dirty += PAGE_SIZE;
	} else if (private) {
		mss->private_clean += PAGE_SIZE;
	} else {
		mss->shared_clean += PAGE_SIZE;
	}
}

/* One present page (Linux: smaps_pte_entry, smaps_account). */
static void
smaps_account(struct mem_size_stats *mss, const struct vm_area_struct *vma, uint64_t addr,
	      pte_t pte)
{
	struct page_kind kind = page_kind(vma, addr, pte);
	uint32_t refs = pte_page(pte)->_refcount;
	uint64_t mapcount = refs > kind.owner_refs ? refs - kind.owner_refs : 1;
	uint64_t pss = PAGE_SIZE << PSS_SHIFT;

	if (kind.type == PAGE_ANON)
		mss->anonymous += PAGE_SIZE;
	mss->resident += PAGE_SIZE;
	mss->referenced += PAGE_SIZE;
	if (mapcount >= 2)
		pss /= mapcount;
	smaps_page_accumulate(mss, kind, pss, mapcount < 2);
}

/* Walk the VMA's present pages, skipping absent page tables whole
 * (Linux: smap_gather_stats over walk_page_vma). */
static void
smap_gather_stats(struct mm_struct *mm, const struct vm_area_struct *vma,
		  struct mem_size_stats *mss)
{
	for (uint64_t a = vma->vm_start; a < vma->vm_end; a += PAGE_SIZE) {
		pte_t *pte = pte_lookup(mm, a);

		if (!pte) {	/* no table: on to the next 2 MiB */
			a = (a | ((PAGE_SIZE << 9) - 1)) + 1 - PAGE_SIZE;
			continue;
		}
		if (*pte)
			smaps_account(mss, vma, a, *pte);
	}
}

/* A size in kB, right-aligned in 8 columns after its label (Linux:
 * SEQ_PUT_DEC); the label carries the previous line's " kB\n". */
static void
seq_put_kb(struct seq_file *m, const char *label, uint64_t bytes)
{
	seq_printf(m, "%s%8llu", label, (unsigned long long)(bytes >> 10));
}

/* The memory lines of smaps and smaps_rollup (Linux: __show_smap). Swap,
 * huge pages, KSM, lazy-free and locked memory do not exist here. */
static void
__show_smap(struct seq_file *m, const struct mem_size_stats *mss, bool rollup_mode)
{
	seq_put_kb(m, "Rss:            ", mss->resident);
	seq_put_kb(m, " kB\nPss:            ", mss->pss >> PSS_SHIFT);
	seq_put_kb(m, " kB\nPss_Dirty:      ", mss->pss_dirty >> PSS_SHIFT);
	if (rollup_mode) {
		seq_put_kb(m, " kB\nPss_Anon:       ", mss->pss_anon >> PSS_SHIFT);
		seq_put_kb(m, " kB\nPss_File:       ", mss->pss_file >> PSS_SHIFT);
		seq_put_kb(m, " kB\nPss_Shmem:      ", mss->pss_shmem >> PSS_SHIFT);
	}
	seq_put_kb(m, " kB\nShared_Clean:   ", mss->shared_clean);
	seq_put_kb(m, " kB\nShared_Dirty:   ", mss->shared_dirty);
	seq_put_kb(m, " kB\nPrivate_Clean:  ", mss->private_clean);
	seq_put_kb(m, " kB\nPrivate_Dirty:  ", mss->private_dirty);
	seq_put_kb(m, " kB\nReferenced:     ", mss->referenced);
	seq_put_kb(m, " kB\nAnonymous:      ", mss->anonymous);
	seq_put_kb(m, " kB\nKSM:            ", 0);
	seq_put_kb(m, " kB\nLazyFree:       ", 0);
	seq_put_kb(m, " kB\nAnonHugePages:  ", 0);
	seq_put_kb(m, " kB\nShmemPmdMapped: ", 0);
	seq_put_kb(m, " kB\nFilePmdMapped:  ", 0);
	seq_put_kb(m, " kB\nShared_Hugetlb: ", 0);
	seq_printf(m, " kB\nPrivate_Hugetlb: %7llu", 0ULL);
	seq_put_kb(m, " kB\nSwap:           ", 0);
	seq_put_kb(m, " kB\nSwapPss:        ", 0);
	seq_put_kb(m, " kB\nLocked:         ", 0);
	seq_puts(m, " kB\n");
}

/* The two-letter names of vm_flags, by bit (Linux:
 * show_smap_vma_flags' mnemonics), for the bits taskbox has. */
static const struct {
	unsigned long flag;
	char name[3];
} vm_flag_names[] = {
	{ VM_READ, "rd" }, { VM_WRITE, "wr" }, { VM_EXEC, "ex" }, { VM_SHARED, "sh" },
	{ VM_MAYREAD, "mr" }, { VM_MAYWRITE, "mw" }, { VM_MAYEXEC, "me" },
	{ VM_MAYSHARE, "ms" }, { VM_GROWSDOWN, "gd" }, { VM_DONTEXPAND_BIT, "de" },
	{ VM_ACCOUNT, "ac" }, { VM_NORESERVE, "nr" },
};

static void
show_smap_vma_flags(struct seq_file *m, const struct vm_area_struct *vma)
{
	unsigned long flags = vma->vm_flags;

	if (vma->vm_special_page)
		flags |= VM_DONTEXPAND_BIT;	/* _install_special_mapping */
	seq_puts(m, "VmFlags: ");
	for (size_t i = 0; i < ARRAY_SIZE(vm_flag_names); i++)
		if (flags & vm_flag_names[i].flag)
			seq_printf(m, "%s ", vm_flag_names[i].name);
	seq_putc(m, '\n');
}

/* Linux: show_smap. No VMA is eligible for transparent huge pages: there
 * are none (as with THP "madvise" and no MADV_HUGEPAGE). */
static void
show_smap(struct seq_file *m, struct mm_struct *mm, const struct vm_area_struct *vma)
{
	struct mem_size_stats mss = { 0 };

	smap_gather_stats(mm, vma, &mss);
	show_map_vma(m, mm, vma);
	seq_put_kb(m, "Size:           ", vma->vm_end - vma->vm_start);
	seq_put_kb(m, " kB\nKernelPageSize: ", PAGE_SIZE);
	seq_put_kb(m, " kB\nMMUPageSize:    ", PAGE_SIZE);
	seq_puts(m, " kB\n");
	__show_smap(m, &mss, false);
	seq_printf(m, "THPeligible:    %8u\n", 0U);
	show_smap_vma_flags(m, vma);
}

int
proc_pid_smaps(struct seq_file *m, struct proc_ctx *c)
{
	struct mm_struct *mm = c->task->mm;

	for (int i = 0; mm && i < mm->map_count; i++)
		show_smap(m, mm, &mm->vmas[i]);
	return 0;
}

/* Every VMA summed under one header spanning them all (Linux:
 * show_smaps_rollup); a task without an mm has none to sum: ESRCH. */
int
proc_pid_smaps_rollup(struct seq_file *m, struct proc_ctx *c)
{
	struct mm_struct *mm = c->task->mm;
	struct mem_size_stats mss = { 0 };
	uint64_t start = 0, end = 0;

	if (!mm)
		return -ESRCH;
	for (int i = 0; i < mm->map_count; i++)
		smap_gather_stats(mm, &mm->vmas[i], &mss);
	if (mm->map_count) {
		start = mm->vmas[0].vm_start;
		end = mm->vmas[mm->map_count - 1].vm_end;
	}
	show_vma_header_prefix(m, start, end, 0, 0, 0, 0);
	seq_pad(m, ' ');
	seq_puts(m, "[rollup]\n");
	__show_smap(m, &mss, true);
	return 0;
}
