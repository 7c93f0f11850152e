/*
 * lifecycle_exec FIXTURE [tmp] — execve: what the new program keeps, what it
 * loses, how it fails, and #! scripts.
 *
 * The program re-executes itself (argv[0], an absolute path in both runs). With
 * FIXTURE alone (case lifecycle_exec.fixture) it uses only the runner's read-only
 * fixture (hello.txt: 0644, subdir/, loop-a <-> loop-b, dangling-link, hello-link,
 * script.sh: "#!/bin/sh\nexit 0", 0755). With "tmp" (case lifecycle_exec.tmp) it
 * also writes scripts and a text file into a fresh directory under /tmp, so that
 * case needs a writable /tmp.
 *
 * Modes of the re-executed program (argv[1]):
 *	after-exec PID PPID PGRP SID NOFILE ADDR CWD FD
 *				checks what survived the exec, writes its check
 *				counts to FD, exits 0 or 1
 *	arglen N LEN...		exits 0 when its N arguments after these have the
 *				lengths LEN..., 1 otherwise
 *	child-exit N		exits with N
 * and, as the interpreter of a #! script, any argv holding "report-fd=FD": it
 * writes its argv (NUL-terminated strings) to FD and exits 0.
 *
 * Scenarios (case fixture), each in a child of its own (lib/lifecycle.h):
 *	exec_keeps_and_resets	pid, ppid, process group, session, cwd, umask,
 *				ignored dispositions, the blocked mask, a pending
 *				blocked signal, rlimits and fds without FD_CLOEXEC
 *				(with their offset) survive; handlers become SIG_DFL,
 *				the alternate signal stack is disabled, FD_CLOEXEC
 *				fds are closed, mappings are gone, comm is the
 *				basename of the path
 *	exec_errors		ENOENT (missing, dangling symlink, ""), EACCES (no x
 *				bit, a directory), ENOTDIR, ELOOP, ENAMETOOLONG, EFAULT
 *	exec_arg_limits		one string of MAX_ARG_STRLEN (32 pages) bytes with its
 *				NUL passes, one more byte is E2BIG; 200000 bytes in
 *				four strings pass
 *	execveat		relative to a directory fd, AT_EMPTY_PATH on a file
 *				without x bits, AT_SYMLINK_NOFOLLOW on a symlink,
 *				bad flags, bad fd
 *	fixture_script		FIXTURE/script.sh (#!/bin/sh) runs and exits 0
 * Scenarios (case tmp):
 *	script_argv		"#!INTERP ARG" gives the interpreter [INTERP, ARG,
 *				script path, original argv[1..]]; without ARG, no ARG;
 *				blanks around ARG are dropped, blanks inside kept
 *	script_errors		a text file without #!, an empty file and "#!" alone
 *				give ENOEXEC; a missing interpreter gives ENOENT
 *
 * qemu-user (7.2) returns ENOSYS for execveat, and can exec another riscv64
 * program only when binfmt_misc sends riscv64 ELF files to qemu.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "lib/check.h"
#include "lib/lifecycle.h"

extern char **environ;

static const char *self;
static const char *fixture;

#define MAX_ARG_STRLEN (32 * 4096L)
#define MAP_HINT 0x2000000000UL		/* 128 GiB: inside Sv39, free in both runs */
#define NOFILE_SOFT 200

