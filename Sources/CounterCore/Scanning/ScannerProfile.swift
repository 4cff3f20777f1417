/// What Counter knows about one scanner or document reader model: its USB IDs per interface mode, and the
/// settings to read it with. One JSON file per model in hardware/profiles, embedded in the program.
public struct ScannerProfile: Sendable, Hashable, Codable {
    /// One interface mode of the model: its product ID and the nodes it shows up as.
    public struct Mode: Sendable, Hashable, Codable {
        /// Four hex digits, lower case (`0b81`).
        public var productID: String
        public var transports: [ScannerTransport]
        /// Where the ID comes from and how sure it is.
        public var source: String
    }

    /// `barcode` or `document`.
    public enum Kind: String, Sendable, Hashable, Codable { case barcode, document }

    /// What ends a scan: a key (wedges) or bytes (serial), or only the gap.
    public enum Suffix: String, Sendable, Hashable, Codable { case enter, tab, cr, crlf, none }

    public var id: String
    public var model: String
    public var kind: Kind
    /// Four hex digits, lower case; nil for generic profiles (matched by transport only) and for models
    /// whose IDs are not known yet.
    public var vendorID: String?
    public var modes: [Mode]
    /// Matches any product of ``vendorID`` no other profile lists, for vendors whose product IDs vary by model.
    public var vendorFallback: Bool
    public var suffix: Suffix
    /// How one read is delimited: the suffix, the gap, or a document reader's frame. Travels with the source
    /// to the router, so a framed read is never split into lines.
    public enum Framing: String, Sendable, Hashable, Codable { case suffix, gap, readerFrame }
    public var framing: Framing?
    /// The frame format of a ``Framing/readerFrame`` reader, as documented in its notes: `access-is`
    /// (`FS STX … ETX GS`), `desko-cute` (`SOD STX … ETX EOD`), `thales-rte` (`SOH len "OU" STX flag … ETX BCC`).
    public var frame: String?
    public var gapMilliseconds: Int
    /// Wedges: the layout the scanner is programmed for (`us`, `nl`, `be`).
    public var keyboardLayout: String
    /// Wedges: the character the scanner sends for GS, if it cannot send Ctrl+].
    public var gsSubstitute: String?
    public var baud: Int?
    public var notes: [String]

    /// The reading settings this profile gives.
    public var settings: ScannerSettings {
        ScannerSettings(gap: Double(gapMilliseconds) / 1000, layout: KeyboardLayout.named(keyboardLayout) ?? .us,
                        gsSubstitute: gsSubstitute?.first, tabEndsScan: suffix != .enter,
                        splitsAtLineEnds: kind != .document)
    }
}
