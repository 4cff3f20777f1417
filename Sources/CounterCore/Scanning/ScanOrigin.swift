/// Where a scan came from, and what kind of device sent it: the router treats a document reader's bytes
/// and a barcode scanner's differently, so the kind travels with every scan.
public struct ScanOrigin: Sendable, Hashable, Codable {
    /// What sent the scan.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A barcode scanner (keyboard wedge, HID POS, serial), or the page's scan field a wedge types into.
        case barcode
        /// A document reader: its bytes are MRZ lines, never an item.
        case documentReader
        /// A person typed (or edited) an identifier by hand on the item.
        case typed
    }

    /// The device (`serial:/dev/ttyACM0`), `page`, `cli` or an embedder's name. Never scanned text.
    public var device: String
    public var kind: Kind
    /// The scanner profile (`desko-penta-icon`), when one is known.
    public var profile: String?
    /// The bytes arrive as the device sent them, line ends included (a serial document reader read unsplit);
    /// false: each scan is one line whose suffix the device layer removed (a keyboard wedge's Enter).
    public var isStream: Bool

    public init(device: String, kind: Kind, profile: String? = nil, isStream: Bool = false) {
        self.device = device
        self.kind = kind
        self.profile = profile
        self.isStream = isStream
    }

    /// The page's scan field: a keyboard-wedge scanner types into it, so it is a scan, not typing.
    public static let page = ScanOrigin(device: "page", kind: .barcode)
    /// An identifier typed by hand on an item card.
    public static let typed = ScanOrigin(device: "page", kind: .typed)
}
