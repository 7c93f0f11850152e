/* riscv_hwprobe and riscv_flush_icache, the riscv-only system calls, with
 * the semantics of Documentation/arch/riscv/hwprobe.rst (qemu-riscv64 7.2,
 * the processor oracle, implements neither): values for a CPU set, an
 * unknown key answered with key -1, RISCV_HWPROBE_WHICH_CPUS shrinking a
 * set, reserved flags and empty sets refused, bad pointers EFAULT. */
#include <criterion/criterion.h>
#include <string.h>

#include <uapi/mman.h>

#include "fixture.h"

struct hwprobe_pair {
	int64_t key;
	uint64_t value;
};

long sys_riscv_hwprobe(struct task_struct *, const uint64_t *);
long sys_riscv_flush_icache(struct task_struct *, const uint64_t *);

#define KEY_BASE_BEHAVIOR	3
#define KEY_IMA_EXT_0		4
#define KEY_HIGHEST_VIRT	7
#define KEY_TIME_CSR_FREQ	8
#define IMA_FD			(1ULL << 0)
#define IMA_C			(1ULL << 1)
#define IMA_V			(1ULL << 2)
#define EXT_ZBA			(1ULL << 3)
#define WHICH_CPUS		1

static struct task_struct *
probe_task(struct kernel **k, uint64_t *mem)
{
	struct task_struct *t;

	*k = fixture_boot(0);
	t = fixture_task(*k);
	*mem = (uint64_t)do_mmap(t->mm, 0, PAGE_SIZE,
				 LINUX_PROT_READ | LINUX_PROT_WRITE,
				 LINUX_MAP_PRIVATE | LINUX_MAP_ANONYMOUS, NULL, 0);
	return t;
}

static long
hwprobe(struct task_struct *t, uint64_t pairs, uint64_t n, uint64_t setsize,
	uint64_t set, uint64_t flags)
{
	const uint64_t args[6] = { pairs, n, setsize, set, flags, 0 };

	return sys_riscv_hwprobe(t, args);
}

Test(hwprobe, values_for_all_cpus_and_unknown_keys)
{
	struct kernel *k;
	uint64_t mem;
	struct task_struct *t = probe_task(&k, &mem);
	struct hwprobe_pair p[4] = { { KEY_BASE_BEHAVIOR, 9 }, { KEY_IMA_EXT_0, 9 },
				     { KEY_HIGHEST_VIRT, 9 }, { 1000, 9 } };

	cr_assert_eq(copy_to_user(t->mm, mem, p, sizeof(p)), 0);
	cr_expect_eq(hwprobe(t, mem, 4, 0, 0, 0), 0);
	cr_assert_eq(copy_from_user(t->mm, p, mem, sizeof(p)), 0);
	cr_expect_eq(p[0].value, 1, "the IMA base behaviour");
	cr_expect_eq(p[1].value & (IMA_FD | IMA_C | IMA_V | EXT_ZBA), IMA_FD | IMA_C,
		     "F, D and C, no V, no Zba");
	cr_expect_eq(p[2].value, TASK_SIZE - 1);
	cr_expect_eq(p[3].key, -1, "an unknown key is marked");
	cr_expect_eq(p[3].value, 0);
	fixture_shutdown(k);
}

Test(hwprobe, cpu_sets_and_flags)
{
	struct kernel *k;
	uint64_t mem;
	struct task_struct *t = probe_task(&k, &mem);
	uint64_t set[2] = { 0, 0 }, offline = 1ULL << 40;
	struct hwprobe_pair p = { KEY_TIME_CSR_FREQ, 0 };

	cr_assert_eq(copy_to_user(t->mm, mem, &p, sizeof(p)), 0);
	cr_assert_eq(copy_to_user(t->mm, mem + 64, set, sizeof(set)), 0);
	cr_expect_eq(hwprobe(t, mem, 1, 16, mem + 64, 0), -EINVAL, "an empty set");
	cr_assert_eq(copy_to_user(t->mm, mem + 64, &offline, 8), 0);
	cr_expect_eq(hwprobe(t, mem, 1, 16, mem + 64, 0), -EINVAL, "only offline CPUs");
	set[0] = 2;
	cr_assert_eq(copy_to_user(t->mm, mem + 64, set, sizeof(set)), 0);
	cr_expect_eq(hwprobe(t, mem, 1, 16, mem + 64, 0), 0, "CPU 1");
	cr_expect_eq(hwprobe(t, mem, 1, 0, 0, 2), -EINVAL, "a reserved flag");
	cr_expect_eq(hwprobe(t, mem, 1, 0, 0, WHICH_CPUS), -EINVAL, "WHICH_CPUS needs a set");
	cr_expect_eq(hwprobe(t, 0x1000, 1, 0, 0, 0), -EFAULT);
	cr_expect_eq(hwprobe(t, mem, 1, 16, 0x1000, 0), -EFAULT);
	fixture_shutdown(k);
}

Test(hwprobe, which_cpus_shrinks_the_set)
{
	struct kernel *k;
	uint64_t mem, set;
	struct task_struct *t = probe_task(&k, &mem);
	struct hwprobe_pair have = { KEY_IMA_EXT_0, IMA_C }, lack = { KEY_IMA_EXT_0, IMA_V };
	struct hwprobe_pair unknown = { 1000, 0 };

	/* An empty set stands for every online CPU (the fixture boots two). */
	set = 0;
	cr_assert_eq(copy_to_user(t->mm, mem, &have, sizeof(have)), 0);
	cr_assert_eq(copy_to_user(t->mm, mem + 64, &set, 8), 0);
	cr_expect_eq(hwprobe(t, mem, 1, 8, mem + 64, WHICH_CPUS), 0);
	cr_assert_eq(copy_from_user(t->mm, &set, mem + 64, 8), 0);
	cr_expect_eq(set, 3, "both CPUs have C");
	cr_assert_eq(copy_to_user(t->mm, mem, &lack, sizeof(lack)), 0);
	cr_expect_eq(hwprobe(t, mem, 1, 8, mem + 64, WHICH_CPUS), 0);
	cr_assert_eq(copy_from_user(t->mm, &set, mem + 64, 8), 0);
	cr_expect_eq(set, 0, "no CPU has V");
	set = 1;
	cr_assert_eq(copy_to_user(t->mm, mem, &unknown, sizeof(unknown)), 0);
	cr_assert_eq(copy_to_user(t->mm, mem + 64, &set, 8), 0);
	cr_expect_eq(hwprobe(t, mem, 1, 8, mem + 64, WHICH_CPUS), 0);
	cr_assert_eq(copy_from_user(t->mm, &set, mem + 64, 8), 0);
	cr_assert_eq(copy_from_user(t->mm, &unknown, mem, sizeof(unknown)), 0);
	cr_expect_eq(set, 0, "an unknown key empties the set");
	cr_expect_eq(unknown.key, -1);
	fixture_shutdown(k);
}

Test(hwprobe, flush_icache_flags)
{
	struct kernel *k;
	uint64_t mem;
	struct task_struct *t = probe_task(&k, &mem);
	uint64_t local[6] = { mem, mem + 16, 1 }, reserved[6] = { mem, mem + 16, 2 };

	cr_expect_eq(sys_riscv_flush_icache(t, local), 0, "SYS_RISCV_FLUSH_ICACHE_LOCAL");
	cr_expect_eq(sys_riscv_flush_icache(t, reserved), -EINVAL, "a reserved flag");
	fixture_shutdown(k);
}
