#!/bin/sh
# Makes the release fixture `RELEASE/`: a data folder (register, config.json, seller key, photo, hotlist, staff)
# and an encrypted backup of it, with the counter-kiosk of that release. Committed, so every later release's
# tests open them: a register, a configuration and a backup made by an older release must keep working
# (issue 16: the register outlives many releases).        usage: make-fixture.sh COUNTER_KIOSK
set -eu
here=$(cd "$(dirname "$0")" && pwd)
registers="$here/../registers"
kiosk=$1
release=$("$kiosk" --version)
out="$here/$release"
rm -rf "$out"; mkdir -p "$out"
data="$out/data"
"$kiosk" shop set --data "$data" --name "Goud & Zo" --kvk 12345678 --branch 000012345678 --municipality Deventer >/dev/null
# Every section of config.json a shop sets, as this release writes and reads them.
python3 - "$data/config.json" <<'PY'
import json, sys
path = sys.argv[1]
config = json.load(open(path))
config.update({
    "holdingPeriod": {"municipality": "Deventer"},
    "requirePhotoWithoutSerial": True,
    "register": {"url": None, "token": None, "backlogAlarmHours": 24, "batchSize": 50},
    "tills": [{"name": "kassa-1", "scanners": ["stdin"]}],
    "checks": {"hotlistMaxAgeHours": 72},
    "photos": {"maxPerItem": 4, "maxMegabytesPerPhoto": 10},
    "law": {"cashLimitEuros": 3000, "regime": "current"},
    "retention": {"identityYears": 4, "bookkeepingYears": 7},
    "kiosk": {"host": "127.0.0.1", "port": 8417, "sessionMinutes": 10, "language": "nl"},
})
json.dump(config, open(path, "w"), indent=2)
PY
echo 908172 | "$kiosk" users add --data "$data" --role owner --name Piet >/dev/null
echo 1234 | "$kiosk" users add --data "$data" --role staff --name Anna >/dev/null
printf 'serial,brand,object\nSTOLEN-0001,Gazelle,fiets\n' > "$out/feed.csv"
"$kiosk" hotlist import --data "$data" "$out/feed.csv" >/dev/null
rm "$out/feed.csv"
photo=$("$kiosk" photo add --data "$data" "$registers/bicycle.png")
sed "s|PHOTOS|[$photo]|" "$registers/intake-2.json" > "$out/intake-2.json"
for n in 1 2 3 4; do
    file="$registers/intake-$n.json"; [ $n = 2 ] && file="$out/intake-2.json"
    "$kiosk" intake add --data "$data" --file "$file" --idempotency-key "fixture-$n" >/dev/null
done
rm "$out/intake-2.json"
"$kiosk" verify --data "$data" | sed -n 's/^Head hash: //p' > "$out/head-hash"
"$kiosk" backup init --data "$data" --recovery-code-file "$out/recovery-code" >/dev/null
"$kiosk" backup --data "$data" --to "$out/backups" --recovery-code-file "$out/recovery-code" >/dev/null
rm -f "$data"/*.migrate-lock "$data/backup-status.json"
sqlite3 "$data/register.sqlite" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
rm -f "$data/register.sqlite-wal" "$data/register.sqlite-shm"
echo "made $out"
