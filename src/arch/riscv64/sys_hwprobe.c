/* riscv_hwprobe: what the harts can do, asked by key (Linux:
 * arch/riscv/kernel/sys_hwprobe.c, Documentation/arch/riscv/hwprobe.rst).
 *
 * glibc's dynamic loader asks it at every start. Every simulated hart is the
 * same RV64GC (IMAFDC, Zicsr, Zifencei, Zicntr), so a value never depends on
 * the CPU set beyond that set naming an online CPU. The keys are Linux's up to
 * VENDOR_EXT_THEAD_0; a later key gets key -1 and value 0, as Linux does for
 * keys it does not know. */
#include <string.h>

#include "arch/riscv64/cpu.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "mm/mm.h"

struct riscv_hwprobe {
	int64_t key;
	uint64_t value;
};

#define RISCV_HWPROBE_KEY_MVENDORID		0
#define RISCV_HWPROBE_KEY_MARCHID		1
#define RISCV_HWPROBE_KEY_MIMPID		2
#define RISCV_HWPROBE_KEY_BASE_BEHAVIOR		3
#define RISCV_HWPROBE_BASE_BEHAVIOR_IMA		(1ULL << 0)
#define RISCV_HWPROBE_KEY_IMA_EXT_0		4
#define RISCV_HWPROBE_IMA_FD			(1ULL << 0)
#define RISCV_HWPROBE_IMA_C			(1ULL << 1)
#define RISCV_HWPROBE_EXT_ZCA			(1ULL << 43)
#define RISCV_HWPROBE_EXT_ZCD			(1ULL << 45)
#define RISCV_HWPROBE_EXT_ZICNTR		(1ULL << 50)
#define RISCV_HWPROBE_EXT_ZAAMO			(1ULL << 56)
#define RISCV_HWPROBE_EXT_ZALRSC		(1ULL << 57)
#define RISCV_HWPROBE_KEY_CPUPERF_0		5
#define RISCV_HWPROBE_KEY_ZICBOZ_BLOCK_SIZE	6
#define RISCV_HWPROBE_KEY_HIGHEST_VIRT_ADDRESS	7
#define RISCV_HWPROBE_KEY_TIME_CSR_FREQ		8
#define RISCV_HWPROBE_KEY_MISALIGNED_SCALAR_PERF 9
#define RISCV_HWPROBE_MISALIGNED_SCALAR_FAST	3
#define RISCV_HWPROBE_KEY_MISALIGNED_VECTOR_PERF 10
#define RISCV_HWPROBE_MISALIGNED_VECTOR_UNKNOWN	0
#define RISCV_HWPROBE_KEY_VENDOR_EXT_THEAD_0	11
#define RISCV_HWPROBE_MAX_KEY			11

#define RISCV_HWPROBE_WHICH_CPUS		(1U << 0)

/* A kernel cpumask: NR_CPUS bits. */
typedef struct { uint64_t bits[NR_CPUS / 64]; } cpumask_t;

/* C implies Zca, and Zcd with D; A is Zaamo and Zalrsc (Linux derives the
 * same from an "rv64imafdc" ISA string). Misaligned loads and stores take the
 * same path as aligned ones, so they are fast. */
static void
hwprobe_one_pair(struct riscv_hwprobe *pair)
{
	switch (pair->key) {
	case RISCV_HWPROBE_KEY_MVENDORID:
	case RISCV_HWPROBE_KEY_MARCHID:
	case RISCV_HWPROBE_KEY_MIMPID:
	case RISCV_HWPROBE_KEY_ZICBOZ_BLOCK_SIZE:
	case RISCV_HWPROBE_KEY_VENDOR_EXT_THEAD_0:
		pair->value = 0;
		break;
	case RISCV_HWPROBE_KEY_BASE_BEHAVIOR:
		pair->value = RISCV_HWPROBE_BASE_BEHAVIOR_IMA;
		break;
	case RISCV_HWPROBE_KEY_IMA_EXT_0:
		pair->value = RISCV_HWPROBE_IMA_FD | RISCV_HWPROBE_IMA_C |
			      RISCV_HWPROBE_EXT_ZCA | RISCV_HWPROBE_EXT_ZCD |
			      RISCV_HWPROBE_EXT_ZICNTR | RISCV_HWPROBE_EXT_ZAAMO |
			      RISCV_HWPROBE_EXT_ZALRSC;
		break;
	case RISCV_HWPROBE_KEY_CPUPERF_0:
	case RISCV_HWPROBE_KEY_MISALIGNED_SCALAR_PERF:
		pair->value = RISCV_HWPROBE_MISALIGNED_SCALAR_FAST;
		break;
	case RISCV_HWPROBE_KEY_HIGHEST_VIRT_ADDRESS:
		pair->value = TASK_SIZE - 1;
		break;
	case RISCV_HWPROBE_KEY_TIME_CSR_FREQ:
		pair->value = RISCV_TIMEBASE;
		break;
	case RISCV_HWPROBE_KEY_MISALIGNED_VECTOR_PERF:
		pair->value = RISCV_HWPROBE_MISALIGNED_VECTOR_UNKNOWN;
		break;
	default:
		pair->key = -1;
		pair->value = 0;
		break;
	}
}

