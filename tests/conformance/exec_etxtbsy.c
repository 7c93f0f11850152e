/*
 * exec_etxtbsy - a program being run cannot be opened for writing, and a file
 * open for writing cannot be run: ETXTBSY both ways (Linux: get_write_access /
 * exe_file_deny_write_access, fs/exec.c do_open_execat).
 *
 * Cases:
 *	exec_open_for_write	execve of a copy of this program while an fd
 *				writes it: -1 ETXTBSY
 *	exec_after_close	after the close the same execve succeeds (child)
 *	write_while_running	open(O_WRONLY) of the copy while a child runs it:
 *				-1 ETXTBSY
 *	read_while_running	open(O_RDONLY) of it meanwhile: allowed
 *	write_after_exit	once the child has exited: allowed
 *	unlink_while_running	unlinking a running image is allowed
 *
 * The copy lives in /tmp (tmpfs in taskbox); every case cleans up.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/check.h"
#include "lib/lifecycle.h"

static char copy_path[64];

/* Copy this program to copy_path; returns the still open write fd. */
static int
make_copy(const char *self)
{
	char buf[65536];
	int in = open(self, O_RDONLY), out;
	ssize_t n;

	snprintf(copy_path, sizeof(copy_path), "/tmp/etxtbsy-%d", (int)getpid());
	out = open(copy_path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (in < 0 || out < 0)
		return -1;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			break;
	close(in);
	return out;
}

/* A child running the copy in "wait" mode: it reads one byte from fd rd. */
static pid_t
run_copy(int rd)
{
	char fdarg[16];
	pid_t pid;

	snprintf(fdarg, sizeof(fdarg), "%d", rd);
	pid = fork_flushed();
	if (pid == 0) {
		execl(copy_path, "etxtbsy", "wait", fdarg, (char *)NULL);
		_exit(99);
	}
	return pid;
}

int
main(int argc, char **argv)
{
	char *args[] = { "etxtbsy", "exit7", NULL };
	int wfd, p[2], st = 0;
	pid_t pid;

	if (argc > 1 && strcmp(argv[1], "exit7") == 0)
		return 7;
	if (argc > 2 && strcmp(argv[1], "wait") == 0) {
		char c;

		return read(atoi(argv[2]), &c, 1) == 1 ? 0 : 3;
	}
	wfd = make_copy("/proc/self/exe");
	if (wfd < 0)
		wfd = make_copy(argv[0]);
	if (!check("copy_made", wfd >= 0, "copy of the program open for writing: %s", yesno(wfd >= 0)))
		return check_summary();
	EXPECT_ERRNO("exec_open_for_write", execv(copy_path, args), ETXTBSY);
	close(wfd);
	pid = fork_flushed();
	if (pid == 0) {
		execv(copy_path, args);
		_exit(99);
	}
	check_exited("exec_after_close", wait_pid(pid, &st, 0) == pid ? st : -1, 7);
	if (pipe(p) == 0) {
		pid = run_copy(p[0]);
		/* The child blocks in read until we write: it runs the copy. */
		usleep(100000);
		EXPECT_ERRNO("write_while_running", open(copy_path, O_WRONLY), ETXTBSY);
		wfd = open(copy_path, O_RDONLY);
		check("read_while_running", wfd >= 0, "open(O_RDONLY): %s", yesno(wfd >= 0));
		close(wfd);
		if (write(p[1], "x", 1) != 1)
			check("release_child", 0, "write to the child's pipe failed");
		check_exited("child_ran_copy", wait_pid(pid, &st, 0) == pid ? st : -1, 0);
		wfd = open(copy_path, O_WRONLY);
		check("write_after_exit", wfd >= 0, "open(O_WRONLY) after the exit: %s", yesno(wfd >= 0));
		close(wfd);
		pid = run_copy(p[0]);
		usleep(100000);
		EXPECT_SUCCESS("unlink_while_running", unlink(copy_path));
		if (write(p[1], "x", 1) != 1)
			check("release_child2", 0, "write to the child's pipe failed");
		check_exited("unlinked_copy_ran", wait_pid(pid, &st, 0) == pid ? st : -1, 0);
	}
	unlink(copy_path);
	return check_summary();
}
