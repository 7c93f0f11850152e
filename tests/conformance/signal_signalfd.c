/*
 * signal_signalfd — signalfd(2): reading blocked signals as struct
 * signalfd_siginfo records from a file descriptor.
 *
 * Scenarios, each in a child of its own (lib/lifecycle.h):
 *	basic_read		kill(getpid(), SIGUSR1): one 128-byte record with
 *				ssi_signo, ssi_code SI_USER, ssi_pid, ssi_uid; the
 *				signal is no longer pending
 *	read_size		a buffer under 128 bytes (and 0): EINVAL, the signal
 *				stays pending; 200 bytes read one record; write: EINVAL;
 *				pread: ESPIPE
 *	nonblock		SFD_NONBLOCK or O_NONBLOCK set later: EAGAIN with
 *				nothing pending; F_GETFL shows O_RDWR and O_NONBLOCK
 *	poll			POLLIN only while a signal of the mask is pending
 *	sigqueue_value		ssi_code SI_QUEUE, ssi_int and ssi_ptr carry the value
 *	tgkill			raise (tgkill): ssi_code SI_TKILL
 *	rt_order		queued real-time signals come lowest number first, each
 *				signal's in sending order, as many per read as the
 *				buffer holds and are pending, without blocking
 *	mask_filter		a blocked signal outside the mask stays pending
 *	update_mask		signalfd(fd, mask, flags) replaces the mask, returns
 *				fd, and leaves the file's flags alone
 *	einval			an fd that is not a signalfd, bad flags, a bad mask
 *				size: EINVAL; a closed fd: EBADF
 *	cloexec			SFD_CLOEXEC sets FD_CLOEXEC, no flag leaves it clear
 *	sigchld			a child's exit and death: SIGCHLD records with
 *				CLD_EXITED/CLD_KILLED, ssi_status, ssi_pid
 *	blocking_read_wakes	a blocking read returns when a child sends the signal
 *	handler_first		an unblocked signal with a handler is delivered to
 *				the handler; the signalfd has nothing
 *	ignored_but_blocked	SIG_IGN does not discard a blocked signal: the
 *				signalfd reads it; setting SIG_IGN discards pending ones
 *	timer_signal		a POSIX timer's signal: SI_TIMER, ssi_int, ssi_tid,
 *				ssi_overrun
 *	fork_own_queue		a child reading the inherited signalfd reads its own
 *				pending signals, not the parent's
 *	thread_own_queue	a signal sent to one thread is read by that thread's
 *				read only; a process-wide one by any thread
 *
 * Every scenario runs under a watchdog process that SIGKILLs it after 20 s
 * (watched_scenario, lib/signals.h), so a blocking read that never returns ends
 * the scenario instead of the run.
 */
#define _GNU_SOURCE
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <stdint.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <time.h>

#include "lib/check.h"
#include "lib/lifecycle.h"
#include "lib/signals.h"

#define REC ((ssize_t)sizeof(struct signalfd_siginfo))

/* ---- helpers --------------------------------------------------------------- */

static sigset_t
set_of(int a, int b)
{
	sigset_t s;

	sigemptyset(&s);
	if (a)
		sigaddset(&s, a);
	if (b)
		sigaddset(&s, b);
	return s;
}

static void
block(int a, int b)
{
	sigset_t s = set_of(a, b);

	sigprocmask(SIG_BLOCK, &s, NULL);
}

/* sfd - signalfd(-1, {a, b}, flags), reported if it fails. */
static int
sfd(int a, int b, int flags)
{
	sigset_t s = set_of(a, b);
	int fd = signalfd(-1, &s, flags);

	if (fd == -1)
		check("signalfd", 0, "-1 %s", errno_name(errno));
	return fd;
}

/* read_recs - read up to n records; the byte count (or -1, errno in *err). */
static ssize_t
read_recs(int fd, struct signalfd_siginfo *si, int n, int *err)
{
	ssize_t r;

	memset(si, 0, n * sizeof(*si));
	errno = 0;
	r = read(fd, si, n * sizeof(*si));
	*err = errno;
	return r;
}

/*
 * check_one - a read of one record from fd gives signal sig with code code from
 * pid (0: not checked). Returns whether the read gave a record.
 */
