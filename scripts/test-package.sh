#!/bin/sh
# CI: installs dist/counter-kiosk_VERSION_amd64.deb into this machine (as root, with apt, so its Debian
# dependencies come too), then checks the files, users and permissions, the units (systemd-analyze verify),
# a register made by the service's user, a backup as the timer takes it, an upgrade that keeps the data, and
# a removal that keeps it too. Changes this machine: run it in CI or a throw-away VM.
set -eu
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "test-package: needs root (it installs the package into this machine)" >&2; exit 1; }
version=$(sed -n 's/.*static let version = "\(.*\)".*/\1/p' Sources/CounterCore/Support/CounterRelease.swift)
deb="$PWD/dist/counter-kiosk_${version}_amd64.deb"
[ -f "$deb" ] || { echo "test-package: $deb missing (make package)" >&2; exit 1; }
failures=0
check() {  # check DESCRIPTION COMMAND...
    what=$1; shift
    if "$@" >/tmp/test-package.out 2>&1; then echo "ok    $what"; else
        echo "FAIL  $what"; sed 's/^/      /' /tmp/test-package.out; failures=$((failures + 1)); fi
}
mode_owner() { [ "$(stat -c '%a %U:%G' "$1")" = "$2" ] || { echo "$1: $(stat -c '%a %U:%G' "$1"), expected $2"; return 1; }; }
as_counter() { runuser -u counter -- "$@"; }
data=/var/lib/counter-kiosk

# A register left by an earlier run of this test is wiped; a real one never is (this refuses to run).
if [ -e $data/register.sqlite ] || [ -e /etc/counter-kiosk/private/recovery-code ]; then
    [ -e $data/.made-by-test-package ] || { echo "test-package: $data holds a register: not a throw-away machine" >&2; exit 1; }
    dpkg --purge counter-kiosk >/dev/null 2>&1 || true
    rm -rf $data /var/backups/counter-kiosk /etc/counter-kiosk
fi

export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq --no-install-recommends "$deb" >/tmp/test-package-apt.log 2>&1 || { cat /tmp/test-package-apt.log; exit 1; }

echo "== files, users, permissions"
check "binary runs, version $version" sh -c "[ \"\$(/usr/bin/counter-kiosk --version)\" = $version ]"
check "Swift runtime linked statically" sh -c "! ldd /usr/bin/counter-kiosk | grep -q 'libswift\|libFoundation'"
for f in /lib/systemd/system/counter-kiosk.service /lib/systemd/system/counter-kiosk-backup.service \
         /lib/systemd/system/counter-kiosk-backup.timer /lib/systemd/system/counter-kiosk-display.service \
         /lib/udev/rules.d/99-counter-kiosk.rules /etc/pam.d/counter-kiosk-display /etc/counter-kiosk/backup.env \
         /usr/share/doc/counter-kiosk/technician-guide.md; do
    check "installed: $f" test -f "$f"
done
check "group counter (system)" sh -c "getent group counter && [ \$(getent group counter | cut -d: -f3) -lt 1000 ]"
check "user counter: system, no shell, home is the data folder" \
    sh -c "getent passwd counter | grep -q ':/var/lib/counter-kiosk:/usr/sbin/nologin\$' && [ \$(id -u counter) -lt 1000 ]"
check "user counter-display: own group, not in group counter" \
    sh -c "id counter-display && ! id -nG counter-display | tr ' ' '\n' | grep -qx counter"
check "data folder 0700 counter" mode_owner $data "700 counter:counter"
check "backup folder 0700 counter" mode_owner /var/backups/counter-kiosk "700 counter:counter"
check "code folder 0700 counter" mode_owner /etc/counter-kiosk/private "700 counter:counter"
check "display's home 0700 counter-display" mode_owner /var/lib/counter-display "700 counter-display:counter-display"
check "units enabled" sh -c "[ -L /etc/systemd/system/multi-user.target.wants/counter-kiosk.service ] && \
    [ -L /etc/systemd/system/timers.target.wants/counter-kiosk-backup.timer ] && \
    [ -L /etc/systemd/system/multi-user.target.wants/counter-kiosk-display.service ]"
