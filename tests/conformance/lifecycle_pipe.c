/*
 * lifecycle_pipe — anonymous pipes: data, end-of-file, EPIPE, capacity,
 * F_GETPIPE_SZ/F_SETPIPE_SZ, PIPE_BUF atomicity, pipe2 flags, blocking across
 * processes and poll.
 *
 * SIGPIPE is ignored in every scenario that writes to a pipe without readers:
 * delivering it is another issue's; with SIGPIPE ignored the write fails with
 * EPIPE.
 *
 * Scenarios, each in a child of its own (lib/lifecycle.h):
 *	basic_io		what is written is read, in order, in pieces; FIONREAD;
 *				zero-byte reads and writes; S_ISFIFO; ESPIPE for lseek
 *				and pread; EBADF for the wrong end; access modes
 *	end_of_file		EOF only once every write end is closed; data first
 *	epipe			EPIPE only once every read end is closed
 *	capacity		O_NONBLOCK: a big write stores exactly 65536 bytes, the
 *				next gets EAGAIN; reading 4096 makes room for 4096
 *	pipe_size		F_GETPIPE_SZ, F_SETPIPE_SZ rounding (to a power of two
 *				pages), EBUSY below the contents, EINVAL above 2^31,
 *				1 MiB (the default pipe-max-size) allowed; EBADF on a
 *				file that is not a pipe
 *	pipe2_flags		O_CLOEXEC and O_NONBLOCK on both ends, none without;
 *				bad flags: EINVAL; O_DIRECT: one packet per read
 *	pipe_buf_atomic		four writers, records of 512 and of PIPE_BUF bytes:
 *				records never interleave, each writer's stay in order
 *	blocking		a blocked reader is woken by a writer in another
 *				process; a writer blocked on a full pipe is woken by a
 *				reader
 *	poll			POLLIN with data, POLLOUT with room (not when full),
 *				POLLHUP when the writers are gone, POLLERR when the
 *				readers are; a blocking poll woken by another process
 *	reopen			an end reopened through /proc/self/fd/N (bash's <(...)):
 *				a read end whose writers are gone opens at once and reads
 *				EOF; a write end without readers opens, O_NONBLOCK too
 *				(no ENXIO: that is for FIFOs), and writes get EPIPE
 */
#define _GNU_SOURCE
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

#include "lib/check.h"
#include "lib/lifecycle.h"

static char big[1 << 18];

/* revents_str - poll bits as names, "0" for none. */
static const char *
revents_str(int ev)
{
	static char buf[4][80];
	static int which;
	char *b = buf[which++ & 3];

	b[0] = 0;
	if (ev & POLLIN)
		strcat(b, "|POLLIN");
	if (ev & POLLOUT)
		strcat(b, "|POLLOUT");
	if (ev & POLLHUP)
		strcat(b, "|POLLHUP");
	if (ev & POLLERR)
		strcat(b, "|POLLERR");
	if (ev & POLLNVAL)
		strcat(b, "|POLLNVAL");
	if (ev & ~(POLLIN | POLLOUT | POLLHUP | POLLERR | POLLNVAL))
		strcat(b, "|other");
	return b[0] ? b + 1 : "0";
}

/* poll_now - the revents of fd for events, with a zero timeout. */
static int
poll_now(int fd, short events)
{
	struct pollfd p = { fd, events, 0 };

	if (poll(&p, 1, 0) == -1)
		return -1;
	return p.revents;
}

static void
check_revents(const char *name, int got, int want)
{
	check(name, got == want, "%s, want %s", revents_str(got), revents_str(want));
}

/* drain - read a non-blocking fd until EAGAIN or EOF; the byte count. */
static long
drain(int fd)
{
	long total = 0;
	ssize_t n;

	while ((n = read(fd, big, sizeof(big))) > 0)
		total += n;
	return total;
}

