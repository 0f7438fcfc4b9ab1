# isogrep - parallel file-system search.  See README.md.
#
#   make            build ./isogrep (objects under build/)
#   make deps       install the Debian packages needed to build and test
#   make check      build, run the C unit tests and the bats tests
#   make sanitize   the tests under ASan+UBSan; the runtime tests under TSan
#   make fuzz       libFuzzer targets: the regression inputs, then
#                   FUZZ_SECONDS (default 10) of fuzzing per target
#   make install    install into $(PREFIX)/bin (PREFIX=/usr/local); with
#                   GREP_LINKS=1 also grep, egrep and fgrep links to it
#                   (grep mode), which shadow GNU grep earlier in PATH
#   make uninstall  remove what install put there (the links too)

PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
WARN = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wformat=2
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) -Iinclude $(CFLAGS) $(EXTRA_CFLAGS)
LIBS = -lpcre2-8 -lhs -larchive -lz -lpthread
ALLOC_LIBS = -ljemalloc

# src/LAYER/X.c and include/LAYER/X.h, main.c alone on top (README.md,
# "For contributors"); tests/unit/LAYER/test_X.c mirror them.
LAYERS = base runtime match search print walk pipeline cli
SRCS = src/main.c $(foreach l,$(LAYERS),$(wildcard src/$(l)/*.c))
LIB_SRCS = $(filter-out src/main.c,$(SRCS))
HEADERS = $(foreach l,$(LAYERS),$(wildcard include/$(l)/*.h))
UNIT_SRCS = $(foreach l,$(LAYERS),$(wildcard tests/unit/$(l)/test_*.c))
UNIT_RUNNER = tests/unit/unit.c

BUILD ?= build
OBJS = $(SRCS:src/%.c=$(BUILD)/%.o)
LIB_OBJS = $(LIB_SRCS:src/%.c=$(BUILD)/%.o)
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/unit/%)

DEBIAN_PACKAGES = build-essential libpcre2-dev libjemalloc-dev bats \
                  grep util-linux bsdutils diffutils git time \
                  clang libclang-rt-14-dev \
                  libhyperscan-dev libarchive-dev pcre2-utils ugrep \
                  python3 tmux bzip2 xz-utils zstd lz4 ncompress \
                  p7zip-full zip unzip cpio tar gzip parallel \
                  zsh fish bash-completion mandoc \
                  libzstd-dev liblz4-dev libbz2-dev liblzma-dev zlib1g-dev \
                  libacl1-dev nettle-dev

.PHONY: all deps check unit bats sanitize asan tsan fuzz install uninstall \
	clean docs docs-check layers-check

all: isogrep

# The binary is linked statically (STATIC=0: against the shared
# libraries): loading five shared objects, libstdc++ among them (Debian's
# jemalloc needs it), took most of a 2 ms start, and completion functions
# start isogrep on every TAB.  isogrep uses no NSS and no dlopen.
# bench/startup measures it against ripgrep.
STATIC ?= 1
ifeq ($(STATIC),1)
LINK_STATIC = -static
# What the static archives of libarchive and Hyperscan need in turn.
STATIC_EXTRA_LIBS = -lzstd -llz4 -lbz2 -llzma -lz -lnettle -lacl \
                    -lstdc++ -lm
endif

isogrep: $(OBJS)
	$(CC) $(ALL_CFLAGS) $(LINK_STATIC) -o $@ $(OBJS) $(LIBS) $(ALLOC_LIBS) \
	  $(STATIC_EXTRA_LIBS)

$(BUILD)/%.o: src/%.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/unit/%: tests/unit/%.c $(UNIT_RUNNER) tests/unit/unit.h $(LIB_OBJS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(UNIT_RUNNER) $(LIB_OBJS) $(LIBS) $(ALLOC_LIBS)

# Idempotent: apt only runs when a package is missing.
deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  echo "installing:$$missing"; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing; \
	else echo "deps: all installed"; fi

check: isogrep docs-check layers-check unit bats

# A lower layer never includes a higher one, and every header compiles
# alone (tests/layers.sh).
layers-check:
	@CC="$(CC)" CFLAGS="-std=c11 -D_GNU_SOURCE $(WARN) -Iinclude" \
	  sh tests/layers.sh $(LAYERS)

# The binary the tests run ($ISOGREP): ./isogrep, or a sanitizer build.
ISOGREP_BIN ?= isogrep

unit: $(UNIT_BINS) $(ISOGREP_BIN)
	@set -e; for t in $(UNIT_BINS); do echo "== $$t"; \
	  ISOGREP=$(CURDIR)/$(ISOGREP_BIN) $(UNIT_ENV) $$t; done

# tests/grep_syntax.bats runs thousands of patterns through this helper
# (tests/probe/posix_probe.c) in one process instead of one isogrep each.
POSIX_PROBE = build/posix_probe

$(POSIX_PROBE): tests/probe/posix_probe.c $(LIB_OBJS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB_OBJS) $(LIBS) $(ALLOC_LIBS)

bats: isogrep $(POSIX_PROBE)
	ISOGREP=$(CURDIR)/$(ISOGREP_BIN) POSIX_PROBE=$(CURDIR)/$(POSIX_PROBE) \
	  bats tests

# Sanitizer builds use libc malloc (ASan and jemalloc both want malloc).
# Their unit tests get 600 s each instead of 120: under ASan the DFA's
# differential test spends about 100 s in the kernel (its allocator maps
# and unmaps each DFA's tables), close to the default on a quiet machine.
SAN_FLAGS = -O1 -g -fno-omit-frame-pointer -DISOGREP_NO_JEMALLOC
SAN_UNIT_TIMEOUT = UNIT_TIMEOUT=600

sanitize: asan tsan

asan:
	$(MAKE) BUILD=build/asan ALLOC_LIBS= \
	  EXTRA_CFLAGS="$(SAN_FLAGS) -fsanitize=address,undefined -fno-sanitize-recover=undefined" \
	  UNIT_ENV="$(SAN_UNIT_TIMEOUT)" \
	  ISOGREP_BIN=build/asan/isogrep-bin build/asan/isogrep-bin unit
	$(MAKE) bats ISOGREP_BIN=build/asan/isogrep-bin

tsan:
	$(MAKE) BUILD=build/tsan ALLOC_LIBS= \
	  EXTRA_CFLAGS="$(SAN_FLAGS) -fsanitize=thread" \
	  UNIT_ENV="$(SAN_UNIT_TIMEOUT) TSAN_OPTIONS=halt_on_error=1:atexit_sleep_ms=0" \
	  ISOGREP_BIN=build/tsan/isogrep-bin build/tsan/isogrep-bin unit
	ISOGREP=$(CURDIR)/build/tsan/isogrep-bin TSAN_OPTIONS=halt_on_error=1:atexit_sleep_ms=0 \
	  bats tests/parallel.bats tests/split.bats tests/sort.bats
	# SIGINT and SIGTERM while workers search: the stop, under TSan too.
	# Past its grace the signal's thread ends the program with _exit
	# (signals.c), threads unjoined by design: not a leak to report.
	ISOGREP=$(CURDIR)/build/tsan/isogrep-bin \
	  TSAN_OPTIONS=halt_on_error=1:atexit_sleep_ms=0:report_thread_leaks=0 \
	  bats -f '^SIG(INT|TERM) during a (search|big file)' tests/signals.bats

$(BUILD)/isogrep-bin: $(OBJS)
	$(CC) $(ALL_CFLAGS) -o $@ $(OBJS) $(LIBS) $(ALLOC_LIBS)

# Fuzzing (tests/fuzz/): each target links the library sources built with
# clang under ASan+UBSan.  It first runs over its regression inputs (no
# fuzzing), then fuzzes for FUZZ_SECONDS with its corpus in
# build/fuzz/corpus-NAME, seeded from tests/fuzz/seeds/NAME.  Crash inputs
# land in build/fuzz/; keep them as tests/fuzz/regressions/NAME/ files.
FUZZ_SECONDS ?= 10
FUZZ_CC = clang
FUZZ_BUILD = build/fuzz
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) -Iinclude -g -O1 \
              -fno-omit-frame-pointer -DISOGREP_NO_JEMALLOC $(FUZZ_SAN)
FUZZ_TARGETS = searcher ignore cli
FUZZ_BINS = $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)
FUZZ_RUNS = $(FUZZ_TARGETS:%=fuzz-%)
FUZZ_LIB_OBJS = $(LIB_SRCS:src/%.c=$(FUZZ_BUILD)/obj/%.o)
FUZZ_COMMON = tests/fuzz/track.c
FUZZ_RUN_FLAGS = -timeout=10 -rss_limit_mb=2048
# cli_parse never frees what it allocates (the target frees it through
# tests/fuzz/track.c instead): no leak checks for it.
FUZZ_FLAGS_cli = -detect_leaks=0
FUZZ_ENV_cli = ASAN_OPTIONS=detect_leaks=0
# While fuzzing, the targets' stderr (isogrep's messages about bad patterns
# and usage) goes to /dev/null; libFuzzer's and the sanitizers' reports do
# not.  Run a crash input by hand to see the target's own message.

.PHONY: $(FUZZ_RUNS)
.SECONDARY: $(FUZZ_LIB_OBJS)

fuzz: $(FUZZ_RUNS)

$(FUZZ_RUNS): fuzz-%: $(FUZZ_BUILD)/fuzz_%
	@set -e; reg=tests/fuzz/regressions/$*; \
	if [ -n "$$(ls -A $$reg 2>/dev/null)" ]; then \
	  echo "== fuzz_$*: regression inputs"; \
	  $(FUZZ_ENV_$*) $< $(FUZZ_RUN_FLAGS) $(FUZZ_FLAGS_$*) $$reg/*; \
	fi; \
	mkdir -p $(FUZZ_BUILD)/corpus-$*; \
	echo "== fuzz_$*: $(FUZZ_SECONDS) s"; \
	$(FUZZ_ENV_$*) $< $(FUZZ_RUN_FLAGS) $(FUZZ_FLAGS_$*) \
	  -max_total_time=$(FUZZ_SECONDS) \
	  -close_fd_mask=2 -artifact_prefix=$(FUZZ_BUILD)/$*- \
	  $(FUZZ_BUILD)/corpus-$* tests/fuzz/seeds/$*

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_COMMON) $(FUZZ_LIB_OBJS) \
    tests/fuzz/track.h $(HEADERS)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_COMMON) \
	  $(FUZZ_LIB_OBJS) $(LIBS)

$(FUZZ_BUILD)/obj/%.o: src/%.c $(HEADERS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

# The man page and completions are generated from the flag table.
DOCS = man/isogrep.1:man completions/isogrep.bash:bash \
       completions/_isogrep:zsh completions/isogrep.fish:fish

docs: isogrep
	@for d in $(DOCS); do ./isogrep --generate $${d#*:} > $${d%%:*}; done

# Fails when a committed document differs from what the table generates.
docs-check: isogrep
	@for d in $(DOCS); do \
	  ./isogrep --generate $${d#*:} | diff -u $${d%%:*} - || \
	  { echo "$${d%%:*} is out of date: run make docs"; exit 1; }; \
	done
	@mandoc -Tlint -W warning man/isogrep.1 | (! grep .) || \
	  { echo "man/isogrep.1: mandoc warnings"; exit 1; }
	@bash -n completions/isogrep.bash
	@zsh -n completions/_isogrep
	@fish -n completions/isogrep.fish

install: isogrep
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 isogrep $(DESTDIR)$(PREFIX)/bin/isogrep
	install -m 644 man/isogrep.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 644 completions/isogrep.bash \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/isogrep
	install -m 644 completions/_isogrep \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_isogrep
	install -m 644 completions/isogrep.fish \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/isogrep.fish
	@if [ "$(GREP_LINKS)" = 1 ]; then for l in $(GREP_LINK_NAMES); do \
	  echo "ln -sf isogrep $(DESTDIR)$(PREFIX)/bin/$$l"; \
	  ln -sf isogrep $(DESTDIR)$(PREFIX)/bin/$$l || exit 1; done; fi

# Grep mode's names; links are only made when asked (GREP_LINKS=1).
GREP_LINK_NAMES = grep egrep fgrep

# Links are removed only when they point to isogrep: never GNU grep.
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/isogrep \
	  $(DESTDIR)$(PREFIX)/share/man/man1/isogrep.1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/isogrep \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_isogrep \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/isogrep.fish
	@for l in $(GREP_LINK_NAMES); do f=$(DESTDIR)$(PREFIX)/bin/$$l; \
	  if [ -L "$$f" ] && [ "$$(readlink "$$f")" = isogrep ]; then \
	    echo "rm -f $$f"; rm -f "$$f"; fi; done

clean:
	rm -rf build isogrep
