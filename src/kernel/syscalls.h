/* System call entry points.
 *
 * SYSCALL_DEFINEn(name, type1, arg1, ...) defines sys_name() the way Linux's
 * include/linux/syscalls.h does: the wrapper takes the raw argument registers
 * and casts them, the body sees typed arguments and `current`. Guest pointers
 * are uaddr_t, never host pointers. A sys_* body decodes its arguments and
 * calls the do_* worker; it returns a value or a negative errno. */
#ifndef KERNEL_SYSCALLS_H
#define KERNEL_SYSCALLS_H

#include <taskbox/types.h>
#include <taskbox/err.h>
#include <errno.h>

struct task_struct;

typedef long (*syscall_fn)(struct task_struct *current, const uint64_t *args);

#define __SC_UNPAREN(...) __VA_ARGS__
#define __SC_EXPAND(x) __SC_UNPAREN x
#define __SYSCALL_DEFINEx(name, decl, call)                                    \
	static long __do_sys_##name(struct task_struct *current __attribute__((unused)) \
				    __SC_EXPAND(decl));                        \
	long sys_##name(struct task_struct *current, const uint64_t *args);   \
	long sys_##name(struct task_struct *current, const uint64_t *args)    \
	{                                                                      \
		(void)args;                                                    \
		return __do_sys_##name(current __SC_EXPAND(call));             \
	}                                                                      \
	static long __do_sys_##name(struct task_struct *current __attribute__((unused)) \
				    __SC_EXPAND(decl))

#define SYSCALL_DEFINE0(name) __SYSCALL_DEFINEx(name, (), ())
#define SYSCALL_DEFINE1(name, t1, a1)                                          \
	__SYSCALL_DEFINEx(name, (, t1 a1), (, (t1)args[0]))
#define SYSCALL_DEFINE2(name, t1, a1, t2, a2)                                  \
	__SYSCALL_DEFINEx(name, (, t1 a1, t2 a2), (, (t1)args[0], (t2)args[1]))
#define SYSCALL_DEFINE3(name, t1, a1, t2, a2, t3, a3)                          \
	__SYSCALL_DEFINEx(name, (, t1 a1, t2 a2, t3 a3),                      \
			  (, (t1)args[0], (t2)args[1], (t3)args[2]))
#define SYSCALL_DEFINE4(name, t1, a1, t2, a2, t3, a3, t4, a4)                  \
	__SYSCALL_DEFINEx(name, (, t1 a1, t2 a2, t3 a3, t4 a4),               \
			  (, (t1)args[0], (t2)args[1], (t3)args[2],            \
			   (t4)args[3]))
#define SYSCALL_DEFINE5(name, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5)          \
	__SYSCALL_DEFINEx(name, (, t1 a1, t2 a2, t3 a3, t4 a4, t5 a5),        \
			  (, (t1)args[0], (t2)args[1], (t3)args[2],            \
			   (t4)args[3], (t5)args[4]))
#define SYSCALL_DEFINE6(name, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6)  \
	__SYSCALL_DEFINEx(name, (, t1 a1, t2 a2, t3 a3, t4 a4, t5 a5, t6 a6), \
			  (, (t1)args[0], (t2)args[1], (t3)args[2],            \
			   (t4)args[3], (t5)args[4], (t6)args[5]))

/* The task's address space, for uaccess calls: copy_from_user(current->mm, ...). */

#endif
