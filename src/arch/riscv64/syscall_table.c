/* The riscv64 system call table: number -> entry point, name and argument
 * formats for --trace ('d' int, 'u' unsigned, 'x' hex, 'p' pointer,
 * 's' guest string, 'o' octal). Numbers are asm-generic's. */
#include <uapi/unistd.h>

#include "kernel/syscalls.h"
#include "kernel/trace.h"

/* Implemented system calls: X(name, argument formats). */
#define SYSCALLS(X)                                                            \
	X(getcwd, "pu") X(dup, "d") X(dup3, "ddx") X(fcntl, "ddx")             \
	X(ioctl, "dxp") X(mkdirat, "dso") X(unlinkat, "dsx")                   \
	X(symlinkat, "sds") X(linkat, "dsdsx") X(renameat2, "dsdsx")           \
	X(statfs, "sp") X(fstatfs, "dp") X(faccessat, "dso")                   \
	X(faccessat2, "dsox") X(chdir, "s") X(fchdir, "d")                     \
	X(fchmodat, "dso") X(fchownat, "dsddx") X(openat, "dsxo") X(close, "d") \
	X(getdents64, "dpu") X(lseek, "ddd") X(read, "dpu") X(write, "dpu")    \
	X(readv, "dpd") X(writev, "dpd") X(pread64, "dpud") X(pwrite64, "dpud") \
	X(readlinkat, "dspu") X(newfstatat, "dspx") X(fstat, "dp")             \
	X(fsync, "d") X(fdatasync, "d") X(sync, "") X(utimensat, "dspx")       \
	X(umask, "o") X(statx, "dsxxp")                                        \
	X(exit, "d") X(exit_group, "d") X(set_tid_address, "p")                \
	X(set_robust_list, "pu") X(get_robust_list, "dpp")                     \
	X(nanosleep, "pp") X(clock_gettime, "dp") X(clock_getres, "dp")        \
	X(clock_nanosleep, "dxpp") X(gettimeofday, "pp")                       \
	X(kill, "dd") X(tkill, "dd") X(tgkill, "ddd")                          \
	X(rt_sigaction, "dppu") X(rt_sigprocmask, "dppu")                      \
	X(uname, "p") X(getrlimit, "dp") X(setrlimit, "dp") X(prlimit64, "ddpp") \
	X(getpid, "") X(getppid, "") X(getuid, "") X(geteuid, "")              \
	X(getgid, "") X(getegid, "") X(gettid, "") X(getresuid, "ppp")         \
	X(getresgid, "ppp") X(getgroups, "dp") X(sched_yield, "")              \
	X(getpgid, "d") X(setpgid, "dd") X(getsid, "d") X(setsid, "") X(mknodat, "dsox")  \
	X(msync, "pux") X(sysinfo, "p") X(getrusage, "dp") X(prctl, "dxxxx")       \
	X(sched_getaffinity, "dup") X(sched_setaffinity, "dup")                 \
	X(clone, "xppxp") X(clone3, "pu") X(wait4, "dpxp") X(waitid, "ddpxp")    \
	X(rt_sigpending, "pu") X(execve, "spp") X(execveat, "dsppx")        \
	X(pipe2, "px") X(rt_sigtimedwait, "pppu") X(ppoll, "pupp") X(sigaltstack, "pp")                   \
	X(pselect6, "dppppp") X(truncate, "sd") X(ftruncate, "dd")                 \
	X(fallocate, "dxdd") X(fchmod, "do") X(fchown, "ddd")              \
	X(brk, "p") X(munmap, "pu") X(mremap, "puuxp") X(mmap, "puxxdx")       \
	X(mprotect, "pux") X(madvise, "pud") X(getrandom, "pux") X(rseq, "puxx") \
	X(rt_sigreturn, "") X(rt_sigsuspend, "pu") X(rt_sigqueueinfo, "ddp")   \
	X(rt_tgsigqueueinfo, "dddp") X(restart_syscall, "")                    \
	X(getitimer, "dp") X(setitimer, "dpp") X(timer_create, "dpp")          \
	X(timer_settime, "dxpp") X(timer_gettime, "dp") X(timer_getoverrun, "d") \
	X(timer_delete, "d") X(setuid, "d") X(setgid, "d") X(setreuid, "dd")   \
	X(setregid, "dd") X(setresuid, "ddd") X(setresgid, "ddd")              \
	X(setfsuid, "d") X(setfsgid, "d") X(signalfd4, "dpux")   \
	X(futex, "pxdppx") X(pidfd_open, "dx") X(pidfd_send_signal, "ddpx")     \
	X(pidfd_getfd, "ddx") X(getcpu, "ppp") X(riscv_hwprobe, "puupx")          \
	X(riscv_flush_icache, "ppx") X(setpriority, "ddd") X(getpriority, "dd")

#define SYSCALL_DECLARE(name, fmt) long sys_##name(struct task_struct *, const uint64_t *);
SYSCALLS(SYSCALL_DECLARE)
#undef SYSCALL_DECLARE

/* Implemented entries override the name-only ones listed before them. */
#pragma GCC diagnostic ignored "-Woverride-init"
const struct syscall_entry sys_call_table[__NR_syscalls] = {
#define SYSCALL_NAME(nr, name) [nr] = { #name, NULL, "xxxxxx" },
#include <uapi/syscall_names.h>
#undef SYSCALL_NAME
#define SYSCALL_ENTRY(name, fmt) [__NR_##name] = { #name, sys_##name, fmt },
	SYSCALLS(SYSCALL_ENTRY)
#undef SYSCALL_ENTRY
};
