/* signalfd: signals read as records from a file (Linux: fs/signalfd.c).
 *
 * A signalfd names a set of signals. Reading it dequeues the reader's own
 * pending signals of that set, as sigtimedwait would, and returns each as a
 * 128-byte struct signalfd_siginfo; poll reports POLLIN while one is
 * pending. Senders wake readers through sighand->signalfd_wqh
 * (signalfd_notify in kernel/signal.c). */
#include <stdlib.h>
#include <string.h>

#include <uapi/fcntl.h>

#include "fs/fs.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "kernel/wait.h"
#include "mm/mm.h"

#define SFD_CLOEXEC	O_CLOEXEC
#define SFD_NONBLOCK	O_NONBLOCK
#define POLLIN_		0x0001

struct signalfd_ctx {
	sigset_t_ sigmask;		/* the signals it reads */
};

/* include/uapi/linux/signalfd.h */
struct signalfd_siginfo {
	uint32_t ssi_signo;
	int32_t ssi_errno, ssi_code;
	uint32_t ssi_pid, ssi_uid;
	int32_t ssi_fd;
	uint32_t ssi_tid, ssi_band, ssi_overrun, ssi_trapno;
	int32_t ssi_status, ssi_int;
	uint64_t ssi_ptr, ssi_utime, ssi_stime, ssi_addr;
	uint16_t ssi_addr_lsb, pad2;
	int32_t ssi_syscall;
	uint64_t ssi_call_addr;
	uint32_t ssi_arch;
	uint8_t pad[28];
};

_Static_assert(sizeof(struct signalfd_siginfo) == 128, "struct signalfd_siginfo");

/* The record of one siginfo, its fields chosen by the siginfo's layout
 * (Linux: signalfd_copyinfo with siginfo_layout). */
static void
signalfd_copyinfo(struct signalfd_siginfo *s, const kernel_siginfo_t *info)
{
	int sig = info->si_signo, code = info->si_code;

	memset(s, 0, sizeof(*s));
	s->ssi_signo = (uint32_t)sig;
	s->ssi_errno = info->si_errno;
	s->ssi_code = code;
	if (code == SI_TIMER) {
		s->ssi_tid = (uint32_t)info->_timer.tid;
		s->ssi_overrun = (uint32_t)info->_timer.overrun;
		s->ssi_ptr = info->_timer.value;
		s->ssi_int = (int32_t)info->_timer.value;
	} else if (code > SI_USER && code < SI_KERNEL && sig == SIGCHLD) {
		s->ssi_pid = (uint32_t)info->_sigchld.pid;
		s->ssi_uid = info->_sigchld.uid;
		s->ssi_status = info->_sigchld.status;
		s->ssi_utime = (uint64_t)info->_sigchld.utime;
		s->ssi_stime = (uint64_t)info->_sigchld.stime;
	} else if (code > SI_USER && code < SI_KERNEL &&
		   (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGTRAP ||
		    sig == SIGFPE)) {
		s->ssi_addr = info->_sigfault.addr;
	} else {
		s->ssi_pid = (uint32_t)info->_rt.pid;
		s->ssi_uid = info->_rt.uid;
		if (code < 0) {		/* SIL_RT: sigqueue and tkill */
			s->ssi_ptr = info->_rt.value;
			s->ssi_int = (int32_t)info->_rt.value;
		}
	}
}

/* The first record may wait; the others are taken only if pending (Linux:
 * signalfd_dequeue). */
static ssize_t
signalfd_read(struct task_struct *t, struct file *file, char *buf, size_t count,
	      loff_t *pos)
{
	struct signalfd_ctx *ctx = file->private_data;
	size_t n = count / sizeof(struct signalfd_siginfo), done = 0;
	kernel_siginfo_t info;

	(void)pos;
	if (!n)
		return -EINVAL;
	while (done < n && dequeue_signal(t, ~ctx->sigmask, &info)) {
		signalfd_copyinfo((struct signalfd_siginfo *)buf + done, &info);
		done++;
	}
	if (done)
		return (ssize_t)(done * sizeof(struct signalfd_siginfo));
	if (file->f_flags & O_NONBLOCK)
		return -EAGAIN;
	if (signal_pending(t))
		return -ERESTARTSYS;
	return wait_event_sleep(t, &t->sighand->signalfd_wqh, TASK_INTERRUPTIBLE);
}

static unsigned int
signalfd_poll(struct task_struct *t, struct file *file, bool queue)
{
	struct signalfd_ctx *ctx = file->private_data;

	if (queue)
		poll_wait(t, &t->sighand->signalfd_wqh);
	return ((t->pending.signal | t->signal->shared_pending.signal) & ctx->sigmask) ?
	       POLLIN_ : 0;
}

static int
signalfd_release(struct inode *inode, struct file *file)
{
	(void)inode;
	free(file->private_data);
	return 0;
}

static const struct file_operations signalfd_fops = {
	.read = signalfd_read,
	.poll = signalfd_poll,
	.release = signalfd_release,
};

/* A new signalfd on an anonymous inode (Linux: anon_inode_getfd). */
static long
signalfd_create(struct task_struct *t, sigset_t_ mask, int flags)
{
	struct signalfd_ctx *ctx = malloc(sizeof(*ctx));
	struct inode *inode = new_inode(NULL);
	struct file *file;
	int fd;

	if (!ctx || !inode) {
		free(ctx);
		free(inode);
		return -ENOMEM;
	}
	ctx->sigmask = mask;
	inode->i_mode = 0600;
	inode->i_ino = ++t->kernel->last_ino;
	file = alloc_file(inode, O_RDWR | (flags & SFD_NONBLOCK), &signalfd_fops);
	if (IS_ERR(file)) {
		free(ctx);
		iput(inode);
		return PTR_ERR(file);
	}
	file->private_data = ctx;
	file->f_path = strdup("anon_inode:[signalfd]");	/* /proc/PID/fd's name */
	file->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	fd = get_unused_fd_flags(t, (unsigned int)flags);
	if (fd < 0) {
		fput(file);
		return fd;
	}
	fd_install(t, (unsigned int)fd, file);
	return fd;
}

SYSCALL_DEFINE4(signalfd4, int, ufd, uaddr_t, user_mask, size_t, sizemask, int, flags)
{
	struct signalfd_ctx *ctx;
	struct file *file;
	sigset_t_ mask;

	if (flags & ~(SFD_CLOEXEC | SFD_NONBLOCK))
		return -EINVAL;
	if (sizemask != sizeof(sigset_t_))
		return -EINVAL;
	if (copy_from_user(current->mm, &mask, user_mask, sizeof(mask)))
		return -EFAULT;
	mask &= ~(sigmask(SIGKILL) | sigmask(SIGSTOP));
	if (ufd == -1)
		return signalfd_create(current, mask, flags);
	file = fget(current, (unsigned int)ufd);
	if (!file)
		return -EBADF;
	if (file->f_op != &signalfd_fops) {
		fput(file);
		return -EINVAL;
	}
	ctx = file->private_data;
	ctx->sigmask = mask;
	fput(file);
	wake_up(&current->sighand->signalfd_wqh);
	return ufd;
}
