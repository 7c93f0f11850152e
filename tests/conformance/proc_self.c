/*
 * proc_self: what /proc shows a process about itself and its children.
 *
 * The program reads its own /proc files and a child's and prints relations
 * with what the system calls report (getppid, fstat, mmap's address...):
 * stat's state letter through a child's life (S asleep in read, T stopped,
 * Z until reaped, then gone), status's ids and signal masks, cmdline after
 * argv is rewritten, comm, the fd links and fdinfo flags, maps lines for the
 * stack, heap, an anonymous and a file mapping, smaps of an anonymous
 * region, oom_score_adj's bounds and privilege, who may open what, limits
 * after setrlimit.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lib/check.h"

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE	(1 << 1)	/* renameat2: a C library may lack it */
#endif

#define PAGE 4096UL

/* The whole of a /proc file, NUL-terminated; its length in *len. NULL with
 * errno set when it cannot be opened. */
static char *
slurp(const char *path, size_t *len)
{
	static char buf[1 << 16];
	size_t n = 0;
	ssize_t r;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return NULL;
	while (n < sizeof(buf) - 1 && (r = read(fd, buf + n, sizeof(buf) - 1 - n)) > 0)
		n += (size_t)r;
	close(fd);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

/* check_str for text that may hold newlines: both shown with \n escaped. */
static int
check_text(const char *name, const char *got, const char *want)
{
	static char a[128], b[128];
	const char *src[2] = { got ? got : "(none)", want };
	char *dst[2] = { a, b };

	for (int i = 0; i < 2; i++) {
		size_t n = 0;

		for (const char *p = src[i]; *p && n + 3 < sizeof(a); p++) {
			if (*p == '\n') {
				dst[i][n++] = '\\';
				dst[i][n++] = 'n';
			} else {
				dst[i][n++] = *p;
			}
		}
		dst[i][n] = '\0';
	}
	return check(name, got && !strcmp(got, want), "\"%s\", want \"%s\"", a, b);
}

/* The value after "Name:\t" in a status-like file, up to the newline. */
static const char *
field(const char *text, const char *name)
{
	static char val[256];
	size_t nl = strlen(name);

	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (!strncmp(p, name, nl) && p[nl] == ':') {
			const char *v = p + nl + 1;
			size_t n;

			while (*v == '\t' || *v == ' ')
				v++;
			n = strcspn(v, "\n");
			if (n >= sizeof(val))
				n = sizeof(val) - 1;
			memcpy(val, v, n);
			val[n] = '\0';
			return val;
		}
	}
	return NULL;
}

/* stat's fields after the command: state, ppid, pgrp, session. */
struct pstat {
	char state;
	long ppid, pgrp, session;
};

static int
read_stat(pid_t pid, struct pstat *st)
{
	char path[64];
	const char *text, *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	text = slurp(path, NULL);
	if (!text)
		return -1;
	p = strrchr(text, ')');
	if (!p || sscanf(p + 2, "%c %ld %ld %ld", &st->state, &st->ppid, &st->pgrp,
			 &st->session) != 4)
		return -1;
	return 0;
}

/* The child's state letter, polled every millisecond for up to 2 s until it
 * is want (as test libraries poll): a task shows S only once it sleeps. */
static char
wait_for_state(pid_t pid, char want)
{
	struct timespec ms = { 0, 1000000 };
	struct pstat st = { 0 };

	for (int i = 0; i < 2000; i++) {
		if (read_stat(pid, &st) == 0 && st.state == want)
			break;
		nanosleep(&ms, NULL);
	}
	return st.state;
}

static void
test_stat_self(void)
{
	struct pstat st;
	int ok = read_stat(getpid(), &st) == 0;

	check("stat_self_readable", ok, "%s", yesno(ok));
	if (!ok)
		return;
	check("stat_self_running", st.state == 'R', "state %c", st.state);
	check("stat_ppid_is_getppid", st.ppid == getppid(), "%s", yesno(st.ppid == getppid()));
	check("stat_pgrp_is_getpgrp", st.pgrp == getpgrp(), "%s", yesno(st.pgrp == getpgrp()));
	check("stat_session_is_getsid", st.session == getsid(0),
	      "%s", yesno(st.session == getsid(0)));
}

