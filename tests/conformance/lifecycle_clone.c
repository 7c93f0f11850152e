/*
 * lifecycle_clone — clone and clone3 through raw system calls: flag validation,
 * fork-like use, the tid words, exit_signal, CLONE_VFORK, CLONE_PARENT.
 *
 * The raw clone's arguments are (flags, stack, parent_tid, child_tid, tls) on
 * x86_64 but (flags, stack, parent_tid, tls, child_tid) on riscv64
 * (CONFIG_CLONE_BACKWARDS): raw_clone() hides that. A raw clone without a new
 * stack returns twice on the same (copied) stack, like fork; the child here only
 * makes system calls and _exits. CLONE_VM is used only through glibc's clone(),
 * which switches to the child's own stack.
 *
 * Scenarios, each in a child of its own (lib/lifecycle.h):
 *	clone_flag_errors	EINVAL for CLONE_SIGHAND without CLONE_VM,
 *				CLONE_THREAD without CLONE_SIGHAND, CLONE_FS with
 *				CLONE_NEWNS or CLONE_NEWUSER, CLONE_THREAD with
 *				CLONE_NEWPID, CLONE_PIDFD with CLONE_PARENT_SETTID or
 *				CLONE_DETACHED
 *	clone3_errors		size below CLONE_ARGS_SIZE_VER0: EINVAL; above a page:
 *				E2BIG; non-zero bytes past the known struct: E2BIG;
 *				unknown flag, CSIGNAL bits in flags, exit_signal > 64,
 *				stack without size or size without stack,
 *				CLONE_CLEAR_SIGHAND with CLONE_SIGHAND, set_tid_size
 *				without set_tid: EINVAL; a bad pointer: EFAULT
 *	clone_as_fork		clone(SIGCHLD) and clone3 (exit_signal SIGCHLD, sizes
 *				VER0 and a larger zero-padded struct) behave as fork
 *	clone_tid_words		CLONE_PARENT_SETTID writes the pid in the parent;
 *				CLONE_CHILD_SETTID in the child's memory only
 *	clone_exit_signal_zero	a child with exit_signal 0 is a "clone" child: wait
 *				without __WCLONE/__WALL does not see it, __WCLONE does
 *	clone_vfork		CLONE_VFORK without CLONE_VM: the parent waits for the
 *				child's exit
 *	clone_vm_cleartid	CLONE_VM|CLONE_VFORK with CLONE_CHILD_SETTID and
 *				CLONE_CHILD_CLEARTID: the child sees its tid in the
 *				shared word, the parent finds it zeroed
 * And from the top process (its own parent is needed):
 *	clone_parent		CLONE_PARENT makes a sibling: its getppid() is the
 *				caller's parent, which reaps it; the caller cannot
 *
 * qemu-user (7.2) has no clone3 (ENOSYS), rejects exit_signal 0 and CLONE_PARENT
 * (EINVAL), runs CLONE_VFORK and CLONE_VM|CLONE_VFORK as a plain fork (no shared
 * memory, no suspension), and writes the CLONE_PARENT_SETTID word in the child's
 * memory instead of the parent's.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>

#include "lib/check.h"
#include "lib/lifecycle.h"

#ifndef SYS_clone3
#define SYS_clone3 435
#endif
#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x00001000
#endif
#ifndef CLONE_CLEAR_SIGHAND
#define CLONE_CLEAR_SIGHAND 0x100000000ULL
#endif
#ifndef __WCLONE
#define __WCLONE 0x80000000
#endif

/* struct clone_args as of CLONE_ARGS_SIZE_VER2 (88 bytes), plus padding. */
struct clone_args_ext {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
	uint64_t set_tid, set_tid_size, cgroup;
	uint64_t pad[2];
};
#define CLONE_ARGS_SIZE_VER0 64
#define CLONE_ARGS_SIZE_VER2 88

