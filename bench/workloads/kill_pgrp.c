/*
 * kill_pgrp N: 64 children in a process group of their own (the first one
 * leads it; the parent stays outside) wait in sigwaitinfo() for SIGUSR1,
 * which they keep blocked. N times, the parent sends kill(-pgid, SIGUSR1)
 * and waits until every child has taken the signal and written one byte to
 * an acknowledgement pipe. One iteration: one kill() of a 64-member group
 * with its 64 deliveries, and the 64 wake-ups and acknowledgements that show
 * each arrived. The parent must wait for them every time: a second SIGUSR1
 * sent before a child took the first would merge with it (standard signals
 * do not queue). Then SIGUSR2 to the group ends the children: each exits 0
 * if it took N SIGUSR1s, all of them sent by the parent with kill().
 *
 * Prints nothing; exits 1 with a message on stderr on any error. A signal
 * benchmark (bench/signal.sh): timed from the host with N and 2N.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define K 64

/* A child: counts the SIGUSR1s from parent until its SIGUSR2; the exit status. */
static int
child(const sigset_t *set, pid_t parent, int ack, long n)
{
	siginfo_t si;
	long got = 0;

	for (;;) {
		if (sigwaitinfo(set, &si) < 0) {
			if (errno == EINTR)
				continue;
			perror("kill_pgrp: child: sigwaitinfo");
			return 1;
		}
		if (si.si_code != SI_USER || si.si_pid != parent) {
			fprintf(stderr, "kill_pgrp: child: signal %d with code %d from %d\n",
				si.si_signo, si.si_code, (int)si.si_pid);
			return 1;
		}
		if (si.si_signo == SIGUSR2)
			return got == n ? 0 : 1;
		got++;
		if (write(ack, "", 1) != 1)
			return 1;
	}
}

/* Reaps the K children; false unless all exited 0. */
static int
reap(const pid_t *pids)
{
	int i, status, ok = 1;

	for (i = 0; i < K; i++)
		if (waitpid(pids[i], &status, 0) != pids[i] || status != 0)
			ok = 0;
	return ok;
}

int
main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000, i;
	pid_t parent = getpid(), pids[K];
	sigset_t set;
	int ack[2], j;
	ssize_t got, r;
	char buf[K];

	/* Blocked before the forks: a signal sent early waits for sigwaitinfo(). */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0 || pipe(ack) < 0) {
		perror("kill_pgrp");
		return 1;
	}
	for (j = 0; j < K; j++) {
		pids[j] = fork();
		if (pids[j] < 0) {
			perror("kill_pgrp: fork");
			if (j > 0)
				kill(-pids[0], SIGKILL);
			return 1;
		}
		if (pids[j] == 0) {
			close(ack[0]);
			_exit(child(&set, parent, ack[1], n));
		}
		/* By the parent, so that all are in the group before the first kill. */
		if (setpgid(pids[j], pids[0]) < 0) {
			perror("kill_pgrp: setpgid");
			kill(-pids[0], SIGKILL);
			kill(pids[j], SIGKILL);
			return 1;
		}
	}
	close(ack[1]);		/* end-of-file, should every child die */
	for (i = 0; i < n; i++) {
		if (kill(-pids[0], SIGUSR1) < 0) {
			perror("kill_pgrp: kill");
			goto fail;
		}
		for (got = 0; got < K; got += r) {
			r = read(ack[0], buf, sizeof(buf));
			if (r <= 0) {
				fprintf(stderr, "kill_pgrp: %zd of %d children took signal %ld\n",
					got, K, i);
				goto fail;
			}
		}
	}
	if (kill(-pids[0], SIGUSR2) < 0) {
		perror("kill_pgrp: kill");
		goto fail;
	}
	if (!reap(pids)) {
		fprintf(stderr, "kill_pgrp: a child failed\n");
		return 1;
	}
	return 0;
fail:
	/* Not left behind asleep in sigwaitinfo(). */
	kill(-pids[0], SIGKILL);
	reap(pids);
	return 1;
}
