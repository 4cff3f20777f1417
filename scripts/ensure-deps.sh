#!/bin/sh
# Installs the Debian packages a make target needs, or says exactly how to.
#   scripts/ensure-deps.sh build|test|bench
# As root: apt-get installs what is missing. Otherwise: prints the sudo apt-get line and exits 1.
set -eu
target=${1:-build}

build="pkg-config libsqlite3-dev libusb-1.0-0-dev libssl-dev libpcsclite-dev libopenjp2-7-dev zlib1g-dev"
test="$build sqlite3 openssl restic pcscd vsmartcard-vpcd umockdev libumockdev-dev socat udev chromium chromium-driver python3-venv poppler-utils nodejs postgresql"
bench="$build python3-venv postgresql"

case "$target" in
  build|run) wanted=$build ;;
  test) wanted=$test ;;
  bench) wanted=$bench ;;
  *) echo "usage: $0 build|test|bench" >&2; exit 2 ;;
esac

missing=""
for pkg in $wanted; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $pkg"
  fi
done

if [ -n "$missing" ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "Installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "Missing Debian packages:$missing" >&2
    echo "Install them with:" >&2
    echo "  sudo apt-get install -y --no-install-recommends$missing" >&2
    exit 1
  fi
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "Swift 6 is not installed (it is not packaged by Debian 12)." >&2
  echo "Install the Swift 6.x toolchain for Debian 12 from swift.org and put its usr/bin on PATH." >&2
  exit 1
fi
