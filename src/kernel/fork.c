/* Process creation (Linux: kernel/fork.c).
 *
 * kernel_clone -> copy_process -> dup_task_struct, copy_creds, copy_files,
 * copy_fs, copy_sighand, copy_signal, copy_mm, copy_thread, alloc_pid, then
 * the commit into the task tree, and wake_up_new_task. fork copies page
 * tables, not pages (dup_mm): private writable pages become copy-on-write. */
#include <stdlib.h>
#include <string.h>

#include <uapi/fcntl.h>

#include "fs/fs.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/sched/sched.h"
#include "kernel/syscalls.h"
#include "mm/mm.h"

#define CSIGNAL			0x000000ff
#define CLONE_VM		0x00000100
#define CLONE_FS		0x00000200
#define CLONE_FILES		0x00000400
#define CLONE_SIGHAND		0x00000800
#define CLONE_PIDFD		0x00001000
#define CLONE_PTRACE		0x00002000
#define CLONE_VFORK		0x00004000
#define CLONE_PARENT		0x00008000
#define CLONE_THREAD		0x00010000
#define CLONE_NEWNS		0x00020000
#define CLONE_SYSVSEM		0x00040000
#define CLONE_SETTLS		0x00080000
#define CLONE_PARENT_SETTID	0x00100000
#define CLONE_CHILD_CLEARTID	0x00200000
#define CLONE_DETACHED		0x00400000
#define CLONE_UNTRACED		0x00800000
#define CLONE_CHILD_SETTID	0x01000000
#define CLONE_NEWCGROUP		0x02000000
#define CLONE_NEWUTS		0x04000000
#define CLONE_NEWIPC		0x08000000
#define CLONE_NEWUSER		0x10000000
#define CLONE_NEWPID		0x20000000
#define CLONE_NEWNET		0x40000000
#define CLONE_IO		0x80000000
#define CLONE_CLEAR_SIGHAND	0x100000000ULL
#define CLONE_INTO_CGROUP	0x200000000ULL
#define CLONE_NEWTIME		0x00000080

#define CLONE_ARGS_SIZE_VER0	64
#define CLONE_ARGS_SIZE_VER2	88

/* Linux: struct kernel_clone_args. */
struct kernel_clone_args {
	uint64_t flags;
	uaddr_t pidfd, child_tid, parent_tid;
	int exit_signal;
	uaddr_t stack, stack_size, tls;
};

/* --- copy_mm: the address space ------------------------------------------ */

/* Share or copy-on-write one present page into the child (Linux:
 * copy_present_pte). Private writable pages lose write permission in both. */
static int
copy_present_pte(struct mm_struct *dst, struct mm_struct *src,
		 const struct vm_area_struct *vma, uint64_t addr)
{
	pte_t *s = pte_lookup(src, addr), *d;

	if (!s || !*s)
		return 0;
	d = pte_alloc(dst, addr);
	if (!d)
		return -ENOMEM;
	if (!(vma->vm_flags & VM_SHARED))
		*s &= ~PTE_W;
	*d = *s;
	get_page(pte_page(*s));
	add_mm_rss(dst, 1);
	return 0;
}

/* Walk only the page tables that exist under the VMA (Linux:
 * copy_page_range), so the cost follows what is mapped. */
static int
copy_page_range(struct mm_struct *dst, struct mm_struct *src,
		const struct vm_area_struct *vma)
{
	uint64_t a = vma->vm_start;

	while (a < vma->vm_end) {
		pte_t **pmd = src->pgd[(a >> 30) & 511];

		if (!pmd) {
			a = (a | ((1ULL << 30) - 1)) + 1;
			continue;
		}
		if (!pmd[(a >> 21) & 511]) {
			a = (a | ((1ULL << 21) - 1)) + 1;
			continue;
		}
		if (copy_present_pte(dst, src, vma, a))
			return -ENOMEM;
		a += PAGE_SIZE;
	}
	return 0;
}