static long
raw_clone(unsigned long flags, void *stack, int *ptid, int *ctid, unsigned long tls)
{
#if defined(__riscv)
	return syscall(SYS_clone, flags, stack, ptid, tls, ctid);
#elif defined(__x86_64__)
	return syscall(SYS_clone, flags, stack, ptid, ctid, tls);
#else
#error "raw_clone: argument order unknown for this architecture"
#endif
}

/*
 * try_clone, try_clone3 - calls that must fail. Should one succeed, its child
 * exits at once and is reaped, and the call's result is still reported. errno is
 * the call's.
 */
static long
try_clone(unsigned long flags)
{
	int ptid = 0;
	long r = raw_clone(flags, NULL, &ptid, NULL, 0);
	int err = errno;

	if (r == 0)
		_exit(0);
	if (r > 0)
		waitpid(r, NULL, __WALL);
	errno = err;
	return r;
}

static long
try_clone3(void *args, size_t size)
{
	long r = syscall(SYS_clone3, args, size);
	int err = errno;

	if (r == 0)
		_exit(0);
	if (r > 0)
		waitpid(r, NULL, __WALL);
	errno = err;
	return r;
}

/* ---- errors --------------------------------------------------------------------- */

static void
test_clone_flag_errors(void)
{
	EXPECT_ERRNO("sighand_without_vm", try_clone(CLONE_SIGHAND | SIGCHLD), EINVAL);
	EXPECT_ERRNO("thread_without_sighand", try_clone(CLONE_THREAD | CLONE_VM), EINVAL);
	EXPECT_ERRNO("fs_with_newns", try_clone(CLONE_FS | CLONE_NEWNS | SIGCHLD), EINVAL);
	EXPECT_ERRNO("fs_with_newuser", try_clone(CLONE_FS | CLONE_NEWUSER | SIGCHLD), EINVAL);
	EXPECT_ERRNO("thread_with_newpid",
		     try_clone(CLONE_THREAD | CLONE_SIGHAND | CLONE_VM | CLONE_NEWPID), EINVAL);
	EXPECT_ERRNO("pidfd_with_parent_settid",
		     try_clone(CLONE_PIDFD | CLONE_PARENT_SETTID | SIGCHLD), EINVAL);
	EXPECT_ERRNO("pidfd_with_detached",
		     try_clone(CLONE_PIDFD | CLONE_DETACHED | SIGCHLD), EINVAL);
}

static void
test_clone3_errors(void)
{
	struct clone_args_ext a;
	int set_tid[1] = { 0 };

#define RESET() do { memset(&a, 0, sizeof(a)); a.exit_signal = SIGCHLD; } while (0)
	RESET();
	EXPECT_ERRNO("clone3_size_below_ver0", try_clone3(&a, CLONE_ARGS_SIZE_VER0 - 8), EINVAL);
	EXPECT_ERRNO("clone3_size_zero", try_clone3(&a, 0), EINVAL);
	{
		char page[4096 + 8];

		memset(page, 0, sizeof(page));
		memcpy(page, &a, sizeof(a));
		EXPECT_ERRNO("clone3_size_above_page", try_clone3(page, 4096 + 8), E2BIG);
	}
	RESET();
	a.pad[0] = 1;		/* a byte past the known struct */
	EXPECT_ERRNO("clone3_nonzero_tail", try_clone3(&a, sizeof(a)), E2BIG);
	RESET();
	a.flags = 1ULL << 40;
	EXPECT_ERRNO("clone3_unknown_flag", try_clone3(&a, CLONE_ARGS_SIZE_VER2), EINVAL);
	RESET();
	a.flags = SIGCHLD;	/* CSIGNAL bits belong in exit_signal */
	EXPECT_ERRNO("clone3_csignal_in_flags", try_clone3(&a, CLONE_ARGS_SIZE_VER2), EINVAL);
	RESET();
	a.exit_signal = 65;
	EXPECT_ERRNO("clone3_exit_signal_65", try_clone3(&a, CLONE_ARGS_SIZE_VER2), EINVAL);
	RESET();
	a.exit_signal = 0x100 | SIGCHLD;
	EXPECT_ERRNO("clone3_exit_signal_high_bits", try_clone3(&a, CLONE_ARGS_SIZE_VER2),
		     EINVAL);
	RESET();
	a.stack = (uintptr_t)&a;
	EXPECT_ERRNO("clone3_stack_without_size", try_clone3(&a, CLONE_ARGS_SIZE_VER2), EINVAL);
	RESET();
	a.stack_size = 65536;
	EXPECT_ERRNO("clone3_size_without_stack", try_clone3(&a, CLONE_ARGS_SIZE_VER2), EINVAL);
	RESET();
	a.flags = CLONE_CLEAR_SIGHAND | CLONE_SIGHAND | CLONE_VM;
	EXPECT_ERRNO("clone3_clear_sighand_with_sighand", try_clone3(&a, CLONE_ARGS_SIZE_VER2),
		     EINVAL);
	RESET();
	a.flags = CLONE_THREAD | CLONE_VM;
	EXPECT_ERRNO("clone3_thread_without_sighand", try_clone3(&a, CLONE_ARGS_SIZE_VER2),
		     EINVAL);
	RESET();
	a.set_tid_size = 1;	/* and no set_tid */
	EXPECT_ERRNO("clone3_set_tid_size_without_set_tid",
		     try_clone3(&a, CLONE_ARGS_SIZE_VER2), EINVAL);
	RESET();
	a.set_tid = (uintptr_t)set_tid;
	a.set_tid_size = 33;	/* more than MAX_PID_NS_LEVEL (32) */
	EXPECT_ERRNO("clone3_set_tid_size_too_big", try_clone3(&a, CLONE_ARGS_SIZE_VER2),
		     EINVAL);
	EXPECT_ERRNO("clone3_bad_pointer", try_clone3((void *)8, CLONE_ARGS_SIZE_VER2), EFAULT);
#undef RESET
}

