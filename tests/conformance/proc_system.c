/*
 * proc_system — the system-wide /proc files and the sysfs CPU masks: their
 * shapes, the relations between their numbers, and the sysctl file rules.
 *
 *	meminfo		the lines every architecture prints, in Linux's order and
 *			column layout; MemTotal >= MemFree and friends; the sums
 *			Active, Inactive and Slab; MemTotal is sysinfo's totalram
 *	stat		one "cpu" line and one "cpuN" per online CPU, ten columns
 *			each; the lines after them in order; btime + uptime is
 *			now; processes grows with a fork; ctxt grows when tasks
 *			sleep and wake
 *	cpuinfo		one "processor" line per online CPU, numbered 0..n-1
 *	sysfs		devices/system/cpu/online and possible agree with
 *			sysconf(_SC_NPROCESSORS_ONLN and _CONF)
 *	loadavg_uptime	loadavg's five fields, its last PID is at least a child
 *			just forked; uptime's two, idle within uptime per CPU
 *	sysctl_read	ostype, osrelease, hostname against uname; pid_max,
 *			threads-max, nr_open, overcommit_memory in their ranges;
 *			numbers read whole at offset 0 and nothing after, strings
 *			from any offset; modes, size 0, ".."
 *	sysctl_write	(as root) pid_max: EINVAL for garbage and out of range,
 *			the bytes used by a write, a write at a non-zero offset
 *			ignored, root cannot open a 0444 entry for writing; a
 *			lowered pid_max is honoured by fork (then restored); an
 *			unprivileged process cannot write pid_max (EACCES) nor
 *			ns_last_pid (EPERM), nor through a descriptor root opened
 *
 * Nothing here prints a value: only relations, counts of fields and errno
 * names, which hold on any Linux whatever the CPU count or memory size.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lib/check.h"
#include "lib/lifecycle.h"

/* The whole text of a file (at most size - 1 bytes), NUL-terminated; -1 on error. */
static long
read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t n = 0;
	ssize_t r;

	if (fd == -1)
		return -1;
	while (n < size - 1 && (r = read(fd, buf + n, size - 1 - n)) > 0)
		n += (size_t)r;
	close(fd);
	buf[n] = '\0';
	return (long)n;
}

/* The number after "key" at the start of a line of text, or -1. */
static long long
field_after(const char *text, const char *key)
{
	size_t len = strlen(key);

	for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (!strncmp(p, key, len))
			return strtoll(p + len, NULL, 10);
	return -1;
}

static long long
meminfo(const char *text, const char *name)
{
	char key[64];

	snprintf(key, sizeof(key), "%s:", name);
	return field_after(text, key);
}

/* Fork a child that exits at once; its PID, reaped. */
static pid_t
fork_reaped(void)
{
	pid_t pid = fork_flushed();
	int st;

	if (pid == 0)
		_exit(0);
	if (pid > 0)
		waitpid(pid, &st, 0);
	return pid;
}

/* --- meminfo ------------------------------------------------------------------- */

/* The lines Linux 6.x prints whatever the architecture and configuration. */
static const char *const meminfo_common[] = {
	"MemTotal", "MemFree", "MemAvailable", "Buffers", "Cached", "SwapCached",
	"Active", "Inactive", "Active(anon)", "Inactive(anon)", "Active(file)",
	"Inactive(file)", "Unevictable", "Mlocked", "SwapTotal", "SwapFree", "Dirty",
	"Writeback", "AnonPages", "Mapped", "Shmem", "KReclaimable", "Slab",
	"SReclaimable", "SUnreclaim", "KernelStack", "PageTables", "SecPageTables",
	"NFS_Unstable", "Bounce", "WritebackTmp", "CommitLimit", "Committed_AS",
	"VmallocTotal", "VmallocUsed", "VmallocChunk", "Percpu",
	"HugePages_Total", "HugePages_Free", "HugePages_Rsvd", "HugePages_Surp",
	"Hugepagesize", "Hugetlb",
};

