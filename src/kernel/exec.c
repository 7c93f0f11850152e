/* execve: replace a task's program (Linux: fs/exec.c).
 *
 * The strings are copied into the kernel, the file is opened and its format
 * handler (script or ELF) builds the new address space off to the side; only
 * then, at the point of no return, begin_new_exec swaps it in. */
#include <stdlib.h>
#include <string.h>

#include "fs/fs.h"
#include "kernel/binfmts.h"
#include "kernel/exit.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "kernel/time/timers.h"
#include "mm/mm.h"

#define AT_FDCWD		(-100)
#define AT_EMPTY_PATH		0x1000
#define AT_SYMLINK_NOFOLLOW	0x100

static void
free_strings(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void
free_bprm(struct linux_binprm *bprm)
{
	if (bprm->file)
		fput(bprm->file);
	if (bprm->mm)
		mmput(bprm->mm);
	free_strings(bprm->argv, bprm->argc);
	free_strings(bprm->envp, bprm->envc);
	free(bprm->filename);
	free(bprm->interp);
}

/* Insert s into a string vector at index at, charging its stack space. */
static int
vec_insert(struct linux_binprm *bprm, char ***vec, int *n, int at, const char *s)
{
	size_t len = strlen(s) + 1;
	char **v, *copy;

	if (len > MAX_ARG_STRLEN)
		return -E2BIG;
	if (bprm->strings_size + len + sizeof(uint64_t) > bprm->strings_limit)
		return -E2BIG;
	copy = strdup(s);
	v = realloc(*vec, (*n + 2) * sizeof(*v));
	if (!copy || !v) {
		free(copy);
		if (v)
			*vec = v;
		return -ENOMEM;
	}
	memmove(&v[at + 1], &v[at], (*n - at) * sizeof(*v));
	v[at] = copy;
	*vec = v;
	(*n)++;
	bprm->strings_size += len + sizeof(uint64_t);
	return 0;
}

int
bprm_add_arg(struct linux_binprm *bprm, int at, const char *s)
{
	return vec_insert(bprm, &bprm->argv, &bprm->argc, at, s);
}

/* Copy a NULL-terminated array of guest strings (Linux: copy_strings). */
static int
copy_strings(struct task_struct *t, struct linux_binprm *bprm, uaddr_t uvec,
	     char ***vec, int *n)
{
	char *buf;
	int err = 0;

	if (!uvec)
		return 0;
	buf = malloc(MAX_ARG_STRLEN);
	if (!buf)
		return -ENOMEM;
	for (uint64_t i = 0;; i++) {
		uint64_t p;
		long len;

		if (copy_from_user(t->mm, &p, uvec + i * 8, 8)) {
			err = -EFAULT;
			break;
		}
		if (!p)
			break;
		len = strncpy_from_user(t->mm, buf, p, MAX_ARG_STRLEN);
		if (len < 0) {
			err = len == -ENAMETOOLONG ? -E2BIG : (int)len;
			break;
		}
		err = vec_insert(bprm, vec, n, *n, buf);
		if (err)
			break;
	}
	free(buf);
	return err;
}

static int
copy_kernel_strings(struct linux_binprm *bprm, const char *const *src,
		    char ***vec, int *n)
{
	for (int i = 0; src && src[i]; i++) {
		int err = vec_insert(bprm, vec, n, *n, src[i]);

		if (err)
			return err;
	}
	return 0;
}

/* Find the format handler for the file (Linux: search_binary_handler); a
 * script handler replaces bprm->interp and asks to be called again. */
static int
exec_binprm(struct task_struct *t, struct linux_binprm *bprm, int dfd, int flags)
{
	for (;;) {
		ssize_t n;
		int err;

		if (!bprm->file)
			bprm->file = open_exec(t, dfd, bprm->interp, flags);
		if (IS_ERR(bprm->file)) {
			err = (int)PTR_ERR(bprm->file);
			bprm->file = NULL;
			return err;
		}
		memset(bprm->buf, 0, sizeof(bprm->buf));
		n = kernel_read(bprm->file, bprm->buf, sizeof(bprm->buf), 0);
		if (n < 0)
			return (int)n;
		if (bprm->buf[0] == '#' && bprm->buf[1] == '!') {
			if (++bprm->recursion > BINPRM_MAX_RECURSION)
				return -ELOOP;
			err = load_script(t, bprm);
			if (err)
				return err;
			fput(bprm->file);
			bprm->file = NULL;
			dfd = AT_FDCWD;
			flags = 0;
			continue;
		}
		return load_elf_binary(t, bprm);
	}
}

/* Linux: do_execveat_common. Strings come from the guest (uargv/uenvp) or,
 * for the first program at boot, from the kernel (kargv/kenvp). */
static int
do_execveat_common(struct task_struct *t, int dfd, const char *filename,
		   uaddr_t uargv, uaddr_t uenvp, const char *const *kargv,
		   const char *const *kenvp, int flags, struct file *file)
{
	struct linux_binprm bprm = { .strings_limit = 8UL * 1024 * 1024 / 4,
				     .file = file };
	int err = -ENOMEM;

	if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW))
		return -EINVAL;
	bprm.filename = strdup(filename);
	bprm.interp = strdup(filename);
	if (!bprm.filename || !bprm.interp)
		goto out;
	if (kargv || kenvp)
		err = copy_kernel_strings(&bprm, kargv, &bprm.argv, &bprm.argc) ?:
		      copy_kernel_strings(&bprm, kenvp, &bprm.envp, &bprm.envc);
	else
		err = copy_strings(t, &bprm, uargv, &bprm.argv, &bprm.argc) ?:
		      copy_strings(t, &bprm, uenvp, &bprm.envp, &bprm.envc);
	if (err)
		goto out;
	/* Linux 5.18+: an empty argv gets "" as argv[0]. */
	if (bprm.argc == 0 && (err = bprm_add_arg(&bprm, 0, "")))
		goto out;
	err = exec_binprm(t, &bprm, dfd, flags);
	/* Linux: bprm_execve. Past the point of no return the old image is
	 * not returned to: the task dies of SIGSEGV. */
	if (err && bprm.point_of_no_return)
		force_sigsegv(t, SIGSEGV);
