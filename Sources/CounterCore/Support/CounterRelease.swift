/// This release of Counter: in `--version`, the Debian package's version, and every backup's manifest.
public enum CounterRelease {
    public static let version = "0.16.0"
}
