# taskbox: `make` builds build/taskbox and build/rootfs; `make test`, `make run`,
# `make bench`, `make clean`. SANITIZE=1 builds with ASan+UBSan (into build-san/).

CC      ?= cc
CROSS   ?= riscv64-linux-gnu-
SANITIZE ?=

ifeq ($(SANITIZE),1)
B        := build-san
OPT      := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined \
            -fno-omit-frame-pointer -DTASKBOX_SANITIZE
LDSAN    := -fsanitize=address,undefined
LDSTATIC :=
else
B        := build
OPT      := -O2 -g
LDSAN    :=
# A static taskbox starts in a third of the time: no dynamic loader work
# before the guest's first instruction.
LDSTATIC := -static
endif

CFLAGS   := -std=gnu17 -D_GNU_SOURCE -Wall -Wextra -Werror $(OPT) -Iinclude -Isrc -I$(B)/gen
# The processor keeps the host's FP environment equal to the guest's: the
# compiler must not fold or move FP operations across rounding-mode changes.
FPFLAGS  := -frounding-math -fno-fast-math
LDLIBS   := -lm

SRCS     := $(shell find src -name '*.c' | sort)
LIBSRCS  := $(filter-out src/main.c,$(SRCS))
OBJS     := $(patsubst %.c,$(B)/obj/%.o,$(SRCS))
LIBOBJS  := $(patsubst %.c,$(B)/obj/%.o,$(LIBSRCS))
DEPS     := $(OBJS:.o=.d)
UNITSRCS := $(wildcard tests/unit/*.c)
ROOTFS   := $(B)/rootfs
TASKBOX  := $(B)/taskbox

.PHONY: all test run bench clean deps unit isa conformance system
all: $(TASKBOX) $(ROOTFS)/.taskbox-rootfs

$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(if $(findstring src/arch/riscv64,$<),$(FPFLAGS)) -MMD -MP -c $< -o $@

# Two riscv64 images are embedded in taskbox (symbols NAME_elf, NAME_elf_end):
# the guest init (user/init.c), PID 1 when taskbox runs a PROGRAM, and the
# vDSO (src/arch/riscv64/vdso/), mapped into every process.
BLOBS := $(B)/obj/init_blob.o $(B)/obj/vdso_blob.o
$(B)/gen/init: user/init.c
	@mkdir -p $(dir $@)
	$(CROSS)gcc -static -nostdlib -ffreestanding -fno-stack-protector -Os -Wall -Wextra -Werror -o $@ $<
$(B)/obj/%_blob.o: $(B)/gen/%
	@mkdir -p $(dir $@)
	printf '\t.section .rodata\n\t.balign 16\n\t.globl $*_elf, $*_elf_end\n$*_elf:\n\t.incbin "%s"\n$*_elf_end:\n\t.section .note.GNU-stack,"",@progbits\n' $< > $(B)/gen/$*_blob.S
	$(CC) -c -o $@ $(B)/gen/$*_blob.S

# The vDSO: linked as Linux links it, stripped, at most one page; the
# offsets of its symbols become vdso-offsets.h. Its Linux version note
# carries the version of UTS_RELEASE.
VDSO_DIR := src/arch/riscv64/vdso
LINUX_VERSION_CODE = $(shell sed -n 's/^\#define UTS_RELEASE[^"]*"\([0-9]*\)\.\([0-9]*\)\.\([0-9]*\).*/(\1 << 16) + (\2 << 8) + \3/p' src/kernel/kernel.h)
$(B)/gen/vdso: $(VDSO_DIR)/vdso.S $(VDSO_DIR)/vdso.lds include/uapi/unistd.h src/kernel/kernel.h
	@mkdir -p $(dir $@)
	$(CROSS)gcc -Iinclude -DLINUX_VERSION_CODE='$(LINUX_VERSION_CODE)' -nostdlib -shared \
		-Wl,-soname=linux-vdso.so.1 -Wl,--hash-style=both -Wl,--eh-frame-hdr \
		-Wl,-T,$(VDSO_DIR)/vdso.lds -Wl,-Bsymbolic -Wl,--no-undefined \
		-Wl,--build-id=sha1 -o $@.dbg $<
	$(CROSS)objcopy -S $@.dbg $@
	test $$(stat -c %s $@) -le 4096
$(B)/gen/vdso-offsets.h: $(B)/gen/vdso
	$(CROSS)nm $<.dbg | sed -n 's/^\([0-9a-f]*\) T __vdso_\([a-z_]*\)$$/#define VDSO_OFFSET_\2\t0x\1/p' > $@
$(B)/obj/src/arch/riscv64/vdso.o: $(B)/gen/vdso-offsets.h

$(TASKBOX): $(OBJS) $(BLOBS)
	$(CC) $(LDSAN) $(LDSTATIC) -o $@ $^ $(LDLIBS)

$(B)/libtaskbox.a: $(LIBOBJS) $(BLOBS)
	rm -f $@ && ar rcs $@ $^

# scripts/install-deps holds the guest package list: a change to it rebuilds too.
$(ROOTFS)/.taskbox-rootfs: scripts/mkrootfs scripts/install-deps
	scripts/mkrootfs $(ROOTFS)

-include $(DEPS)

# Install what is missing (scripts/install-deps is idempotent and quick when
# everything is there).
deps:
	@scripts/install-deps

$(B)/unit-tests: $(UNITSRCS) $(B)/libtaskbox.a
	$(CC) $(CFLAGS) $(FPFLAGS) -o $@ $(UNITSRCS) $(B)/libtaskbox.a $(LDSAN) -lcriterion $(LDLIBS)

unit: $(B)/unit-tests
	$(B)/unit-tests

include tests/fuzz/fuzz.mk

isa: $(TASKBOX)
	tests/isa/run $(abspath $(TASKBOX))

conformance: all
	tests/conformance/run $(abspath $(TASKBOX)) $(abspath $(ROOTFS))

system: all
	tests/system/run $(abspath $(TASKBOX)) $(abspath $(ROOTFS))

test: deps
	$(MAKE) all
	$(MAKE) unit
	$(MAKE) fuzz-replay
	$(MAKE) isa
	$(MAKE) conformance
	$(MAKE) system
	$(MAKE) fuzz-syscalls

run: deps
	$(MAKE) all
	$(TASKBOX) run --realtime /bin/bash -c 'uname -a; echo "bash $$BASH_VERSION on taskbox; type exit to leave"'
	$(TASKBOX) run --realtime /bin/bash -i

bench: deps
	$(MAKE) all
	bench/run $(abspath $(TASKBOX))

clean:
	rm -rf build build-san
