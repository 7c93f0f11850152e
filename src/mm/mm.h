/* Memory management: pages, page tables, VMAs, faults, uaccess.
 *
 * The guest address space is Sv39-shaped: 39-bit virtual addresses, user space
 * below TASK_SIZE, 4 KiB pages, a three-level table of 512 entries per level.
 * Every page is a struct page with a reference count; a page mapped by two
 * address spaces (after fork, or from the page cache) is one struct page. */
#ifndef MM_MM_H
#define MM_MM_H

#include <taskbox/types.h>

struct kernel;
struct file;
struct decoded_page;

#define TASK_SIZE	0x4000000000ULL		/* 256 GiB: Sv39 user half */
#define STACK_TOP	TASK_SIZE
#define ELF_ET_DYN_BASE	((TASK_SIZE / 3 * 2) & PAGE_MASK)
#define STACK_GUARD_GAP	(256UL << PAGE_SHIFT)	/* mm/mmap.c stack_guard_gap */
/* Words of the auxiliary vector kept for /proc/PID/auxv (Linux:
 * AT_VECTOR_SIZE: riscv's 10 arch entries, 22 generic ones and AT_NULL). */
#define AT_VECTOR_SIZE	(2 * (10 + 22 + 1))

/* struct page: one 4 KiB frame of guest memory.
 * _refcount counts page-table mappings plus kernel users; the frame is freed
 * when it drops to zero (put_page). `decoded` is the processor's cache of
 * pre-decoded instructions for this frame, created on first execution and
 * cleared by any write to the frame (src/arch/riscv64/decode.c). */
struct page {
	uint8_t *data;
	uint32_t _refcount;
	uint32_t flags;
	struct decoded_page *decoded;
} __attribute__((aligned(16)));	/* malloc's alignment: pte flag bits below */

/* Page-table entries: a struct page pointer with permission bits in the low
 * bits (struct page is 16-byte aligned). PTE_W is the *current* write
 * permission: a private page shared after fork has PTE_W clear while its VMA
 * has VM_WRITE (copy-on-write). */
/* page->flags */
#define PG_WRITE_TLB	0x1	/* may have write-TLB entries (see flush_write_tlb_page) */

typedef uintptr_t pte_t;
#define PTE_R		0x1UL
#define PTE_W		0x2UL
#define PTE_X		0x4UL
#define PTE_FLAGS	0xfUL
#define PTRS_PER_TABLE	512
/* The top level covers user space only: TASK_SIZE / 1 GiB entries. */
#define PTRS_PER_PGD	(TASK_SIZE >> 30)

static inline struct page *
pte_page(pte_t pte)
{
	return (struct page *)(pte & ~PTE_FLAGS);
}

/* vm_flags, as include/linux/mm.h */
#define VM_READ		0x00000001UL
#define VM_WRITE	0x00000002UL
#define VM_EXEC		0x00000004UL
#define VM_SHARED	0x00000008UL
#define VM_MAYREAD	0x00000010UL
#define VM_MAYWRITE	0x00000020UL
#define VM_MAYEXEC	0x00000040UL
#define VM_MAYSHARE	0x00000080UL	/* MAP_SHARED, even where VM_SHARED was dropped */
#define VM_GROWSDOWN	0x00000100UL
#define VM_DENYWRITE	0x00000800UL
#define VM_ACCOUNT	0x00100000UL	/* private writable: charged to commit */
#define VM_NORESERVE	0x00200000UL	/* MAP_NORESERVE: charged to nothing */

struct vm_area_struct;

/* A filesystem's own faults (Linux: struct vm_operations_struct): the page
 * of the file at pgoff, with a reference for the mapping; ERR_PTR(-EIO)
 * beyond the end of the file (SIGBUS). The file's pages are then the
 * mapping's: a shared mapping writes them, a private one copies on write. */
struct vm_operations_struct {
	struct page *(*fault)(struct vm_area_struct *vma, uint64_t pgoff);
};

