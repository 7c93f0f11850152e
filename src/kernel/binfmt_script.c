/* "#!" scripts (Linux: fs/binfmt_script.c): argv becomes
 * interpreter [optional-arg] script-path original-args-after-argv0. */
#include <stdlib.h>
#include <string.h>

#include "kernel/binfmts.h"
#include "kernel/kernel.h"

static bool
spacetab(char c)
{
	return c == ' ' || c == '\t';
}

int
load_script(struct task_struct *t, struct linux_binprm *bprm)
{
	char *line = bprm->buf + 2, *end, *interp, *arg = NULL, *p;
	int err;

	(void)t;
	/* The line must end within the buffer (else Linux gives ENOEXEC,
	 * unless the part read already holds the whole interpreter name). */
	end = memchr(line, '\n', BINPRM_BUF_SIZE - 2);
	if (!end)
		end = bprm->buf + BINPRM_BUF_SIZE - 1;
	*end = '\0';
	while (end > line && spacetab(end[-1]))
		*--end = '\0';
	for (interp = line; spacetab(*interp); interp++)
		;
	if (!*interp)
		return -ENOEXEC;
	for (p = interp; *p && !spacetab(*p); p++)
		;
	if (*p) {
		*p++ = '\0';
		while (spacetab(*p))
			p++;
		if (*p)
			arg = p;
	}
	/* argv[0] is replaced by the script path; interp and arg go first. */
	if (bprm->argc > 0) {
		free(bprm->argv[0]);
		memmove(bprm->argv, bprm->argv + 1, --bprm->argc * sizeof(char *));
	}
	err = bprm_add_arg(bprm, 0, bprm->interp);
	if (!err && arg)
		err = bprm_add_arg(bprm, 0, arg);
	if (!err)
		err = bprm_add_arg(bprm, 0, interp);
	if (err)
		return err;
	free(bprm->interp);
	bprm->interp = strdup(interp);
	return bprm->interp ? 0 : -ENOMEM;
}
