/*
 * qemu-insn-count: a QEMU TCG plugin that counts the guest instructions a
 * program retires, so bench/run can turn qemu-riscv64's run time into MIPS.
 *
 *   qemu-riscv64 -plugin build/bench/qemu-insn-count.so -d plugin -D LOG PROG
 *
 * writes "instructions retired: N" to LOG when the guest exits. Counting is
 * per translation block: each block adds its instruction count when it starts
 * executing. A block only stops early on a fault, and the benchmark
 * workloads take none, so the count is exact for them.
 *
 * QEMU installs no plugin headers in Debian, so the few entry points used
 * here are declared by hand, as qemu-plugin.h (plugin API version 1, QEMU
 * 7.x) declares them. A QEMU whose API no longer accepts version 1 refuses to
 * load the plugin; bench/run then says it has no qemu instruction count.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

typedef uint64_t qemu_plugin_id_t;
struct qemu_info_t;
struct qemu_plugin_tb;

enum qemu_plugin_cb_flags {
	QEMU_PLUGIN_CB_NO_REGS,
	QEMU_PLUGIN_CB_R_REGS,
	QEMU_PLUGIN_CB_RW_REGS,
};

typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id,
					       struct qemu_plugin_tb *tb);
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu_index,
					    void *userdata);
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void *userdata);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id,
					   qemu_plugin_vcpu_tb_trans_cb_t cb);
void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *tb,
					  qemu_plugin_vcpu_udata_cb_t cb,
					  enum qemu_plugin_cb_flags flags,
					  void *userdata);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id,
				    qemu_plugin_udata_cb_t cb, void *userdata);
void qemu_plugin_outs(const char *string);

__attribute__((visibility("default"))) int qemu_plugin_version = 1;

/* Summed over all vCPUs; not atomic, so exact only for one guest thread. */
static uint64_t insns_retired;

static void
tb_exec(unsigned int vcpu_index, void *n_insns)
{
	(void)vcpu_index;
	insns_retired += (uintptr_t)n_insns;
}

static void
tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	(void)id;
	qemu_plugin_register_vcpu_tb_exec_cb(tb, tb_exec, QEMU_PLUGIN_CB_NO_REGS,
					     (void *)(uintptr_t)qemu_plugin_tb_n_insns(tb));
}

static void
at_exit(qemu_plugin_id_t id, void *userdata)
{
	char line[64];

	(void)id;
	(void)userdata;
	snprintf(line, sizeof(line), "instructions retired: %" PRIu64 "\n",
		 insns_retired);
	qemu_plugin_outs(line);
}

__attribute__((visibility("default"))) int
qemu_plugin_install(qemu_plugin_id_t id, const struct qemu_info_t *info,
		    int argc, char **argv)
{
	(void)info;
	(void)argc;
	(void)argv;
	qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
