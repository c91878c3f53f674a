# ftrack: a command-line engagement tracker for the FastTrack No Intent rules.
# `make` builds ./ftrack; `make check` runs every test (also under ASan and
# UBSan) on SQLite, then on PostgreSQL in a throw-away cluster (`make
# check-pg` alone; PG_CHECK=0 leaves it out); `make demo` shows the main
# job on a throw-away database; `make install` installs the binary, the man
# page and the shell completion;
# `make deb` builds a Debian package into build/.

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
# Debian's zsh looks here for the completion functions packages install.
ZSHCOMPDIR = $(PREFIX)/share/zsh/vendor-completions
CC ?= cc
PKG_CONFIG ?= pkg-config

WARN = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wno-unused-parameter
DEFS = -D_GNU_SOURCE
CFLAGS ?= -O2 -g
SAN = -fsanitize=address,undefined -fno-omit-frame-pointer \
      -fno-sanitize-recover=all

# Lazily expanded, so that `make deps` can install pkg-config files first.
SQLITE_CFLAGS = $(shell $(PKG_CONFIG) --cflags sqlite3)
SQLITE_LIBS = $(shell $(PKG_CONFIG) --libs sqlite3)
PQ_CFLAGS = $(shell $(PKG_CONFIG) --cflags libpq)
PQ_LIBS = $(shell $(PKG_CONFIG) --libs libpq)
CRYPTO_CFLAGS = $(shell $(PKG_CONFIG) --cflags nettle)
CRYPTO_LIBS = $(shell $(PKG_CONFIG) --libs nettle)
CMOCKA_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka)
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs cmocka)
CSV_LIBS = -lcsv
# libunistring has no pkg-config file in Debian either (names: NFC, case folding)
UNISTRING_LIBS = -lunistring

# CPPFLAGS and LDFLAGS carry a distribution's hardening (dpkg-buildflags).
ALL_CFLAGS = $(WARN) $(DEFS) -pthread -Iinclude -Isrc/core -Isrc/core/store \
	     $(SQLITE_CFLAGS) $(PQ_CFLAGS) $(CRYPTO_CFLAGS) $(CPPFLAGS) $(CFLAGS)
# libpq is not linked: the PostgreSQL driver loads it (dlopen) when a
# connection string is opened (src/core/store/pg_lib.c); its headers come
# through pkg-config (PQ_CFLAGS). dlopen is in glibc's libc since 2.34.
# -pthread: verify runs SQLite's integrity check in a thread of its own
# (src/core/store/sqlite_check.c).
LIBS = $(SQLITE_LIBS) $(CSV_LIBS) $(CRYPTO_LIBS) $(UNISTRING_LIBS) -pthread

MIGRATIONS = $(sort $(wildcard migrations/*.sql))
PG_MIGRATIONS = $(sort $(wildcard migrations/pg/*.sql))
MIGRATION_DATA = $(sort $(wildcard migrations/data/*.sql))
CORE_SRC = $(sort $(wildcard src/core/*.c src/core/store/*.c))
CLI_SRC = $(sort $(wildcard src/cli/*.c))
UNIT_SRC = $(sort $(wildcard tests/test_*.c))
E2E_SRC = $(sort $(wildcard tests/e2e/test_*.c))

# Two build flavours: plain (build/) and sanitized (build/san/).
B = build
S = build/san

CORE_OBJ = $(CORE_SRC:src/core/%.c=$(B)/core/%.o) $(B)/core/migrations.o
CLI_OBJ = $(CLI_SRC:src/cli/%.c=$(B)/cli/%.o)
SCORE_OBJ = $(CORE_SRC:src/core/%.c=$(S)/core/%.o) $(S)/core/migrations.o
SCLI_OBJ = $(CLI_SRC:src/cli/%.c=$(S)/cli/%.o)

# The manual pages, from scdoc (man/*.scd) into roff under build/man/.
MAN_SRC = $(sort $(wildcard man/ftrack.1.scd man/*/ftrack.1.scd))
MAN_PAGES = $(MAN_SRC:man/%.scd=$(B)/man/%)
# The translated pages' languages ("es" for man/es/ftrack.1.scd).
MAN_LANGS = $(patsubst man/%/ftrack.1.scd,%,$(filter man/%/ftrack.1.scd,$(MAN_SRC)))