/* A contiguous range of the address space with one set of permissions and one
 * backing (anonymous, or vm_file from vm_pgoff). */
struct vm_area_struct {
	uint64_t vm_start, vm_end;	/* [vm_start, vm_end) */
	unsigned long vm_flags;
	struct file *vm_file;		/* NULL for anonymous memory */
	uint64_t vm_pgoff;		/* file offset of vm_start, in pages */
	uint64_t vm_file_end;		/* file bytes beyond this read as zero
					 * (ELF p_filesz end); 0 = no limit */
	struct page *vm_special_page;	/* a kernel page mapped here ([vdso]) */
	const struct vm_operations_struct *vm_ops;	/* NULL: read the file */
};

/* The address space of one or more tasks (shared by CLONE_VM).
 * Linux keeps VMAs in a maple tree; we keep a sorted array searched by
 * binary search (find_vma), which is O(log n) for lookups. */
struct mm_struct {
	struct kernel *kernel;
	pte_t ***pgd;			/* pgd[512] -> pmd[512] -> pte[512] */
	struct vm_area_struct *vmas;	/* sorted by vm_start, disjoint */
	int map_count, vmas_cap;
	int mm_users;			/* tasks using this mm */
	char *exe_path;			/* the executable's path (Linux: mm->exe_file) */
	struct inode *exe_inode;	/* ... its inode, denied to writers */

	uint64_t mmap_base;		/* top-down allocation starts below */
	uint64_t start_code, end_code, start_data, end_data;
	uint64_t start_brk, brk, start_stack;
	uint64_t arg_start, arg_end, env_start, env_end;
	uint64_t total_vm;		/* pages mapped */
	uint64_t rss;			/* pages present */
	uint64_t hiwater_vm, hiwater_rss;	/* their peaks (VmPeak, VmHWM) */
	uint64_t nr_ptes;		/* page-table pages (VmPTE) */
	uint64_t saved_auxv[AT_VECTOR_SIZE];
	uint64_t vdso;			/* where the [vdso] is mapped (AT_SYSINFO_EHDR) */
};

/* Counters with their peaks (Linux: add_mm_counter, hiwater_*). */
static inline void
add_mm_rss(struct mm_struct *mm, long pages)
{
	mm->rss += (uint64_t)pages;
	if (mm->rss > mm->hiwater_rss)
		mm->hiwater_rss = mm->rss;
}

static inline void
add_total_vm(struct mm_struct *mm, long pages)
{
	mm->total_vm += (uint64_t)pages;
	if (mm->total_vm > mm->hiwater_vm)
		mm->hiwater_vm = mm->total_vm;
}

/* Why a fault was taken, as the processor saw it. */
enum fault_access { FAULT_READ, FAULT_WRITE, FAULT_EXEC };

/* --- page_alloc.c --- */
void *alloc_frame(struct kernel *k);		/* zeroed 4 KiB, page-aligned */
void free_frame(struct kernel *k, void *frame);
void free_all_frames(struct kernel *k);
struct page *alloc_page(struct kernel *k);	/* zeroed; NULL on --mem limit */
void get_page(struct page *page);
void put_page(struct kernel *k, struct page *page);

/* --- pgtable.c --- */
pte_t *pte_lookup(struct mm_struct *mm, uint64_t addr);	/* NULL if no table */
pte_t *pte_alloc(struct mm_struct *mm, uint64_t addr);	/* NULL on ENOMEM */
void free_pgtables(struct mm_struct *mm);
void unmap_page_range(struct mm_struct *mm, uint64_t start, uint64_t end);
void change_protection(struct mm_struct *mm, uint64_t start, uint64_t end,
		       unsigned long vm_flags);

/* --- vma.c --- */
struct vm_area_struct *find_vma(struct mm_struct *mm, uint64_t addr);
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm,
					     uint64_t start, uint64_t end);
