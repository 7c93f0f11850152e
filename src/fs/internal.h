/* Shared inside src/fs only (Linux: fs/internal.h).
 *
 * Nothing here depends on the guest's uapi headers, so src/fs/hostfs.c, the
 * one file that includes the host's <fcntl.h> and <sys/stat.h>, includes it
 * too. Every other file in src/fs speaks only the guest's ABI. */
#ifndef FS_INTERNAL_H
#define FS_INTERNAL_H

#include <taskbox/list.h>

#include "fs/fs.h"

/* A host file made visible at one guest path (vfs_bind_host_file). */
struct host_binding {
	char *path;			/* guest absolute path, normalised */
	int dir_fd;			/* host O_PATH fd of the file's directory */
	char *name;			/* the file's name in that directory */
};

/* Mount flags (include/linux/mount.h MNT_*); statfs reports them as ST_*. */
#define MNT_NOSUID	0x01
#define MNT_NODEV	0x02
#define MNT_NOEXEC	0x04
#define MNT_RELATIME	0x20

/* One mount (Linux: struct mount / struct vfsmount). Each filesystem
 * instance is mounted once, so a mount is found from its super_block. */
struct vfsmount {
	struct super_block *mnt_sb;
	struct dentry *mnt_root;	/* its d_path is the mount point's path */
	struct vfsmount *mnt_parent;	/* NULL for the root */
	int mnt_flags;			/* MNT_* */
	int mnt_id;
};

/* The mounts of one kernel: k->mounts. Linux keeps a tree of struct mount
 * hashed by mount point (lookup_mnt); taskbox has a handful, made at boot,
 * kept in mount order: hostfs at /, devfs at /dev, tmpfs at /dev/shm and
 * /tmp. The single-file host bindings are looked up before the walk starts. */
#define MAX_MOUNTS	8

struct vfsmount_table {
	struct super_block hostfs_sb;	/* the root: read-only */
	struct super_block stdio_sb;	/* the host's stdio files (no mount) */
	struct dentry *root;		/* the guest's / */
	struct vfsmount *mounts[MAX_MOUNTS];	/* [0] is the root */
	int nr_mounts;
	unsigned int next_anon;		/* get_anon_bdev's counter */
	struct host_binding *bindings;
	int nr_bindings;
	/* The internal tmpfs instance behind shared anonymous memory (Linux:
	 * shm_mnt), mounted nowhere. */
	struct super_block *shm_sb;
	struct inode *shm_root;
};

/* What open(2)'s flags ask of the walk (fs/internal.h struct open_flags). */
struct open_flags {
	int open_flag;			/* O_*, cleaned by build_open_flags */
	umode_t mode;			/* for O_CREAT / O_TMPFILE */
	int acc_mode;			/* MAY_* the opener needs */
	int lookup_flags;		/* LOOKUP_* */
};

/* --- file.c --- */
struct file *hostfd_open(struct kernel *k, int host_fd, const char *name);
int f_dupfd(struct task_struct *t, unsigned long from, struct file *file,
	    unsigned int flags);

/* --- namei.c --- */
struct file *path_openat(struct task_struct *t, int dfd, const char *name,
			 const struct open_flags *op);
bool is_root_readonly(struct super_block *sb);
struct super_block *d_sb(struct kernel *k, struct dentry *dentry);
bool sb_in_memory(const struct super_block *sb);
bool inode_owner_or_capable(struct task_struct *t, const struct inode *inode);
bool capable_fsuid(struct task_struct *t);
bool in_group_p(struct task_struct *t, gid_t gid);

/* --- procfs/inode.c --- */
#define PROC_SUPER_MAGIC	0x9fa0
int proc_fill_super(struct kernel *k, struct super_block *sb, uint32_t dev,
		    struct inode **root);

/* --- sysfs.c --- */
#define SYSFS_MAGIC		0x62656572
int sysfs_fill_super(struct kernel *k, struct super_block *sb, uint32_t dev,
		     struct inode **root);

/* --- namespace.c --- */
struct vfsmount *lookup_mnt(struct vfsmount_table *table, const char *path);
struct vfsmount *sb_mount(struct vfsmount_table *table, struct super_block *sb);
bool d_is_mount_root(struct vfsmount_table *table, struct dentry *dentry);

/* --- attr.c --- */
int notify_change(struct task_struct *t, struct inode *inode, struct iattr *attr);
void setattr_copy(struct inode *inode, const struct iattr *attr);

/* --- open.c --- */
int do_truncate(struct task_struct *t, struct inode *inode, loff_t length,
		unsigned int time_attrs);

/* --- open.c: the walk's side --- */
int build_open_flags(int flags, umode_t mode, struct open_flags *op);
struct file *vfs_open(struct task_struct *t, struct dentry *parent,
		      const char *last, struct dentry *dentry,
		      const struct kstat *stat, int flags);

/* --- d_path.c --- */
void d_refresh_path(struct kernel *k, struct dentry *dentry);

/* --- dcache.c: guest path strings --- */
char *path_join(const char *dir, const char *name, size_t len);
void path_parent(char *path);
char *path_normalize(const char *dir, const char *name);

