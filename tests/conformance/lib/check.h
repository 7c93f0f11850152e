/*
 * tests/conformance/lib/check.h — what every conformance program prints.
 *
 * A conformance program is built twice, for the host and for riscv64. The host
 * build runs on the real Linux kernel, the riscv64 build in taskbox, and the runner
 * (tests/conformance/run) compares the two stdouts and exit statuses. So the output
 * itself is the oracle; these helpers only give it a fixed shape:
 *
 *	name: ok (facts)
 *	name: FAIL (facts)
 *
 * "ok" means the facts match what the program expects of any Linux; the facts are
 * printed either way, so a kernel that gets a value wrong differs from the host
 * even where the expectation was too loose. Facts are relations, statuses and errno
 * names: never addresses, PIDs, timings or anything that differs between x86_64 and
 * riscv64. The runner also fails a program whose native run prints FAIL: that is a
 * wrong expectation, and it must be fixed in the program, not in the kernel.
 *
 * check_summary() prints the count and gives the exit status: 0 if every check
 * passed, 1 otherwise.
 *
 * Header-only, so that each program is one translation unit for both compilers.
 */
#ifndef CONFORMANCE_CHECK_H
#define CONFORMANCE_CHECK_H

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define CONFORMANCE_UNUSED __attribute__((unused))

static int checks_run;
static int checks_failed;

/*
 * errno_name - the symbolic name of an errno value.
 *
 * A table rather than strerrorname_np() so that nothing depends on either glibc's
 * version. Aliases (EWOULDBLOCK, EDEADLOCK, ENOTSUP) print as the name they alias.
 */
static CONFORMANCE_UNUSED const char *
errno_name(int err)
{
	static char unknown[32];

	switch (err) {
#define E(name) case name: return #name
	case 0: return "0";
	E(EPERM); E(ENOENT); E(ESRCH); E(EINTR); E(EIO); E(ENXIO); E(E2BIG);
	E(ENOEXEC); E(EBADF); E(ECHILD); E(EAGAIN); E(ENOMEM); E(EACCES);
	E(EFAULT); E(ENOTBLK); E(EBUSY); E(EEXIST); E(EXDEV); E(ENODEV);
	E(ENOTDIR); E(EISDIR); E(EINVAL); E(ENFILE); E(EMFILE); E(ENOTTY);
	E(ETXTBSY); E(EFBIG); E(ENOSPC); E(ESPIPE); E(EROFS); E(EMLINK);
	E(EPIPE); E(EDOM); E(ERANGE); E(EDEADLK); E(ENAMETOOLONG); E(ENOLCK);
	E(ENOSYS); E(ENOTEMPTY); E(ELOOP); E(ENOMSG); E(EIDRM); E(ENODATA);
	E(ETIME); E(EOVERFLOW); E(EBADFD); E(EILSEQ); E(ENOTSOCK);
	E(EDESTADDRREQ); E(EMSGSIZE); E(EPROTOTYPE); E(ENOPROTOOPT);
	E(EPROTONOSUPPORT); E(EOPNOTSUPP); E(EAFNOSUPPORT); E(EADDRINUSE);
	E(ECONNREFUSED); E(ECONNRESET); E(ENOTCONN); E(ETIMEDOUT);
	E(EALREADY); E(EINPROGRESS); E(ESTALE); E(ECANCELED); E(EOWNERDEAD);
	E(ENOTRECOVERABLE); E(ELIBBAD);
#undef E
	}
	snprintf(unknown, sizeof(unknown), "E?%d", err);
	return unknown;
}

/* signal_name - the symbolic name of a signal number. */
static CONFORMANCE_UNUSED const char *
signal_name(int sig)
{
	static char unknown[32];

	switch (sig) {
#define S(name) case name: return #name
	S(SIGHUP); S(SIGINT); S(SIGQUIT); S(SIGILL); S(SIGTRAP); S(SIGABRT);
	S(SIGBUS); S(SIGFPE); S(SIGKILL); S(SIGUSR1); S(SIGSEGV); S(SIGUSR2);
	S(SIGPIPE); S(SIGALRM); S(SIGTERM); S(SIGCHLD); S(SIGCONT); S(SIGSTOP);
	S(SIGTSTP); S(SIGTTIN); S(SIGTTOU); S(SIGURG); S(SIGXCPU); S(SIGXFSZ);
	S(SIGVTALRM); S(SIGPROF); S(SIGWINCH); S(SIGIO); S(SIGPWR); S(SIGSYS);
#undef S
	}
	snprintf(unknown, sizeof(unknown), "SIG?%d", sig);
	return unknown;
}

