/// BER-TLV as the chip writes it (ICAO Doc 9303 part 10): one- or two-byte tags, definite lengths.
public struct TLV: Sendable, Hashable {
    public var tag: UInt32
    public var value: [UInt8]

    public init(tag: UInt32, value: [UInt8]) { (self.tag, self.value) = (tag, value) }

    public var bytes: [UInt8] { Self.tagBytes(tag) + Self.length(value.count) + value }

    static func tagBytes(_ tag: UInt32) -> [UInt8] {
        var out: [UInt8] = []
        var t = tag
        repeat { out.insert(UInt8(t & 0xFF), at: 0); t >>= 8 } while t > 0
        return out
    }

    public static func length(_ n: Int) -> [UInt8] {
        switch n {
        case ..<0x80: [UInt8(n)]
        case ..<0x100: [0x81, UInt8(n)]
        case ..<0x10000: [0x82, UInt8(n >> 8), UInt8(n & 0xFF)]
        default: [0x83, UInt8(n >> 16), UInt8((n >> 8) & 0xFF), UInt8(n & 0xFF)]
        }
    }

    /// Reads one TLV at `offset`; nil when the bytes do not hold a whole one.
    public static func read(_ bytes: [UInt8], at offset: inout Int) -> TLV? {
        guard offset < bytes.count else { return nil }
        var tag = UInt32(bytes[offset]); offset += 1
        if tag & 0x1F == 0x1F {
            repeat {
                guard offset < bytes.count, tag <= 0xFF_FFFF else { return nil }
                tag = tag << 8 | UInt32(bytes[offset]); offset += 1
            } while bytes[offset - 1] & 0x80 != 0
        }
        guard let (length, size) = readLength(bytes, at: offset) else { return nil }
        offset += size
        guard length <= bytes.count - offset else { return nil }
        defer { offset += length }
        return TLV(tag: tag, value: Array(bytes[offset..<(offset + length)]))
    }

    /// A definite length at `offset`: the value and how many bytes it took.
    public static func readLength(_ bytes: [UInt8], at offset: Int) -> (Int, Int)? {
        guard offset < bytes.count else { return nil }
        let first = bytes[offset]
        if first < 0x80 { return (Int(first), 1) }
        let n = Int(first & 0x7F)
        guard (1...3).contains(n), offset + n < bytes.count else { return nil }
        var length = 0
        for i in 1...n { length = length << 8 | Int(bytes[offset + i]) }
        return (length, 1 + n)
    }

    /// All TLVs in a run of bytes; nil when they do not parse whole.
    public static func all(_ bytes: [UInt8]) -> [TLV]? {
        var offset = 0, out: [TLV] = []
        while offset < bytes.count {
            guard let tlv = read(bytes, at: &offset) else { return nil }
            out.append(tlv)
        }
        return out
    }
}
