/*
 * uname_ids_time — identity and time: uname, the process's ids, clocks, sleeping,
 * getrandom, resource limits, set_tid_address, the process name, umask.
 * Only relations are printed: no ids, times, limits or host names.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "lib/check.h"

static int64_t
ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void
test_uname(void)
{
	struct utsname u;
	const char *p;
	int release_ok;

	EXPECT_RET("uname", uname(&u), 0);
	check_str("sysname", u.sysname, "Linux");
	for (p = u.release; isdigit((unsigned char)*p); p++)
		;
	release_ok = p > u.release && *p == '.' && isdigit((unsigned char)p[1]);
	check("release_is_version", release_ok, "release starts with N.N: %s", yesno(release_ok));
	check("nodename_nonempty", u.nodename[0] != 0, "nodename is set: %s",
	      yesno(u.nodename[0] != 0));
	check("machine_nonempty", u.machine[0] != 0, "machine is set: %s", yesno(u.machine[0] != 0));
}

static void
test_ids(void)
{
	pid_t pid = getpid(), tid = gettid();
	uid_t r, e, s;
	gid_t gr, ge, gs;

	check("pid_positive", pid > 0, "getpid() > 0: %s", yesno(pid > 0));
	check("tid_is_pid", tid == pid, "gettid() == getpid() (one thread): %s", yesno(tid == pid));
	check("raw_getpid_agrees", syscall(SYS_getpid) == pid, "raw getpid == getpid(): %s",
	      yesno(syscall(SYS_getpid) == pid));
	check("uid_euid", getuid() == geteuid(), "getuid() == geteuid(): %s",
	      yesno(getuid() == geteuid()));
	check("gid_egid", getgid() == getegid(), "getgid() == getegid(): %s",
	      yesno(getgid() == getegid()));
	EXPECT_RET("getresuid", getresuid(&r, &e, &s), 0);
	check("getresuid_agrees", r == getuid() && e == geteuid() && s == geteuid(),
	      "real, effective, saved agree with getuid/geteuid: %s",
	      yesno(r == getuid() && e == geteuid() && s == geteuid()));
	EXPECT_RET("getresgid", getresgid(&gr, &ge, &gs), 0);
	check("getresgid_agrees", gr == getgid() && ge == getegid() && gs == getegid(),
	      "real, effective, saved agree with getgid/getegid: %s",
	      yesno(gr == getgid() && ge == getegid() && gs == getegid()));
	check("getgroups_count", getgroups(0, NULL) >= 0, "getgroups(0, NULL) >= 0: %s",
	      yesno(getgroups(0, NULL) >= 0));
	/* Not checked: getpgid/getsid > 0. Under an init that never calls setsid,
	 * Linux leaves both at 0 (the session of the kernel's init_task). */
	check("getpgrp_is_getpgid", getpgrp() == getpgid(0), "getpgrp() == getpgid(0): %s",
	      yesno(getpgrp() == getpgid(0)));
}