static int
is_common(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof(meminfo_common) / sizeof(meminfo_common[0]); i++)
		if (strlen(meminfo_common[i]) == len && !strncmp(meminfo_common[i], name, len))
			return 1;
	return 0;
}

/* A line "Name:", spaces, digits, maybe " kB"; a kB line whose label fits 15
 * columns and whose value fits 8 has its value end at column 24. */
static int
meminfo_line_ok(const char *line, size_t len)
{
	const char *colon = memchr(line, ':', len), *p, *digits;
	int kb = len > 3 && !strncmp(line + len - 3, " kB", 3);
	size_t end = kb ? len - 3 : len;

	if (!colon || colon == line)
		return 0;
	for (p = colon + 1; p < line + end && *p == ' '; p++)
		;
	if (p == colon + 1 || p == line + end)
		return 0;
	for (digits = p; p < line + end; p++)
		if (!isdigit((unsigned char)*p))
			return 0;
	if (kb && colon - line <= 15 && (line + end) - digits <= 8 && end != 24)
		return 0;
	return 1;
}

static void
test_meminfo(void)
{
	static char text[16384];
	char names[2048] = "", want[2048] = "";
	int lines_ok = 1;
	struct sysinfo si;

	if (read_file("/proc/meminfo", text, sizeof(text)) <= 0) {
		check("meminfo_read", 0, "-1 %s", errno_name(errno));
		return;
	}
	for (char *line = text, *nl; *line; line = nl + 1) {
		char *colon = strchr(line, ':');

		nl = strchr(line, '\n');
		if (!nl || !colon)
			break;
		if (!meminfo_line_ok(line, (size_t)(nl - line)))
			lines_ok = 0;
		if (colon < nl && is_common(line, (size_t)(colon - line))) {
			strncat(names, line, (size_t)(colon - line));
			strcat(names, " ");
		}
	}
	for (size_t i = 0; i < sizeof(meminfo_common) / sizeof(meminfo_common[0]); i++) {
		strcat(want, meminfo_common[i]);
		strcat(want, " ");
	}
	check("meminfo_common_lines_in_order", !strcmp(names, want), "%s", names);
	check("meminfo_line_format", lines_ok,
	      "every line is \"Name:  value[ kB]\" in Linux's columns: %s",
	      yesno(lines_ok));
#define REL(name, cond) check(name, cond, "%s", yesno(cond))
	REL("meminfo_total_ge_free", meminfo(text, "MemTotal") >= meminfo(text, "MemFree"));
	REL("meminfo_total_ge_available",
	    meminfo(text, "MemTotal") >= meminfo(text, "MemAvailable"));
	REL("meminfo_total_ge_cached", meminfo(text, "MemTotal") >= meminfo(text, "Cached"));
	REL("meminfo_cached_ge_shmem", meminfo(text, "Cached") >= meminfo(text, "Shmem"));
	REL("meminfo_swaptotal_ge_swapfree",
	    meminfo(text, "SwapTotal") >= meminfo(text, "SwapFree"));
	REL("meminfo_active_is_sum", meminfo(text, "Active") ==
	    meminfo(text, "Active(anon)") + meminfo(text, "Active(file)"));
	REL("meminfo_inactive_is_sum", meminfo(text, "Inactive") ==
	    meminfo(text, "Inactive(anon)") + meminfo(text, "Inactive(file)"));
	REL("meminfo_slab_is_sum", meminfo(text, "Slab") ==
	    meminfo(text, "SReclaimable") + meminfo(text, "SUnreclaim"));
	REL("meminfo_hugepagesize_positive", meminfo(text, "Hugepagesize") > 0);
	if (sysinfo(&si) == 0)
		REL("meminfo_total_is_sysinfo", (unsigned long long)meminfo(text, "MemTotal") ==
		    (unsigned long long)si.totalram * si.mem_unit / 1024);
#undef REL
}

/* --- /proc/stat ------------------------------------------------------------------ */

/* Counts of numeric fields after the key on one line. */
static int
count_fields(const char *line)
{
	int n = 0;
	const char *p = line;

	while (*p && *p != ' ' && *p != '\n')
		p++;
	while (*p == ' ') {
		while (*p == ' ')
			p++;
		if (!isdigit((unsigned char)*p))
			break;
		while (isdigit((unsigned char)*p))
			p++;
		n++;
	}
	return *p == '\n' ? n : -1;
}

