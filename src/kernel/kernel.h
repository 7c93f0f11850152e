/* struct kernel: every piece of kernel state hangs off one of these.
 * boot_kernel() creates it, kernel_shutdown() frees it; there are no hidden
 * globals, so a unit test can boot a fresh kernel in microseconds. */
#ifndef KERNEL_KERNEL_H
#define KERNEL_KERNEL_H

#include <stdio.h>

#include <taskbox/list.h>
#include <taskbox/types.h>

#include "arch/riscv64/cpu.h"
#include "kernel/wait.h"

struct task_struct;
struct vfsmount_table;

#define MAX_CPUS	64
/* CONFIG_NR_CPUS of Debian's riscv64 kernel: the size of a kernel cpumask
 * (the possible CPUs of sysfs, the mask riscv_hwprobe copies). */
#define NR_CPUS		128
#define PID_MAX_LIMIT	(4 * 1024 * 1024)	/* the largest pid_max (64-bit Linux) */

/* What uname(2) and /proc/version say. */
#define UTS_SYSNAME	"Linux"
#define UTS_NODENAME	"taskbox"
#define UTS_RELEASE	"6.1.0-taskbox"
#define UTS_VERSION	"#1 SMP taskbox"
#define UTS_MACHINE	"riscv64"

/* What `taskbox run` was asked to do (src/main.c fills it). */
struct kernel_options {
	const char *root;		/* --root: host directory of the guest / */
	const char *trace_path;		/* --trace=FILE, or NULL for stderr */
	bool trace;
	bool stats;
	int nr_cpus;
	uint64_t seed;
	uint64_t mem_bytes;		/* --mem: bound on guest page frames */
	int pid_max;
	bool pid1;			/* --pid1: PROGRAM is PID 1, no taskbox init */
	bool realtime;			/* --realtime: sleeps take real time */
};

/* Counters printed by --stats. */
struct kernel_stats {
	uint64_t syscalls;
	uint64_t page_faults;
	uint64_t cow_faults;
	uint64_t pages_copied;
	uint64_t insns_decoded;
	uint64_t nr_switches;		/* context switches (/proc/stat ctxt; Linux: rq->nr_switches) */
};

struct kernel {
	struct kernel_options opts;
	struct kernel_stats stats;
	FILE *trace;			/* --trace output, or NULL */

	/* Harts. */
	int nr_cpus;
	struct cpu *cpus;

	/* Tasks: the global list (for_each_process) and the PID space. */
	struct list_head tasks;
	struct rq *rqs;			/* one run queue per hart (sched/core.c) */
	struct list_head timers;	/* armed hrtimers by expiry (time/hrtimer.c) */
	struct wait_queue_head pidfd_wait;	/* pidfd pollers: every exit wakes them */
#define FUTEX_HASH_SIZE	256
	struct list_head futex_queues[FUTEX_HASH_SIZE];	/* futex.c */
	int nr_tasks;
	uint64_t total_forks;		/* tasks copy_process made since boot (/proc/stat processes) */
	int pid_max;
	pid_t last_pid;
	struct pid **pid_hash;		/* pid.c: PIDHASH_SIZE chains */
	uint64_t *pid_map;		/* pid.c: a bit per number in use */
	struct task_struct *child_reaper;	/* init: adopts orphans */
	struct task_struct *current;	/* the task whose turn runs (procfs's reader) */
	struct user_struct *users;	/* per-uid accounting (signal.c find_user) */
	uint64_t last_ino;		/* inode numbers of pipes and other kernel objects */
	struct address_space *page_cache;	/* mm/filemap.c */
	struct page *vdso_page;		/* arch/riscv64/vdso.c: the vDSO image */

	/* Memory: page frames in use and the --mem bound; host memory for
	 * frames comes in chunks (mm/page_alloc.c alloc_frame). */
	uint64_t nr_pages, max_pages;
	void *free_frames;
	char *chunk_next;
	size_t chunk_left;
	void **chunks;			/* every chunk, unmapped at shutdown */
	size_t nr_chunks;

	/* Virtual time in nanoseconds, advanced by instructions retired plus the
	 * time jumps of sleeps; realtime_base anchors CLOCK_REALTIME. */
	uint64_t time_ns;
	uint64_t idle_ns;		/* harts' idle time, summed (/proc/uptime) */
	uint64_t avenrun[3];		/* load averages, fixed point (sched/loadavg.c) */
	uint64_t calc_load_update;	/* when they are next computed */
	uint64_t realtime_base_ns;
	uint64_t host_boot_ns;		/* host CLOCK_MONOTONIC at boot (--realtime) */

	/* The VFS: mounts and the root (src/fs). */
	struct vfsmount_table *mounts;

	/* Deterministic randomness (getrandom, AT_RANDOM, /dev/urandom). */
	uint64_t rng_state;

	/* Shutdown: set when the last task (later: init) is gone. */
	bool halted;
	int exit_status;		/* taskbox's own exit status */
};

/* --- boot.c --- */
struct kernel *boot_kernel(const struct kernel_options *opts);
void kernel_shutdown(struct kernel *k);
uint64_t get_random_u64(struct kernel *k);
void get_random_bytes(struct kernel *k, void *buf, size_t n);

#endif