static int
check_one(const char *name, int fd, int sig, int code, pid_t pid)
{
	struct signalfd_siginfo si;
	ssize_t r;
	int err;

	r = read_recs(fd, &si, 1, &err);
	if (r != REC)
		return check(name, 0, "read gave %zd %s, want %zd", r,
			     r == -1 ? errno_name(err) : "", REC);
	return check(name, (int)si.ssi_signo == sig && si.ssi_code == code &&
		     (!pid || (pid_t)si.ssi_pid == pid) && si.ssi_uid == getuid(),
		     "%s, ssi_code %d, want %d; ssi_pid right: %s, ssi_uid right: %s",
		     signal_name(si.ssi_signo), si.ssi_code, code,
		     yesno(!pid || (pid_t)si.ssi_pid == pid), yesno(si.ssi_uid == getuid()));
}

/* poll_in - poll(fd, POLLIN, 0): the revents. */
static int
poll_in(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	if (poll(&p, 1, 0) == -1)
		return -1;
	return p.revents;
}

/* ---- scenarios --------------------------------------------------------------- */

/* Linux: signalfd_read dequeues with dequeue_signal, signalfd_copyinfo fills. */
static void
test_basic_read(void)
{
	struct signalfd_siginfo si;
	ssize_t r;
	int fd, err;

	check_long("record_size", sizeof(struct signalfd_siginfo), 128);
	block(SIGUSR1, 0);
	if ((fd = sfd(SIGUSR1, 0, 0)) == -1)
		return;
	kill(getpid(), SIGUSR1);
	check("pending_before_read", is_pending(SIGUSR1), "pending: %s",
	      yesno(is_pending(SIGUSR1)));
	r = read_recs(fd, &si, 1, &err);
	check_ret("read_one_record", r, err, REC);
	check("ssi_signo", si.ssi_signo == SIGUSR1, "%s", signal_name(si.ssi_signo));
	check("ssi_code_si_user", si.ssi_code == SI_USER, "ssi_code %d, want SI_USER %d",
	      si.ssi_code, SI_USER);
	check("ssi_pid_self", (pid_t)si.ssi_pid == getpid(), "ssi_pid is getpid(): %s",
	      yesno((pid_t)si.ssi_pid == getpid()));
	check("ssi_uid", si.ssi_uid == getuid(), "ssi_uid is getuid(): %s",
	      yesno(si.ssi_uid == getuid()));
	check_long("ssi_errno", si.ssi_errno, 0);
	check("consumed", !is_pending(SIGUSR1), "pending after read: %s",
	      yesno(is_pending(SIGUSR1)));
	close(fd);
}

/* Linux: signalfd_read refuses count < sizeof(struct signalfd_siginfo) first. */
static void
test_read_size(void)
{
	struct signalfd_siginfo si[2];
	char small[127];
	int fd, err;
	ssize_t r;

	block(SIGUSR1, 0);
	if ((fd = sfd(SIGUSR1, 0, SFD_NONBLOCK)) == -1)
		return;
	EXPECT_ERRNO("small_buffer_nothing_pending", read(fd, small, sizeof(small)), EINVAL);
	kill(getpid(), SIGUSR1);
	EXPECT_ERRNO("small_buffer_pending", read(fd, small, sizeof(small)), EINVAL);
	EXPECT_ERRNO("zero_count", read(fd, small, 0), EINVAL);
	check("still_pending", is_pending(SIGUSR1), "pending: %s", yesno(is_pending(SIGUSR1)));
	memset(si, 0, sizeof(si));
	errno = 0;
	r = read(fd, si, 200);
	err = errno;
	check_ret("200_bytes_read_one_record", r, err, REC);
	EXPECT_ERRNO("write_einval", write(fd, si, REC), EINVAL);
	EXPECT_ERRNO("pread_espipe", pread(fd, si, REC, 0), ESPIPE);
	close(fd);
}

