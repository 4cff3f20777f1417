#!/bin/sh
# make package: dist/counter-kiosk_VERSION_amd64.deb with dpkg-deb, from the release build with the Swift
# runtime static (a shop PC needs no Swift toolchain). Everything else it needs are Debian packages (Depends).
set -eu
cd "$(dirname "$0")/.."
version=$(sed -n 's/.*static let version = "\(.*\)".*/\1/p' Sources/CounterCore/Support/CounterRelease.swift)
[ -n "$version" ] || { echo "package: no version in Sources/CounterCore/Support/CounterRelease.swift" >&2; exit 1; }

swift build -c release --static-swift-stdlib --product counter-kiosk --scratch-path .build-package
bin=.build-package/release/counter-kiosk

# Every shared library the binary needs must come from a Debian package (no Swift runtime left dynamic).
if ldd "$bin" | grep -q 'libswift\|libFoundation\|not found'; then
    echo "package: the binary still needs Swift's shared libraries:" >&2; ldd "$bin" >&2; exit 1
fi
known="libc6 libsqlite3-0 libusb-1.0-0"
extra=""
for lib in $(ldd "$bin" | awk '/=>/ { print $3 }'); do
    pkg=$(dpkg -S "$(readlink -f "$lib")" 2>/dev/null | head -1 | cut -d: -f1) || pkg=""
    [ -n "$pkg" ] || pkg=$(dpkg -S "$lib" 2>/dev/null | head -1 | cut -d: -f1) || pkg=""
    [ -n "$pkg" ] || { echo "package: $lib belongs to no Debian package" >&2; exit 1; }
    case " $known $extra " in *" $pkg "*) ;; *) extra="$extra $pkg" ;; esac
done
extra_depends=""
for pkg in $extra; do extra_depends="$extra_depends, $pkg"; done

root=dist/pkgroot
rm -rf "$root"
install -d "$root/DEBIAN" "$root/usr/bin" "$root/lib/systemd/system" "$root/lib/udev/rules.d" \
    "$root/etc/pam.d" "$root/etc/counter-kiosk" "$root/usr/share/doc/counter-kiosk"
install -m 0755 "$bin" "$root/usr/bin/counter-kiosk"
strip --strip-unneeded "$root/usr/bin/counter-kiosk"
install -m 0644 packaging/systemd/*.service packaging/systemd/*.timer "$root/lib/systemd/system/"
install -m 0644 hardware/udev/99-counter-kiosk.rules "$root/lib/udev/rules.d/"
install -m 0644 packaging/debian/counter-kiosk-display.pam "$root/etc/pam.d/counter-kiosk-display"
install -m 0644 packaging/debian/backup.env "$root/etc/counter-kiosk/backup.env"
install -m 0644 packaging/debian/copyright docs/technician-guide.md docs/owner-guide.md "$root/usr/share/doc/counter-kiosk/"
install -m 0644 packaging/debian/conffiles "$root/DEBIAN/"
install -m 0755 packaging/debian/postinst packaging/debian/prerm packaging/debian/postrm "$root/DEBIAN/"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@SIZE@/$size/" -e "s/@EXTRA_DEPENDS@/$extra_depends/" \
    packaging/debian/control.in > "$root/DEBIAN/control"

deb="dist/counter-kiosk_${version}_amd64.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
rm -rf "$root"
echo "$deb"
