/*
 * vdso - the vDSO every process is given: AT_SYSINFO_EHDR points at a shared
 * object named linux-vdso.so.1, mapped as [vdso], whose clock and getcpu
 * entry points work; AT_MINSIGSTKSZ is a stack a signal frame fits on.
 *
 * The symbols checked are those both x86_64 and riscv64 export; their version
 * names differ (LINUX_2.6, LINUX_4.15) and are not printed.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "lib/check.h"

/* What the vDSO's dynamic section gives: its string and symbol tables. */
struct vdso_image {
	const ElfW(Ehdr) *eh;
	uintptr_t base;			/* load bias: where vaddr 0 is */
	const char *strtab;
	const ElfW(Sym) *symtab;
	unsigned long nsyms;		/* from DT_HASH's nchain */
	const char *soname;
};

static void
vdso_parse(struct vdso_image *v, uintptr_t ehdr)
{
	const ElfW(Phdr) *ph;
	const ElfW(Dyn) *dyn = NULL;
	unsigned long soname = 0;

	memset(v, 0, sizeof(*v));
	v->eh = (const ElfW(Ehdr) *)ehdr;
	ph = (const ElfW(Phdr) *)(ehdr + v->eh->e_phoff);
	v->base = ehdr;
	for (int i = 0; i < v->eh->e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD && ph[i].p_offset == 0)
			v->base = ehdr - ph[i].p_vaddr;
	}
	for (int i = 0; i < v->eh->e_phnum; i++)
		if (ph[i].p_type == PT_DYNAMIC)
			dyn = (const ElfW(Dyn) *)(v->base + ph[i].p_vaddr);
	for (; dyn && dyn->d_tag != DT_NULL; dyn++) {
		if (dyn->d_tag == DT_STRTAB)
			v->strtab = (const char *)(v->base + dyn->d_un.d_ptr);
		if (dyn->d_tag == DT_SYMTAB)
			v->symtab = (const ElfW(Sym) *)(v->base + dyn->d_un.d_ptr);
		if (dyn->d_tag == DT_HASH)
			v->nsyms = ((const uint32_t *)(v->base + dyn->d_un.d_ptr))[1];
		if (dyn->d_tag == DT_SONAME)
			soname = dyn->d_un.d_val;
	}
	if (v->strtab && soname)
		v->soname = v->strtab + soname;
}

static void *
vdso_sym(const struct vdso_image *v, const char *name)
{
	for (unsigned long i = 0; v->symtab && v->strtab && i < v->nsyms; i++) {
		const ElfW(Sym) *s = &v->symtab[i];

		if (ELF64_ST_TYPE(s->st_info) == STT_FUNC && s->st_shndx != SHN_UNDEF &&
		    strcmp(v->strtab + s->st_name, name) == 0)
			return (void *)(v->base + s->st_value);
	}
	return NULL;
}

/* The executable's own e_machine, read from the file. */
static int
own_machine(void)
{
	ElfW(Ehdr) eh;
	int fd = open("/proc/self/exe", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, &eh, sizeof(eh));

	if (fd >= 0)
		close(fd);
	return n == (ssize_t)sizeof(eh) ? eh.e_machine : -1;
}

/* The line of /proc/self/maps starting at addr, if any. */
static int
maps_line(uintptr_t addr, char *line, size_t len)
{
	FILE *f = fopen("/proc/self/maps", "r");
	int found = 0;

	while (f && !found && fgets(line, (int)len, f))
		found = strtoull(line, NULL, 16) == addr;
	if (f)
		fclose(f);
	return found;
}

static void
check_image(uintptr_t ehdr, struct vdso_image *v)
{
	char line[256];
	int elf, in_maps;

	check("at_sysinfo_ehdr", ehdr != 0, "AT_SYSINFO_EHDR given: %s", yesno(ehdr != 0));
	if (!ehdr)
		return;
	elf = memcmp((const void *)ehdr, ELFMAG, SELFMAG) == 0;
	check("vdso_is_elf", elf, "ELF magic at AT_SYSINFO_EHDR: %s", yesno(elf));
	vdso_parse(v, ehdr);
	check("vdso_is_shared_object", v->eh->e_type == ET_DYN, "e_type ET_DYN: %s",
	      yesno(v->eh->e_type == ET_DYN));
	check("vdso_machine", v->eh->e_machine == own_machine(),
	      "e_machine is the program's own: %s", yesno(v->eh->e_machine == own_machine()));
	check("vdso_soname", v->soname && strcmp(v->soname, "linux-vdso.so.1") == 0,
	      "DT_SONAME %s", v->soname ? v->soname : "(none)");
	in_maps = maps_line(ehdr, line, sizeof(line));
	check("vdso_in_maps", in_maps && strstr(line, " r-xp ") && strstr(line, "[vdso]"),
	      "/proc/self/maps line at AT_SYSINFO_EHDR is r-xp [vdso]: %s",
	      yesno(in_maps && strstr(line, " r-xp ") && strstr(line, "[vdso]")));
}

