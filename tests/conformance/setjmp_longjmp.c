/*
 * setjmp_longjmp — non-local jumps: through several frames, the value rules,
 * volatile locals, and sigsetjmp/siglongjmp with and without the signal mask
 * (which glibc saves and restores with rt_sigprocmask). No signal is delivered
 * here; jumping out of a handler is siglongjmp_handler's test.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>

#include "lib/check.h"
#include "lib/signals.h"

static jmp_buf env;
static sigjmp_buf senv;
static int depth_reached;

static void __attribute__((noinline))
descend(int depth, int value)
{
	volatile char frame[256];	/* make each frame use some stack */

	if (depth < 0)
		return;
	frame[0] = (char)depth;
	depth_reached = depth + frame[0] - depth;
	if (depth == 0)
		longjmp(env, value);
	descend(depth - 1, value);
	frame[1] = 0;	/* not reached */
}

static void
unblock_all(void)
{
	sigset_t s;

	sigemptyset(&s);
	sigprocmask(SIG_SETMASK, &s, NULL);
}

static void
test_longjmp(void)
{
	volatile int round = 0, kept = 0;
	int r;

	r = setjmp(env);
	if (round == 0) {
		check_long("setjmp_first_return", r, 0);
		round = 1;
		kept = 1234;
		descend(10, 42);
		check("longjmp_returned", 0, "descend returned instead of jumping");
	} else if (round == 1) {
		check_long("longjmp_value", r, 42);
		check_long("longjmp_depth", depth_reached, 0);
		check_long("volatile_local_kept", kept, 1234);
		round = 2;
		longjmp(env, 0);
	} else if (round == 2) {
		check_long("longjmp_zero_becomes_one", r, 1);
		round = 3;
	}
	check_long("rounds", round, 3);
}

/* Many jumps from deep frames: the stack pointer comes back every time. */
static void
test_many_jumps(void)
{
	volatile int n = 0;
	volatile long sum = 0;
	int r;

	r = setjmp(env);
	sum += r;
	if (n < 2000) {
		n++;
		descend(20, n);
	}
	check_long("many_jumps_count", n, 2000);
	check_long("many_jumps_sum", sum, 2000L * 2001 / 2);
}

static void
test_sigsetjmp(void)
{
	volatile int round = 0;

	unblock_all();
	/* savemask = 1: the mask at sigsetjmp comes back. */
	if (sigsetjmp(senv, 1) == 0) {
		mask_one(SIG_BLOCK, SIGUSR1);
		mask_one(SIG_BLOCK, SIGTERM);
		round = 1;
		siglongjmp(senv, 7);
	}
	check_long("sigsetjmp_savemask_round", round, 1);
	check("savemask_restores_mask", !is_blocked(SIGUSR1) && !is_blocked(SIGTERM),
	      "SIGUSR1 blocked after the jump: %s, SIGTERM: %s", yesno(is_blocked(SIGUSR1)),
	      yesno(is_blocked(SIGTERM)));

	/* savemask = 1 with a mask already in place: it is that mask that returns. */
	unblock_all();
	mask_one(SIG_BLOCK, SIGUSR2);
	if (sigsetjmp(senv, 1) == 0) {
		unblock_all();
		mask_one(SIG_BLOCK, SIGUSR1);
		siglongjmp(senv, 1);
	}
	check("savemask_restores_nonempty_mask", is_blocked(SIGUSR2) && !is_blocked(SIGUSR1),
	      "SIGUSR2 blocked: %s, SIGUSR1 blocked: %s", yesno(is_blocked(SIGUSR2)),
	      yesno(is_blocked(SIGUSR1)));

	/* savemask = 0: the mask is left as the jumper had it. */
	unblock_all();
	if (sigsetjmp(senv, 0) == 0) {
		mask_one(SIG_BLOCK, SIGUSR1);
		siglongjmp(senv, 1);
	}
	check("no_savemask_keeps_mask", is_blocked(SIGUSR1),
	      "SIGUSR1 still blocked after the jump: %s", yesno(is_blocked(SIGUSR1)));

	/* _setjmp/_longjmp never touch the mask. */
	unblock_all();
	if (_setjmp(env) == 0) {
		mask_one(SIG_BLOCK, SIGUSR2);
		_longjmp(env, 1);
	}
	check("underscore_longjmp_keeps_mask", is_blocked(SIGUSR2),
	      "SIGUSR2 still blocked after _longjmp: %s", yesno(is_blocked(SIGUSR2)));
	unblock_all();

	/* SIGKILL and SIGSTOP can never be blocked. */
	mask_one(SIG_BLOCK, SIGKILL);
	mask_one(SIG_BLOCK, SIGSTOP);
	check("sigkill_unblockable", !is_blocked(SIGKILL) && !is_blocked(SIGSTOP),
	      "SIGKILL blocked: %s, SIGSTOP blocked: %s", yesno(is_blocked(SIGKILL)),
	      yesno(is_blocked(SIGSTOP)));
	unblock_all();
}

int
main(void)
{
	test_longjmp();
	test_many_jumps();
	test_sigsetjmp();
	return check_summary();
}
