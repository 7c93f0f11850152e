/* The VFS: open files, fd tables, path walk, mounts.
 * This block is the contract the rest of the kernel (exec, mm, boot) relies on. */
#ifndef FS_FS_H
#define FS_FS_H

#include <taskbox/types.h>

struct kernel;
struct task_struct;
struct seq_file;
struct file_operations;
struct inode;
struct vm_area_struct;

/* f_mode bits (include/linux/fs.h) */
#define FMODE_READ	0x1
#define FMODE_WRITE	0x2
#define FMODE_LSEEK	0x4
#define FMODE_PREAD	0x8
#define FMODE_PWRITE	0x10
#define FMODE_EXEC	0x20
#define FMODE_WRITER	0x10000		/* holds write access (i_writecount) */
#define FMODE_PATH	0x4000		/* an O_PATH file: no I/O, only a name */
#define FMODE_STREAM	0x200000	/* read/write ignore f_pos (file_ppos) */

/* An open file description: shared by dup'ed and inherited fds. */
struct file {
	int f_count;
	unsigned int f_flags;		/* O_* as the guest passed them (asm-generic values) */
	unsigned int f_mode;		/* FMODE_* */
	loff_t f_pos;
	const struct file_operations *f_op;
	struct inode *f_inode;
	char *f_path;			/* guest absolute path, for /proc and traces */
	void *private_data;
	struct address_space *f_mapping;	/* page cache, set at first fault (mm/filemap.c) */
};

/* --- boot-time setup (fs/super.c or similar) --- */
int vfs_init(struct kernel *k);			/* mount --root at / ; -errno */
void vfs_exit(struct kernel *k);
/* Make one host file visible read-only at the same absolute guest path
 * (DESIGN.md: a PROGRAM absent from the root is run from the host). */
int vfs_bind_host_file(struct kernel *k, const char *abs_path);

/* --- per-task tables --- */
struct files_struct *files_alloc_stdio(struct kernel *k);	/* fds 0,1,2 = host's */
void put_files_struct(struct files_struct *files);
void do_close_on_exec(struct files_struct *files);
struct fs_struct *fs_alloc_root(struct kernel *k);		/* root and cwd = / */
void put_fs_struct(struct fs_struct *fs);

/* --- files --- */
struct file *fget(struct task_struct *t, unsigned int fd);	/* NULL if not open (or O_PATH) */
struct file *get_file(struct file *f);
void fput(struct file *f);
ssize_t kernel_read(struct file *f, void *buf, size_t n, loff_t pos);
/* Open a program for execve: a regular file the caller may execute.
 * ERR_PTR(-ENOENT/-EACCES/-ENOTDIR/-ELOOP/...) as Linux's do_open_execat. */
struct file *open_exec(struct task_struct *t, int dfd, const char *path, int flags);

/* ---------------------------------------------------------------------------
 * Below the contract: the VFS objects themselves, for the filesystems in
 * src/fs and for fork/exec/procfs, which share and inspect them.
 * ------------------------------------------------------------------------- */

struct dir_context;
struct kstat;
struct kstatfs;
struct super_block;

typedef unsigned short umode_t;

/* Linux's internal time and device numbers (linux/time64.h, linux/kdev_t.h). */
struct timespec64 {
	int64_t tv_sec;
	long tv_nsec;
};

#define MINORBITS	20
#define MINORMASK	((1U << MINORBITS) - 1)
#define MKDEV(ma, mi)	(((uint32_t)(ma) << MINORBITS) | (uint32_t)(mi))
#define MAJOR(dev)	((unsigned int)((dev) >> MINORBITS))
#define MINOR(dev)	((unsigned int)((dev) & MINORMASK))

/* What getattr reports (include/linux/stat.h); stat.c copies it into the
 * guest's struct stat or struct statx. */