UNIT_BIN = $(UNIT_SRC:tests/%.c=$(B)/tests/%)
SUNIT_BIN = $(UNIT_SRC:tests/%.c=$(S)/tests/%)
E2E_BIN = $(E2E_SRC:tests/e2e/%.c=$(B)/tests/e2e_%)

.PHONY: all deps check check-plain check-san check-pg demo install uninstall man \
	deb check-deb clean schema bench fuzz

all: ftrack

ftrack: $(B)/ftrack
	cp $< $@

$(B)/ftrack: $(CORE_OBJ) $(CLI_OBJ) $(B)/ftrack.o $(B)/core/reference_image.o
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(S)/ftrack: $(SCORE_OBJ) $(SCLI_OBJ) $(S)/ftrack.o $(S)/core/reference_image.o
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $^ $(LIBS)

# The database the migrations build, made at build time for verify (see
# tools/reference-image.c); binaries without it (the unit tests) build it
# when they verify.
$(B)/tools/reference-image: tools/reference-image.c $(CORE_OBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(CORE_OBJ) $(LIBS)

$(B)/core/reference_image.c: $(B)/tools/reference-image
	$< > $@.tmp && mv $@.tmp $@

$(S)/core/reference_image.c: $(B)/core/reference_image.c
	@mkdir -p $(@D)
	cp $< $@

$(B)/core/migrations.c: tools/embed-migrations.sh $(MIGRATIONS) \
			$(PG_MIGRATIONS) $(MIGRATION_DATA)
	@mkdir -p $(@D)
	sh tools/embed-migrations.sh $(MIGRATIONS) --pg $(PG_MIGRATIONS) \
		> $@.tmp && mv $@.tmp $@

$(S)/core/migrations.c: $(B)/core/migrations.c
	@mkdir -p $(@D)
	cp $< $@

$(B)/%.o: $(B)/%.c
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<
$(S)/%.o: $(S)/%.c
	$(CC) $(ALL_CFLAGS) $(SAN) -MMD -MP -c -o $@ $<
$(B)/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<
$(S)/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SAN) -MMD -MP -c -o $@ $<

