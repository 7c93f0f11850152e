# Fuzz targets of the guest-input parsers (tests/fuzz/README.md), included
# by the top Makefile.
#
#   make fuzz-replay     each target over its committed corpus, built with
#                        $(CC) against $(B)/libtaskbox.a (no clang needed;
#                        SANITIZE=1 runs it under ASan+UBSan)
#   make fuzz FUZZ_TARGET=elf FUZZ_SECONDS=300
#                        coverage-guided fuzzing with clang's libFuzzer; new
#                        inputs go to build/fuzz/corpus-TARGET, crashes to
#                        build/fuzz/, never into the committed corpus
#   make fuzz-syscalls   the guest-side system call fuzzer over its default
#                        seeds (tests/fuzz/syscalls/README.md)

FUZZ_TARGETS := elf path
FUZZ_SRC     := tests/fuzz
FUZZ_TARGET  ?= elf
FUZZ_SECONDS ?= 300
FUZZ_FLAGS   ?=
FUZZ_CLANG   ?= clang
# clang objects live apart from gcc's, whatever SANITIZE says.
FUZZ_OUT     := build/fuzz
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS  := $(filter-out $(OPT),$(CFLAGS)) -O1 -g -fno-omit-frame-pointer $(FUZZ_SAN)
FUZZ_LIBOBJS := $(patsubst %.c,$(FUZZ_OUT)/obj/%.o,$(LIBSRCS))
FUZZ_COMMON  := $(FUZZ_SRC)/harness.c $(FUZZ_SRC)/harness.h

.PHONY: fuzz-replay fuzz fuzz-syscalls

fuzz-syscalls: all
	tests/fuzz/syscalls/run $(abspath $(TASKBOX)) $(abspath $(ROOTFS))

$(B)/fuzz/replay-%: $(FUZZ_SRC)/fuzz_%.c $(FUZZ_SRC)/replay.c $(FUZZ_COMMON) $(B)/libtaskbox.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $(filter %.c,$^) $(B)/libtaskbox.a $(LDSAN) $(LDLIBS)

# Every target runs, even after one fails; the replay names a failing input.
fuzz-replay: $(FUZZ_TARGETS:%=$(B)/fuzz/replay-%)
	@status=0; for t in $(FUZZ_TARGETS); do \
		echo "fuzz-replay: $$t"; \
		$(B)/fuzz/replay-$$t $(FUZZ_SRC)/corpus/$$t || status=1; \
	done; exit $$status

$(FUZZ_OUT)/.clang-ok:
	@mkdir -p $(dir $@)
	@printf 'int LLVMFuzzerTestOneInput(const char *d, long n) { return d && n; }\n' | \
		$(FUZZ_CLANG) -fsanitize=fuzzer -x c - -o $@.bin 2>/dev/null || \
		{ echo "make fuzz needs clang with libFuzzer:" \
		       "apt-get install clang libclang-rt-14-dev"; exit 1; }
	@rm -f $@.bin && touch $@

$(FUZZ_OUT)/obj/%.o: %.c | $(FUZZ_OUT)/.clang-ok
	@mkdir -p $(dir $@)
	$(FUZZ_CLANG) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link \
		$(if $(findstring src/arch/riscv64,$<),$(FPFLAGS)) -MMD -MP -c $< -o $@

# vdso.c includes the offsets generated from the vDSO image; the images
# themselves (init, vDSO) are the gcc build's blob objects: data only.
$(FUZZ_OUT)/obj/src/arch/riscv64/vdso.o: $(B)/gen/vdso-offsets.h

$(FUZZ_OUT)/fuzz-%: $(FUZZ_SRC)/fuzz_%.c $(FUZZ_COMMON) $(FUZZ_LIBOBJS) $(BLOBS)
	$(FUZZ_CLANG) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $(filter %.c,$^) \
		$(FUZZ_LIBOBJS) $(BLOBS) $(LDLIBS)

# The scratch corpus comes first: libFuzzer writes new inputs to the first
# directory only. A dictionary tests/fuzz/TARGET.dict is used if present.
fuzz: $(FUZZ_OUT)/fuzz-$(FUZZ_TARGET)
	@mkdir -p $(FUZZ_OUT)/corpus-$(FUZZ_TARGET)
	nice -n 10 $< -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
		-artifact_prefix=$(FUZZ_OUT)/ \
		$(if $(wildcard $(FUZZ_SRC)/$(FUZZ_TARGET).dict),-dict=$(FUZZ_SRC)/$(FUZZ_TARGET).dict) \
		$(FUZZ_FLAGS) $(FUZZ_OUT)/corpus-$(FUZZ_TARGET) $(FUZZ_SRC)/corpus/$(FUZZ_TARGET)

-include $(FUZZ_LIBOBJS:.o=.d)