/* A child through its life: asleep in read, stopped, a zombie, reaped. */
static void
test_child_states(void)
{
	int p[2];
	pid_t pid;
	struct pstat st;
	siginfo_t si;
	char path[64], c = 0;
	int status, ok;

	if (pipe(p))
		return;
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		_exit(read(p[0], &c, 1) == 1 ? 7 : 1);
	}
	close(p[0]);
	c = wait_for_state(pid, 'S');
	check("child_blocked_in_read_is_S", c == 'S', "state %c", c);
	ok = read_stat(pid, &st) == 0 && st.ppid == getpid();
	check("child_stat_ppid_is_parent", ok, "%s", yesno(ok));

	kill(pid, SIGSTOP);
	waitpid(pid, &status, WUNTRACED);
	read_stat(pid, &st);
	check("stopped_child_is_T", st.state == 'T', "state %c", st.state);
	kill(pid, SIGCONT);
	waitpid(pid, &status, WCONTINUED);

	if (write(p[1], "x", 1) != 1)
		return;
	close(p[1]);
	waitid(P_PID, pid, &si, WEXITED | WNOWAIT);
	read_stat(pid, &st);
	check("exited_child_is_Z", st.state == 'Z', "state %c", st.state);
	waitpid(pid, &status, 0);
	check("child_exit_status", WIFEXITED(status) && WEXITSTATUS(status) == 7,
	      "exit %d", WEXITSTATUS(status));
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	EXPECT_ERRNO("reaped_child_stat_gone", open(path, O_RDONLY), ENOENT);
	snprintf(path, sizeof(path), "/proc/%d", (int)pid);
	EXPECT_ERRNO("reaped_child_dir_gone", access(path, F_OK), ENOENT);
}

static void
on_sigint(int sig)
{
	(void)sig;
}

/* status: the ids, one thread, and the signal masks this program set up
 * (every other signal back to its default, so the masks are exact). */
static void
test_status(void)
{
	struct sigaction sa = { 0 };
	sigset_t set;
	const char *text, *v;
	char want[32];

	for (int s = 1; s < 32; s++)
		if (s != SIGKILL && s != SIGSTOP)
			signal(s, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_SETMASK, &set, NULL);
	signal(SIGUSR2, SIG_IGN);
	sa.sa_handler = on_sigint;
	sigaction(SIGINT, &sa, NULL);

	text = slurp("/proc/self/status", NULL);
	if (!check("status_readable", text != NULL, "%s", yesno(text != NULL)))
		return;
	v = field(text, "Tgid");
	check("status_tgid_is_getpid", v && atol(v) == getpid(), "%s", yesno(v && atol(v) == getpid()));
	v = field(text, "Pid");
	check("status_pid_is_getpid", v && atol(v) == getpid(), "%s", yesno(v && atol(v) == getpid()));
	v = field(text, "PPid");
	check("status_ppid_is_getppid", v && atol(v) == getppid(),
	      "%s", yesno(v && atol(v) == getppid()));
	v = field(text, "NSpid");
	check("status_nspid_ends_in_getpid", v && atol(strrchr(v, '\t') ? strrchr(v, '\t') + 1 : v) == getpid(),
	      "%s", yesno(v != NULL));
	v = field(text, "Threads");
	check_str("status_threads", v, "1");
	v = field(text, "State");
	check("status_state_running", v && v[0] == 'R', "%s", v ? v : "none");
	snprintf(want, sizeof(want), "%016llx", 1ULL << (SIGUSR1 - 1));
	check_str("status_sigblk_usr1", field(text, "SigBlk"), want);
	/* Only our own bit: the runner may hand down other ignored signals
	 * (glibc's 32 and 33 under some job runners). */
	v = field(text, "SigIgn");
	check("status_sigign_usr2", v && (strtoull(v, NULL, 16) & ((1ULL << (SIGUSR2 - 1)) |
	      (1ULL << (SIGUSR1 - 1)) | (1ULL << (SIGINT - 1)))) == 1ULL << (SIGUSR2 - 1),
	      "USR2 ignored, USR1 and INT not: %s", yesno(v && (strtoull(v, NULL, 16) &
	      ((1ULL << (SIGUSR2 - 1)) | (1ULL << (SIGUSR1 - 1)) | (1ULL << (SIGINT - 1)))) ==
	      1ULL << (SIGUSR2 - 1)));
	snprintf(want, sizeof(want), "%016llx", 1ULL << (SIGINT - 1));
	check_str("status_sigcgt_int", field(text, "SigCgt"), want);
	sigemptyset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);
}