for unit in counter-kiosk.service counter-kiosk-backup.service counter-kiosk-backup.timer counter-kiosk-display.service; do
    # Strict: any remark (an unknown key, a missing binary, a bad specifier) fails.
    check "systemd-analyze verify $unit" sh -c "out=\$(systemd-analyze verify /lib/systemd/system/$unit 2>&1); echo \"\$out\"; [ -z \"\$out\" ]"
done
check "kiosk service hardened" sh -c "grep -qx 'NoNewPrivileges=yes' /lib/systemd/system/counter-kiosk.service && \
    grep -qx 'ProtectSystem=strict' /lib/systemd/system/counter-kiosk.service && \
    grep -qx 'ReadWritePaths=/var/lib/counter-kiosk' /lib/systemd/system/counter-kiosk.service && \
    grep -qx 'PrivateTmp=yes' /lib/systemd/system/counter-kiosk.service && grep -qx 'User=counter' /lib/systemd/system/counter-kiosk.service"

echo "== a register, as the service's user"
cd /tmp
touch $data/.made-by-test-package
check "shop set" as_counter counter-kiosk shop set --data $data --name "Goud & Zo" --kvk 12345678 --branch 000012345678 --municipality Deventer
for i in 1 2 3; do
    check "intake $i" sh -c "runuser -u counter -- counter-kiosk intake add --data $data < $OLDPWD/docs/examples/intake.json"
done
check "register file 0600 counter" mode_owner $data/register.sqlite "600 counter:counter"
check "backup init into /etc/counter-kiosk/private" as_counter counter-kiosk backup init --data $data --recovery-code-file /etc/counter-kiosk/private/recovery-code
check "recovery code file 0600 counter" mode_owner /etc/counter-kiosk/private/recovery-code "600 counter:counter"
execstart=$(sed -n 's/^ExecStart=//p' /lib/systemd/system/counter-kiosk-backup.service | sed 's/\${KEEP}/30/')
check "the timer's backup command" as_counter $execstart
check "a snapshot in /var/backups/counter-kiosk" sh -c "ls /var/backups/counter-kiosk/counter-backup-*/manifest.json"
head=$(as_counter counter-kiosk verify --data $data | sed -n 's/^Head hash: //p')
sum=$(sha256sum $data/register.sqlite | cut -d' ' -f1)

echo "== upgrade to a newer package keeps the data"
next="$(echo "$version" | awk -F. '{ printf "%d.%d.%d", $1, $2, $3 + 1 }')"
rm -rf /tmp/counter-next && dpkg-deb -R "$deb" /tmp/counter-next
sed -i "s/^Version: .*/Version: $next/" /tmp/counter-next/DEBIAN/control
dpkg-deb --root-owner-group --build /tmp/counter-next /tmp/counter-kiosk_${next}_amd64.deb >/dev/null
check "upgrade installs" sh -c "apt-get install -y -qq --no-install-recommends /tmp/counter-kiosk_${next}_amd64.deb"
check "package now $next" sh -c "[ \"\$(dpkg-query -W -f='\${Version}' counter-kiosk)\" = $next ]"
check "register unchanged by the upgrade" sh -c "[ \"\$(sha256sum $data/register.sqlite | cut -d' ' -f1)\" = $sum ]"
check "register verifies, same head" sh -c "runuser -u counter -- counter-kiosk verify --data $data | grep -qx 'Head hash: $head'"
check "data folder still 0700 counter" mode_owner $data "700 counter:counter"

echo "== removal and purge keep the register"
sum=$(sha256sum $data/register.sqlite | cut -d' ' -f1)  # verify above may have checkpointed the log into the file
check "remove" apt-get remove -y -qq counter-kiosk
check "purge" sh -c "dpkg --purge counter-kiosk"
check "register kept after purge" sh -c "[ \"\$(sha256sum $data/register.sqlite | cut -d' ' -f1)\" = $sum ]"
check "snapshots kept after purge" sh -c "ls /var/backups/counter-kiosk/counter-backup-*/manifest.json"
check "reinstall over the kept data" sh -c "apt-get install -y -qq --no-install-recommends $deb && \
    runuser -u counter -- counter-kiosk verify --data $data | grep -qx 'Head hash: $head'"

[ $failures = 0 ] || { echo "test-package: $failures checks failed" >&2; exit 1; }
echo "test-package: all checks passed"
