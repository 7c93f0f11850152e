/* Tracepoints and their consumers: the --trace syscall log (Linux: the
 * raw_syscalls:sys_enter/sys_exit tracepoints, printed strace-style). */
#ifndef KERNEL_TRACE_H
#define KERNEL_TRACE_H

#include <taskbox/types.h>

#include "kernel/syscalls.h"

struct task_struct;

struct syscall_entry {
	const char *name;
	syscall_fn fn;		/* NULL: not implemented, -ENOSYS */
	const char *fmt;	/* argument formats, see syscall_table.c */
};

extern const struct syscall_entry sys_call_table[];

/* --- src/trace/syscall_trace.c --- */
void trace_syscall_enter(struct task_struct *t, long nr, const uint64_t *args,
			 char *buf, size_t size);
void trace_syscall_exit(struct task_struct *t, const char *prefix, long nr, long ret);

#endif
