/* Pipes (Linux: fs/pipe.c): a 64 KiB ring shared by a read end and a write
 * end. A reader with nothing to read sleeps on rd_wait, a writer without
 * room on wr_wait; both re-run their syscall when woken (kernel/wait.h).
 * Writes of at most PIPE_BUF bytes are atomic. */
#include <stdlib.h>
#include <string.h>

#include <uapi/fcntl.h>
#include <uapi/stat.h>

#include "fs/fs.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "kernel/wait.h"
#include "mm/mm.h"

#define PIPE_DEF_SIZE	65536
#define PIPE_BUF	4096
#define PIPE_MAX_SIZE	1048576		/* /proc/sys/fs/pipe-max-size */
#define FIONREAD_	0x541B

#define PIPE_MAX_PACKETS 256

struct pipe_inode_info {
	uint8_t *buf;
	size_t size, head, len;		/* ring capacity, read index, bytes held */
	/* O_DIRECT ("packet") writes: the length of each packet still held,
	 * oldest first. A packet-mode read takes one packet whole. */
	size_t pkt[PIPE_MAX_PACKETS];
	unsigned pkt_head, pkt_count;
	int readers, writers;
	unsigned int r_counter, w_counter;	/* opens so far (FIFOs) */
	struct wait_queue_head rd_wait, wr_wait;
};

/* Drop n bytes from the front, keeping the packet lengths in step. */
static void
pipe_consume(struct pipe_inode_info *pipe, size_t n)
{
	pipe->head = (pipe->head + n) % pipe->size;
	pipe->len -= n;
	while (n && pipe->pkt_count) {
		size_t *p = &pipe->pkt[pipe->pkt_head];
		size_t take = n < *p ? n : *p;

		*p -= take;
		n -= take;
		if (!*p) {
			pipe->pkt_head = (pipe->pkt_head + 1) % PIPE_MAX_PACKETS;
			pipe->pkt_count--;
		}
	}
}

static ssize_t
pipe_read(struct task_struct *t, struct file *file, char *buf, size_t count,
	  loff_t *pos)
{
	struct pipe_inode_info *pipe = file->f_inode->i_private;
	size_t n, first;

	(void)pos;
	if (!count)
		return 0;
	if (!pipe->len) {
		if (!pipe->writers)
			return 0;
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (signal_pending(t))
			return -ERESTARTSYS;
		return wait_event_sleep(t, &pipe->rd_wait, TASK_INTERRUPTIBLE);
	}
	n = count < pipe->len ? count : pipe->len;
	if (pipe->pkt_count && (file->f_flags & O_DIRECT) && n > pipe->pkt[pipe->pkt_head])
		n = pipe->pkt[pipe->pkt_head];
	first = pipe->size - pipe->head < n ? pipe->size - pipe->head : n;
	memcpy(buf, pipe->buf + pipe->head, first);
	memcpy(buf + first, pipe->buf, n - first);
	/* A packet-mode reader consumes the whole packet (Linux drops the rest). */
	pipe_consume(pipe, (pipe->pkt_count && (file->f_flags & O_DIRECT)) ?
		     pipe->pkt[pipe->pkt_head] : n);
	wake_up(&pipe->wr_wait);
	return (ssize_t)n;
}

static void
pipe_fill(struct pipe_inode_info *pipe, const char *buf, size_t n)
{
	size_t tail = (pipe->head + pipe->len) % pipe->size;
	size_t first = pipe->size - tail < n ? pipe->size - tail : n;

	memcpy(pipe->buf + tail, buf, first);
	memcpy(pipe->buf, buf + first, n - first);
	pipe->len += n;
}

