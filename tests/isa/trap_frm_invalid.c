/*
 * trap_frm_invalid: a dyn-rounding instruction while frm holds a reserved
 * value (5..7) is illegal: SIGILL.  (Writing frm = 5 itself is fine.)
 * The harness compares the exit status (128 + signal) with qemu-riscv64's.
 */
#include <unistd.h>

int main(void)
{
	asm volatile("fsrmi 5");
	write(1, "before the trap\n", 16);
	asm volatile("fmv.w.x ft0, zero\n\tfadd.s ft0, ft0, ft0, dyn" : : : "ft0");
	write(1, "not reached\n", 12);
	return 0;
}
