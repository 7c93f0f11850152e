/* ERR_PTR-style error pointers, as Linux's include/linux/err.h: a pointer in the
 * last page of the address space carries a negative errno instead. */
#ifndef TASKBOX_ERR_H
#define TASKBOX_ERR_H

#include <stdbool.h>
#include <stdint.h>

#define MAX_ERRNO 4095

static inline void *
ERR_PTR(long error)
{
	return (void *)(intptr_t)error;
}

static inline long
PTR_ERR(const void *ptr)
{
	return (long)(intptr_t)ptr;
}

static inline bool
IS_ERR(const void *ptr)
{
	return (uintptr_t)ptr >= (uintptr_t)-MAX_ERRNO;
}

static inline bool
IS_ERR_OR_NULL(const void *ptr)
{
	return !ptr || IS_ERR(ptr);
}

#endif
