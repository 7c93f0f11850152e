/* getcwd(2) (Linux: fs/d_path.c). The cwd's dentry already holds its
 * canonical guest path, so nothing needs rebuilding from parents. */
#include <errno.h>
#include <string.h>

#include "fs/internal.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "mm/mm.h"

/* Returns the length including the NUL, as the raw syscall does: ERANGE
 * if size is too small, ENAMETOOLONG past a page, ENOENT if the cwd was
 * removed (d_unlinked). */
SYSCALL_DEFINE2(getcwd, uaddr_t, buf, unsigned long, size)
{
	struct dentry *pwd = current->fs->pwd;
	const char *cwd = pwd->d_path;
	size_t len = strlen(cwd) + 1;

	if (pwd->d_inode && pwd->d_inode->i_nlink == 0)
		return -ENOENT;

	if (len > PAGE_SIZE)
		return -ENAMETOOLONG;
	if (len > size)
		return -ERANGE;
	if (copy_to_user(current->mm, buf, cwd, len) < 0)
		return -EFAULT;
	return len;
}
