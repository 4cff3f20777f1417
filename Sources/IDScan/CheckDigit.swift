/// The ICAO 9303 check digit: weights 7-3-1 from the left, `0`–`9` as themselves, `A`–`Z` as 10–35,
/// `<` as 0, sum modulo 10.
///
/// Blind spots follow from the arithmetic: characters whose values are congruent modulo 10
/// (`0 < A K U`, `1 B L V`, `2 C M W`, `3 D N X`, `4 E O Y`, `5 F P Z`, `6 G Q`, `7 H R`, `8 I S`, `9 J T`)
/// can replace each other without changing the digit.
public enum CheckDigit {
    /// The value of one MRZ character, or nil for a character that cannot appear in an MRZ.
    @inlinable
    public static func value(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: Int(byte - 0x30)
        case 0x41...0x5A: Int(byte - 0x41) + 10
        case 0x3C: 0
        default: nil
        }
    }

    /// The check digit over `bytes` (0–9), or nil if a byte is not an MRZ character.
    @inlinable
    public static func compute<C: Collection>(_ bytes: C) -> Int? where C.Element == UInt8 {
        var sum = 0
        var i = 0
        for b in bytes {
            guard let v = value(b) else { return nil }
            sum += v * (i % 3 == 0 ? 7 : i % 3 == 1 ? 3 : 1)
            i += 1
        }
        return sum % 10
    }

    /// The check digit over a string.
    public static func compute(_ string: String) -> Int? { compute(Array(string.utf8)) }

    /// Whether `digit` (an ASCII byte) is the check digit of `bytes`.
    @inlinable
    public static func verify<C: Collection>(_ bytes: C, digit: UInt8) -> Bool where C.Element == UInt8 {
        guard digit >= 0x30 && digit <= 0x39, let c = compute(bytes) else { return false }
        return c == Int(digit - 0x30)
    }

    /// The congruence class of a character: two characters in one class are invisible to the check digit.
    public static func congruenceClass(_ byte: UInt8) -> Int? { value(byte).map { $0 % 10 } }
}
