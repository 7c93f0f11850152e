/* Opening and closing files, access checks, cwd changes, attribute changes
 * (Linux: fs/open.c; open_exec from fs/exec.c). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <taskbox/err.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>

#include "fs/internal.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "mm/mm.h"

#define VALID_OPEN_FLAGS						\
	(O_RDONLY | O_WRONLY | O_RDWR | O_CREAT | O_EXCL | O_NOCTTY |	\
	 O_TRUNC | O_APPEND | O_NDELAY | O_NONBLOCK | __O_SYNC | O_DSYNC | \
	 FASYNC | O_DIRECT | O_LARGEFILE | O_DIRECTORY | O_NOFOLLOW |	\
	 O_NOATIME | O_CLOEXEC | O_PATH | __O_TMPFILE)
#define O_PATH_FLAGS	(O_DIRECTORY | O_NOFOLLOW | O_PATH | O_CLOEXEC)
#define O_TMPFILE_MASK	(__O_TMPFILE | O_DIRECTORY | O_CREAT)

/* The MAY_* an access mode needs; mode 3 asks for both (ACC_MODE). */
static int
acc_mode(int flags)
{
	static const int modes[4] = { MAY_READ, MAY_WRITE, MAY_READ | MAY_WRITE,
				      MAY_READ | MAY_WRITE };

	return modes[flags & O_ACCMODE];
}

/* O_PATH files do no I/O (Linux's empty_fops). */
static const struct file_operations empty_fops;

/* Turn open(2)'s flags into what the walk needs (build_open_how and
 * build_open_flags). Unknown flags are ignored, as openat(2) does. */
int
build_open_flags(int flags, umode_t mode, struct open_flags *op)
{
	int acc;

	flags &= VALID_OPEN_FLAGS;
	if (flags & O_PATH)
		flags &= O_PATH_FLAGS;		/* O_PATH beats everything */
	op->mode = (flags & (O_CREAT | __O_TMPFILE)) ? (mode & S_IALLUGO) | S_IFREG : 0;
	acc = acc_mode(flags);
	if (flags & __O_SYNC)
		flags |= O_DSYNC;
	/* O_DIRECTORY | O_CREAT once created regular files: refused since 6.4. */
	if ((flags & (O_DIRECTORY | O_CREAT)) == (O_DIRECTORY | O_CREAT))
		return -EINVAL;
	if (flags & __O_TMPFILE) {
		if ((flags & O_TMPFILE_MASK) != O_TMPFILE || !(acc & MAY_WRITE))
			return -EINVAL;
	}
	if (flags & O_PATH)
		acc = 0;
	if (flags & O_TRUNC)
		acc |= MAY_WRITE;
	if (flags & O_APPEND)
		acc |= MAY_APPEND;
	op->open_flag = flags;
	op->acc_mode = acc;
	op->lookup_flags = 0;
	if (flags & O_DIRECTORY)
		op->lookup_flags |= LOOKUP_DIRECTORY;
	/* O_CREAT|O_EXCL never follows a symlink in the last component. */
	if (!(flags & O_NOFOLLOW) && !((flags & O_CREAT) && (flags & O_EXCL)))
		op->lookup_flags |= LOOKUP_FOLLOW;
	return 0;
}

/* The host side of an open: a host regular file is opened by name from its
 * directory, a directory through its own fd, and anything else, or anything
 * opened O_PATH, keeps the fd the walk found. */
static struct inode *
open_inode(struct super_block *sb, struct dentry *parent, const char *last,
	   struct dentry *dentry, const struct kstat *stat, bool path_only)
{
	struct inode *inode;

	if (S_ISREG(stat->mode) && parent) {
		inode = hostfs_open(sb, parent->d_fd, last, stat);
		/* An O_PATH file may still serve execveat(AT_EMPTY_PATH): keep
		 * it readable when the host allows, else just its name. */
		if (!path_only || !IS_ERR(inode))
			return inode;
	} else if (S_ISDIR(stat->mode) && !path_only) {
		return hostfs_open(sb, dentry->d_fd, NULL, stat);
	}
	return hostfs_path_inode(sb, dentry->d_fd, stat);
}

/* Make the struct file for an object the walk found (vfs_open and
 * do_dentry_open). parent/last name it in its directory when known. */
struct file *
vfs_open(struct task_struct *t, struct dentry *parent, const char *last,
	 struct dentry *dentry, const struct kstat *stat, int flags)
{
	struct super_block *sb = &t->kernel->mounts->hostfs_sb;
	bool path_only = flags & O_PATH;
	struct inode *inode;
	struct file *file;