/* Linux: dup_mm + dup_mmap. */
static struct mm_struct *
dup_mm(struct mm_struct *old)
{
	struct mm_struct *mm = mm_alloc(old->kernel);

	if (!mm)
		return NULL;
	memcpy(&mm->mmap_base, &old->mmap_base,
	       sizeof(*mm) - offsetof(struct mm_struct, mmap_base));
	mm->total_vm = 0;
	mm->rss = 0;
	mm->hiwater_vm = mm->hiwater_rss = 0;
	mm->nr_ptes = 0;
	mm->exe_path = old->exe_path ? strdup(old->exe_path) : NULL;
	mm->exe_inode = NULL;
	set_mm_exe_inode(mm, old->exe_inode);
	/* Exactly the parent's VMAs: a sleeping child costs no slack. */
	mm->vmas = malloc((old->map_count ? old->map_count : 1) * sizeof(*mm->vmas));
	if (!mm->vmas) {
		mmput(mm);
		return NULL;
	}
	mm->vmas_cap = old->map_count ? old->map_count : 1;
	for (int i = 0; i < old->map_count; i++) {
		if (insert_vm_struct(mm, &old->vmas[i]) ||
		    copy_page_range(mm, old, &old->vmas[i])) {
			mmput(mm);
			return NULL;
		}
	}
	/* The parent's write-TLB entries for now write-protected pages go. */
	flush_tlb_mm(old->kernel, old);
	return mm;
}

static int
copy_mm(uint64_t flags, struct task_struct *p)
{
	if (!p->mm)
		return 0;		/* kernel threads */
	if (flags & CLONE_VM) {
		p->mm->mm_users++;
		return 0;
	}
	p->mm = dup_mm(p->mm);
	return p->mm ? 0 : -ENOMEM;
}

/* --- the other resources -------------------------------------------------- */

static int
copy_files(uint64_t flags, struct task_struct *p)
{
	struct files_struct *f;

	if (flags & CLONE_FILES) {
		p->files->count++;
		return 0;
	}
	f = dup_fd(p->files);
	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	p->files = f;
	return 0;
}

static int
copy_fs(uint64_t flags, struct task_struct *p)
{
	if (flags & CLONE_FS) {
		p->fs->users++;
		return 0;
	}
	p->fs = copy_fs_struct(p->fs);
	return p->fs ? 0 : -ENOMEM;
}

/* CLONE_CLEAR_SIGHAND resets handlers to default, keeping SIG_IGN. */
static int
copy_sighand(uint64_t flags, struct task_struct *p)
{
	struct sighand_struct *sh;

	if (flags & CLONE_SIGHAND) {
		p->sighand->count++;
		return 0;
	}
	sh = alloc_sighand();
	if (!sh)
		return -ENOMEM;
	memcpy(sh->action, p->sighand->action, sizeof(sh->action));
	if (flags & CLONE_CLEAR_SIGHAND)
		for (int i = 0; i < _NSIG; i++)
			if (sh->action[i].handler != SIG_IGN)
				sh->action[i].handler = SIG_DFL;
	p->sighand = sh;
	return 0;
}

static int
copy_signal(uint64_t flags, struct task_struct *p, struct task_struct *cur)
{
	struct signal_struct *sig;

	if (flags & CLONE_THREAD) {
		p->signal->nr_threads++;
		p->signal->live++;
		return 0;
	}
	sig = alloc_signal();
	if (!sig)
		return -ENOMEM;
	memcpy(sig->rlim, cur->signal->rlim, sizeof(sig->rlim));
	sig->pgrp = cur->signal->pgrp;
	sig->session = cur->signal->session;
	sig->has_child_subreaper = cur->signal->has_child_subreaper ||
				   cur->signal->is_child_subreaper;
	sig->leader = p;
	sig->oom_score_adj = cur->signal->oom_score_adj;
	sig->oom_score_adj_min = cur->signal->oom_score_adj_min;
	p->signal = sig;
	return 0;
}

