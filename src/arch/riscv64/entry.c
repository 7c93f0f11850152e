/* Kernel entry from user mode: the syscall ABI and synchronous traps
 * (Linux: arch/riscv/kernel/traps.c do_trap_ecall_u and friends). */
#include <stdio.h>

#include <uapi/unistd.h>

#include "arch/riscv64/cpu.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/trace.h"
#include "kernel/wait.h"

/* a7 = number, a0..a5 = arguments, a0 = result. pc moves past the ecall
 * first, so a successful execve's new pc is kept. A syscall that must wait
 * returns -ESLEEP: pc goes back to the ecall and the call runs again when
 * the task is woken, knowing from sleep_restart that it slept before. */
static void
do_syscall(struct task_struct *t)
{
	struct pt_regs *regs = &t->regs;
	long nr = (long)regs->x[REG_A7];
	uint64_t args[6];
	long ret = -ENOSYS;
	char line[512];

	for (int i = 0; i < 6; i++)
		args[i] = regs->x[REG_A0 + i];
	if (!t->sleep_restart) {
		t->syscall_progress = 0;
		t->orig_a0 = args[0];
	}
	regs->pc += 4;
	t->kernel->stats.syscalls++;
	if (t->kernel->trace)
		trace_syscall_enter(t, nr, args, line, sizeof(line));
	if (nr >= 0 && nr < __NR_syscalls && sys_call_table[nr].fn)
		ret = sys_call_table[nr].fn(t, args);
	t->sleep_restart = false;
	if (t->flags & PF_EXITING) {
		if (t->kernel->trace)
			fprintf(t->kernel->trace, "%s = ?\n", line);
		return;
	}
	if (ret == -ESLEEP) {
		regs->pc -= 4;
		t->sleep_restart = true;
		return;
	}
	if (t->kernel->trace)
		trace_syscall_exit(t, line, nr, ret);
	if (t->sigreturned) {	/* rt_sigreturn restored every register */
		t->sigreturned = false;
		return;
	}
	regs->x[REG_A0] = (uint64_t)ret;
	t->restart_check = ret == -ERESTARTSYS || ret == -ERESTARTNOINTR ||
			   ret == -ERESTARTNOHAND || ret == -ERESTART_RESTARTBLOCK;
}

/* Handle what stopped the hart (Linux: the user-mode half of the trap
 * vector). Faults become signals with Linux's si_code. */
void
handle_trap(struct cpu *cpu, struct task_struct *t, enum trap_cause cause)
{
	switch (cause) {
	case TRAP_QUANTUM:
		break;
	case TRAP_ECALL:
		do_syscall(t);
		break;
	case TRAP_EBREAK:
		force_sig_fault(t, SIGTRAP, TRAP_BRKPT, cpu->fault_addr);
		break;
	case TRAP_ILLEGAL:
		force_sig_fault(t, SIGILL, ILL_ILLOPC, cpu->fault_addr);
		break;
	case TRAP_PAGE_FAULT:
		force_sig_fault(t, SIGSEGV, cpu->fault_code, cpu->fault_addr);
		break;
	case TRAP_BUS:
		force_sig_fault(t, SIGBUS, cpu->fault_code, cpu->fault_addr);
		break;
	}
}