static void
test_nonblock(void)
{
	struct signalfd_siginfo si;
	int fd, fl;

	block(SIGUSR1, 0);
	if ((fd = sfd(SIGUSR1, 0, SFD_NONBLOCK)) == -1)
		return;
	EXPECT_ERRNO("sfd_nonblock_eagain", read(fd, &si, sizeof(si)), EAGAIN);
	fl = fcntl(fd, F_GETFL);
	check("getfl_nonblock_rdwr", (fl & O_NONBLOCK) && (fl & O_ACCMODE) == O_RDWR,
	      "O_NONBLOCK: %s, O_RDWR: %s", yesno(fl & O_NONBLOCK),
	      yesno((fl & O_ACCMODE) == O_RDWR));
	close(fd);
	if ((fd = sfd(SIGUSR1, 0, 0)) == -1)
		return;
	fl = fcntl(fd, F_GETFL);
	check("getfl_blocking_rdwr", !(fl & O_NONBLOCK) && (fl & O_ACCMODE) == O_RDWR,
	      "O_NONBLOCK: %s, O_RDWR: %s", yesno(fl & O_NONBLOCK),
	      yesno((fl & O_ACCMODE) == O_RDWR));
	fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	EXPECT_ERRNO("o_nonblock_eagain", read(fd, &si, sizeof(si)), EAGAIN);
	close(fd);
}

/* Linux: signalfd_poll looks at the polling task's pending signals. */
static void
test_poll(void)
{
	struct signalfd_siginfo si;
	int fd, before, during, outside, after, err;

	block(SIGUSR1, SIGUSR2);
	if ((fd = sfd(SIGUSR1, 0, 0)) == -1)
		return;
	before = poll_in(fd);
	kill(getpid(), SIGUSR2);		/* blocked, not in the mask */
	outside = poll_in(fd);
	kill(getpid(), SIGUSR1);
	during = poll_in(fd);
	read_recs(fd, &si, 1, &err);
	after = poll_in(fd);
	check_long("nothing_pending", before, 0);
	check_long("other_signal_pending", outside, 0);
	check("pollin_while_pending", during == POLLIN, "revents POLLIN: %s",
	      yesno(during == POLLIN));
	check_long("after_read", after, 0);
	close(fd);
}

/* Linux: signalfd_copyinfo copies si_int and si_ptr for SI_QUEUE. */
static void
test_sigqueue_value(void)
{
	struct signalfd_siginfo si;
	union sigval v;
	int fd, err;

	block(SIGUSR2, 0);
	if ((fd = sfd(SIGUSR2, 0, 0)) == -1)
		return;
	v.sival_ptr = (void *)(uintptr_t)0x1122334455667788ULL;
	EXPECT_RET("sigqueue", sigqueue(getpid(), SIGUSR2, v), 0);
	EXPECT_RET("read", read_recs(fd, &si, 1, &err), REC);
	check("ssi_code_si_queue", si.ssi_code == SI_QUEUE, "ssi_code %d, want SI_QUEUE %d",
	      si.ssi_code, SI_QUEUE);
	check("ssi_ptr", si.ssi_ptr == 0x1122334455667788ULL, "ssi_ptr is the value: %s",
	      yesno(si.ssi_ptr == 0x1122334455667788ULL));
	check("ssi_int_low_half", si.ssi_int == 0x55667788, "ssi_int %#x",
	      (unsigned)si.ssi_int);
	check("ssi_pid_uid", (pid_t)si.ssi_pid == getpid() && si.ssi_uid == getuid(),
	      "ssi_pid, ssi_uid the sender: %s",
	      yesno((pid_t)si.ssi_pid == getpid() && si.ssi_uid == getuid()));
	v.sival_int = 42;
	sigqueue(getpid(), SIGUSR2, v);
	read_recs(fd, &si, 1, &err);
	check_long("ssi_int", si.ssi_int, 42);
	close(fd);
}

static void
test_tgkill(void)
{
	int fd;

	block(SIGUSR1, 0);
	if ((fd = sfd(SIGUSR1, 0, 0)) == -1)
		return;
	raise(SIGUSR1);
	check_one("raise_si_tkill", fd, SIGUSR1, SI_TKILL, getpid());
	syscall(SYS_tgkill, getpid(), gettid(), SIGUSR1);
	check_one("tgkill_si_tkill", fd, SIGUSR1, SI_TKILL, getpid());
	close(fd);
}

/*
 * Linux: next_signal takes the lowest pending number; collect_signal the first
 * queued siginfo of it. signalfd_read stops at the first empty dequeue after a
 * record, even on a blocking fd.
 */