static void
test_basic_io(void)
{
	char buf[16] = "";
	struct stat sb;
	int p[2], n = -1;

	EXPECT_RET("pipe", pipe(p), 0);
	EXPECT_RET("write_hello", write(p[1], "hello", 5), 5);
	EXPECT_RET("fionread", ioctl(p[0], FIONREAD, &n), 0);
	check_long("fionread_count", n, 5);
	EXPECT_RET("read_part", read(p[0], buf, 3), 3);
	check("read_part_bytes", memcmp(buf, "hel", 3) == 0, "\"%.3s\"", buf);
	EXPECT_RET("write_more", write(p[1], "!?", 2), 2);
	EXPECT_RET("read_rest", read(p[0], buf, sizeof(buf)), 4);
	check("read_rest_bytes", memcmp(buf, "lo!?", 4) == 0, "\"%.4s\"", buf);
	EXPECT_RET("write_zero", write(p[1], buf, 0), 0);
	EXPECT_RET("read_zero", read(p[0], buf, 0), 0);
	EXPECT_RET("fstat_pipe", fstat(p[0], &sb), 0);
	check("s_isfifo", S_ISFIFO(sb.st_mode), "S_ISFIFO: %s", yesno(S_ISFIFO(sb.st_mode)));
	EXPECT_ERRNO("lseek_espipe", lseek(p[0], 0, SEEK_CUR), ESPIPE);
	EXPECT_ERRNO("pread_espipe", pread(p[0], buf, 1, 0), ESPIPE);
	EXPECT_ERRNO("pwrite_espipe", pwrite(p[1], buf, 1, 0), ESPIPE);
	EXPECT_ERRNO("write_read_end_ebadf", write(p[0], "x", 1), EBADF);
	EXPECT_ERRNO("read_write_end_ebadf", read(p[1], buf, 1), EBADF);
	EXPECT_RET("read_end_rdonly", fcntl(p[0], F_GETFL) & O_ACCMODE, O_RDONLY);
	EXPECT_RET("write_end_wronly", fcntl(p[1], F_GETFL) & O_ACCMODE, O_WRONLY);
	close(p[0]);
	close(p[1]);
}

static void
test_end_of_file(void)
{
	char buf[8];
	int p[2], w2;

	if (pipe2(p, O_NONBLOCK) == -1) {
		check("pipe2", 0, "-1 %s", errno_name(errno));
		return;
	}
	w2 = dup(p[1]);
	EXPECT_ERRNO("empty_with_writers_eagain", read(p[0], buf, 1), EAGAIN);
	close(p[1]);
	EXPECT_ERRNO("one_writer_left_eagain", read(p[0], buf, 1), EAGAIN);
	EXPECT_RET("write_last_writer", write(w2, "ab", 2), 2);
	close(w2);
	EXPECT_RET("data_before_eof", read(p[0], buf, sizeof(buf)), 2);
	EXPECT_RET("eof_after_last_writer", read(p[0], buf, sizeof(buf)), 0);
	EXPECT_RET("eof_again", read(p[0], buf, sizeof(buf)), 0);
	close(p[0]);

	/* A writer in another process: EOF once it exits and ours is closed. */
	if (pipe(p) == -1)
		return;
	{
		pid_t pid = fork_flushed();
		int st = 0;

		if (pid == 0) {
			close(p[0]);
			write_full(p[1], "xyz", 3);
			_exit(0);
		}
		close(p[1]);
		EXPECT_RET("child_data", read_full(p[0], buf, sizeof(buf)), 3);
		EXPECT_RET("eof_after_child_exit", read(p[0], buf, sizeof(buf)), 0);
		wait_pid(pid, &st, 0);
		check_exited("writer_child_status", st, 0);
		close(p[0]);
	}
}

static void
test_epipe(void)
{
	int p[2], r2;

	signal(SIGPIPE, SIG_IGN);
	if (pipe(p) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return;
	}
	r2 = dup(p[0]);
	close(p[0]);
	EXPECT_RET("write_with_a_reader_left", write(p[1], "ab", 2), 2);
	close(r2);
	EXPECT_ERRNO("write_no_readers_epipe", write(p[1], "cd", 2), EPIPE);
	EXPECT_RET("write_zero_no_readers_returns_0", write(p[1], "cd", 0), 0);
	close(p[1]);
}