struct kstat {
	uint32_t result_mask;		/* STATX_* fields filled */
	umode_t mode;			/* S_IF* type and permission bits */
	unsigned int nlink;
	uint32_t blksize;
	uint64_t attributes;
	uint64_t attributes_mask;
	uint64_t ino;
	uint32_t dev;			/* MKDEV() */
	uint32_t rdev;
	uid_t uid;
	gid_t gid;
	int64_t size;
	struct timespec64 atime, mtime, ctime, btime;
	uint64_t blocks;		/* 512-byte units */
	uint64_t mnt_id;
	uint32_t dio_mem_align, dio_offset_align;
};

/* What statfs reports (include/linux/statfs.h). */
struct kstatfs {
	long f_type;
	long f_bsize;
	uint64_t f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int f_fsid[2];
	long f_namelen;
	long f_frsize;
	long f_flags;			/* ST_* */
};

/* A name the path walk resolved: Linux's (vfsmount, dentry) pair, reduced to
 * what taskbox needs. Linux caches dentries in a tree; taskbox keeps none: a
 * dentry lives while a walk, a cwd or a root holds a reference. It names
 * either a host object (d_fd, on the hostfs root) or an inode of an
 * in-memory filesystem (d_inode, on tmpfs or devfs), never both. */
struct dentry {
	int d_count;
	int d_fd;			/* hostfs: host fd of the object, O_PATH or open; else -1 */
	struct inode *d_inode;		/* in-memory filesystems: the object (a reference); else NULL */
	char *d_path;			/* canonical guest absolute path: Linux's d_path() */
};

/* A name inside a directory, not NUL-terminated (include/linux/dcache.h). */
struct qstr {
	const char *name;
	unsigned int len;
};

/* One mounted filesystem instance (include/linux/fs.h). */
#define SB_RDONLY	0x1
/* taskbox-only: the filesystem keeps its inodes in memory, one per object,
 * shared by every name, walk and open file that refers to it (tmpfs, devfs).
 * Without it an inode wraps a host fd and lives for one open (hostfs). */
#define SB_INMEMORY	0x40000000

struct super_operations {
	void (*evict_inode)(struct inode *inode);	/* last iput: let go of the object */
	int (*statfs)(struct inode *inode, struct kstatfs *buf);
};

struct super_block {
	unsigned long s_flags;		/* SB_* */
	const struct super_operations *s_op;
	uint32_t s_dev;			/* st_dev of its inodes (in-memory filesystems) */
	long s_magic;			/* statfs f_type */
	struct kernel *s_kernel;	/* taskbox-only: whose clock and pages it uses */
	void *s_fs_info;		/* the filesystem's own (struct shmem_sb_info) */
};

/* Attribute changes (include/linux/fs.h struct iattr, ATTR_*). */
#define ATTR_MODE	(1 << 0)
#define ATTR_UID	(1 << 1)
#define ATTR_GID	(1 << 2)
#define ATTR_SIZE	(1 << 3)
#define ATTR_ATIME	(1 << 4)
#define ATTR_MTIME	(1 << 5)
#define ATTR_CTIME	(1 << 6)
#define ATTR_ATIME_SET	(1 << 7)
#define ATTR_MTIME_SET	(1 << 8)
#define ATTR_KILL_SUID	(1 << 11)
#define ATTR_KILL_SGID	(1 << 12)
#define ATTR_OPEN	(1 << 15)	/* truncation by open(O_TRUNC): checked already */
#define ATTR_TOUCH	(1 << 17)	/* utimes to "now": write access suffices */

struct iattr {
	unsigned int ia_valid;		/* ATTR_* */
	umode_t ia_mode;
	uid_t ia_uid;
	gid_t ia_gid;
	loff_t ia_size;
	struct timespec64 ia_atime, ia_mtime, ia_ctime;
};

struct cred;

/* Inode operations. getattr serves every filesystem; the rest belong to
 * in-memory ones (SB_INMEMORY), whose directories the walk asks by name:
 * hostfs is walked through host fds instead (namei.c). Names are one
 * component; the VFS has checked permissions and applied the umask. */