static void
test_rt_order(void)
{
	static const int sent[][2] = { { 3, 1 }, { 1, 2 }, { 3, 3 }, { 1, 4 } };
	struct signalfd_siginfo si[4];
	char got[64] = "", *p = got;
	int lo = SIGRTMIN + 1, hi = SIGRTMIN + 3, fd, err, i, n;
	union sigval v;
	ssize_t r;

	block(lo, hi);
	if ((fd = sfd(lo, hi, 0)) == -1)
		return;
	for (i = 0; i < 4; i++) {
		v.sival_int = sent[i][1];
		sigqueue(getpid(), SIGRTMIN + sent[i][0], v);
	}
	r = read_recs(fd, si, 4, &err);
	check_ret("four_records", r, err, 4 * REC);
	n = r > 0 ? (int)(r / REC) : 0;
	for (i = 0; i < n; i++)
		p += snprintf(p, got + sizeof(got) - p, "%sRTMIN+%d:%d", i ? " " : "",
			      (int)si[i].ssi_signo - SIGRTMIN, si[i].ssi_int);
	check_str("order", got, "RTMIN+1:2 RTMIN+1:4 RTMIN+3:1 RTMIN+3:3");
	for (i = 0; i < 3; i++) {
		v.sival_int = 10 + i;
		sigqueue(getpid(), lo, v);
	}
	EXPECT_RET("buffer_of_two_reads_two", read_recs(fd, si, 2, &err), 2 * REC);
	EXPECT_RET("buffer_of_four_reads_the_last_one", read_recs(fd, si, 4, &err), REC);
	check_long("last_value", si[0].ssi_int, 12);
	close(fd);
}

static void
test_mask_filter(void)
{
	struct signalfd_siginfo si[2];
	int fd, err;

	block(SIGUSR1, SIGUSR2);
	if ((fd = sfd(SIGUSR1, 0, SFD_NONBLOCK)) == -1)
		return;
	kill(getpid(), SIGUSR2);
	kill(getpid(), SIGUSR1);
	EXPECT_RET("reads_only_the_mask", read_recs(fd, si, 2, &err), REC);
	check("read_sigusr1", si[0].ssi_signo == SIGUSR1, "%s", signal_name(si[0].ssi_signo));
	check("sigusr2_still_pending", is_pending(SIGUSR2) && !is_pending(SIGUSR1),
	      "SIGUSR2 pending: %s, SIGUSR1 pending: %s", yesno(is_pending(SIGUSR2)),
	      yesno(is_pending(SIGUSR1)));
	EXPECT_ERRNO("then_nothing", read_recs(fd, si, 2, &err), EAGAIN);
	close(fd);
}

/* Linux: do_signalfd4 with ufd != -1 only replaces ctx->sigmask. */
static void
test_update_mask(void)
{
	struct signalfd_siginfo si;
	sigset_t m = set_of(SIGUSR2, 0);
	int fd, r, fl;

	block(SIGUSR1, SIGUSR2);
	if ((fd = sfd(SIGUSR1, 0, 0)) == -1)
		return;
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR2);
	r = signalfd(fd, &m, SFD_NONBLOCK);
	check("update_returns_fd", r == fd, "the same fd: %s", yesno(r == fd));
	fl = fcntl(fd, F_GETFL);
	check("update_ignores_flags", !(fl & O_NONBLOCK), "O_NONBLOCK set: %s",
	      yesno(fl & O_NONBLOCK));
	check_one("reads_new_mask", fd, SIGUSR2, SI_USER, getpid());
	check("old_mask_signal_stays", is_pending(SIGUSR1), "SIGUSR1 pending: %s",
	      yesno(is_pending(SIGUSR1)));
	fcntl(fd, F_SETFL, O_NONBLOCK);
	EXPECT_ERRNO("not_in_new_mask", read(fd, &si, sizeof(si)), EAGAIN);
	close(fd);
}

