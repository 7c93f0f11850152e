/* Credentials. The guest runs with the ids of the user who started
 * taskbox, as under qemu-user, so files of the root read as they do on the
 * host. */
#include <stdlib.h>
#include <unistd.h>

#include "kernel/kernel.h"
#include "kernel/sched.h"

struct cred *
prepare_kernel_cred(struct kernel *k)
{
	struct cred *c = calloc(1, sizeof(*c));

	(void)k;
	if (!c)
		return NULL;
	c->usage = 1;
	c->uid = c->euid = c->suid = c->fsuid = getuid();
	c->gid = c->egid = c->sgid = c->fsgid = getgid();
	return c;
}

/* A private copy of t's credentials to change (Linux: prepare_creds). */
struct cred *
prepare_creds(struct task_struct *t)
{
	struct cred *c = malloc(sizeof(*c));

	if (!c)
		return NULL;
	*c = *t->cred;
	c->usage = 1;
	return c;
}

/* A process counts against its real uid's RLIMIT_NPROC (Linux: the
 * ucounts of its real_cred). */
void
count_user_process(struct task_struct *t, int delta)
{
	struct user_struct *u = find_user(t->kernel, t->cred->uid);

	if (u)
		u->processes += delta;
}

/* Install new credentials (Linux: commit_creds). A new real uid takes the
 * process's count with it. */
void
commit_creds(struct task_struct *t, struct cred *new)
{
	bool moved = new->uid != t->cred->uid && thread_group_leader(t) && !t->exit_state;

	if (moved)
		count_user_process(t, -1);
	put_cred(t->cred);
	t->cred = new;
	if (moved)
		count_user_process(t, 1);
}

void
put_cred(struct cred *cred)
{
	if (cred && --cred->usage == 0)
		free(cred);
}
