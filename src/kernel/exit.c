/* Process exit (Linux: kernel/exit.c).
 *
 * do_exit follows Linux's order: PF_EXITING, exit_mm, exit_files, exit_fs,
 * exit_notify. In the foundation the first program is the only task, so
 * exit_notify has no parent to tell: the task is released at once and the
 * kernel halts with its status (the lifecycle issue brings the task tree,
 * zombies and wait). */
#include "fs/fs.h"
#include "kernel/exit.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/sched/sched.h"
#include "kernel/syscalls.h"
#include "mm/mm.h"

static void
exit_mm(struct task_struct *t)
{
	if (!t->mm)
		return;
	mmput(t->mm);
	t->mm = NULL;
}

static void
exit_files(struct task_struct *t)
{
	if (t->files)
		put_files_struct(t->files);
	t->files = NULL;
}

static void
exit_fs(struct task_struct *t)
{
	if (t->fs)
		put_fs_struct(t->fs);
	t->fs = NULL;
}

/* taskbox's exit status: the exit code, or 128 + the killing signal. */
static int
status_to_exit_code(int code)
{
	return (code & 0x7f) ? 128 + (code & 0x7f) : (code >> 8) & 0xff;
}

static void
exit_notify(struct task_struct *t)
{
	struct kernel *k = t->kernel;

	t->exit_state = EXIT_DEAD;
	if (--k->nr_tasks == 0) {
		k->halted = true;
		k->exit_status = status_to_exit_code(t->exit_code);
	}
}

void
do_exit(struct task_struct *t, int code)
{
	t->flags |= PF_EXITING;
	t->exit_code = code;
	exit_mm(t);
	exit_files(t);
	exit_fs(t);
	exit_notify(t);
	deactivate_task(t);
	t->__state = TASK_DEAD;
}

/* Linux: do_group_exit. With one thread per group so far, the group's
 * exit is the task's. */
void
do_group_exit(struct task_struct *t, int code)
{
	t->signal->group_exit = 1;
	t->signal->group_exit_code = code;
	do_exit(t, code);
}

SYSCALL_DEFINE1(exit, int, error_code)
{
	do_exit(current, (error_code & 0xff) << 8);
	return 0;
}

SYSCALL_DEFINE1(exit_group, int, error_code)
{
	do_group_exit(current, (error_code & 0xff) << 8);
	return 0;
}