	/* A host FIFO would block all of taskbox and a host socket leads out
	 * of the sandbox: neither is opened (FIFOs come with pipe.c). */
	if (!path_only && (S_ISFIFO(stat->mode) || S_ISSOCK(stat->mode)))
		return ERR_PTR(-ENXIO);
	inode = open_inode(sb, parent, last, dentry, stat, path_only);
	if (IS_ERR(inode))
		return (struct file *)inode;
	flags &= ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC);
	file = alloc_file(inode, flags, path_only ? &empty_fops : inode->i_fop);
	if (IS_ERR(file)) {
		iput(inode);
		return file;
	}
	if (path_only)
		file->f_mode = FMODE_PATH;
	file->f_path = strdup(dentry->d_path);
	if (!file->f_path) {
		fput(file);
		return ERR_PTR(-ENOMEM);
	}
	return file;
}

/* openat(2) after the flags are built: the name first, then a free fd
 * (EMFILE), then the walk, as Linux orders them. */
static long
do_sys_openat2(struct task_struct *t, int dfd, uaddr_t filename, int flags,
	       umode_t mode)
{
	struct open_flags op;
	struct file *file;
	char *name;
	long err, fd;

	err = build_open_flags(flags, mode, &op);
	if (err)
		return err;
	name = getname_flags(t, filename, 0);
	if (IS_ERR(name))
		return PTR_ERR(name);
	fd = get_unused_fd_flags(t, op.open_flag);
	if (fd >= 0) {
		file = path_openat(t, dfd, name, &op);
		if (IS_ERR(file)) {
			put_unused_fd(t, fd);
			fd = PTR_ERR(file);
		} else {
			fd_install(t, fd, file);
		}
	}
	putname(name);
	return fd;
}

SYSCALL_DEFINE4(openat, int, dfd, uaddr_t, filename, int, flags, umode_t, mode)
{
	/* force_o_largefile(): every open of a 64-bit kernel is large-file. */
	return do_sys_openat2(current, dfd, filename, flags | O_LARGEFILE, mode);
}

SYSCALL_DEFINE1(close, unsigned int, fd)
{
	int err = close_fd(current, fd);

	/* The fd is gone already: a close is never restarted. */
	if (err == -ERESTARTSYS || err == -ERESTARTNOINTR ||
	    err == -ERESTARTNOHAND || err == -ERESTART_RESTARTBLOCK)
		err = -EINTR;
	return err;
}

/* Open a program for execve (do_open_execat in fs/exec.c). flags are
 * execveat's AT_* flags. */
struct file *
open_exec(struct task_struct *t, int dfd, const char *path, int flags)
{
	struct open_flags op = {
		.open_flag = O_LARGEFILE | O_RDONLY,
		.acc_mode = MAY_EXEC,
		.lookup_flags = LOOKUP_FOLLOW,
	};
	struct file *file;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return ERR_PTR(-EINVAL);
	if (flags & AT_SYMLINK_NOFOLLOW)
		op.lookup_flags &= ~LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		op.lookup_flags |= LOOKUP_EMPTY;
	else if (!*path)
		return ERR_PTR(-ENOENT);
	file = path_openat(t, dfd, path, &op);
	if (IS_ERR(file))
		return file;
	if (!S_ISREG(file->f_inode->i_mode)) {
		fput(file);
		return ERR_PTR(-EACCES);
	}
	file->f_mode |= FMODE_EXEC;
	return file;
}

/* The access check on a found object (the end of do_faccessat): SuSv2
 * wants EROFS for W_OK on a read-only filesystem even where the bits allow. */
static long
access_check(struct task_struct *t, const struct kstat *stat, int mode)
{
	struct super_block *sb = &t->kernel->mounts->hostfs_sb;
	long err;

	err = inode_permission(t, stat, sb, mode | MAY_ACCESS);
	if (err || !(mode & MAY_WRITE))
		return err;
	if (S_ISCHR(stat->mode) || S_ISBLK(stat->mode) ||
	    S_ISFIFO(stat->mode) || S_ISSOCK(stat->mode))
		return 0;
	return is_root_readonly(sb) ? -EROFS : 0;
}

/* faccessat2 (do_faccessat). Linux checks with the real ids unless
 * AT_EACCESS, by overriding the creds for the call; so do we. */
