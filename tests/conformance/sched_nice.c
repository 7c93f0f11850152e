/*
 * sched_nice - niceness: getpriority and setpriority on a process, a process
 * group and a user; clamping; inheritance across fork and exec; the owner
 * and RLIMIT_NICE rules for unprivileged callers; /proc/PID/stat's priority
 * and nice fields.
 *
 * Values are printed relative to nothing but themselves: each scenario first
 * sets an absolute nice value as root, so the host's own niceness (a test run
 * under `nice`) does not show.
 *
 * Scenarios, each in a child of its own (lib/lifecycle.h):
 *	process		set and get on the caller and on a child by pid; clamping
 *			to 19 and -20; a zombie keeps its value until reaped, then
 *			ESRCH; EINVAL for an unknown `which`
 *	inherit		fork copies the value, exec keeps it; /proc/PID/stat shows
 *			20 + nice and nice
 *	group		PRIO_PGRP sets every member and reports the highest priority
 *	user		PRIO_USER reaches every process of a uid, and only those
 *	unprivileged	raising is allowed, lowering needs RLIMIT_NICE (EACCES),
 *			another user's process is EPERM
 *	affinity	sched_getaffinity of another process lists the online CPUs;
 *			ESRCH once it is reaped; setting another user's is EPERM,
 *			a mask of no online CPU EINVAL
 */
#define _GNU_SOURCE
#include <sched.h>
#include <sys/resource.h>

#include "lib/check.h"
#include "lib/lifecycle.h"

#define OTHER_UID	4243	/* a uid no one else on the host uses */

static char *self_path;		/* argv[0], for the exec in test_inherit */

static int
nice_of(int which, id_t who)
{
	errno = 0;
	return getpriority(which, who);
}