static void
check_entry_points(const struct vdso_image *v)
{
	int (*vgettime)(clockid_t, struct timespec *) = vdso_sym(v, "__vdso_clock_gettime");
	int (*vgetres)(clockid_t, struct timespec *) = vdso_sym(v, "__vdso_clock_getres");
	int (*vgetcpu)(unsigned *, unsigned *, void *) = vdso_sym(v, "__vdso_getcpu");
	void *vgettimeofday = vdso_sym(v, "__vdso_gettimeofday");
	struct timespec before, mid, after, res;
	unsigned cpu = ~0u, node = ~0u;
	long nprocs = sysconf(_SC_NPROCESSORS_CONF);
	int r, ordered;

	check("vdso_exports", vgettime && vgetres && vgetcpu && vgettimeofday,
	      "__vdso_clock_gettime %s, __vdso_clock_getres %s, __vdso_getcpu %s, "
	      "__vdso_gettimeofday %s", yesno(vgettime != NULL), yesno(vgetres != NULL),
	      yesno(vgetcpu != NULL), yesno(vgettimeofday != NULL));
	if (!vgettime || !vgetres || !vgetcpu)
		return;
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &before);
	r = vgettime(CLOCK_MONOTONIC, &mid);
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &after);
	ordered = (mid.tv_sec > before.tv_sec ||
		   (mid.tv_sec == before.tv_sec && mid.tv_nsec >= before.tv_nsec)) &&
		  (after.tv_sec > mid.tv_sec ||
		   (after.tv_sec == mid.tv_sec && after.tv_nsec >= mid.tv_nsec));
	check("vdso_clock_gettime", r == 0 && ordered,
	      "returns %d, between two clock_gettime syscalls: %s", r, yesno(ordered));
	r = vgetres(CLOCK_MONOTONIC, &res);
	check("vdso_clock_getres", r == 0 && res.tv_sec == 0 && res.tv_nsec > 0,
	      "returns %d, resolution under a second: %s", r,
	      yesno(res.tv_sec == 0 && res.tv_nsec > 0));
	r = vgetcpu(&cpu, &node, NULL);
	check("vdso_getcpu", r == 0 && cpu < (unsigned long)nprocs && node == 0,
	      "returns %d, cpu below the configured count: %s, node %u", r,
	      yesno(cpu < (unsigned long)nprocs), node);
}

static int
phdr_callback(struct dl_phdr_info *info, size_t size, void *data)
{
	uintptr_t *ehdr = data;

	(void)size;
	if (strcmp(info->dlpi_name, "linux-vdso.so.1") == 0 && info->dlpi_addr == *ehdr)
		*ehdr = 0;
	return 0;
}

static volatile sig_atomic_t handled;

static void
on_usr1(int sig)
{
	handled = sig;
}

/* A frame fits in AT_MINSIGSTKSZ bytes: a handler runs on an alternate stack
 * that size plus room for the handler's own calls. */
static void
check_minsigstksz(void)
{
	unsigned long min = getauxval(AT_MINSIGSTKSZ);
	size_t size = min + 4096;
	stack_t ss = { .ss_sp = malloc(size), .ss_size = size };
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = SA_ONSTACK };

	check("at_minsigstksz", min > 0, "AT_MINSIGSTKSZ given: %s", yesno(min > 0));
	if (!min || !ss.ss_sp)
		return;
	sigaltstack(&ss, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	check("minsigstksz_frame_fits", handled == SIGUSR1,
	      "handler ran on an alternate stack of AT_MINSIGSTKSZ + 4096 bytes: %s",
	      yesno(handled == SIGUSR1));
}

int
main(void)
{
	uintptr_t ehdr = getauxval(AT_SYSINFO_EHDR), listed = ehdr;
	struct vdso_image v;

	check_image(ehdr, &v);
	if (ehdr) {
		check_entry_points(&v);
		dl_iterate_phdr(phdr_callback, &listed);
		check("vdso_in_dl_iterate_phdr", listed == 0,
		      "dl_iterate_phdr lists linux-vdso.so.1 at AT_SYSINFO_EHDR: %s",
		      yesno(listed == 0));
	}
	check_minsigstksz();
	return check_summary();
}
