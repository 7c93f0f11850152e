/* Opening and closing files, access checks, cwd changes, attribute changes,
 * truncation and fallocate (Linux: fs/open.c; open_exec from fs/exec.c). */
#include <errno.h>
#include <limits.h>
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

/* The filesystem's own open (do_dentry_open's f_op->open), for in-memory
 * filesystems: a device node gets its driver here. On failure the file is
 * dropped without release, as Linux does for an open that never happened. */
static struct file *
do_dentry_open(struct file *file)
{
	int err;

	if (!file->f_op || !file->f_op->open)
		return file;
	err = file->f_op->open(file->f_inode, file);
	if (err) {
		file->f_op = &empty_fops;
		fput(file);
		return ERR_PTR(err);
	}
	return file;
}

/* A FIFO's file: the pipe's operations, opened by fifo_open. A failed or
 * sleeping open drops the file without release (fifo_open keeps the
 * counts right itself). */
static struct file *
fifo_file(struct task_struct *t, struct dentry *dentry, int flags)
{
	struct inode *inode = igrab(dentry->d_inode);
	struct file *file;
	int err;

	flags &= ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC);
	file = alloc_file(inode, flags, &pipefifo_fops);
	if (IS_ERR(file)) {
		iput(inode);
		return file;
	}
	file->f_path = strdup(dentry->d_path);
	err = file->f_path ? fifo_open(t, file) : -ENOMEM;
	if (err) {
		file->f_op = &empty_fops;
		fput(file);
		return ERR_PTR(err);
	}
	return file;
}

/* Make the struct file for an object the walk found (vfs_open and
 * do_dentry_open). parent/last name it in its directory when known. */
struct file *
vfs_open(struct task_struct *t, struct dentry *parent, const char *last,
	 struct dentry *dentry, const struct kstat *stat, int flags)
{
	struct super_block *sb = &t->kernel->mounts->hostfs_sb;
	struct inode *inode = dentry->d_inode;
	bool path_only = flags & O_PATH;
	bool stdio = inode && inode->i_sb == &t->kernel->mounts->stdio_sb;
	struct file *file;

	/* A host FIFO would block all of taskbox and a host socket leads out
	 * of the sandbox: neither is opened. A FIFO of an in-memory
	 * filesystem, or a pipe reopened through /proc/PID/fd, is a pipe
	 * (fifo_open); sockets open nowhere (ENXIO, as on Linux). A file of
	 * the host's stdio reopened so (cat /dev/stdin) is reopened on the
	 * host: the same pipe or terminal, the same file at its own offset. */
	if (!path_only && S_ISFIFO(stat->mode) && inode && !stdio &&
	    (!inode->i_sb || sb_in_memory(inode->i_sb)))
		return fifo_file(t, dentry, flags);
	if (!path_only && (S_ISSOCK(stat->mode) || (S_ISFIFO(stat->mode) && !stdio)))
		return ERR_PTR(-ENXIO);
	if (stdio && !path_only) {
		struct hostfd_flags hf = { .accmode = flags & O_ACCMODE,
			.append = flags & O_APPEND, .nonblock = flags & O_NONBLOCK };

		inode = hostfs_stdio_reopen(inode->i_sb, inode, &hf, flags & O_TRUNC);
	} else if (inode) {
		inode = igrab(inode);
	} else {
		inode = open_inode(sb, parent, last, dentry, stat, path_only);
	}
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
	else if (stdio)
		file->f_mode |= FMODE_STREAM;	/* its host offset (hostfd_open) */
	file->f_path = strdup(dentry->d_path);
	if (!file->f_path) {
		fput(file);
		return ERR_PTR(-ENOMEM);
	}
	if (!path_only && (file->f_mode & FMODE_WRITE) && S_ISREG(inode->i_mode)) {
		int err = get_write_access(inode);

		if (err) {
			file->f_op = &empty_fops;	/* never opened: no release */
			fput(file);
			return ERR_PTR(err);
		}
		file->f_mode |= FMODE_WRITER;
	}
	return path_only ? file : do_dentry_open(file);
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
	if (file->f_inode->i_writecount > 0) {	/* Linux: exe_file_deny_write_access */
		fput(file);
		return ERR_PTR(-ETXTBSY);
	}
	file->f_mode |= FMODE_EXEC;
	return file;
}

/* The access check on a found object (the end of do_faccessat): SuSv2
 * wants EROFS for W_OK on a read-only filesystem even where the bits allow. */
static long
access_check(struct task_struct *t, struct dentry *dentry,
	     const struct kstat *stat, int mode)
{
	struct super_block *sb = d_sb(t->kernel, dentry);
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
		err = access_check(t, dentry, &stat, mode);
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
	err = inode_permission(current, &stat, d_sb(current->kernel, dentry),
			       MAY_EXEC | MAY_CHDIR);
	if (err)
		dput(dentry);
	else
		set_fs_pwd(current->fs, dentry);
	return err;
}

/* fchdir: an O_PATH fd will do. Only a directory of a mounted filesystem
 * qualifies, so a host directory given as stdin can never become the cwd. */
