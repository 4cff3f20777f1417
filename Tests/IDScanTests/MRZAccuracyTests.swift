import Foundation
import Testing
@testable import IDScan

/// Issue 17, "MRZ accuracy": the four kinds of failure a held-out set of real-world and specimen MRZs showed.
/// Each is fixed as a rule of the format, so these tests build documents from the rule, not from one example.
@Suite("MRZ accuracy: licences, TD2 passports, the Dutch BSN digit, French OCR")
struct MRZAccuracyTests {
    static let today: MRZParser.Today = (2026, 12, 7)
    static func check(_ s: String) -> String { MRZGenerator.check(s) }

    // MARK: Driving licences (ISO/IEC 18013-3)

    @Test("A Dutch licence: code D, the BAP configuration and the version as their own fields, all optional data read",
          arguments: ["1", "<"])
    func dutchLicence(bap: String) {
        let body = "D\(bap)NLD1" + "5123456789" + "ABCDEFGHJKLMN"
        let r = MRZParser.parse(body + Self.check(body), today: Self.today)
        #expect(r.isValid, "\(r.errors)")
        #expect(r.format == .euDrivingLicence)
        #expect(r.fields.documentCode == "D")
        #expect(r.fields.bapConfiguration == bap)
        #expect(r.fields.version == "1")
        #expect(r.fields.issuingState == "NLD")
        #expect(r.fields.documentNumber == "5123456789")
        #expect(r.fields.optionalData == "15123456789ABCDEFGHJKLMN")
        #expect(r.fields.optionalData2 == nil)
        let json = r.jsonObject["fields"] as? [String: Any]
        #expect(json?["bapConfiguration"] as? String == bap)
        #expect(json?["documentCode"] as? String == "D")
    }

    @Test("Another EU state's licence keeps its whole issuer data, fillers inside included")
    func otherEULicence() {
        let body = "D1BEL" + "X12345<<<<<<<<<<<<<<<<<<"
        let r = MRZParser.parse(body + Self.check(body), today: Self.today)
        #expect(r.isValid, "\(r.errors)")
        #expect(r.fields.issuingState == "BEL")
        #expect(r.fields.optionalData == "X12345")
        #expect(r.fields.bapConfiguration == "1")
    }

    @Test("A licence's second character must be a BAP configuration (a digit or <)")
    func badBAPConfiguration() {
        let body = "DXNLD1" + "5123456789" + "ABCDEFGHJKLMN"
        let r = MRZParser.parse(body + Self.check(body), today: Self.today)
        #expect(!r.isValid)
        #expect(r.errors.contains { $0.field == .bapConfiguration && $0.column == 2 })
    }

    @Test("A French licence is read in France's layout: number with its check digit, expiry, surname")
    func frenchLicence() {
        let head = "D1FRA" + "13AA00002"
        let body = head + Self.check(head) + "281231" + "MARTIN<<"
        let line = body + Self.check(body)
        let r = MRZParser.parse(line, today: Self.today)
        #expect(r.isValid, "\(r.errors)")
        #expect(r.format == .frenchDrivingLicence)
        #expect(r.fields.documentCode == "D")
        #expect(r.fields.bapConfiguration == "1")
        #expect(r.fields.documentNumber == "13AA00002")
        #expect(r.fields.expiryDate?.iso == "2028-12-31")
        #expect(r.fields.surname == "MARTIN")
        #expect(r.expired == false)
        // A wrong number check digit is found.
        var bad = Array(line)
        bad[14] = bad[14] == "0" ? "1" : "0"
        #expect(MRZParser.parse(String(bad), today: Self.today).errors.contains { $0.field == .documentNumber })
    }

    @Test("A French licence read with OCR look-alikes is repaired by field type and detected as French")
    func frenchLicenceOCR() {
        let head = "D1FRA" + "13AA00002"
        let body = head + Self.check(head) + "281231" + "MARTIN<<"
        let good = MRZParser.parse(body + Self.check(body), today: Self.today)
        // The state read with a 4 for A, the date with a B for 8, the name with a 1 for I, the D as a 0.
        var ocr = Array(body + Self.check(body))
        ocr[0] = "0"; ocr[4] = "4"; ocr[16] = "B"; ocr[25] = "1"
        let r = MRZParser.parse(String(ocr), today: Self.today)
        #expect(r.format == .frenchDrivingLicence)
        #expect(r.isValid, "\(r.errors)")
        #expect(r.fields == good.fields)
        #expect(r.corrections.count == 4)
    }

    // MARK: TD2-size passports

