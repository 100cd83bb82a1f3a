# zorgdoc — build, test, install. GNU make.
#
#   make              build build/zorgdoc
#   make check        build and run every test, then again under ASan+UBSan
#   make install      PREFIX=/usr/local DESTDIR=
#   make bench        benchmarks in tests/bench (never part of check)
#   make fuzz         libFuzzer targets (clang), FUZZ_SECONDS each
#   make check-valgrind  unit tests and CLI scripts under valgrind (slow)
#   make update-golden  rewrite expected outputs; review with git diff

VERSION    := 0.1.0
PREFIX     ?= /usr/local
DESTDIR    ?=
BUILD      ?= build
CC         ?= cc
SAN        ?=

PKGS := libxml-2.0 libxslt libexslt pangocairo pangoft2 pango cairo cairo-pdf \
        cairo-svg cairo-png fontconfig freetype2 harfbuzz sqlcipher libqpdf \
        libqrencode libsodium librsvg-2.0 libpng

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS))

WARN   := -Wall -Wextra -Werror -Wshadow -Wpointer-arith -Wstrict-prototypes \
          -Wmissing-prototypes -Wno-unused-parameter -Wswitch-enum -Wvla \
          -Wformat=2 -Wno-format-nonliteral
OPT    ?= -O2 -g
CFLAGS_ALL := -std=c11 -D_POSIX_C_SOURCE=200809L $(OPT) $(WARN) \
              -DZORGDOC_VERSION='"$(VERSION)"' \
              -DZORGDOC_DATADIR='"$(PREFIX)/share/zorgdoc"' \
              $(PKG_CFLAGS) $(CFLAGS)
LIBS_ALL   := $(PKG_LIBS) -lhpdf -lhyphen -lm -lpthread $(LDLIBS)

ifneq ($(SAN),)
  CFLAGS_ALL += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
  LDFLAGS    += -fsanitize=address,undefined
endif

LIB_SRCS  := $(shell find src -name '*.c' ! -path src/main.c | sort)
LIB_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/obj/%.o)
UNIT_SRCS := $(shell find tests/unit -name '*.c' | sort)
UNIT_OBJS := $(UNIT_SRCS:%.c=$(BUILD)/obj/%.o)
BENCH_SRCS := $(shell find tests/bench -name '*.c' 2>/dev/null | sort)
BENCH_BINS := $(BENCH_SRCS:tests/bench/%.c=$(BUILD)/bench/%)

.PHONY: samples all check test test-san check-valgrind install uninstall clean bench fuzz update-golden

# Liberation without its hinting, for smaller and faster PDFs
# (tools/ttf-dehint.c, src/layout/layout.c): written into fonts/, part of
# the data directory (installed with it; not in git). The tool is built
# without sanitizers into build/tools whatever BUILD is, so a sanitizer
# build does not make the fonts again. Skipped without fonts-liberation2:
# zorgdoc then embeds Liberation as it is.
FONT_SRC    ?= /usr/share/fonts/truetype/liberation2
FONT_STYLES := Sans-Regular Sans-Bold Sans-Italic Sans-BoldItalic \
               Serif-Regular Serif-Bold Serif-Italic Serif-BoldItalic
DEHINTED    := $(if $(wildcard $(FONT_SRC)/LiberationSans-Regular.ttf),$(FONT_STYLES:%=fonts/Zorgdoc%.ttf))

all: $(BUILD)/zorgdoc $(BUILD)/unit-tests $(BUILD)/zsql $(DEHINTED)

build/tools/ttf-dehint: tools/ttf-dehint.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 $(WARN) -o $@ $<

fonts/Zorgdoc%.ttf: $(FONT_SRC)/Liberation%.ttf build/tools/ttf-dehint
	@mkdir -p fonts
	build/tools/ttf-dehint Liberation Zorgdoc $< $@

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(BUILD)/libzorgdoc.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/zorgdoc: $(BUILD)/obj/src/main.o $(BUILD)/libzorgdoc.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS_ALL)