/* Progress across sleeps is kept in syscall_progress (bytes written). */
static ssize_t
pipe_write(struct task_struct *t, struct file *file, const char *buf,
	   size_t count, loff_t *pos)
{
	struct pipe_inode_info *pipe = file->f_inode->i_private;
	size_t done = t->syscall_progress, room, n;

	(void)pos;
	if (!count)
		return 0;		/* Linux checks for readers only with data */
	if (!pipe->readers) {
		send_sig(SIGPIPE, t);
		return done ? (ssize_t)done : -EPIPE;
	}
	room = pipe->size - pipe->len;
	n = count - done < room ? count - done : room;
	if (count <= PIPE_BUF && room < count)
		n = 0;			/* small writes go in whole or not at all */
	if ((file->f_flags & O_DIRECT) && n) {
		/* Packets of at most a page each (Linux: one pipe_buffer). */
		if (n > PAGE_SIZE)
			n = PAGE_SIZE;
		if (pipe->pkt_count == PIPE_MAX_PACKETS)
			n = 0;
		else
			pipe->pkt[(pipe->pkt_head + pipe->pkt_count++) % PIPE_MAX_PACKETS] = n;
	}
	if (n) {
		pipe_fill(pipe, buf + done, n);
		done += n;
		wake_up(&pipe->rd_wait);
	}
	if (done == count)
		return (ssize_t)count;
	if (n && (file->f_flags & O_DIRECT) && pipe->len < pipe->size) {
		t->syscall_progress = done;	/* more packets fit: go on */
		return pipe_write(t, file, buf, count, pos);
	}
	if (file->f_flags & O_NONBLOCK)
		return done ? (ssize_t)done : -EAGAIN;
	if (signal_pending(t))
		return done ? (ssize_t)done : -ERESTARTSYS;
	t->syscall_progress = done;
	return wait_event_sleep(t, &pipe->wr_wait, TASK_INTERRUPTIBLE);
}

static int
pipe_release(struct inode *inode, struct file *file)
{
	struct pipe_inode_info *pipe = inode->i_private;

	if (file->f_mode & FMODE_READ)
		pipe->readers--;
	if (file->f_mode & FMODE_WRITE)
		pipe->writers--;
	wake_up(&pipe->rd_wait);
	wake_up(&pipe->wr_wait);
	if (!pipe->readers && !pipe->writers) {
		free(pipe->buf);
		free(pipe);
		inode->i_private = NULL;
	}
	return 0;
}

static loff_t
no_llseek(struct file *file, loff_t offset, int whence)
{
	(void)file; (void)offset; (void)whence;
	return -ESPIPE;
}

static long
pipe_ioctl(struct task_struct *t, struct file *file, unsigned int cmd, uaddr_t arg)
{
	struct pipe_inode_info *pipe = file->f_inode->i_private;
	int32_t n = (int32_t)pipe->len;

	if (cmd != FIONREAD_)
		return -ENOIOCTLCMD;
	return copy_to_user(t->mm, arg, &n, sizeof(n)) ? -EFAULT : 0;
}

/* Linux: pipe_poll. A pipe is writable while a page-sized slot is free. */
static unsigned int
pipe_poll(struct task_struct *t, struct file *file, bool queue)
{
	struct pipe_inode_info *pipe = file->f_inode->i_private;
	unsigned int mask = 0;

	if (queue) {
		if (file->f_mode & FMODE_READ)
			poll_wait(t, &pipe->rd_wait);
		if (file->f_mode & FMODE_WRITE)
			poll_wait(t, &pipe->wr_wait);
	}
	if (file->f_mode & FMODE_READ) {
		if (pipe->len)
			mask |= 0x0001 | 0x0040;	/* POLLIN | POLLRDNORM */
		if (!pipe->writers)
			mask |= 0x0010;			/* POLLHUP */
	}
	if (file->f_mode & FMODE_WRITE) {
		if ((pipe->len + PAGE_SIZE - 1) / PAGE_SIZE < pipe->size / PAGE_SIZE)
			mask |= 0x0004 | 0x0100;	/* POLLOUT | POLLWRNORM */
		if (!pipe->readers)
			mask |= 0x0008;			/* POLLERR */
	}
	return mask;
}

const struct file_operations pipefifo_fops = {
	.poll = pipe_poll,
	.llseek = no_llseek,
	.read = pipe_read,
	.write = pipe_write,
	.unlocked_ioctl = pipe_ioctl,
	.release = pipe_release,
};

