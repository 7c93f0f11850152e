/* Identity and system information syscalls (Linux: kernel/sys.c, plus
 * set_tid_address from fork.c, the robust-list calls from futex/syscalls.c,
 * getrandom from drivers/char/random.c). */
#include <string.h>

#include "kernel/kernel.h"
#include <uapi/time_types.h>
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "kernel/time/timers.h"
#include "mm/mm.h"

#define UTS_LEN		65
#define GRND_NONBLOCK	0x1
#define GRND_RANDOM	0x2
#define GRND_INSECURE	0x4

struct new_utsname {
	char sysname[UTS_LEN], nodename[UTS_LEN], release[UTS_LEN];
	char version[UTS_LEN], machine[UTS_LEN], domainname[UTS_LEN];
};

SYSCALL_DEFINE1(uname, uaddr_t, name)
{
	struct new_utsname u;

	memset(&u, 0, sizeof(u));
	strcpy(u.sysname, UTS_SYSNAME);
	strcpy(u.nodename, UTS_NODENAME);
	strcpy(u.release, UTS_RELEASE);
	strcpy(u.version, UTS_VERSION);
	strcpy(u.machine, UTS_MACHINE);
	strcpy(u.domainname, "(none)");
	return copy_to_user(current->mm, name, &u, sizeof(u)) ? -EFAULT : 0;
}

SYSCALL_DEFINE0(getpid) { return current->tgid; }
SYSCALL_DEFINE0(gettid) { return current->pid; }
SYSCALL_DEFINE0(getppid)
{
	return current->real_parent ? current->real_parent->tgid : 0;
}
SYSCALL_DEFINE0(getuid) { return current->cred->uid; }
SYSCALL_DEFINE0(geteuid) { return current->cred->euid; }
SYSCALL_DEFINE0(getgid) { return current->cred->gid; }
SYSCALL_DEFINE0(getegid) { return current->cred->egid; }

