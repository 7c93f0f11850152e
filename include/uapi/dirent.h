/* The record getdents64(2) writes (include/linux/dirent.h) and the d_type
 * values (include/linux/fs.h DT_*), the same on every architecture. */
#ifndef UAPI_DIRENT_H
#define UAPI_DIRENT_H

#include <stdint.h>
#include <stddef.h>

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;		/* position of the next record */
	uint16_t d_reclen;	/* the whole record, padded to 8 bytes */
	uint8_t d_type;
	char d_name[];		/* NUL-terminated */
};
_Static_assert(offsetof(struct linux_dirent64, d_name) == 19, "linux_dirent64 header");

#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12

#endif
