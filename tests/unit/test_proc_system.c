/* The system-wide /proc files and /sys's CPU masks read the kernel's own
 * state: the text follows --cpus and --mem, and a write to /proc/sys/kernel
 * changes what alloc_pid hands out. Values are checked here, where the
 * kernel is ours; tests/conformance/proc_system.c checks the relations
 * against the host's Linux. Each test boots a fresh kernel on an empty
 * temporary root with the mount points /proc and /sys made in it. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <uapi/mman.h>

#include "fixture.h"
#include "fs/fs.h"

long sys_openat(struct task_struct *current, const uint64_t *args);
long sys_close(struct task_struct *current, const uint64_t *args);
long sys_read(struct task_struct *current, const uint64_t *args);
long sys_write(struct task_struct *current, const uint64_t *args);

#define G_O_WRONLY	01

struct guest {
	struct kernel *k;
	struct task_struct *t;
	uint64_t mem;		/* scratch pages in the guest */
};

static struct guest
guest_boot(int nr_cpus, uint64_t mem_bytes)
{
	struct kernel_options opts = { .nr_cpus = nr_cpus, .mem_bytes = mem_bytes };
	char path[PATH_MAX];
	struct guest g;

	strcpy(fixture_root, "/tmp/taskbox-unit-XXXXXX");
	cr_assert_not_null(mkdtemp(fixture_root));
	snprintf(path, sizeof(path), "%s/proc", fixture_root);
	cr_assert_eq(mkdir(path, 0555), 0);
	snprintf(path, sizeof(path), "%s/sys", fixture_root);
	cr_assert_eq(mkdir(path, 0555), 0);
	opts.root = fixture_root;
	g.k = boot_kernel(&opts);
	cr_assert_not_null(g.k);
	g.t = fixture_task(g.k);
	g.k->current = g.t;	/* the reader of /proc */
	g.mem = do_mmap(g.t->mm, 0, 4 * PAGE_SIZE, LINUX_PROT_READ | LINUX_PROT_WRITE,
			LINUX_MAP_PRIVATE | LINUX_MAP_ANONYMOUS, NULL, 0);
	cr_assert(g.mem < TASK_SIZE);
	return g;
}

static long
call(long (*sys)(struct task_struct *, const uint64_t *), struct guest *g,
     uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
	uint64_t args[6] = { a0, a1, a2, a3, 0, 0 };

	return sys(g->t, args);
}

static uint64_t
gstr(struct guest *g, size_t off, const char *s)
{
	cr_assert_eq(copy_to_user(g->t->mm, g->mem + off, s, strlen(s) + 1), 0);
	return g->mem + off;
}

/* The whole text of a guest file, in a static buffer. */
static const char *
read_text(struct guest *g, const char *path)
{
	static char text[8192];
	long fd = call(sys_openat, g, (uint64_t)AT_FDCWD, gstr(g, 0, path), 0, 0);
	long n, total = 0;

	cr_assert(fd >= 0, "open %s: %ld", path, fd);
	while ((n = call(sys_read, g, (uint64_t)fd, g->mem + 512, 2048, 0)) > 0) {
		cr_assert(total + n < (long)sizeof(text));
		cr_assert_eq(copy_from_user(g->t->mm, text + total, g->mem + 512, (size_t)n), 0);
		total += n;
	}
	text[total] = '\0';
	call(sys_close, g, (uint64_t)fd, 0, 0, 0);
	return text;
}

/* write(2) of s to a freshly opened path: the result. */
static long
write_text(struct guest *g, const char *path, const char *s)
{
	long fd = call(sys_openat, g, (uint64_t)AT_FDCWD, gstr(g, 0, path), G_O_WRONLY, 0);
	long r;

	if (fd < 0)
		return fd;
	r = call(sys_write, g, (uint64_t)fd, gstr(g, 256, s), strlen(s), 0);
	call(sys_close, g, (uint64_t)fd, 0, 0, 0);
	return r;
}

static long long
field(const char *text, const char *key)
{
	const char *p = strstr(text, key);

	cr_assert_not_null(p, "no %s", key);
	return strtoll(p + strlen(key), NULL, 10);
}