/* --- hostfs.c: the host boundary. Each returns a negative errno (host and
 * guest numbers agree, see DESIGN.md) and fills kernel-neutral structures. */
extern const struct super_operations hostfs_super_ops;
int hostfs_mount(const char *host_dir, struct dentry **root);
int hostfs_bind(const char *host_path, int *dir_fd, char **name);
int hostfs_lookup(int dir_fd, const char *name, struct kstat *stat);
int hostfs_lookup_dotdot(int dir_fd, struct kstat *stat);
int hostfs_stat(int fd, struct kstat *stat, uint32_t request_mask);
int hostfs_statfs(int fd, bool rdonly, struct kstatfs *buf);
int hostfs_readlink(int fd, char *buf, size_t size);
int hostfs_dup(int fd);
void hostfs_close(int fd);
struct inode *hostfs_open(struct super_block *sb, int dir_fd, const char *name,
			  const struct kstat *stat);
struct inode *hostfs_path_inode(struct super_block *sb, int fd,
				const struct kstat *stat);
/* How the host opened one of its stdio fds, in host-neutral terms. */
struct hostfd_flags {
	int accmode;			/* 0, 1 or 2: O_ACCMODE, equal everywhere */
	bool append, nonblock, largefile;
};
struct inode *hostfs_stdio_inode(struct super_block *sb, int host_fd,
				 struct hostfd_flags *flags);
struct inode *hostfs_stdio_reopen(struct super_block *sb, const struct inode *old,
				  const struct hostfd_flags *flags, bool trunc);

/* The host terminal, for ioctl pass-through on the stdio files. This is
 * Linux's struct ktermios, renamed: the host's <asm/termbits.h> owns that name. */
struct hostfs_termios {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line;
	uint8_t c_cc[19];
};
enum hostfs_tcsets_when { HOSTFS_TCSANOW, HOSTFS_TCSADRAIN, HOSTFS_TCSAFLUSH };
int hostfs_tcgets(int fd, struct hostfs_termios *t);
int hostfs_tcsets(int fd, enum hostfs_tcsets_when when, const struct hostfs_termios *t);
int hostfs_tiocgwinsz(int fd, uint16_t ws[4]);
int hostfs_tiocgpgrp(int fd, int *pgrp);

/* --- libfs.c: the directories of in-memory filesystems (Linux keeps their
 * names as dentries in the dcache; taskbox has none, so the directory owns
 * them: struct simple_dir is a directory inode's i_private). --- */
struct simple_dirent {
	struct list_head d_child;	/* in simple_dir.entries, by offset */
	struct inode *inode;		/* a reference: a name keeps its inode */
	loff_t offset;			/* readdir position (Linux: simple_offset) */
	unsigned int len;
	char name[];
};

struct simple_dir {
	struct list_head entries;	/* newest first, as Linux's offset_readdir */
	loff_t next_offset;		/* 0 and 1 are "." and ".." */
	struct inode *parent;		/* ".." (a reference, unless the root's own) */
	struct simple_dirent *self;	/* its name in parent; NULL if root or removed */
};

#define BOGO_DIRENT_SIZE 20	/* a tmpfs directory's i_size per entry */

struct simple_dir *simple_dir_alloc(struct inode *parent);
void simple_dir_free(struct inode *dir);
struct simple_dirent *simple_find_entry(struct inode *dir, const struct qstr *name);
struct inode *simple_lookup(struct inode *dir, const struct qstr *name);
int simple_add_entry(struct inode *dir, const struct qstr *name, struct inode *inode);
void simple_remove_entry(struct inode *dir, struct simple_dirent *de);
bool simple_empty(struct inode *dir);
int simple_dir_path(struct inode *dir, struct inode *root, char *buf, size_t size);
int simple_link(struct inode *inode, struct inode *dir, const struct qstr *name);
int simple_unlink(struct inode *dir, const struct qstr *name);
int simple_rmdir(struct inode *dir, const struct qstr *name);
int simple_rename(struct inode *old_dir, const struct qstr *old_name,
		  struct inode *new_dir, const struct qstr *new_name,
		  unsigned int flags);
void simple_kill_tree(struct inode *dir);
extern const struct file_operations simple_offset_dir_operations;

/* --- tmpfs.c --- */
#define TMPFS_MAGIC	0x01021994
int shmem_fill_super(struct kernel *k, struct super_block *sb, umode_t root_mode,
		     uint32_t dev, struct inode **root);
void shmem_put_super(struct super_block *sb);
int shmem_add_node(struct inode *dir, const char *name, umode_t mode,
		   uint32_t rdev);
int shmem_add_symlink(struct inode *dir, const char *name, const char *target);

/* --- devfs.c --- */
int devtmpfs_fill(struct inode *root);
extern const struct file_operations def_chr_fops;
extern const struct file_operations def_blk_fops;

/* --- ioctl.c --- */
long hostfd_ioctl(struct task_struct *current, struct file *file,
		  unsigned int cmd, uaddr_t arg);

#endif
