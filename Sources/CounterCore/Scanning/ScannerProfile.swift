/// What Counter knows about one scanner or document reader model: its USB IDs per interface mode, and the
/// settings to read it with. One JSON file per model in hardware/profiles, embedded in the program.
package struct ScannerProfile: Sendable, Hashable, Codable {
    /// One interface mode of the model: its product ID and the nodes it shows up as.
    package struct Mode: Sendable, Hashable, Codable {
        /// Four hex digits, lower case (`0b81`).
        package var productID: String
        package var transports: [ScannerTransport]
        /// Where the ID comes from and how sure it is.
        package var source: String
    }

    /// `barcode` or `document`.
    package enum Kind: String, Sendable, Hashable, Codable { case barcode, document }

    /// What ends a scan: a key (wedges) or bytes (serial), or only the gap.
    package enum Suffix: String, Sendable, Hashable, Codable { case enter, tab, cr, crlf, none }

    package var id: String
    package var model: String
    package var kind: Kind
    /// Four hex digits, lower case; nil for generic profiles (matched by transport only) and for models
    /// whose IDs are not known yet.
    package var vendorID: String?
    package var modes: [Mode]
    /// Matches any product of ``vendorID`` no other profile lists, for vendors whose product IDs vary by model.
    package var vendorFallback: Bool
    package var suffix: Suffix
    /// How one read is delimited: the suffix, the gap, or a document reader's frame. Travels with the source
    /// to the router, so a framed read is never split into lines.
    package enum Framing: String, Sendable, Hashable, Codable { case suffix, gap, readerFrame }
    package var framing: Framing?
    /// The frame format of a ``Framing/readerFrame`` reader, as documented in its notes: `access-is`
    /// (`FS STX … ETX GS`), `desko-cute` (`SOD STX … ETX EOD`), `thales-rte` (`SOH len "OU" STX flag … ETX BCC`).
    package var frame: String?
    package var gapMilliseconds: Int
    /// Wedges: the layout the scanner is programmed for (`us`, `nl`, `be`).
    package var keyboardLayout: String
    /// Wedges: the character the scanner sends for GS, if it cannot send Ctrl+].
    package var gsSubstitute: String?
    package var baud: Int?
    package var notes: [String]

    /// The reading settings this profile gives.
    package var settings: ScannerSettings {
        ScannerSettings(gap: Double(gapMilliseconds) / 1000, layout: KeyboardLayout.named(keyboardLayout) ?? .us,
                        gsSubstitute: gsSubstitute?.first, tabEndsScan: suffix != .enter,
                        splitsAtLineEnds: kind != .document)
    }
}