Test(proc_system, sysfs_cpu_masks_follow_cpus)
{
	struct guest g = guest_boot(1, 0);

	cr_expect_str_eq(read_text(&g, "/sys/devices/system/cpu/online"), "0\n");
	cr_expect_str_eq(read_text(&g, "/sys/devices/system/cpu/offline"), "\n");
	fixture_shutdown(g.k);
	g = guest_boot(4, 0);
	cr_expect_str_eq(read_text(&g, "/sys/devices/system/cpu/online"), "0-3\n");
	cr_expect_str_eq(read_text(&g, "/sys/devices/system/cpu/possible"), "0-3\n");
	cr_expect_str_eq(read_text(&g, "/sys/devices/system/cpu/present"), "0-3\n");
	fixture_shutdown(g.k);
}

Test(proc_system, stat_and_cpuinfo_have_a_block_per_hart)
{
	struct guest g = guest_boot(3, 0);
	const char *text = read_text(&g, "/proc/stat");

	cr_expect(!strncmp(text, "cpu  ", 5));
	cr_expect_not_null(strstr(text, "\ncpu2 "));
	cr_expect_null(strstr(text, "\ncpu3 "));
	cr_expect_eq(field(text, "btime "), (long long)(g.k->realtime_base_ns / 1000000000ULL));
	cr_expect_eq(field(text, "procs_running "), 0, "the reader is on no run queue here");
	text = read_text(&g, "/proc/cpuinfo");
	cr_expect_not_null(strstr(text, "processor\t: 2\nhart\t\t: 2\n"));
	cr_expect_null(strstr(text, "processor\t: 3"));
	cr_expect_not_null(strstr(text, "mmu\t\t: sv39\n"));
	fixture_shutdown(g.k);
}

Test(proc_system, meminfo_follows_mem_and_pages_in_use)
{
	struct guest g = guest_boot(2, 64 << 20);
	const char *text = read_text(&g, "/proc/meminfo");
	long long total = field(text, "MemTotal:"), free = field(text, "MemFree:");

	cr_expect_eq(total, 64 * 1024);
	cr_expect_eq(free, (long long)(g.k->max_pages - g.k->nr_pages) * 4);
	cr_expect(!strncmp(text, "MemTotal:          65536 kB\n", 28), "Linux's columns");
	/* Touch a new anonymous page: one page less is free, one more is anon. */
	cr_assert_eq(copy_to_user(g.t->mm, g.mem + 3 * PAGE_SIZE, "x", 1), 0);
	text = read_text(&g, "/proc/meminfo");
	cr_expect_eq(field(text, "MemFree:"), free - 4);
	cr_expect_eq(field(text, "CommitLimit:"), total / 2);
	fixture_shutdown(g.k);
}

Test(proc_system, pid_max_and_ns_last_pid_steer_alloc_pid)
{
	struct guest g = guest_boot(2, 0);
	struct task_struct *t = alloc_task_struct(g.k);

	cr_assert_not_null(t);
	cr_expect_eq(write_text(&g, "/proc/sys/kernel/pid_max", "400\n"), 4);
	cr_expect_eq(g.k->pid_max, 400);
	cr_expect_eq(write_text(&g, "/proc/sys/kernel/pid_max", "300"), -EINVAL,
		     "below RESERVED_PIDS + 1");
	cr_expect_eq(write_text(&g, "/proc/sys/kernel/ns_last_pid", "400"), 3, "up to pid_max");
	cr_expect_eq(write_text(&g, "/proc/sys/kernel/ns_last_pid", "401"), -EINVAL);
	cr_expect_eq(write_text(&g, "/proc/sys/kernel/ns_last_pid", "41 junk"), 3);
	cr_expect_str_eq(read_text(&g, "/proc/sys/kernel/ns_last_pid"), "41\n");
	cr_assert_eq(alloc_pid(g.k, t), 0);
	cr_expect_eq(t->pid, 42, "the next PID follows ns_last_pid");
	free_pid(g.k, t);
	free_task_struct(t);
	cr_expect_eq(write_text(&g, "/proc/sys/kernel/ostype", "x"), -EACCES, "0444, root too");
	cr_expect_str_eq(read_text(&g, "/proc/sys/kernel/ostype"), "Linux\n");
	fixture_shutdown(g.k);
}
