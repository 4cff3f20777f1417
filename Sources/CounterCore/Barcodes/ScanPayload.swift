/// The data of one scan, as every reader of a scan sees it: ASCII whitespace trimmed at both ends, and the
/// scanner's AIM symbology identifier split off when there is a valid one.
///
/// Why one type: the safety rule (`ScanSafety`), the interpreter (`ScanInterpreter`) and what the clerk
/// is shown (`ScanRouter`) must judge the same bytes. When the safety rule dropped any three bytes after a
/// `]` and the interpreter only a valid identifier, `]A<` + nine MRZ characters passed the MRZ rule and
/// became a serial that looks like an MRZ line (found by `make fuzz`, target `scan`).
package struct ScanPayload: Sendable {
    /// The AIM identifier, when the scan starts with a valid one.
    package var aim: AIMIdentifier?
    /// The data after trimming and after the identifier.
    package var data: ArraySlice<UInt8>

    package init(_ raw: [UInt8]) {
        var payload = raw[...]
        while let f = payload.first, Self.isSpace(f) { payload = payload.dropFirst() }
        while let l = payload.last, Self.isSpace(l) { payload = payload.dropLast() }
        if let (identifier, rest) = AIMIdentifier.split(payload) {
            aim = identifier
            payload = rest
        }
        data = payload
    }

    /// The data as text (invalid UTF-8 repaired).
    package var text: String { String(decoding: data, as: UTF8.self) }

    /// Space, TAB, LF, VT, FF, CR.
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
}
