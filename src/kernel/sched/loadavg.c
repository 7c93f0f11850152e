/* Load averages (Linux: kernel/sched/loadavg.c): every LOAD_FREQ of
 * virtual time the number of runnable tasks is folded into three
 * exponentially decaying averages over 1, 5 and 15 minutes, in 11-bit
 * fixed point, as /proc/loadavg and sysinfo report them. */
#include "kernel/kernel.h"
#include "kernel/sched/sched.h"

#define FSHIFT		11
#define FIXED_1		(1 << FSHIFT)
#define LOAD_FREQ	(5ULL * 1000000000ULL + 4000000ULL)	/* 5 s + one tick */
#define EXP_1		1884	/* 1/exp(5sec/1min) as fixed-point */
#define EXP_5		2014	/* 1/exp(5sec/5min) */
#define EXP_15		2037	/* 1/exp(5sec/15min) */
#define MAX_CATCHUP	1000	/* periods worth folding one by one */

/* Linux: calc_load. */
static uint64_t
calc_load(uint64_t load, uint64_t exp, uint64_t active)
{
	uint64_t newload = load * exp + active * (FIXED_1 - exp);

	if (active >= load)
		newload += FIXED_1 - 1;
	return newload / FIXED_1;
}

void
calc_global_load(struct kernel *k)
{
	static const uint64_t exps[3] = { EXP_1, EXP_5, EXP_15 };
	uint64_t active;
	int periods = 0;

	if (!k->calc_load_update)
		k->calc_load_update = k->time_ns + LOAD_FREQ;
	if (k->time_ns < k->calc_load_update)
		return;
	active = (uint64_t)nr_running(k) * FIXED_1;
	/* After a long idle jump the averages have decayed to nothing
	 * (Linux folds the missed periods in at once: calc_global_nohz). */
	while (k->time_ns >= k->calc_load_update && periods++ < MAX_CATCHUP) {
		for (int i = 0; i < 3; i++)
			k->avenrun[i] = calc_load(k->avenrun[i], exps[i], active);
		k->calc_load_update += LOAD_FREQ;
	}
	if (k->time_ns >= k->calc_load_update) {
		for (int i = 0; i < 3; i++)
			k->avenrun[i] = 0;
		k->calc_load_update = k->time_ns - k->time_ns % LOAD_FREQ + LOAD_FREQ;
	}
}