out:
	free_bprm(&bprm);
	return err;
}

int
kernel_execve(struct task_struct *t, const char *filename,
	      const char *const *argv, const char *const *envp)
{
	static const char *const empty[] = { NULL };

	return do_execveat_common(t, AT_FDCWD, filename, 0, 0, argv ? argv : empty,
				  envp ? envp : empty, 0, NULL);
}

/* A program held in taskbox's own memory (the embedded init), as a
 * read-only file that exec can read and map. */
struct blob {
	const uint8_t *data;
	size_t size;
};

static ssize_t
blob_read(struct task_struct *t, struct file *file, char *buf, size_t count,
	  loff_t *pos)
{
	const struct blob *b = file->private_data;

	(void)t;
	if (*pos < 0 || (size_t)*pos >= b->size)
		return 0;
	if (count > b->size - (size_t)*pos)
		count = b->size - (size_t)*pos;
	memcpy(buf, b->data + *pos, count);
	*pos += (loff_t)count;
	return (ssize_t)count;
}

static int
blob_release(struct inode *inode, struct file *file)
{
	(void)inode;
	free(file->private_data);
	return 0;
}

static const struct file_operations blob_fops = {
	.read = blob_read,
	.release = blob_release,
	.mmap = generic_file_readonly_mmap,
};

int
kernel_execve_blob(struct task_struct *t, const char *filename, const void *data,
		   size_t size, const char *const *argv, const char *const *envp)
{
	struct inode *inode = new_inode(NULL);
	struct blob *b = malloc(sizeof(*b));
	struct file *file;

	if (!inode || !b) {
		free(inode);
		free(b);
		return -ENOMEM;
	}
	inode->i_mode = 0100555;	/* S_IFREG r-xr-xr-x */
	*b = (struct blob){ data, size };
	file = alloc_file(inode, 0 /* O_RDONLY */, &blob_fops);
	if (IS_ERR(file)) {
		free(inode);
		free(b);
		return (int)PTR_ERR(file);
	}
	file->private_data = b;
	return do_execveat_common(t, AT_FDCWD, filename, 0, 0, argv, envp, 0, file);
}

static long
getname_exec(struct task_struct *t, uaddr_t ufilename, char **out)
{
	char *name = malloc(4096);
	long len;

	if (!name)
		return -ENOMEM;
	len = strncpy_from_user(t->mm, name, ufilename, 4096);
	if (len < 0) {
		free(name);
		return len;
	}
	*out = name;
	return len;
}

SYSCALL_DEFINE5(execveat, int, dfd, uaddr_t, filename, uaddr_t, argv,
		uaddr_t, envp, int, flags)
{
	char *name;
	long err = getname_exec(current, filename, &name);

	if (err < 0)
		return err;
	if (err == 0 && !(flags & AT_EMPTY_PATH)) {
		free(name);
		return -ENOENT;
	}
	err = do_execveat_common(current, dfd, name, argv, envp, NULL, NULL, flags, NULL);
	free(name);
	return err;
}

SYSCALL_DEFINE3(execve, uaddr_t, filename, uaddr_t, argv, uaddr_t, envp)
{
	uint64_t args[5] = { (uint64_t)AT_FDCWD, filename, argv, envp, 0 };

	return sys_execveat(current, args);
}

/* The point of no return (Linux: begin_new_exec): the new mm replaces the
 * old, close-on-exec files close, caught signals reset to default, the task
 * takes the program's name. Nothing here may fail. */
void
begin_new_exec(struct task_struct *t, struct linux_binprm *bprm)
{
	const char *base = strrchr(bprm->filename, '/');
	struct mm_struct *old = t->mm;

	mm_release(t);		/* a vfork parent runs again */
	t->mm = bprm->mm;
	bprm->mm = NULL;
	/* Linux: set_mm_exe_file, the file actually run (after #! and links). */
	free(t->mm->exe_path);
	t->mm->exe_path = strdup(bprm->file && bprm->file->f_path ? bprm->file->f_path :
				 bprm->filename);
	if (bprm->file)
		set_mm_exe_inode(t->mm, bprm->file->f_inode);
	if (t->on_cpu) {	/* the hart running us now describes the new mm */
		tlb_flush(t->on_cpu);
		t->on_cpu->tlb_mm = t->mm;
	}
	t->did_exec = true;
	if (old)
		mmput(old);
	do_close_on_exec(t->files);
	exit_itimers(t);	/* POSIX timers die with the image; itimers stay */
	/* Linux: flush_signal_handlers. Ignored stays ignored. */
	for (int i = 0; i < _NSIG; i++) {
		struct k_sigaction *ka = &t->sighand->action[i];

		if (ka->handler != SIG_IGN)
			ka->handler = SIG_DFL;
		ka->flags = 0;
		ka->mask = 0;
	}
	t->flags &= ~PF_FORKNOEXEC;
	t->sas_ss_sp = t->sas_ss_size = 0;	/* the old stack is gone */
	set_task_comm(t, base ? base + 1 : bprm->filename);
}
