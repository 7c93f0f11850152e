/* The fd table (Linux: fs/file.c): files_struct, fd allocation (always the
 * lowest free fd, bounded by RLIMIT_NOFILE), close-on-exec, dup and dup3. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <taskbox/err.h>
#include <uapi/fcntl.h>

#include "fs/internal.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"

#ifndef RLIMIT_NOFILE
#define RLIMIT_NOFILE	7		/* asm-generic/resource.h */
#endif
#define INR_OPEN_CUR	1024		/* the default soft limit (linux/fs.h) */
#define NR_OPEN		(1024 * 1024)	/* sysctl fs.nr_open's default */
#define NR_OPEN_DEFAULT	64		/* slots a new table starts with */
#define BITS_PER_LONG	64
#define BITMAP_LONGS(n)	(((n) + BITS_PER_LONG - 1) / BITS_PER_LONG)

static bool
test_bit(unsigned int nr, const unsigned long *map)
{
	return map[nr / BITS_PER_LONG] & (1UL << (nr % BITS_PER_LONG));
}

static void
assign_bit(unsigned int nr, unsigned long *map, bool value)
{
	unsigned long mask = 1UL << (nr % BITS_PER_LONG);

	if (value)
		map[nr / BITS_PER_LONG] |= mask;
	else
		map[nr / BITS_PER_LONG] &= ~mask;
}

/* The first clear bit at or after start, or size if none. */
static unsigned int
find_next_zero_bit(const unsigned long *map, unsigned int size,
		   unsigned int start)
{
	unsigned int nr;

	for (nr = start; nr < size; nr++) {
		unsigned long word = map[nr / BITS_PER_LONG];

		if (nr % BITS_PER_LONG == 0 && word == ~0UL) {
			nr += BITS_PER_LONG - 1;	/* a full word */
			continue;
		}
		if (!(word & (1UL << (nr % BITS_PER_LONG))))
			return nr;
	}
	return size;
}

/* RLIMIT_NOFILE of t's process: fds at or above it cannot be allocated. A
 * task without a signal_struct (early boot, unit tests) gets the default. */
static unsigned long
task_rlimit_nofile(struct task_struct *t)
{
	uint64_t cur;

	if (!t || !t->signal)
		return INR_OPEN_CUR;
	cur = t->signal->rlim[RLIMIT_NOFILE].rlim_cur;
	return cur > NR_OPEN ? NR_OPEN : cur;
}

static struct files_struct *
files_alloc(unsigned int max_fds)
{
	struct files_struct *files = calloc(1, sizeof(*files));

	if (!files)
		return NULL;
	files->count = 1;
	files->max_fds = max_fds;
	files->fd = calloc(max_fds, sizeof(*files->fd));
	files->open_fds = calloc(BITMAP_LONGS(max_fds), sizeof(unsigned long));
	files->close_on_exec = calloc(BITMAP_LONGS(max_fds), sizeof(unsigned long));
	if (!files->fd || !files->open_fds || !files->close_on_exec) {
		free(files->fd);
		free(files->open_fds);
		free(files->close_on_exec);
		free(files);
		return NULL;
	}
	return files;
}

/* Grow the table so that fd nr fits (expand_files); sizes are powers of two. */
static int
expand_files(struct files_struct *files, unsigned int nr)
{
	unsigned int old = files->max_fds, size = old;
	size_t old_longs = BITMAP_LONGS(old), longs;
	struct file **fd;
	unsigned long *open_fds, *cloexec;

	if (nr < old)
		return 0;
	while (size <= nr)
		size *= 2;
	longs = BITMAP_LONGS(size);
	fd = realloc(files->fd, size * sizeof(*fd));
	if (!fd)
		return -ENOMEM;
	files->fd = fd;
	open_fds = realloc(files->open_fds, longs * sizeof(unsigned long));
	if (!open_fds)
		return -ENOMEM;
	files->open_fds = open_fds;
	cloexec = realloc(files->close_on_exec, longs * sizeof(unsigned long));
	if (!cloexec)
		return -ENOMEM;
	files->close_on_exec = cloexec;
	/* Commit: nothing below can fail. */
	memset(fd + old, 0, (size - old) * sizeof(*fd));
	memset(open_fds + old_longs, 0, (longs - old_longs) * sizeof(unsigned long));
	memset(cloexec + old_longs, 0, (longs - old_longs) * sizeof(unsigned long));
	files->max_fds = size;
	return 0;
}

/* Reserve the lowest free fd in [start, end) (alloc_fd). The slot stays
 * empty until fd_install. */
