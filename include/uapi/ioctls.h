/* ioctl request numbers (include/uapi/asm-generic/ioctls.h), as riscv64 uses. */
#ifndef UAPI_IOCTLS_H
#define UAPI_IOCTLS_H

#if defined(_SYS_IOCTL_H)
#error "uapi/ioctls.h and the host's <sys/ioctl.h> in one file"
#endif

#define TCGETS		0x5401
#define TCSETS		0x5402
#define TCSETSW		0x5403
#define TCSETSF		0x5404
#define TIOCGPGRP	0x540F
#define TIOCGWINSZ	0x5413
#define FIONREAD	0x541B
#define FIONBIO		0x5421
#define FIONCLEX	0x5450
#define FIOCLEX		0x5451

#endif