/* Resize the ring to a power-of-two number of pages (Linux:
 * pipe_set_size/round_pipe_size); EBUSY if the data would not fit. */
static long
pipe_set_size(struct task_struct *t, struct pipe_inode_info *pipe, unsigned long arg)
{
	size_t size = PAGE_SIZE;
	uint8_t *buf;

	while (size < arg && size < ((size_t)1 << 31))
		size <<= 1;
	if (arg > ((size_t)1 << 31) || (size > PIPE_MAX_SIZE && t->cred->euid != 0))
		return arg > ((size_t)1 << 31) ? -EINVAL : -EPERM;
	if (size < pipe->len)
		return -EBUSY;
	buf = malloc(size);
	if (!buf)
		return -ENOMEM;
	for (size_t i = 0; i < pipe->len; i++)
		buf[i] = pipe->buf[(pipe->head + i) % pipe->size];
	free(pipe->buf);
	pipe->buf = buf;
	pipe->head = 0;
	pipe->size = size;
	wake_up(&pipe->wr_wait);
	return (long)size;
}

/* F_SETPIPE_SZ and F_GETPIPE_SZ (Linux: pipe_fcntl); EBADF if not a pipe. */
long
pipe_fcntl(struct task_struct *t, struct file *file, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *pipe;

	if (file->f_op != &pipefifo_fops)
		return -EBADF;
	pipe = file->f_inode->i_private;
	if (cmd == F_GETPIPE_SZ)
		return (long)pipe->size;
	return pipe_set_size(t, pipe, arg);
}

/* Linux: alloc_pipe_info. */
static struct pipe_inode_info *
alloc_pipe_info(void)
{
	struct pipe_inode_info *pipe = calloc(1, sizeof(*pipe));

	if (!pipe || !(pipe->buf = malloc(PIPE_DEF_SIZE))) {
		free(pipe);
		return NULL;
	}
	pipe->size = PIPE_DEF_SIZE;
	init_waitqueue_head(&pipe->rd_wait);
	init_waitqueue_head(&pipe->wr_wait);
	return pipe;
}

static struct inode *
get_pipe_inode(struct kernel *k)
{
	struct inode *inode = new_inode(NULL);
	struct pipe_inode_info *pipe = alloc_pipe_info();

	if (!inode || !pipe) {
		free(pipe);
		free(inode);
		return NULL;
	}
	pipe->readers = pipe->writers = 1;
	inode->i_private = pipe;
	inode->i_mode = S_IFIFO | 0600;
	inode->i_ino = ++k->last_ino;
	inode->i_fop = &pipefifo_fops;
	return inode;
}

/* --- FIFOs ------------------------------------------------------------------ */

static void
wake_up_partner(struct pipe_inode_info *pipe)
{
	wake_up(&pipe->rd_wait);
	wake_up(&pipe->wr_wait);
}

/* Wait until the other side's open counter moves past the value seen at
 * the first attempt, kept in syscall_progress across re-runs (Linux:
 * wait_for_partner). 0: a partner came; -ESLEEP; -ERESTARTSYS. */
static int
wait_for_partner(struct task_struct *t, unsigned int *cnt, struct wait_queue_head *wq)
{
	if (!t->sleep_restart)
		t->syscall_progress = *cnt;
	if (*cnt != (unsigned int)t->syscall_progress)
		return 0;
	if (signal_pending(t))
		return -ERESTARTSYS;
	return (int)wait_event_sleep(t, wq, TASK_INTERRUPTIBLE);
}

/* Register one opener's ends, once: a re-run after a sleep is already in. */
static void
fifo_register(struct task_struct *t, struct pipe_inode_info *pipe, unsigned int mode)
{
	if (t->sleep_restart)
		return;
	if (mode & FMODE_READ) {
		pipe->r_counter++;
		if (pipe->readers++ == 0)
			wake_up_partner(pipe);
	}
	if (mode & FMODE_WRITE) {
		pipe->w_counter++;
		if (pipe->writers++ == 0)
			wake_up_partner(pipe);
	}
}