/* The child's registers: a0 = 0, its own stack and TLS if asked (Linux:
 * copy_thread). */
static void
copy_thread(struct task_struct *p, const struct kernel_clone_args *args)
{
	p->regs.x[REG_A0] = 0;
	if (args->stack)
		p->regs.x[REG_SP] = args->stack + args->stack_size;
	if (args->flags & CLONE_SETTLS)
		p->regs.x[REG_TP] = args->tls;
}

/* --- copy_process ---------------------------------------------------------- */

/* The flag rules Linux checks first (copy_process's opening block). */
static int
clone_flags_valid(struct task_struct *cur, uint64_t flags)
{
	if ((flags & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS))
		return -EINVAL;
	if ((flags & (CLONE_NEWUSER | CLONE_FS)) == (CLONE_NEWUSER | CLONE_FS))
		return -EINVAL;
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if ((flags & CLONE_PARENT) && cur == cur->kernel->child_reaper)
		return -EINVAL;
	if ((flags & CLONE_PIDFD) && (flags & (CLONE_DETACHED | CLONE_THREAD)))
		return -EINVAL;
	if ((flags & CLONE_CLEAR_SIGHAND) && (flags & CLONE_SIGHAND))
		return -EINVAL;
	/* What later issues bring: threads, namespaces. */
	if (flags & (CLONE_THREAD | CLONE_NEWNS | CLONE_NEWCGROUP |
		     CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID |
		     CLONE_NEWNET | CLONE_NEWTIME | CLONE_INTO_CGROUP))
		return -EINVAL;
	return 0;
}

/* RLIMIT_NPROC counts the processes of the caller's real uid; root and
 * the privileged are exempt (Linux: the check in copy_process). */
static bool
over_nproc_limit(struct task_struct *cur)
{
	struct user_struct *u = find_user(cur->kernel, cur->cred->uid);

	if (!u || cur->cred->uid == 0 || cur->cred->euid == 0)
		return false;
	return (uint64_t)u->processes >= cur->signal->rlim[RLIMIT_NPROC].rlim_cur;
}

/* Copy the task_struct itself (Linux: dup_task_struct). */
static struct task_struct *
dup_task_struct(struct task_struct *cur)
{
	struct task_struct *p = alloc_task_struct(cur->kernel);

	if (!p)
		return NULL;
	memcpy(p->comm, cur->comm, sizeof(p->comm));
	p->regs = cur->regs;
	p->mm = cur->mm;
	p->files = cur->files;
	p->fs = cur->fs;
	p->signal = cur->signal;
	p->sighand = cur->sighand;
	p->cred = cur->cred;
	p->cred->usage++;
	p->blocked = cur->blocked;
	p->static_prio = cur->static_prio;	/* Linux: sched_fork */
	p->sas_ss_sp = cur->sas_ss_sp;
	p->sas_ss_size = cur->sas_ss_size;
	p->sas_ss_flags = cur->sas_ss_flags;
	p->flags = (cur->flags & ~PF_EXITING) | PF_FORKNOEXEC;
	return p;
}

/* Link the new task into the tree (the commit half of copy_process). */
static void
attach_child(struct task_struct *p, struct task_struct *cur,
	     const struct kernel_clone_args *args)
{
	p->tgid = p->pid;
	p->group_leader = p;
	p->exit_signal = args->exit_signal;
	p->real_parent = p->parent = (args->flags & CLONE_PARENT) ? cur->real_parent : cur;
	if (args->flags & CLONE_PARENT)
		p->exit_signal = cur->group_leader->exit_signal;
	list_add_tail(&p->sibling, &p->real_parent->children);
	if (cur->pids[PIDTYPE_PGID])
		attach_pid(p, PIDTYPE_PGID, cur->pids[PIDTYPE_PGID]);
	if (cur->pids[PIDTYPE_SID])
		attach_pid(p, PIDTYPE_SID, cur->pids[PIDTYPE_SID]);
	list_add_tail(&p->tasks, &cur->kernel->tasks);
	cur->kernel->nr_tasks++;
	cur->kernel->total_forks++;
	count_user_process(p, 1);
	p->start_time = cur->kernel->time_ns;
	p->set_child_tid = (args->flags & CLONE_CHILD_SETTID) ? args->child_tid : 0;
	p->clear_child_tid = (args->flags & CLONE_CHILD_CLEARTID) ? args->child_tid : 0;
}