/* The cpu lines: "cpu  " then one per CPU, ten columns each; the aggregate
 * is at least each CPU's, column by column. */
static void
check_stat_cpus(const char *text, long online)
{
	int cpus = 0, cols_ok = 1, order_ok = 1, agg_ok = 1;
	unsigned long long agg[10] = { 0 };
	const char *line = text;

	check("stat_first_line", !strncmp(text, "cpu  ", 5), "starts with \"cpu  \": %s",
	      yesno(!strncmp(text, "cpu  ", 5)));
	for (; !strncmp(line, "cpu", 3); line = strchr(line, '\n') + 1) {
		const char *p = line + 3;

		if (count_fields(line) != 10)
			cols_ok = 0;
		if (line != text && atoi(p) != cpus++)
			order_ok = 0;
		while (*p && *p != ' ')
			p++;
		for (int i = 0; i < 10; i++) {
			unsigned long long v = strtoull(p, (char **)&p, 10);

			if (line == text)
				agg[i] = v;
			else if (v > agg[i])
				agg_ok = 0;
		}
	}
	check("stat_cpu_lines", cpus == online, "cpuN lines == _SC_NPROCESSORS_ONLN: %s",
	      yesno(cpus == online));
	check("stat_cpu_columns", cols_ok, "ten columns each: %s", yesno(cols_ok));
	check("stat_cpu_order", order_ok, "cpu0, cpu1, ...: %s", yesno(order_ok));
	check("stat_cpu_aggregate", agg_ok, "\"cpu\" >= each cpuN, column by column: %s",
	      yesno(agg_ok));
}

/* The keys of the lines after the cpu lines, in order, and their field counts. */
static void
check_stat_tail(const char *text)
{
	char keys[256] = "";
	const char *line = text;
	int intr = -1, softirq = -1;

	while (!strncmp(line, "cpu", 3))
		line = strchr(line, '\n') + 1;
	for (; *line; line = strchr(line, '\n') + 1) {
		size_t len = strcspn(line, " ");

		strncat(keys, line, len);
		strcat(keys, " ");
		if (!strncmp(line, "intr ", 5))
			intr = count_fields(line);
		if (!strncmp(line, "softirq ", 8))
			softirq = count_fields(line);
		if (!strchr(line, '\n'))
			break;
	}
	check_str("stat_keys", keys, "intr ctxt btime processes procs_running procs_blocked softirq ");
	check("stat_intr_fields", intr >= 2, "total and per-IRQ counts: %s", yesno(intr >= 2));
	check_long("stat_softirq_fields", softirq, 11);
}

static void
test_stat(void)
{
	static char text[65536], after[65536];
	long online = sysconf(_SC_NPROCESSORS_ONLN);
	char up[128];
	long long btime, forks, ctxt;
	time_t now;
	int p[2], q[2];
	pid_t pid;

	if (read_file("/proc/stat", text, sizeof(text)) <= 0) {
		check("stat_read", 0, "-1 %s", errno_name(errno));
		return;
	}
	check_stat_cpus(text, online);
	check_stat_tail(text);
	btime = field_after(text, "btime ");
	read_file("/proc/uptime", up, sizeof(up));
	now = time(NULL);
	check("stat_btime", llabs(btime + atoll(up) - (long long)now) <= 2,
	      "btime + uptime is now, within 2 s: %s",
	      yesno(llabs(btime + atoll(up) - (long long)now) <= 2));
	check("stat_procs_running", field_after(text, "procs_running ") >= 1,
	      "procs_running >= 1 (the reader): %s", yesno(field_after(text, "procs_running ") >= 1));
	check("stat_procs_blocked", field_after(text, "procs_blocked ") >= 0,
	      "procs_blocked >= 0: %s", yesno(field_after(text, "procs_blocked ") >= 0));

	/* A child that sleeps in read twice and is woken twice: context switches. */
	forks = field_after(text, "processes ");
	ctxt = field_after(text, "ctxt ");
	if (pipe(p) || pipe(q))
		return;
	pid = fork_flushed();
	if (pid == 0) {
		close(p[1]);
		close(q[0]);
		while (wait_byte(p[0]))
			post_byte(q[1]);
		_exit(0);
	}
	close(p[0]);
	close(q[1]);
	for (int i = 0; i < 3; i++) {
		post_byte(p[1]);
		wait_byte(q[0]);
	}
	close(p[1]);
	waitpid(pid, NULL, 0);
	close(q[0]);
	read_file("/proc/stat", after, sizeof(after));
	check("stat_processes_grows", field_after(after, "processes ") >= forks + 1,
	      "processes grew by >= 1 after a fork: %s",
	      yesno(field_after(after, "processes ") >= forks + 1));
	check("stat_ctxt_grows", field_after(after, "ctxt ") > ctxt,
	      "ctxt grew after a ping-pong: %s", yesno(field_after(after, "ctxt ") > ctxt));
}

