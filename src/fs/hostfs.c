/* hostfs: the guest's root filesystem over a host directory, the host's
 * stdio files, and the host terminal calls. This is the host boundary of
 * the VFS: the only file in src/fs that includes the host's <fcntl.h> and
 * <sys/stat.h>, and it hands the rest of the kernel host-neutral values
 * (struct kstat, negative errno) only.
 *
 * The root is read-only: every host file is opened O_RDONLY or O_PATH, and
 * every lookup names exactly one component relative to a directory fd, with
 * O_NOFOLLOW; the walk in namei.c decides what names mean. */
#include <asm/termbits.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <taskbox/err.h>

#include "fs/internal.h"
#include "mm/mm.h"

/* Numbers that cross this boundary as they are, because Linux defines them
 * once for every architecture (linux/stat.h, linux/fs.h, errno-base.h):
 * file types and permission bits, d_type, statx masks, errno, O_ACCMODE. */
_Static_assert(S_IFMT == 0170000 && S_IFSOCK == 0140000 && S_IFLNK == 0120000 &&
	       S_IFREG == 0100000 && S_IFBLK == 0060000 && S_IFDIR == 0040000 &&
	       S_IFCHR == 0020000 && S_IFIFO == 0010000, "S_IF* are generic");
_Static_assert(DT_FIFO == 1 && DT_CHR == 2 && DT_DIR == 4 && DT_BLK == 6 &&
	       DT_REG == 8 && DT_LNK == 10 && DT_SOCK == 12, "DT_* are generic");
_Static_assert(STATX_BASIC_STATS == 0x7ff && STATX_BTIME == 0x800 &&
	       STATX_MNT_ID == 0x1000, "STATX_* are generic");
_Static_assert(ENOENT == 2 && EBADF == 9 && EACCES == 13 && ENOTDIR == 20 &&
	       ENAMETOOLONG == 36 && ELOOP == 40 && ENOTTY == 25,
	       "errno-base.h numbers");
_Static_assert(O_RDONLY == 0 && O_WRONLY == 1 && O_RDWR == 2 && O_ACCMODE == 3,
	       "access modes are generic");

/* glibc defines O_LARGEFILE as 0 on 64-bit hosts, yet the host kernel
 * reports its bit in F_GETFL for every file open() opened: the kernel's
 * value, asm-generic's except on arm64. */
#ifdef __aarch64__
#define HOST_O_LARGEFILE	0400000
#else
#define HOST_O_LARGEFILE	0100000
#endif

static struct timespec64
ts64(struct statx_timestamp ts)
{
	return (struct timespec64){ .tv_sec = ts.tv_sec, .tv_nsec = ts.tv_nsec };
}

static void
kstat_from_statx(struct kstat *stat, const struct statx *stx)
{
	memset(stat, 0, sizeof(*stat));
	stat->result_mask = stx->stx_mask;
	stat->mode = stx->stx_mode;
	stat->nlink = stx->stx_nlink;
	stat->blksize = stx->stx_blksize;
	stat->attributes = stx->stx_attributes;
	stat->attributes_mask = stx->stx_attributes_mask;
	stat->ino = stx->stx_ino;
	stat->dev = MKDEV(stx->stx_dev_major, stx->stx_dev_minor);
	stat->rdev = MKDEV(stx->stx_rdev_major, stx->stx_rdev_minor);
	stat->uid = stx->stx_uid;
	stat->gid = stx->stx_gid;
	stat->size = stx->stx_size;
	stat->blocks = stx->stx_blocks;
	stat->atime = ts64(stx->stx_atime);
	stat->mtime = ts64(stx->stx_mtime);
	stat->ctime = ts64(stx->stx_ctime);
	stat->btime = ts64(stx->stx_btime);
	stat->mnt_id = stx->stx_mnt_id;
}

/* Attributes of the object behind any host fd, O_PATH ones included; a
 * symlink's own. request_mask is passed on: the host answers exactly what
 * it would answer the guest. */
