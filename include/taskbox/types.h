/* Basic kernel types shared by every subsystem. */
#ifndef TASKBOX_TYPES_H
#define TASKBOX_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <sys/types.h>

/* Error numbers: the host is Linux x86_64, whose errno values are the
 * asm-generic numbers the riscv64 guest uses, so <errno.h> serves both. */

/* A guest virtual address. The kernel never dereferences one directly: it goes
 * through copy_from_user()/copy_to_user() (src/mm/uaccess.c). */
typedef uint64_t uaddr_t;


#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#define PAGE_SHIFT	12
#define PAGE_SIZE	4096UL
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PAGE_ALIGN(x)	(((x) + PAGE_SIZE - 1) & PAGE_MASK)

/* Internal restart codes (include/linux/errno.h); never reach the guest. */
#define ERESTARTSYS		512
#define ERESTARTNOINTR		513
#define ERESTARTNOHAND		514
#define ERESTART_RESTARTBLOCK	516

/* Report a broken kernel invariant and abort. Guest mistakes never get here. */
#define BUG_ON(cond)                                                           \
	do {                                                                   \
		if (unlikely(cond))                                            \
			kernel_bug(__FILE__, __LINE__, #cond);                 \
	} while (0)
_Noreturn void kernel_bug(const char *file, int line, const char *what);

#endif
