/* The riscv64 vDSO (Linux: arch/riscv/kernel/vdso/): the shared object every
 * process finds at AT_SYSINFO_EHDR, named linux-vdso.so.1, exporting Linux's
 * riscv64 symbols at version LINUX_4.15. glibc looks these up at start-up and
 * calls them instead of making the system calls itself.
 *
 * Each entry makes its system call. Linux's generic vDSO answers clocks from
 * a data page without entering the kernel when the clocksource allows it and
 * otherwise does exactly this (the fallback); here guest time is virtual and
 * kept by the kernel, so the fallback is the whole implementation.
 * __vdso_rt_sigreturn is where a signal handler returns to (setup_rt_frame
 * points ra at it); its CFI marks the caller as a signal frame, and libgcc's
 * unwinder recognises its two instructions. */
#include <uapi/unistd.h>

	.text

	.globl	__vdso_rt_sigreturn
	.type	__vdso_rt_sigreturn, @function
__vdso_rt_sigreturn:
	.cfi_startproc
	.cfi_signal_frame
	li	a7, __NR_rt_sigreturn
	ecall
	.cfi_endproc
	.size	__vdso_rt_sigreturn, . - __vdso_rt_sigreturn

/* VDSO_SYSCALL(name, nr): a function that makes system call nr with its own
 * arguments (a0..a5 are already where the syscall ABI wants them). */
.macro	VDSO_SYSCALL name, nr
	.globl	__vdso_\name
	.type	__vdso_\name, @function
	.balign	4
__vdso_\name:
	.cfi_startproc
	li	a7, \nr
	ecall
	ret
	.cfi_endproc
	.size	__vdso_\name, . - __vdso_\name
.endm

	VDSO_SYSCALL gettimeofday, __NR_gettimeofday
	VDSO_SYSCALL clock_gettime, __NR_clock_gettime
	VDSO_SYSCALL clock_getres, __NR_clock_getres
	VDSO_SYSCALL getcpu, __NR_getcpu
	VDSO_SYSCALL flush_icache, __NR_riscv_flush_icache
	VDSO_SYSCALL riscv_hwprobe, __NR_riscv_hwprobe

/* The Linux version note every vDSO carries (Linux: vdso/note.S):
 * name "Linux", type 0, the LINUX_VERSION_CODE of the running kernel. */
	.section .note.Linux, "a", @note
	.balign	4
	.long	6, 4, 0
	.asciz	"Linux"
	.balign	4
	.long	LINUX_VERSION_CODE
