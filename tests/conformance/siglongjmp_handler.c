/*
 * siglongjmp_handler — leaving a signal handler with siglongjmp: the handler runs
 * with its signal blocked, and sigsetjmp(env, 1) restores the mask from before, so
 * the signal can be delivered again. Needs signal delivery (raise is tgkill).
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>

#include "lib/check.h"
#include "lib/signals.h"

static sigjmp_buf senv;
static volatile sig_atomic_t handled, blocked_in_handler;

static void
handler(int sig)
{
	handled++;
	blocked_in_handler = is_blocked(sig);
	siglongjmp(senv, sig);
}

int
main(void)
{
	struct sigaction sa;
	volatile int rounds = 0;
	int r;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	EXPECT_RET("sigaction", sigaction(SIGUSR1, &sa, NULL), 0);

	r = sigsetjmp(senv, 1);
	if (r == 0) {
		raise(SIGUSR1);
		check("handler_ran", 0, "raise returned without the handler jumping");
	} else {
		rounds++;
		check("jumped_from_handler", r == SIGUSR1, "sigsetjmp returned %s",
		      signal_name(r));
		check("blocked_in_handler", blocked_in_handler,
		      "the signal was blocked inside its handler: %s", yesno(blocked_in_handler));
		check("unblocked_after_jump", !is_blocked(SIGUSR1),
		      "blocked again after siglongjmp: %s", yesno(is_blocked(SIGUSR1)));
		if (rounds < 3)
			raise(SIGUSR1);
	}
	check_long("handled", handled, 3);
	return check_summary();
}