struct inode_operations {
	/* Fill stat; request_mask (STATX_*) says which fields the caller
	 * wants, the filesystem may report more or fewer in result_mask. */
	int (*getattr)(struct inode *inode, struct kstat *stat,
		       uint32_t request_mask);
	/* A new reference to the child called name, or to the parent for
	 * ".."; ERR_PTR(-ENOENT) if there is none. */
	struct inode *(*lookup)(struct inode *dir, const struct qstr *name);
	int (*create)(struct inode *dir, const struct qstr *name, umode_t mode,
		      const struct cred *cred);
	int (*mknod)(struct inode *dir, const struct qstr *name, umode_t mode,
		     uint32_t rdev, const struct cred *cred);
	int (*mkdir)(struct inode *dir, const struct qstr *name, umode_t mode,
		     const struct cred *cred);
	int (*symlink)(struct inode *dir, const struct qstr *name,
		       const char *target, const struct cred *cred);
	int (*link)(struct inode *inode, struct inode *dir, const struct qstr *name);
	int (*unlink)(struct inode *dir, const struct qstr *name);
	int (*rmdir)(struct inode *dir, const struct qstr *name);
	int (*rename)(struct inode *old_dir, const struct qstr *old_name,
		      struct inode *new_dir, const struct qstr *new_name,
		      unsigned int flags);
	/* An unnamed regular file (O_TMPFILE): a new reference, nlink 0. */
	struct inode *(*tmpfile)(struct inode *dir, umode_t mode,
				 const struct cred *cred);
	/* The NUL-terminated body, or ERR_PTR (a /proc link may be
	 * unreadable: EACCES, ENOENT). */
	const char *(*get_link)(struct inode *inode);
	/* A "magic" link (/proc/PID/fd/N) leads to an object, not a name:
	 * a new reference to it, NULL to follow get_link's body instead. */
	struct dentry *(*jump_link)(struct inode *inode);
	int (*setattr)(struct inode *inode, const struct iattr *attr);
};

/* An object behind open files. An in-memory filesystem keeps one inode per
 * object, shared by all its names (each name holds a reference), walks and
 * openers, as Linux does; the fields from i_nlink on are its attributes.
 * hostfs makes one per open instead (the host keeps the real one) and asks
 * the host for attributes, so i_count > 1 there only for objects such as
 * pipes whose ends share state. */
#define I_LINKABLE	(1 << 10)	/* an O_TMPFILE file linkat may name */

struct inode {
	int i_count;
	umode_t i_mode;			/* S_IF* type and permission bits */
	struct super_block *i_sb;
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;	/* what open installs as f_op */
	int i_hostfd;			/* hostfs: the host fd behind it, else -1 */
	void *i_private;		/* the filesystem's own state (a pipe's buffer) */
	uint64_t i_ino;		/* for objects with no host inode (pipes) */
	/* In-memory filesystems: */
	unsigned int i_state;		/* I_LINKABLE */
	/* > 0: files open for writing; < 0: images being run (exec): each
	 * excludes the other with ETXTBSY (Linux: i_writecount). */
	int i_writecount;
	unsigned int i_nlink;
	uid_t i_uid;
	gid_t i_gid;
	uint32_t i_rdev;		/* MKDEV() of a device node */
	loff_t i_size;
	uint64_t i_blocks;		/* 512-byte units */
	struct timespec64 i_atime, i_mtime, i_ctime, i_btime;
};

/* getdents: iterate calls actor once per entry; actor returns false when the
 * caller's buffer is full (include/linux/fs.h filldir_t). */
typedef bool (*filldir_t)(struct dir_context *ctx, const char *name, int namelen,
			  loff_t offset, uint64_t ino, unsigned int d_type);
struct dir_context {
	filldir_t actor;
	loff_t pos;
};

/* File operations (include/linux/fs.h). Buffers are kernel memory: the
 * syscall layer copies to and from the guest. Linux finds `current`
 * implicitly; taskbox passes it to the operations that may block or need the
 * caller's identity (NULL from kernel_read, which must not block). They may
 * put `current` to sleep and return -ERESTARTSYS and friends. */