/* Linux: riscv_hwprobe_pair_cmp. A bitmask key matches when every bit asked
 * for is there; a value key when it is equal. */
static bool
hwprobe_pair_matches(const struct riscv_hwprobe *have, const struct riscv_hwprobe *want)
{
	bool bitmask = want->key == RISCV_HWPROBE_KEY_BASE_BEHAVIOR ||
		       want->key == RISCV_HWPROBE_KEY_IMA_EXT_0 ||
		       want->key == RISCV_HWPROBE_KEY_CPUPERF_0;

	if (have->key != want->key)
		return false;
	return bitmask ? (have->value & want->value) == want->value :
			 have->value == want->value;
}

static void
cpumask_and_online(struct kernel *k, cpumask_t *m)
{
	for (int i = 0; i < NR_CPUS; i++)
		if (i >= k->nr_cpus)
			m->bits[i / 64] &= ~(1ULL << (i % 64));
}

static bool
cpumask_empty(const cpumask_t *m)
{
	for (size_t i = 0; i < ARRAY_SIZE(m->bits); i++)
		if (m->bits[i])
			return false;
	return true;
}

static void
cpumask_online(struct kernel *k, cpumask_t *m)
{
	memset(m, 0xff, sizeof(*m));
	cpumask_and_online(k, m);
}

/* Linux: hwprobe_get_values. NULL and 0 stand for every online CPU; a set
 * must name at least one. */
static long
hwprobe_get_values(struct task_struct *t, uaddr_t pairs, size_t count,
		   size_t cpusetsize, uaddr_t cpus_user)
{
	cpumask_t cpus;

	memset(&cpus, 0, sizeof(cpus));
	if (cpusetsize || cpus_user) {
		if (cpusetsize > sizeof(cpus))
			cpusetsize = sizeof(cpus);
		if (copy_from_user(t->mm, &cpus, cpus_user, cpusetsize))
			return -EFAULT;
		cpumask_and_online(t->kernel, &cpus);
		if (cpumask_empty(&cpus))
			return -EINVAL;
	}
	for (size_t i = 0; i < count; i++, pairs += sizeof(struct riscv_hwprobe)) {
		struct riscv_hwprobe pair = { 0, 0 };

		if (copy_from_user(t->mm, &pair.key, pairs, sizeof(pair.key)))
			return -EFAULT;
		hwprobe_one_pair(&pair);
		if (copy_to_user(t->mm, pairs, &pair, sizeof(pair)))
			return -EFAULT;
	}
	return 0;
}

/* Linux: hwprobe_get_cpus. The set shrinks to the CPUs matching every
 * pair; an empty set starts as all online CPUs, an unknown key empties it. */
static long
hwprobe_get_cpus(struct task_struct *t, uaddr_t pairs, size_t count,
		 size_t cpusetsize, uaddr_t cpus_user)
{
	bool clear_all = false;
	cpumask_t cpus;

	if (!cpusetsize || !cpus_user)
		return -EINVAL;
	if (cpusetsize > sizeof(cpus))
		cpusetsize = sizeof(cpus);
	memset(&cpus, 0, sizeof(cpus));
	if (copy_from_user(t->mm, &cpus, cpus_user, cpusetsize))
		return -EFAULT;
	if (cpumask_empty(&cpus))
		cpumask_online(t->kernel, &cpus);
	cpumask_and_online(t->kernel, &cpus);
	for (size_t i = 0; i < count; i++, pairs += sizeof(struct riscv_hwprobe)) {
		struct riscv_hwprobe want, have;

		if (copy_from_user(t->mm, &want, pairs, sizeof(want)))
			return -EFAULT;
		if (want.key < 0 || want.key > RISCV_HWPROBE_MAX_KEY) {
			clear_all = true;
			want = (struct riscv_hwprobe){ .key = -1 };
			if (copy_to_user(t->mm, pairs, &want, sizeof(want)))
				return -EFAULT;
		}
		if (clear_all)
			continue;
		have = (struct riscv_hwprobe){ .key = want.key };
		hwprobe_one_pair(&have);
		if (!hwprobe_pair_matches(&have, &want))
			memset(&cpus, 0, sizeof(cpus));
	}
	if (clear_all)
		memset(&cpus, 0, sizeof(cpus));
	if (copy_to_user(t->mm, cpus_user, &cpus, cpusetsize))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE5(riscv_hwprobe, uaddr_t, pairs, size_t, pair_count, size_t, cpusetsize,
		uaddr_t, cpus, unsigned int, flags)
{
	if (flags & RISCV_HWPROBE_WHICH_CPUS)
		return flags != RISCV_HWPROBE_WHICH_CPUS ? -EINVAL :
		       hwprobe_get_cpus(current, pairs, pair_count, cpusetsize, cpus);
	if (flags)
		return -EINVAL;
	return hwprobe_get_values(current, pairs, pair_count, cpusetsize, cpus);
}