static struct task_struct *
copy_process(struct task_struct *cur, struct kernel_clone_args *args)
{
	uint64_t flags = args->flags;
	struct task_struct *p;
	int err;

	err = clone_flags_valid(cur, flags);
	if (err)
		return ERR_PTR(err);
	if (over_nproc_limit(cur))
		return ERR_PTR(-EAGAIN);
	p = dup_task_struct(cur);
	if (!p)
		return ERR_PTR(-ENOMEM);
	if ((err = copy_files(flags, p)))
		goto bad_fork_cleanup_cred;
	if ((err = copy_fs(flags, p)))
		goto bad_fork_cleanup_files;
	if ((err = copy_sighand(flags, p)))
		goto bad_fork_cleanup_fs;
	if ((err = copy_signal(flags, p, cur)))
		goto bad_fork_cleanup_sighand;
	if ((err = copy_mm(flags, p)))
		goto bad_fork_cleanup_signal;
	if ((err = alloc_pid(cur->kernel, p)))
		goto bad_fork_cleanup_mm;
	/* Commit: nothing below fails. */
	copy_thread(p, args);
	attach_child(p, cur, args);
	return p;

bad_fork_cleanup_mm:
	if (p->mm)
		mmput(p->mm);
bad_fork_cleanup_signal:
	if (!(flags & CLONE_THREAD))
		free(p->signal);
bad_fork_cleanup_sighand:
	if (flags & CLONE_SIGHAND)
		p->sighand->count--;
	else
		free(p->sighand);
bad_fork_cleanup_fs:
	put_fs_struct(p->fs);
bad_fork_cleanup_files:
	put_files_struct(p->files);
bad_fork_cleanup_cred:
	put_cred(p->cred);
	free_task_struct(p);
	return ERR_PTR(err);
}

/* Linux: kernel_clone. Returns the child's PID; with CLONE_VFORK the parent
 * then sleeps until the child execs or exits. */
static long
kernel_clone(struct task_struct *cur, struct kernel_clone_args *args)
{
	struct task_struct *p;
	struct file *pidfile = NULL;
	int pidfd = -1;
	pid_t nr;

	/* CLONE_PIDFD and CLONE_PARENT_SETTID share clone's ptid slot. */
	if ((args->flags & CLONE_PIDFD) && (args->flags & CLONE_PARENT_SETTID) &&
	    args->pidfd == args->parent_tid)
		return -EINVAL;
	/* The pidfd's word must be writable before there is a child: Linux
	 * writes it inside copy_process and fails the fork with EFAULT. */
	if (args->flags & CLONE_PIDFD) {
		if (copy_to_user(cur->mm, args->pidfd, &pidfd, sizeof(pidfd)))
			return -EFAULT;
		pidfd = get_unused_fd_flags(cur, O_CLOEXEC);	/* EMFILE fails the fork */
		if (pidfd < 0)
			return pidfd;
	}
	p = copy_process(cur, args);
	if (IS_ERR(p)) {
		if (pidfd >= 0)
			put_unused_fd(cur, (unsigned int)pidfd);
		return PTR_ERR(p);
	}
	nr = p->pid;
	if (pidfd >= 0) {
		pidfile = pidfd_file(p, 0);
		if (IS_ERR(pidfile)) {
			put_unused_fd(cur, (unsigned int)pidfd);
			pidfd = -1;
		} else {
			fd_install(cur, (unsigned int)pidfd, pidfile);
		}
		(void)copy_to_user(cur->mm, args->pidfd, &pidfd, sizeof(pidfd));
	}
	if (args->flags & CLONE_PARENT_SETTID)
		(void)copy_to_user(cur->mm, args->parent_tid, &nr, sizeof(nr));
	if (p->set_child_tid)
		(void)copy_to_user(p->mm, p->set_child_tid, &nr, sizeof(nr));
	wake_up_new_task(p);
	if (args->flags & CLONE_VFORK) {
		/* The parent sleeps killably after the call has returned nr
		 * (Linux: wait_for_vfork_done): no re-run is needed. */
		p->vfork_parent = cur;
		cur->__state = TASK_KILLABLE;
	}
	return nr;
}

