# stallscope: the two commands that matter are `make run` and `make test`.
SWIFT   ?= swift
PREFIX  ?= /usr/local
CONFIG  ?= debug
SHARED  ?= ../shared
BIN      = .build/$(CONFIG)/stallscope

.PHONY: all deps build run test lint format bench install clean check-tsan fuzz explore examples docs

all: build

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build -c $(CONFIG) --product stallscope

run: build
	$(BIN) $(ARGS)

# Suites on the real multi-threaded executor (names contain Live or Stress) run in a pass of
# their own: Swift Testing runs even synchronous tests on the cooperative pool, and the long
# deterministic simulations would otherwise hold both of its threads and starve them.
REAL_EXECUTOR_SUITES = Live|Stress

# Unit, engine and scenario tests in virtual time, then the real-executor suites, then the
# command-line contract, the example packages and the end-to-end checks of the dashboard in tmux
# (the examples first: they build Examples/Service, which the end-to-end checks attach to).
test: deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip '$(REAL_EXECUTOR_SUITES)'
	$(SWIFT) test --skip-build --filter '$(REAL_EXECUTOR_SUITES)'
	Tests/cli/run.sh
	.build/debug/stallscope explore --policy fixed --runs $(EXPLORE_TEST_RUNS) --seed 1
	Examples/run.sh
	Tests/prometheus/run.sh
	Tests/e2e/run.sh
	scripts/docs.sh
	scripts/fuzz.sh $(FUZZ_TEST_SECONDS)

# The example packages (their own Package.swift each, so swift-prometheus and Hummingbird never
# reach the main build): built and run, their output checked; the service loaded with wrk and
# attached to (with the main package's stallscope, built here).
examples: deps
	$(SWIFT) build --product stallscope
	Examples/run.sh

# The library's DocC catalog (guides and every public symbol), built through swift-docc-plugin;
# fails on any DocC warning.
docs:
	scripts/docs.sh

# Each libFuzzer target (--set values and durations, record files, theme files) runs this long in
# `make test`, on the committed corpus; `make fuzz` runs them longer.
FUZZ_TEST_SECONDS = 5
FUZZ_SECONDS ?= 300

fuzz: deps
	scripts/fuzz.sh $(FUZZ_SECONDS)

# `make test` explores `fixed` this many runs (explorer seed 1, the debug build: about half a
# minute on 2 cores) and fails on any finding that is not a known weakness.
EXPLORE_TEST_RUNS = 40

# The explorer on every buggy ladder step (500 runs each) and on fixed (10,000 runs); see
# README's "Explore".
explore: deps
	scripts/explore.sh

# The toolchain's formatter (configuration in .swift-format): `make test` fails on code it would
# change; `make format` applies it.
FORMATTED = Sources Tests Package.swift Benchmarks/Package.swift Benchmarks/Sources Fuzz/Package.swift Fuzz/Sources \
            Examples/WorkerPool/Package.swift Examples/WorkerPool/Sources Examples/Service/Package.swift Examples/Service/Sources

lint:
	$(SWIFT) format lint --strict --parallel --recursive $(FORMATTED)

format:
	$(SWIFT) format format --parallel --in-place --recursive $(FORMATTED)

# The primitives' stress suite under the thread sanitizer.
check-tsan: deps
	$(SWIFT) test --sanitize=thread --filter StressTests

# Micro-benchmarks, side by side with tokio (see Benchmarks/README.md). Not part of `make test`.
bench: deps
	@Benchmarks/run.sh $(SHARED)

install:
	$(SWIFT) build -c release --product stallscope
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/stallscope/themes
	install -m 0755 .build/release/stallscope $(DESTDIR)$(PREFIX)/bin/stallscope
	@if ls themes/*.toml >/dev/null 2>&1; then install -m 0644 themes/*.toml $(DESTDIR)$(PREFIX)/share/stallscope/themes/; fi

clean:
	rm -rf .build .build-fuzz