static void
test_capacity(void)
{
	int p[2];

	if (pipe2(p, O_NONBLOCK) == -1) {
		check("pipe2", 0, "-1 %s", errno_name(errno));
		return;
	}
	EXPECT_RET("default_size", fcntl(p[1], F_GETPIPE_SZ), 65536);
	EXPECT_RET("default_size_read_end", fcntl(p[0], F_GETPIPE_SZ), 65536);
	EXPECT_RET("big_write_fills", write(p[1], big, sizeof(big)), 65536);
	EXPECT_ERRNO("full_write_eagain", write(p[1], big, 1), EAGAIN);
	EXPECT_ERRNO("full_small_write_eagain", write(p[1], big, PIPE_BUF), EAGAIN);
	EXPECT_RET("read_one_page", read(p[0], big, 4096), 4096);
	EXPECT_RET("room_for_one_page", write(p[1], big, 8192), 4096);
	EXPECT_ERRNO("full_again_eagain", write(p[1], big, 1), EAGAIN);
	check_long("drain_all", drain(p[0]), 65536);
	EXPECT_RET("empty_again_fills", write(p[1], big, sizeof(big)), 65536);
	close(p[0]);
	close(p[1]);
}

static void
test_pipe_size(void)
{
	int p[2], fd;

	if (pipe2(p, O_NONBLOCK) == -1) {
		check("pipe2", 0, "-1 %s", errno_name(errno));
		return;
	}
	EXPECT_RET("setpipe_sz_page", fcntl(p[1], F_SETPIPE_SZ, 4096), 4096);
	EXPECT_RET("getpipe_sz_page", fcntl(p[0], F_GETPIPE_SZ), 4096);
	EXPECT_RET("small_pipe_fills", write(p[1], big, 8192), 4096);
	EXPECT_ERRNO("small_pipe_full", write(p[1], big, 1), EAGAIN);
	EXPECT_RET("setpipe_sz_5000_rounds", fcntl(p[1], F_SETPIPE_SZ, 5000), 8192);
	EXPECT_RET("grown_pipe_takes_more", write(p[1], big, 8192), 4096);
	EXPECT_ERRNO("setpipe_sz_below_contents_ebusy", fcntl(p[1], F_SETPIPE_SZ, 4096), EBUSY);
	EXPECT_RET("ebusy_keeps_size", fcntl(p[1], F_GETPIPE_SZ), 8192);
	check_long("drain_8192", drain(p[0]), 8192);
	EXPECT_RET("setpipe_sz_3_pages_rounds", fcntl(p[1], F_SETPIPE_SZ, 3 * 4096), 16384);
	EXPECT_RET("setpipe_sz_1_rounds_to_page", fcntl(p[1], F_SETPIPE_SZ, 1), 4096);
	EXPECT_RET("setpipe_sz_0_rounds_to_page", fcntl(p[1], F_SETPIPE_SZ, 0), 4096);
	EXPECT_RET("setpipe_sz_1mib", fcntl(p[1], F_SETPIPE_SZ, 1 << 20), 1 << 20);
	EXPECT_RET("getpipe_sz_1mib", fcntl(p[0], F_GETPIPE_SZ), 1 << 20);
	EXPECT_RET("setpipe_sz_back", fcntl(p[1], F_SETPIPE_SZ, 65536), 65536);
	EXPECT_ERRNO("setpipe_sz_above_2_31_einval",
		     fcntl(p[1], F_SETPIPE_SZ, (1U << 31) + 1), EINVAL);
	/*
	 * Not checked: a size above /proc/sys/fs/pipe-max-size, which succeeds or
	 * gives EPERM depending on CAP_SYS_RESOURCE, which a container's root may
	 * lack: the answer would depend on the host, not on the kernel.
	 */
	fd = open("/", O_RDONLY | O_DIRECTORY);
	EXPECT_ERRNO("getpipe_sz_not_a_pipe", fcntl(fd, F_GETPIPE_SZ), EBADF);
	EXPECT_ERRNO("setpipe_sz_not_a_pipe", fcntl(fd, F_SETPIPE_SZ, 4096), EBADF);
	close(fd);
	close(p[0]);
	close(p[1]);
}