/* cmdline is argv as the process's memory holds it now. */
static void
test_cmdline(int argc, char **argv)
{
	size_t len, want = 0, old0 = strlen(argv[0]);
	const char *text = slurp("/proc/self/cmdline", &len);
	int same = 1;

	for (int i = 0; i < argc; i++) {
		size_t n = strlen(argv[i]) + 1;

		if (!text || want + n > len || memcmp(text + want, argv[i], n))
			same = 0;
		want += n;
	}
	check("cmdline_is_argv", same && len == want, "same %s, length %s", yesno(same),
	      yesno(len == want));

	/* Rewrite argv[0] in place, as programs that retitle themselves do. */
	memset(argv[0], 0, old0);
	memcpy(argv[0], "renamed", old0 < 7 ? old0 : 7);
	text = slurp("/proc/self/cmdline", &len);
	check("cmdline_after_rewrite", text && !strcmp(text, "renamed") && len == want,
	      "\"%s\", length unchanged %s", text ? text : "", yesno(len == want));
}

static void
test_comm(void)
{
	char name[16] = { 0 };
	const char *text;
	int fd;

	prctl(PR_SET_NAME, "proc-self-test");
	text = slurp("/proc/self/comm", NULL);
	check_text("comm_after_prctl", text, "proc-self-test\n");
	fd = open("/proc/self/comm", O_WRONLY);
	EXPECT_RET("comm_write", write(fd, "via-procfs", 10), 10);
	text = slurp("/proc/self/comm", NULL);
	check_text("comm_after_write", text, "via-procfs\n");
	prctl(PR_GET_NAME, name);
	check_str("comm_prctl_sees_write", name, "via-procfs");
	/* The name is taken as written: echo's newline becomes part of it. */
	EXPECT_RET("comm_write_newline", write(fd, "echoed\n", 7), 7);
	text = slurp("/proc/self/comm", NULL);
	check_text("comm_keeps_newline", text, "echoed\n\n");
	EXPECT_RET("comm_write_long", write(fd, "a-name-longer-than-15", 21), 21);
	text = slurp("/proc/self/comm", NULL);
	check_text("comm_cut_at_15", text, "a-name-longer-t\n");
	close(fd);
}

/* fd/ links and fdinfo flags. */
static void
test_fds(const char *tmpfile)
{
	char path[64], link[256], want[64];
	struct stat st;
	int p[2], fd;
	ssize_t n;
	const char *text, *v;
	unsigned int flags = 0;

	if (pipe(p))
		return;
	fstat(p[0], &st);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[0]);
	n = readlink(path, link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = '\0';
	snprintf(want, sizeof(want), "pipe:[%llu]", (unsigned long long)st.st_ino);
	check("fd_link_pipe", !strncmp(link, "pipe:[", 6) && !strcmp(link, want),
	      "prefix %s, inode matches fstat %s", yesno(!strncmp(link, "pipe:[", 6)),
	      yesno(!strcmp(link, want)));
	close(p[0]);
	close(p[1]);

	fd = open(tmpfile, O_WRONLY | O_APPEND);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = '\0';
	check("fd_link_tmp_file", !strcmp(link, tmpfile), "%s", yesno(!strcmp(link, tmpfile)));
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	text = slurp(path, NULL);
	v = text ? field(text, "flags") : NULL;
	if (v)
		sscanf(v, "%o", &flags);
	check("fdinfo_flags_append", v && (flags & 02000) && (flags & 3) == 1,
	      "append %s, write-only %s", yesno(flags & 02000), yesno((flags & 3) == 1));
	v = text ? field(text, "pos") : NULL;
	check_str("fdinfo_pos", v, "0");
	close(fd);
}

/* The maps line whose range holds addr, copied into line; or NULL. */
static const char *
maps_line(const char *maps, uintptr_t addr, char *line, size_t size)
{
	for (const char *p = maps; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		unsigned long lo, hi;
		size_t n = strcspn(p, "\n");

		if (sscanf(p, "%lx-%lx", &lo, &hi) == 2 && lo <= addr && addr < hi) {
			if (n >= size)
				n = size - 1;
			memcpy(line, p, n);
			line[n] = '\0';
			return line;
		}
	}
	return NULL;
}