struct file_operations {
	loff_t (*llseek)(struct file *file, loff_t offset, int whence);
	ssize_t (*read)(struct task_struct *current, struct file *file,
			char *buf, size_t count, loff_t *pos);
	ssize_t (*write)(struct task_struct *current, struct file *file,
			 const char *buf, size_t count, loff_t *pos);
	int (*iterate_shared)(struct file *file, struct dir_context *ctx);
	long (*unlocked_ioctl)(struct task_struct *current, struct file *file,
			       unsigned int cmd, uaddr_t arg);
	int (*fsync)(struct file *file, int datasync);
	int (*release)(struct inode *inode, struct file *file);
	/* NULL: the file cannot be mapped (mmap gives ENODEV). */
	int (*mmap)(struct file *file, struct vm_area_struct *vma);
	/* Ready events (POLL*); with `queue`, also put current on the wait
	 * queues whose wake-up may change them (poll_wait). NULL: always
	 * readable and writable. */
	unsigned int (*poll)(struct task_struct *current, struct file *file, bool queue);
	/* Called by vfs_open on a new file of an in-memory filesystem, which
	 * it may change (chrdev_open installs the driver's f_op). */
	int (*open)(struct inode *inode, struct file *file);
	long (*fallocate)(struct file *file, int mode, loff_t offset, loff_t len);
	/* Lines of its own in /proc/PID/fdinfo/N (pidfd's Pid:). */
	void (*show_fdinfo)(struct seq_file *m, struct file *file);
	/* write never reads the caller's buffer (Linux's write_null and
	 * write_full): it gets NULL and the whole count, nothing copied. */
	bool write_ignores_buf;
};

/* The fd table (include/linux/fdtable.h), shared by CLONE_FILES tasks:
 * fork's copy_files takes `count` or calls dup_fd. */
struct files_struct {
	int count;
	unsigned int max_fds;		/* slots in fd[] and the bitmaps */
	unsigned int next_fd;		/* no free fd below this one */
	struct file **fd;
	unsigned long *open_fds;	/* bit set: fd allocated (maybe not installed yet) */
	unsigned long *close_on_exec;
};

/* Root, cwd and umask (include/linux/fs_struct.h), shared by CLONE_FS tasks:
 * fork's copy_fs takes `users` or calls copy_fs_struct. */
struct fs_struct {
	int users;
	int umask;
	struct dentry *root, *pwd;	/* Linux: struct path root, pwd */
};

/* Internal error codes that never reach the guest (include/linux/errno.h) */
#define ENOIOCTLCMD	515		/* no such ioctl here: the caller tries others */

/* Path walk flags (include/linux/namei.h) */
#define LOOKUP_FOLLOW		0x0001	/* follow a symlink in the last component */
#define LOOKUP_DIRECTORY	0x0002	/* the last component must be a directory */
#define LOOKUP_EMPTY		0x4000	/* "" names the starting point */

/* inode_permission masks (include/linux/fs.h) */
#define MAY_EXEC	0x01
#define MAY_WRITE	0x02
#define MAY_READ	0x04
#define MAY_APPEND	0x08
#define MAY_ACCESS	0x10
#define MAY_OPEN	0x20
#define MAY_CHDIR	0x40

#define MAXSYMLINKS	40
#define FS_PATH_MAX	4096		/* PATH_MAX, counting the NUL */
#define FS_NAME_MAX	255		/* NAME_MAX */

/* --- namespace.c --- */
struct dentry *vfs_root(struct kernel *k);	/* a new reference to / */

/* --- dcache.c --- */
struct dentry *d_alloc(int fd, char *path);	/* takes both; NULL on ENOMEM */
struct dentry *d_alloc_inode(struct inode *inode, char *path);	/* likewise */
struct dentry *dget(struct dentry *dentry);
void dput(struct dentry *dentry);
int d_getattr(struct dentry *dentry, struct kstat *stat, uint32_t request_mask);
int d_readlink(struct dentry *dentry, char *buf, size_t size);

