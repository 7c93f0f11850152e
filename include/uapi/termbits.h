/* The terminal structures the kernel's ioctls use: struct termios from
 * include/uapi/asm-generic/termbits.h (not glibc's, which is larger) and
 * struct winsize from asm-generic/termios.h. */
#ifndef UAPI_TERMBITS_H
#define UAPI_TERMBITS_H

#include <stdint.h>
#include <stddef.h>

#if defined(_TERMIOS_H) || defined(_SYS_IOCTL_H)
#error "uapi/termbits.h and the host's terminal headers in one file"
#endif

#define NCCS 19

struct termios {
	uint32_t c_iflag;
	uint32_t c_oflag;
	uint32_t c_cflag;
	uint32_t c_lflag;
	uint8_t c_line;
	uint8_t c_cc[NCCS];
};
_Static_assert(sizeof(struct termios) == 36, "asm-generic struct termios");
_Static_assert(offsetof(struct termios, c_cc) == 17, "c_cc");

struct winsize {
	uint16_t ws_row;
	uint16_t ws_col;
	uint16_t ws_xpixel;
	uint16_t ws_ypixel;
};
_Static_assert(sizeof(struct winsize) == 8, "struct winsize");

#endif
