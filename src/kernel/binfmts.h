/* struct linux_binprm: a program being executed (Linux: include/linux/binfmts.h). */
#ifndef KERNEL_BINFMTS_H
#define KERNEL_BINFMTS_H

#include <taskbox/types.h>

struct file;
struct task_struct;
struct mm_struct;

#define BINPRM_BUF_SIZE		256
#define BINPRM_MAX_RECURSION	4
#define MAX_ARG_STRLEN		(32 * PAGE_SIZE)
#define MAX_ARG_STRINGS		0x7FFFFFFF

/* Strings are gathered in kernel memory before the point of no return; the
 * new stack is built from them (Linux copies straight to the new stack). */
struct linux_binprm {
	struct file *file;
	char buf[BINPRM_BUF_SIZE];	/* the first bytes of the file */
	char *filename;			/* as passed to execve (AT_EXECFN) */
	char *interp;			/* the file actually opened */
	char **argv, **envp;
	int argc, envc;
	size_t strings_size;		/* bytes the strings take on the stack */
	size_t strings_limit;		/* a quarter of RLIMIT_STACK (E2BIG) */
	int recursion;
	struct mm_struct *mm;		/* the new address space */
	bool point_of_no_return;	/* a failure now kills (Linux's flag) */
};

/* --- exec.c --- */
int bprm_add_arg(struct linux_binprm *bprm, int at, const char *s);
int kernel_execve(struct task_struct *t, const char *filename,
		  const char *const *argv, const char *const *envp);
int kernel_execve_blob(struct task_struct *t, const char *filename, const void *data,
		       size_t size, const char *const *argv, const char *const *envp);
void begin_new_exec(struct task_struct *t, struct linux_binprm *bprm);

/* --- binfmt_elf.c --- */
int load_elf_binary(struct task_struct *t, struct linux_binprm *bprm);
int elf_check_header(const void *buf, size_t len);

/* --- binfmt_script.c --- */
int load_script(struct task_struct *t, struct linux_binprm *bprm);

#endif
