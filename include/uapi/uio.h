/* The guest's struct iovec (include/uapi/linux/uio.h): two 64-bit words on
 * riscv64. Guest pointers are uaddr_t, never host pointers. */
#ifndef UAPI_UIO_H
#define UAPI_UIO_H

#include <stdint.h>

#ifdef _SYS_UIO_H
#error "uapi/uio.h and the host's <sys/uio.h> in one file"
#endif

struct iovec {
	uint64_t iov_base;	/* a guest address */
	uint64_t iov_len;
};
_Static_assert(sizeof(struct iovec) == 16, "riscv64 struct iovec");

#define UIO_MAXIOV	1024

#endif
