/* Guest time and resource-usage structs (include/uapi/linux/time_types.h,
 * asm-generic struct rusage): the same layout on riscv64 and x86_64. */
#ifndef UAPI_TIME_TYPES_H
#define UAPI_TIME_TYPES_H

#include <stdint.h>

struct kernel_timespec {
	int64_t tv_sec, tv_nsec;
};

struct linux_rusage {
	int64_t utime_sec, utime_usec, stime_sec, stime_usec;
	int64_t rest[14];	/* maxrss ... nivcsw */
};

#endif
