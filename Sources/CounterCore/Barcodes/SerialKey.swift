import Foundation

/// The keys a serial number is matched on against stolen-goods lists.
///
/// **Exact**: Unicode NFKC, full upper-case mapping, then only `A-Z` and `0-9` kept.
/// **Loose**: the exact key with the OCR and typing look-alikes folded: `O→0 I→1 L→1 S→5 Z→2 B→8`.
package enum SerialKey {
    /// The exact key; `""` when nothing is left.
    package static func exact(_ text: String) -> String {
        let utf8 = text.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            // The common case, 10 M times in a hotlist import: a byte loop.
            var out = [UInt8]()
            out.reserveCapacity(utf8.count)
            for var b in utf8 {
                if b >= 0x61 && b <= 0x7A { b -= 0x20 }
                if (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) { out.append(b) }
            }
            return String(decoding: out, as: UTF8.self)
        }
        // NFKC first, so combining marks compose onto their letters (and are then dropped with them), and
        // compatibility characters become their plain forms (™ → TM, ① → 1).
        let upper = text.precomposedStringWithCompatibilityMapping.uppercased()
        return String(String.UnicodeScalarView(upper.unicodeScalars.filter {
            ($0.value >= 0x30 && $0.value <= 0x39) || ($0.value >= 0x41 && $0.value <= 0x5A)
        }))
    }

    /// The loose key of a text.
    package static func loose(_ text: String) -> String { fold(exact(text)) }

    /// Folds look-alikes in an exact key.
    package static func fold(_ exactKey: String) -> String {
        String(decoding: exactKey.utf8.map { b -> UInt8 in
            switch b {
            case UInt8(ascii: "O"): UInt8(ascii: "0")
            case UInt8(ascii: "I"), UInt8(ascii: "L"): UInt8(ascii: "1")
            case UInt8(ascii: "S"): UInt8(ascii: "5")
            case UInt8(ascii: "Z"): UInt8(ascii: "2")
            case UInt8(ascii: "B"): UInt8(ascii: "8")
            default: b
            }
        }, as: UTF8.self)
    }
}
