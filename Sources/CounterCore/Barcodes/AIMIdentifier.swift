/// The AIM symbology identifier a scanner puts before the data (ISO/IEC 15424): `]` + code + modifier.
package struct AIMIdentifier: Sendable, Hashable, CustomStringConvertible {
    package var code: Character
    package var modifier: Character

    /// `]C1`.
    package var description: String { "]\(code)\(modifier)" }

    static let codes: Set<UInt8> = Set("ABCDEFGHIKLMNOPQRSTUXZcdeopsz".utf8)

    /// Splits an identifier off the front of `bytes`; nil when there is none.
    static func split(_ bytes: ArraySlice<UInt8>) -> (AIMIdentifier, ArraySlice<UInt8>)? {
        guard bytes.count >= 3, bytes.first == UInt8(ascii: "]") else { return nil }
        let c = bytes[bytes.startIndex + 1], m = bytes[bytes.startIndex + 2]
        let modifierOK = (m >= 48 && m <= 57) || (m >= 65 && m <= 90) || (m >= 97 && m <= 122)
        guard codes.contains(c), modifierOK else { return nil }
        return (AIMIdentifier(code: Character(UnicodeScalar(c)), modifier: Character(UnicodeScalar(m))), bytes.dropFirst(3))
    }

    /// GS1 carriers: GS1-128, GS1 DataMatrix, GS1 QR, GS1 DataBar, GS1 DotCode.
    var isGS1: Bool { ["]C1", "]d2", "]Q3", "]e0", "]J1"].contains(description) }
    /// EAN/UPC and ITF carriers.
    var isEANUPCITF: Bool { ["]E0", "]E4", "]I1"].contains(description) }
}
