/// The Dutch citizen service number (burgerservicenummer). Dutch passports and ID cards issued before 2021
/// carry it in the MRZ; those issued since August 2021 carry it in a QR code on the back. IDScan and the
/// counter only recognise it in order to remove it or refuse the scan that carries it: it is never stored.
public enum BSN {
    /// The "11-test": 9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 (mod 11).
    public static func passesElevenTest<C: Collection>(_ digits: C) -> Bool where C.Element == UInt8 {
        guard digits.count == 9, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        var sum = 0
        for (i, d) in digits.enumerated() {
            let v = Int(d - 0x30)
            sum += i == 8 ? -v : v * (9 - i)
        }
        return sum % 11 == 0
    }

    /// Whether `bytes` hold a run of exactly nine ASCII digits (not part of a longer number) that passes
    /// the 11-test: a BSN alone, or inside a payload such as the QR code on the back of a Dutch ID document.
    public static func containsCandidate<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var run: [UInt8] = []
        func ends() -> Bool { run.count == 9 && passesElevenTest(run) }
        for b in bytes {
            if b >= 0x30 && b <= 0x39 { run.append(b); continue }
            if ends() { return true }
            run.removeAll(keepingCapacity: true)
        }
        return ends()
    }

    /// Whether the bytes look like a BSN slot: nine digits followed only by fillers (and, on ID cards, the
    /// BSN's check digit). IDScan removes any nine-digit number there on a Dutch document, 11-test or not:
    /// a misread BSN is still a BSN.
    static func looksLikeBSN<C: Collection>(_ field: C) -> Bool where C.Element == UInt8 {
        let digits = field.prefix(9)
        return digits.count == 9 && digits.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