/* --- cpuinfo and sysfs ------------------------------------------------------------ */

static void
test_cpuinfo(void)
{
	static char text[262144];
	long online = sysconf(_SC_NPROCESSORS_ONLN);
	int n = 0, order_ok = 1;

	if (read_file("/proc/cpuinfo", text, sizeof(text)) <= 0) {
		check("cpuinfo_read", 0, "-1 %s", errno_name(errno));
		return;
	}
	for (const char *p = text; p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		if (strncmp(p, "processor\t: ", 12))
			continue;
		if (atoi(p + 12) != n)
			order_ok = 0;
		n++;
	}
	check("cpuinfo_processors", n == online, "processor lines == _SC_NPROCESSORS_ONLN: %s",
	      yesno(n == online));
	check("cpuinfo_numbering", order_ok, "numbered 0..n-1: %s", yesno(order_ok));
}

/* A CPU list as the kernel prints it ("0", "0-3", "0-1,4"), counted; -1 if
 * malformed. */
static long
count_cpu_list(const char *s)
{
	long n = 0;

	while (isdigit((unsigned char)*s)) {
		char *end;
		long a = strtol(s, &end, 10), b = a;

		if (*end == '-')
			b = strtol(end + 1, &end, 10);
		if (b < a)
			return -1;
		n += b - a + 1;
		s = end;
		if (*s == ',')
			s++;
	}
	return *s == '\n' && s[1] == '\0' ? n : -1;
}

static void
test_sysfs(void)
{
	char buf[256];
	long n;

	n = read_file("/sys/devices/system/cpu/online", buf, sizeof(buf)) > 0 ?
	    count_cpu_list(buf) : -1;
	check("sysfs_online", n == sysconf(_SC_NPROCESSORS_ONLN),
	      "online list counts _SC_NPROCESSORS_ONLN CPUs: %s",
	      yesno(n == sysconf(_SC_NPROCESSORS_ONLN)));
	n = read_file("/sys/devices/system/cpu/possible", buf, sizeof(buf)) > 0 ?
	    count_cpu_list(buf) : -1;
	check("sysfs_possible", n == sysconf(_SC_NPROCESSORS_CONF),
	      "possible list counts _SC_NPROCESSORS_CONF CPUs: %s",
	      yesno(n == sysconf(_SC_NPROCESSORS_CONF)));
	n = read_file("/sys/devices/system/cpu/present", buf, sizeof(buf)) > 0 ?
	    count_cpu_list(buf) : -1;
	check("sysfs_present", n >= sysconf(_SC_NPROCESSORS_ONLN),
	      "present list counts >= online CPUs: %s",
	      yesno(n >= sysconf(_SC_NPROCESSORS_ONLN)));
}

/* --- loadavg, uptime ----------------------------------------------------------- */