/* Open a FIFO of an in-memory filesystem (Linux: fifo_open). The first
 * opener makes the pipe, the last release frees it. A reader waits for a
 * writer and a writer for a reader, unless O_NONBLOCK (then a writer with
 * no reader fails: ENXIO); O_RDWR never waits. While an opener sleeps its
 * end stays counted, so the pipe lives on; a signal takes it back. An
 * anonymous pipe reopened through /proc/PID/fd/N (its inode has no
 * superblock: Linux's pipefs) never waits and never fails so: bash's <(...)
 * opens /dev/fd/63 after the writer may have exited. */
int
fifo_open(struct task_struct *t, struct file *file)
{
	struct inode *inode = file->f_inode;
	struct pipe_inode_info *pipe = inode->i_private;
	unsigned int mode = file->f_mode & (FMODE_READ | FMODE_WRITE);
	bool nonblock = file->f_flags & O_NONBLOCK, is_pipe = !inode->i_sb;
	int err = 0;

	if (!pipe) {
		pipe = alloc_pipe_info();
		if (!pipe)
			return -ENOMEM;
		inode->i_private = pipe;
	}
	file->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	if (mode == FMODE_WRITE && nonblock && !pipe->readers && !t->sleep_restart &&
	    !is_pipe)
		err = -ENXIO;
	else
		fifo_register(t, pipe, mode);
	if (is_pipe)
		return err;
	if (!err && mode == FMODE_READ && !pipe->writers && !nonblock)
		err = wait_for_partner(t, &pipe->w_counter, &pipe->rd_wait);
	else if (!err && mode == FMODE_WRITE && !pipe->readers)
		err = wait_for_partner(t, &pipe->r_counter, &pipe->wr_wait);
	if (err == -ERESTARTSYS)	/* give the end back (err_rd / err_wr) */
		pipe_release(inode, &(struct file){ .f_mode = mode });
	else if (err == -ENXIO && !pipe->readers && !pipe->writers)
		pipe_release(inode, &(struct file){ .f_mode = 0 });
	return err;
}

/* Make the two ends (Linux: create_pipe_files). */
static int
create_pipe_files(struct kernel *k, struct file **res, int flags)
{
	struct inode *inode = get_pipe_inode(k);

	if (!inode)
		return -ENFILE;
	res[0] = alloc_file(inode, O_RDONLY | (flags & (O_NONBLOCK | O_DIRECT)), &pipefifo_fops);
	if (IS_ERR(res[0])) {
		pipe_release(inode, &(struct file){ .f_mode = FMODE_READ | FMODE_WRITE });
		iput(inode);
		return (int)PTR_ERR(res[0]);
	}
	inode->i_count++;
	res[1] = alloc_file(inode, O_WRONLY | (flags & (O_NONBLOCK | O_DIRECT)), &pipefifo_fops);
	if (IS_ERR(res[1])) {
		fput(res[0]);	/* releases the read end */
		((struct pipe_inode_info *)inode->i_private)->writers = 0;
		iput(inode);
		return (int)PTR_ERR(res[1]);
	}
	for (int i = 0; i < 2; i++)
		res[i]->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	return 0;
}

/* Linux: do_pipe2. */
SYSCALL_DEFINE2(pipe2, uaddr_t, fildes, int, flags)
{
	struct file *files[2] = { NULL, NULL };
	int fd[2], err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	err = create_pipe_files(current->kernel, files, flags);
	if (err)
		return err;
	fd[0] = get_unused_fd_flags(current, flags);
	if (fd[0] < 0) {
		err = fd[0];
		goto out_fput;
	}
	fd[1] = get_unused_fd_flags(current, flags);
	if (fd[1] < 0) {
		err = fd[1];
		goto out_put_fd0;
	}
	if (copy_to_user(current->mm, fildes, fd, sizeof(fd))) {
		err = -EFAULT;
		put_unused_fd(current, fd[1]);
		goto out_put_fd0;
	}
	fd_install(current, fd[0], files[0]);
	fd_install(current, fd[1], files[1]);
	return 0;
out_put_fd0:
	put_unused_fd(current, fd[0]);
out_fput:
	fput(files[0]);
	fput(files[1]);
	return err;
}
