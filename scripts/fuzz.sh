#!/bin/sh
# Bounded libFuzzer runs (AddressSanitizer) over every decoder of outside input, one target at a time:
#   scripts/fuzz.sh [SECONDS-PER-TARGET] [TARGET…]     (default 90 s; all targets)
# Each target has its own corpus in .build-fuzz/corpus/<target>, seeded from Fuzz/seeds/<target>.
# An input that takes over 100 ms aborts as SLOW INPUT and counts as a timeout (libFuzzer's own -timeout
# is whole seconds). Leak detection is off: LeakSanitizer reports Swift's lazily built globals at exit;
# memory that grows per input still ends the run through -rss_limit_mb. Executions, crashes and timeouts per target go to docs/benchmarks.md (fuzz markers).
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-90}
[ $# -gt 0 ] && shift
targets=${*:-"scan gs1 digital-link keyboard hid-pos feed-csv feed-jsonl intake config mrz photo"}
out=.build-fuzz
mkdir -p "$out"

# The decoders and what they use, as one module over IDScan: no GRDB, NIO or devices in the fuzzer.
C=Sources/CounterCore
counter_sources="$(ls $C/Barcodes/*.swift) $C/Scanning/KeyboardDecoder.swift $C/Scanning/KeyboardLayout.swift
  $C/Scanning/KeyboardLayout+Tables.swift $C/Scanning/HIDPOSAssembler.swift $C/Scanning/HIDPOSReport.swift
  $C/Scanning/HIDReportDescriptor.swift $C/Scanning/ScanSafety.swift $C/Scanning/ScanBuffer.swift
  $C/Scanning/ScanEvent.swift $C/Scanning/ScanOrigin.swift $C/Scanning/ScanRefusal.swift
  $C/Scanning/ScannerSettings.swift $C/Checks/FeedParser.swift $C/Checks/HotlistImporter.swift
  $C/Checks/Hotlist.swift $C/Checks/StolenGoodsCheck.swift $C/Support/CalendarDate.swift
  $C/Support/PrivateFiles.swift $C/Support/ShopTimestamp.swift $C/Support/Money.swift $C/Register/CashBan.swift $C/Configuration/ConfigurationError.swift $C/Configuration/BoundedSetting.swift
  $C/Configuration/ConfigurationLoader.swift $C/Configuration/ConfigurationSchema.swift
  $C/Configuration/CounterConfiguration.swift $C/Configuration/TillConfiguration.swift
  $C/Register/Intake.swift $C/Register/IntakeValidator.swift $C/Register/IntakeError.swift
  $C/Register/Seller.swift $C/Register/RegisterItem.swift $C/Register/ItemCategory.swift
  $C/Register/IdentityDocumentKind.swift $C/Register/TransactionKind.swift $C/Register/TextRule.swift
  $C/Register/Sale.swift $C/Register/ItemCheck.swift $C/Photos/PhotoLimits.swift $C/Photos/ImageStructure.swift $C/Messages/CounterMessages.swift $(ls $C/Holding/*.swift)
  $C/Register/LawRegime.swift $C/Register/LegalRule.swift $C/Register/RetentionPolicy.swift"
flags="-O -parse-as-library -sanitize=fuzzer,address"
if [ ! -x "$out/counter-fuzz" ] || [ -n "$(find Sources/IDScan Sources/CounterCore Fuzz -newer "$out/counter-fuzz" -name '*.swift' | head -1)" ]; then
  echo "fuzz: building $out/counter-fuzz"
  (cd "$out" && swiftc $flags -emit-library -static -emit-module -module-name IDScan \
     $(ls ../Sources/IDScan/*.swift) -o libIDScan.a)
  # shellcheck disable=SC2086
  swiftc $flags -module-name Counter -I "$out" -L "$out" -lIDScan $counter_sources Fuzz/CounterFuzz/main.swift \
    -o "$out/counter-fuzz"
fi

# One target: its own corpus, findings and log; the result line goes to $out/<target>.result.
# Scans, keyboard and HID reports are short in life (a scan over 512 bytes is refused): inputs up to 2 KB;
# feeds, intake JSON and configuration up to 8 KB.
run_target() {
  target=$1
  corpus="$out/corpus/$target"
  mkdir -p "$corpus" "$out/findings/$target"
  [ -d "Fuzz/seeds/$target" ] && cp -n Fuzz/seeds/"$target"/* "$corpus"/ 2>/dev/null || true
  case $target in feed-csv|feed-jsonl|intake|config|photo) max_len=8192 ;; *) max_len=2048 ;; esac
  log="$out/$target.log"
  set +e
  ASAN_OPTIONS=detect_leaks=0 SWIFT_BACKTRACE=enable=no COUNTER_FUZZ_TARGET=$target "$out/counter-fuzz" \
    -max_total_time="$seconds" -max_len=$max_len -timeout=2 -rss_limit_mb=2048 -detect_leaks=0 \
    -print_final_stats=1 -artifact_prefix="$out/findings/$target/" "$corpus" > "$log" 2>&1
  status=$?
  set -e
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*$' || echo 0)
  slow=$(grep -c 'SLOW INPUT\|ALARM: working on the last Unit' "$log" || true)
  crashes=$(ls "$out/findings/$target" | grep -c '^crash-\|^oom-\|^leak-' || true)
  crashes=$((crashes > slow ? crashes - slow : 0))
  [ "$(ls "$out/findings/$target" | grep -c '^timeout-' || true)" -gt 0 ] && slow=$((slow + 1))
  echo "${runs:-0} $crashes $slow $status $max_len" > "$out/$target.result"
}

# Targets run as many at a time as there are cores (libFuzzer itself uses one).
jobs=$(nproc)
running=0
for target in $targets; do
  run_target "$target" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then wait; running=0; fi
done
wait

rows=""
total=0
failed=0
for target in $targets; do
  read -r runs crashes slow status max_len < "$out/$target.result"
  echo "fuzz $target: $runs executions, $crashes crashes, $slow timeouts (exit $status)"
  [ "$status" = 0 ] || { tail -n 20 "$out/$target.log"; failed=1; }
  total=$((total + runs))
  rows="$rows
| $target | $runs | $crashes | $slow | $max_len |"
done

section="<!-- fuzz:start -->
## Latest \`make fuzz\` run

- Date: $(date -u +%Y-%m-%dT%H:%M:%SZ); machine: $(nproc) cores, $(uname -r)
- libFuzzer + AddressSanitizer, ${seconds} s per target, $(nproc) targets at a time; an input over 100 ms is a timeout
- Executions in total: ${total}; goal ≥ 10 000 000 with 0 crashes and 0 timeouts

| target | executions | crashes | timeouts | longest input (bytes) |
|---|---|---|---|---|$rows
<!-- fuzz:end -->"
python3 - "$section" <<'PY'
import re, sys
path = "docs/benchmarks.md"
section = sys.argv[1]
try:
    text = open(path).read()
except FileNotFoundError:
    text = "# Benchmarks\n"
if "<!-- fuzz:start -->" in text:
    text = re.sub(r"<!-- fuzz:start -->.*?<!-- fuzz:end -->", lambda m: section, text, flags=re.S)
else:
    text = text.rstrip("\n") + "\n\n" + section + "\n"
open(path, "w").write(text)
PY
echo "fuzz: ${total} executions in total"
[ "$failed" = 0 ]