static void
test_einval(void)
{
	sigset_t m = set_of(SIGUSR1, 0);
	int p[2], fd;

	if (pipe(p) == -1)
		return;
	EXPECT_ERRNO("not_a_signalfd", signalfd(p[0], &m, 0), EINVAL);
	EXPECT_ERRNO("bad_flags", signalfd(-1, &m, 1), EINVAL);
	EXPECT_ERRNO("bad_flags_o_append", signalfd(-1, &m, O_APPEND), EINVAL);
	EXPECT_ERRNO("mask_size_4", syscall(SYS_signalfd4, -1, &m, 4, 0), EINVAL);
	EXPECT_ERRNO("mask_size_16", syscall(SYS_signalfd4, -1, &m, 16, 0), EINVAL);
	close(p[1]);
	EXPECT_ERRNO("closed_fd", signalfd(p[1], &m, 0), EBADF);
	fd = signalfd(-1, &m, 0);
	EXPECT_ERRNO("update_bad_flags", signalfd(fd, &m, 1), EINVAL);
	m = set_of(SIGKILL, SIGSTOP);	/* Linux drops them from the mask */
	EXPECT_SUCCESS("sigkill_sigstop_accepted", signalfd(-1, &m, 0));
}

static void
test_cloexec(void)
{
	int a, b;

	a = sfd(SIGUSR1, 0, SFD_CLOEXEC);
	b = sfd(SIGUSR1, 0, 0);
	check("sfd_cloexec", fcntl(a, F_GETFD) == FD_CLOEXEC, "FD_CLOEXEC: %s",
	      yesno(fcntl(a, F_GETFD) == FD_CLOEXEC));
	check("no_flag_no_cloexec", fcntl(b, F_GETFD) == 0, "FD_CLOEXEC: %s",
	      yesno(fcntl(b, F_GETFD) == FD_CLOEXEC));
}

/* Linux: do_notify_parent fills si_status, si_code, si_pid for SIGCHLD. */
static void
check_child_record(const char *tag, int fd, pid_t pid, int code, int status)
{
	struct signalfd_siginfo si;
	char name[64];
	int err;
	ssize_t r;

	r = read_recs(fd, &si, 1, &err);
	snprintf(name, sizeof(name), "%s_record", tag);
	check_ret(name, r, err, REC);
	snprintf(name, sizeof(name), "%s_sigchld", tag);
	check(name, si.ssi_signo == SIGCHLD && si.ssi_code == code,
	      "%s, ssi_code %d, want %d", signal_name(si.ssi_signo), si.ssi_code, code);
	snprintf(name, sizeof(name), "%s_status", tag);
	check_long(name, si.ssi_status, status);
	snprintf(name, sizeof(name), "%s_pid_uid", tag);
	check(name, (pid_t)si.ssi_pid == pid && si.ssi_uid == getuid(),
	      "ssi_pid the child: %s, ssi_uid: %s", yesno((pid_t)si.ssi_pid == pid),
	      yesno(si.ssi_uid == getuid()));
}

static void
test_sigchld(void)
{
	int fd, st;
	pid_t pid;

	block(SIGCHLD, 0);
	if ((fd = sfd(SIGCHLD, 0, 0)) == -1)
		return;
	pid = fork_flushed();
	if (pid == 0)
		_exit(7);
	check_child_record("exited", fd, pid, CLD_EXITED, 7);
	wait_pid(pid, &st, 0);
	check_exited("exited_wait_status", st, 7);
	pid = fork_flushed();
	if (pid == 0) {
		signal(SIGTERM, SIG_DFL);
		raise(SIGTERM);
		_exit(9);
	}
	check_child_record("killed", fd, pid, CLD_KILLED, SIGTERM);
	wait_pid(pid, &st, 0);
	check_killed("killed_wait_status", st, SIGTERM);
	check("reaped_no_sigchld_left", !is_pending(SIGCHLD), "SIGCHLD pending: %s",
	      yesno(is_pending(SIGCHLD)));
}

/* Linux: signalfd_dequeue sleeps on current->sighand->signalfd_wqh. */
static void
test_blocking_read_wakes(void)
{
	int go[2], fd, st;
	pid_t pid;

	block(SIGUSR1, 0);
	if ((fd = sfd(SIGUSR1, 0, 0)) == -1 || pipe(go) == -1)
		return;
	pid = fork_flushed();
	if (pid == 0) {
		close(go[1]);
		if (wait_byte(go[0]))
			kill(getppid(), SIGUSR1);
		_exit(0);
	}
	close(go[0]);
	post_byte(go[1]);	/* the child sends once the parent reads */
	check_one("woken_by_child", fd, SIGUSR1, SI_USER, pid);
	close(go[1]);
	wait_pid(pid, &st, 0);
	check_exited("child", st, 0);
}

static volatile sig_atomic_t handled;

