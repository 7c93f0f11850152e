/* File-backed mappings (Linux: mm/filemap.c generic_file_readonly_mmap,
 * mm/msync.c). Pages are read from the file at fault time (memory.c); the
 * shared page cache comes with the procfs/tmpfs issue. */
#include <uapi/mman.h>

#include "fs/fs.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "mm/mm.h"

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