static void
test_loadavg_uptime(void)
{
	char buf[256];
	double l1, l5, l15, up, idle;
	int running, total, fields;
	long last;
	pid_t child = fork_reaped();

	read_file("/proc/loadavg", buf, sizeof(buf));
	fields = sscanf(buf, "%lf %lf %lf %d/%d %ld", &l1, &l5, &l15, &running, &total, &last);
	check_long("loadavg_fields", fields, 6);
	check("loadavg_tasks", fields == 6 && running >= 1 && running <= total,
	      "1 <= running <= total: %s", yesno(fields == 6 && running >= 1 && running <= total));
	check("loadavg_last_pid", fields == 6 && last >= child,
	      "last PID >= a child just forked: %s", yesno(fields == 6 && last >= child));
	read_file("/proc/uptime", buf, sizeof(buf));
	fields = sscanf(buf, "%lf %lf", &up, &idle);
	check_long("uptime_fields", fields, 2);
	check("uptime_idle", fields == 2 && idle <= up * sysconf(_SC_NPROCESSORS_CONF) * 1.01 + 1,
	      "idle <= uptime per CPU: %s",
	      yesno(fields == 2 && idle <= up * sysconf(_SC_NPROCESSORS_CONF) * 1.01 + 1));
}

/* --- /proc/sys ----------------------------------------------------------------- */

static long
sysctl_long(const char *path)
{
	char buf[64];

	return read_file(path, buf, sizeof(buf)) > 0 ? atol(buf) : -1;
}

static void
test_sysctl_read(void)
{
	char buf[256], want[128];
	struct utsname u;
	struct rlimit rl;
	struct stat st, st2;
	long v;
	int fd;

	uname(&u);
	read_file("/proc/sys/kernel/ostype", buf, sizeof(buf));
	check("sysctl_ostype", !strcmp(buf, "Linux\n"), "\"Linux\\n\": %s",
	      yesno(!strcmp(buf, "Linux\n")));
	read_file("/proc/sys/kernel/osrelease", buf, sizeof(buf));
	snprintf(want, sizeof(want), "%s\n", u.release);
	check("sysctl_osrelease", !strcmp(buf, want), "is uname's release: %s", yesno(!strcmp(buf, want)));
	read_file("/proc/sys/kernel/hostname", buf, sizeof(buf));
	snprintf(want, sizeof(want), "%s\n", u.nodename);
	check("sysctl_hostname", !strcmp(buf, want), "is uname's nodename: %s", yesno(!strcmp(buf, want)));
	v = sysctl_long("/proc/sys/kernel/pid_max");
	check("sysctl_pid_max", v >= 301 && v <= 4194304, "301 <= pid_max <= 4194304: %s",
	      yesno(v >= 301 && v <= 4194304));
	v = sysctl_long("/proc/sys/kernel/threads-max");
	check("sysctl_threads_max", v >= 20, "threads-max >= 20: %s", yesno(v >= 20));
	getrlimit(RLIMIT_NOFILE, &rl);
	v = sysctl_long("/proc/sys/fs/nr_open");
	check("sysctl_nr_open", v >= (long)rl.rlim_max, "nr_open >= RLIMIT_NOFILE's hard limit: %s",
	      yesno(v >= (long)rl.rlim_max));
	v = sysctl_long("/proc/sys/vm/overcommit_memory");
	check("sysctl_overcommit", v >= 0 && v <= 2, "0, 1 or 2: %s", yesno(v >= 0 && v <= 2));
	v = fork_reaped();
	check("sysctl_ns_last_pid", sysctl_long("/proc/sys/kernel/ns_last_pid") >= v,
	      "ns_last_pid >= a child just forked: %s",
	      yesno(sysctl_long("/proc/sys/kernel/ns_last_pid") >= v));

	/* Offsets: a number only at 0, a string from anywhere. */
	fd = open("/proc/sys/kernel/pid_max", O_RDONLY);
	EXPECT_RET("sysctl_int_short_read", read(fd, buf, 2), 2);
	EXPECT_RET("sysctl_int_read_after", read(fd, buf, sizeof(buf)), 0);
	EXPECT_RET("sysctl_int_pread_1", pread(fd, buf, sizeof(buf), 1), 0);
	EXPECT_RET("sysctl_seek_end", lseek(fd, 0, SEEK_END), 0);
	close(fd);
	fd = open("/proc/sys/kernel/ostype", O_RDONLY);
	memset(buf, 0, sizeof(buf));
	EXPECT_RET("sysctl_str_pread_1", pread(fd, buf, sizeof(buf), 1), 5);
	check("sysctl_str_pread_1_text", !strcmp(buf, "inux\n"), "\"inux\\n\": %s",
	      yesno(!strcmp(buf, "inux\n")));
	EXPECT_RET("sysctl_str_pread_end", pread(fd, buf, sizeof(buf), 5), 1);
	EXPECT_RET("sysctl_str_pread_past", pread(fd, buf, sizeof(buf), 6), 0);
	close(fd);

	stat("/proc/sys/kernel/pid_max", &st);
	check("sysctl_pid_max_mode", (st.st_mode & 07777) == 0644 && st.st_size == 0 && st.st_uid == 0,
	      "0644, size 0, owned by root: %s",
	      yesno((st.st_mode & 07777) == 0644 && st.st_size == 0 && st.st_uid == 0));
	stat("/proc/sys/kernel/ns_last_pid", &st);
	check("sysctl_ns_last_pid_mode", (st.st_mode & 07777) == 0666, "0666: %s",
	      yesno((st.st_mode & 07777) == 0666));
	stat("/proc/sys/kernel/ostype", &st);
	check("sysctl_ostype_mode", (st.st_mode & 07777) == 0444, "0444: %s",
	      yesno((st.st_mode & 07777) == 0444));
	stat("/proc/sys/kernel/..", &st);
	stat("/proc/sys", &st2);
	check("sysctl_dotdot", st.st_ino == st2.st_ino && st.st_dev == st2.st_dev,
	      "/proc/sys/kernel/.. is /proc/sys: %s",
	      yesno(st.st_ino == st2.st_ino && st.st_dev == st2.st_dev));
}

