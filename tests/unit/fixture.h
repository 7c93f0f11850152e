/* A fresh kernel for each unit test, booted on a temporary root directory. */
#ifndef TESTS_UNIT_FIXTURE_H
#define TESTS_UNIT_FIXTURE_H

#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "mm/mm.h"

struct kernel *fixture_boot(uint64_t mem_bytes);
/* A task with a fresh empty mm, on hart 0, ready for uaccess and faults. */
struct task_struct *fixture_task(struct kernel *k);
void fixture_write_file(const char *rel, const void *data, size_t len, int mode);
void fixture_shutdown(struct kernel *k);
extern char fixture_root[];

#endif