static long
do_faccessat(struct task_struct *t, int dfd, uaddr_t filename, int mode,
	     int flags)
{
	unsigned int lookup_flags = LOOKUP_FOLLOW;
	struct cred *saved = t->cred, override;
	struct dentry *dentry;
	struct kstat stat;
	char *name;
	long err;

	if (mode & ~S_IRWXO)		/* F_OK, R_OK, W_OK, X_OK */
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & AT_SYMLINK_NOFOLLOW)
		lookup_flags &= ~LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		lookup_flags |= LOOKUP_EMPTY;
	name = getname_flags(t, filename, lookup_flags);
	if (IS_ERR(name))
		return PTR_ERR(name);
	if (saved && !(flags & AT_EACCESS)) {
		override = *saved;
		override.fsuid = override.uid;
		override.fsgid = override.gid;
		t->cred = &override;
	}
	err = filename_lookup(t, dfd, name, lookup_flags, &dentry, &stat);
	if (!err) {
		err = access_check(t, &stat, mode);
		dput(dentry);
	}
	t->cred = saved;
	putname(name);
	return err;
}

SYSCALL_DEFINE3(faccessat, int, dfd, uaddr_t, filename, int, mode)
{
	return do_faccessat(current, dfd, filename, mode, 0);
}

SYSCALL_DEFINE4(faccessat2, int, dfd, uaddr_t, filename, int, mode, int, flags)
{
	return do_faccessat(current, dfd, filename, mode, flags);
}

SYSCALL_DEFINE1(chdir, uaddr_t, filename)
{
	struct super_block *sb = &current->kernel->mounts->hostfs_sb;
	struct dentry *dentry;
	struct kstat stat;
	char *name;
	long err;

	name = getname_flags(current, filename, 0);
	if (IS_ERR(name))
		return PTR_ERR(name);
	err = filename_lookup(current, AT_FDCWD, name,
			      LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &dentry, &stat);
	putname(name);
	if (err)
		return err;
	err = inode_permission(current, &stat, sb, MAY_EXEC | MAY_CHDIR);
	if (err)
		dput(dentry);
	else
		set_fs_pwd(current->fs, dentry);
	return err;
}

/* fchdir: an O_PATH fd will do. Only a directory of the root qualifies, so
 * a host directory given as stdin can never become the cwd. */
static long
do_fchdir(struct task_struct *t, struct file *f)
{
	struct super_block *sb = &t->kernel->mounts->hostfs_sb;
	struct inode *inode = f->f_inode;
	struct dentry *dentry;
	struct kstat stat;
	long err;
	int fd;

	if (!S_ISDIR(inode->i_mode) || inode->i_sb != sb || inode->i_hostfd < 0)
		return -ENOTDIR;
	err = vfs_getattr(inode, &stat, STATX_BASIC_STATS);
	if (!err)
		err = inode_permission(t, &stat, sb, MAY_EXEC | MAY_CHDIR);
	if (err)
		return err;
	fd = hostfs_dup(inode->i_hostfd);
	if (fd < 0)
		return fd;
	dentry = d_alloc(fd, strdup(f->f_path));
	if (!dentry)
		return -ENOMEM;
	set_fs_pwd(t->fs, dentry);
	return 0;
}

SYSCALL_DEFINE1(fchdir, unsigned int, fd)
{
	struct file *f = fget_raw(current, fd);
	long err;

	if (!f)
		return -EBADF;
	err = do_fchdir(current, f);
	fput(f);
	return err;
}

/* chmod_common / chown_common on the read-only root: the name must
 * resolve, then mnt_want_write() refuses. */
static long
lookup_then_erofs(struct task_struct *t, int dfd, uaddr_t filename,
		  unsigned int lookup_flags)
{
	struct dentry *dentry;
	char *name;
	long err;

	name = getname_flags(t, filename, lookup_flags);
	if (IS_ERR(name))
		return PTR_ERR(name);
	err = filename_lookup(t, dfd, name, lookup_flags, &dentry, NULL);
	putname(name);
	if (err)
		return err;
	dput(dentry);
	return -EROFS;
}

SYSCALL_DEFINE3(fchmodat, int, dfd, uaddr_t, filename, umode_t, mode)
{
	(void)mode;
	return lookup_then_erofs(current, dfd, filename, LOOKUP_FOLLOW);
}

SYSCALL_DEFINE5(fchownat, int, dfd, uaddr_t, filename, uid_t, user,
		gid_t, group, int, flag)
{
	unsigned int lookup_flags = LOOKUP_FOLLOW;

	(void)user;
	(void)group;
	if (flag & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flag & AT_SYMLINK_NOFOLLOW)
		lookup_flags &= ~LOOKUP_FOLLOW;
	if (flag & AT_EMPTY_PATH)
		lookup_flags |= LOOKUP_EMPTY;
	return lookup_then_erofs(current, dfd, filename, lookup_flags);
}
