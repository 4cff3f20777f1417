#!/bin/sh
# Made the fixture register `main-2026-12-02/` with the counter-kiosk of main at 07b4213 (2026-12-02), before the
# seller's identity left the hash chain (issue 13): four intakes (a returning seller, cash, a photo, a correction).
# Kept for the record: today's code cannot make a register in the old format any more, and the migration test
# reads the committed copy.      usage: make-fixture.sh OLD_COUNTER_KIOSK
set -eu
here=$(cd "$(dirname "$0")" && pwd)
kiosk=$1; out="$here/main-2026-12-02"
rm -rf "$out"; mkdir -p "$out"
export COUNTER_HOME="$out"
photo=$("$kiosk" photo add "$here/bicycle.png")
sed "s|PHOTOS|[$photo]|" "$here/intake-2.json" > "$out/intake-2.json"
"$kiosk" intake add --file "$here/intake-1.json" --idempotency-key fixture-1
"$kiosk" intake add --file "$out/intake-2.json" --idempotency-key fixture-2
"$kiosk" intake add --file "$here/intake-3.json" --idempotency-key fixture-3
"$kiosk" intake add --file "$here/intake-4.json" --idempotency-key fixture-4
rm "$out/intake-2.json"
"$kiosk" verify
# The old chain as it was, for the test: number and hash of every entry.
sqlite3 "$out/register.sqlite" "PRAGMA wal_checkpoint(TRUNCATE); SELECT entry_number || ' ' || hash FROM entry ORDER BY entry_number" \
  | grep -v '^0|' > "$here/main-2026-12-02.hashes"