static long
put_three_ids(struct task_struct *t, uaddr_t a, uaddr_t b, uaddr_t c,
	      uint32_t x, uint32_t y, uint32_t z)
{
	if (copy_to_user(t->mm, a, &x, 4) || copy_to_user(t->mm, b, &y, 4) ||
	    copy_to_user(t->mm, c, &z, 4))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE3(getresuid, uaddr_t, ruid, uaddr_t, euid, uaddr_t, suid)
{
	struct cred *c = current->cred;

	return put_three_ids(current, ruid, euid, suid, c->uid, c->euid, c->suid);
}

SYSCALL_DEFINE3(getresgid, uaddr_t, rgid, uaddr_t, egid, uaddr_t, sgid)
{
	struct cred *c = current->cred;

	return put_three_ids(current, rgid, egid, sgid, c->gid, c->egid, c->sgid);
}

/* Process groups and sessions (Linux: sys_setpgid, sys_getpgid, sys_setsid,
 * sys_getsid). A group is found through its struct pid (pid.c). */

/* Is there a process group `pgrp` in `session` (any session if < 0)? */
static bool
group_exists(struct kernel *k, pid_t pgrp, pid_t session)
{
	struct pid *pid = find_pid(k, pgrp);
	struct task_struct *p;

	if (!pid)
		return false;
	for_each_pid_task(p, pid, PIDTYPE_PGID)
		if (session < 0 || p->signal->session == session)
			return true;
	return false;
}

static struct task_struct *
find_process(struct task_struct *t, pid_t pid)
{
	struct task_struct *p = pid ? find_task_by_vpid(t->kernel, pid) : t;

	return p && thread_group_leader(p) && p->exit_state != EXIT_DEAD ? p : NULL;
}

#define PRIO_PROCESS	0
#define PRIO_PGRP	1
#define PRIO_USER	2

/* Linux: nice_to_rlimit: nice 19..-20 as 1..40, the scale of RLIMIT_NICE
 * and of getpriority's result. */
static long
nice_to_rlimit(long nice)
{
	return MAX_NICE - nice + 1;
}

/* Linux: set_one_prio, with set_one_prio_perm and can_nice. Only the
 * owner (or root) renices, and lowering below RLIMIT_NICE needs root. */
static int
set_one_prio(const struct cred *c, struct task_struct *p, int niceval, int error)
{
	if (p->cred->uid != c->euid && p->cred->euid != c->euid && c->euid != 0)
		return -EPERM;
	if (niceval < task_nice(p) && c->euid != 0 &&
	    (uint64_t)nice_to_rlimit(niceval) > p->signal->rlim[RLIMIT_NICE].rlim_cur)
		return -EACCES;
	set_user_nice(p, niceval);
	return error == -ESRCH ? 0 : error;
}

/* The tasks `which` and `who` name, for setpriority and getpriority: one
 * process, a process group, or every process of a user, zombies included
 * (they keep their pid until reaped). fn sees each; a zero who means the
 * caller's own. */
static long
for_each_prio_task(struct task_struct *t, int which, int who,
		   long (*fn)(struct task_struct *, struct task_struct *, long, int),
		   long acc, int arg)
{
	struct kernel *k = t->kernel;
	struct task_struct *p;
	struct pid *pgrp;
	uid_t uid = who ? (uid_t)who : t->cred->uid;

	switch (which) {
	case PRIO_PROCESS:
		p = who ? find_task_by_vpid(k, who) : t;
		if (p)
			acc = fn(t, p, acc, arg);
		break;
	case PRIO_PGRP:
		pgrp = find_pid(k, who ? who : t->signal->pgrp);
		if (pgrp)
			for_each_pid_task(p, pgrp, PIDTYPE_PGID)
				acc = fn(t, p, acc, arg);
		break;
	case PRIO_USER:
		for_each_process(k, p)
			if (p->cred->uid == uid && p->pid)
				acc = fn(t, p, acc, arg);
		break;
	}
	return acc;
}

static long
setprio_one(struct task_struct *t, struct task_struct *p, long error, int niceval)
{
	return set_one_prio(t->cred, p, niceval, (int)error);
}

static long
getprio_one(struct task_struct *t, struct task_struct *p, long best, int unused)
{
	long niceval = nice_to_rlimit(task_nice(p));

	(void)t;
	(void)unused;
	return niceval > best ? niceval : best;
}

/* Linux: setpriority. niceval is clamped to -20..19; ESRCH when nothing
 * matched, else the last error of the tasks that did. */
SYSCALL_DEFINE3(setpriority, int, which, int, who, int, niceval)
{
	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	niceval = niceval < MIN_NICE ? MIN_NICE : niceval > MAX_NICE ? MAX_NICE : niceval;
	return for_each_prio_task(current, which, who, setprio_one, -ESRCH, niceval);
}

/* Linux: getpriority. The highest priority among the tasks named, as
 * 40..1 (20 - nice): glibc turns it back into a nice value. */
SYSCALL_DEFINE2(getpriority, int, which, int, who)
{
	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	return for_each_prio_task(current, which, who, getprio_one, -ESRCH, 0);
}

SYSCALL_DEFINE1(getpgid, pid_t, pid)
{
	struct task_struct *p = find_process(current, pid);

	return p ? p->signal->pgrp : -ESRCH;
}

SYSCALL_DEFINE1(getsid, pid_t, pid)
{
	struct task_struct *p = find_process(current, pid);

	return p ? p->signal->session : -ESRCH;
}

SYSCALL_DEFINE2(setpgid, pid_t, pid, pid_t, pgid)
{
	struct task_struct *p;

	if (!pid)
		pid = current->tgid;
	if (!pgid)
		pgid = pid;
	if (pgid < 0)
		return -EINVAL;
	p = find_process(current, pid);
	if (!p)
		return -ESRCH;
	if (p->real_parent == current) {
		if (p->signal->session != current->signal->session)
			return -EPERM;
		if (p->did_exec)
			return -EACCES;
	} else if (p != current) {
		return -ESRCH;
	}
	if (p->signal->session == p->tgid)
		return -EPERM;		/* a session leader cannot move */
	if (pgid != pid && !group_exists(current->kernel, pgid, current->signal->session))
		return -EPERM;
	p->signal->pgrp = pgid;
	change_pid(p, PIDTYPE_PGID, pgid);
	return 0;
}

SYSCALL_DEFINE0(setsid)
{
	if (group_exists(current->kernel, current->tgid, -1))
		return -EPERM;		/* a group with our number exists */
	current->signal->pgrp = current->signal->session = current->tgid;
	change_pid(current, PIDTYPE_SID, current->tgid);
	change_pid(current, PIDTYPE_PGID, current->tgid);
	return current->tgid;
}

/* No supplementary groups. */
/* --- changing ids (Linux: kernel/sys.c) ------------------------------------
 * Privilege is euid 0 (CAP_SETUID/CAP_SETGID); -1 leaves an id unchanged.
 * The uid and gid calls share one worker over the four ids of a kind. */

struct id_set {
	uint32_t *r, *e, *s, *fs;
};

static struct id_set
uid_set(struct cred *c)
{
	return (struct id_set){ &c->uid, &c->euid, &c->suid, &c->fsuid };
}

static struct id_set
gid_set(struct cred *c)
{
	return (struct id_set){ &c->gid, &c->egid, &c->sgid, &c->fsgid };
}

static bool
id_is_one_of(uint32_t id, const struct id_set *o)
{
	return id == *o->r || id == *o->e || id == *o->s;
}

/* Apply a change to a copy of the caller's credentials and install it. */
static long
change_ids(struct task_struct *t, bool gid,
	   long (*fn)(struct id_set *n, const struct id_set *o, bool priv, const uint32_t *a),
	   const uint32_t *args)
{
	struct cred *new = prepare_creds(t);
	struct cred *old = t->cred;
	struct id_set n, o;
	long err;

	if (!new)
		return -ENOMEM;
	n = gid ? gid_set(new) : uid_set(new);
	o = gid ? gid_set(old) : uid_set(old);
	err = fn(&n, &o, old->euid == 0, args);
	if (err) {
		put_cred(new);
		return err;
	}
	commit_creds(t, new);
	return 0;
}

/* Linux: __sys_setuid. */
static long
set_id(struct id_set *n, const struct id_set *o, bool priv, const uint32_t *a)
{
	uint32_t id = a[0];

	if (id == UINT32_MAX)
		return -EINVAL;
	if (priv) {
		*n->r = *n->s = id;
	} else if (id != *o->r && id != *o->s) {
		return -EPERM;
	}
	*n->e = *n->fs = id;
	return 0;
}

/* Linux: __sys_setreuid. The saved id follows the effective one when the
 * real id is set, or the effective one moves off the real one. */
static long
set_re_id(struct id_set *n, const struct id_set *o, bool priv, const uint32_t *a)
{
	uint32_t r = a[0], e = a[1];

	if (r != UINT32_MAX) {
		if (!priv && r != *o->r && r != *o->e)
			return -EPERM;
		*n->r = r;
	}
	if (e != UINT32_MAX) {
		if (!priv && !id_is_one_of(e, o))
			return -EPERM;
		*n->e = e;
	}
	if (r != UINT32_MAX || (e != UINT32_MAX && e != *o->r))
		*n->s = *n->e;
	*n->fs = *n->e;
	return 0;
}

/* Linux: __sys_setresuid. */
static long
set_res_id(struct id_set *n, const struct id_set *o, bool priv, const uint32_t *a)
{
	uint32_t *dst[3] = { n->r, n->e, n->s };

	for (int i = 0; i < 3; i++)
		if (a[i] != UINT32_MAX && !priv && !id_is_one_of(a[i], o))
			return -EPERM;
	for (int i = 0; i < 3; i++)
		if (a[i] != UINT32_MAX)
			*dst[i] = a[i];
	*n->fs = *n->e;
	return 0;
}

SYSCALL_DEFINE1(setuid, uint32_t, uid)
{
	return change_ids(current, false, set_id, (uint32_t[]){ uid });
}

SYSCALL_DEFINE1(setgid, uint32_t, gid)
{
	return change_ids(current, true, set_id, (uint32_t[]){ gid });
}

SYSCALL_DEFINE2(setreuid, uint32_t, ruid, uint32_t, euid)
{
	return change_ids(current, false, set_re_id, (uint32_t[]){ ruid, euid });
}

SYSCALL_DEFINE2(setregid, uint32_t, rgid, uint32_t, egid)
{
	return change_ids(current, true, set_re_id, (uint32_t[]){ rgid, egid });
}

SYSCALL_DEFINE3(setresuid, uint32_t, ruid, uint32_t, euid, uint32_t, suid)
{
	return change_ids(current, false, set_res_id, (uint32_t[]){ ruid, euid, suid });
}

SYSCALL_DEFINE3(setresgid, uint32_t, rgid, uint32_t, egid, uint32_t, sgid)
{
	return change_ids(current, true, set_res_id, (uint32_t[]){ rgid, egid, sgid });
}

/* Linux: __sys_setfsuid: returns the old fsuid whether or not it changed. */
static long
set_fs_id(struct task_struct *t, bool gid, uint32_t id)
{
	struct cred *c = t->cred;
	struct id_set o = gid ? gid_set(c) : uid_set(c);
	uint32_t old = *o.fs;
	struct cred *new;

	if (id == UINT32_MAX || (c->euid != 0 && !id_is_one_of(id, &o) && id != *o.fs))
		return old;
	new = prepare_creds(t);
	if (!new)
		return old;
	*(gid ? &new->fsgid : &new->fsuid) = id;
	commit_creds(t, new);
	return old;
}

SYSCALL_DEFINE1(setfsuid, uint32_t, uid)
{
	return set_fs_id(current, false, uid);
}

SYSCALL_DEFINE1(setfsgid, uint32_t, gid)
{
	return set_fs_id(current, true, gid);
}

SYSCALL_DEFINE2(getgroups, int, size, uaddr_t, list)
{
	(void)list;
	return size < 0 ? -EINVAL : 0;
}

/* Linux: do_prlimit. Only the caller itself is reachable so far. */
static long
do_prlimit(struct task_struct *t, unsigned int resource,
	   const struct rlimit64 *new, struct rlimit64 *old)
{
	struct rlimit64 *rlim;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	rlim = &t->signal->rlim[resource];
	if (new && new->rlim_cur > new->rlim_max)
		return -EINVAL;
	if (new && new->rlim_max > rlim->rlim_max && t->cred->euid != 0)
		return -EPERM;
	if (old)
		*old = *rlim;
	if (new)
		*rlim = *new;
	if (new && resource == RLIMIT_CPU)
		update_cputime_expires(t->signal);	/* Linux: update_rlimit_cpu */
	return 0;
}

/* prlimit64 on another process: same real uid as its ids, or privilege
 * (Linux: check_prlimit_permission). */
static long
check_prlimit_permission(struct task_struct *t, struct task_struct *p)
{
	struct cred *c = t->cred, *tc = p->cred;

	if (c->euid == 0 || p == t)
		return 0;
	if (c->uid == tc->euid && c->uid == tc->suid && c->uid == tc->uid &&
	    c->gid == tc->egid && c->gid == tc->sgid && c->gid == tc->gid)
		return 0;
	return -EPERM;
}

SYSCALL_DEFINE4(prlimit64, pid_t, pid, unsigned int, resource, uaddr_t, new_rlim,
		uaddr_t, old_rlim)
{
	struct task_struct *p = pid ? find_task_by_vpid(current->kernel, pid) : current;
	struct rlimit64 new, old;
	long err;

	if (new_rlim && copy_from_user(current->mm, &new, new_rlim, sizeof(new)))
		return -EFAULT;
	if (!p || p->exit_state || !p->signal)
		return -ESRCH;
	err = check_prlimit_permission(current, p);
	if (err)
		return err;
	err = do_prlimit(p, resource, new_rlim ? &new : NULL, &old);
	if (err)
		return err;
	if (old_rlim && copy_to_user(current->mm, old_rlim, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(getrlimit, unsigned int, resource, uaddr_t, rlim)
{
	struct rlimit64 old;
	long err = do_prlimit(current, resource, NULL, &old);

	if (err)
		return err;
	return copy_to_user(current->mm, rlim, &old, sizeof(old)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(setrlimit, unsigned int, resource, uaddr_t, rlim)
{
	struct rlimit64 new;

	if (copy_from_user(current->mm, &new, rlim, sizeof(new)))
		return -EFAULT;
	return do_prlimit(current, resource, &new, NULL);
}

SYSCALL_DEFINE1(set_tid_address, uaddr_t, tidptr)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}

SYSCALL_DEFINE2(set_robust_list, uaddr_t, head, size_t, len)
{
	if (len != 24)	/* sizeof(struct robust_list_head) */
		return -EINVAL;
	current->robust_list = head;
	current->robust_list_len = len;
	return 0;
}

SYSCALL_DEFINE3(get_robust_list, int, pid, uaddr_t, head_ptr, uaddr_t, len_ptr)
{
	uint64_t len = 24;

	if (pid != 0 && pid != current->pid)
		return -ESRCH;
	if (copy_to_user(current->mm, head_ptr, &current->robust_list, 8) ||
	    copy_to_user(current->mm, len_ptr, &len, 8))
		return -EFAULT;
	return 0;
}

/* Linux: getcpu. The hart running the caller, and NUMA node 0: there is
 * one node. The third argument has been unused since Linux 2.6.24. */
SYSCALL_DEFINE3(getcpu, uaddr_t, cpup, uaddr_t, nodep, uaddr_t, unused)
{
	uint32_t cpu = current->on_cpu ? (uint32_t)current->on_cpu->id : (uint32_t)current->cpu;
	uint32_t node = 0;
	int err = 0;

	(void)unused;
	if (cpup)
		err |= copy_to_user(current->mm, cpup, &cpu, sizeof(cpu));
	if (nodep)
		err |= copy_to_user(current->mm, nodep, &node, sizeof(node));
	return err ? -EFAULT : 0;
}

/* restartable sequences are not provided; glibc falls back without them. */
SYSCALL_DEFINE4(rseq, uaddr_t, rseq, uint32_t, len, int, flags, uint32_t, sig)
{
	(void)rseq; (void)len; (void)flags; (void)sig;
	return -ENOSYS;
}

/* Advice changes nothing we model; MADV_DONTNEED on private anonymous
 * memory would zero pages, which Linux does: do it. */
SYSCALL_DEFINE3(madvise, uint64_t, start, uint64_t, len, int, advice)
{
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (advice == 4 /* MADV_DONTNEED */)
		unmap_page_range(current->mm, start, start + PAGE_ALIGN(len));
	flush_tlb_mm(current->kernel, current->mm);
	return 0;
}

/* Randomness comes from the seeded generator: runs are reproducible. */
SYSCALL_DEFINE3(getrandom, uaddr_t, buf, size_t, count, unsigned int, flags)
{
	uint8_t chunk[256];
	size_t done = 0;

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & GRND_INSECURE) && (flags & GRND_RANDOM))
		return -EINVAL;
	if (count > 0x1ffffff)
		count = 0x1ffffff;
	while (done < count) {
		size_t n = count - done < sizeof(chunk) ? count - done : sizeof(chunk);

		get_random_bytes(current->kernel, chunk, n);
		if (copy_to_user(current->mm, buf + done, chunk, n))
			return done ? (long)done : -EFAULT;
		done += n;
	}
	return (long)done;
}

/* Linux: do_sysinfo. Memory figures come from the --mem bound. */
struct sysinfo_ {
	int64_t uptime;
	uint64_t loads[3];
	uint64_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	uint16_t procs, pad;
	uint64_t totalhigh, freehigh;
	uint32_t mem_unit;
	char _f[4];
};

SYSCALL_DEFINE1(sysinfo, uaddr_t, info)
{
	struct kernel *k = current->kernel;
	struct sysinfo_ si;

	memset(&si, 0, sizeof(si));
	si.uptime = (int64_t)(k->time_ns / 1000000000ULL) + 1;
	for (int i = 0; i < 3; i++)	/* SI_LOAD_SHIFT 16 from FSHIFT 11 */
		si.loads[i] = k->avenrun[i] << (16 - 11);
	si.totalram = k->max_pages * PAGE_SIZE;
	si.freeram = (k->max_pages - k->nr_pages) * PAGE_SIZE;
	si.procs = (uint16_t)k->nr_tasks;
	si.mem_unit = 1;
	return copy_to_user(current->mm, info, &si, sizeof(si)) ? -EFAULT : 0;
}

#define RUSAGE_SELF	0
#define RUSAGE_CHILDREN	(-1)
#define RUSAGE_THREAD	1

/* Linux: getrusage. Children's times arrive with wait (lifecycle issue). */
SYSCALL_DEFINE2(getrusage, int, who, uaddr_t, ru)
{
	struct linux_rusage r;
	uint64_t ut = 0, st = 0;

	if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD)
		return -EINVAL;
	memset(&r, 0, sizeof(r));
	if (who != RUSAGE_CHILDREN) {
		ut = current->utime;
		st = current->stime;
	}
	r.utime_sec = (int64_t)(ut / 1000000000ULL);
	r.utime_usec = (int64_t)(ut % 1000000000ULL / 1000);
	r.stime_sec = (int64_t)(st / 1000000000ULL);
	r.stime_usec = (int64_t)(st % 1000000000ULL / 1000);
	return copy_to_user(current->mm, ru, &r, sizeof(r)) ? -EFAULT : 0;
}

#define PR_SET_PDEATHSIG	1
#define PR_GET_PDEATHSIG	2
#define PR_SET_NAME		15
#define PR_GET_NAME		16
#define PR_SET_CHILD_SUBREAPER	36
#define PR_GET_CHILD_SUBREAPER	37

/* Linux: sys_prctl; unknown options are EINVAL as in Linux. */
SYSCALL_DEFINE5(prctl, int, option, uint64_t, arg2, uint64_t, arg3,
		uint64_t, arg4, uint64_t, arg5)
{
	char comm[TASK_COMM_LEN];
	long n;

	(void)arg3; (void)arg4; (void)arg5;
	switch (option) {
	case PR_SET_PDEATHSIG:
		if (arg2 > _NSIG)
			return -EINVAL;
		current->pdeath_signal = (int)arg2;
		return 0;
	case PR_GET_PDEATHSIG:
		n = current->pdeath_signal;
		return copy_to_user(current->mm, arg2, &(int){ (int)n }, sizeof(int)) ? -EFAULT : 0;
	case PR_SET_CHILD_SUBREAPER:
		current->signal->is_child_subreaper = !!arg2;
		return 0;
	case PR_GET_CHILD_SUBREAPER:
		n = current->signal->is_child_subreaper;
		return copy_to_user(current->mm, arg2, &(int){ (int)n }, sizeof(int)) ? -EFAULT : 0;
	case PR_SET_NAME:
		memset(comm, 0, sizeof(comm));
		n = strncpy_from_user(current->mm, comm, arg2, sizeof(comm));
		if (n == -EFAULT)
			return -EFAULT;
		comm[TASK_COMM_LEN - 1] = '\0';
		set_task_comm(current, comm);
		return 0;
	case PR_GET_NAME:
		get_task_comm(comm, current);
		return copy_to_user(current->mm, arg2, comm, sizeof(comm)) ? -EFAULT : 0;
	default:
		return -EINVAL;
	}
}