/*
 * check - report one named check.
 *
 * Prints "name: ok (facts)" or "name: FAIL (facts)", facts formatted from fmt, and
 * flushes, so that a run that dies part-way shows how far it got. Returns ok.
 */
static CONFORMANCE_UNUSED __attribute__((format(printf, 3, 4))) int
check(const char *name, int ok, const char *fmt, ...)
{
	va_list ap;

	checks_run++;
	if (!ok)
		checks_failed++;
	printf("%s: %s (", name, ok ? "ok" : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(")\n");
	fflush(stdout);
	return ok;
}

/*
 * check_errno - a call that must fail with -1 and errno == want.
 *
 * ret and err are the call's result and the errno right after it (capture errno
 * before anything else can change it). A success is printed as "succeeded", never
 * with its value, which may be an address or a file descriptor.
 */
static CONFORMANCE_UNUSED int
check_errno(const char *name, long ret, int err, int want)
{
	if (ret == -1)
		return check(name, err == want, "-1 %s, want %s", errno_name(err),
			     errno_name(want));
	return check(name, 0, "succeeded, want -1 %s", errno_name(want));
}

/*
 * check_success - a call that must succeed (ret != -1). Prints the errno name of a
 * failure and nothing about the value of a success.
 */
static CONFORMANCE_UNUSED int
check_success(const char *name, long ret, int err)
{
	if (ret == -1)
		return check(name, 0, "-1 %s, want success", errno_name(err));
	return check(name, 1, "succeeded");
}

/* check_long - a value that must equal want; both are printed. */
static CONFORMANCE_UNUSED int
check_long(const char *name, long got, long want)
{
	return check(name, got == want, "%ld, want %ld", got, want);
}

/*
 * check_ret - a call whose return value must be want (a count or status, never an
 * address); on -1 the errno name is printed.
 */
static CONFORMANCE_UNUSED int
check_ret(const char *name, long ret, int err, long want)
{
	if (ret == -1 && want != -1)
		return check(name, 0, "-1 %s, want %ld", errno_name(err), want);
	return check(name, ret == want, "%ld, want %ld", ret, want);
}

/* check_str - a string that must equal want; both are printed. */
static CONFORMANCE_UNUSED int
check_str(const char *name, const char *got, const char *want)
{
	if (!got)
		return check(name, 0, "NULL, want \"%s\"", want);
	return check(name, strcmp(got, want) == 0, "\"%s\", want \"%s\"", got, want);
}

/* yesno - a boolean fact as a word. */
static CONFORMANCE_UNUSED const char *
yesno(int b)
{
	return b ? "yes" : "no";
}

/*
 * EXPECT_ERRNO, EXPECT_RET, EXPECT_SUCCESS - evaluate a call, capture errno right
 * after it, and report as check_errno, check_ret, check_success do. Use these rather
 * than passing a call and errno as two arguments of one function: C leaves the order
 * in which arguments are evaluated unspecified, and GCC reads errno first on x86_64.
 * The call's result is converted to long, so a pointer result (mmap) works too:
 * MAP_FAILED becomes -1 and a success is never printed.
 */
#define EXPECT_ERRNO(name, call, want) do {					\
	long expect_ret_;							\
	int expect_err_;							\
	errno = 0;								\
	expect_ret_ = (long)(call);						\
	expect_err_ = errno;							\
	check_errno(name, expect_ret_, expect_err_, want);			\
} while (0)

#define EXPECT_RET(name, call, want) do {					\
	long expect_ret_;							\
	int expect_err_;							\
	errno = 0;								\
	expect_ret_ = (long)(call);						\
	expect_err_ = errno;							\
	check_ret(name, expect_ret_, expect_err_, want);			\
} while (0)

#define EXPECT_SUCCESS(name, call) do {						\
	long expect_ret_;							\
	int expect_err_;							\
	errno = 0;								\
	expect_ret_ = (long)(call);						\
	expect_err_ = errno;							\
	check_success(name, expect_ret_, expect_err_);				\
} while (0)

/* check_summary - print the totals; the result is the program's exit status. */
static CONFORMANCE_UNUSED int
check_summary(void)
{
	printf("summary: %d checks, %d failed\n", checks_run, checks_failed);
	fflush(stdout);
	return checks_failed ? 1 : 0;
}

#endif /* CONFORMANCE_CHECK_H */