static void
test_pipe2_flags(void)
{
	char buf[16];
	int p[2];

	EXPECT_RET("pipe2_cloexec", pipe2(p, O_CLOEXEC), 0);
	EXPECT_RET("cloexec_read_end", fcntl(p[0], F_GETFD), FD_CLOEXEC);
	EXPECT_RET("cloexec_write_end", fcntl(p[1], F_GETFD), FD_CLOEXEC);
	check("cloexec_not_nonblock", !(fcntl(p[0], F_GETFL) & O_NONBLOCK),
	      "O_NONBLOCK clear: %s", yesno(!(fcntl(p[0], F_GETFL) & O_NONBLOCK)));
	close(p[0]);
	close(p[1]);

	EXPECT_RET("pipe2_nonblock", pipe2(p, O_NONBLOCK), 0);
	check("nonblock_both_ends", (fcntl(p[0], F_GETFL) & O_NONBLOCK) &&
	      (fcntl(p[1], F_GETFL) & O_NONBLOCK), "O_NONBLOCK on both: %s",
	      yesno((fcntl(p[0], F_GETFL) & O_NONBLOCK) && (fcntl(p[1], F_GETFL) & O_NONBLOCK)));
	EXPECT_RET("nonblock_not_cloexec", fcntl(p[0], F_GETFD), 0);
	EXPECT_ERRNO("nonblock_empty_read_eagain", read(p[0], buf, 1), EAGAIN);
	close(p[0]);
	close(p[1]);

	EXPECT_RET("pipe_plain", pipe(p), 0);
	EXPECT_RET("plain_not_cloexec", fcntl(p[1], F_GETFD), 0);
	check("plain_blocking", !(fcntl(p[1], F_GETFL) & O_NONBLOCK), "O_NONBLOCK clear: %s",
	      yesno(!(fcntl(p[1], F_GETFL) & O_NONBLOCK)));
	close(p[0]);
	close(p[1]);

	EXPECT_ERRNO("pipe2_o_append_einval", pipe2(p, O_APPEND), EINVAL);
	EXPECT_ERRNO("pipe2_o_rdwr_einval", pipe2(p, O_RDWR), EINVAL);
	EXPECT_ERRNO("pipe2_o_trunc_einval", pipe2(p, O_TRUNC), EINVAL);
	/* qemu-user drops flag bits it does not know instead of passing them on. */
	EXPECT_ERRNO("pipe2_high_bit_einval", pipe2(p, 0x40000000), EINVAL);

	EXPECT_RET("pipe2_o_direct", pipe2(p, O_DIRECT | O_NONBLOCK), 0);
	EXPECT_RET("packet_1", write(p[1], "ab", 2), 2);
	EXPECT_RET("packet_2", write(p[1], "cde", 3), 3);
	EXPECT_RET("read_packet_1", read(p[0], buf, sizeof(buf)), 2);
	EXPECT_RET("read_packet_2", read(p[0], buf, sizeof(buf)), 3);
	check("packet_bytes", memcmp(buf, "cde", 3) == 0, "\"%.3s\"", buf);
	check("o_direct_flag_reads_back", (fcntl(p[1], F_GETFL) & O_DIRECT) != 0,
	      "O_DIRECT in F_GETFL: %s", yesno((fcntl(p[1], F_GETFL) & O_DIRECT) != 0));
	close(p[0]);
	close(p[1]);
}

/*
 * atomic_records - nw writers each write n records of size bytes; a record is
 * [writer, sequence number, filler byte repeated]. The reader checks that every
 * record arrives whole and that each writer's arrive in order.
 */
