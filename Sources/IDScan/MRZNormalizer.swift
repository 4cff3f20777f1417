/// Turns what a document reader or a person sends into clean MRZ lines: reader framing stripped
/// (STX/ETX, SOH…BCC frames, DESKO SOD/EOD, Access-IS `1C 02 … 03 1D`), split on CR, LF or CRLF,
/// spaces and `_` padding removed, upper-cased, empty lines dropped.
public enum MRZNormalizer {
    static let stx: UInt8 = 0x02, etx: UInt8 = 0x03, soh: UInt8 = 0x01, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A

    /// The MRZ lines in `bytes`, framed or not.
    public static func lines(from bytes: [UInt8]) -> [String] {
        normalize(split(unframe(bytes))).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The payload between STX and ETX when the bytes are framed; the bytes otherwise.
    static func unframe(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        guard let start = bytes.firstIndex(of: stx) else { return bytes[...] }
        var body = bytes[(start + 1)...]
        if let end = body.firstIndex(of: etx) { body = body[..<end] }
        // 3M/Thales RTE frames (SOH, length, "OU", STX) carry one flag byte before the optical data.
        if bytes.first == soh, let first = body.first, first != cr, first != lf { body = body.dropFirst() }
        return body
    }

    static func split(_ bytes: ArraySlice<UInt8>) -> [[UInt8]] {
        var lines: [[UInt8]] = [[]]
        var previous: UInt8 = 0
        for b in bytes {
            if b == cr || b == lf {
                if !(b == lf && previous == cr) { lines.append([]) }
            } else {
                lines[lines.count - 1].append(b)
            }
            previous = b
        }
        return lines
    }

    /// Upper-cases, removes spaces, `_` and control bytes, drops empty lines, and splits a single run-together
    /// line of 60, 72, 88 or 90 characters.
    static func normalize(_ lines: [[UInt8]]) -> [[UInt8]] {
        var out: [[UInt8]] = []
        for line in lines {
            var clean: [UInt8] = []
            clean.reserveCapacity(line.count)
            for var b in line {
                if b >= 0x61 && b <= 0x7A { b -= 0x20 }
                if b == 0x20 || b == 0x5F || b < 0x20 || b == 0x7F { continue }
                clean.append(b)
            }
            if !clean.isEmpty { out.append(clean) }
        }
        if out.count == 1 {
            let line = out[0]
            let width: Int? = switch line.count {
            case 60, 90: 30
            case 72: 36
            case 88: 44
            default: nil
            }
            if let width { out = stride(from: 0, to: line.count, by: width).map { Array(line[$0..<($0 + width)]) } }
        }
        return out
    }
}