/* Fields 18 and 19 of /proc/PID/stat: priority and nice. */
static int
stat_prio(pid_t pid, long *prio, long *nice)
{
	char path[64], buf[1024], *p;
	FILE *f;
	int n = 0;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (!f || !fgets(buf, sizeof(buf), f)) {
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	p = strrchr(buf, ')');
	/* After ")": field 3 is the state; priority and nice are 18 and 19. */
	for (int field = 3; p && field <= 18; field++)
		p = strchr(p + 1, ' ');
	if (p)
		n = sscanf(p, " %ld %ld", prio, nice);
	return n == 2 ? 0 : -1;
}

static void
test_process(void)
{
	int release, st;
	pid_t child;

	EXPECT_SUCCESS("set_self", setpriority(PRIO_PROCESS, 0, 3));
	check_long("get_self", nice_of(PRIO_PROCESS, 0), 3);
	check_long("get_self_by_pid", nice_of(PRIO_PROCESS, getpid()), 3);
	EXPECT_SUCCESS("set_clamped_high", setpriority(PRIO_PROCESS, 0, 100));
	check_long("clamped_to_19", nice_of(PRIO_PROCESS, 0), 19);
	EXPECT_SUCCESS("set_clamped_low", setpriority(PRIO_PROCESS, 0, -100));
	check_long("clamped_to_minus_20", nice_of(PRIO_PROCESS, 0), -20);
	EXPECT_ERRNO("bad_which", setpriority(3, 0, 0), EINVAL);
	EXPECT_ERRNO("bad_which_get", getpriority(3, 0), EINVAL);

	child = fork_waiter(&release);
	EXPECT_SUCCESS("set_child", setpriority(PRIO_PROCESS, child, 6));
	check_long("get_child", nice_of(PRIO_PROCESS, child), 6);
	check_long("self_unchanged", nice_of(PRIO_PROCESS, 0), -20);
	close(release);
	while (waitid(P_PID, child, NULL, WEXITED | WNOWAIT) == -1 && errno == EINTR)
		;
	check_long("zombie_keeps_nice", nice_of(PRIO_PROCESS, child), 6);
	EXPECT_SUCCESS("set_zombie", setpriority(PRIO_PROCESS, child, 7));
	wait_pid(child, &st, 0);
	EXPECT_ERRNO("reaped_esrch", getpriority(PRIO_PROCESS, child), ESRCH);
	EXPECT_ERRNO("reaped_set_esrch", setpriority(PRIO_PROCESS, child, 1), ESRCH);
}

static void
test_inherit(void)
{
	long prio = 0, nice = 0;
	int p[2], st, parsed;
	pid_t child;

	setpriority(PRIO_PROCESS, 0, 4);
	parsed = stat_prio(getpid(), &prio, &nice);

	check("stat_fields", parsed == 0 && prio == 24 && nice == 4,
	      "priority %ld, nice %ld", prio, nice);
	if (pipe(p) == -1)
		return;
	child = fork_flushed();
	if (child == 0) {
		char fd[16];

		snprintf(fd, sizeof(fd), "%d", p[1]);
		execl(self_path, self_path, "--report-nice", fd, (char *)NULL);
		_exit(99);
	}
	close(p[1]);
	{
		long seen = -99;

		recv_long(p[0], &seen);
		check_long("exec_keeps_nice", seen, 4);
	}
	close(p[0]);
	wait_pid(child, &st, 0);
	check_exited("exec_child_status", st, 0);
}

static void
test_group(void)
{
	int r1, r2, st;
	pid_t a, b;

	setpgid(0, 0);
	setpriority(PRIO_PROCESS, 0, 0);
	a = fork_waiter(&r1);
	b = fork_waiter(&r2);
	EXPECT_SUCCESS("set_group", setpriority(PRIO_PGRP, 0, 9));
	check("group_members", nice_of(PRIO_PROCESS, a) == 9 && nice_of(PRIO_PROCESS, b) == 9 &&
	      nice_of(PRIO_PROCESS, 0) == 9, "both children and the caller at 9: %s",
	      yesno(nice_of(PRIO_PROCESS, a) == 9 && nice_of(PRIO_PROCESS, b) == 9));
	setpriority(PRIO_PROCESS, a, 12);
	check_long("group_highest", nice_of(PRIO_PGRP, getpgrp()), 9);
	setpriority(PRIO_PROCESS, 0, 15);
	setpriority(PRIO_PROCESS, b, 13);
	check_long("group_highest_after", nice_of(PRIO_PGRP, 0), 12);
	close(r1);
	close(r2);
	wait_pid(a, &st, 0);
	wait_pid(b, &st, 0);
	EXPECT_ERRNO("no_such_group", getpriority(PRIO_PGRP, a), ESRCH);
}

static void
test_user(void)
{
	int go[2], r1, st;
	pid_t a, b;

	setpriority(PRIO_PROCESS, 0, 0);
	if (pipe(go) == -1)
		return;
	a = fork_flushed();
	if (a == 0) {		/* becomes OTHER_UID and waits */
		close(go[1]);
		if (setresuid(OTHER_UID, OTHER_UID, OTHER_UID) == -1)
			_exit(98);
		wait_byte(go[0]);
		_exit(0);
	}
	close(go[0]);
	b = fork_waiter(&r1);	/* stays root */
	/* Wait until a has changed its uid: its PRIO_USER answer exists. */
	for (int i = 0; i < 100000 && nice_of(PRIO_USER, OTHER_UID) == -1 && errno == ESRCH; i++)
		sched_yield();
	EXPECT_SUCCESS("set_user", setpriority(PRIO_USER, OTHER_UID, 8));
	check_long("user_member", nice_of(PRIO_PROCESS, a), 8);
	check_long("other_user_untouched", nice_of(PRIO_PROCESS, b), 0);
	check_long("get_user", nice_of(PRIO_USER, OTHER_UID), 8);
	close(go[1]);
	close(r1);
	wait_pid(a, &st, 0);
	check_exited("user_child_status", st, 0);
	wait_pid(b, &st, 0);
	EXPECT_ERRNO("no_such_user", getpriority(PRIO_USER, OTHER_UID), ESRCH);
}

static void
test_unprivileged(void)
{
	struct rlimit rl = { 0, 0 };
	pid_t parent = getppid();	/* the top process: root's */

	setpriority(PRIO_PROCESS, 0, 5);
	setrlimit(RLIMIT_NICE, &rl);
	if (setresuid(OTHER_UID, OTHER_UID, OTHER_UID) == -1) {
		check("setresuid", 0, "-1 %s", errno_name(errno));
		return;
	}
	EXPECT_SUCCESS("raise_allowed", setpriority(PRIO_PROCESS, 0, 10));
	EXPECT_ERRNO("lower_eacces", setpriority(PRIO_PROCESS, 0, 9), EACCES);
	EXPECT_SUCCESS("same_allowed", setpriority(PRIO_PROCESS, 0, 10));
	EXPECT_ERRNO("other_user_eperm", setpriority(PRIO_PROCESS, parent, 19), EPERM);
	check_long("get_other_user_allowed", nice_of(PRIO_PROCESS, 0), 10);
}

static void
test_affinity(void)
{
	cpu_set_t set, none;
	int release, st, n;
	long online = sysconf(_SC_NPROCESSORS_ONLN);
	pid_t child = fork_waiter(&release);

	CPU_ZERO(&set);
	EXPECT_SUCCESS("get_other", sched_getaffinity(child, sizeof(set), &set));
	n = CPU_COUNT(&set);
	check("other_has_online_cpus", n == online, "as many CPUs as are online: %s",
	      yesno(n == online));
	CPU_ZERO(&none);
	CPU_SET(1000, &none);
	EXPECT_ERRNO("set_no_online_cpu", sched_setaffinity(child, sizeof(none), &none), EINVAL);
	close(release);
	wait_pid(child, &st, 0);
	EXPECT_ERRNO("get_reaped_esrch", sched_getaffinity(child, sizeof(set), &set), ESRCH);
	child = fork_flushed();
	if (child == 0) {
		int err = 0;

		if (setresuid(OTHER_UID, OTHER_UID, OTHER_UID) == 0 &&
		    sched_setaffinity(getppid(), sizeof(set), &set) == -1)
			err = errno;
		_exit(err == EPERM ? 0 : 1);
	}
	wait_pid(child, &st, 0);
	check_exited("set_other_user_eperm", st, 0);
}

int
main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--report-nice") == 0) {
		send_long(atoi(argv[2]), nice_of(PRIO_PROCESS, 0));
		return 0;
	}
	self_path = argv[0];
	scenario("process", test_process);
	scenario("inherit", test_inherit);
	scenario("group", test_group);
	scenario("user", test_user);
	scenario("unprivileged", test_unprivileged);
	scenario("affinity", test_affinity);
	return check_summary();
}
