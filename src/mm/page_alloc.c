/* Page frames: allocation, reference counts, the --mem bound. */
#include <stdlib.h>
#include <string.h>

#include "arch/riscv64/cpu.h"
#include "kernel/kernel.h"
#include "mm/mm.h"

/* Allocate one zeroed frame. Returns NULL when the --mem bound is reached
 * (the caller turns that into -ENOMEM, or SIGBUS/OOM on a fault). */
struct page *
alloc_page(struct kernel *k)
{
	struct page *page;

	if (k->nr_pages >= k->max_pages)
		return NULL;
	page = aligned_alloc(_Alignof(struct page), sizeof(*page));
	if (!page)
		return NULL;
	page->data = aligned_alloc(PAGE_SIZE, PAGE_SIZE);
	if (!page->data) {
		free(page);
		return NULL;
	}
	memset(page->data, 0, PAGE_SIZE);
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
	free(page->data);
	free(page);
	k->nr_pages--;
}
