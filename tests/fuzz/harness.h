/* What the fuzz targets share: a host directory that is the guest root,
 * made once per process; a fresh kernel per input, so no state carries
 * from one input to the next; and the checks whose failure aborts, which
 * libFuzzer and the replay driver report as a crash. */
#ifndef TESTS_FUZZ_HARNESS_H
#define TESTS_FUZZ_HARNESS_H

#include <stddef.h>
#include <stdint.h>

#include "kernel/kernel.h"
#include "kernel/sched.h"

/* Every target defines it; libFuzzer or replay.c calls it. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Linux's largest errno (EHWPOISON): a result in [-4095, -1] beyond it is
 * an internal code (ERESTARTSYS...) that leaked. */
#define FUZZ_ERRNO_MAX	133

extern char fuzz_root[];	/* host path of the guest / */

/* Make fuzz_root, and its sibling fuzz_outside, a host directory the guest
 * must never reach, holding a file "secret"; both are removed at exit.
 * Idempotent. */
void fuzz_make_root(void);
extern char fuzz_outside[];
/* Plant objects in the root, by host calls; rel is relative to it. */
void fuzz_mkdir(const char *rel, int mode);
void fuzz_symlink(const char *target, const char *rel);
void fuzz_mkfifo(const char *rel);
void fuzz_write_file(const char *rel, const void *data, size_t len, int mode);

/* A kernel booted on fuzz_root with a small memory bound, and its first
 * task, with an empty mm, running on hart 0. */
struct kernel *fuzz_boot(void);
struct task_struct *fuzz_task(struct kernel *k);

/* With FUZZ_TRACE set in the environment, print one line per call. */
void fuzz_trace(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print what broke and abort. */
_Noreturn void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* ret must be >= 0, or a Linux errno; with allowed (0-terminated), one of
 * those. An internal code (-ESLEEP: the call put the task to sleep,
 * -ERESTARTSYS...) fails. what names the call for the report. */
void fuzz_check_result(const char *what, long ret, const int *allowed);
/* Make the host's stdin an empty pipe that never ends, so that the
 * guest's fd 0, a host object, is the same in every run. */
void fuzz_stdin_pipe(void);
/* The host path with no symlink on the way, if it exists and fits. */
bool fuzz_realpath(const char *path, char *buf, size_t size);
/* The host path of a host fd (/proc/self/fd), or "" if it has none. */
void fuzz_host_path(int fd, char *buf, size_t size);

#endif