static void
on_usr1(int sig)
{
	(void)sig;
	handled++;
}

/* Linux: signalfd does not take part in delivery; an unblocked signal is handled. */
static void
test_handler_first(void)
{
	struct signalfd_siginfo si;
	int fd;

	signal(SIGUSR1, on_usr1);
	if ((fd = sfd(SIGUSR1, 0, SFD_NONBLOCK)) == -1)
		return;
	kill(getpid(), SIGUSR1);
	check_long("handler_ran", handled, 1);
	check_long("poll_nothing", poll_in(fd), 0);
	EXPECT_ERRNO("read_nothing", read(fd, &si, sizeof(si)), EAGAIN);
}

/*
 * Linux: sig_ignored() is false for a blocked signal, so it is queued whatever
 * the handler; do_sigaction setting SIG_IGN flushes it from the pending sets.
 */
static void
test_ignored_but_blocked(void)
{
	struct signalfd_siginfo si;
	int fd;

	signal(SIGUSR1, SIG_IGN);
	block(SIGUSR1, 0);
	if ((fd = sfd(SIGUSR1, 0, SFD_NONBLOCK)) == -1)
		return;
	kill(getpid(), SIGUSR1);
	check("queued_though_ignored", is_pending(SIGUSR1), "pending: %s",
	      yesno(is_pending(SIGUSR1)));
	check_one("read_though_ignored", fd, SIGUSR1, SI_USER, getpid());
	signal(SIGUSR1, SIG_DFL);
	kill(getpid(), SIGUSR1);
	signal(SIGUSR1, SIG_IGN);
	check("sig_ign_discards_pending", !is_pending(SIGUSR1), "pending: %s",
	      yesno(is_pending(SIGUSR1)));
	EXPECT_ERRNO("read_nothing", read(fd, &si, sizeof(si)), EAGAIN);
}

/* Linux: signalfd_copyinfo copies si_tid, si_overrun, si_int for SI_TIMER. */
static void
test_timer_signal(void)
{
	struct itimerspec ts = { .it_value = { 0, 10000000 } };
	struct signalfd_siginfo si;
	int sig = SIGRTMIN + 2, fd, err;
	struct sigevent ev;
	timer_t t;

	block(sig, 0);
	if ((fd = sfd(sig, 0, 0)) == -1)
		return;
	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = sig;
	ev.sigev_value.sival_int = 77;
	if (timer_create(CLOCK_MONOTONIC, &ev, &t) == -1) {
		check("timer_create", 0, "-1 %s", errno_name(errno));
		return;
	}
	timer_settime(t, 0, &ts, NULL);
	EXPECT_RET("read", read_recs(fd, &si, 1, &err), REC);
	check("ssi_code_si_timer", (int)si.ssi_signo == sig && si.ssi_code == SI_TIMER,
	      "SIGRTMIN+%d, ssi_code %d, want SI_TIMER %d", (int)si.ssi_signo - SIGRTMIN,
	      si.ssi_code, SI_TIMER);
	check_long("ssi_int", si.ssi_int, 77);
	check_long("ssi_overrun", si.ssi_overrun, 0);
	check("ssi_tid_timer_id", si.ssi_tid == (uint32_t)(intptr_t)t,
	      "ssi_tid is the timer's id: %s", yesno(si.ssi_tid == (uint32_t)(intptr_t)t));
	timer_delete(t);
}

/*
 * Linux: signalfd_read dequeues from current, whoever created the fd; a child
 * of fork starts with no pending signals. Child exit code: 0 if its first read
 * gave EAGAIN and poll 0, its own signal then read with its pid; 10 + a step
 * otherwise.
 */
static int
fork_child_reads(int fd)
{
	struct signalfd_siginfo si;
	int err;

	if (poll_in(fd) != 0)
		return 10;
	if (!(read_recs(fd, &si, 1, &err) == -1 && err == EAGAIN))
		return 11;
	kill(getpid(), SIGUSR1);
	if (poll_in(fd) != POLLIN)
		return 12;
	if (read_recs(fd, &si, 1, &err) != REC)
		return 13;
	return (pid_t)si.ssi_pid == getpid() ? 0 : 14;
}