static int
ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);

	return a >= b && !strcmp(s + a - b, tail);
}

/* The parts of a maps line. */
struct map_entry {
	unsigned long start, end, offset, ino;
	char perms[8];
	unsigned int major, minor;
	int name_at;		/* column where the name starts, or -1 */
	const char *name;
};

static int
parse_map(const char *line, struct map_entry *e)
{
	int n = 0;

	if (sscanf(line, "%lx-%lx %4s %lx %x:%x %lu %n", &e->start, &e->end, e->perms,
		   &e->offset, &e->major, &e->minor, &e->ino, &n) != 7)
		return -1;
	e->name = line + n;
	e->name_at = *e->name ? n : -1;
	return 0;
}

/* A field of the smaps entry that starts at p, or "none". */
static const char *
smaps_val(const char *p, const char *name)
{
	const char *v = p ? field(p, name) : NULL;

	return v ? v : "none";
}

/* The VmFlags every Linux sets the same way, in order: rd wr ex sh mr mw
 * me ms gd ac (others, such as sd, depend on the kernel's configuration). */
static const char *
vmflags_basic(const char *flags)
{
	static const char *const basic[] = { "rd", "wr", "ex", "sh", "mr", "mw", "me",
					     "ms", "gd", "ac" };
	static char out[64];
	char tok[4];
	int n;

	out[0] = '\0';
	for (size_t i = 0; i < sizeof(basic) / sizeof(basic[0]); i++)
		for (const char *f = flags; sscanf(f, "%3s%n", tok, &n) == 1; f += n)
			if (!strcmp(tok, basic[i])) {
				if (out[0])
					strcat(out, " ");
				strcat(out, tok);
			}
	return out;
}

