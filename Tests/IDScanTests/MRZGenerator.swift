import Foundation
@testable import IDScan

/// A small seeded generator (SplitMix64) so property tests are repeatable.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A document the tests generate, with the values it must parse back to.
struct GeneratedDocument {
    var format: MRZFormat
    var lines: [String]
    var documentNumber: String
    var surname: String
    var givenNames: String
    var issuingState: String
    var nationality: String?
    var birth: String?
    var expiry: String?
    var sex: String?
}

enum MRZGenerator {
    static let letters = Array("ABCDEFGHIJKLMNPQRSTUVWXYZ")
    static let alnum = Array("0123456789ABCDEFGHIJKLMNPRSTUVWXYZ")
    static let states = ["NLD", "BEL", "DEU", "FRA", "UTO", "POL", "XXA", "GBR", "ESP", "D"]

    static func check(_ s: String) -> String { String(CheckDigit.compute(s)!) }
    static func pad(_ s: String, _ n: Int) -> String { s + String(repeating: "<", count: max(0, n - s.count)) }
    static func word(_ r: inout SeededRandom, _ range: ClosedRange<Int>) -> String {
        String((0..<Int.random(in: range, using: &r)).map { _ in letters.randomElement(using: &r)! })
    }
    static func date(_ r: inout SeededRandom, years: ClosedRange<Int>) -> String {
        let y = Int.random(in: years, using: &r) % 100
        let m = Int.random(in: 1...12, using: &r), d = Int.random(in: 1...28, using: &r)
        return String(format: "%02d%02d%02d", y, m, d)
    }
    static func name(_ surname: String, _ given: String, width: Int) -> String {
        let raw = surname.replacingOccurrences(of: " ", with: "<") + "<<" + given.replacingOccurrences(of: " ", with: "<")
        return pad(String(raw.prefix(width - 1)), width)
    }

    static func make(_ format: MRZFormat, _ r: inout SeededRandom) -> GeneratedDocument {
        // Dutch documents here have no BSN (2021+ models); BSN cases are tested separately.
        var state = states.randomElement(using: &r)!
        if format == .frenchID { state = "FRA" }
        let nationality = states.randomElement(using: &r)!
        let surname = word(&r, 2...8) + (Bool.random(using: &r) ? " " + word(&r, 2...6) : "")
        var given = word(&r, 2...7) + (Bool.random(using: &r) ? " " + word(&r, 2...5) : "")
        // Keep the name within the field so it parses back whole (truncation is tested on its own).
        let nameWidth = format == .td1 ? 30 : format.shape.length - 5
        if surname.count + given.count + 2 > nameWidth - 1 { given = String(given.prefix(nameWidth - 3 - surname.count)).trimmingCharacters(in: .whitespaces) }
        var number = String((0..<9).map { _ in alnum.randomElement(using: &r)! })
        if state == "NLD" { number = number.replacingOccurrences(of: "O", with: "0") }
        let birth = date(&r, years: 1940...2005), expiry = date(&r, years: 2026...2034)
        let sex = ["M", "F", "X", "<"].randomElement(using: &r)!
        let s3 = pad(state, 3), n3 = pad(nationality, 3)
        switch format {
        case .td1:
            let opt1 = pad(String((0..<Int.random(in: 0...6, using: &r)).map { _ in alnum.randomElement(using: &r)! }), 15)
            let opt2 = pad("", 11)
            let l1 = "I<" + s3 + number + check(number) + opt1
            let l2head = birth + check(birth) + sex + expiry + check(expiry) + n3 + opt2
            let composite = check(String(l1.dropFirst(5)) + String(l2head.prefix(7)) + String(l2head.dropFirst(8).prefix(7)) + opt2)
            let l3 = name(surname, given, width: 30)
            return GeneratedDocument(format: format, lines: [l1, l2head + composite, l3], documentNumber: number,
                                     surname: surname, givenNames: given, issuingState: state, nationality: nationality,
                                     birth: birth, expiry: expiry, sex: sex)
        case .td2, .td3:
            let width = format.shape.length
            let code = format == .td3 ? "P<" : "I<"
            let l1 = code + s3 + name(surname, given, width: width - 5)
            var optional = pad(String((0..<Int.random(in: 0...5, using: &r)).map { _ in alnum.randomElement(using: &r)! }), format == .td3 ? 14 : 7)
            if format == .td3 && state == "NLD" { optional = pad("", 14) }
            var l2 = number + check(number) + n3 + birth + check(birth) + sex + expiry + check(expiry) + optional
            if format == .td3 { l2 += optional.allSatisfy { $0 == "<" } ? "<" : check(optional) }
            let a = Array(l2)
            l2 += check(String(a[0..<10]) + String(a[13..<20]) + String(a[21...]))
            return GeneratedDocument(format: format, lines: [l1, l2], documentNumber: number, surname: surname,
                                     givenNames: given, issuingState: state, nationality: nationality, birth: birth,
                                     expiry: expiry, sex: sex)
        case .mrvA, .mrvB:
            let width = format.shape.length
            let l1 = "V<" + s3 + name(surname, given, width: width - 5)
            let l2 = number + check(number) + n3 + birth + check(birth) + sex + expiry + check(expiry) + pad("", width - 28)
            return GeneratedDocument(format: format, lines: [l1, l2], documentNumber: number, surname: surname,
                                     givenNames: given, issuingState: state, nationality: nationality, birth: birth,
                                     expiry: expiry, sex: sex)
        case .frenchID:
            let fsurname = word(&r, 2...10), fgiven = word(&r, 2...6)
            let l1 = "IDFRA" + pad(fsurname, 25) + String(format: "%03d", Int.random(in: 0...999, using: &r)) + "<<<"
            // Year and month, the office (which may hold a letter: 2A), a sequence number.
            let fnumber = String(format: "%02d%02d", Int.random(in: 0...99, using: &r), Int.random(in: 1...12, using: &r))
                + String((0..<3).map { _ in alnum.randomElement(using: &r)! })
                + String(format: "%05d", Int.random(in: 0...99_999, using: &r))
            let fsex = ["M", "F"].randomElement(using: &r)!
            var l2 = fnumber + check(fnumber) + pad(fgiven, 14) + birth + check(birth) + fsex
            l2 += check(l1 + l2)
            return GeneratedDocument(format: format, lines: [l1, l2], documentNumber: fnumber, surname: fsurname,
                                     givenNames: fgiven, issuingState: "FRA", nationality: nil, birth: birth,
                                     expiry: nil, sex: fsex)
        case .euDrivingLicence:
            let dnumber = String((0..<10).map { _ in Character(String(Int.random(in: 0...9, using: &r))) })
            let random = String((0..<13).map { _ in alnum.randomElement(using: &r)! })
            let body = "D1NLD1" + dnumber + random
            return GeneratedDocument(format: format, lines: [body + check(body)], documentNumber: dnumber, surname: "",
                                     givenNames: "", issuingState: "NLD", nationality: nil, birth: nil, expiry: nil, sex: nil)
        case .frenchDrivingLicence:
            let lnumber = String(format: "%02d", Int.random(in: 0...99, using: &r)) + word(&r, 2...2)
                + String(format: "%05d", Int.random(in: 0...99_999, using: &r))
            let lsurname = word(&r, 2...8)
            let head = "D1FRA" + lnumber
            let body = head + check(head) + expiry + pad(lsurname, 8)
            return GeneratedDocument(format: format, lines: [body + check(body)], documentNumber: lnumber, surname: lsurname,
                                     givenNames: "", issuingState: "FRA", nationality: nil, birth: nil, expiry: expiry, sex: nil)
        }
    }
}