static const char *
at(const char *name)
{
	static char path[4][PATH_MAX];
	static int which;
	char *p = path[which++ & 3];

	snprintf(p, PATH_MAX, "%s/%s", fixture, name);
	return p;
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* ---- the re-executed program ------------------------------------------------ */

static void
on_usr1(int sig)
{
	(void)sig;
}

static int
after_exec(int argc, char **argv)
{
	char cwd[PATH_MAX], comm[17] = "", buf[8] = "";
	struct sigaction sa;
	struct rlimit rl;
	stack_t ss;
	sigset_t mask, pend;
	void *addr;
	mode_t um;

	if (argc != 10) {
		printf("after-exec: %d arguments, want 10\n", argc);
		return 2;
	}
	check("pid_survives", getpid() == atol(argv[2]), "getpid() is the pid before exec: %s",
	      yesno(getpid() == atol(argv[2])));
	check("ppid_survives", getppid() == atol(argv[3]), "getppid() unchanged: %s",
	      yesno(getppid() == atol(argv[3])));
	check("pgrp_survives", getpgrp() == atol(argv[4]), "getpgrp() unchanged: %s",
	      yesno(getpgrp() == atol(argv[4])));
	check("session_survives", getsid(0) == atol(argv[5]), "getsid(0) unchanged: %s",
	      yesno(getsid(0) == atol(argv[5])));
	check("cwd_survives", getcwd(cwd, sizeof(cwd)) && strcmp(cwd, argv[8]) == 0,
	      "getcwd() is FIXTURE/subdir: %s",
	      yesno(getcwd(cwd, sizeof(cwd)) && strcmp(cwd, argv[8]) == 0));
	um = umask(0);
	check("umask_survives", um == 027, "%03o, want 027", (unsigned)um);
	getrlimit(RLIMIT_NOFILE, &rl);
	check("rlimit_survives", (long)rl.rlim_cur == atol(argv[6]),
	      "RLIMIT_NOFILE soft limit unchanged: %s", yesno((long)rl.rlim_cur == atol(argv[6])));

	sigaction(SIGUSR2, NULL, &sa);
	check("ignored_disposition_survives", sa.sa_handler == SIG_IGN,
	      "SIGUSR2 still SIG_IGN: %s", yesno(sa.sa_handler == SIG_IGN));
	sigaction(SIGUSR1, NULL, &sa);
	check("handler_reset_to_default", sa.sa_handler == SIG_DFL,
	      "SIGUSR1 (had a handler) is SIG_DFL: %s", yesno(sa.sa_handler == SIG_DFL));
	sigaction(SIGTERM, NULL, &sa);
	check("other_handler_reset", sa.sa_handler == SIG_DFL,
	      "SIGTERM (had a handler) is SIG_DFL: %s", yesno(sa.sa_handler == SIG_DFL));
	sigprocmask(SIG_BLOCK, NULL, &mask);
	check("blocked_mask_survives", sigismember(&mask, SIGUSR1) && sigismember(&mask, SIGALRM) &&
	      !sigismember(&mask, SIGUSR2),
	      "SIGUSR1 blocked %s, SIGALRM blocked %s, SIGUSR2 blocked %s",
	      yesno(sigismember(&mask, SIGUSR1)), yesno(sigismember(&mask, SIGALRM)),
	      yesno(sigismember(&mask, SIGUSR2)));
	sigemptyset(&pend);
	sigpending(&pend);
	check("pending_signal_survives", sigismember(&pend, SIGUSR1) &&
	      !sigismember(&pend, SIGALRM),
	      "SIGUSR1 pending %s, SIGALRM pending %s", yesno(sigismember(&pend, SIGUSR1)),
	      yesno(sigismember(&pend, SIGALRM)));
	memset(&ss, 0, sizeof(ss));
	sigaltstack(NULL, &ss);
	check("sigaltstack_disabled", (ss.ss_flags & SS_DISABLE) != 0,
	      "the alternate signal stack is disabled: %s", yesno((ss.ss_flags & SS_DISABLE) != 0));

	EXPECT_RET("fd_without_cloexec_open", fcntl(20, F_GETFD), 0);
	EXPECT_RET("fd_offset_survives", lseek(20, 0, SEEK_CUR), 7);
	EXPECT_RET("fd_reads_on", read(20, buf, 4), 4);
	check("fd_same_file", memcmp(buf, "conf", 4) == 0, "\"%.4s\", want \"conf\"", buf);
	EXPECT_ERRNO("fd_o_cloexec_closed", fcntl(21, F_GETFD), EBADF);
	EXPECT_ERRNO("fd_fd_cloexec_closed", fcntl(22, F_GETFD), EBADF);

	addr = (void *)strtoul(argv[7], NULL, 16);
	EXPECT_ERRNO("mapping_gone", msync(addr, 4096, MS_ASYNC), ENOMEM);
	prctl(PR_GET_NAME, comm, 0, 0, 0);
	check_str("comm_is_basename", comm, base_name(argv[0]));
	check_str("environment_passed", getenv("CONFORMANCE"), "1");
	fflush(stdout);
	{
		int counts[2] = { checks_run, checks_failed };

		write_full(atoi(argv[9]), counts, sizeof(counts));
	}
	return checks_failed ? 1 : 0;
}

static int
arglen(int argc, char **argv)
{
	int n = argc > 2 ? atoi(argv[2]) : -1;

	if (n < 0 || argc != 3 + 2 * n)
		return 2;
	for (int i = 0; i < n; i++)
		if ((long)strlen(argv[3 + n + i]) != atol(argv[3 + i]))
			return 1;
	return 0;
}

/* interp_report - as a script's interpreter: send argv to the report fd. */
static int
interp_report(int argc, char **argv, int fd)
{
	for (int i = 0; i < argc; i++)
		write_full(fd, argv[i], strlen(argv[i]) + 1);
	return 0;
}

/* ---- exec_keeps_and_resets -------------------------------------------------- */

static void
test_exec_keeps_and_resets(void)
{
	char a_pid[24], a_ppid[24], a_pgrp[24], a_sid[24], a_nofile[24], a_addr[24];
	char cwd[PATH_MAX], a_fd[24];
	char *args[] = { (char *)self, "after-exec", a_pid, a_ppid, a_pgrp, a_sid, a_nofile,
			 a_addr, cwd, a_fd, NULL };
	int st = 0, counts[2], p[2];
	pid_t pid;

	/* The new program's check counts come back through p: they join ours. */
	if (pipe(p) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return;
	}
	snprintf(a_fd, sizeof(a_fd), "%d", p[1]);
	pid = fork_flushed();
	if (pid == 0) {
		/* Exit codes: 100 + the step that failed before the exec. */
		struct sigaction sa;
		struct rlimit rl;
		sigset_t mask;
		stack_t ss;
		void *addr;
		int fd;

		if (setpgid(0, 0) == -1)
			_exit(101);
		if (chdir(at("subdir")) == -1 || !getcwd(cwd, sizeof(cwd)))
			_exit(102);
		umask(027);
		signal(SIGUSR2, SIG_IGN);
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_usr1;
		sigaction(SIGUSR1, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		sigemptyset(&mask);
		sigaddset(&mask, SIGUSR1);
		sigaddset(&mask, SIGALRM);
		sigprocmask(SIG_BLOCK, &mask, NULL);
		raise(SIGUSR1);		/* pending, blocked */
		ss.ss_sp = malloc(65536);
		ss.ss_size = 65536;
		ss.ss_flags = 0;
		sigaltstack(&ss, NULL);	/* a failure shows in sigaltstack_disabled */
		getrlimit(RLIMIT_NOFILE, &rl);
		rl.rlim_cur = rl.rlim_max < NOFILE_SOFT ? rl.rlim_max : NOFILE_SOFT;
		if (setrlimit(RLIMIT_NOFILE, &rl) == -1)
			_exit(104);
		fd = open(at("hello.txt"), O_RDONLY);
		if (fd == -1 || dup2(fd, 20) != 20 || dup3(fd, 21, O_CLOEXEC) != 21 ||
		    dup2(fd, 22) != 22 || fcntl(22, F_SETFD, FD_CLOEXEC) == -1)
			_exit(105);
		close(fd);
		if (lseek(20, 7, SEEK_SET) != 7)
			_exit(106);
		addr = mmap((void *)MAP_HINT, 4096, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
		if (addr == MAP_FAILED)
			_exit(107);
		*(volatile char *)addr = 1;
		prctl(PR_SET_NAME, "renamed", 0, 0, 0);
		snprintf(a_pid, sizeof(a_pid), "%ld", (long)getpid());
		snprintf(a_ppid, sizeof(a_ppid), "%ld", (long)getppid());
		snprintf(a_pgrp, sizeof(a_pgrp), "%ld", (long)getpgrp());
		snprintf(a_sid, sizeof(a_sid), "%ld", (long)getsid(0));
		snprintf(a_nofile, sizeof(a_nofile), "%ld", (long)rl.rlim_cur);
		snprintf(a_addr, sizeof(a_addr), "%lx", (unsigned long)addr);
		close(p[0]);
		execve(self, args, environ);
		_exit(108);
	}
	close(p[1]);
	if (pid == -1) {
		check("fork", 0, "-1 %s", errno_name(errno));
		close(p[0]);
		return;
	}
	if (read_full(p[0], counts, sizeof(counts)) == (ssize_t)sizeof(counts)) {
		checks_run += counts[0];
		checks_failed += counts[1];
	}
	close(p[0]);
	wait_pid(pid, &st, 0);
	/* 1: a check of the new program failed; 101-108: a step before the exec */
	check_exited("after_exec_status", st, 0);
}

/* ---- exec_errors ---------------------------------------------------------------- */

static void
test_exec_errors(void)
{
	char *args[] = { "x", NULL };
	char longname[PATH_MAX];

	EXPECT_ERRNO("enoent_missing", execve(at("missing"), args, environ), ENOENT);
	EXPECT_ERRNO("enoent_dangling_symlink", execve(at("dangling-link"), args, environ),
		     ENOENT);
	EXPECT_ERRNO("enoent_empty_path", execve("", args, environ), ENOENT);
	EXPECT_ERRNO("eacces_no_x_bit", execve(at("hello.txt"), args, environ), EACCES);
	EXPECT_ERRNO("eacces_through_symlink", execve(at("hello-link"), args, environ), EACCES);
	EXPECT_ERRNO("eacces_directory", execve(at("subdir"), args, environ), EACCES);
	EXPECT_ERRNO("enotdir", execve(at("hello.txt/x"), args, environ), ENOTDIR);
	EXPECT_ERRNO("eloop", execve(at("loop-a"), args, environ), ELOOP);
	memset(longname, 'n', 300);
	longname[300] = 0;
	EXPECT_ERRNO("enametoolong", execve(at(longname), args, environ), ENAMETOOLONG);
	EXPECT_ERRNO("efault_path", syscall(SYS_execve, (char *)8, args, environ), EFAULT);
	EXPECT_ERRNO("efault_argv", syscall(SYS_execve, self, (char **)8, environ), EFAULT);
	EXPECT_ERRNO("efault_argv_string", syscall(SYS_execve, self,
						   (char *[]){ (char *)8, NULL }, environ),
		     EFAULT);
}

/* ---- exec_arg_limits ------------------------------------------------------------- */

/* exec_arglen - fork, exec "arglen" with strings of the given lengths; the status. */
static int
exec_arglen(int n, const long *lens)
{
	char *args[16], nbuf[8], lbuf[4][24];
	pid_t pid;
	int st = -1, i;

	snprintf(nbuf, sizeof(nbuf), "%d", n);
	args[0] = (char *)self;
	args[1] = "arglen";
	args[2] = nbuf;
	for (i = 0; i < n; i++) {
		snprintf(lbuf[i], sizeof(lbuf[i]), "%ld", lens[i]);
		args[3 + i] = lbuf[i];
		args[3 + n + i] = malloc(lens[i] + 1);
		memset(args[3 + n + i], 'a' + i, lens[i]);
		args[3 + n + i][lens[i]] = 0;
	}
	args[3 + 2 * n] = NULL;
	pid = fork_flushed();
	if (pid == 0) {
		execve(self, args, environ);
		_exit(errno == E2BIG ? 98 : 99);
	}
	for (i = 0; i < n; i++)
		free(args[3 + n + i]);
	if (pid == -1)
		return -1;
	wait_pid(pid, &st, 0);
	return st;
}

static void
test_exec_arg_limits(void)
{
	char *big = malloc(MAX_ARG_STRLEN + 1);
	char *args[] = { (char *)self, "arglen", "0", big, NULL };
	long one = MAX_ARG_STRLEN - 1, four[4] = { 50000, 50000, 50000, 50000 };

	memset(big, 'b', MAX_ARG_STRLEN);
	big[MAX_ARG_STRLEN] = 0;	/* MAX_ARG_STRLEN + 1 bytes with the NUL */
	EXPECT_ERRNO("e2big_one_string", execve(self, args, environ), E2BIG);
	free(big);
	/* 98: the exec failed with E2BIG, 99: another error, 1: a length changed */
	check_exited("max_arg_strlen_passes", exec_arglen(1, &one), 0);
	check_exited("200000_bytes_in_four_strings", exec_arglen(4, four), 0);
}

/* ---- execveat -------------------------------------------------------------------- */

static void
test_execveat(void)
{
	char *args[] = { "x", NULL };
	int dfd = open(fixture, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int ffd = open(at("hello.txt"), O_RDONLY | O_CLOEXEC);
	pid_t pid;
	int st = 0;

	EXPECT_ERRNO("execveat_dirfd_eacces",
		     syscall(SYS_execveat, dfd, "hello.txt", args, environ, 0), EACCES);
	EXPECT_ERRNO("execveat_dirfd_enoent",
		     syscall(SYS_execveat, dfd, "missing", args, environ, 0), ENOENT);
	EXPECT_ERRNO("execveat_file_as_dirfd_enotdir",
		     syscall(SYS_execveat, ffd, "x", args, environ, 0), ENOTDIR);
	EXPECT_ERRNO("execveat_empty_path_eacces",
		     syscall(SYS_execveat, ffd, "", args, environ, AT_EMPTY_PATH), EACCES);
	EXPECT_ERRNO("execveat_empty_path_without_flag",
		     syscall(SYS_execveat, ffd, "", args, environ, 0), ENOENT);
	EXPECT_ERRNO("execveat_nofollow_symlink",
		     syscall(SYS_execveat, dfd, "hello-link", args, environ, AT_SYMLINK_NOFOLLOW),
		     ELOOP);
	EXPECT_ERRNO("execveat_bad_flags",
		     syscall(SYS_execveat, AT_FDCWD, self, args, environ, 0x1), EINVAL);
	EXPECT_ERRNO("execveat_bad_fd", syscall(SYS_execveat, 9999, "x", args, environ, 0),
		     EBADF);
	close(dfd);
	close(ffd);

	/* A successful one: the program itself, by absolute path. */
	pid = fork_flushed();
	if (pid == 0) {
		char *a[] = { (char *)self, "child-exit", "4", NULL };

		syscall(SYS_execveat, AT_FDCWD, self, a, environ, 0);
		_exit(99);
	}
	wait_pid(pid, &st, 0);
	check_exited("execveat_runs_program", st, 4);
}

static void
test_fixture_script(void)
{
	pid_t pid = fork_flushed();
	int st = 0;

	if (pid == 0) {
		char *a[] = { "script.sh", NULL };

		execve(at("script.sh"), a, environ);
		_exit(99);
	}
	wait_pid(pid, &st, 0);
	check_exited("fixture_script_runs", st, 0);
}

/* ---- case tmp: scripts ------------------------------------------------------------ */

static char tmpdir[64];

/* write_file - create tmpdir/name with content and mode; its path, or NULL. */
static const char *
write_file(const char *name, const char *content, mode_t mode)
{
	static char path[4][PATH_MAX];
	static int which;
	char *p = path[which++ & 3];
	int fd;

	snprintf(p, PATH_MAX, "%s/%s", tmpdir, name);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd == -1 || write_full(fd, content, strlen(content)) == -1 || close(fd) == -1) {
		check(name, 0, "cannot write the file: %s", errno_name(errno));
		return NULL;
	}
	chmod(p, mode);
	return p;
}

/*
 * run_script - exec script with argv [ "orig0", "report-fd=FD", "tail arg" ]; the
 * interpreter (this program) must receive [self, optarg if not NULL, script,
 * "report-fd=FD", "tail arg"].
 */
static void
run_script(const char *name, const char *script, const char *optarg)
{
	char fdarg[32], got[4096], want[4096];
	char *args[] = { "orig0", fdarg, "tail arg", NULL };
	const char *wantv[6];
	size_t wlen = 0;
	ssize_t n;
	int p[2], st = 0, argc = 0, wargc = 0, same;
	pid_t pid;

	if (!script)
		return;
	if (pipe(p) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return;
	}
	snprintf(fdarg, sizeof(fdarg), "report-fd=%d", p[1]);
	pid = fork_flushed();
	if (pid == 0) {
		close(p[0]);
		execve(script, args, environ);
		_exit(99);
	}
	close(p[1]);
	n = read_full(p[0], got, sizeof(got));
	close(p[0]);
	wait_pid(pid, &st, 0);

	wantv[wargc++] = self;
	if (optarg)
		wantv[wargc++] = optarg;
	wantv[wargc++] = script;
	wantv[wargc++] = fdarg;
	wantv[wargc++] = "tail arg";
	for (int i = 0; i < wargc; i++) {
		memcpy(want + wlen, wantv[i], strlen(wantv[i]) + 1);
		wlen += strlen(wantv[i]) + 1;
	}
	for (ssize_t i = 0; i < n; i++)
		argc += got[i] == 0;
	same = n == (ssize_t)wlen && memcmp(got, want, wlen) == 0;
	check(name, WIFEXITED(st) && WEXITSTATUS(st) == 0 && same,
	      "interpreter %s; argc %d, want %d; argv is [interpreter, %sscript, "
	      "original argv[1..]]: %s", status_str(st), argc, wargc,
	      optarg ? "argument, " : "", yesno(same));
}

static void
test_script_argv(void)
{
	char line[PATH_MAX + 64];

	snprintf(line, sizeof(line), "#!%s interp-arg\n", self);
	run_script("script_with_arg", write_file("with-arg", line, 0755), "interp-arg");
	snprintf(line, sizeof(line), "#!%s\n", self);
	run_script("script_without_arg", write_file("no-arg", line, 0755), NULL);
	/* Blanks before the interpreter and around the argument go; inner ones stay. */
	snprintf(line, sizeof(line), "#! \t%s   two  words \t\n", self);
	run_script("script_arg_blanks", write_file("blanks", line, 0755), "two  words");
}

static void
test_script_errors(void)
{
	char *args[] = { "x", NULL };
	const char *s;

	if ((s = write_file("text", "plain text, not a program\n", 0755)))
		EXPECT_ERRNO("enoexec_text", execve(s, args, environ), ENOEXEC);
	if ((s = write_file("empty", "", 0755)))
		EXPECT_ERRNO("enoexec_empty", execve(s, args, environ), ENOEXEC);
	if ((s = write_file("hashbang-only", "#!\n", 0755)))
		EXPECT_ERRNO("enoexec_hashbang_alone", execve(s, args, environ), ENOEXEC);
	if ((s = write_file("blank-interp", "#!   \n", 0755)))
		EXPECT_ERRNO("enoexec_blank_interpreter", execve(s, args, environ), ENOEXEC);
	if ((s = write_file("missing-interp", "#!/nonexistent/interpreter\n", 0755)))
		EXPECT_ERRNO("enoent_missing_interpreter", execve(s, args, environ), ENOENT);
	if ((s = write_file("no-x", "#!/bin/sh\n", 0644)))
		EXPECT_ERRNO("eacces_script_without_x", execve(s, args, environ), EACCES);
}

/* remove_tmpdir - unlink what the scenarios wrote, then the directory. */
static void
remove_tmpdir(void)
{
	static const char *const names[] = { "with-arg", "no-arg", "blanks", "text", "empty",
		"hashbang-only", "blank-interp", "missing-interp", "no-x" };
	char p[PATH_MAX];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", tmpdir, names[i]);
		unlink(p);
	}
	EXPECT_RET("tmpdir_removed", rmdir(tmpdir), 0);
}

int
main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strncmp(argv[i], "report-fd=", 10) == 0)
			return interp_report(argc, argv, atoi(argv[i] + 10));
	if (argc > 1 && strcmp(argv[1], "after-exec") == 0)
		return after_exec(argc, argv);
	if (argc > 1 && strcmp(argv[1], "arglen") == 0)
		return arglen(argc, argv);
	if (argc == 3 && strcmp(argv[1], "child-exit") == 0)
		return atoi(argv[2]);
	if (argc < 2 || argv[1][0] != '/') {
		fprintf(stderr, "usage: lifecycle_exec FIXTURE [tmp]\n");
		return 2;
	}
	self = argv[0];
	fixture = argv[1];
	check("argv0_absolute", self[0] == '/', "argv[0] is an absolute path: %s",
	      yesno(self[0] == '/'));

	if (argc > 2 && strcmp(argv[2], "tmp") == 0) {
		strcpy(tmpdir, "/tmp/lifecycle_exec.XXXXXX");
		errno = 0;
		if (!mkdtemp(tmpdir)) {
			check("mkdtemp", 0, "a fresh directory under /tmp: -1 %s", errno_name(errno));
			return check_summary();
		}
		check("mkdtemp", 1, "a fresh directory under /tmp");
		scenario("script_argv", test_script_argv);
		scenario("script_errors", test_script_errors);
		remove_tmpdir();
		return check_summary();
	}
	scenario("exec_keeps_and_resets", test_exec_keeps_and_resets);
	scenario("exec_errors", test_exec_errors);
	scenario("exec_arg_limits", test_exec_arg_limits);
	scenario("execveat", test_execveat);
	scenario("fixture_script", test_fixture_script);
	return check_summary();
}
