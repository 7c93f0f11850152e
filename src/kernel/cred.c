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

/* Install new credentials (Linux: commit_creds). */
void
commit_creds(struct task_struct *t, struct cred *new)
{
	put_cred(t->cred);
	t->cred = new;
}

void
put_cred(struct cred *cred)
{
	if (cred && --cred->usage == 0)
		free(cred);
}