/* Write text at the descriptor's position: the result, or -errno. */
static long
write_str(int fd, const char *s)
{
	ssize_t r = write(fd, s, strlen(s));

	return r == -1 ? -errno : (long)r;
}

/* A write's result: an errno name, or whether it returned `want` bytes
 * (never the count itself, which depends on pid_max's value). */
static void
check_write(const char *name, int fd, const char *s, long want, const char *fact)
{
	long r = write_str(fd, s);

	if (r < 0 || want <= 0)
		check(name, r == want, "%s, want %s", r < 0 ? errno_name((int)-r) : r ? "bytes" : "0",
		      want < 0 ? errno_name((int)-want) : "0");
	else
		check(name, r == want, "%s: %s", fact, yesno(r == want));
}

/* The parser and the position rule, on pid_max; each write leaves it as it was. */
static void
sysctl_write_rules(long orig)
{
	char s[64];
	int fd = open("/proc/sys/kernel/pid_max", O_WRONLY);

	check_write("pid_max_garbage", fd, "abc", -EINVAL, NULL);
	check_write("pid_max_blank", fd, " \n", -EINVAL, NULL);
	check_write("pid_max_below_min", fd, "300", -EINVAL, NULL);
	check_write("pid_max_above_max", fd, "4194305", -EINVAL, NULL);
	check_write("pid_max_negative", fd, "-1", -EINVAL, NULL);
	check_write("pid_max_plus", fd, "+400", -EINVAL, NULL);
	snprintf(s, sizeof(s), "%ldx", orig);
	check_write("pid_max_trailing_garbage", fd, s, -EINVAL, NULL);
	check_write("pid_max_empty", fd, "", 0, NULL);
	snprintf(s, sizeof(s), "  %ld 7\n", orig);
	check_write("pid_max_uses_one_number", fd, s, (long)strlen(s) - 2,
		    "used the spaces, the number and the spaces after it");
	check_write("pid_max_past_offset_0_ignored", fd, "999\n", 4, "taken whole, and ignored");
	close(fd);
	check("pid_max_unchanged", sysctl_long("/proc/sys/kernel/pid_max") == orig,
	      "pid_max as before: %s", yesno(sysctl_long("/proc/sys/kernel/pid_max") == orig));
	fd = open("/proc/sys/kernel/pid_max", O_WRONLY);
	snprintf(s, sizeof(s), "%#lo\n", orig);
	check_write("pid_max_octal", fd, s, (long)strlen(s), "taken whole");
	close(fd);
	fd = open("/proc/sys/kernel/pid_max", O_WRONLY);
	snprintf(s, sizeof(s), "%#lx", orig);
	check_write("pid_max_hex", fd, s, (long)strlen(s), "taken whole");
	close(fd);
	check("pid_max_same_after_radix", sysctl_long("/proc/sys/kernel/pid_max") == orig,
	      "pid_max as before: %s", yesno(sysctl_long("/proc/sys/kernel/pid_max") == orig));
	EXPECT_ERRNO("ostype_open_write_root", open("/proc/sys/kernel/ostype", O_WRONLY), EACCES);
}

