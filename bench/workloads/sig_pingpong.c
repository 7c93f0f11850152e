/*
 * sig_pingpong N: a parent and a child pass a signal back and forth, N round
 * trips. The parent sends SIGUSR1 to the child and waits in sigsuspend() for
 * SIGUSR2; the child waits in sigsuspend() for SIGUSR1 and answers with
 * SIGUSR2. Both signals are blocked outside sigsuspend(), so a signal sent
 * early stays pending until its receiver waits for it, and each is caught by
 * a handler that only counts it (the counts are checked: a sigsuspend() that
 * returned without running the handler fails the run rather than making it
 * look fast). One round trip: two kill()s, two handler deliveries with their
 * sigreturns, two sigsuspend()s and two context switches.
 *
 * Prints nothing; exits 1 with a message on stderr on any error. A signal
 * benchmark (bench/signal.sh): timed from the host with N and 2N.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t got;

static void
on_signal(int sig)
{
	(void)sig;
	got++;
}

/* Waits in sigsuspend(WAITMASK), which unblocks one signal, until its handler has run once. */
static int
await(sigset_t *waitmask, long i, const char *who)
{
	while (!got) {
		if (sigsuspend(waitmask) != -1 || errno != EINTR) {
			fprintf(stderr, "sig_pingpong: %s: sigsuspend at %ld: %s\n", who, i,
				strerror(errno));
			return -1;
		}
	}
	if (got != 1) {
		fprintf(stderr, "sig_pingpong: %s: %d signals at %ld, not 1\n", who, (int)got, i);
		return -1;
	}
	got = 0;
	return 0;
}

int
main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000, i;
	struct sigaction sa;
	sigset_t block, wait_usr1, wait_usr2;
	pid_t parent = getpid(), child;
	int status;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL) < 0 || sigaction(SIGUSR2, &sa, NULL) < 0) {
		perror("sig_pingpong: sigaction");
		return 1;
	}
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGUSR2);
	if (sigprocmask(SIG_BLOCK, &block, NULL) < 0) {
		perror("sig_pingpong: sigprocmask");
		return 1;
	}
	/* The masks sigsuspend() installs: everything else as it was. */
	sigprocmask(SIG_SETMASK, NULL, &wait_usr1);
	wait_usr2 = wait_usr1;
	sigdelset(&wait_usr1, SIGUSR1);
	sigdelset(&wait_usr2, SIGUSR2);

	child = fork();
	if (child < 0) {
		perror("sig_pingpong: fork");
		return 1;
	}
	if (child == 0) {
		for (i = 0; i < n; i++) {
			if (await(&wait_usr1, i, "child") < 0)
				_exit(1);
			if (kill(parent, SIGUSR2) < 0) {
				perror("sig_pingpong: child: kill");
				_exit(1);
			}
		}
		_exit(0);
	}
	for (i = 0; i < n; i++) {
		if (kill(child, SIGUSR1) < 0) {
			perror("sig_pingpong: kill");
			goto fail;
		}
		if (await(&wait_usr2, i, "parent") < 0)
			goto fail;
	}
	if (waitpid(child, &status, 0) != child || status != 0) {
		fprintf(stderr, "sig_pingpong: child failed (status %#x)\n", status);
		return 1;
	}
	return 0;
fail:
	/* Not left behind asleep in sigsuspend(). */
	kill(child, SIGKILL);
	waitpid(child, &status, 0);
	return 1;
}
