/* read, write and seek (Linux: fs/read_write.c).
 *
 * File operations work on kernel buffers; this layer moves the bytes
 * between them and guest memory through copy_to_user/copy_from_user, one
 * bounce buffer of at most RW_CHUNK at a time. A readv or writev is one
 * operation on the file, as Linux's read_iter makes it: a pipe or terminal
 * sees one read, not one per segment. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

#include <taskbox/err.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>
#include <uapi/uio.h>

#include "fs/internal.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "mm/mm.h"

#define MAX_RW_COUNT	(INT_MAX & PAGE_MASK)	/* longest single transfer */
#define RW_CHUNK	(1UL << 20)		/* bounce buffer bound */

/* Linux's access_ok: the range lies in user space. Whether it is mapped is
 * found out by the copy. */
static bool
access_ok(uaddr_t addr, size_t size)
{
	return size <= TASK_SIZE && addr <= TASK_SIZE - size;
}

/* Where read/write keep the position: NULL for stream-like files, whose
 * position, if any, is not ours (file_ppos). */
static loff_t *
file_ppos(struct file *file)
{
	return (file->f_mode & FMODE_STREAM) ? NULL : &file->f_pos;
}

/* Copy len bytes between buf and the guest segments, starting skip bytes
 * into them; to_user picks the direction. */
static long
copy_iovec(struct mm_struct *mm, const struct iovec *iov, int nr_segs,
	   size_t skip, char *buf, size_t len, bool to_user)
{
	for (; nr_segs > 0 && len > 0; iov++, nr_segs--) {
		size_t n;
		long err;

		if (skip >= iov->iov_len) {
			skip -= iov->iov_len;
			continue;
		}
		n = iov->iov_len - skip;
		if (n > len)
			n = len;
		err = to_user ? copy_to_user(mm, iov->iov_base + skip, buf, n)
			      : copy_from_user(mm, buf, iov->iov_base + skip, n);
		if (err < 0)
			return err;
		buf += n;
		len -= n;
		skip = 0;
	}
	return 0;
}

/* One read over the segments (do_iter_read). A regular file is read on
 * until the total or end of file; anything else returns after one read,
 * which may have blocked. pos is NULL for stream-like files. */
static ssize_t
do_iter_read(struct task_struct *t, struct file *file, const struct iovec *iov,
	     int nr_segs, size_t total, loff_t *pos)
{
	size_t chunk = total < RW_CHUNK ? total : RW_CHUNK;
	char *buf = malloc(chunk ? chunk : 1);
	size_t done = 0;
	ssize_t ret;

	if (!buf)
		return -ENOMEM;
	do {
		size_t n = total - done < chunk ? total - done : chunk;
		loff_t p = pos ? *pos : 0;

		ret = file->f_op->read(t, file, buf, n, pos ? &p : NULL);
		if (ret <= 0)
			break;
		/* Bytes the guest cannot take are not consumed from a file
		 * with a position; from a stream they are lost, as EFAULT. */
		if (copy_iovec(t->mm, iov, nr_segs, done, buf, ret, true) < 0) {
			ret = -EFAULT;
			break;
		}
		if (pos)
			*pos = p;
		done += ret;
		if ((size_t)ret < n || !S_ISREG(file->f_inode->i_mode))
			break;
	} while (done < total);
	free(buf);
	return done ? (ssize_t)done : ret;
}

static ssize_t
do_iter_write(struct task_struct *t, struct file *file, const struct iovec *iov,
	      int nr_segs, size_t total, loff_t *pos)
{
	size_t chunk = total < RW_CHUNK ? total : RW_CHUNK;
	size_t done = 0;
	ssize_t ret;
	char *buf;

	if (file->f_op->write_ignores_buf)
		return file->f_op->write(t, file, NULL, total, pos);
	buf = malloc(chunk ? chunk : 1);
	if (!buf)
		return -ENOMEM;
	do {
		size_t n = total - done < chunk ? total - done : chunk;
		loff_t p = pos ? *pos : 0;

		if (copy_iovec(t->mm, iov, nr_segs, done, buf, n, false) < 0) {
			ret = -EFAULT;
			break;
		}
		ret = file->f_op->write(t, file, buf, n, pos ? &p : NULL);
		if (ret <= 0)
			break;
		if (pos)
			*pos = p;
		done += ret;
		if ((size_t)ret < n)
			break;
	} while (done < total);
	free(buf);
	return done ? (ssize_t)done : ret;
}