static void
test_maps(const char *tmpfile)
{
	static char maps[1 << 16];
	char line[512];
	int local = 0, ok;
	struct map_entry e;
	struct stat st;
	char *heap = malloc(64);
	char *guard, *anon, *file;
	int fd = open(tmpfile, O_RDONLY);
	const char *text;

	fstat(fd, &st);
	guard = mmap(NULL, 5 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	anon = mmap(guard + PAGE, 3 * PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	memset(anon, 1, 3 * PAGE);
	file = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, PAGE);
	if (file != MAP_FAILED)
		(void)*(volatile char *)file;
	text = slurp("/proc/self/maps", NULL);
	if (!check("maps_readable", text != NULL, "%s", yesno(text != NULL)))
		return;
	strcpy(maps, text);

	ok = maps_line(maps, (uintptr_t)&local, line, sizeof(line)) && ends_with(line, " [stack]");
	check("maps_stack", ok, "a local variable lies in [stack]: %s", yesno(ok));
	ok = maps_line(maps, (uintptr_t)heap, line, sizeof(line)) && ends_with(line, " [heap]");
	check("maps_heap", ok, "a small malloc block lies in [heap]: %s", yesno(ok));

	if (maps_line(maps, (uintptr_t)anon, line, sizeof(line)) && !parse_map(line, &e)) {
		check("maps_anon_range", e.start == (uintptr_t)anon && e.end == (uintptr_t)anon + 3 * PAGE,
		      "start %s, end %s", yesno(e.start == (uintptr_t)anon),
		      yesno(e.end == (uintptr_t)anon + 3 * PAGE));
		check_str("maps_anon_perms", e.perms, "rw-p");
		check("maps_anon_unnamed", e.offset == 0 && e.major == 0 && e.minor == 0 && e.ino == 0 &&
		      e.name_at < 0 && ends_with(line, " 0 "),
		      "offset, dev and inode zero, no name, ends with a space: %s",
		      yesno(ends_with(line, " 0 ")));
	} else {
		check("maps_anon_range", 0, "no line");
	}
	if (maps_line(maps, (uintptr_t)guard, line, sizeof(line)) && !parse_map(line, &e))
		check_str("maps_guard_perms", e.perms, "---p");

	if (file != MAP_FAILED && maps_line(maps, (uintptr_t)file, line, sizeof(line)) &&
	    !parse_map(line, &e)) {
		check("maps_file_range", e.start == (uintptr_t)file && e.end == (uintptr_t)file + PAGE,
		      "%s", yesno(e.start == (uintptr_t)file && e.end == (uintptr_t)file + PAGE));
		check_str("maps_file_perms", e.perms, "r--s");
		check("maps_file_offset", e.offset == PAGE, "%s", yesno(e.offset == PAGE));
		check("maps_file_inode_is_st_ino", e.ino == st.st_ino, "%s", yesno(e.ino == st.st_ino));
		check("maps_file_dev_is_st_dev", e.major == major(st.st_dev) &&
		      e.minor == minor(st.st_dev), "%s",
		      yesno(e.major == major(st.st_dev) && e.minor == minor(st.st_dev)));
		check("maps_file_name", !strcmp(e.name, tmpfile) && e.name_at == 73,
		      "path %s, column %d", yesno(!strcmp(e.name, tmpfile)), e.name_at);
	} else {
		check("maps_file_range", 0, "no line");
	}

	/* smaps of the anonymous region: three written private pages. */
	text = slurp("/proc/self/smaps", NULL);
	if (text) {
		char head[32];
		const char *p;

		snprintf(head, sizeof(head), "%lx-", (unsigned long)(uintptr_t)anon);
		p = strstr(text, head);
		check_str("smaps_anon_size", smaps_val(p, "Size"), "12 kB");
		check_str("smaps_anon_rss", smaps_val(p, "Rss"), "12 kB");
		check_str("smaps_anon_pss", smaps_val(p, "Pss"), "12 kB");
		check_str("smaps_anon_anonymous", smaps_val(p, "Anonymous"), "12 kB");
		check_str("smaps_anon_private_dirty", smaps_val(p, "Private_Dirty"), "12 kB");
		check_str("smaps_anon_shared_clean", smaps_val(p, "Shared_Clean"), "0 kB");
		check_str("smaps_anon_vmflags", vmflags_basic(smaps_val(p, "VmFlags")),
			  "rd wr mr mw me ac");
	}
	text = slurp("/proc/self/smaps_rollup", NULL);
	check("smaps_rollup_header", text && strstr(text, "[rollup]\n") && field(text, "Pss_Anon"),
	      "%s", yesno(text && strstr(text, "[rollup]\n")));

	munmap(file, PAGE);
	munmap(guard, 5 * PAGE);
	close(fd);
	free(heap);
}

/* oom_score_adj: within -1000..1000; without privilege (CAP_SYS_RESOURCE)
 * a process may set any value down to the floor that the last privileged
 * write left (0 here), even below its current one, and not under it. The
 * unprivileged part runs in a child that gave up root: a host sandbox may
 * deny CAP_SYS_RESOURCE even to root. */
static void
test_oom_score_adj(void)
{
	pid_t pid;
	int fd, status;
	const char *text;

	fd = open("/proc/self/oom_score_adj", O_RDWR);
	EXPECT_RET("oom_write_500", write(fd, "500", 3), 3);
	text = slurp("/proc/self/oom_score_adj", NULL);
	check_text("oom_read_500", text, "500\n");
	EXPECT_ERRNO("oom_write_1001", write(fd, "1001", 4), EINVAL);
	EXPECT_ERRNO("oom_write_minus_1001", write(fd, "-1001", 5), EINVAL);
	EXPECT_ERRNO("oom_write_junk", write(fd, "12x", 3), EINVAL);
	EXPECT_RET("oom_write_0", write(fd, "0", 1), 1);
	close(fd);
	if (geteuid() != 0) {
		check("oom_unprivileged", 1, "skipped: not root");
		return;
	}
	pid = fork();
	if (pid == 0) {
		/* Opened with privilege: after setuid the file may belong to
		 * root (not dumpable). The checks are the writer's, at write. */
		int cfd = open("/proc/self/oom_score_adj", O_WRONLY);
		char buf[16] = { 0 };
		int rfd;

		if (setuid(65534))
			_exit(9);
		if (write(cfd, "500", 3) != 3)
			_exit(1);
		if (write(cfd, "300", 3) != 3)
			_exit(2);
		if (write(cfd, "-1", 2) != -1 || errno != EACCES)
			_exit(3);
		rfd = open("/proc/self/oom_score_adj", O_RDONLY);
		if (read(rfd, buf, sizeof(buf) - 1) <= 0 || strcmp(buf, "300\n"))
			_exit(4);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	check("oom_unprivileged_floor", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "child exit %d", WEXITSTATUS(status));
}

/* Another user's memory maps and I/O need ptrace access, checked at open;
 * its limits and mounts are anyone's to read. */
static void
test_access(void)
{
	pid_t pid;
	int status;

	if (geteuid() != 0) {
		check("access_other_user", 1, "skipped: not root");
		return;
	}
	pid = fork();
	if (pid == 0) {
		char path[64];
		int fd;

		if (setuid(65534))
			_exit(9);
		snprintf(path, sizeof(path), "/proc/%d/maps", (int)getppid());
		if (open(path, O_RDONLY) != -1 || errno != EACCES)
			_exit(1);
		snprintf(path, sizeof(path), "/proc/%d/io", (int)getppid());
		if (open(path, O_RDONLY) != -1 || errno != EACCES)
			_exit(2);
		snprintf(path, sizeof(path), "/proc/%d/limits", (int)getppid());
		if ((fd = open(path, O_RDONLY)) < 0)
			_exit(3);
		close(fd);
		snprintf(path, sizeof(path), "/proc/%d/mounts", (int)getppid());
		if ((fd = open(path, O_RDONLY)) < 0)
			_exit(4);
		close(fd);
		if ((fd = open("/proc/self/maps", O_RDONLY)) < 0)
			_exit(5);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	check("access_other_user", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "maps and io denied, limits and mounts readable, own maps readable: child exit %d",
	      WEXITSTATUS(status));
}

static void
test_limits(void)
{
	struct rlimit rl;
	const char *text, *v;
	char soft[32], hard[32], want_hard[32];

	getrlimit(RLIMIT_NOFILE, &rl);
	rl.rlim_cur = 64;
	setrlimit(RLIMIT_NOFILE, &rl);
	text = slurp("/proc/self/limits", NULL);
	v = text ? strstr(text, "Max open files") : NULL;
	if (!check("limits_has_nofile", v != NULL, "%s", yesno(v != NULL)))
		return;
	sscanf(v + 25, "%31s %31s", soft, hard);
	if (rl.rlim_max == RLIM_INFINITY)
		strcpy(want_hard, "unlimited");
	else
		snprintf(want_hard, sizeof(want_hard), "%llu", (unsigned long long)rl.rlim_max);
	check_str("limits_nofile_soft", soft, "64");
	check("limits_nofile_hard", !strcmp(hard, want_hard), "%s", yesno(!strcmp(hard, want_hard)));
	check("limits_header", !strncmp(text, "Limit                     Soft Limit", 36),
	      "%s", yesno(!strncmp(text, "Limit                     Soft Limit", 36)));
}

/* A rename of a procfs directory onto itself is done before anything is
 * checked (vfs_rename: source == target), though procfs makes a fresh
 * inode at each lookup; the loop check must still end at /proc. */
static void
test_rename_onto_itself(void)
{
	EXPECT_RET("rename_task_onto_itself",
		   syscall(SYS_renameat2, AT_FDCWD, "/proc/self/task", AT_FDCWD,
			   "/proc/self/task", 0), 0);
	EXPECT_RET("rename_exchange_task_with_itself",
		   syscall(SYS_renameat2, AT_FDCWD, "/proc/self/task", AT_FDCWD,
			   "/proc/self/task", RENAME_EXCHANGE), 0);
}

int
main(int argc, char **argv)
{
	char tmpfile[] = "/tmp/proc_self.XXXXXX";
	char page[2 * PAGE];
	int fd = mkstemp(tmpfile);

	memset(page, 'p', sizeof(page));
	if (fd < 0 || write(fd, page, sizeof(page)) != (ssize_t)sizeof(page)) {
		printf("cannot create a file in /tmp\n");
		return 2;
	}
	close(fd);
	test_stat_self();
	test_child_states();
	test_status();
	test_comm();
	test_fds(tmpfile);
	test_maps(tmpfile);
	test_oom_score_adj();
	test_access();
	test_limits();
	test_rename_onto_itself();
	test_cmdline(argc, argv);
	unlink(tmpfile);
	return check_summary();
}