static void
test_fork_own_queue(void)
{
	int fd, st;
	pid_t pid;

	block(SIGUSR1, 0);
	if ((fd = sfd(SIGUSR1, 0, SFD_NONBLOCK)) == -1)
		return;
	kill(getpid(), SIGUSR1);
	pid = fork_flushed();
	if (pid == 0)
		_exit(fork_child_reads(fd));
	wait_pid(pid, &st, 0);
	check_exited("child_reads_its_own_queue", st, 0);
	check("parent_signal_still_pending", is_pending(SIGUSR1), "pending: %s",
	      yesno(is_pending(SIGUSR1)));
	check_one("parent_reads_its_own", fd, SIGUSR1, SI_USER, getpid());
}

static int thr_fd;
static pid_t thr_tid;
static int thr_up[2], thr_go[2];
static volatile int thr_first, thr_second;

/* The second thread: tell its tid, then read once per order (nonblocking fd). */
static void *
reader_thread(void *arg)
{
	struct signalfd_siginfo si;
	int err;

	(void)arg;
	thr_tid = gettid();
	post_byte(thr_up[1]);
	wait_byte(thr_go[0]);
	thr_first = read_recs(thr_fd, &si, 1, &err) == REC ? si.ssi_code : -100;
	post_byte(thr_up[1]);
	wait_byte(thr_go[0]);
	thr_second = read_recs(thr_fd, &si, 1, &err) == REC ? si.ssi_code : -100;
	return NULL;
}

/*
 * Linux: dequeue_signal takes the reader's own pending list, then the shared
 * one. A tgkill to the second thread: the main thread reads nothing, the second
 * thread reads it (SI_TKILL). A kill: the second thread reads it too (SI_USER).
 */
static void
test_thread_own_queue(void)
{
	struct signalfd_siginfo si;
	pthread_t th;
	ssize_t r;
	int err;

	block(SIGUSR1, 0);
	if ((thr_fd = sfd(SIGUSR1, 0, SFD_NONBLOCK)) == -1 ||
	    pipe(thr_up) == -1 || pipe(thr_go) == -1)
		return;
	if (pthread_create(&th, NULL, reader_thread, NULL) != 0) {
		check("pthread_create", 0, "failed");
		return;
	}
	wait_byte(thr_up[0]);
	syscall(SYS_tgkill, getpid(), thr_tid, SIGUSR1);
	r = read_recs(thr_fd, &si, 1, &err);
	check("main_reads_nothing", r == -1 && err == EAGAIN, "%s",
	      r == -1 ? errno_name(err) : "a record");
	check_long("main_poll_nothing", poll_in(thr_fd), 0);
	post_byte(thr_go[1]);
	wait_byte(thr_up[0]);
	kill(getpid(), SIGUSR1);
	post_byte(thr_go[1]);
	pthread_join(th, NULL);
	check("thread_reads_its_signal", thr_first == SI_TKILL, "ssi_code %d, want SI_TKILL %d",
	      thr_first, SI_TKILL);
	check("thread_reads_process_signal", thr_second == SI_USER,
	      "ssi_code %d, want SI_USER %d", thr_second, SI_USER);
}

/*
 * With the argument "threads", only the cases that need a second thread run
 * (they wait for the threads issue in taskbox); without it, all the others.
 */
int
main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "threads") == 0) {
		watched_scenario("thread_own_queue", test_thread_own_queue);
		return check_summary();
	}
	watched_scenario("basic_read", test_basic_read);
	watched_scenario("read_size", test_read_size);
	watched_scenario("nonblock", test_nonblock);
	watched_scenario("poll", test_poll);
	watched_scenario("sigqueue_value", test_sigqueue_value);
	watched_scenario("tgkill", test_tgkill);
	watched_scenario("rt_order", test_rt_order);
	watched_scenario("mask_filter", test_mask_filter);
	watched_scenario("update_mask", test_update_mask);
	watched_scenario("einval", test_einval);
	watched_scenario("cloexec", test_cloexec);
	watched_scenario("sigchld", test_sigchld);
	watched_scenario("blocking_read_wakes", test_blocking_read_wakes);
	watched_scenario("handler_first", test_handler_first);
	watched_scenario("ignored_but_blocked", test_ignored_but_blocked);
	watched_scenario("timer_signal", test_timer_signal);
	watched_scenario("fork_own_queue", test_fork_own_queue);
	return check_summary();
}
