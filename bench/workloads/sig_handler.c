/*
 * sig_handler N: N times, a thread sends itself SIGUSR1 with
 * tgkill(getpid(), gettid(), SIGUSR1) (what raise() does, without glibc's
 * masking of all signals around it) and the signal is delivered at once, on
 * the way out of the system call, to a handler that only counts it; the
 * handler returns through rt_sigreturn. One iteration: a system call, a
 * signal frame built on the user stack, the handler, and the sigreturn that
 * unwinds it. The count is checked at the end.
 *
 * Prints nothing; exits 1 with a message on stderr on any error. A signal
 * benchmark (bench/signal.sh): timed from the host with N and 2N.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile long got;

static void
on_signal(int sig)
{
	(void)sig;
	got++;
}

int
main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000, i;
	struct sigaction sa;
	pid_t pid = getpid();
	pid_t tid = (pid_t)syscall(SYS_gettid);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL) < 0) {
		perror("sig_handler: sigaction");
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (syscall(SYS_tgkill, pid, tid, SIGUSR1) < 0) {
			perror("sig_handler: tgkill");
			return 1;
		}
		if (got != i + 1) {
			fprintf(stderr, "sig_handler: %ld signals handled after %ld sent\n", got, i + 1);
			return 1;
		}
	}
	return 0;
}
