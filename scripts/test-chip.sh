#!/bin/sh
# Chip tests through the real PC/SC stack (issue 17): an emulated passport (Tests/chip/passport_card.py, Python,
# written from ICAO Doc 9303) on vsmartcard's vpcd reader driver, loaded by a pcscd of our own, in a private
# mount namespace (its socket /run/pcscd is a fresh tmpfs: the machine's own pcscd, if any, is not touched).
# Test credentials (CSCA, DS, SOD, master list) are made by Tests/chip/make_document.py with `cryptography`.
# Needs root (unshare -m). Fails, never skips. Run after `swift build --build-tests` (make test does).
set -eu
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
MIN_SWIFT_TESTS=8

for tool in pcscd unshare; do
  command -v "$tool" >/dev/null 2>&1 || { echo "chip tests: $tool is missing: scripts/ensure-deps.sh test" >&2; exit 1; }
done
[ -f /usr/lib/pcsc/drivers/serial/libifdvpcd.so ] || { echo "chip tests: vsmartcard-vpcd is missing: scripts/ensure-deps.sh test" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "chip tests need root (a private mount namespace for pcscd's socket)" >&2; exit 1; }

# The browser part needs Selenium (as scripts/test-ui.sh installs it); make test runs this script first.
if [ ! -x .venv-ui/bin/python ] || ! .venv-ui/bin/python -c 'import selenium' 2>/dev/null; then
  python3 -m venv .venv-ui
  .venv-ui/bin/pip install -q 'selenium>=4.20'
fi
if [ ! -x .venv-chip/bin/python ] || ! .venv-chip/bin/python -c 'import cryptography, Cryptodome' 2>/dev/null; then
  python3 -m venv .venv-chip
  .venv-chip/bin/pip install -q cryptography pycryptodomex
fi

work=$(mktemp -d)
log=$(mktemp)
trap 'rm -rf "$work" "$log"' EXIT
.venv-chip/bin/python Tests/chip/make_document.py "$work/documents"
# vpcd listens on all addresses: a port free there, below the kernel's ephemeral range (32768-60999), so no
# outgoing connection of an earlier test can hold it (one CI run lost its port that way).
port=$(.venv-chip/bin/python - <<'PY'
import random, socket
for port in random.sample(range(20000, 32000), 200):
    s = socket.socket()
    try:
        s.bind(("0.0.0.0", port))
    except OSError:
        continue
    finally:
        s.close()
    print(port)
    break
PY
)
[ -n "$port" ] || { echo "chip tests: no free port for vpcd" >&2; exit 1; }
mkdir -p "$work/reader.conf.d"
cat > "$work/reader.conf.d/vpcd" <<CONF
FRIENDLYNAME "Virtual PCD"
DEVICENAME   /dev/null:$port
LIBPATH      /usr/lib/pcsc/drivers/serial/libifdvpcd.so
CHANNELID    $port
CONF

echo "== chip tests (Swift, pcscd + vpcd on port $port)"
set +e
COUNTER_CHIP_TESTS=1 COUNTER_CHIP_DOCUMENTS="$work/documents" COUNTER_CHIP_PORT="$port" \
COUNTER_CHIP_PYTHON="$PWD/.venv-chip/bin/python" SWIFT="$SWIFT" WORK="$work" \
unshare -m sh -c '
  set -e
  mount --make-rprivate /
  mkdir -p /run/pcscd
  mount -t tmpfs tmpfs /run/pcscd
  pcscd -f -c "$WORK/reader.conf.d" >"$WORK/pcscd.log" 2>&1 &
  pcscd=$!
  i=0; while [ ! -S /run/pcscd/pcscd.comm ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
  rc=0
  "$SWIFT" test --skip-build --filter ChipCardTests || rc=$?
  # The outcomes at the counter, in headless Chromium (Tests/ui/test_kiosk.py KioskChipCheck).
  SE_OFFLINE=true KIOSK_BIN="$PWD/.build/debug/counter-kiosk" .venv-ui/bin/python Tests/ui/test_kiosk.py KioskChipCheck || rc=$?
  kill $pcscd 2>/dev/null || true
  exit $rc
' >"$log" 2>&1
rc=$?
set -e
cat "$log"
[ "$rc" = 0 ] || { echo "chip tests: FAILED (exit $rc); pcscd and the card said:" >&2; cat "$work/pcscd.log" "$work/documents/card.log" >&2 || true; exit 1; }
grep -q "browser tests: 4 passed, 0 failed, 0 skipped" "$log" || { echo "chip tests: the browser's chip outcomes did not all pass" >&2; exit 1; }
if grep -q "skipped\.$" "$log"; then echo "chip tests: some were skipped under the script: that must not happen" >&2; exit 1; fi
ran=$(sed -n 's/.*Test run with \([0-9][0-9]*\) tests\{0,1\} .*passed.*/\1/p' "$log" | tail -n 1)
if [ -z "$ran" ] || [ "$ran" -lt "$MIN_SWIFT_TESTS" ]; then
  echo "chip tests: expected at least $MIN_SWIFT_TESTS Swift chip tests to run and pass, saw '${ran:-none}'" >&2
  exit 1
fi
echo "chip tests: $ran Swift chip tests passed"
