/* Boot and shutdown of the kernel object (Linux: init/main.c start_kernel,
 * in miniature), the kernel's random generator, and kernel_bug. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fs/fs.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/sched/sched.h"
#include "mm/mm.h"

_Noreturn void
kernel_bug(const char *file, int line, const char *what)
{
	fprintf(stderr, "taskbox: kernel BUG at %s:%d: %s\n", file, line, what);
	abort();
}

/* splitmix64: small, fast and reproducible from --seed. */
uint64_t
get_random_u64(struct kernel *k)
{
	uint64_t z = (k->rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void
get_random_bytes(struct kernel *k, void *buf, size_t n)
{
	uint8_t *p = buf;

	while (n) {
		uint64_t r = get_random_u64(k);
		size_t c = n < 8 ? n : 8;

		memcpy(p, &r, c);
		p += c;
		n -= c;
	}
}

struct kernel *
boot_kernel(const struct kernel_options *opts)
{
	struct kernel *k = calloc(1, sizeof(*k));
	struct timespec now;

	if (!k)
		return NULL;
	k->opts = *opts;
	k->nr_cpus = opts->nr_cpus > 0 ? opts->nr_cpus : 2;
	k->cpus = calloc(k->nr_cpus, sizeof(*k->cpus));
	if (!k->cpus)
		goto out_free;
	for (int i = 0; i < k->nr_cpus; i++) {
		k->cpus[i].kernel = k;
		k->cpus[i].id = i;
		tlb_flush(&k->cpus[i]);
	}
	INIT_LIST_HEAD(&k->tasks);
	k->pid_max = opts->pid_max ? opts->pid_max : 32768;
	k->max_pages = (opts->mem_bytes ? opts->mem_bytes : (1ULL << 30)) / PAGE_SIZE;
	k->rng_state = opts->seed;
	clock_gettime(CLOCK_MONOTONIC, &now);
	k->host_boot_ns = (uint64_t)now.tv_sec * 1000000000ULL + (uint64_t)now.tv_nsec;
	clock_gettime(CLOCK_REALTIME, &now);
	k->realtime_base_ns = (uint64_t)now.tv_sec * 1000000000ULL + (uint64_t)now.tv_nsec;
	if (sched_init(k))
		goto out_cpus;
	if (vfs_init(k))
		goto out_rqs;
	return k;
out_rqs:
	free(k->rqs);
out_cpus:
	free(k->cpus);
out_free:
	free(k);
	return NULL;
}

void
kernel_shutdown(struct kernel *k)
{
	struct task_struct *t, *n;

	list_for_each_entry_safe(t, n, &k->tasks, tasks) {
		list_del_init(&t->tasks);
		free_pid(k, t);
		if (t->mm)
			mmput(t->mm);
		if (t->files)
			put_files_struct(t->files);
		if (t->fs)
			put_fs_struct(t->fs);
		free_task(t);
	}
	page_cache_exit(k);
	if (k->vdso_page)
		put_page(k, k->vdso_page);
	free_uids(k);
	vfs_exit(k);
	if (k->trace && k->trace != stderr)
		fclose(k->trace);
	free_all_frames(k);
	free(k->rqs);
	free(k->pid_hash);
	free(k->pid_map);
	free(k->cpus);
	free(k);
}