$(BUILD)/unit-tests: $(UNIT_OBJS) $(BUILD)/libzorgdoc.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS_ALL)

# Test-only: SQL on an encrypted store (tests/tools/zsql.c); never installed.
$(BUILD)/zsql: $(BUILD)/obj/tests/tools/zsql.o $(BUILD)/libzorgdoc.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS_ALL)

$(BUILD)/bench/%: tests/bench/%.c $(BUILD)/libzorgdoc.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Isrc $(LDFLAGS) -o $@ $^ $(LIBS_ALL)

-include $(LIB_OBJS:.o=.d) $(UNIT_OBJS:.o=.d) $(BUILD)/obj/src/main.d $(BUILD)/obj/tests/tools/zsql.d

# The test suite: once with the normal build, once under ASan and UBSan.
check: test test-san

test: all
	ZORGDOC_BUILD=$(BUILD) sh tests/run.sh

test-san:
	$(MAKE) --no-print-directory BUILD=build-san SAN=1 OPT='-O1 -g' all
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ZORGDOC_BUILD=build-san sh tests/run.sh

# Valgrind (memcheck): the unit tests and the CLI scripts with the binary
# wrapped (tests/valgrind/zorgdoc); definite leaks and memory errors fail.
# Slow (a command takes 5-30 s under valgrind), so by default a subset
# that runs every command and the bad-input suite; VALGRIND_TESTS=all runs
# every script. Reports: $(BUILD)/valgrind/*.log. Not part of check.
VALGRIND_TESTS ?= t0001 t0003 t0101 t0601 t0650 t0910
check-valgrind: all
	@rm -rf $(BUILD)/valgrind && mkdir -p $(BUILD)/valgrind
	ZORGDOC_VG_LOGS=$(CURDIR)/$(BUILD)/valgrind ZORGDOC_WRAP=$(CURDIR)/tests/valgrind/zorgdoc \
	  ZORGDOC_UNIT_WRAP="valgrind -q --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite --error-exitcode=99 --suppressions=$(CURDIR)/tests/valgrind/zorgdoc.supp" \
	  ZORGDOC_TESTS="$(filter-out all,$(VALGRIND_TESTS))" ZORGDOC_BUILD=$(BUILD) sh tests/run.sh; \
	  rc=$$?; n=$$(ls $(BUILD)/valgrind | wc -l); \
	  echo "valgrind: $$n command(s) with memory errors or definite leaks (reports in $(BUILD)/valgrind)"; \
	  [ $$rc -eq 0 ] && [ $$n -eq 0 ]

update-golden: all
	ZORGDOC_BUILD=$(BUILD) ZORGDOC_UPDATE_GOLDEN=1 sh tests/run.sh

# BENCH_INVOICES (default 10000) sets the size of the batch benchmark.
bench: all $(BENCH_BINS)
	sh scripts/deps.sh bench
	ZORGDOC_BUILD=$(BUILD) sh tests/bench/run.sh
	ZORGDOC_BUILD=$(BUILD) sh tests/bench/batch.sh

fuzz:
	sh tests/fuzz/run.sh

DATA_DIRS := templates locales schema fonts
install: $(BUILD)/zorgdoc
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/zorgdoc
	install -m 755 $(BUILD)/zorgdoc $(DESTDIR)$(PREFIX)/bin/zorgdoc
	for d in $(DATA_DIRS); do \
	  if [ -d $$d ]; then \
	    find $$d -type f | while read f; do \
	      install -D -m 644 "$$f" "$(DESTDIR)$(PREFIX)/share/zorgdoc/$$f"; done; \
	  fi; done

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/zorgdoc
	rm -rf $(DESTDIR)$(PREFIX)/share/zorgdoc

clean:
	rm -rf build build-san build-fuzz out fonts

# The README's main job: check and render every sample practice into out/.
samples: $(BUILD)/zorgdoc
	sh scripts/samples.sh $(BUILD)/zorgdoc out
