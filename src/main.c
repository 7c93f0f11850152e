/* taskbox: the command line, boot and shutdown (DESIGN.md, "The command
 * line"). `taskbox run [OPTIONS] [--] PROGRAM [ARG...]`. */
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fs/fs.h"
#include "kernel/binfmts.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/sched/sched.h"


#define TASKBOX_VERSION "0.1.0"

extern char **environ;

static const char usage_text[] =
	"usage: taskbox run [OPTIONS] [--] PROGRAM [ARG...]\n"
	"\n"
	"Run a riscv64 Linux program on taskbox's own RV64GC processor and kernel.\n"
	"PROGRAM is a path in the guest root; if absent there but present on the\n"
	"host, the host file runs, visible in the guest at that absolute path.\n"
	"The exit status is PROGRAM's, or 128+signal if a signal killed it.\n"
	"\n"
	"options:\n"
	"  --root DIR        guest root directory (default: rootfs beside taskbox)\n"
	"  --env NAME=VALUE  add or replace one environment variable\n"
	"  --clear-env       start from an empty environment\n"
	"  --trace[=FILE]    log each system call, strace-style (default: stderr)\n"
	"  --stats           print kernel counters at shutdown (stderr)\n"
	"  --cpus N          simulated CPUs (default 2)\n"
	"  --seed N          seed of the kernel's randomness (default 0)\n"
	"  --mem BYTES       bound on guest memory (default 1 GiB)\n"
	"  --pid-max N       highest PID (default 32768)\n"
	"  --pid1            run PROGRAM itself as PID 1 (no taskbox init)\n"
	"  --realtime        sleeps take real time (virtual time never runs ahead)\n"
	"  --help, --version\n";

struct run_args {
	struct kernel_options opts;
	char **env;
	int envc;
	char **argv;		/* PROGRAM ARG... */
};

static int
env_set(struct run_args *ra, const char *nv)
{
	size_t klen = strcspn(nv, "=");
	char **env;

	if (!nv[klen]) {
		fprintf(stderr, "taskbox: --env wants NAME=VALUE, not '%s'\n", nv);
		return -1;
	}
	for (int i = 0; i < ra->envc; i++) {
		if (!strncmp(ra->env[i], nv, klen + 1)) {
			ra->env[i] = (char *)nv;
			return 0;
		}
	}
	env = realloc(ra->env, (ra->envc + 2) * sizeof(*env));
	if (!env)
		return -1;
	ra->env = env;
	ra->env[ra->envc++] = (char *)nv;
	ra->env[ra->envc] = NULL;
	return 0;
}

static int
parse_run_args(int argc, char **argv, struct run_args *ra)
{
	static const struct option longopts[] = {
		{ "root", required_argument, 0, 'r' },
		{ "env", required_argument, 0, 'e' },
		{ "clear-env", no_argument, 0, 'c' },
		{ "trace", optional_argument, 0, 't' },
		{ "stats", no_argument, 0, 's' },
		{ "cpus", required_argument, 0, 'C' },
		{ "seed", required_argument, 0, 'S' },
		{ "mem", required_argument, 0, 'm' },
		{ "pid-max", required_argument, 0, 'p' },
		{ "pid1", no_argument, 0, '1' },
		{ "realtime", no_argument, 0, 'R' },
		{ "help", no_argument, 0, 'h' },
		{ "version", no_argument, 0, 'v' },
		{ 0, 0, 0, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': ra->opts.root = optarg; break;
		case 'e': if (env_set(ra, optarg)) return -1; break;
		case 'c': ra->envc = 0; ra->env[0] = NULL; break;
		case 't': ra->opts.trace = true; ra->opts.trace_path = optarg; break;
		case 's': ra->opts.stats = true; break;
		case 'C': ra->opts.nr_cpus = atoi(optarg); break;
		case 'S': ra->opts.seed = strtoull(optarg, NULL, 0); break;
		case 'm': ra->opts.mem_bytes = strtoull(optarg, NULL, 0); break;
		case 'p': ra->opts.pid_max = atoi(optarg); break;
		case '1': ra->opts.pid1 = true; break;
		case 'R': ra->opts.realtime = true; break;
		case 'h': fputs(usage_text, stdout); exit(0);
		case 'v': puts("taskbox " TASKBOX_VERSION); exit(0);
		default: fputs(usage_text, stderr); return -1;
		}
	}
	if (ra->opts.nr_cpus < 0 || ra->opts.nr_cpus > MAX_CPUS) {
		fprintf(stderr, "taskbox: --cpus must be 1..%d\n", MAX_CPUS);
		return -1;
	}
	if (optind >= argc) {
		fputs("taskbox: no PROGRAM given\n", stderr);
		return -1;
	}
	ra->argv = argv + optind;
	return 0;
}

/* build/taskbox -> build/rootfs */
static char *
default_root(void)
{
	static char path[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 16);

	if (n <= 0)
		return "build/rootfs";
	path[n] = '\0';
	strcat(dirname(path), "/rootfs");
	return path;
}

