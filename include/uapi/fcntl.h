/* The guest's open flags, *at() flags and fcntl commands: the asm-generic
 * values riscv64 uses (include/uapi/asm-generic/fcntl.h, linux/fcntl.h).
 *
 * These carry the Linux names, so a file that includes this header must not
 * also include the host's <fcntl.h>: host flags live only in src/fs/hostfs.c,
 * which translates between the two. */
#ifndef UAPI_FCNTL_H
#define UAPI_FCNTL_H

#ifdef _FCNTL_H
#error "uapi/fcntl.h and the host's <fcntl.h> in one file: host flags belong in src/fs/hostfs.c"
#endif

/* open(2) flags (asm-generic/fcntl.h) */
#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_DSYNC		00010000
#define FASYNC		00020000
#define O_DIRECT	00040000
#define O_LARGEFILE	00100000
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_NOATIME	01000000
#define O_CLOEXEC	02000000
#define __O_SYNC	04000000
#define O_SYNC		(__O_SYNC | O_DSYNC)
#define O_PATH		010000000
#define __O_TMPFILE	020000000
#define O_TMPFILE	(__O_TMPFILE | O_DIRECTORY)
#define O_NDELAY	O_NONBLOCK

/* fcntl(2) commands and fd flags */
#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_DUPFD_CLOEXEC	1030		/* F_LINUX_SPECIFIC_BASE + 6 */
#define FD_CLOEXEC	1

/* *at() flags (linux/fcntl.h) */
#define AT_FDCWD		-100
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_EACCESS		0x200	/* faccessat: effective ids */
#define AT_REMOVEDIR		0x200	/* unlinkat: rmdir */
#define AT_SYMLINK_FOLLOW	0x400
#define AT_NO_AUTOMOUNT		0x800
#define AT_EMPTY_PATH		0x1000
#define AT_STATX_SYNC_TYPE	0x6000
#define AT_STATX_SYNC_AS_STAT	0x0000
#define AT_STATX_FORCE_SYNC	0x2000
#define AT_STATX_DONT_SYNC	0x4000

/* renameat2(2) flags (linux/fs.h) */
#define RENAME_NOREPLACE	(1 << 0)
#define RENAME_EXCHANGE		(1 << 1)
#define RENAME_WHITEOUT		(1 << 2)

/* lseek(2) whence (linux/fs.h); <stdio.h> spells the first five the same. */
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#define SEEK_DATA	3
#define SEEK_HOLE	4
#define SEEK_MAX	SEEK_HOLE

/* access(2) modes (linux/fs.h MAY_* share the low bits) */
#define F_OK	0
#define X_OK	1
#define W_OK	2
#define R_OK	4

#endif