static void
test_clocks(void)
{
	struct timespec res, a, b, req = { 0, 1000000 };
	struct timeval tv;
	int64_t prev, now, before, after, boot, mono, cpu0, cpu1;
	volatile uint64_t spin = 0;
	int monotonic = 1, i, diff_ok;

	prev = ns(CLOCK_MONOTONIC);
	for (i = 0; i < 1000; i++) {
		now = ns(CLOCK_MONOTONIC);
		monotonic &= now >= prev;
		prev = now;
	}
	check("monotonic_non_decreasing", monotonic, "1000 reads never go back: %s",
	      yesno(monotonic));

	before = ns(CLOCK_MONOTONIC);
	EXPECT_RET("nanosleep_1ms", nanosleep(&req, NULL), 0);
	after = ns(CLOCK_MONOTONIC);
	check("nanosleep_advances", after - before >= 1000000,
	      "CLOCK_MONOTONIC advanced by at least 1 ms: %s", yesno(after - before >= 1000000));

	clock_gettime(CLOCK_MONOTONIC, &a);
	a.tv_nsec += 2000000;
	if (a.tv_nsec >= 1000000000) {
		a.tv_sec++;
		a.tv_nsec -= 1000000000;
	}
	EXPECT_RET("clock_nanosleep_abstime",
		   clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &a, NULL), 0);
	clock_gettime(CLOCK_MONOTONIC, &b);
	check("clock_nanosleep_reaches_deadline",
	      b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec),
	      "woke at or after the deadline: %s",
	      yesno(b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec)));
	req.tv_nsec = 1000000000;
	EXPECT_ERRNO("nanosleep_bad_nsec", nanosleep(&req, NULL), EINVAL);
	req.tv_sec = -1;
	req.tv_nsec = 0;
	EXPECT_ERRNO("nanosleep_negative", nanosleep(&req, NULL), EINVAL);

	mono = ns(CLOCK_MONOTONIC);
	boot = ns(CLOCK_BOOTTIME);
	check("boottime_ge_monotonic", boot >= mono, "CLOCK_BOOTTIME >= CLOCK_MONOTONIC: %s",
	      yesno(boot >= mono));

	clock_gettime(CLOCK_REALTIME, &a);
	gettimeofday(&tv, NULL);
	clock_gettime(CLOCK_REALTIME, &b);
	diff_ok = tv.tv_sec >= a.tv_sec && tv.tv_sec <= b.tv_sec && tv.tv_usec >= 0 &&
		  tv.tv_usec < 1000000;
	check("gettimeofday_matches_realtime", diff_ok,
	      "gettimeofday lies between two CLOCK_REALTIME reads (seconds): %s", yesno(diff_ok));
	now = time(NULL);
	check("time_matches_realtime", now >= a.tv_sec && now <= b.tv_sec + 1,
	      "time() agrees with CLOCK_REALTIME: %s", yesno(now >= a.tv_sec && now <= b.tv_sec + 1));
	check("realtime_nsec_range", a.tv_nsec >= 0 && a.tv_nsec < 1000000000,
	      "tv_nsec in [0, 1e9): %s", yesno(a.tv_nsec >= 0 && a.tv_nsec < 1000000000));

	EXPECT_RET("clock_getres_monotonic", clock_getres(CLOCK_MONOTONIC, &res), 0);
	check("clock_getres_fine", res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec <= 1000000,
	      "resolution in (0, 1 ms]: %s",
	      yesno(res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec <= 1000000));
	EXPECT_ERRNO("clock_gettime_bad_clock", clock_gettime((clockid_t)12345, &a), EINVAL);

	cpu0 = ns(CLOCK_PROCESS_CPUTIME_ID);
	for (i = 0; i < 3000000; i++)
		spin += i;
	cpu1 = ns(CLOCK_PROCESS_CPUTIME_ID);
	check("process_cputime_advances", cpu1 > cpu0, "CPU time grows with work: %s",
	      yesno(cpu1 > cpu0));
	check("thread_cputime_positive", ns(CLOCK_THREAD_CPUTIME_ID) > 0,
	      "CLOCK_THREAD_CPUTIME_ID > 0: %s", yesno(ns(CLOCK_THREAD_CPUTIME_ID) > 0));
}

static void
test_getrandom(void)
{
	unsigned char a[32], b[32];
	long n;
	int nonzero = 0, i;

	memset(a, 0, sizeof(a));
	EXPECT_RET("getrandom_32", n = getrandom(a, sizeof(a), 0), 32);
	for (i = 0; i < 32; i++)
		nonzero |= a[i];
	check("getrandom_not_zero", nonzero != 0, "bytes not all zero: %s", yesno(nonzero != 0));
	getrandom(b, sizeof(b), GRND_NONBLOCK);
	check("getrandom_differs", memcmp(a, b, 32) != 0, "two calls differ: %s",
	      yesno(memcmp(a, b, 32) != 0));
	EXPECT_RET("getrandom_zero", getrandom(a, 0, 0), 0);
	EXPECT_ERRNO("getrandom_bad_flags", getrandom(a, 8, 0x1000), EINVAL);
}

