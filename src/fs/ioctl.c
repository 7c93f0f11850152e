/* ioctl(2) (Linux: fs/ioctl.c), and the terminal ioctls of the host's stdio
 * files, passed through to the host terminal. Which tty requests a real
 * terminal answers is the tty layer's business; until it exists, the host's
 * terminal answers TCGETS, TCSETS*, TIOCGWINSZ and TIOCGPGRP itself. */
#include <errno.h>
#include <string.h>

#include <uapi/fcntl.h>
#include <uapi/ioctls.h>
#include <uapi/stat.h>
#include <uapi/termbits.h>

#include "fs/internal.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "mm/mm.h"

static void
termios_from_host(struct termios *tios, const struct hostfs_termios *kt)
{
	tios->c_iflag = kt->c_iflag;
	tios->c_oflag = kt->c_oflag;
	tios->c_cflag = kt->c_cflag;
	tios->c_lflag = kt->c_lflag;
	tios->c_line = kt->c_line;
	_Static_assert(sizeof(tios->c_cc) == sizeof(kt->c_cc), "NCCS");
	memcpy(tios->c_cc, kt->c_cc, sizeof(tios->c_cc));
}

static void
termios_to_host(struct hostfs_termios *kt, const struct termios *tios)
{
	kt->c_iflag = tios->c_iflag;
	kt->c_oflag = tios->c_oflag;
	kt->c_cflag = tios->c_cflag;
	kt->c_lflag = tios->c_lflag;
	kt->c_line = tios->c_line;
	memcpy(kt->c_cc, tios->c_cc, sizeof(kt->c_cc));
}

/* TCSETS, TCSETSW, TCSETSF. The host is asked first whether this is a
 * terminal at all, so a pipe says ENOTTY before a bad pointer says EFAULT,
 * as Linux's order of checks has it. */
static long
hostfd_tcsets(struct task_struct *t, int fd, unsigned int cmd, uaddr_t arg)
{
	enum hostfs_tcsets_when when = cmd == TCSETS ? HOSTFS_TCSANOW :
				       cmd == TCSETSW ? HOSTFS_TCSADRAIN :
							HOSTFS_TCSAFLUSH;
	struct hostfs_termios kt;
	struct termios tios;
	long err = hostfs_tcgets(fd, &kt);

	if (err)
		return err;
	if (copy_from_user(t->mm, &tios, arg, sizeof(tios)) < 0)
		return -EFAULT;
	termios_to_host(&kt, &tios);
	return hostfs_tcsets(fd, when, &kt);
}

long
hostfd_ioctl(struct task_struct *t, struct file *file, unsigned int cmd,
	     uaddr_t arg)
{
	int fd = file->f_inode->i_hostfd;
	struct hostfs_termios kt;
	struct termios tios;
	struct winsize ws;
	uint16_t w[4];
	int pgrp;
	long err;

	switch (cmd) {
	case TCGETS:
		err = hostfs_tcgets(fd, &kt);
		if (err)
			return err;
		termios_from_host(&tios, &kt);
		return copy_to_user(t->mm, arg, &tios, sizeof(tios)) < 0 ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return hostfd_tcsets(t, fd, cmd, arg);
	case TIOCGWINSZ:
		err = hostfs_tiocgwinsz(fd, w);
		if (err)
			return err;
		ws = (struct winsize){ w[0], w[1], w[2], w[3] };
		return copy_to_user(t->mm, arg, &ws, sizeof(ws)) < 0 ? -EFAULT : 0;
	case TIOCGPGRP:
		err = hostfs_tiocgpgrp(fd, &pgrp);
		if (err)
			return err;
		return copy_to_user(t->mm, arg, &pgrp, sizeof(pgrp)) < 0 ? -EFAULT : 0;
	default:
		return -ENOTTY;
	}
}

/* FIONREAD on a regular file: the bytes between f_pos and the end. */
static long
ioctl_fionread(struct task_struct *t, struct file *filp, uaddr_t arg)
{
	struct kstat stat;
	long err = vfs_getattr(filp->f_inode, &stat, STATX_SIZE);
	int n;

	if (err)
		return err;
	n = stat.size - filp->f_pos;
	return copy_to_user(t->mm, arg, &n, sizeof(n)) < 0 ? -EFAULT : 0;
}

/* The requests every file answers (do_vfs_ioctl); -ENOIOCTLCMD for the
 * rest, which go to the file's own unlocked_ioctl. */
static long
do_vfs_ioctl(struct task_struct *t, struct file *filp, unsigned int fd,
	     unsigned int cmd, uaddr_t arg)
{
	int on;

	switch (cmd) {
	case FIOCLEX:
		set_close_on_exec(t->files, fd, true);
		return 0;
	case FIONCLEX:
		set_close_on_exec(t->files, fd, false);
		return 0;
	case FIONBIO:
		if (copy_from_user(t->mm, &on, arg, sizeof(on)) < 0)
			return -EFAULT;
		if (on)
			filp->f_flags |= O_NONBLOCK;
		else
			filp->f_flags &= ~O_NONBLOCK;
		return 0;
	case FIONREAD:
		if (!S_ISREG(filp->f_inode->i_mode))
			return -ENOIOCTLCMD;
		return ioctl_fionread(t, filp, arg);
	default:
		return -ENOIOCTLCMD;
	}
}

/* vfs_ioctl: a file without ioctls, or one that does not know cmd, is not a
 * terminal or device for it: ENOTTY. */
static long
vfs_ioctl(struct task_struct *t, struct file *filp, unsigned int cmd,
	  uaddr_t arg)
{
	long err;

	if (!filp->f_op->unlocked_ioctl)
		return -ENOTTY;
	err = filp->f_op->unlocked_ioctl(t, filp, cmd, arg);
	return err == -ENOIOCTLCMD ? -ENOTTY : err;
}

SYSCALL_DEFINE3(ioctl, unsigned int, fd, unsigned int, cmd, uaddr_t, arg)
{
	struct file *filp = fget(current, fd);
	long err;

	if (!filp)
		return -EBADF;
	err = do_vfs_ioctl(current, filp, fd, cmd, arg);
	if (err == -ENOIOCTLCMD)
		err = vfs_ioctl(current, filp, cmd, arg);
	fput(filp);
	return err;
}