/* --- namei.c --- */
char *getname_flags(struct task_struct *t, uaddr_t filename, unsigned int flags);
void putname(char *name);
int filename_lookup(struct task_struct *t, int dfd, const char *name,
		    unsigned int flags, struct dentry **result, struct kstat *stat);
int inode_permission(struct task_struct *t, const struct kstat *stat,
		     struct super_block *sb, int mask);
int inode_permission_inode(struct task_struct *t, struct inode *inode, int mask);

/* --- file_table.c --- */
struct file *alloc_file(struct inode *inode, unsigned int flags,
			const struct file_operations *fop);

/* --- inode.c --- */
struct inode *new_inode(struct super_block *sb);
struct inode *igrab(struct inode *inode);
void iput(struct inode *inode);
int vfs_getattr(struct inode *inode, struct kstat *stat, uint32_t request_mask);
void generic_fillattr(struct inode *inode, struct kstat *stat);
struct timespec64 current_time(struct inode *inode);
void inode_init_owner(struct inode *inode, struct inode *dir, umode_t mode,
		      const struct cred *cred);
void inc_nlink(struct inode *inode);
void drop_nlink(struct inode *inode);
void touch_atime(struct inode *inode);

/* --- file.c --- */
struct files_struct *dup_fd(struct files_struct *oldf);	/* ERR_PTR(-ENOMEM) */
/* --- pidfs.c --- */
struct file *pidfd_file(struct task_struct *p, unsigned int flags);
int pidfd_create(struct task_struct *t, struct task_struct *p, unsigned int flags,
		 struct file **out);
struct task_struct *pidfd_task(struct file *file);
pid_t pidfd_pid(struct file *file);
bool is_pidfd(const struct file *file);

/* --- procfs/base.c --- */
bool proc_tgid_dir_task(struct file *file, struct task_struct **task);

/* --- tmpfs.c --- */
struct file *shmem_zero_setup(struct kernel *k, uint64_t size);

/* --- pipe.c --- */
extern const struct file_operations pipefifo_fops;
int fifo_open(struct task_struct *t, struct file *file);

int generic_write_check_limits(struct task_struct *t, loff_t pos, size_t *count);
int get_write_access(struct inode *inode);
void put_write_access(struct inode *inode);
int deny_write_access(struct inode *inode);
void allow_write_access(struct inode *inode);
struct file *fget_raw(struct task_struct *t, unsigned int fd);	/* O_PATH too */
int get_unused_fd_flags(struct task_struct *t, unsigned int flags);
void put_unused_fd(struct task_struct *t, unsigned int fd);
void fd_install(struct task_struct *t, unsigned int fd, struct file *file);
int close_fd(struct task_struct *t, unsigned int fd);
bool get_close_on_exec(struct files_struct *files, unsigned int fd);
void set_close_on_exec(struct files_struct *files, unsigned int fd, bool flag);

/* --- fs_struct.c --- */
struct fs_struct *copy_fs_struct(struct fs_struct *old);	/* NULL on ENOMEM */
void set_fs_pwd(struct fs_struct *fs, struct dentry *pwd);	/* takes pwd */

/* --- pipe.c --- */
#define F_SETPIPE_SZ	1031
#define F_GETPIPE_SZ	1032
long pipe_fcntl(struct task_struct *t, struct file *file, unsigned int cmd,
		unsigned long arg);

/* --- read_write.c --- */
ssize_t vfs_read(struct task_struct *t, struct file *file, uaddr_t buf,
		 size_t count, loff_t *pos);
ssize_t vfs_write(struct task_struct *t, struct file *file, uaddr_t buf,
		  size_t count, loff_t *pos);
loff_t vfs_llseek(struct file *file, loff_t offset, int whence);

/* --- stat.c --- */
int vfs_fstat(struct task_struct *t, int fd, struct kstat *stat);
int vfs_statx(struct task_struct *t, int dfd, const char *name, int flags,
	      struct kstat *stat, uint32_t request_mask);

/* --- readdir.c --- */
int iterate_dir(struct file *file, struct dir_context *ctx);

#endif