/* ---- successes ---------------------------------------------------------------- */

/* child_exit_code - in a fork-like child: 10 + problem, or code when getppid() is ok. */
static void
child_exit_code(pid_t parent, int code)
{
	_exit(getppid() == parent ? code : 10);
}

static void
test_clone_as_fork(void)
{
	struct clone_args_ext a;
	pid_t parent = getpid(), r;
	long pid;
	int st = 0;

	fflush(NULL);
	pid = raw_clone(SIGCHLD, NULL, NULL, NULL, 0);
	if (pid == 0)
		child_exit_code(parent, 5);
	check("clone_sigchld_returns_pid", pid > 0, "%s", pid > 0 ? "a pid" : errno_name(errno));
	if (pid > 0) {
		r = wait_pid(pid, &st, 0);
		check("clone_sigchld_waitpid", r == pid, "waitpid(pid) == pid: %s",
		      yesno(r == pid));
		check_exited("clone_sigchld_status", st, 5);	/* 10: wrong getppid() */
	}

	memset(&a, 0, sizeof(a));
	a.exit_signal = SIGCHLD;
	fflush(NULL);
	pid = syscall(SYS_clone3, &a, CLONE_ARGS_SIZE_VER0);
	if (pid == 0)
		child_exit_code(parent, 6);
	check("clone3_ver0_returns_pid", pid > 0, "%s", pid > 0 ? "a pid" : errno_name(errno));
	if (pid > 0) {
		wait_pid(pid, &st, 0);
		check_exited("clone3_ver0_status", st, 6);
	}

	memset(&a, 0, sizeof(a));
	a.exit_signal = SIGCHLD;
	fflush(NULL);
	pid = syscall(SYS_clone3, &a, sizeof(a));	/* bigger than known, zero tail */
	if (pid == 0)
		child_exit_code(parent, 7);
	check("clone3_zero_tail_returns_pid", pid > 0, "%s",
	      pid > 0 ? "a pid" : errno_name(errno));
	if (pid > 0) {
		wait_pid(pid, &st, 0);
		check_exited("clone3_zero_tail_status", st, 7);
	}
}

