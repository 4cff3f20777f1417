#!/bin/sh
# Device tests through real kernel interfaces, emulated by umockdev (no scanner hardware needed):
#   1. the Swift DeviceTests suite (evdev wedge with grab, hidraw HID POS, libusb, sysfs discovery) in-process
#      under umockdev's LD_PRELOAD;
#   2. hardware/udev/99-counter-kiosk.rules applied by `udevadm test` to emulated devices, in a private mount
#      namespace (the rules and a "counter" group are bind-mounted over /etc: nothing on the machine changes).
# Fails, never skips, when umockdev or udevadm is missing. Needs root for part 2 (unshare -m); SKIP_UDEV=1 skips
# part 2 on a developer machine without root. Run after `swift build --build-tests` (make test does).
set -eu
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
MIN_SWIFT_TESTS=5

for tool in umockdev-run umockdev-wrapper udevadm unshare; do
  command -v "$tool" >/dev/null 2>&1 || { echo "device tests: $tool is missing: scripts/ensure-deps.sh test" >&2; exit 1; }
done

echo "== device tests (Swift, under umockdev-wrapper)"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
COUNTER_DEVICE_TESTS=1 umockdev-wrapper "$SWIFT" test --skip-build --filter DeviceTests >"$log" 2>&1
rc=$?
set -e
cat "$log"
[ "$rc" = 0 ] || { echo "device tests: FAILED (swift test exit $rc)" >&2; exit 1; }
if grep -q "skipped" "$log"; then echo "device tests: some were skipped under the script: that must not happen" >&2; exit 1; fi
ran=$(sed -n 's/.*Test run with \([0-9][0-9]*\) tests\{0,1\} .*passed.*/\1/p' "$log" | tail -n 1)
if [ -z "$ran" ] || [ "$ran" -lt "$MIN_SWIFT_TESTS" ]; then
  echo "device tests: expected at least $MIN_SWIFT_TESTS Swift device tests to run and pass, saw '${ran:-none}'" >&2
  exit 1
fi
echo "device tests: $ran Swift device tests passed"

if [ "${SKIP_UDEV:-}" = 1 ]; then echo "udev rule tests: SKIPPED (SKIP_UDEV=1)"; exit 0; fi
[ "$(id -u)" = 0 ] || { echo "udev rule tests need root (a private mount namespace); run as root or set SKIP_UDEV=1" >&2; exit 1; }

echo "== udev rules (udevadm test under umockdev-run)"
work=$(mktemp -d)
trap 'rm -f "$log"; rm -rf "$work"' EXIT
mkdir "$work/rules"
cp hardware/udev/99-counter-kiosk.rules "$work/rules/"
cp /etc/group "$work/group"
grep -q '^counter:' "$work/group" || echo "counter:x:2999:" >>"$work/group"
gid=$(sed -n 's/^counter:[^:]*:\([0-9]*\):.*/\1/p' "$work/group")
[ -d /etc/udev/rules.d ] || mkdir -p /etc/udev/rules.d
fixtures=Tests/Fixtures/devices
failures=0

# udev_case NAME FIXTURE SYSPATH EXPECTED... ; an expectation "!TEXT" must be absent.
udev_case() {
  name=$1 fixture=$2 syspath=$3
  shift 3
  out="$work/$name.out"
  unshare -m sh -c "mount --bind '$work/rules' /etc/udev/rules.d && mount --bind '$work/group' /etc/group && \
    umockdev-run -d '$fixtures/$fixture' -- udevadm test --action=add '$syspath'" >"$out" 2>&1 || {
    echo "  $name: udevadm test failed:"; tail -n 20 "$out"; failures=$((failures + 1)); return; }
  for want in "$@"; do
    case "$want" in
      !*) if grep -qF -- "${want#!}" "$out"; then echo "  $name: unexpected '${want#!}'"; failures=$((failures + 1)); fi ;;
      *) if ! grep -qF -- "$want" "$out"; then echo "  $name: missing '$want'"; failures=$((failures + 1)); fi ;;
    esac
  done
  echo "  $name: checked"
}

rules=/etc/udev/rules.d/99-counter-kiosk.rules
udev_case wedge wedge.umockdev \
  /sys/devices/pci0000:00/0000:00:14.0/usb1/1-3/1-3:1.0/0003:0C2E:0B61.0001/input/input7/event7 \
  "$rules:" "GROUP $gid" "MODE 0660" "LIBINPUT_IGNORE_DEVICE=1" "counter/scanner-kbd-event7"
udev_case hidpos hidpos.umockdev \
  /sys/devices/pci0000:00/0000:00:14.0/usb1/1-3/1-3:1.1/0003:0C2E:0B61.0002/hidraw/hidraw0 \
  "GROUP $gid" "MODE 0660" "counter/scanner-hidpos-hidraw0" "!LIBINPUT_IGNORE_DEVICE"
udev_case serial acm.umockdev /sys/devices/pci0000:00/0000:00:14.0/usb1/1-4/1-4:1.0/tty/ttyACM0 \
  "GROUP $gid" "MODE 0660" "ID_MM_DEVICE_IGNORE=1" "counter/scanner-serial-ttyACM0"
udev_case usb hidpos-usb.umockdev /sys/devices/pci0000:00/0000:00:14.0/usb1/1-3 "GROUP $gid" "MODE 0660"
# A keyboard of another vendor must stay as it is.
udev_case keyboard keyboard.umockdev \
  /sys/devices/pci0000:00/0000:00:14.0/usb1/1-5/1-5:1.0/0003:046D:C31C.0003/input/input9/event9 \
  "!$rules:" "!LIBINPUT_IGNORE_DEVICE" "!GROUP $gid"

[ "$failures" = 0 ] || { echo "udev rule tests: $failures failure(s)" >&2; exit 1; }
echo "udev rule tests: 5 devices checked"
