/* --trace: one strace-style line per system call,
 * `[pid N] name(args) = ret`, with guest strings shown quoted. */
#include <stdio.h>
#include <string.h>

#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/trace.h"
#include "mm/mm.h"

#define TRACE_STR_MAX	64

static void
trace_string(FILE *out, struct task_struct *t, uint64_t addr)
{
	char buf[TRACE_STR_MAX + 1];
	long n = t->mm ? strncpy_from_user(t->mm, buf, addr, sizeof(buf)) : -EFAULT;

	if (n == -EFAULT) {
		fprintf(out, "0x%llx", (unsigned long long)addr);
		return;
	}
	fputc('"', out);
	for (long i = 0; i < (n < 0 ? TRACE_STR_MAX : n); i++) {
		unsigned char c = (unsigned char)buf[i];

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c >= 32 && c < 127)
			fputc(c, out);
		else
			fprintf(out, "\\x%02x", c);
	}
	fputs(n < 0 ? "\"..." : "\"", out);
}

static void
trace_arg(FILE *out, struct task_struct *t, char fmt, uint64_t v)
{
	switch (fmt) {
	case 'd': fprintf(out, "%d", (int)v); break;
	case 'u': fprintf(out, "%llu", (unsigned long long)v); break;
	case 'o': fprintf(out, "0%llo", (unsigned long long)v); break;
	case 's': trace_string(out, t, v); break;
	case 'p': fprintf(out, v ? "0x%llx" : "NULL", (unsigned long long)v); break;
	default: fprintf(out, "0x%llx", (unsigned long long)v); break;
	}
}

/* Format the call at entry, while its guest strings are still mapped (an
 * execve replaces them); the line is printed with the result at exit. */
void
trace_syscall_enter(struct task_struct *t, long nr, const uint64_t *args,
		    char *buf, size_t size)
{
	FILE *out = fmemopen(buf, size, "w");
	const struct syscall_entry *e = nr >= 0 && nr < 451 ? &sys_call_table[nr] : NULL;
	const char *fmt = e && e->name ? e->fmt : "xxxxxx";

	buf[0] = '\0';
	if (!out)
		return;
	fprintf(out, "[pid %d] ", t->pid);
	if (e && e->name)
		fprintf(out, "%s(", e->name);
	else
		fprintf(out, "syscall_%ld(", nr);
	for (size_t i = 0; fmt[i] && i < 6; i++) {
		if (i)
			fputs(", ", out);
		trace_arg(out, t, fmt[i], args[i]);
	}
	fputc(')', out);
	fclose(out);
}

/* The kernel-internal restart codes, as strace shows them: the call is
 * interrupted by a signal and will be restarted or fail with EINTR. */
static const char *
restart_name(long ret)
{
	switch (ret) {
	case -ERESTARTSYS: return "ERESTARTSYS (To be restarted if SA_RESTART is set)";
	case -ERESTARTNOINTR: return "ERESTARTNOINTR (To be restarted)";
	case -ERESTARTNOHAND: return "ERESTARTNOHAND (To be restarted if no handler)";
	case -ERESTART_RESTARTBLOCK: return "ERESTART_RESTARTBLOCK (Interrupted by signal)";
	default: return NULL;
	}
}

void
trace_syscall_exit(struct task_struct *t, const char *prefix, long nr, long ret)
{
	FILE *out = t->kernel->trace;
	bool missing = nr < 0 || nr >= 451 || !sys_call_table[nr].fn;

	if (restart_name(ret))
		fprintf(out, "%s = ? %s\n", prefix, restart_name(ret));
	else if (ret < 0 && ret >= -4095)
		fprintf(out, "%s = -1 %s (%s)%s\n", prefix,
			strerrorname_np((int)-ret) ?: "E?", strerror((int)-ret),
			missing ? " [not implemented]" : "");
	else
		fprintf(out, "%s = %ld\n", prefix, ret);
	fflush(out);
}
