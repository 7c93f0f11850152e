/*
 * lifecycle_vfork FIXTURE — vfork and posix_spawn.
 *
 * The program re-executes itself (argv[0], an absolute path in both runs) with a
 * mode word as argv[1] when it needs a child program:
 *	child-exit N		exit with N
 *	child-exit-released FD N	read FD until end-of-file, then exit with N
 *	child-report		print "pgrp_is_pid=.. usr1_blocked=.. usr2_ignored=.."
 *				and exit 0
 * Otherwise argv[1] is the runner's fixture directory (hello.txt: mode 0644).
 *
 * Scenarios, each in a child of its own (lib/lifecycle.h):
 *	vfork_child_runs_first	the parent is suspended until the child _exits: the
 *				child's writes to memory are the parent's (shared), the
 *				child ran before the parent went on, its getppid() is
 *				the parent, waitpid gives its status
 *	vfork_exec		the parent resumes when the child execs, before the new
 *				program exits (the program waits for the parent)
 *	posix_spawn_status	posix_spawn of the program itself: its exit status
 *	posix_spawn_errors	a missing file: ENOENT as the return value, no child
 *				left; a file without x bits: EACCES
 *	posix_spawn_attrs	file actions (dup2 onto stdout, close), POSIX_SPAWN_
 *				SETPGROUP, SETSIGMASK, SETSIGDEF, as the child reports
 *
 * qemu-user runs vfork (and glibc's posix_spawn, which uses CLONE_VM|CLONE_VFORK)
 * as a plain fork: the vfork child's writes stay in its own copy, the parent is
 * not suspended, and posix_spawn cannot report an exec failure. The kernel does
 * all three.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <signal.h>
#include <spawn.h>

#include "lib/check.h"
#include "lib/lifecycle.h"

extern char **environ;

static const char *self;
static const char *fixture;

/* ---- the child program's modes ---------------------------------------------- */

static int
child_main(int argc, char **argv)
{
	if (strcmp(argv[1], "child-exit") == 0 && argc == 3)
		return atoi(argv[2]);
	if (strcmp(argv[1], "child-exit-released") == 0 && argc == 4) {
		wait_byte(atoi(argv[2]));
		return atoi(argv[3]);
	}
	if (strcmp(argv[1], "child-report") == 0) {
		sigset_t mask;
		struct sigaction sa;

		sigprocmask(SIG_BLOCK, NULL, &mask);
		sigaction(SIGUSR2, NULL, &sa);
		printf("pgrp_is_pid=%s usr1_blocked=%s usr2_ignored=%s\n",
		       yesno(getpgrp() == getpid()), yesno(sigismember(&mask, SIGUSR1)),
		       yesno(sa.sa_handler == SIG_IGN));
		return 0;
	}
	fprintf(stderr, "lifecycle_vfork: unknown mode %s\n", argv[1]);
	return 2;
}

/* ---- vfork -------------------------------------------------------------------- */

static volatile long vf_child_pid, vf_child_ppid;
static volatile char vf_order[4];
static volatile int vf_n;

static void
test_vfork_child_runs_first(void)
{
	pid_t pid, r;
	int st = 0;

	vf_n = 0;
	vf_child_pid = vf_child_ppid = 0;
	fflush(NULL);
	pid = vfork();
	if (pid == 0) {
		vf_order[vf_n++] = 'c';
		vf_child_pid = getpid();
		vf_child_ppid = getppid();
		_exit(5);
	}
	if (pid == -1) {
		check("vfork", 0, "-1 %s", errno_name(errno));
		return;
	}
	vf_order[vf_n++] = 'p';
	vf_order[vf_n] = 0;
	check_str("vfork_child_ran_first", (const char *)vf_order, "cp");
	check("vfork_memory_shared", vf_child_pid == pid,
	      "the child's write is in the parent's memory (its pid, == vfork()'s return): %s",
	      yesno(vf_child_pid == pid));
	check("vfork_child_getppid", vf_child_ppid == getpid(),
	      "the child's getppid() is the parent: %s", yesno(vf_child_ppid == getpid()));
	r = wait_pid(pid, &st, 0);
	check("vfork_waitpid", r == pid, "waitpid(pid) == pid: %s", yesno(r == pid));
	check_exited("vfork_status", st, 5);
}

static void
test_vfork_exec(void)
{
	char fdarg[16];
	char *args[] = { (char *)self, "child-exit-released", fdarg, "9", NULL };
	int p[2], st = 0;
	pid_t pid, r;

	/* The write end is close-on-exec: after the exec only the parent holds it. */
	if (pipe(p) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return;
	}
	fcntl(p[1], F_SETFD, FD_CLOEXEC);
	snprintf(fdarg, sizeof(fdarg), "%d", p[0]);
	vf_n = 0;
	fflush(NULL);
	pid = vfork();
	if (pid == 0) {
		vf_order[vf_n++] = 'c';
		execve(self, args, environ);
		_exit(99);
	}
	if (pid == -1) {
		check("vfork", 0, "-1 %s", errno_name(errno));
		return;
	}
	vf_order[vf_n++] = 'p';
	vf_order[vf_n] = 0;
	check_str("vfork_exec_child_first", (const char *)vf_order, "cp");
	close(p[0]);
	/*
	 * Resumed while the new program still runs: it exits only once this end
	 * is closed. (A kernel that resumed the parent at exit would hang here.)
	 */
	close(p[1]);
	r = wait_pid(pid, &st, 0);
	check("vfork_exec_waitpid", r == pid, "waitpid(pid) == pid: %s", yesno(r == pid));
	check_exited("vfork_exec_status", st, 9);	/* 99: execve failed */
}