static int
alloc_fd(struct files_struct *files, unsigned int start, unsigned int end,
	 unsigned int flags)
{
	unsigned int fd = start < files->next_fd ? files->next_fd : start;
	int err;

	if (fd < files->max_fds)	/* beyond the table every fd is free */
		fd = find_next_zero_bit(files->open_fds, files->max_fds, fd);
	if (fd >= end)
		return -EMFILE;
	err = expand_files(files, fd);
	if (err)
		return err;
	assign_bit(fd, files->open_fds, true);
	assign_bit(fd, files->close_on_exec, flags & O_CLOEXEC);
	if (start <= files->next_fd)
		files->next_fd = fd + 1;
	return fd;
}

int
get_unused_fd_flags(struct task_struct *t, unsigned int flags)
{
	return alloc_fd(t->files, 0, task_rlimit_nofile(t), flags);
}

static void
__put_unused_fd(struct files_struct *files, unsigned int fd)
{
	assign_bit(fd, files->open_fds, false);
	if (fd < files->next_fd)
		files->next_fd = fd;
}

void
put_unused_fd(struct task_struct *t, unsigned int fd)
{
	__put_unused_fd(t->files, fd);
}

/* Publish file at a reserved fd; takes the caller's reference. */
void
fd_install(struct task_struct *t, unsigned int fd, struct file *file)
{
	struct files_struct *files = t->files;

	BUG_ON(fd >= files->max_fds || files->fd[fd]);
	files->fd[fd] = file;
}

/* Take the file out of its slot (file_close_fd_locked); NULL if none. */
static struct file *
pick_file(struct files_struct *files, unsigned int fd)
{
	struct file *file;

	if (fd >= files->max_fds || !files->fd[fd])
		return NULL;
	file = files->fd[fd];
	files->fd[fd] = NULL;
	assign_bit(fd, files->close_on_exec, false);
	__put_unused_fd(files, fd);
	return file;
}

int
close_fd(struct task_struct *t, unsigned int fd)
{
	struct file *file = pick_file(t->files, fd);

	if (!file)
		return -EBADF;
	fput(file);
	return 0;
}

/* The file at fd with a new reference, or NULL (__fget). fget skips O_PATH
 * files, which most calls must treat as EBADF; fget_raw returns them. */
static struct file *
__fget(struct task_struct *t, unsigned int fd, unsigned int mask)
{
	struct files_struct *files = t->files;
	struct file *file;

	if (!files || fd >= files->max_fds)
		return NULL;
	file = files->fd[fd];
	if (!file || (file->f_mode & mask))
		return NULL;
	return get_file(file);
}

struct file *
fget(struct task_struct *t, unsigned int fd)
{
	return __fget(t, fd, FMODE_PATH);
}

struct file *
fget_raw(struct task_struct *t, unsigned int fd)
{
	return __fget(t, fd, 0);
}

bool
get_close_on_exec(struct files_struct *files, unsigned int fd)
{
	return fd < files->max_fds && test_bit(fd, files->close_on_exec);
}

void
set_close_on_exec(struct files_struct *files, unsigned int fd, bool flag)
{
	if (fd < files->max_fds)
		assign_bit(fd, files->close_on_exec, flag);
}

/* Copy a table for fork without CLONE_FILES (dup_fd): the same open file
 * descriptions, one more reference each. */
struct files_struct *
dup_fd(struct files_struct *oldf)
{
	struct files_struct *newf = files_alloc(oldf->max_fds);
	size_t longs = BITMAP_LONGS(oldf->max_fds);
	unsigned int fd;

	if (!newf)
		return ERR_PTR(-ENOMEM);
	memcpy(newf->open_fds, oldf->open_fds, longs * sizeof(unsigned long));
	memcpy(newf->close_on_exec, oldf->close_on_exec,
	       longs * sizeof(unsigned long));
	for (fd = 0; fd < oldf->max_fds; fd++) {
		struct file *f = oldf->fd[fd];

		if (f)
			newf->fd[fd] = get_file(f);
		else	/* reserved but not installed: not ours to copy */
			assign_bit(fd, newf->open_fds, false);
	}
	return newf;
}

static void
close_files(struct files_struct *files)
{
	unsigned int fd;

	for (fd = 0; fd < files->max_fds; fd++)
		if (files->fd[fd])
			fput(pick_file(files, fd));
}