    @Test("A German provisional passport (TD2 size, code P) is read, with a warning and not an error")
    func provisionalPassport() {
        let l1 = "P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<"
        let number = "F1234567X"
        var l2 = number + Self.check(number) + "D<<" + "640812" + Self.check("640812") + "F" + "300101" + Self.check("300101") + "<<<<<<<"
        let a = Array(l2)
        l2 += Self.check(String(a[0..<10]) + String(a[13..<20]) + String(a[21...]))
        let r = MRZParser.parse(lines: [l1, l2], today: Self.today)
        #expect(r.format == .td2)
        #expect(r.isValid, "\(r.errors)")
        #expect(r.warnings == [.passportInTD2Size])
        #expect(r.fields.documentCode == "P")
        #expect(r.fields.surname == "MUSTERMANN")
        #expect(r.fields.documentNumber == number)
        let warnings = r.jsonObject["warnings"] as? [[String: Any]]
        #expect(warnings?.first?["code"] as? String == "passportInTD2Size")
        // An ID card of the same size has no warning.
        var card = [l1, l2]
        card[0] = "I" + card[0].dropFirst()
        #expect(MRZParser.parse(lines: card, today: Self.today).warnings.isEmpty)
    }

    // MARK: The BSN's check digit on Dutch ID cards

    @Test("A Dutch ID card's BSN check digit at position 30 is checked: a mismatch is refused, the BSN still removed")
    func bsnCheckDigit() {
        let good = MRZParser.parse(lines: BSNTests.idCard(), today: Self.today)
        #expect(good.isValid, "\(good.errors)")
        // Change only the BSN's own digit and keep the composite right: only the position-30 check can see it.
        var lines = BSNTests.idCard()
        var l1 = Array(lines[0])
        let right = l1[29]
        l1[29] = right == "0" ? "1" : "0"
        lines[0] = String(l1)
        var l2 = Array(lines[1])
        let covered = String(l1[5...]) + String(l2[0..<7]) + String(l2[8..<15]) + String(l2[18..<29])
        l2[29] = Character(Self.check(covered))
        lines[1] = String(l2)
        let r = MRZParser.parse(lines: lines, today: Self.today)
        #expect(!r.isValid)
        #expect(r.errors.contains { $0.field == .optionalData && $0.problem == .checkDigitMismatch && $0.line == 1 && $0.column == 30 })
        #expect(r.bsnRedacted)
        #expect(!r.redactedLines.joined().contains(BSNTests.bsn))
        #expect(!String(decoding: r.jsonData(), as: UTF8.self).contains(BSNTests.bsn))
    }

    @Test("A BSN read with a look-alike letter is still recognised, checked and removed")
    func bsnWithLookAlike() {
        var lines = BSNTests.idCard(bsn: "123456782")
        var l1 = Array(lines[0])
        l1[22] = "B"  // the 8 of 123456782 read as B
        lines[0] = String(l1)
        let r = MRZParser.parse(lines: lines, today: Self.today)
        #expect(r.isValid, "\(r.errors)")
        #expect(r.bsnRedacted)
        #expect(r.fields.optionalData == nil)
        #expect(!r.redactedLines.joined().contains("12345678"))
        #expect(!r.redactedLines.joined().contains("1234567B"))
    }

    // MARK: The old French ID card

    static func frenchCard() -> [String] {
        let l1 = "IDFRA" + "DUPONT<<<<<<<<<<<<<<<<<<<" + "075123"
        let number = "880692310285"
        var l2 = number + Self.check(number) + "JEAN<<PIERRE<<" + "850101" + Self.check("850101") + "M"
        l2 += Self.check(l1 + l2)
        return [l1, l2]
    }

    @Test("The old French card read with 1 for the I of IDFRA is detected as French, then repaired")
    func frenchCardLeadingOne() {
        let good = MRZParser.parse(lines: Self.frenchCard(), today: Self.today)
        #expect(good.isValid, "\(good.errors)")
        for spelling in ["1DFRA", "IDFR4", "1DFR4"] {
            var lines = Self.frenchCard()
            lines[0] = spelling + lines[0].dropFirst(5)
            let r = MRZParser.parse(lines: lines, today: Self.today)
            #expect(r.format == .frenchID, "\(spelling)")
            #expect(r.isValid, "\(spelling): \(r.errors)")
            #expect(r.fields == good.fields)
        }
    }

    @Test("The French card number's date and sequence are digits: look-alike letters there are repaired")
    func frenchCardNumberByType() {
        let good = MRZParser.parse(lines: Self.frenchCard(), today: Self.today)
        var lines = Self.frenchCard()
        var l2 = Array(lines[1])
        l2[0] = "B"; l2[11] = "S"  // 8 → B in the year, 5 → S in the sequence number
        lines[1] = String(l2)
        let r = MRZParser.parse(lines: lines, today: Self.today)
        #expect(r.isValid, "\(r.errors)")
        #expect(r.fields.documentNumber == "880692310285")
        #expect(r.corrections.map(\.column) == [1, 12])
    }
}