int
hostfs_stat(int fd, struct kstat *stat, uint32_t request_mask)
{
	struct statx stx;

	if (statx(fd, "", AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW, request_mask, &stx) < 0)
		return -errno;
	kstat_from_statx(stat, &stx);
	return 0;
}

/* One name in one directory, never followed: a new O_PATH fd. */
int
hostfs_lookup(int dir_fd, const char *name, struct kstat *stat)
{
	int fd = openat(dir_fd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	int err;

	if (fd < 0)
		return -errno;
	err = hostfs_stat(fd, stat, STATX_BASIC_STATS);
	if (err) {
		close(fd);
		return err;
	}
	return fd;
}

int
hostfs_lookup_dotdot(int dir_fd, struct kstat *stat)
{
	return hostfs_lookup(dir_fd, "..", stat);
}

/* The body of the symlink at an O_PATH fd, not NUL-terminated. */
int
hostfs_readlink(int fd, char *buf, size_t size)
{
	ssize_t len = readlinkat(fd, "", buf, size);

	return len < 0 ? -errno : (int)len;
}

int
hostfs_dup(int fd)
{
	int new_fd = fcntl(fd, F_DUPFD_CLOEXEC, 0);

	return new_fd < 0 ? -errno : new_fd;
}

void
hostfs_close(int fd)
{
	if (fd >= 0)
		close(fd);
}

int
hostfs_statfs(int fd, bool rdonly, struct kstatfs *buf)
{
	struct statfs st;

	if (fstatfs(fd, &st) < 0)
		return -errno;
	memset(buf, 0, sizeof(*buf));
	buf->f_type = st.f_type;
	buf->f_bsize = st.f_bsize;
	buf->f_blocks = st.f_blocks;
	buf->f_bfree = st.f_bfree;
	buf->f_bavail = st.f_bavail;
	buf->f_files = st.f_files;
	buf->f_ffree = st.f_ffree;
	memcpy(buf->f_fsid, &st.f_fsid, sizeof(buf->f_fsid));
	buf->f_namelen = st.f_namelen;
	buf->f_frsize = st.f_frsize;
	buf->f_flags = st.f_flags | (rdonly ? ST_RDONLY : 0);
	return 0;
}

/* ------------------------------------------------------------------------
 * Mounting and binding
 * ---------------------------------------------------------------------- */

int
hostfs_mount(const char *host_dir, struct dentry **root)
{
	int fd = open(host_dir, O_PATH | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	*root = d_alloc(fd, strdup("/"));
	return *root ? 0 : -ENOMEM;
}

/* Resolve a host file for vfs_bind_host_file: its real directory, held
 * open, and its name there. Only a regular file can be bound. */
int
hostfs_bind(const char *host_path, int *dir_fd, char **name)
{
	char *real = realpath(host_path, NULL);
	struct stat st;
	int err;

	if (!real)
		return -errno;
	err = -EINVAL;
	if (stat(real, &st) < 0 || !S_ISREG(st.st_mode))
		goto out_free;
	err = -ENOMEM;
	*name = strdup(basename(real));
	if (!*name)
		goto out_free;
	*dir_fd = open(dirname(real), O_PATH | O_DIRECTORY | O_CLOEXEC);
	err = *dir_fd < 0 ? -errno : 0;
	if (err)
		free(*name);
out_free:
	free(real);
	return err;
}

/* ------------------------------------------------------------------------
 * Inodes and files of the root
 * ---------------------------------------------------------------------- */

static void
hostfs_evict_inode(struct inode *inode)
{
	hostfs_close(inode->i_hostfd);
}

static int
hostfs_super_statfs(struct inode *inode, struct kstatfs *buf)
{
	return hostfs_statfs(inode->i_hostfd, inode->i_sb->s_flags & SB_RDONLY, buf);
}

const struct super_operations hostfs_super_ops = {
	.evict_inode = hostfs_evict_inode,
	.statfs = hostfs_super_statfs,
};

static int
hostfs_getattr(struct inode *inode, struct kstat *stat, uint32_t request_mask)
{
	return hostfs_stat(inode->i_hostfd, stat, request_mask);
}

static const struct inode_operations hostfs_inode_operations = {
	.getattr = hostfs_getattr,
};

/* Our f_pos is the position: the host fd's own offset is never used. */
static ssize_t
hostfs_read(struct task_struct *current, struct file *file, char *buf,
	    size_t count, loff_t *pos)
{
	ssize_t n;

	(void)current;
	n = pread(file->f_inode->i_hostfd, buf, count, *pos);
	if (n < 0)
		return -errno;
	*pos += n;
	return n;
}

/* The host checks whence and the result, and knows SEEK_DATA/SEEK_HOLE
 * and the directory cookies of its filesystem. */
static loff_t
hostfs_llseek(struct file *file, loff_t offset, int whence)
{
	off_t res;

	if (whence == SEEK_CUR) {
		if (__builtin_add_overflow(file->f_pos, offset, &offset))
			return -EINVAL;
		whence = SEEK_SET;
	}
	res = lseek(file->f_inode->i_hostfd, offset, whence);
	if (res < 0)
		return -errno;
	file->f_pos = res;
	return res;
}

static int
hostfs_fsync(struct file *file, int datasync)
{
	(void)file;
	(void)datasync;
	return 0;			/* read-only: nothing to write back */
}

static const struct file_operations hostfs_file_operations = {
	.llseek = hostfs_llseek,
	.read = hostfs_read,
	.fsync = hostfs_fsync,
	.mmap = generic_file_readonly_mmap,
};

/* read(2) of a directory (generic_read_dir). */
static ssize_t
hostfs_read_dir(struct task_struct *current, struct file *file, char *buf,
		size_t count, loff_t *pos)
{
	(void)current, (void)file, (void)buf, (void)count, (void)pos;
	return -EISDIR;
}

/* Emit one host record; at the guest root, ".." is the root itself, as at
 * the root of any Linux mount namespace. */
static bool
hostfs_emit(struct dir_context *ctx, const struct dirent64 *d, uint64_t root_ino)
{
	uint64_t ino = d->d_ino;

	if (root_ino && strcmp(d->d_name, "..") == 0)
		ino = root_ino;
	return ctx->actor(ctx, d->d_name, strlen(d->d_name), d->d_off, ino,
			  d->d_type);
}

/* Walk the host directory from ctx->pos; ctx->pos follows each entry the
 * actor takes, so the next call resumes at the first one it refused. */
static int
hostfs_iterate(struct file *file, struct dir_context *ctx)
{
	int fd = file->f_inode->i_hostfd;
	uint64_t root_ino = 0;
	char buf[8192];
	ssize_t n, off;

	if (strcmp(file->f_path, "/") == 0) {
		struct stat st;

		if (fstat(fd, &st) == 0)
			root_ino = st.st_ino;
	}
	if (lseek(fd, ctx->pos, SEEK_SET) < 0)
		return -errno;
	while ((n = getdents64(fd, buf, sizeof(buf))) > 0) {
		for (off = 0; off < n;) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);

			if (!hostfs_emit(ctx, d, root_ino))
				return 0;
			ctx->pos = d->d_off;
			off += d->d_reclen;
		}
	}
	return n < 0 ? -errno : 0;
}

