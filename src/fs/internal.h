/* Shared inside src/fs only (Linux: fs/internal.h).
 *
 * Nothing here depends on the guest's uapi headers, so src/fs/hostfs.c, the
 * one file that includes the host's <fcntl.h> and <sys/stat.h>, includes it
 * too. Every other file in src/fs speaks only the guest's ABI. */
#ifndef FS_INTERNAL_H
#define FS_INTERNAL_H

#include "fs/fs.h"

/* A host file made visible at one guest path (vfs_bind_host_file). */
struct host_binding {
	char *path;			/* guest absolute path, normalised */
	int dir_fd;			/* host O_PATH fd of the file's directory */
	char *name;			/* the file's name in that directory */
};

/* The mounts of one kernel: k->mounts. Linux keeps a tree of struct mount;
 * taskbox has one filesystem so far, hostfs at /, plus the bindings, which
 * are looked up before the walk starts. */
struct vfsmount_table {
	struct super_block hostfs_sb;	/* the root: read-only */
	struct super_block stdio_sb;	/* the host's stdio files (no mount) */
	struct dentry *root;		/* the guest's / */
	struct host_binding *bindings;
	int nr_bindings;
};

/* What open(2)'s flags ask of the walk (fs/internal.h struct open_flags). */
struct open_flags {
	int open_flag;			/* O_*, cleaned by build_open_flags */
	umode_t mode;			/* for O_CREAT / O_TMPFILE */
	int acc_mode;			/* MAY_* the opener needs */
	int lookup_flags;		/* LOOKUP_* */
};

/* --- file.c --- */
int f_dupfd(struct task_struct *t, unsigned long from, struct file *file,
	    unsigned int flags);

/* --- namei.c --- */
struct file *path_openat(struct task_struct *t, int dfd, const char *name,
			 const struct open_flags *op);
bool is_root_readonly(struct super_block *sb);

/* --- open.c --- */
int build_open_flags(int flags, umode_t mode, struct open_flags *op);
struct file *vfs_open(struct task_struct *t, struct dentry *parent,
		      const char *last, struct dentry *dentry,
		      const struct kstat *stat, int flags);

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

/* --- ioctl.c --- */
long hostfd_ioctl(struct task_struct *current, struct file *file,
		  unsigned int cmd, uaddr_t arg);

#endif