/* riscv64 argument order: flags, newsp, parent_tidptr, tls, child_tidptr. */
SYSCALL_DEFINE5(clone, uint64_t, clone_flags, uaddr_t, newsp, uaddr_t, parent_tidptr,
		uaddr_t, tls, uaddr_t, child_tidptr)
{
	struct kernel_clone_args args = {
		.flags = clone_flags & ~(uint64_t)CSIGNAL & 0xffffffffULL,
		.pidfd = parent_tidptr, .child_tid = child_tidptr,
		.parent_tid = parent_tidptr, .exit_signal = (int)(clone_flags & CSIGNAL),
		.stack = newsp, .tls = tls,
	};

	return kernel_clone(current, &args);
}

/* The user's struct clone_args (include/uapi/linux/sched.h). */
struct clone_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal;
	uint64_t stack, stack_size, tls, set_tid, set_tid_size, cgroup;
};

/* Linux: copy_clone_args_from_user + clone3_args_valid. */
static int
copy_clone_args_from_user(struct task_struct *t, struct kernel_clone_args *kargs,
			  uaddr_t uargs, size_t usize)
{
	struct clone_args args = { 0 };

	if (usize > PAGE_SIZE)
		return -E2BIG;
	if (usize < CLONE_ARGS_SIZE_VER0)
		return -EINVAL;
	for (size_t off = sizeof(args); off < usize; off++) {
		uint8_t b;

		if (copy_from_user(t->mm, &b, uargs + off, 1))
			return -EFAULT;
		if (b)
			return -E2BIG;
	}
	if (copy_from_user(t->mm, &args, uargs, usize < sizeof(args) ? usize : sizeof(args)))
		return -EFAULT;
	if (args.set_tid_size || args.set_tid)
		return -EINVAL;		/* set_tid needs PID namespaces */
	if (args.exit_signal & ~CSIGNAL || args.exit_signal > _NSIG)
		return -EINVAL;
	if ((args.flags & ~(CLONE_CLEAR_SIGHAND | CLONE_INTO_CGROUP | 0xffffffffULL)) ||
	    (args.flags & CSIGNAL))
		return -EINVAL;
	if ((args.flags & (CLONE_THREAD | CLONE_PARENT)) && args.exit_signal)
		return -EINVAL;
	if ((args.stack == 0) != (args.stack_size == 0))
		return -EINVAL;
	*kargs = (struct kernel_clone_args){
		.flags = args.flags, .pidfd = args.pidfd, .child_tid = args.child_tid,
		.parent_tid = args.parent_tid, .exit_signal = (int)args.exit_signal,
		.stack = args.stack, .stack_size = args.stack_size, .tls = args.tls,
	};
	return 0;
}

SYSCALL_DEFINE2(clone3, uaddr_t, uargs, size_t, size)
{
	struct kernel_clone_args kargs;
	int err = copy_clone_args_from_user(current, &kargs, uargs, size);

	if (err)
		return err;
	return kernel_clone(current, &kargs);
}
