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

CFLAGS   := -std=gnu17 -D_GNU_SOURCE -Wall -Wextra -Werror $(OPT) -Iinclude -Isrc
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

# The guest init (user/init.c) is a static riscv64 program embedded in
# taskbox: PID 1 when taskbox runs a PROGRAM.
INITBLOB := $(B)/obj/init_blob.o
$(B)/gen/init: user/init.c
	@mkdir -p $(dir $@)
	$(CROSS)gcc -static -nostdlib -ffreestanding -fno-stack-protector -Os -Wall -Wextra -Werror -o $@ $<
$(INITBLOB): $(B)/gen/init
	@mkdir -p $(dir $@)
	printf '\t.section .rodata\n\t.balign 16\n\t.globl init_elf, init_elf_end\ninit_elf:\n\t.incbin "%s"\ninit_elf_end:\n\t.section .note.GNU-stack,"",@progbits\n' $< > $(B)/gen/init_blob.S
	$(CC) -c -o $@ $(B)/gen/init_blob.S

$(TASKBOX): $(OBJS) $(INITBLOB)
	$(CC) $(LDSAN) $(LDSTATIC) -o $@ $^ $(LDLIBS)

$(B)/libtaskbox.a: $(LIBOBJS) $(INITBLOB)
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

isa: $(TASKBOX)
	tests/isa/run $(abspath $(TASKBOX))

conformance: all
	tests/conformance/run $(abspath $(TASKBOX)) $(abspath $(ROOTFS))

system: all
	tests/system/run $(abspath $(TASKBOX)) $(abspath $(ROOTFS))

test: deps
	$(MAKE) all
	$(MAKE) unit
	$(MAKE) isa
	$(MAKE) conformance
	$(MAKE) system

run: deps
	$(MAKE) all
	$(TASKBOX) run --realtime /bin/bash -c 'uname -a; echo "bash $$BASH_VERSION on taskbox; type exit to leave"'
	$(TASKBOX) run --realtime /bin/bash -i

bench: deps
	$(MAKE) all
	bench/run $(abspath $(TASKBOX))

clean:
	rm -rf build build-san
