/* riscv-only system calls (Linux: arch/riscv/kernel/sys_riscv.c). */
#include "kernel/kernel.h"
#include "kernel/syscalls.h"

#define SYS_RISCV_FLUSH_ICACHE_LOCAL	1UL
#define SYS_RISCV_FLUSH_ICACHE_ALL	SYS_RISCV_FLUSH_ICACHE_LOCAL

/* Linux: riscv_flush_icache. The decoded-instruction cache is already
 * coherent with memory here (a store to a decoded page drops its
 * decoding), so after the flag check there is nothing left to flush. */
SYSCALL_DEFINE3(riscv_flush_icache, uaddr_t, start, uaddr_t, end, unsigned long, flags)
{
	(void)start;
	(void)end;
	if (flags & ~SYS_RISCV_FLUSH_ICACHE_ALL)
		return -EINVAL;
	return 0;
}