static const struct file_operations hostfs_dir_operations = {
	.llseek = hostfs_llseek,
	.read = hostfs_read_dir,
	.iterate_shared = hostfs_iterate,
	.fsync = hostfs_fsync,
};

static struct inode *
hostfs_new_inode(struct super_block *sb, int fd, umode_t mode)
{
	struct inode *inode = new_inode(sb);

	if (!inode) {
		close(fd);
		return ERR_PTR(-ENOMEM);
	}
	inode->i_mode = mode;
	inode->i_op = &hostfs_inode_operations;
	inode->i_fop = S_ISDIR(mode) ? &hostfs_dir_operations
				     : &hostfs_file_operations;
	inode->i_hostfd = fd;
	return inode;
}

/* Open for reading: name in the directory dir_fd, or, with name NULL, the
 * directory dir_fd itself. O_NONBLOCK so nothing can wait on the host. */
struct inode *
hostfs_open(struct super_block *sb, int dir_fd, const char *name,
	    const struct kstat *stat)
{
	int flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | O_NOFOLLOW;
	int fd;

	if (name)
		fd = openat(dir_fd, name, flags);
	else
		fd = openat(dir_fd, ".", flags | O_DIRECTORY);
	if (fd < 0)
		return ERR_PTR(-errno);
	return hostfs_new_inode(sb, fd, stat->mode);
}