/* RLIMIT_FSIZE (Linux: generic_write_check_limits): a write starting at
 * the limit fails with EFBIG and SIGXFSZ; one crossing it is cut short. */
int
generic_write_check_limits(struct task_struct *t, loff_t pos, size_t *count)
{
	uint64_t limit = t->signal->rlim[RLIMIT_FSIZE].rlim_cur;

	if (limit == RLIM64_INFINITY)
		return 0;
	if ((uint64_t)pos >= limit) {
		send_sig(SIGXFSZ, t);
		return -EFBIG;
	}
	if (*count > limit - (uint64_t)pos)
		*count = limit - (uint64_t)pos;
	return 0;
}

/* rw_verify_area: a position must not be negative, nor overflow. */
static int
rw_verify_area(loff_t *pos, size_t count)
{
	loff_t end;

	if (!pos)
		return 0;
	if (*pos < 0 || __builtin_add_overflow(*pos, (loff_t)count, &end))
		return -EINVAL;
	return 0;
}

/* Count one read or write call and its bytes for /proc/PID/io (Linux:
 * add_rchar, inc_syscr and their write twins, at the end of vfs_read). A
 * call that went to sleep is counted when it runs again. */
static ssize_t
io_account(struct task_struct *t, ssize_t ret, bool write)
{
	if (ret == -ESLEEP)
		return ret;
	if (write) {
		t->ioac.syscw++;
		t->ioac.wchar += ret > 0 ? (uint64_t)ret : 0;
	} else {
		t->ioac.syscr++;
		t->ioac.rchar += ret > 0 ? (uint64_t)ret : 0;
	}
	return ret;
}

ssize_t
vfs_read(struct task_struct *t, struct file *file, uaddr_t buf, size_t count,
	 loff_t *pos)
{
	struct iovec iov;
	int err;

	if (!(file->f_mode & FMODE_READ))
		return -EBADF;
	if (!file->f_op->read)
		return -EINVAL;
	if (!access_ok(buf, count))
		return -EFAULT;
	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;
	err = rw_verify_area(pos, count);
	if (err)
		return err;
	iov.iov_base = buf;
	iov.iov_len = count;
	return io_account(t, do_iter_read(t, file, &iov, 1, count, pos), false);
}