void
put_files_struct(struct files_struct *files)
{
	if (!files || --files->count > 0)
		return;
	close_files(files);
	free(files->fd);
	free(files->open_fds);
	free(files->close_on_exec);
	free(files);
}

/* execve closes every fd marked close-on-exec (do_close_on_exec). */
void
do_close_on_exec(struct files_struct *files)
{
	unsigned int fd;

	for (fd = 0; fd < files->max_fds; fd++)
		if (files->fd[fd] && test_bit(fd, files->close_on_exec))
			fput(pick_file(files, fd));
}

/* A guest file on one of the host's stdio fds. Its position is the host's:
 * read() and write() use the host's offset, shared with whoever else holds
 * the host fd (FMODE_STREAM), while lseek and pread go to the host too. */
struct file *
hostfd_open(struct kernel *k, int host_fd, const char *name)
{
	struct hostfd_flags fl;
	struct inode *inode;
	struct file *file;
	unsigned int flags;

	inode = hostfs_stdio_inode(&k->mounts->stdio_sb, host_fd, &fl);
	if (IS_ERR(inode))
		return (struct file *)inode;
	flags = fl.accmode;
	if (fl.largefile)	/* the host's open() set it; its pipe() did not */
		flags |= O_LARGEFILE;
	if (fl.append)
		flags |= O_APPEND;
	if (fl.nonblock)
		flags |= O_NONBLOCK;
	file = alloc_file(inode, flags, inode->i_fop);
	if (IS_ERR(file)) {
		iput(inode);
		return file;
	}
	file->f_mode |= FMODE_STREAM;
	file->f_path = strdup(name);
	if (!file->f_path) {
		fput(file);
		return ERR_PTR(-ENOMEM);
	}
	return file;
}

/* The first task's table: fds 0, 1 and 2 share the host's stdin, stdout
 * and stderr (DESIGN.md). A host fd that is not open leaves the guest fd
 * closed too. */
struct files_struct *
files_alloc_stdio(struct kernel *k)
{
	static const char *const names[3] = { "/dev/stdin", "/dev/stdout", "/dev/stderr" };
	struct files_struct *files = files_alloc(NR_OPEN_DEFAULT);
	int fd;

	if (!files)
		return NULL;
	for (fd = 0; fd < 3; fd++) {
		struct file *file = hostfd_open(k, fd, names[fd]);

		if (IS_ERR(file)) {
			if (PTR_ERR(file) == -EBADF)
				continue;
			put_files_struct(files);
			return NULL;
		}
		files->fd[fd] = file;
		assign_bit(fd, files->open_fds, true);
	}
	files->next_fd = 0;
	return files;
}

/* Put file at newfd, closing what was there (do_dup2). */
static int
do_dup2(struct files_struct *files, struct file *file, unsigned int fd,
	unsigned int flags)
{
	struct file *tofree = files->fd[fd];

	files->fd[fd] = get_file(file);
	assign_bit(fd, files->open_fds, true);
	assign_bit(fd, files->close_on_exec, flags & O_CLOEXEC);
	if (tofree)
		fput(tofree);
	return fd;
}

static long
ksys_dup3(struct task_struct *t, unsigned int oldfd, unsigned int newfd,
	  int flags)
{
	struct files_struct *files = t->files;
	int err;

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	if (newfd >= task_rlimit_nofile(t))
		return -EBADF;
	err = expand_files(files, newfd);
	if (err)
		return err;
	if (oldfd >= files->max_fds || !files->fd[oldfd])
		return -EBADF;
	return do_dup2(files, files->fd[oldfd], newfd, flags);
}

SYSCALL_DEFINE3(dup3, unsigned int, oldfd, unsigned int, newfd, int, flags)
{
	return ksys_dup3(current, oldfd, newfd, flags);
}

SYSCALL_DEFINE1(dup, unsigned int, fildes)
{
	struct file *file = fget_raw(current, fildes);
	int fd;

	if (!file)
		return -EBADF;
	fd = get_unused_fd_flags(current, 0);
	if (fd < 0)
		fput(file);
	else
		fd_install(current, fd, file);
	return fd;
}

/* F_DUPFD and F_DUPFD_CLOEXEC: the lowest free fd at or above from. */
int
f_dupfd(struct task_struct *t, unsigned long from, struct file *file,
	unsigned int flags)
{
	unsigned long nofile = task_rlimit_nofile(t);
	int fd;

	if (from >= nofile)
		return -EINVAL;
	fd = alloc_fd(t->files, from, nofile, flags);
	if (fd >= 0)
		fd_install(t, fd, get_file(file));
	return fd;
}
