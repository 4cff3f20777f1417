/// GTIN-8/12/13/14 check digits (GS1 mod 10) and UPC-E expansion.
package enum GTIN {
    /// Whether the last digit is the GS1 check digit of the others (weights 3,1,3,… from the right).
    package static func checkDigitHolds<C: Collection>(_ digits: C) -> Bool where C.Element == UInt8 {
        guard digits.count >= 2, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
        return checkDigit(digits.dropLast()) == Int(digits[digits.index(digits.startIndex, offsetBy: digits.count - 1)] - 48)
    }

    /// The GS1 check digit for `digits` (without the check digit).
    package static func checkDigit<C: Collection>(_ digits: C) -> Int where C.Element == UInt8 {
        var sum = 0
        for (i, d) in digits.reversed().enumerated() { sum += Int(d - 48) * (i % 2 == 0 ? 3 : 1) }
        return (10 - sum % 10) % 10
    }

    /// `digits` zero-filled to 14.
    package static func normalized(_ digits: String) -> String {
        String(repeating: "0", count: max(0, 14 - digits.count)) + digits
    }

    /// Expands an 8-digit UPC-E (number system 0 or 1, with check digit) to its 12-digit UPC-A; nil when
    /// it is not a valid UPC-E.
    package static func expandUPCE(_ code: String) -> String? {
        let d = Array(code.utf8).map { Int($0) - 48 }
        guard d.count == 8, d.allSatisfy({ (0...9).contains($0) }), d[0] == 0 || d[0] == 1 else { return nil }
        let ns = d[0], m = Array(d[1...6]), check = d[7]
        var body: [Int]
        switch m[5] {
        case 0, 1, 2: body = [ns, m[0], m[1], m[5], 0, 0, 0, 0, m[2], m[3], m[4]]
        case 3: body = [ns, m[0], m[1], m[2], 0, 0, 0, 0, 0, m[3], m[4]]
        case 4: body = [ns, m[0], m[1], m[2], m[3], 0, 0, 0, 0, 0, m[4]]
        default: body = [ns, m[0], m[1], m[2], m[3], m[4], 0, 0, 0, 0, m[5]]
        }
        let bytes = body.map { UInt8($0 + 48) }
        guard checkDigit(bytes) == check else { return nil }
        return String(decoding: bytes, as: UTF8.self) + String(check)
    }
}

/// IMEI (15 digits with a Luhn check digit), the 14-digit form without it, and the 16-digit IMEISV.
package enum IMEI {
    /// The Luhn check digit for 14 digits.
    package static func luhnDigit<C: Collection>(_ digits: C) -> Int where C.Element == UInt8 {
        var sum = 0
        for (i, d) in digits.enumerated() {
            var v = Int(d - 48)
            if i % 2 == 1 { v *= 2; if v > 9 { v -= 9 } }
            sum += v
        }
        return (10 - sum % 10) % 10
    }

    /// Whether 15 digits carry a correct Luhn digit.
    package static func isValid(_ digits: String) -> Bool {
        let b = Array(digits.utf8)
        return b.count == 15 && b.allSatisfy { $0 >= 48 && $0 <= 57 } && luhnDigit(b.prefix(14)) == Int(b[14] - 48)
    }

    /// 14 digits + their Luhn digit.
    package static func completing(_ fourteen: String) -> String {
        fourteen + String(luhnDigit(Array(fourteen.utf8)))
    }
}