static void
test_clone_tid_words(void)
{
	struct clone_args_ext a;
	int ptid = 0, ctid = 0, st = 0;
	long pid;

	fflush(NULL);
	pid = raw_clone(SIGCHLD | CLONE_PARENT_SETTID, NULL, &ptid, NULL, 0);
	if (pid == 0)
		_exit(0);
	if (pid > 0)
		wait_pid(pid, &st, 0);
	check("parent_settid", pid > 0 && ptid == pid,
	      "the parent's word holds the child's pid: %s", yesno(pid > 0 && ptid == pid));

	fflush(NULL);
	pid = raw_clone(SIGCHLD | CLONE_CHILD_SETTID, NULL, NULL, &ctid, 0);
	if (pid == 0)
		_exit(ctid == getpid() ? 0 : 10);	/* 10: the child's word is wrong */
	if (pid > 0)
		wait_pid(pid, &st, 0);
	check_exited("child_settid_in_child", st, 0);
	check("child_settid_not_in_parent", ctid == 0,
	      "the parent's copy of the word is untouched: %s", yesno(ctid == 0));

	memset(&a, 0, sizeof(a));
	ptid = 0;
	a.flags = CLONE_PARENT_SETTID;
	a.parent_tid = (uintptr_t)&ptid;
	a.exit_signal = SIGCHLD;
	fflush(NULL);
	pid = syscall(SYS_clone3, &a, CLONE_ARGS_SIZE_VER2);
	if (pid == 0)
		_exit(0);
	if (pid > 0)
		wait_pid(pid, &st, 0);
	check("clone3_parent_settid", pid > 0 && ptid == pid,
	      "the parent's word holds the child's pid: %s", yesno(pid > 0 && ptid == pid));
}

static void
test_clone_exit_signal_zero(void)
{
	siginfo_t si;
	long pid;
	int st = 0, p[2];
	pid_t r;

	if (pipe(p) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return;
	}
	fflush(NULL);
	pid = raw_clone(0, NULL, NULL, NULL, 0);	/* exit_signal 0 */
	if (pid == 0) {
		close(p[0]);
		_exit(6);
	}
	close(p[1]);
	if (pid == -1) {
		check("clone_exit_signal_zero", 0, "-1 %s", errno_name(errno));
		close(p[0]);
		return;
	}
	wait_byte(p[0]);	/* end-of-file: the child has exited */
	close(p[0]);
	EXPECT_ERRNO("plain_waitpid_ignores_clone_child", waitpid(pid, &st, WNOHANG), ECHILD);
	EXPECT_ERRNO("plain_waitid_ignores_clone_child",
		     waitid(P_PID, pid, &si, WEXITED | WNOHANG), ECHILD);
	r = wait_pid(pid, &st, __WCLONE);
	check("wclone_reaps_clone_child", r == pid, "waitpid(pid, __WCLONE) == pid: %s",
	      yesno(r == pid));
	check_exited("clone_child_status", st, 6);
}

static void
test_clone_vfork(void)
{
	char order[3] = "";
	int p[2], st = 0;
	long pid;

	if (pipe(p) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return;
	}
	fflush(NULL);
	pid = raw_clone(CLONE_VFORK | SIGCHLD, NULL, NULL, NULL, 0);
	if (pid == 0) {
		write(p[1], "c", 1);
		_exit(4);
	}
	write(p[1], "p", 1);	/* after the child's exit: the parent was suspended */
	close(p[1]);
	read_full(p[0], order, 2);
	close(p[0]);
	check_str("clone_vfork_child_first", order, "cp");
	if (pid > 0)
		wait_pid(pid, &st, 0);
	check_exited("clone_vfork_status", st, 4);
}

static volatile int cleartid_seen = -1;

static int
cleartid_child(void *arg)
{
	cleartid_seen = *(volatile int *)arg;	/* shared memory: the parent reads it */
	return 7;
}