/* pid_max lowered to 1000: the next fork's PID is below it. Restored at once. */
static void
sysctl_pid_max_honoured(long orig)
{
	char s[64];
	int fd = open("/proc/sys/kernel/pid_max", O_WRONLY);
	long r = write_str(fd, "1000\n");
	pid_t pid = -1;

	if (r == 5)
		pid = fork_reaped();
	snprintf(s, sizeof(s), "%ld\n", orig);
	lseek(fd, 0, SEEK_SET);
	write_str(fd, s);
	close(fd);
	check_long("pid_max_lower_write", r, 5);
	check("pid_max_honoured", pid > 0 && pid < 1000, "child PID < the lowered pid_max: %s",
	      yesno(pid > 0 && pid < 1000));
	check("pid_max_restored", sysctl_long("/proc/sys/kernel/pid_max") == orig,
	      "pid_max restored: %s", yesno(sysctl_long("/proc/sys/kernel/pid_max") == orig));
}

/* An unprivileged child: reports the errno of each attempt in its exit code. */
static void
sysctl_unprivileged(long orig)
{
	char s[64];
	int fd = open("/proc/sys/kernel/pid_max", O_WRONLY), p[2];
	pid_t pid;
	long got[4];

	snprintf(s, sizeof(s), "%ld", orig);
	if (pipe(p))
		return;
	pid = fork_flushed();
	if (pid == 0) {
		int nfd;

		close(p[0]);
		if (setgid(65534) || setuid(65534))
			_exit(1);
		send_long(p[1], write_str(fd, s));
		nfd = open("/proc/sys/kernel/pid_max", O_WRONLY);
		send_long(p[1], nfd == -1 ? -errno : 0);
		nfd = open("/proc/sys/kernel/ns_last_pid", O_WRONLY);
		send_long(p[1], nfd == -1 ? -errno : write_str(nfd, "5"));
		nfd = open("/proc/sys/kernel/pid_max", O_RDONLY);
		send_long(p[1], nfd == -1 ? -errno : 0);
		_exit(0);
	}
	close(p[1]);
	close(fd);
	for (int i = 0; i < 4; i++)
		if (recv_long(p[0], &got[i]))
			got[i] = 1;
	close(p[0]);
	waitpid(pid, NULL, 0);
	check_str("unpriv_write_root_fd", errno_name((int)-got[0]), "EPERM");
	check_str("unpriv_open_pid_max_write", errno_name((int)-got[1]), "EACCES");
	check_str("unpriv_write_ns_last_pid", errno_name((int)-got[2]), "EPERM");
	check_long("unpriv_open_pid_max_read", got[3], 0);
}

static void
test_sysctl_write(void)
{
	long orig = sysctl_long("/proc/sys/kernel/pid_max");

	if (geteuid() != 0) {
		check("sysctl_write_needs_root", 1, "skipped: not root");
		return;
	}
	sysctl_write_rules(orig);
	sysctl_pid_max_honoured(orig);
	sysctl_unprivileged(orig);
}

int
main(void)
{
	test_meminfo();
	test_stat();
	test_cpuinfo();
	test_sysfs();
	test_loadavg_uptime();
	test_sysctl_read();
	test_sysctl_write();
	return check_summary();
}