static void
atomic_records(const char *name, int nw, int n, int size)
{
	int p[2], st, bad = 0, total = 0, next[8] = { 0 }, exits = 0;
	char *rec = malloc(size);
	pid_t pids[8];

	if (pipe(p) == -1 || !rec) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return;
	}
	fflush(NULL);
	for (int w = 0; w < nw; w++) {
		pids[w] = fork();
		if (pids[w] == 0) {
			close(p[0]);
			for (int i = 0; i < n; i++) {
				memset(rec, 'A' + w, size);
				rec[0] = (char)w;
				rec[1] = (char)(i & 0x7f);
				rec[2] = (char)(i >> 7);
				if (write(p[1], rec, size) != size)	/* one call, whole */
					_exit(10);
			}
			_exit(0);
		}
	}
	close(p[1]);
	while (read_full(p[0], rec, size) == size) {
		int w = rec[0], seq = rec[1] | rec[2] << 7, whole = w >= 0 && w < nw;

		for (int i = 3; whole && i < size; i++)
			whole = rec[i] == 'A' + w;
		if (!whole || seq != next[w])
			bad++;
		else
			next[w]++;
		total++;
	}
	close(p[0]);
	for (int w = 0; w < nw; w++) {
		if (pids[w] > 0 && wait_pid(pids[w], &st, 0) == pids[w] && WIFEXITED(st) &&
		    WEXITSTATUS(st) == 0)
			exits++;
	}
	check(name, bad == 0 && total == nw * n && exits == nw,
	      "%d records, %d torn or out of order, %d of %d writers exited 0", total, bad,
	      exits, nw);
	free(rec);
}

static void
test_pipe_buf_atomic(void)
{
	check_long("pipe_buf", PIPE_BUF, 4096);
	/* 4 * 200 * 512 = 400 KiB and 4 * 40 * 4096 = 640 KiB: writers block. */
	atomic_records("records_512_whole_and_ordered", 4, 200, 512);
	atomic_records("records_pipe_buf_whole_and_ordered", 4, 40, PIPE_BUF);
}

static void
test_blocking(void)
{
	int data[2], go[2], st = 0;
	char buf[8] = "";
	pid_t pid;

	/* A reader blocked in read(), woken by a writer in another process. */
	if (pipe(data) == -1 || pipe(go) == -1) {
		check("pipe", 0, "-1 %s", errno_name(errno));
		return;
	}
	pid = fork_flushed();
	if (pid == 0) {
		close(data[0]);
		close(go[1]);
		wait_byte(go[0]);	/* the parent is about to block */
		write_full(data[1], "wake", 4);
		_exit(0);
	}
	close(data[1]);
	close(go[0]);
	post_byte(go[1]);
	EXPECT_RET("blocked_reader_woken", read(data[0], buf, sizeof(buf)), 4);
	check("woken_reader_bytes", memcmp(buf, "wake", 4) == 0, "\"%.4s\"", buf);
	wait_pid(pid, &st, 0);
	check_exited("waking_writer_status", st, 0);
	close(data[0]);
	close(go[1]);

	/* A writer blocked on a full pipe, woken as the reader empties it. */
	if (pipe(data) == -1 || pipe(go) == -1)
		return;
	fcntl(data[1], F_SETFL, O_NONBLOCK);
	EXPECT_RET("fill_for_writer", write(data[1], big, sizeof(big)), 65536);
	fcntl(data[1], F_SETFL, 0);
	pid = fork_flushed();
	if (pid == 0) {
		/* 10: the blocking write did not write everything */
		close(data[0]);
		close(go[0]);
		post_byte(go[1]);
		_exit(write(data[1], big, 10000) == 10000 ? 0 : 10);
	}
	close(data[1]);
	close(go[1]);
	wait_byte(go[0]);
	{
		long total = 0;
		ssize_t n;

		while ((n = read(data[0], big, 4096)) > 0)
			total += n;
		check_long("blocked_writer_completes", total, 65536 + 10000);
	}
	wait_pid(pid, &st, 0);
	check_exited("blocked_writer_status", st, 0);
	close(data[0]);
	close(go[0]);
}