static void
test_clone_vm_cleartid(void)
{
	static volatile int ctid = 12345;
	size_t size = 256 * 1024;
	char *stack = malloc(size);
	int st = 0;
	pid_t pid;

	if (!stack) {
		check("stack", 0, "malloc failed");
		return;
	}
	fflush(NULL);
	pid = clone(cleartid_child, stack + size,
		    CLONE_VM | CLONE_VFORK | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD,
		    (void *)&ctid, NULL, NULL, (int *)&ctid);
	if (pid == -1) {
		check("clone_vm_vfork", 0, "-1 %s", errno_name(errno));
		free(stack);
		return;
	}
	check("child_settid_seen_by_child", cleartid_seen == pid,
	      "the child read its tid in the shared word: %s", yesno(cleartid_seen == pid));
	check("child_cleartid_zeroed", ctid == 0,
	      "the word is 0 once the parent resumes after the child's exit: %s",
	      yesno(ctid == 0));
	wait_pid(pid, &st, 0);
	check_exited("clone_vm_child_status", st, 7);
	free(stack);
}

/* ---- clone_parent, from the top process ------------------------------------------ */

static void
test_clone_parent(void)
{
	long sibling = -1, sib_ppid = -1, s_ppid = -1, s_wait = -1;
	int ps[2], px[2], st = 0;
	pid_t s, r;

	/* ps: S's reports; px: the sibling's. */
	if (pipe(ps) == -1 || pipe(px) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return;
	}
	s = fork_flushed();
	if (s == 0) {
		/*
		 * S: make a sibling X with CLONE_PARENT, report X's pid, S's own
		 * getppid() and the errno of waitpid(X) in S. X reports its getppid()
		 * and exits 8.
		 */
		long x;
		int xst;

		close(ps[0]);
		close(px[0]);
		x = raw_clone(CLONE_PARENT | SIGCHLD, NULL, NULL, NULL, 0);
		if (x == 0) {
			close(ps[1]);
			send_long(px[1], getppid());
			_exit(8);
		}
		close(px[1]);
		send_long(ps[1], x);
		send_long(ps[1], getppid());
		errno = 0;
		send_long(ps[1], waitpid(x, &xst, WNOHANG) == -1 ? errno : 0);
		_exit(0);
	}
	close(ps[1]);
	close(px[1]);
	if (s == -1) {
		check("fork", 0, "-1 %s", errno_name(errno));
		close(ps[0]);
		close(px[0]);
		return;
	}
	recv_long(ps[0], &sibling);
	recv_long(ps[0], &s_ppid);
	recv_long(ps[0], &s_wait);
	recv_long(px[0], &sib_ppid);
	close(ps[0]);
	close(px[0]);
	wait_pid(s, &st, 0);
	check_exited("clone_parent_caller_status", st, 0);
	check("clone_parent_sibling_made", sibling > 0, "a sibling pid came back: %s",
	      yesno(sibling > 0));
	check("clone_parent_getppid", sib_ppid == getpid() && s_ppid == getpid(),
	      "the sibling's getppid() is the caller's parent: %s",
	      yesno(sib_ppid == getpid() && s_ppid == getpid()));
	check("clone_parent_caller_cannot_wait", s_wait == ECHILD,
	      "waitpid(sibling) in the caller gives %s, want ECHILD",
	      s_wait > 0 ? errno_name((int)s_wait) : "success");
	if (sibling > 0) {
		r = wait_pid((pid_t)sibling, &st, 0);
		check("clone_parent_reaped_by_parent", r == sibling,
		      "the top process reaps the sibling: %s", yesno(r == sibling));
		check_exited("clone_parent_sibling_status", st, 8);
	}
	EXPECT_ERRNO("top_no_stray_children", waitpid(-1, &st, WNOHANG), ECHILD);
}

int
main(void)
{
	scenario("clone_flag_errors", test_clone_flag_errors);
	scenario("clone3_errors", test_clone3_errors);
	scenario("clone_as_fork", test_clone_as_fork);
	scenario("clone_tid_words", test_clone_tid_words);
	scenario("clone_exit_signal_zero", test_clone_exit_signal_zero);
	scenario("clone_vfork", test_clone_vfork);
	scenario("clone_vm_cleartid", test_clone_vm_cleartid);
	test_clone_parent();
	return check_summary();
}
