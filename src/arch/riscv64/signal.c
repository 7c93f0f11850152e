/* Signal delivery on riscv64 (Linux: arch/riscv/kernel/signal.c).
 *
 * A handler runs on a frame Linux's way: struct rt_sigframe (siginfo, then
 * a ucontext whose uc_mcontext holds pc, x1..x31 and the D-extension
 * registers with fcsr) below the stack pointer or at the top of the
 * alternate stack, 16-byte aligned; ra points at __vdso_rt_sigreturn in
 * the [vdso] (vdso.c), a0..a2 are the signal, &info and &uc.
 * rt_sigreturn reads the frame back, so a handler that edits the saved
 * context changes where and how the program goes on. */
#include <stddef.h>
#include <string.h>

#include <uapi/unistd.h>

#include "arch/riscv64/cpu.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "mm/mm.h"

/* The riscv64 uapi structures, as the guest's headers define them. */
struct user_regs_struct {
	uint64_t pc, x[31];		/* x[0] here is ra (x1) */
};

struct riscv_ctx_hdr {
	uint32_t magic, size;
};

/* union __riscv_fp_state, sized for the Q extension; the D layout at its
 * start, the extension header (__riscv_extra_ext_header) at its end. */
struct riscv_fp_state {
	uint64_t f[32];
	uint32_t fcsr;
	uint32_t pad[(512 + 4 - 256 - 4) / 4];	/* to __padding[129] */
	uint32_t reserved;			/* must read back as 0 */
	struct riscv_ctx_hdr hdr;		/* END_MAGIC (0), size 0 */
} __attribute__((aligned(16)));

struct sigcontext {
	struct user_regs_struct sc_regs;
	struct riscv_fp_state sc_fpregs;
};

struct stack_t_ {
	uint64_t ss_sp;
	int32_t ss_flags, pad;
	uint64_t ss_size;
};

struct ucontext {
	uint64_t uc_flags;
	uint64_t uc_link;
	struct stack_t_ uc_stack;
	sigset_t_ uc_sigmask;
	uint8_t unused[1024 / 8 - sizeof(sigset_t_)];
	struct sigcontext uc_mcontext __attribute__((aligned(16)));
};

struct rt_sigframe {
	kernel_siginfo_t info;
	struct ucontext uc;
};

_Static_assert(sizeof(struct riscv_fp_state) == 528, "union __riscv_fp_state");
_Static_assert(offsetof(struct ucontext, uc_mcontext) == 176, "uc_mcontext");
_Static_assert(sizeof(struct rt_sigframe) == 1088, "struct rt_sigframe");

/* Linux: get_rt_frame_size(true), kept as signal_minsigstksz: the stack one
 * signal's frame needs (there is no vector state to add), which programs
 * read as AT_MINSIGSTKSZ. */
size_t
get_rt_frame_size(void)
{
	return (sizeof(struct rt_sigframe) + 15) & ~(size_t)15;
}

/* --- the frame ------------------------------------------------------------ */

static void
setup_sigcontext(struct sigcontext *sc, const struct pt_regs *regs)
{
	sc->sc_regs.pc = regs->pc;
	memcpy(sc->sc_regs.x, &regs->x[1], sizeof(sc->sc_regs.x));
	memcpy(sc->sc_fpregs.f, regs->f, sizeof(sc->sc_fpregs.f));
	sc->sc_fpregs.fcsr = regs->frm << 5 | regs->fflags;
}

/* Linux: restore_sigcontext. A frame whose extension area is not what the
 * kernel wrote is refused. */
static int
restore_sigcontext(struct pt_regs *regs, const struct sigcontext *sc)
{
	if (sc->sc_fpregs.reserved || sc->sc_fpregs.hdr.magic || sc->sc_fpregs.hdr.size)
		return -EINVAL;
	regs->pc = sc->sc_regs.pc;
	memcpy(&regs->x[1], sc->sc_regs.x, sizeof(sc->sc_regs.x));
	memcpy(regs->f, sc->sc_fpregs.f, sizeof(regs->f));
	regs->fflags = sc->sc_fpregs.fcsr & 0x1f;
	regs->frm = (sc->sc_fpregs.fcsr >> 5) & 7;
	return 0;
}

/* Linux: get_sigframe. A frame that would overflow the alternate stack
 * goes to an address that faults, so the task dies of SIGSEGV. */
static uint64_t
get_sigframe(struct task_struct *t, struct ksignal *ksig, size_t framesize)
{
	uint64_t sp = t->regs.x[REG_SP];

	if (on_sig_stack(t, sp) && !on_sig_stack(t, sp - framesize))
		return UINT64_MAX;
	sp = sigsp(t, sp, ksig) - framesize;
	return sp & ~0xfULL;
}

