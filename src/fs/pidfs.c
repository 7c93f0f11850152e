/* Process file descriptors (Linux: fs/pidfs.c, kernel/pid.c pidfd_open
 * and pidfd_getfd, kernel/signal.c pidfd_send_signal, kernel/fork.c
 * CLONE_PIDFD).
 *
 * A pidfd names one process for good: it holds the PID and the start
 * time, so once the process is reaped and its PID reused the pidfd still
 * refers to the dead one (ESRCH), where kill(pid) would hit the newcomer.
 * poll reports POLLIN once the process has exited; pollers wait on one
 * kernel-wide queue that every exit wakes (Linux: pid->wait_pidfd). */
#include <stdlib.h>
#include <string.h>

#include <taskbox/err.h>
#include <uapi/fcntl.h>

#include "fs/fs.h"
#include "fs/seq_file.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "kernel/wait.h"
#include "mm/mm.h"

#define PIDFD_NONBLOCK	O_NONBLOCK
#define POLLIN_		0x0001
#define POLLRDNORM_	0x0040

struct pidfd_ctx {
	struct kernel *k;
	pid_t pid;
	uint64_t start_time;
};

/* The process, alive or a zombie; NULL once reaped (or its PID reused). */
struct task_struct *
pidfd_task(struct file *file)
{
	struct pidfd_ctx *ctx = file->private_data;
	struct task_struct *t = find_task_by_vpid(ctx->k, ctx->pid);

	if (!t || t->exit_state == EXIT_DEAD || t->start_time != ctx->start_time)
		return NULL;
	return t;
}

pid_t
pidfd_pid(struct file *file)
{
	return ((struct pidfd_ctx *)file->private_data)->pid;
}

static unsigned int
pidfd_poll(struct task_struct *t, struct file *file, bool queue)
{
	struct task_struct *p = pidfd_task(file);

	if (queue)
		poll_wait(t, &t->kernel->pidfd_wait);
	return !p || p->exit_state ? POLLIN_ | POLLRDNORM_ : 0;
}

static int
pidfd_release(struct inode *inode, struct file *file)
{
	(void)inode;
	free(file->private_data);
	return 0;
}

/* Linux: pidfd_show_fdinfo: the PID, -1 once the process is gone. */
static void
pidfd_show_fdinfo(struct seq_file *m, struct file *file)
{
	pid_t pid = pidfd_task(file) ? pidfd_pid(file) : -1;

	seq_printf(m, "Pid:\t%d\nNSpid:\t%d\n", pid, pid);
}

const struct file_operations pidfd_fops = {
	.poll = pidfd_poll,
	.release = pidfd_release,
	.show_fdinfo = pidfd_show_fdinfo,
};

bool
is_pidfd(const struct file *file)
{
	return file->f_op == &pidfd_fops;
}

/* A pidfd file for process p (Linux: pidfd_prepare): O_RDWR, and
 * O_NONBLOCK if asked; the caller installs it. */
struct file *
pidfd_file(struct task_struct *p, unsigned int flags)
{
	struct pidfd_ctx *ctx = malloc(sizeof(*ctx));
	struct inode *inode = new_inode(NULL);
	struct file *file;

	if (!ctx || !inode) {
		free(ctx);
		free(inode);
		return ERR_PTR(-ENOMEM);
	}
	*ctx = (struct pidfd_ctx){ p->kernel, p->tgid, p->group_leader->start_time };
	inode->i_mode = 0700;
	inode->i_ino = ++p->kernel->last_ino;
	file = alloc_file(inode, O_RDWR | (flags & PIDFD_NONBLOCK), &pidfd_fops);
	if (IS_ERR(file)) {
		free(ctx);
		iput(inode);
		return file;
	}
	file->private_data = ctx;
	file->f_path = strdup("anon_inode:[pidfd]");
	file->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	return file;
}

/* A new close-on-exec descriptor for a pidfd of p. */
int
pidfd_create(struct task_struct *t, struct task_struct *p, unsigned int flags,
	     struct file **out)
{
	struct file *file = pidfd_file(p, flags);
	int fd;

	if (IS_ERR(file))
		return (int)PTR_ERR(file);
	fd = get_unused_fd_flags(t, O_CLOEXEC);
	if (fd < 0) {
		fput(file);
		return fd;
	}
	*out = file;
	return fd;
}

/* Linux: pidfd_open. Only a thread-group leader has a pidfd. */
SYSCALL_DEFINE2(pidfd_open, pid_t, pid, unsigned int, flags)
{
	struct task_struct *p;
	struct file *file = NULL;
	int fd;

	if (flags & ~PIDFD_NONBLOCK)
		return -EINVAL;
	if (pid <= 0)
		return -EINVAL;
	p = find_task_by_vpid(current->kernel, pid);
	if (!p || p->exit_state == EXIT_DEAD)
		return -ESRCH;
	if (!thread_group_leader(p))
		return -ENOENT;
	fd = pidfd_create(current, p, flags, &file);
	if (fd >= 0)
		fd_install(current, (unsigned int)fd, file);
	return fd;
}

/* Linux: pidfd_getfd: a copy of another process's descriptor, given
 * ptrace access (the same ids, or privilege). */
SYSCALL_DEFINE3(pidfd_getfd, int, pidfd, int, fd, unsigned int, flags)
{
	struct file *pf, *target = NULL;
	struct task_struct *p;
	int nfd;

	if (flags)
		return -EINVAL;
	pf = fget(current, (unsigned int)pidfd);
	if (!pf)
		return -EBADF;
	p = is_pidfd(pf) ? pidfd_task(pf) : NULL;
	nfd = !is_pidfd(pf) ? -EBADF : !p || !p->files ? -ESRCH : 0;
	if (!nfd && current->cred->euid != 0 && current->cred->uid != p->cred->uid)
		nfd = -EPERM;
	if (!nfd) {
		target = fget(p, (unsigned int)fd);
		nfd = target ? get_unused_fd_flags(current, O_CLOEXEC) : -EBADF;
	}
	fput(pf);
	if (nfd < 0) {
		if (target)
			fput(target);
		return nfd;
	}
	fd_install(current, (unsigned int)nfd, target);
	return nfd;
}
