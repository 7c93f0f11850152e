/* Page frames: allocation, reference counts, the --mem bound. */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "arch/riscv64/cpu.h"
#include "kernel/kernel.h"
#include "mm/mm.h"

#define FRAME_CHUNK	(2UL << 20)	/* host memory is taken 2 MiB at a time */

/* A zeroed, page-aligned 4 KiB block of host memory (taskbox-only: Linux
 * has physical memory). Frames come from large anonymous host mappings,
 * so a frame costs 4 KiB and no allocator header; freed frames are kept on
 * a list and zeroed again when reused. Guest pages and page tables use them. */
void *
alloc_frame(struct kernel *k)
{
	void *f = k->free_frames;

	if (f) {
		k->free_frames = *(void **)f;
		memset(f, 0, PAGE_SIZE);
		return f;
	}
	if (k->chunk_left < PAGE_SIZE) {
		void **chunks = realloc(k->chunks, (k->nr_chunks + 1) * sizeof(*chunks));
		void *c;

		if (!chunks)
			return NULL;
		k->chunks = chunks;
		c = mmap(NULL, FRAME_CHUNK, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (c == MAP_FAILED)
			return NULL;
		k->chunks[k->nr_chunks++] = c;
		k->chunk_next = c;
		k->chunk_left = FRAME_CHUNK;
	}
	f = k->chunk_next;
	k->chunk_next += PAGE_SIZE;
	k->chunk_left -= PAGE_SIZE;
	return f;	/* fresh anonymous memory reads as zero */
}

/* Give the host back all frame memory (kernel shutdown). */
void
free_all_frames(struct kernel *k)
{
	for (size_t i = 0; i < k->nr_chunks; i++)
		munmap(k->chunks[i], FRAME_CHUNK);
	free(k->chunks);
	k->chunks = NULL;
	k->nr_chunks = 0;
	k->free_frames = NULL;
	k->chunk_left = 0;
}

void
free_frame(struct kernel *k, void *f)
{
	*(void **)f = k->free_frames;
	k->free_frames = f;
}

/* Allocate one zeroed frame. Returns NULL when the --mem bound is reached
 * (the caller turns that into -ENOMEM, or SIGBUS/OOM on a fault). */
struct page *
alloc_page(struct kernel *k)
{
	struct page *page;

	if (k->nr_pages >= k->max_pages)
		return NULL;
	page = malloc(sizeof(*page));
	if (!page)
		return NULL;
	page->data = alloc_frame(k);
	if (!page->data) {
		free(page);
		return NULL;
	}
	page->_refcount = 1;
	page->flags = 0;
	page->decoded = NULL;
	k->nr_pages++;
	return page;
}

void
get_page(struct page *page)
{
	page->_refcount++;
}

void
put_page(struct kernel *k, struct page *page)
{
	BUG_ON(page->_refcount == 0);
	if (--page->_refcount)
		return;
	decoded_page_free(page);
	free_frame(k, page->data);
	free(page);
	k->nr_pages--;
}
