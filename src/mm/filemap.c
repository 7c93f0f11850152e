/* File-backed mappings (Linux: mm/filemap.c, mm/msync.c): the page cache
 * of the read-only root's files, generic_file_readonly_mmap and msync. */
#include <stdlib.h>

#include <uapi/mman.h>

#include "fs/fs.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "mm/mm.h"

/* The cache of file's content, or NULL when the file is not cacheable
 * (tmpfs, pipes, the host's stdio): those are read at each fault. */
struct address_space *
file_mapping(struct kernel *k, struct file *file)
{
	struct inode *inode = file->f_inode;
	struct address_space *m;
	struct kstat st;

	if (file->f_mapping)
		return file->f_mapping;
	if (!inode || inode->i_hostfd < 0 || !inode->i_sb ||
	    !(inode->i_sb->s_flags & SB_RDONLY))
		return NULL;
	if (vfs_getattr(inode, &st, 0x7ff) || (st.mode & 0170000) != 0100000)
		return NULL;
	for (m = k->page_cache; m; m = m->next)
		if (m->dev == st.dev && m->ino == st.ino && m->size == (uint64_t)st.size &&
		    m->mtime_sec == st.mtime.tv_sec && m->mtime_nsec == st.mtime.tv_nsec)
			return file->f_mapping = m;
	m = calloc(1, sizeof(*m));
	if (!m)
		return NULL;
	*m = (struct address_space){ .dev = st.dev, .ino = st.ino, .size = (uint64_t)st.size,
		.mtime_sec = st.mtime.tv_sec, .mtime_nsec = st.mtime.tv_nsec,
		.nr_pages = PAGE_ALIGN((uint64_t)st.size) >> PAGE_SHIFT, .next = k->page_cache };
	m->pages = calloc(m->nr_pages ? m->nr_pages : 1, sizeof(*m->pages));
	if (!m->pages) {
		free(m);
		return NULL;
	}
	k->page_cache = m;
	return file->f_mapping = m;
}

/* The cached page at index, read from file on first use, with a reference
 * for the caller (Linux: filemap_fault's find_get_page + read). NULL past
 * the end of the file or when memory runs out. */
struct page *
find_get_page(struct kernel *k, struct address_space *mapping, struct file *file,
	      uint64_t index)
{
	struct page *page;

	if (index >= mapping->nr_pages)
		return NULL;
	page = mapping->pages[index];
	if (!page) {
		page = alloc_page(k);
		if (!page)
			return NULL;
		if (kernel_read(file, page->data, PAGE_SIZE, (loff_t)(index << PAGE_SHIFT)) < 0) {
			put_page(k, page);
			return NULL;
		}
		mapping->pages[index] = page;	/* the cache's own reference */
	}
	get_page(page);
	return page;
}

void
page_cache_exit(struct kernel *k)
{
	while (k->page_cache) {
		struct address_space *m = k->page_cache;

		k->page_cache = m->next;
		for (size_t i = 0; i < m->nr_pages; i++)
			if (m->pages[i])
				put_page(k, m->pages[i]);
		free(m->pages);
		free(m);
	}
}

#define MS_ASYNC	1
#define MS_INVALIDATE	2
#define MS_SYNC		4

/* A read-only filesystem's files map privately, or shared without write. */
int
generic_file_readonly_mmap(struct file *file, struct vm_area_struct *vma)
{
	(void)file;
	if ((vma->vm_flags & VM_SHARED) && (vma->vm_flags & VM_MAYWRITE))
		return -EINVAL;
	return 0;
}

/* Linux: sys_msync. Nothing is ever dirty in a file yet, so after the
 * argument and range checks there is nothing to write back. */
long
do_msync(struct mm_struct *mm, uint64_t start, uint64_t len, int flags)
{
	uint64_t end;

	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return -EINVAL;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end < start)
		return -ENOMEM;
	for (uint64_t a = start; a < end;) {
		struct vm_area_struct *vma = find_vma(mm, a);

		if (!vma || vma->vm_start > a)
			return -ENOMEM;
		a = vma->vm_end;
	}
	return 0;
}

SYSCALL_DEFINE3(msync, uint64_t, start, uint64_t, len, int, flags)
{
	return do_msync(current->mm, start, len, flags);
}

/* Is page index of the file in the page cache already (Linux: a
 * filemap_get_folio hit)? What tells a minor fault from a major one. */
bool
page_cache_has(struct file *file, uint64_t index)
{
	struct address_space *m = file->f_mapping;

	return m && index < m->nr_pages && m->pages[index];
}
