import Foundation
import Testing
@testable import IDScan

@Suite("BSN removal")
struct BSNTests {
    static let bsn = "999999990"  // passes the 11-test; reserved for tests

    /// A Dutch passport (model to 2021) with the BSN as personal number.
    static func passport(bsn: String = bsn) -> [String] {
        let l1 = "P<NLDDE<BRUIJN<<WILLEKE<LISELOTTE<<<<<<<<<<<"
        let personal = bsn + "<<<<<"
        var l2 = "SPECI2014" + MRZGenerator.check("SPECI2014") + "NLD" + "650310" + MRZGenerator.check("650310") + "F"
            + "300115" + MRZGenerator.check("300115") + personal + MRZGenerator.check(personal)
        let a = Array(l2)
        l2 += MRZGenerator.check(String(a[0..<10]) + String(a[13..<20]) + String(a[21...]))
        return [l1, l2]
    }

    /// A Dutch ID card (model to 2021) with BSN + fillers + the BSN's check digit in optional data 1.
    static func idCard(bsn: String = bsn) -> [String] {
        let opt1 = bsn + "<<<<<" + MRZGenerator.check(bsn)
        let l1 = "I<NLD" + "IXR12PN74" + MRZGenerator.check("IXR12PN74") + opt1
        let head = "850314" + MRZGenerator.check("850314") + "M" + "310630" + MRZGenerator.check("310630") + "NLD" + "<<<<<<<<<<<"
        let composite = MRZGenerator.check(String(l1.dropFirst(5)) + String(head.prefix(7)) + String(head.dropFirst(8).prefix(7)) + "<<<<<<<<<<<")
        return [l1, head + composite, "DE<VRIES<<JAN<WILLEM<<<<<<<<<<"]
    }

    func assertNoBSN(_ r: MRZResult, _ bsn: String = bsn) throws {
        #expect(r.bsnRedacted)
        #expect(r.fields.optionalData == nil)
        let everything = [String(describing: r), String(reflecting: r), String(decoding: r.jsonData(), as: UTF8.self),
                          r.redactedLines.joined(), r.errors.map(\.message).joined(), "\(r.fields)", "\(r.corrections)"]
        for text in everything { #expect(!text.contains(bsn)) }
    }

    @Test("A Dutch passport's BSN is checked, then removed everywhere")
    func passport() throws {
        let r = MRZParser.parse(lines: Self.passport(), today: (2026, 11, 22))
        #expect(r.isValid, "\(r.errors)")
        #expect(r.fields.documentNumber == "SPECI2014")
        #expect(r.fields.surname == "DE BRUIJN")
        try assertNoBSN(r)
    }

    @Test("A Dutch ID card's BSN in optional data 1 is removed everywhere")
    func idCard() throws {
        let r = MRZParser.parse(lines: Self.idCard(), today: (2026, 11, 22))
        #expect(r.isValid, "\(r.errors)")
        #expect(r.fields.documentNumber == "IXR12PN74")
        try assertNoBSN(r)
    }

    @Test("A misread BSN (11-test fails) is still removed, and the failure is reported without it")
    func misreadBSN() throws {
        var lines = Self.passport()
        var l2 = Array(lines[1])
        l2[29] = "8"  // corrupt one BSN digit: the personal-number check fails
        lines[1] = String(l2)
        let r = MRZParser.parse(lines: lines, today: (2026, 11, 22))
        #expect(!r.isValid)
        try assertNoBSN(r, "989999990")
    }

    @Test("A 2021+ Dutch document has nothing to remove", arguments: [false, true])
    func newModel(card: Bool) {
        var r0 = SeededRandom(state: 3)
        var doc = MRZGenerator.make(card ? .td1 : .td3, &r0)
        while doc.issuingState != "NLD" { doc = MRZGenerator.make(card ? .td1 : .td3, &r0) }
        let r = MRZParser.parse(lines: doc.lines, today: (2026, 11, 22))
        #expect(!r.bsnRedacted)
        #expect(r.isValid)
    }

    @Test("The 11-test", arguments: [("999999990", true), ("123456782", true), ("299496892", true), ("123456789", false)])
    func elevenTest(value: String, passes: Bool) {
        #expect(BSN.passesElevenTest(Array(value.utf8)) == passes)
    }
}
