#!/bin/sh
# Bounded libFuzzer run over the MRZ parser and the reader stream assembler.
#   scripts/fuzz-idscan.sh [SECONDS]   (default 60)
# Records executions and crashes in docs/benchmarks.md (section between the fuzz markers).
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-60}
out=.build-fuzz
mkdir -p "$out/corpus"
printf 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n' > "$out/corpus/td3"
printf 'I<UTOD23145890<7349<<<<<<<<<<<\n3407127M9507122UTO<<<<<<<<<<<2\nSTEVENSON<<PETER<JOHN<<<<<<<<<\n' > "$out/corpus/td1"
printf '\034\002P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\rL898902C36UTO7408122F1204159ZE184226B<<<<<10\r\003\035' > "$out/corpus/accessis"
swiftc -O -parse-as-library -sanitize=fuzzer,address -module-name IDScan \
  Sources/IDScan/*.swift Fuzz/IDScanFuzz/main.swift -o "$out/idscan-fuzz"
set +e
"$out/idscan-fuzz" -max_total_time="$seconds" -max_len=512 -print_final_stats=1 "$out/corpus" > "$out/log.txt" 2>&1
status=$?
set -e
runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$out/log.txt" | grep -o '[0-9]*$' || echo 0)
crashes=$(ls "$out"/crash-* 2>/dev/null | wc -l; ls crash-* 2>/dev/null | wc -l)
crashes=$(echo "$crashes" | awk '{s+=$1} END {print s}')
tail -n 15 "$out/log.txt"
section="<!-- fuzz:start -->
## Latest \`make fuzz\` run

- Date: $(date -u +%Y-%m-%dT%H:%M:%SZ); machine: $(nproc) cores, $(uname -r)
- Target: MRZ parser + reader stream assembler (libFuzzer + AddressSanitizer), ${seconds} s
- Executions: ${runs}; crashes: ${crashes}; libFuzzer exit status: ${status}
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
echo "fuzz: ${runs} executions, ${crashes} crashes"
[ "$status" = 0 ] && [ "$crashes" = 0 ]
