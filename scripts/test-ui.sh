#!/bin/sh
# Browser tests: the kiosk in real headless Chromium (Debian's chromium + chromium-driver), driven by
# Selenium from PyPI in .venv-ui. Run by `make test` after the Swift build; screenshots go to artifacts/ui.
set -eu
cd "$(dirname "$0")/.."

for tool in /usr/bin/chromium /usr/bin/chromedriver; do
  if [ ! -x "$tool" ]; then
    echo "browser tests: $tool is missing; run scripts/ensure-deps.sh test (apt: chromium chromium-driver)" >&2
    exit 1
  fi
done
if [ ! -x .venv-ui/bin/python ] || ! .venv-ui/bin/python -c 'import selenium' 2>/dev/null; then
  python3 -m venv .venv-ui
  .venv-ui/bin/pip install -q 'selenium>=4.20'
fi
# The binary serves the UI compiled in: it must match ui/.
python3 scripts/embed-assets.py --check || { echo "browser tests: run scripts/embed-assets.py after changing ui/" >&2; exit 1; }
BIN=${KIOSK_BIN:-.build/debug/counter-kiosk}
[ -x "$BIN" ] || { echo "browser tests: $BIN is missing; run swift build first" >&2; exit 1; }

# Selenium must use the system browser and driver, never download one.
SE_OFFLINE=true KIOSK_BIN="$PWD/$BIN" .venv-ui/bin/python Tests/ui/test_kiosk.py