/* An inode on a copy of fd, for O_PATH files and reopening an open file. */
struct inode *
hostfs_path_inode(struct super_block *sb, int fd, const struct kstat *stat)
{
	int new_fd = hostfs_dup(fd);

	if (new_fd < 0)
		return ERR_PTR(new_fd);
	return hostfs_new_inode(sb, new_fd, stat->mode);
}

/* ------------------------------------------------------------------------
 * The host's stdin, stdout and stderr
 * ---------------------------------------------------------------------- */

/* A host EINTR (taskbox itself caught a signal) is not the guest's: the
 * syscall restarts unless a guest signal is pending by then. */
static ssize_t
hostfd_errno(void)
{
	return errno == EINTR ? -ERESTARTSYS : -errno;
}

/* pos is NULL for read(2) (the host's offset moves) and points at the
 * offset for pread(2). Blocking, for now, on a host pipe or terminal. */
static ssize_t
hostfd_read(struct task_struct *current, struct file *file, char *buf,
	    size_t count, loff_t *pos)
{
	int fd = file->f_inode->i_hostfd;
	ssize_t n;

	(void)current;
	n = pos ? pread(fd, buf, count, *pos) : read(fd, buf, count);
	if (n < 0)
		return hostfd_errno();
	if (pos)
		*pos += n;
	return n;
}

/* EPIPE comes back without the SIGPIPE Linux would also send: taskbox
 * ignores the host's, and raising the guest's belongs to the caller. */
static ssize_t
hostfd_write(struct task_struct *current, struct file *file, const char *buf,
	     size_t count, loff_t *pos)
{
	int fd = file->f_inode->i_hostfd;
	ssize_t n;

	(void)current;
	n = pos ? pwrite(fd, buf, count, *pos) : write(fd, buf, count);
	if (n < 0)
		return hostfd_errno();
	if (pos)
		*pos += n;
	return n;
}

static loff_t
hostfd_llseek(struct file *file, loff_t offset, int whence)
{
	off_t res = lseek(file->f_inode->i_hostfd, offset, whence);

	return res < 0 ? -errno : res;
}

static int
hostfd_fsync(struct file *file, int datasync)
{
	int fd = file->f_inode->i_hostfd;

	if ((datasync ? fdatasync(fd) : fsync(fd)) < 0)
		return -errno;
	return 0;
}

static const struct file_operations hostfd_operations = {
	.llseek = hostfd_llseek,
	.read = hostfd_read,
	.write = hostfd_write,
	.unlocked_ioctl = hostfd_ioctl,
	.fsync = hostfd_fsync,
};

/* A guest inode on a copy of host_fd, which shares the host's open file
 * description. -EBADF if the host fd is not open. Whatever it is (even a
 * host directory) it is no part of the root: sb says so to the walk. */
/* An inode of the stdio superblock on host fd fd (closed on failure). */
static struct inode *
hostfd_new_inode(struct super_block *sb, int fd)
{
	struct inode *inode;
	struct kstat stat;
	int err = hostfs_stat(fd, &stat, STATX_TYPE | STATX_MODE);

	inode = err ? ERR_PTR(err) : new_inode(sb);
	if (IS_ERR_OR_NULL(inode)) {
		close(fd);
		return inode ? inode : ERR_PTR(-ENOMEM);
	}
	inode->i_mode = stat.mode;
	inode->i_op = &hostfs_inode_operations;
	inode->i_fop = &hostfd_operations;
	inode->i_hostfd = fd;
	return inode;
}

