/*
 * exit_status CASE — how a program's end becomes its exit status. The runner
 * compares the status the host shell sees with the one taskbox run returns (exit
 * code, or 128 + signal number for a death by signal) and the output.
 *
 * Cases:
 *	exit_0, exit_3, exit_255	exit(N)
 *	exit_minus_1			exit(-1): only the low 8 bits count, 255
 *	_exit_256			_exit(256): low 8 bits, 0
 *	return_7			return 7 from main
 *	exit_group_5			raw exit_group(5)
 *	sys_exit_9			raw exit(9) of the only thread ends the process
 *	atexit_order			atexit handlers run in reverse order, stdio flushed
 *	_exit_skips_stdio		_exit does not flush stdio buffers (stdout is a pipe,
 *					so fully buffered) and runs no atexit handler
 *	abort				abort(): SIGABRT, 134
 *	raise_segv			raise(SIGSEGV): 139
 *	kill_self_term			kill(getpid(), SIGTERM): 143
 *	ignored_term			SIGTERM ignored, then raised: exit(4) still runs
 */
#include <signal.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "lib/check.h"

static void first_registered(void) { printf("atexit: first registered, run last\n"); }
static void second_registered(void) { printf("atexit: second registered, run first\n"); }
static void never_run(void) { printf("atexit handler ran: FAIL\n"); }

/* Print a line and make sure it reached stdout before the program ends. */
static void
say(const char *line)
{
	printf("%s\n", line);
	fflush(stdout);
}

int
main(int argc, char **argv)
{
	const char *c = argc > 1 ? argv[1] : "";

	if (strcmp(c, "exit_0") == 0) {
		say("exit(0)");
		exit(0);
	} else if (strcmp(c, "exit_3") == 0) {
		say("exit(3)");
		exit(3);
	} else if (strcmp(c, "exit_255") == 0) {
		say("exit(255)");
		exit(255);
	} else if (strcmp(c, "exit_minus_1") == 0) {
		say("exit(-1)");
		exit(-1);
	} else if (strcmp(c, "_exit_256") == 0) {
		say("_exit(256)");
		_exit(256);
	} else if (strcmp(c, "return_7") == 0) {
		say("return 7");
		return 7;
	} else if (strcmp(c, "exit_group_5") == 0) {
		say("exit_group(5)");
		syscall(SYS_exit_group, 5);
	} else if (strcmp(c, "sys_exit_9") == 0) {
		say("exit(9) system call of the only thread");
		syscall(SYS_exit, 9);
	} else if (strcmp(c, "atexit_order") == 0) {
		atexit(first_registered);
		atexit(second_registered);
		printf("main returns 6, buffered line\n");	/* flushed by exit */
		return 6;
	} else if (strcmp(c, "_exit_skips_stdio") == 0) {
		atexit(never_run);
		say("flushed line");
		printf("buffered line, lost by _exit: FAIL\n");
		_exit(8);
	} else if (strcmp(c, "abort") == 0) {
		say("abort()");
		abort();
	} else if (strcmp(c, "raise_segv") == 0) {
		say("raise(SIGSEGV)");
		raise(SIGSEGV);
	} else if (strcmp(c, "kill_self_term") == 0) {
		say("kill(getpid(), SIGTERM)");
		kill(getpid(), SIGTERM);
	} else if (strcmp(c, "ignored_term") == 0) {
		signal(SIGTERM, SIG_IGN);
		say("SIGTERM ignored, raised");
		raise(SIGTERM);
		say("still running, exit(4)");
		exit(4);
	} else {
		printf("unknown case \"%s\"\n", c);
		return 2;
	}
	say("still running after the call: FAIL");
	return 1;
}
