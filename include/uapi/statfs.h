/* The guest's struct statfs: include/uapi/asm-generic/statfs.h on a 64-bit
 * architecture (every __statfs_word is 64 bits). */
#ifndef UAPI_STATFS_H
#define UAPI_STATFS_H

#include <stdint.h>
#include <stddef.h>

#ifdef _SYS_STATFS_H
#error "uapi/statfs.h and the host's <sys/statfs.h> in one file"
#endif

struct statfs {
	int64_t f_type;
	int64_t f_bsize;
	uint64_t f_blocks;
	uint64_t f_bfree;
	uint64_t f_bavail;
	uint64_t f_files;
	uint64_t f_ffree;
	int32_t f_fsid[2];
	int64_t f_namelen;
	int64_t f_frsize;
	int64_t f_flags;
	int64_t f_spare[4];
};
_Static_assert(sizeof(struct statfs) == 120, "asm-generic 64-bit struct statfs");
_Static_assert(offsetof(struct statfs, f_fsid) == 56, "f_fsid");
_Static_assert(offsetof(struct statfs, f_namelen) == 64, "f_namelen");

/* f_flags (include/linux/statfs.h) */
#define ST_RDONLY	0x0001
#define ST_NOSUID	0x0002
#define ST_NODEV	0x0004
#define ST_NOEXEC	0x0008
#define ST_VALID	0x0020
#define ST_RELATIME	0x1000

#endif