static void
test_poll(void)
{
	struct pollfd pfd;
	int p[2], go[2], st = 0;
	pid_t pid;

	signal(SIGPIPE, SIG_IGN);
	if (pipe2(p, O_NONBLOCK) == -1) {
		check("pipe2", 0, "-1 %s", errno_name(errno));
		return;
	}
	check_revents("empty_read_end", poll_now(p[0], POLLIN), 0);
	check_revents("empty_write_end", poll_now(p[1], POLLOUT), POLLOUT);
	write(p[1], "x", 1);
	check_revents("data_read_end", poll_now(p[0], POLLIN), POLLIN);
	check_revents("data_read_end_both", poll_now(p[0], POLLIN | POLLOUT), POLLIN);
	write(p[1], big, sizeof(big));
	check_revents("full_write_end", poll_now(p[1], POLLOUT), 0);
	drain(p[0]);
	check_revents("drained_write_end", poll_now(p[1], POLLOUT), POLLOUT);
	write(p[1], "yz", 2);
	close(p[1]);
	check_revents("writers_gone_with_data", poll_now(p[0], POLLIN), POLLIN | POLLHUP);
	drain(p[0]);
	check_revents("writers_gone_empty", poll_now(p[0], POLLIN), POLLHUP);
	check_revents("writers_gone_no_events_asked", poll_now(p[0], 0), POLLHUP);
	close(p[0]);

	if (pipe(p) == -1)
		return;
	close(p[0]);
	check_revents("readers_gone", poll_now(p[1], POLLOUT), POLLOUT | POLLERR);
	close(p[1]);
	check_revents("closed_fd_pollnval", poll_now(p[1], POLLOUT), POLLNVAL);

	/* A poll without timeout, woken by a writer in another process. */
	if (pipe(p) == -1 || pipe(go) == -1)
		return;
	pid = fork_flushed();
	if (pid == 0) {
		/* Write, then keep the write end open until the parent is done:
		 * POLLHUP must not join POLLIN. */
		close(p[0]);
		close(go[1]);
		wait_byte(go[0]);
		write_full(p[1], "w", 1);
		while (wait_byte(go[0]))
			;
		_exit(0);
	}
	close(p[1]);
	close(go[0]);
	post_byte(go[1]);
	pfd.fd = p[0];
	pfd.events = POLLIN;
	pfd.revents = 0;
	EXPECT_RET("blocking_poll_woken", poll(&pfd, 1, -1), 1);
	check_revents("blocking_poll_revents", pfd.revents, POLLIN);
	close(go[1]);
	wait_pid(pid, &st, 0);
	check_exited("poll_writer_status", st, 0);
	close(p[0]);
}

static int
reopen_fd(int fd, int flags)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	return open(path, flags);
}

static void
test_reopen(void)
{
	char buf[8];
	int p[2], r, w;

	signal(SIGPIPE, SIG_IGN);
	if (pipe(p) == -1)
		return;
	EXPECT_RET("write_before_reopen", write(p[1], "hi", 2), 2);
	close(p[1]);
	r = reopen_fd(p[0], O_RDONLY);
	check("reopen_read_without_writers", r >= 0, "opened: %s", yesno(r >= 0));
	EXPECT_RET("reopened_reads_data", read(r, buf, sizeof(buf)), 2);
	EXPECT_RET("reopened_reads_eof", read(r, buf, sizeof(buf)), 0);
	close(r);
	close(p[0]);

	if (pipe(p) == -1)
		return;
	close(p[0]);
	w = reopen_fd(p[1], O_WRONLY | O_NONBLOCK);
	check("reopen_write_nonblock_without_readers", w >= 0, "opened: %s%s",
	      yesno(w >= 0), w < 0 ? errno_name(errno) : "");
	EXPECT_ERRNO("reopened_write_epipe", write(w, "x", 1), EPIPE);
	close(w);
	w = reopen_fd(p[1], O_WRONLY);
	check("reopen_write_without_readers", w >= 0, "opened: %s", yesno(w >= 0));
	close(w);
	close(p[1]);
}

int
main(void)
{
	scenario("basic_io", test_basic_io);
	scenario("end_of_file", test_end_of_file);
	scenario("epipe", test_epipe);
	scenario("capacity", test_capacity);
	scenario("pipe_size", test_pipe_size);
	scenario("pipe2_flags", test_pipe2_flags);
	scenario("pipe_buf_atomic", test_pipe_buf_atomic);
	scenario("blocking", test_blocking);
	scenario("poll", test_poll);
	scenario("reopen", test_reopen);
	return check_summary();
}
