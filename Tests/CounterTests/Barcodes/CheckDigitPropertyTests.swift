import Testing
@testable import CounterCore
@testable import CounterDevices

@Suite("GTIN, IMEI and serial keys: properties")
struct CheckDigitPropertyTests {
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state ^ (state >> 29)
        }
    }

    func digits(_ n: Int, _ r: inout Seeded) -> [UInt8] { (0..<n).map { _ in UInt8.random(in: 48...57, using: &r) } }

    @Test("Any single-digit change of a GTIN is detected", arguments: [8, 12, 13, 14])
    func gtinSingleChanges(length: Int) {
        var r = Seeded(state: UInt64(length))
        for _ in 0..<300 {
            var body = digits(length - 1, &r)
            body.append(UInt8(48 + GTIN.checkDigit(body)))
            #expect(GTIN.checkDigitHolds(body))
            for i in body.indices {
                for d in UInt8(48)...57 where d != body[i] {
                    var changed = body
                    changed[i] = d
                    #expect(!GTIN.checkDigitHolds(changed))
                }
            }
        }
    }

    @Test("Any single-digit change of an IMEI is detected; 14 digits are completed with Luhn")
    func imeiSingleChanges() {
        var r = Seeded(state: 15)
        for _ in 0..<300 {
            let fourteen = String(decoding: digits(14, &r), as: UTF8.self)
            let imei = IMEI.completing(fourteen)
            #expect(IMEI.isValid(imei))
            var b = Array(imei.utf8)
            for i in b.indices {
                let original = b[i]
                for d in UInt8(48)...57 where d != original {
                    b[i] = d
                    #expect(!IMEI.isValid(String(decoding: b, as: UTF8.self)))
                }
                b[i] = original
            }
        }
        #expect(IMEI.isValid("490154203237518"))  // the GSMA example
    }

    @Test("Keys: only A-Z0-9, idempotent, loose(exact(x)) == loose(x)")
    func keyProperties() {
        var r = Seeded(state: 3)
        let pool = Array("abcXYZ019 -_/.ßſıÉéñ™①ⅫАВ\u{0301}\u{0000}<>")
        for _ in 0..<2_000 {
            let text = String((0..<Int.random(in: 0...20, using: &r)).map { _ in pool.randomElement(using: &r)! })
            let exact = SerialKey.exact(text), loose = SerialKey.loose(text)
            #expect(exact.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) })
            #expect(SerialKey.exact(exact) == exact)
            #expect(SerialKey.loose(exact) == loose)
            #expect(SerialKey.loose(loose) == loose)
            #expect(!loose.contains { "OILSZB".contains($0) })
        }
    }

    @Test("Key examples from the conventions", arguments: [
        ("A\u{0301}BC", "BC"), ("™", "TM"), ("№", "NO"), ("Ⅻ", "XII"), ("①", "1"), ("straße", "STRASSE"),
        ("ſerial", "SERIAL"), ("ıd", "ID"), ("АВС", ""), ("sn-0O1l", "SN0O1L"),
    ])
    func keyExamples(input: String, exact: String) {
        #expect(SerialKey.exact(input) == exact)
    }

    @Test("Loose key folds look-alikes")
    func looseFolding() {
        #expect(SerialKey.loose("SN-0O1lIsZb") == "5N00111528")
    }
}
