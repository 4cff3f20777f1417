# Counter — quick start: `make run` and `make test`.
SWIFT ?= swift
BIN := .build/debug/counter-kiosk
DATA ?= $(HOME)/.local/share/counter-kiosk
FUZZ_SECONDS ?= 90

.PHONY: all build run test test-swift test-api test-examples docs test-js test-devices test-chip test-ui bench bench-ui fuzz soak package test-package clean

all: build

build:
	@scripts/ensure-deps.sh build
	$(SWIFT) build

## Build and start the kiosk on the embedded defaults (data in $$COUNTER_HOME or ~/.local/share/counter-kiosk).
run: build
	$(BIN) run $(if $(COUNTER_HOME),--data $(COUNTER_HOME),)

## Everything the tests need, then all tests: Swift tests, device tests under umockdev, chip tests, browser tests.
test:
	@scripts/ensure-deps.sh test
	$(SWIFT) build --build-tests
	$(MAKE) --no-print-directory test-swift
	$(MAKE) --no-print-directory test-api
	$(MAKE) --no-print-directory test-examples
	$(MAKE) --no-print-directory test-js
	$(MAKE) --no-print-directory test-devices
	$(MAKE) --no-print-directory test-chip
	$(MAKE) --no-print-directory test-ui

test-swift:
	$(SWIFT) test --skip-build

## The machine API (/v1) against docs/kiosk-api.yaml: schemathesis (PyPI) and the event stream (scripts/test-api.sh).
test-api:
	scripts/test-api.sh

## Examples/other-pos embeds the engine through CounterCore alone: it runs, and links no libusb or pcsc-lite.
test-examples:
	.build/debug/other-pos
	@if ldd .build/debug/other-pos | grep -E 'libusb|libpcsclite'; then echo "other-pos links a device library: CounterCore must not" >&2; exit 1; fi

## The engine's documentation (DocC, Sources/CounterCore/Counter.docc): .build/plugins/Swift-DocC/outputs/.
docs:
	$(SWIFT) package --disable-sandbox generate-documentation --target CounterCore --warnings-as-errors

## The page's pure state module (ui/till-state.js), with Node's own test runner (Debian's nodejs, no npm).
test-js:
	node --test Tests/ui/

test-devices:
	@if [ -x scripts/test-devices.sh ]; then scripts/test-devices.sh; else echo "device tests: none yet"; fi

## The chip check against an emulated passport through pcscd + vpcd (scripts/test-chip.sh; root).
test-chip:
	scripts/test-chip.sh

test-ui:
	@if [ -x scripts/test-ui.sh ]; then scripts/test-ui.sh; else echo "browser tests: none yet"; fi

## Benchmarks in release mode; results go to docs/benchmarks.md.
bench:
	@scripts/ensure-deps.sh bench
	@[ -x .venv-bench/bin/python ] || (python3 -m venv .venv-bench && .venv-bench/bin/pip install -q mrz)
	$(SWIFT) build -c release --product counter-bench
	.build/release/counter-bench --output docs/benchmarks.md
	$(MAKE) --no-print-directory bench-ui

## Kiosk in headless Chromium: scan-to-warning latency, cold start, RSS with 10 M hotlist keys.
bench-ui:
	@scripts/ensure-deps.sh test
	@[ -x .venv-ui/bin/python ] && .venv-ui/bin/python -c 'import selenium' 2>/dev/null || (python3 -m venv .venv-ui && .venv-ui/bin/pip install -q 'selenium>=4.20')
	$(SWIFT) build -c release --product counter-kiosk
	SE_OFFLINE=true KIOSK_BIN=$(CURDIR)/.build/release/counter-kiosk .venv-ui/bin/python Tests/ui/bench_ui.py

## Bounded fuzzing (libFuzzer + ASan) of every decoder of outside input, FUZZ_SECONDS per target; figures to docs/benchmarks.md.
fuzz:
	@scripts/ensure-deps.sh build
	scripts/fuzz.sh $(FUZZ_SECONDS)

## Upload crash soak: the kill -9 test with SOAK_KILLS kills (default 500) instead of the test suite's 50.
SOAK_KILLS ?= 500
soak:
	@scripts/ensure-deps.sh build
	$(SWIFT) build --build-tests
	SOAK_KILLS=$(SOAK_KILLS) $(SWIFT) test --skip-build --filter UploadCrashTests

## The Debian package: dist/counter-kiosk_VERSION_amd64.deb (release build, Swift runtime static; dpkg-deb).
package:
	@scripts/ensure-deps.sh build
	scripts/package.sh

## Installs that package into THIS machine and checks it (files, users, modes, units, upgrade, removal): CI, as root.
test-package: package
	scripts/test-package.sh

clean:
	rm -rf .build .build-* dist
