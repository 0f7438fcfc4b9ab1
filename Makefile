# isogrep - parallel file-system search.  See README.md.
#
#   make            build ./isogrep (objects under build/)
#   make deps       install the Debian packages needed to build and test
#   make check      build, run the C unit tests and the bats tests
#   make sanitize   the tests under ASan+UBSan; the runtime tests under TSan
#   make install    install into $(PREFIX)/bin (PREFIX=/usr/local)

PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
WARN = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wformat=2
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) -Iinclude $(CFLAGS) $(EXTRA_CFLAGS)
LIBS = -lpcre2-8 -lpthread
ALLOC_LIBS = -ljemalloc

SRCS = $(wildcard src/*.c)
LIB_SRCS = $(filter-out src/main.c,$(SRCS))
UNIT_SRCS = $(wildcard tests/unit/test_*.c)
UNIT_RUNNER = tests/unit/unit.c

BUILD ?= build
OBJS = $(SRCS:src/%.c=$(BUILD)/%.o)
LIB_OBJS = $(LIB_SRCS:src/%.c=$(BUILD)/%.o)
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/unit/%)

DEBIAN_PACKAGES = build-essential libpcre2-dev libjemalloc-dev bats \
                  grep util-linux

.PHONY: all deps check unit bats sanitize asan tsan install clean

all: isogrep

isogrep: $(OBJS)
	$(CC) $(ALL_CFLAGS) -o $@ $(OBJS) $(LIBS) $(ALLOC_LIBS)

$(BUILD)/%.o: src/%.c $(wildcard include/*.h) | $(BUILD)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/unit/%: tests/unit/%.c $(UNIT_RUNNER) tests/unit/unit.h $(LIB_OBJS) | $(BUILD)/unit
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(UNIT_RUNNER) $(LIB_OBJS) $(LIBS) $(ALLOC_LIBS)

$(BUILD) $(BUILD)/unit:
	mkdir -p $@

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

check: isogrep unit bats

# The binary the tests run ($ISOGREP): ./isogrep, or a sanitizer build.
ISOGREP_BIN ?= isogrep

unit: $(UNIT_BINS) $(ISOGREP_BIN)
	@set -e; for t in $(UNIT_BINS); do echo "== $$t"; \
	  ISOGREP=$(CURDIR)/$(ISOGREP_BIN) $(UNIT_ENV) $$t; done

bats: isogrep
	ISOGREP=$(CURDIR)/$(ISOGREP_BIN) bats tests

# Sanitizer builds use libc malloc (ASan and jemalloc both want malloc).
SAN_FLAGS = -O1 -g -fno-omit-frame-pointer -DISOGREP_NO_JEMALLOC

sanitize: asan tsan

asan:
	$(MAKE) BUILD=build/asan ALLOC_LIBS= \
	  EXTRA_CFLAGS="$(SAN_FLAGS) -fsanitize=address,undefined -fno-sanitize-recover=undefined" \
	  ISOGREP_BIN=build/asan/isogrep-bin build/asan/isogrep-bin unit
	$(MAKE) bats ISOGREP_BIN=build/asan/isogrep-bin

tsan:
	$(MAKE) BUILD=build/tsan ALLOC_LIBS= \
	  EXTRA_CFLAGS="$(SAN_FLAGS) -fsanitize=thread" \
	  UNIT_ENV="TSAN_OPTIONS=halt_on_error=1" \
	  ISOGREP_BIN=build/tsan/isogrep-bin build/tsan/isogrep-bin unit
	ISOGREP=$(CURDIR)/build/tsan/isogrep-bin TSAN_OPTIONS=halt_on_error=1 \
	  bats tests/parallel.bats

$(BUILD)/isogrep-bin: $(OBJS)
	$(CC) $(ALL_CFLAGS) -o $@ $(OBJS) $(LIBS) $(ALLOC_LIBS)

install: isogrep
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 isogrep $(DESTDIR)$(PREFIX)/bin/isogrep

clean:
	rm -rf build isogrep
