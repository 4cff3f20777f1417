/// Placeholder so the module builds until the MRZ parser lands.
public enum IDScanVersion { public static let string = "0.1.0" }