ssize_t
vfs_write(struct task_struct *t, struct file *file, uaddr_t buf, size_t count,
	  loff_t *pos)
{
	struct iovec iov;
	int err;

	if (!(file->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!file->f_op->write)
		return -EINVAL;
	if (!access_ok(buf, count))
		return -EFAULT;
	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;
	err = rw_verify_area(pos, count);
	if (err)
		return err;
	iov.iov_base = buf;
	iov.iov_len = count;
	return io_account(t, do_iter_write(t, file, &iov, 1, count, pos), true);
}

/* Copy in and check a guest iovec array (import_iovec): at most
 * UIO_MAXIOV segments, none longer than SSIZE_MAX, each in user space; the
 * total is cut at MAX_RW_COUNT. *iovp is NULL for zero segments. */
static long
import_iovec(struct task_struct *t, uaddr_t uvec, unsigned long nr_segs,
	     struct iovec **iovp, size_t *total)
{
	struct iovec *iov;
	unsigned long i;
	size_t sum = 0;

	*iovp = NULL;
	*total = 0;
	if (nr_segs > UIO_MAXIOV)
		return -EINVAL;
	if (nr_segs == 0)
		return 0;
	iov = malloc(nr_segs * sizeof(*iov));
	if (!iov)
		return -ENOMEM;
	if (copy_from_user(t->mm, iov, uvec, nr_segs * sizeof(*iov)) < 0)
		goto out_fault;
	for (i = 0; i < nr_segs; i++) {
		if ((int64_t)iov[i].iov_len < 0) {
			free(iov);
			return -EINVAL;
		}
		if (!access_ok(iov[i].iov_base, iov[i].iov_len))
			goto out_fault;
		if (iov[i].iov_len > MAX_RW_COUNT - sum)
			iov[i].iov_len = MAX_RW_COUNT - sum;
		sum += iov[i].iov_len;
	}
	*iovp = iov;
	*total = sum;
	return 0;

out_fault:
	free(iov);
	return -EFAULT;
}

/* readv and writev (vfs_readv, vfs_writev); preadv/pwritev share them. */
static ssize_t
vfs_rw_vec(struct task_struct *t, struct file *file, uaddr_t vec,
	   unsigned long vlen, loff_t *pos, bool write)
{
	struct iovec *iov;
	size_t total;
	ssize_t ret;

	if (!(file->f_mode & (write ? FMODE_WRITE : FMODE_READ)))
		return -EBADF;
	if (write ? !file->f_op->write : !file->f_op->read)
		return -EINVAL;
	ret = import_iovec(t, vec, vlen, &iov, &total);
	if (ret < 0)
		return ret;
	if (total == 0)
		goto out;
	ret = rw_verify_area(pos, total);
	if (!ret)
		ret = write ? do_iter_write(t, file, iov, vlen, total, pos)
			    : do_iter_read(t, file, iov, vlen, total, pos);
out:
	free(iov);
	return io_account(t, ret, write);
}

enum rw_op { RW_READ, RW_WRITE, RW_READV, RW_WRITEV };

/* The syscalls that use the file position (ksys_read and friends): work on
 * a copy and store it back on success, as fdget_pos/fdput_pos do. */
static ssize_t
rw_at_file_pos(struct task_struct *t, unsigned int fd, uaddr_t buf,
	       size_t count, unsigned long vlen, enum rw_op op)
{
	struct file *file = fget(t, fd);
	loff_t pos, *ppos;
	ssize_t ret;

	if (!file)
		return -EBADF;
	ppos = file_ppos(file);
	if (ppos) {
		pos = *ppos;
		ppos = &pos;
	}
	switch (op) {
	case RW_READ:
		ret = vfs_read(t, file, buf, count, ppos);
		break;
	case RW_WRITE:
		ret = vfs_write(t, file, buf, count, ppos);
		break;
	case RW_READV:
		ret = vfs_rw_vec(t, file, buf, vlen, ppos, false);
		break;
	default:
		ret = vfs_rw_vec(t, file, buf, vlen, ppos, true);
		break;
	}
	if (ret >= 0 && ppos)
		file->f_pos = pos;
	fput(file);
	return ret;
}

SYSCALL_DEFINE3(read, unsigned int, fd, uaddr_t, buf, size_t, count)
{
	return rw_at_file_pos(current, fd, buf, count, 0, RW_READ);
}

SYSCALL_DEFINE3(write, unsigned int, fd, uaddr_t, buf, size_t, count)
{
	return rw_at_file_pos(current, fd, buf, count, 0, RW_WRITE);
}

SYSCALL_DEFINE3(readv, unsigned long, fd, uaddr_t, vec, unsigned long, vlen)
{
	return rw_at_file_pos(current, fd, vec, 0, vlen, RW_READV);
}

SYSCALL_DEFINE3(writev, unsigned long, fd, uaddr_t, vec, unsigned long, vlen)
{
	return rw_at_file_pos(current, fd, vec, 0, vlen, RW_WRITEV);
}

/* pread64/pwrite64 (ksys_pread64): a negative offset is EINVAL before the
 * fd is even looked at; a file without positions is ESPIPE. */
static ssize_t
rw_at(struct task_struct *t, unsigned int fd, uaddr_t buf, size_t count,
      loff_t pos, bool write)
{
	struct file *file;
	ssize_t ret;

	if (pos < 0)
		return -EINVAL;
	file = fget(t, fd);
	if (!file)
		return -EBADF;
	ret = -ESPIPE;
	if (file->f_mode & (write ? FMODE_PWRITE : FMODE_PREAD))
		ret = write ? vfs_write(t, file, buf, count, &pos)
			    : vfs_read(t, file, buf, count, &pos);
	fput(file);
	return ret;
}

SYSCALL_DEFINE4(pread64, unsigned int, fd, uaddr_t, buf, size_t, count,
		loff_t, pos)
{
	return rw_at(current, fd, buf, count, pos, false);
}

SYSCALL_DEFINE4(pwrite64, unsigned int, fd, uaddr_t, buf, size_t, count,
		loff_t, pos)
{
	return rw_at(current, fd, buf, count, pos, true);
}

loff_t
vfs_llseek(struct file *file, loff_t offset, int whence)
{
	if (!(file->f_mode & FMODE_LSEEK) || !file->f_op->llseek)
		return -ESPIPE;
	return file->f_op->llseek(file, offset, whence);
}

SYSCALL_DEFINE3(lseek, unsigned int, fd, loff_t, offset, unsigned int, whence)
{
	struct file *file = fget(current, fd);
	loff_t ret = -EINVAL;

	if (!file)
		return -EBADF;
	if (whence <= SEEK_MAX)
		ret = vfs_llseek(file, offset, whence);
	fput(file);
	return ret;
}