/* Where PROGRAM is: its guest path, or, when the guest root lacks it but
 * the host has it, its absolute host path, now bound into the guest. */
static const char *
resolve_program(struct kernel *k, struct task_struct *t, const char *prog,
		char host[PATH_MAX])
{
	struct dentry *d;
	struct stat st;

	if (filename_lookup(t, -100 /* AT_FDCWD */, prog, LOOKUP_FOLLOW, &d, NULL) == 0) {
		dput(d);
		return prog;
	}
	if (stat(prog, &st) || !realpath(prog, host) || vfs_bind_host_file(k, host))
		return prog;
	return host;
}

/* Boot user space: taskbox's init runs PROGRAM as its child, or, with
 * --pid1, PROGRAM is PID 1 itself. */
static int
exec_program(struct kernel *k, struct task_struct *t, struct run_args *ra)
{
	extern const uint8_t init_elf[], init_elf_end[];
	char host[PATH_MAX];
	const char *path = resolve_program(k, t, ra->argv[0], host);
	const char **argv;
	int argc = 0, err;

	if (ra->opts.pid1)
		return kernel_execve(t, path, (const char *const *)ra->argv,
				     (const char *const *)ra->env);
	while (ra->argv[argc])
		argc++;
	argv = calloc(argc + 3, sizeof(*argv));
	if (!argv)
		return -ENOMEM;
	argv[0] = "init";
	argv[1] = path;
	memcpy(argv + 2, ra->argv, argc * sizeof(*argv));
	err = kernel_execve_blob(t, "/init", init_elf, (size_t)(init_elf_end - init_elf),
				 argv, (const char *const *)ra->env);
	free(argv);
	return err;
}

static void
print_stats(struct kernel *k, double seconds)
{
	uint64_t insns = 0;

	for (int i = 0; i < k->nr_cpus; i++)
		insns += k->cpus[i].instret;
	fprintf(stderr, "instructions retired: %llu\n", (unsigned long long)insns);
	fprintf(stderr, "guest MIPS: %.1f\n", seconds > 0 ? insns / seconds / 1e6 : 0.0);
	fprintf(stderr, "syscalls: %llu\n", (unsigned long long)k->stats.syscalls);
	fprintf(stderr, "page faults: %llu\n", (unsigned long long)k->stats.page_faults);
	fprintf(stderr, "cow faults: %llu\n", (unsigned long long)k->stats.cow_faults);
	fprintf(stderr, "pages copied: %llu\n", (unsigned long long)k->stats.pages_copied);
	fprintf(stderr, "instructions decoded: %llu\n", (unsigned long long)k->stats.insns_decoded);
	fprintf(stderr, "seed: %llu\n", (unsigned long long)k->opts.seed);
}

static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
boot_and_run(struct run_args *ra)
{
	double start = now_seconds();
	struct task_struct *t;
	struct kernel *k;
	int err, status;

	k = boot_kernel(&ra->opts);
	if (!k) {
		fprintf(stderr, "taskbox: cannot boot: root '%s' unusable\n", ra->opts.root);
		return 125;
	}
	if (ra->opts.trace) {
		k->trace = ra->opts.trace_path ? fopen(ra->opts.trace_path, "w") : stderr;
		if (!k->trace) {
			perror(ra->opts.trace_path);
			status = 125;
			goto out;
		}
	}
	t = create_first_task(k);
	if (!t || !kthreadd_create(k)) {
		fputs("taskbox: cannot create the first task\n", stderr);
		status = 125;
		goto out;
	}
	err = exec_program(k, t, ra);
	if (err) {
		fprintf(stderr, "taskbox: %s: %s\n", ra->argv[0], strerror(-err));
		status = err == -ENOENT ? 127 : 126;
		goto out;
	}
	wake_up_new_task(t);
	kernel_run(k);
	if (ra->opts.stats)
		print_stats(k, now_seconds() - start);
	status = k->exit_status;
out:
	kernel_shutdown(k);
	return status;
}

int
main(int argc, char **argv)
{
	struct run_args ra = { .opts = { .nr_cpus = 2 } };
	int status;

	if (argc >= 2 && !strcmp(argv[1], "--help")) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (argc >= 2 && !strcmp(argv[1], "--version")) {
		puts("taskbox " TASKBOX_VERSION);
		return 0;
	}
	if (argc < 2 || strcmp(argv[1], "run")) {
		fputs(usage_text, stderr);
		return 2;
	}
	for (char **e = environ; *e; e++)
		if (env_set(&ra, *e))
			goto out_usage;
	if (!ra.env && !(ra.env = calloc(1, sizeof(char *))))
		goto out_usage;
	if (parse_run_args(argc - 1, argv + 1, &ra))
		goto out_usage;
	if (!ra.opts.root)
		ra.opts.root = default_root();
	status = boot_and_run(&ra);
	free(ra.env);
	return status;
out_usage:
	free(ra.env);
	return 2;
}
