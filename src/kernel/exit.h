/* Process exit (Linux: kernel/exit.c). */
#ifndef KERNEL_EXIT_H
#define KERNEL_EXIT_H

struct task_struct;

/* --- exit.c --- */
/* code is a wait status word: (status << 8) for exit(), or the signal. */
void do_exit(struct task_struct *t, int code);
void do_group_exit(struct task_struct *t, int code);
void release_task(struct task_struct *p);
void mm_release(struct task_struct *t);

#endif
