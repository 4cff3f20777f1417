/// The Dutch citizen service number (burgerservicenummer), which Dutch passports and ID cards issued
/// before 2021 carry in the MRZ. IDScan only recognises it in order to remove it.
enum BSN {
    /// The "11-test": 9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 (mod 11).
    static func passesElevenTest<C: Collection>(_ digits: C) -> Bool where C.Element == UInt8 {
        guard digits.count == 9, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        var sum = 0
        for (i, d) in digits.enumerated() {
            let v = Int(d - 0x30)
            sum += i == 8 ? -v : v * (9 - i)
        }
        return sum % 11 == 0
    }

    /// Whether the bytes look like a BSN slot: nine digits followed only by fillers (and, on ID cards, the
    /// BSN's check digit). IDScan removes any nine-digit number there on a Dutch document, 11-test or not:
    /// a misread BSN is still a BSN.
    static func looksLikeBSN<C: Collection>(_ field: C) -> Bool where C.Element == UInt8 {
        let digits = field.prefix(9)
        return digits.count == 9 && digits.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