int insert_vm_struct(struct mm_struct *mm, const struct vm_area_struct *vma);
int split_vma(struct mm_struct *mm, uint64_t addr);
int do_vmi_munmap(struct mm_struct *mm, uint64_t start, uint64_t len);
void vma_merge_adjacent(struct mm_struct *mm);
uint64_t vm_data_pages(struct mm_struct *mm);
uint64_t count_vma_pages_range(struct mm_struct *mm, uint64_t start, uint64_t end);
uint64_t vm_exec_pages(struct mm_struct *mm);
uint64_t vm_stack_pages(struct mm_struct *mm);
uint64_t vm_file_rss_pages(struct mm_struct *mm);
uint64_t vma_present_pages(struct mm_struct *mm, uint64_t start, uint64_t end);

/* --- mmap.c --- */
bool may_expand_vm(struct mm_struct *mm, unsigned long vm_flags, uint64_t npages);
struct mm_struct *mm_alloc(struct kernel *k);
void mmput(struct mm_struct *mm);
struct inode;
void set_mm_exe_inode(struct mm_struct *mm, struct inode *inode);
uint64_t get_unmapped_area(struct mm_struct *mm, uint64_t addr, uint64_t len,
			   unsigned long flags);
long do_mmap(struct mm_struct *mm, uint64_t addr, uint64_t len,
	     unsigned long prot, unsigned long flags, struct file *file,
	     uint64_t pgoff);
long do_brk_flags(struct mm_struct *mm, uint64_t addr, uint64_t len,
		  unsigned long vm_flags);
unsigned long calc_vm_prot_bits(unsigned long prot);

/* --- filemap.c --- */
/* The page cache of one file (Linux: struct address_space): the file's
 * pages, shared by every process that maps them, and with them their
 * decoded instructions. Only files that cannot change under taskbox (the
 * read-only root) are cached; the host file's identity is the key. */
struct address_space {
	uint64_t dev, ino, size;
	int64_t mtime_sec, mtime_nsec;
	struct page **pages;		/* by page index; NULL: not read yet */
	size_t nr_pages;
	struct address_space *next;
};
struct address_space *file_mapping(struct kernel *k, struct file *file);
bool page_cache_has(struct file *file, uint64_t index);
struct page *find_get_page(struct kernel *k, struct address_space *mapping,
			   struct file *file, uint64_t index);
void page_cache_exit(struct kernel *k);
int generic_file_readonly_mmap(struct file *file, struct vm_area_struct *vma);
long do_msync(struct mm_struct *mm, uint64_t start, uint64_t len, int flags);

/* --- arch/riscv64/signal.c --- */
int arch_setup_additional_pages(struct mm_struct *mm);
uint64_t vdso_sigreturn(const struct mm_struct *mm);

/* --- memory.c --- */
int handle_mm_fault(struct mm_struct *mm, uint64_t addr, enum fault_access acc);
/* Map the page holding addr for the given access, faulting it in; returns the
 * struct page and the pte, or NULL with *err = -EFAULT (no mapping: SEGV_MAPERR)
 * or -EACCES (mapping forbids the access: SEGV_ACCERR). */
struct page *follow_page(struct mm_struct *mm, uint64_t addr,
			 enum fault_access acc, int *err);

/* --- uaccess.c: every guest address the kernel touches goes through these. */
long copy_from_user(struct mm_struct *mm, void *dst, uaddr_t src, size_t n);
long copy_to_user(struct mm_struct *mm, uaddr_t dst, const void *src, size_t n);
long clear_user(struct mm_struct *mm, uaddr_t dst, size_t n);
/* Copies a NUL-terminated string of at most n-1 bytes plus NUL; returns its
 * length, -EFAULT, or -ENAMETOOLONG when no NUL is found within n bytes. */
long strncpy_from_user(struct mm_struct *mm, char *dst, uaddr_t src, size_t n);

#endif
