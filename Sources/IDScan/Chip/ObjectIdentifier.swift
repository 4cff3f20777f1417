/// A DER object identifier, as the chip's SecurityInfos and the PACE authentication token carry it.
public struct ASN1ObjectIdentifier: Sendable, Hashable, CustomStringConvertible {
    public let arcs: [UInt64]

    public init(_ dotted: String) { arcs = dotted.split(separator: ".").compactMap { UInt64($0) } }

    public init?(der value: [UInt8]) {
        guard let first = value.first else { return nil }
        var arcs: [UInt64] = [UInt64(first / 40), UInt64(first % 40)]
        var current: UInt64 = 0
        for byte in value.dropFirst() {
            current = current << 7 | UInt64(byte & 0x7F)
            if byte & 0x80 == 0 { arcs.append(current); current = 0 }
        }
        self.arcs = arcs
    }

    /// The value bytes (without tag and length).
    public var der: [UInt8] {
        guard arcs.count >= 2 else { return [] }
        var out: [UInt8] = [UInt8(arcs[0] * 40 + arcs[1])]
        for arc in arcs.dropFirst(2) {
            var chunk: [UInt8] = [UInt8(arc & 0x7F)]
            var rest = arc >> 7
            while rest > 0 { chunk.insert(UInt8(rest & 0x7F) | 0x80, at: 0); rest >>= 7 }
            out += chunk
        }
        return out
    }

    public var description: String { arcs.map(String.init).joined(separator: ".") }
}