# Unit tests link the core; end-to-end tests run the binary.
$(B)/tests/%: tests/%.c tests/testutil.h tests/testdb.h $(CORE_OBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -Itests -o $@ $< $(CORE_OBJ) \
		$(LIBS) $(CMOCKA_LIBS)
$(S)/tests/%: tests/%.c tests/testutil.h tests/testdb.h $(SCORE_OBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SAN) $(CMOCKA_CFLAGS) -Itests -o $@ $< \
		$(SCORE_OBJ) $(LIBS) $(CMOCKA_LIBS)
$(B)/tests/e2e_%: tests/e2e/%.c tests/e2e/run.h tests/testdb.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -Itests/e2e -o $@ $< \
		$(SQLITE_LIBS) $(PQ_LIBS) $(CMOCKA_LIBS) $(CSV_LIBS) $(CRYPTO_LIBS)

# Installs what the build needs when it is missing (as root), or says how.
deps:
	@sh tools/deps.sh

# The PostgreSQL half of `make check` (0: SQLite only); `make check-pg`
# runs it alone.
PG_CHECK ?= 1

check:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory check-plain check-san \
		$(if $(filter 1,$(PG_CHECK)),check-pg)

check-plain: $(B)/ftrack $(UNIT_BIN) $(E2E_BIN) $(MAN_PAGES)
	@sh tools/run-tests.sh "$(B)/ftrack" "$(UNIT_BIN)" "$(E2E_BIN)"

# The plain tests again on PostgreSQL: the server FTRACK_TEST_PG names, else
# a cluster started in a temporary folder and stopped at the end.
check-pg: $(B)/ftrack $(UNIT_BIN) $(E2E_BIN) $(MAN_PAGES)
	@sh tools/run-tests.sh --pg "$(B)/ftrack" "$(UNIT_BIN)" "$(E2E_BIN)"

check-san: $(S)/ftrack $(SUNIT_BIN) $(E2E_BIN) $(MAN_PAGES)
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	sh tools/run-tests.sh "$(S)/ftrack" "$(SUNIT_BIN)" "$(E2E_BIN)"

# The build's log goes to build/demo-build.log; only a failure shows it.
demo:
	@$(MAKE) --no-print-directory deps
	@mkdir -p $(B)
	@$(MAKE) --no-print-directory ftrack >$(B)/demo-build.log 2>&1 || \
		{ cat $(B)/demo-build.log; exit 1; }
	@sh tools/demo.sh ./ftrack

# Regenerates schema/schema.sql from the migrations (commit the result),
# and schema/schema-pg.sql from migrations/pg/ when FTRACK_TEST_PG names a
# PostgreSQL 15 server whose role may create databases (a URL, or the folder
# of a cluster tools/pg-cluster.sh started).
schema: $(B)/ftrack
	@sh tools/dump-schema.sh $(B)/ftrack > schema/schema.sql
	@if [ -n "$(FTRACK_TEST_PG)" ]; then \
		pg="$(FTRACK_TEST_PG)"; \
		[ -d "$$pg" ] && pg=$$(sh tools/pg-cluster.sh url "$$pg"); \
		sh tools/dump-schema-pg.sh "$$pg" \
			> schema/schema-pg.sql.tmp && \
		mv schema/schema-pg.sql.tmp schema/schema-pg.sql; \
	else \
		echo "schema/schema-pg.sql left as it is (no FTRACK_TEST_PG)"; \
	fi

# The benchmark: every target of issue 14 against its baseline, the sqlite3
# shell's, and PostgreSQL beside it against psql's on a throw-away cluster
# (BENCH_PG=0 leaves it out, BENCH_PG_SIZES="1000" measures it at those
# sizes only); bench/results.md gets the table. BENCH_SIZES
# sets the customers of each data set (10 entitlements each); at 100000 (1M
# entitlements) PostgreSQL's import alone takes about 50 min at the 576
# rows/s measured at 100k (SQLite's about 5 min), in flat memory (17.8 MiB
# at 100k). verify --quick and --since must exist: the run stops otherwise.
BENCH_SIZES ?= 1000 100000
bench:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory ftrack $(B)/bench/gen $(B)/bench/measure \
		$(B)/bench/sqltrace.so
	@sh bench/run.sh ./ftrack $(B)/bench/gen $(B)/bench/measure $(BENCH_SIZES)

# the write floor's shim (bench/sqltrace.c), preloaded into ftrack
$(B)/bench/sqltrace.so: bench/sqltrace.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(DEFS) $(CFLAGS) $(SQLITE_CFLAGS) -shared -fPIC -o $@ $< \
		$(SQLITE_LIBS) -ldl

$(B)/bench/%: bench/%.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(DEFS) $(CFLAGS) -o $@ $<

# libFuzzer targets (clang) under ASan and UBSan, FUZZ_SECONDS each; new
# inputs go to build/fuzz/, the seeds in tests/fuzz/ stay as they are.
FUZZ_SECONDS ?= 60
FUZZ_CC = clang
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined \
	     -fno-sanitize-recover=undefined
FUZZ_SRC = $(CORE_SRC) $(B)/core/migrations.c
fuzz:
	@sh tools/deps.sh fuzz
	@$(MAKE) --no-print-directory $(B)/fuzz/fuzz_cli $(B)/fuzz/fuzz_import
	@for t in cli import; do \
		mkdir -p $(B)/fuzz/corpus_$$t; \
		echo "fuzzing $$t for $(FUZZ_SECONDS) s"; \
		ASAN_OPTIONS=detect_leaks=1 $(B)/fuzz/fuzz_$$t \
			-max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
			-print_final_stats=1 \
			-artifact_prefix=$(CURDIR)/$(B)/fuzz/$$t- \
			$(CURDIR)/$(B)/fuzz/corpus_$$t $(CURDIR)/tests/fuzz/$$t \
			> $(B)/fuzz/$$t.log 2>&1; \
		status=$$?; \
		grep -E '^(Done|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY)' \
			$(B)/fuzz/$$t.log; \
		if [ $$status -ne 0 ]; then \
			tail -n 40 $(B)/fuzz/$$t.log; \
			echo "fuzz_$$t failed (see $(B)/fuzz/$$t.log)"; exit 1; \
		fi; \
	done

$(B)/fuzz/fuzz_cli: tests/fuzz/fuzz_cli.c $(FUZZ_SRC) $(CLI_SRC)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(WARN) $(DEFS) -Iinclude -Isrc/core -Isrc/core/store \
		$(SQLITE_CFLAGS) $(PQ_CFLAGS) $(FUZZ_FLAGS) -o $@ \
		$< $(FUZZ_SRC) $(CLI_SRC) $(LIBS)
$(B)/fuzz/fuzz_import: tests/fuzz/fuzz_import.c $(FUZZ_SRC)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(WARN) $(DEFS) -Iinclude -Isrc/core -Isrc/core/store \
		$(SQLITE_CFLAGS) $(PQ_CFLAGS) $(FUZZ_FLAGS) -o $@ \
		$< $(FUZZ_SRC) $(LIBS)

man:
	@sh tools/deps.sh
	@$(MAKE) --no-print-directory $(MAN_PAGES)

$(B)/man/%: man/%.scd
	@mkdir -p $(@D)
	@command -v scdoc >/dev/null 2>&1 || { \
		echo "the man page needs scdoc: run 'sh tools/deps.sh'" >&2; \
		exit 1; }
	scdoc < $< > $@.tmp && mv $@.tmp $@

# Installs into the FHS places under $(DESTDIR)$(PREFIX); `make uninstall`
# with the same PREFIX and DESTDIR removes exactly these files, then the
# folders that hold them when that leaves them empty (rmdir refuses one
# that holds anything else; their parents stay).
install: ftrack $(MAN_PAGES)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 0755 ftrack $(DESTDIR)$(BINDIR)/ftrack
	install -m 0644 $(B)/man/ftrack.1 $(DESTDIR)$(MANDIR)/man1/ftrack.1
	@for l in $(MAN_LANGS); do \
		echo "install -m 0644 $(B)/man/$$l/ftrack.1 $(DESTDIR)$(MANDIR)/$$l/man1/ftrack.1"; \
		install -d $(DESTDIR)$(MANDIR)/$$l/man1 && \
		install -m 0644 $(B)/man/$$l/ftrack.1 \
			$(DESTDIR)$(MANDIR)/$$l/man1/ftrack.1 || exit 1; \
	done
	install -m 0644 completion/ftrack.bash $(DESTDIR)$(BASHCOMPDIR)/ftrack
	install -m 0644 completion/_ftrack $(DESTDIR)$(ZSHCOMPDIR)/_ftrack

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/ftrack $(DESTDIR)$(MANDIR)/man1/ftrack.1 \
		$(patsubst %,$(DESTDIR)$(MANDIR)/%/man1/ftrack.1,$(MAN_LANGS)) \
		$(DESTDIR)$(BASHCOMPDIR)/ftrack $(DESTDIR)$(ZSHCOMPDIR)/_ftrack
	@# Into a staging DESTDIR, the folders install made go once empty; on
	@# the live system (no DESTDIR) folders such as /usr/local/bin stay.
	@[ -n "$(DESTDIR)" ] || exit 0; \
	for d in $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(patsubst %,$(DESTDIR)$(MANDIR)/%/man1,$(MAN_LANGS)) \
		$(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR); do \
		if [ -d "$$d" ] && rmdir "$$d" 2>/dev/null; then \
			echo "rmdir $$d"; fi; \
	done

# The Debian package (debian/), built from a copy of the tree in build/deb/
# so that the working tree stays as it is; the .deb is copied to build/.
# DEB_BUILD_OPTIONS=nocheck skips the tests inside the package build.
deb:
	@sh tools/deps.sh deb
	rm -rf $(B)/deb $(B)/ftrack_*.deb $(B)/ftrack-dbgsym_*.deb
	mkdir -p $(B)/deb/ftrack
	tar --exclude=./build --exclude=./.git --exclude=./ftrack -cf - . | \
		tar -C $(B)/deb/ftrack -xf -
	cd $(B)/deb/ftrack && dpkg-buildpackage -us -uc -b
	cp $(B)/deb/*.deb $(B)/

# Builds the package, runs lintian on it, installs it, runs it, removes it
# (as root; installs what it needs with apt-get). CI runs it after `make check`.
check-deb:
	@sh tools/check-deb.sh

clean:
	rm -rf $(B) ftrack

-include $(shell find $(B) -name '*.d' 2>/dev/null)
