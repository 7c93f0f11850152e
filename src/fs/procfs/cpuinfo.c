/* /proc/cpuinfo (Linux: arch/riscv/kernel/cpu.c c_show, print_isa,
 * print_mmu), one block per simulated hart.
 *
 * Each hart is what a device tree describes as a generic "riscv" hart
 * (so there is no uarch line, and the machine ids read 0) with riscv,isa
 * "rv64imafdc". Linux (6.13 on) completes that string as it parses it: the
 * base ISA brings Zicntr, Zicsr, Zifencei and Zihpm with it on a
 * device-tree system (riscv_fill_hwcap_from_isa_string), A brings Zaamo and
 * Zalrsc, C brings Zca, plus Zcd with D (riscv_isa_ext's supersets), and a
 * hart that names neither Svade nor Svadu gets Svade. The emulator
 * implements all of those that user mode can reach: rdcycle, rdtime and
 * rdinstret work, and the hpmcounters trap as Linux's scounteren makes
 * them trap. The extensions print in riscv_isa_ext's order: the single
 * letters, then the multi-letter ones, each after an underscore. */
#include "fs/procfs/internal.h"
#include "kernel/kernel.h"

static const char *const riscv_isa_ext[] = {
	"i", "m", "a", "f", "d", "c",
	"zicntr", "zicsr", "zifencei", "zihpm",
	"zaamo", "zalrsc",
	"zca", "zcd",
	"svade",
};

/* Linux: print_isa, the extensions every hart has (all of them here). */
static void
print_isa(struct seq_file *m)
{
	seq_puts(m, "rv64");
	for (size_t i = 0; i < ARRAY_SIZE(riscv_isa_ext); i++) {
		if (riscv_isa_ext[i][1])
			seq_putc(m, '_');
		seq_puts(m, riscv_isa_ext[i]);
	}
	seq_putc(m, '\n');
}

/* The guest address space is Sv39-shaped (mm/mm.h). */
static void
print_mmu(struct seq_file *m)
{
	seq_puts(m, "mmu\t\t: sv39\n");
}

/* Linux: c_show. The hart ID is the CPU number, as on QEMU's virt board. */
static void
c_show(struct seq_file *m, int cpu)
{
	seq_printf(m, "processor\t: %d\n", cpu);
	seq_printf(m, "hart\t\t: %d\n", cpu);
	seq_puts(m, "isa\t\t: ");
	print_isa(m);
	print_mmu(m);
	seq_printf(m, "mvendorid\t: 0x%x\n", 0);
	seq_printf(m, "marchid\t\t: 0x%x\n", 0);
	seq_printf(m, "mimpid\t\t: 0x%x\n", 0);
	seq_puts(m, "hart isa\t: ");
	print_isa(m);
	seq_putc(m, '\n');
}

int
proc_cpuinfo_show(struct seq_file *m, struct proc_ctx *c)
{
	for (int cpu = 0; cpu < c->k->nr_cpus; cpu++)
		c_show(m, cpu);
	return 0;
}