/* Linux: setup_rt_frame. The frame is built here and copied out at once. */
static int
setup_rt_frame(struct task_struct *t, struct ksignal *ksig, sigset_t_ set)
{
	struct pt_regs *regs = &t->regs;
	uint64_t addr = get_sigframe(t, ksig, sizeof(struct rt_sigframe));
	struct rt_sigframe frame;

	if (addr == UINT64_MAX || !t->mm->vdso)
		return -EFAULT;
	memset(&frame, 0, sizeof(frame));
	frame.info = ksig->info;
	frame.uc.uc_stack.ss_sp = t->sas_ss_sp;
	frame.uc.uc_stack.ss_size = t->sas_ss_size;
	/* Linux: __save_altstack stores the raw flags, never SS_ONSTACK. */
	frame.uc.uc_stack.ss_flags = (int32_t)t->sas_ss_flags;
	frame.uc.uc_sigmask = set;
	setup_sigcontext(&frame.uc.uc_mcontext, regs);
	if (copy_to_user(t->mm, addr, &frame, sizeof(frame)))
		return -EFAULT;
	regs->x[REG_RA] = vdso_sigreturn(t->mm);
	regs->pc = ksig->ka.handler;
	regs->x[REG_SP] = addr;
	regs->x[REG_A0] = (uint64_t)ksig->sig;
	regs->x[REG_A0 + 1] = addr + offsetof(struct rt_sigframe, info);
	regs->x[REG_A0 + 2] = addr + offsetof(struct rt_sigframe, uc);
	return 0;
}

SYSCALL_DEFINE0(rt_sigreturn)
{
	struct task_struct *t = current;
	uint64_t addr = t->regs.x[REG_SP];
	struct rt_sigframe frame;

	if (copy_from_user(t->mm, &frame, addr, sizeof(frame)) ||
	    restore_sigcontext(&t->regs, &frame.uc.uc_mcontext)) {
		force_sigsegv(t, 0);
		return 0;
	}
	set_current_blocked(t, frame.uc.uc_sigmask);
	restore_altstack(t, addr + offsetof(struct rt_sigframe, uc.uc_stack));
	/* Not a syscall result: a0 is the restored register. */
	t->sigreturned = true;
	return (long)t->regs.x[REG_A0];
}

/* --- delivery and restart ------------------------------------------------- */

/* Back up to the ecall so the call runs again (a0 its first argument). */
static void
restart_at_ecall(struct task_struct *t)
{
	t->regs.x[REG_A0] = t->orig_a0;
	t->regs.pc -= 4;
}

/* Linux: handle_signal. A syscall interrupted by it gives EINTR or runs
 * again, per its -ERESTART* code and the handler's SA_RESTART. */
static void
handle_signal(struct task_struct *t, struct ksignal *ksig)
{
	sigset_t_ oldset = t->restore_sigmask ? t->saved_sigmask : t->blocked;

	if (t->restart_check) {
		long ret = (long)t->regs.x[REG_A0];

		t->restart_check = false;
		if (ret == -ERESTART_RESTARTBLOCK || ret == -ERESTARTNOHAND ||
		    (ret == -ERESTARTSYS && !(ksig->ka.flags & SA_RESTART)))
			t->regs.x[REG_A0] = (uint64_t)-EINTR;
		else
			restart_at_ecall(t);
	}
	signal_setup_done(t, setup_rt_frame(t, ksig, oldset) != 0, ksig, false);
}

/* The way back to user mode (Linux: arch_do_signal_or_restart): deliver a
 * signal to its handler, or restart the interrupted syscall, or put back
 * the mask sigsuspend/ppoll replaced. A task that stopped here decides
 * when it is continued. */
void
arch_do_signal_or_restart(struct task_struct *t)
{
	struct ksignal ksig;
	long ret;

	if (get_signal(t, &ksig)) {
		handle_signal(t, &ksig);
		return;
	}
	if (t->__state != TASK_RUNNING)
		return;
	if (t->restart_check) {
		t->restart_check = false;
		ret = (long)t->regs.x[REG_A0];
		if (ret == -ERESTARTNOHAND || ret == -ERESTARTSYS || ret == -ERESTARTNOINTR) {
			restart_at_ecall(t);
		} else if (ret == -ERESTART_RESTARTBLOCK) {
			restart_at_ecall(t);
			t->regs.x[REG_A7] = __NR_restart_syscall;
		}
	}
	restore_saved_sigmask(t);
}
