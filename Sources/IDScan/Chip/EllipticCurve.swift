import CChipCrypto

/// A named elliptic curve from OpenSSL's table (the ICAO standardized domain parameters are all named curves:
/// the NIST ones and brainpool). Points travel uncompressed: `04 ‖ x ‖ y`.
public struct EllipticCurve: Sendable, Hashable {
    /// OpenSSL's short name: `brainpoolP256r1`, `prime256v1`, `secp384r1`, …
    public let name: String
    public let orderBytes: Int
    public let fieldBytes: Int

    public init(_ name: String) throws {
        var order = 0, field = 0
        guard chip_ec_sizes(name, &order, &field) == 1 else { throw ChipCrypto.Failure(operation: "curve \(name)") }
        self.name = name
        self.orderBytes = order
        self.fieldBytes = field
    }

    /// scalar · point + add; the generator when `point` is nil.
    public func multiply(_ scalar: [UInt8], _ point: [UInt8]? = nil, adding add: [UInt8]? = nil) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 1 + 2 * fieldBytes)
        var length = out.count
        let ok = scalar.withUnsafeBufferPointer { s in
            withOptional(point) { p, pc in
                withOptional(add) { a, ac in
                    chip_ec_mul_add(name, s.baseAddress, s.count, p, pc, a, ac, &out, &length)
                }
            }
        }
        guard ok == 1 else { throw ChipCrypto.Failure(operation: "point arithmetic on \(name)") }
        return Array(out.prefix(length))
    }

    /// The x coordinate of an uncompressed point.
    public func x(_ point: [UInt8]) -> [UInt8] { Array(point.dropFirst().prefix(fieldBytes)) }

    /// A fresh private key.
    public func randomScalar() throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: orderBytes)
        guard chip_ec_random_scalar(name, &out, orderBytes) == 1 else { throw ChipCrypto.Failure(operation: "key on \(name)") }
        return out
    }
}

/// A finite-field Diffie–Hellman group (ICAO standardized parameters 0–2, RFC 5114).
public struct DHGroup: Sendable, Hashable {
    public let prime: [UInt8]
    public let generator: [UInt8]
    public let order: [UInt8]

    /// base^exponent · factor mod p, as long as p.
    public func power(_ base: [UInt8], _ exponent: [UInt8], times factor: [UInt8]? = nil) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: prime.count)
        let ok = base.withUnsafeBufferPointer { b in
            exponent.withUnsafeBufferPointer { e in
                prime.withUnsafeBufferPointer { m in
                    withOptional(factor) { f, fc in
                        chip_mod_exp_mul(b.baseAddress, b.count, e.baseAddress, e.count, f, fc, m.baseAddress, m.count, &out)
                    }
                }
            }
        }
        guard ok == 1 else { throw ChipCrypto.Failure(operation: "modular exponentiation") }
        return out
    }

    /// A fresh private key: random bytes as long as the subgroup order (reduced by the exponentiation).
    public func randomExponent() throws -> [UInt8] { try ChipCrypto.random(order.count) }
}

func withOptional<R>(_ bytes: [UInt8]?, _ body: (UnsafePointer<UInt8>?, Int) -> R) -> R {
    guard let bytes else { return body(nil, 0) }
    return bytes.withUnsafeBufferPointer { body($0.baseAddress, $0.count) }
}