static void
test_limits(void)
{
	struct rlimit rl, rl2, low;
	long n;
	int fd, last = -1;

	EXPECT_RET("prlimit_stack", prlimit(0, RLIMIT_STACK, NULL, &rl), 0);
	check("stack_soft_le_hard", rl.rlim_cur <= rl.rlim_max, "soft <= hard: %s",
	      yesno(rl.rlim_cur <= rl.rlim_max));
	EXPECT_RET("getrlimit_stack", getrlimit(RLIMIT_STACK, &rl2), 0);
	check("getrlimit_agrees", rl.rlim_cur == rl2.rlim_cur && rl.rlim_max == rl2.rlim_max,
	      "getrlimit == prlimit: %s",
	      yesno(rl.rlim_cur == rl2.rlim_cur && rl.rlim_max == rl2.rlim_max));
	EXPECT_RET("raw_prlimit64", syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &rl), 0);
	check("nofile_soft_le_hard", rl.rlim_cur <= rl.rlim_max, "soft <= hard: %s",
	      yesno(rl.rlim_cur <= rl.rlim_max));
	EXPECT_ERRNO("prlimit_bad_resource", prlimit(0, 1000, NULL, &rl2), EINVAL);

	/* Lower RLIMIT_NOFILE to 10: the descriptors stop at 9 with EMFILE. */
	low.rlim_cur = 10;
	low.rlim_max = rl.rlim_max;
	EXPECT_RET("setrlimit_nofile", setrlimit(RLIMIT_NOFILE, &low), 0);
	while ((fd = open("/", O_RDONLY)) >= 0)
		last = fd;
	check("nofile_limit_enforced", errno == EMFILE && last == 9,
	      "last descriptor 9 (got %d), then %s", last, errno_name(errno));
	for (fd = 3; fd <= 9; fd++)
		close(fd);
	low.rlim_cur = rl.rlim_max + 1;
	/* RLIMIT_NOFILE's hard limit is never infinite (it is capped by nr_open). */
	EXPECT_ERRNO("setrlimit_soft_above_hard", setrlimit(RLIMIT_NOFILE, &low), EINVAL);
	EXPECT_RET("setrlimit_restore", setrlimit(RLIMIT_NOFILE, &rl), 0);
	n = sysconf(_SC_OPEN_MAX);
	check("sysconf_open_max", n == (long)rl.rlim_cur, "sysconf(_SC_OPEN_MAX) == soft limit: %s",
	      yesno(n == (long)rl.rlim_cur));
}

static void
test_misc(void)
{
	static int tid_word;
	char name[32];
	long r;
	mode_t old;

	r = syscall(SYS_set_tid_address, &tid_word);
	check("set_tid_address_returns_tid", r == gettid(), "returns gettid(): %s",
	      yesno(r == gettid()));

	EXPECT_RET("pr_get_name", prctl(PR_GET_NAME, name), 0);
	check_str("comm_is_basename", name, "uname_ids_time");
	EXPECT_RET("pr_set_name", prctl(PR_SET_NAME, "renamed-task-with-a-long-name"), 0);
	prctl(PR_GET_NAME, name);
	check_str("comm_truncated_to_15", name, "renamed-task-wi");

	umask(022);
	old = umask(077);
	check("umask_returns_previous", old == 022, "%03o", old);
	old = umask(022);
	check("umask_returns_previous_again", old == 077, "%03o", old);
}

int
main(void)
{
	test_uname();
	test_ids();
	test_clocks();
	test_getrandom();
	test_limits();
	test_misc();
	return check_summary();
}
