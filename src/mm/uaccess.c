/* Copies between kernel memory and guest memory. Every guest address the
 * kernel touches goes through here; a bad address gives -EFAULT, never a
 * host crash. Pages are faulted in as the guest's own access would. */
#include <string.h>

#include "arch/riscv64/cpu.h"
#include "kernel/kernel.h"
#include "mm/mm.h"

/* Call fn on each page-sized piece of [addr, addr+n). */
static long
for_each_user_chunk(struct mm_struct *mm, uaddr_t addr, size_t n,
		    enum fault_access acc,
		    void (*fn)(struct page *, size_t off, size_t len, void *),
		    void *arg)
{
	if (addr + n < addr || addr + n > TASK_SIZE)
		return -EFAULT;
	while (n) {
		size_t off = addr & ~PAGE_MASK;
		size_t len = PAGE_SIZE - off < n ? PAGE_SIZE - off : n;
		int err;
		struct page *page = follow_page(mm, addr, acc, &err);

		if (!page)
			return -EFAULT;
		if (acc == FAULT_WRITE && page->decoded)
			decoded_page_invalidate(mm->kernel, page);
		fn(page, off, len, arg);
		addr += len;
		n -= len;
	}
	return 0;
}

static void
chunk_from(struct page *page, size_t off, size_t len, void *arg)
{
	uint8_t **dst = arg;

	memcpy(*dst, page->data + off, len);
	*dst += len;
}

static void
chunk_to(struct page *page, size_t off, size_t len, void *arg)
{
	const uint8_t **src = arg;

	memcpy(page->data + off, *src, len);
	*src += len;
}

static void
chunk_clear(struct page *page, size_t off, size_t len, void *arg)
{
	(void)arg;
	memset(page->data + off, 0, len);
}

long
copy_from_user(struct mm_struct *mm, void *dst, uaddr_t src, size_t n)
{
	uint8_t *p = dst;

	return for_each_user_chunk(mm, src, n, FAULT_READ, chunk_from, &p);
}

long
copy_to_user(struct mm_struct *mm, uaddr_t dst, const void *src, size_t n)
{
	const uint8_t *p = src;

	return for_each_user_chunk(mm, dst, n, FAULT_WRITE, chunk_to, &p);
}

long
clear_user(struct mm_struct *mm, uaddr_t dst, size_t n)
{
	return for_each_user_chunk(mm, dst, n, FAULT_WRITE, chunk_clear, NULL);
}

long
strncpy_from_user(struct mm_struct *mm, char *dst, uaddr_t src, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t off = (src + i) & ~PAGE_MASK;
		size_t len = PAGE_SIZE - off < n - i ? PAGE_SIZE - off : n - i;
		int err;
		struct page *page;
		uint8_t *nul;

		if (src + i >= TASK_SIZE)
			return -EFAULT;
		page = follow_page(mm, src + i, FAULT_READ, &err);
		if (!page)
			return -EFAULT;
		nul = memchr(page->data + off, 0, len);
		if (nul) {
			memcpy(dst + i, page->data + off, nul - (page->data + off) + 1);
			return (long)(i + (nul - (page->data + off)));
		}
		memcpy(dst + i, page->data + off, len);
		i += len;
	}
	return -ENAMETOOLONG;
}