struct inode *
hostfs_stdio_inode(struct super_block *sb, int host_fd,
		   struct hostfd_flags *flags)
{
	int fd, fl;

	fl = fcntl(host_fd, F_GETFL);
	if (fl < 0)
		return ERR_PTR(-errno);
	flags->accmode = fl & O_ACCMODE;
	flags->append = fl & O_APPEND;
	flags->nonblock = fl & O_NONBLOCK;
	flags->largefile = fl & HOST_O_LARGEFILE;
	fd = hostfs_dup(host_fd);
	if (fd < 0)
		return ERR_PTR(fd);
	return hostfd_new_inode(sb, fd);
}

/* A stdio file reopened by name (/proc/self/fd/0, /dev/stdout), as Linux
 * reopens through /proc/PID/fd: a new open file description with an offset
 * of its own, made by the host's own /proc/self/fd. O_TRUNC truncates what
 * taskbox's stdout is, as it would on Linux. The open never waits on the host
 * (a named FIFO without a writer): O_NONBLOCK is cleared afterwards unless
 * the guest asked for it. */
struct inode *
hostfs_stdio_reopen(struct super_block *sb, const struct inode *old,
		    const struct hostfd_flags *flags, bool trunc)
{
	char path[32];
	int fd, fl = flags->accmode | O_CLOEXEC | O_NOCTTY | O_NONBLOCK;

	if (flags->append)
		fl |= O_APPEND;
	if (trunc)
		fl |= O_TRUNC;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", old->i_hostfd);
	fd = open(path, fl);
	if (fd < 0)
		return ERR_PTR(-errno);
	if (!flags->nonblock)
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return hostfd_new_inode(sb, fd);
}

/* ------------------------------------------------------------------------
 * The host terminal, for ioctl pass-through (the kernel's struct termios
 * of <asm/termbits.h>, not glibc's)
 * ---------------------------------------------------------------------- */

int
hostfs_tcgets(int fd, struct hostfs_termios *t)
{
	struct termios ht;

	if (ioctl(fd, TCGETS, &ht) < 0)
		return -errno;
	t->c_iflag = ht.c_iflag;
	t->c_oflag = ht.c_oflag;
	t->c_cflag = ht.c_cflag;
	t->c_lflag = ht.c_lflag;
	t->c_line = ht.c_line;
	_Static_assert(sizeof(t->c_cc) == sizeof(ht.c_cc), "NCCS");
	memcpy(t->c_cc, ht.c_cc, sizeof(t->c_cc));
	return 0;
}

int
hostfs_tcsets(int fd, enum hostfs_tcsets_when when, const struct hostfs_termios *t)
{
	static const unsigned long cmds[] = {
		[HOSTFS_TCSANOW] = TCSETS,
		[HOSTFS_TCSADRAIN] = TCSETSW,
		[HOSTFS_TCSAFLUSH] = TCSETSF,
	};
	struct termios ht = {
		.c_iflag = t->c_iflag,
		.c_oflag = t->c_oflag,
		.c_cflag = t->c_cflag,
		.c_lflag = t->c_lflag,
		.c_line = t->c_line,
	};

	memcpy(ht.c_cc, t->c_cc, sizeof(ht.c_cc));
	return ioctl(fd, cmds[when], &ht) < 0 ? -errno : 0;
}

int
hostfs_tiocgwinsz(int fd, uint16_t ws[4])
{
	struct winsize w;

	if (ioctl(fd, TIOCGWINSZ, &w) < 0)
		return -errno;
	ws[0] = w.ws_row;
	ws[1] = w.ws_col;
	ws[2] = w.ws_xpixel;
	ws[3] = w.ws_ypixel;
	return 0;
}

int
hostfs_tiocgpgrp(int fd, int *pgrp)
{
	pid_t p;

	if (ioctl(fd, TIOCGPGRP, &p) < 0)
		return -errno;
	*pgrp = p;
	return 0;
}