/* ---- posix_spawn ---------------------------------------------------------------- */

static void
test_posix_spawn_status(void)
{
	char *args[] = { (char *)self, "child-exit", "3", NULL };
	pid_t pid = 0, r;
	int err, st = 0;

	fflush(NULL);
	err = posix_spawn(&pid, self, NULL, NULL, args, environ);
	check("posix_spawn_self", err == 0, "returns %s", errno_name(err));
	if (err)
		return;
	r = wait_pid(pid, &st, 0);
	check("posix_spawn_pid", r == pid, "waitpid(the pid posix_spawn gave) == it: %s",
	      yesno(r == pid));
	check_exited("posix_spawn_child_status", st, 3);
}

static void
test_posix_spawn_errors(void)
{
	char path[PATH_MAX];
	char *args[] = { path, NULL };
	pid_t pid = 0;
	int err, st;

	snprintf(path, sizeof(path), "%s/missing", fixture);
	fflush(NULL);
	err = posix_spawn(&pid, path, NULL, NULL, args, environ);
	check("posix_spawn_enoent", err == ENOENT, "returns %s, want ENOENT", errno_name(err));
	EXPECT_ERRNO("posix_spawn_enoent_no_child", waitpid(-1, &st, 0), ECHILD);

	snprintf(path, sizeof(path), "%s/hello.txt", fixture);
	fflush(NULL);
	err = posix_spawn(&pid, path, NULL, NULL, args, environ);
	check("posix_spawn_eacces", err == EACCES, "returns %s, want EACCES", errno_name(err));
	EXPECT_ERRNO("posix_spawn_eacces_no_child", waitpid(-1, &st, 0), ECHILD);
}

/* spawn_report - spawn child-report with attr, its stdout into a pipe; the line. */
static void
spawn_report(const char *name, posix_spawnattr_t *attr, const char *want)
{
	char *args[] = { (char *)self, "child-report", NULL };
	posix_spawn_file_actions_t fa;
	char line[128] = "";
	pid_t pid = 0;
	int p[2], err, st = 0;
	ssize_t n;

	if (pipe(p) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	posix_spawn_file_actions_addclose(&fa, p[0]);
	posix_spawn_file_actions_addclose(&fa, p[1]);
	fflush(NULL);
	err = posix_spawn(&pid, self, &fa, attr, args, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	if (err) {
		check(name, 0, "posix_spawn returns %s", errno_name(err));
		close(p[0]);
		return;
	}
	n = read_full(p[0], line, sizeof(line) - 1);
	close(p[0]);
	line[n > 0 ? n : 0] = 0;
	if (n > 0 && line[n - 1] == '\n')
		line[n - 1] = 0;
	wait_pid(pid, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		check(name, 0, "child %s", status_str(st));
	else
		check_str(name, line, want);
}

static void
test_posix_spawn_attrs(void)
{
	posix_spawnattr_t attr;
	sigset_t set;

	/* The parent: SIGUSR1 not blocked, SIGUSR2 ignored, in its parent's group. */
	signal(SIGUSR2, SIG_IGN);
	spawn_report("spawn_file_actions_plain", NULL,
		     "pgrp_is_pid=no usr1_blocked=no usr2_ignored=yes");

	posix_spawnattr_init(&attr);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
	posix_spawnattr_setpgroup(&attr, 0);
	spawn_report("spawn_setpgroup", &attr,
		     "pgrp_is_pid=yes usr1_blocked=no usr2_ignored=yes");
	posix_spawnattr_destroy(&attr);

	posix_spawnattr_init(&attr);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	posix_spawnattr_setsigmask(&attr, &set);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	posix_spawnattr_setsigdefault(&attr, &set);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	spawn_report("spawn_setsigmask_setsigdef", &attr,
		     "pgrp_is_pid=no usr1_blocked=yes usr2_ignored=no");
	posix_spawnattr_destroy(&attr);
}

int
main(int argc, char **argv)
{
	if (argc > 1 && strncmp(argv[1], "child-", 6) == 0)
		return child_main(argc, argv);
	if (argc < 2) {
		fprintf(stderr, "usage: lifecycle_vfork FIXTURE\n");
		return 2;
	}
	self = argv[0];
	fixture = argv[1];
	check("argv0_absolute", self[0] == '/', "argv[0] is an absolute path: %s",
	      yesno(self[0] == '/'));

	scenario("vfork_child_runs_first", test_vfork_child_runs_first);
	scenario("vfork_exec", test_vfork_exec);
	scenario("posix_spawn_status", test_posix_spawn_status);
	scenario("posix_spawn_errors", test_posix_spawn_errors);
	scenario("posix_spawn_attrs", test_posix_spawn_attrs);
	return check_summary();
}
