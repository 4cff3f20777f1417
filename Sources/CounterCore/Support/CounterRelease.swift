/// This release of Counter: in `--version`, the Debian package's version, and every backup's manifest.
package enum CounterRelease {
    package static let version = "0.16.0"
}