static long
do_fchdir(struct task_struct *t, struct file *f)
{
	struct super_block *sb = &t->kernel->mounts->hostfs_sb;
	struct inode *inode = f->f_inode;
	struct dentry *dentry;
	struct kstat stat;
	long err;
	int fd;

	if (!S_ISDIR(inode->i_mode) ||
	    (!sb_in_memory(inode->i_sb) && (inode->i_sb != sb || inode->i_hostfd < 0)))
		return -ENOTDIR;
	err = vfs_getattr(inode, &stat, STATX_BASIC_STATS);
	if (!err)
		err = inode_permission(t, &stat, inode->i_sb, MAY_EXEC | MAY_CHDIR);
	if (err)
		return err;
	if (sb_in_memory(inode->i_sb)) {
		dentry = d_alloc_inode(igrab(inode), strdup(f->f_path));
	} else {
		fd = hostfs_dup(inode->i_hostfd);
		if (fd < 0)
			return fd;
		dentry = d_alloc(fd, strdup(f->f_path));
	}
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

/* The object a name resolves to, for the attribute calls: a new dentry,
 * or a negative errno. */
static long
user_path_at(struct task_struct *t, int dfd, uaddr_t filename,
	     unsigned int lookup_flags, struct dentry **dentry)
{
	char *name = getname_flags(t, filename, lookup_flags);
	long err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = filename_lookup(t, dfd, name, lookup_flags, dentry, NULL);
	putname(name);
	return err;
}

/* The inode whose attributes a call on dentry changes: the read-only root
 * refuses (mnt_want_write). */
static long
dentry_want_write(struct task_struct *t, struct dentry *dentry,
		  struct inode **inode)
{
	if (is_root_readonly(d_sb(t->kernel, dentry)))
		return -EROFS;
	*inode = dentry->d_inode;
	return 0;
}

/* chmod_common: the permission bits and set-ID/sticky bits change, the
 * type stays. A symlink's mode cannot change (EOPNOTSUPP, as fchmodat2's
 * AT_SYMLINK_NOFOLLOW finds). */
static long
chmod_common(struct task_struct *t, struct inode *inode, umode_t mode)
{
	struct iattr newattrs = {
		.ia_valid = ATTR_MODE | ATTR_CTIME,
		.ia_mode = (mode & S_IALLUGO) | (inode->i_mode & ~S_IALLUGO),
	};

	if (S_ISLNK(inode->i_mode))
		return -EOPNOTSUPP;
	return notify_change(t, inode, &newattrs);
}

/* chown_common: -1 leaves an id as it is; a change of a non-directory
 * clears its set-ID bits. */
static long
chown_common(struct task_struct *t, struct inode *inode, uid_t user, gid_t group)
{
	struct iattr newattrs = { .ia_valid = ATTR_CTIME };

	if (user != (uid_t)-1) {
		newattrs.ia_valid |= ATTR_UID;
		newattrs.ia_uid = user;
	}
	if (group != (gid_t)-1) {
		newattrs.ia_valid |= ATTR_GID;
		newattrs.ia_gid = group;
	}
	if (!S_ISDIR(inode->i_mode))
		newattrs.ia_valid |= ATTR_KILL_SUID | ATTR_KILL_SGID;
	return notify_change(t, inode, &newattrs);
}

SYSCALL_DEFINE3(fchmodat, int, dfd, uaddr_t, filename, umode_t, mode)
{
	struct dentry *dentry;
	struct inode *inode;
	long err = user_path_at(current, dfd, filename, LOOKUP_FOLLOW, &dentry);

	if (err)
		return err;
	err = dentry_want_write(current, dentry, &inode);
	if (!err)
		err = chmod_common(current, inode, mode);
	dput(dentry);
	return err;
}

SYSCALL_DEFINE5(fchownat, int, dfd, uaddr_t, filename, uid_t, user,
		gid_t, group, int, flag)
{
	unsigned int lookup_flags = LOOKUP_FOLLOW;
	struct dentry *dentry;
	struct inode *inode;
	long err;

	if (flag & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flag & AT_SYMLINK_NOFOLLOW)
		lookup_flags &= ~LOOKUP_FOLLOW;
	if (flag & AT_EMPTY_PATH)
		lookup_flags |= LOOKUP_EMPTY;
	err = user_path_at(current, dfd, filename, lookup_flags, &dentry);
	if (err)
		return err;
	err = dentry_want_write(current, dentry, &inode);
	if (!err)
		err = chown_common(current, inode, user, group);
	dput(dentry);
	return err;
}

/* fchmod and fchown: an O_PATH fd is EBADF. The host's stdio and the root's
 * files are not ours to change. */
SYSCALL_DEFINE2(fchmod, unsigned int, fd, umode_t, mode)
{
	struct file *file = fget(current, fd);
	long err;

	if (!file)
		return -EBADF;
	err = chmod_common(current, file->f_inode, mode);
	fput(file);
	return err;
}

SYSCALL_DEFINE3(fchown, unsigned int, fd, uid_t, user, gid_t, group)
{
	struct file *file = fget(current, fd);
	long err;

	if (!file)
		return -EBADF;
	err = chown_common(current, file->f_inode, user, group);
	fput(file);
	return err;
}

/* ------------------------------------------------------------------------
 * truncate, ftruncate, fallocate
 * ---------------------------------------------------------------------- */

#define MAX_LFS_FILESIZE	((loff_t)LLONG_MAX)

/* Set a regular file's size (do_truncate); time_attrs add mtime/ctime
 * even when the size does not change (ftruncate, open's O_TRUNC). */
int
do_truncate(struct task_struct *t, struct inode *inode, loff_t length,
	    unsigned int time_attrs)
{
	struct iattr newattrs = {
		.ia_valid = ATTR_SIZE | time_attrs,
		.ia_size = length,
	};

	if (length < 0)
		return -EINVAL;
	if (length > MAX_LFS_FILESIZE)
		return -EFBIG;		/* inode_newsize_ok */
	/* A write by someone other than root drops the set-ID bits. */
	if (!capable_fsuid(t))
		newattrs.ia_valid |= ATTR_KILL_SUID | ATTR_KILL_SGID;
	return notify_change(t, inode, &newattrs);
}

/* truncate(2) (do_sys_truncate, vfs_truncate): a directory is EISDIR,
 * anything but a regular file EINVAL, then EROFS, then write permission. */
static long
do_sys_truncate(struct task_struct *t, uaddr_t pathname, loff_t length)
{
	struct dentry *dentry;
	struct kstat stat;
	char *name;
	long err;

	if (length < 0)
		return -EINVAL;
	name = getname_flags(t, pathname, 0);
	if (IS_ERR(name))
		return PTR_ERR(name);
	err = filename_lookup(t, AT_FDCWD, name, LOOKUP_FOLLOW, &dentry, &stat);
	putname(name);
	if (err)
		return err;
	if (S_ISDIR(stat.mode))
		err = -EISDIR;
	else if (!S_ISREG(stat.mode))
		err = -EINVAL;
	else if (is_root_readonly(d_sb(t->kernel, dentry)))
		err = -EROFS;
	else
		err = inode_permission(t, &stat, d_sb(t->kernel, dentry), MAY_WRITE);
	if (!err)
		err = do_truncate(t, dentry->d_inode, length, 0);
	dput(dentry);
	return err;
}

SYSCALL_DEFINE2(truncate, uaddr_t, path, long, length)
{
	return do_sys_truncate(current, path, length);
}

/* ftruncate(2) (do_ftruncate): the fd must be a regular file open for
 * writing. No permission check: opening for writing was the check. */
static long
do_sys_ftruncate(struct task_struct *t, unsigned int fd, loff_t length)
{
	struct file *file;
	long err;

	if (length < 0)
		return -EINVAL;
	file = fget(t, fd);
	if (!file)
		return -EBADF;
	err = -EINVAL;
	if (S_ISREG(file->f_inode->i_mode) && (file->f_mode & FMODE_WRITE))
		err = do_truncate(t, file->f_inode, length, ATTR_MTIME | ATTR_CTIME);
	fput(file);
	return err;
}

SYSCALL_DEFINE2(ftruncate, unsigned int, fd, long, length)
{
	return do_sys_ftruncate(current, fd, length);
}

/* fallocate(2) modes (include/uapi/linux/falloc.h) */
#define FALLOC_FL_KEEP_SIZE	0x01
#define FALLOC_FL_PUNCH_HOLE	0x02
#define FALLOC_FL_SUPPORTED	0x7f	/* every mode bit Linux knows */

/* vfs_fallocate: the argument and file checks in Linux's order, then the
 * filesystem's fallocate. */
static long
vfs_fallocate(struct file *file, int mode, loff_t offset, loff_t len)
{
	struct inode *inode = file->f_inode;
	loff_t end;

	if (offset < 0 || len <= 0)
		return -EINVAL;
	if (mode & ~FALLOC_FL_SUPPORTED)
		return -EOPNOTSUPP;
	if ((mode & FALLOC_FL_PUNCH_HOLE) && !(mode & FALLOC_FL_KEEP_SIZE))
		return -EOPNOTSUPP;
	if (!(file->f_mode & FMODE_WRITE))
		return -EBADF;
	if ((mode & FALLOC_FL_PUNCH_HOLE) && (file->f_flags & O_APPEND))
		return -EPERM;
	if (S_ISFIFO(inode->i_mode))
		return -ESPIPE;
	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode->i_mode) && !S_ISBLK(inode->i_mode))
		return -ENODEV;
	if (__builtin_add_overflow(offset, len, &end))
		return -EFBIG;
	if (!file->f_op->fallocate)
		return -EOPNOTSUPP;
	return file->f_op->fallocate(file, mode, offset, len);
}

SYSCALL_DEFINE4(fallocate, int, fd, int, mode, loff_t, offset, loff_t, len)
{
	struct file *file = fget(current, fd);
	long err;

	if (!file)
		return -EBADF;
	err = vfs_fallocate(file, mode, offset, len);
	fput(file);
	return err;
}
