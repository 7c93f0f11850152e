/* PID allocation (Linux: alloc_pid): increasing numbers, wrap-around at
 * pid_max skipping numbers in use, EAGAIN when all are taken; process
 * groups keep their number alive. */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "fixture.h"

static struct task_struct *
task_with_pid(struct kernel *k)
{
	struct task_struct *t = alloc_task_struct(k);

	cr_assert_not_null(t);
	if (alloc_pid(k, t)) {
		free_task_struct(t);
		return NULL;
	}
	return t;
}

Test(pid, numbers_increase_wrap_and_skip_those_in_use)
{
	struct kernel_options opts = { .nr_cpus = 1, .pid_max = 8, .root = "/" };
	struct kernel *k = boot_kernel(&opts);
	struct task_struct *t[8];

	cr_assert_not_null(k);
	for (int i = 1; i < 8; i++) {
		t[i] = task_with_pid(k);
		cr_assert_not_null(t[i]);
		cr_expect_eq(t[i]->pid, i, "PIDs are handed out in order");
	}
	cr_expect_null(task_with_pid(k), "pid_max 8 allows PIDs 1..7 only");
	free_pid(k, t[3]);
	free_pid(k, t[5]);
	free_task_struct(t[3]);
	free_task_struct(t[5]);
	t[3] = task_with_pid(k);
	cr_expect_eq(t[3]->pid, 3, "after the wrap, the lowest free number");
	t[5] = task_with_pid(k);
	cr_expect_eq(t[5]->pid, 5, "3 is taken again: the next free one");
	for (int i = 1; i < 8; i++) {
		free_pid(k, t[i]);
		free_task_struct(t[i]);
	}
	kernel_shutdown(k);
}

Test(pid, a_process_group_keeps_its_number_while_members_remain)
{
	struct kernel_options opts = { .nr_cpus = 1, .pid_max = 4, .root = "/" };
	struct kernel *k = boot_kernel(&opts);
	struct task_struct *leader = task_with_pid(k), *member = task_with_pid(k);

	cr_assert(leader && member);
	attach_pid(leader, PIDTYPE_PGID, find_pid(k, leader->pid));
	attach_pid(member, PIDTYPE_PGID, find_pid(k, leader->pid));
	free_pid(k, leader);	/* the leader is reaped */
	cr_expect_not_null(find_pid(k, 1), "the group still bears number 1");
	cr_expect_null(find_task_by_vpid(k, 1), "but no task has it as PID");
	cr_expect_eq(pid_task(find_pid(k, 1), PIDTYPE_PGID), member);
	leader->pid = 0;
	cr_expect_eq(alloc_pid(k, leader), 0);
	cr_expect_eq(leader->pid, 3, "1 is still in use, 2 is the member's");
	free_pid(k, member);
	cr_expect_null(find_pid(k, 1), "the last member gone, the number is free");
	free_pid(k, leader);
	free_task_struct(leader);
	free_task_struct(member);
	kernel_shutdown(k);
}
