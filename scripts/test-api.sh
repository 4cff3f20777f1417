#!/bin/sh
# Contract tests of the machine API (/v1): schemathesis (PyPI, in .venv-api) against a running kiosk with
# docs/kiosk-api.yaml, then the event stream, the day log and revocation by hand (Tests/api/test_api.py).
set -eu
cd "$(dirname "$0")/.."

if [ ! -x .venv-api/bin/schemathesis ]; then
  python3 -m venv .venv-api
  .venv-api/bin/pip install -q 'schemathesis>=4.3,<5'
fi
BIN=${KIOSK_BIN:-.build/debug/counter-kiosk}
[ -x "$BIN" ] || { echo "API tests: $BIN is missing; run swift build first" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "API tests: sqlite3 is missing (apt: sqlite3)" >&2; exit 1; }
KIOSK_BIN="$PWD/$BIN" timeout 1500 python3 Tests/api/test_api.py
