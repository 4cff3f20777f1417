import Foundation
import Testing
@testable import IDScan

let today: MRZParser.Today = (2026, 11, 22)

@Suite("MRZ parser")
struct MRZParserTests {
    @Test("ICAO 9303 TD3 specimen (Anna Maria Eriksson)")
    func td3Specimen() {
        let r = MRZParser.parse("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10", today: today)
        #expect(r.isValid)
        #expect(r.format == .td3)
        #expect(r.fields.documentCode == "P")
        #expect(r.fields.documentNumber == "L898902C3")
        #expect(r.fields.surname == "ERIKSSON")
        #expect(r.fields.givenNames == "ANNA MARIA")
        #expect(r.fields.birthDate?.iso == "1974-08-12")
        #expect(r.fields.expiryDate?.iso == "2012-04-15")
        #expect(r.fields.optionalData == "ZE184226B")
        #expect(r.expired == true)
        #expect(r.minor == false)
        #expect(r.isSpecimen)
    }

    @Test("ICAO 9303 TD1 specimen with a long document number (both check-digit variants)")
    func td1LongNumber() {
        let r = MRZParser.parse("I<UTOD23145890<7349<<<<<<<<<<<\n3407127M9507122UTO<<<<<<<<<<<2\nSTEVENSON<<PETER<JOHN<<<<<<<<<", today: today)
        #expect(r.isValid)
        #expect(r.fields.documentNumber == "D23145890734")
        #expect(r.fields.optionalData == "")
        #expect(r.fields.givenNames == "PETER JOHN")
    }

    @Test("A long number whose check digit is computed without the filler is accepted too")
    func longNumberWithoutFiller() {
        // Overflow "01": check over "AB1234567" + "01" (without `<`) and composite built to match.
        let nine = "AB1234567", rest = "01"
        let without = String(CheckDigit.compute(nine + rest)!)
        let with = String(CheckDigit.compute(nine + "<" + rest)!)
        #expect(without != with)  // the case where the two variants differ
        let l1 = "I<BEL" + nine + "<" + rest + without + "<" + String(repeating: "<", count: 11)
        let l2head = "8001014F3001019BEL<<<<<<<<<<<"
        let l2 = l2head + String(CheckDigit.compute(String(l1.dropFirst(5)) + "8001014" + "3001019" + "<<<<<<<<<<<")!)
        let r = MRZParser.parse(lines: [l1, l2, "PEETERS<<ANN<<<<<<<<<<<<<<<<<<"], today: today)
        #expect(r.isValid, "\(r.errors)")
        #expect(r.fields.documentNumber == "AB123456701")
    }

    @Test("A `<` check digit with no overflow is an error, not a silent pass")
    func longNumberWithoutOverflow() {
        let l1 = "I<UTOD23145890<<<<<<<<<<<<<<<<"
        let r = MRZParser.parse(lines: [l1, "3407127M9507122UTO<<<<<<<<<<<0", "STEVENSON<<PETER<JOHN<<<<<<<<<"], today: today)
        #expect(!r.isValid)
        #expect(r.errors.contains { $0.field == .documentNumber && $0.problem == .missingCheckDigit })
    }

    @Test("Errors name the field in Dutch: Geboortedatum: controlecijfer klopt niet")
    func dutchMessages() {
        let r = MRZParser.parse("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408123F1204159ZE184226B<<<<<10", today: today)
        #expect(!r.isValid)
        #expect(r.errors.first?.message == "Geboortedatum: controlecijfer klopt niet (regel 2, positie 20)")
        #expect(r.errors.first?.englishMessage.hasPrefix("Date of birth: check digit does not match") == true)
        #expect(!r.isValid(.birthDate))
        #expect(r.isValid(.documentNumber))
    }

    @Test("Unknown country codes are errors even when every check digit holds", arguments: ["BOS", "COU", "UT0"])
    func unknownCountry(code: String) {
        let l2 = "L898902C36\(code)7408122F1204159ZE184226B<<<<<10"
        let r = MRZParser.parse(lines: ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", l2], today: today)
        if code == "UT0" {
            // A zero in a letter field is repaired by type to O.
            #expect(r.isValid)
            #expect(r.corrections == [MRZCorrection(field: .nationality, line: 2, column: 13, from: "0", to: "O")])
        } else {
            #expect(r.errors.contains { $0.field == .nationality && $0.problem == .unknownCountryCode })
        }
    }

    @Test("Germany's D<<, stateless XXA and the sexes M, F, X, <", arguments: ["D<<", "XXA", "XXB", "XXC", "XXX"])
    func specialCodes(code: String) {
        var r0 = SeededRandom(state: 1)
        var doc = MRZGenerator.make(.td3, &r0)
        var l2 = Array(doc.lines[1])
        l2.replaceSubrange(10..<13, with: Array(code))
        doc.lines[1] = String(l2)
        let r = MRZParser.parse(lines: doc.lines, today: today)
        #expect(r.isValid, "\(r.errors)")
        #expect(r.fields.nationality == code.replacingOccurrences(of: "<", with: ""))
    }

    @Test("Type-based repair: letters in dates become digits and are reported with line and column")
    func typeRepair() {
        let r = MRZParser.parse("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO74O8122F12O4159ZE184226B<<<<<1O", today: today)
        #expect(r.isValid)
        #expect(r.corrections.count == 3)
        #expect(r.corrections[0] == MRZCorrection(field: .birthDate, line: 2, column: 16, from: "O", to: "0"))
    }

    @Test("A mixed field is repaired only when the check digit confirms exactly one candidate")
    func mixedRepair() {
        // The specimen's document number with its 0 misread as O: only O→0 makes both check digits hold.
        let good = MRZParser.parse("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10", today: today)
        #expect(good.isValid)
        let misread = MRZParser.parse("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10".replacingOccurrences(of: "L898902", with: "L8989O2"), today: today)
        #expect(misread.isValid)
        #expect(misread.fields.documentNumber == "L898902C3")
        #expect(misread.corrections == [MRZCorrection(field: .documentNumber, line: 2, column: 6, from: "O", to: "0")])
        // With its first 8 misread as B, B→8 at column 2 and 8→B at column 4 both fit: ambiguous, not repaired.
        let ambiguous = MRZParser.parse("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nLB98902C36UTO7408122F1204159ZE184226B<<<<<10", today: today)
        #expect(!ambiguous.isValid)
        #expect(ambiguous.corrections.isEmpty)
        #expect(ambiguous.errors.contains { $0.field == .documentNumber })
    }

    @Test("Dutch document numbers never contain the letter O")
    func dutchNoO() throws {
        var r0 = SeededRandom(state: 99)
        var doc = MRZGenerator.make(.td3, &r0)
        while doc.issuingState != "NLD" || !doc.documentNumber.contains("0") { doc = MRZGenerator.make(.td3, &r0) }
        var l1 = Array(doc.lines[1])
        let i = try #require(l1.firstIndex(of: "0"))
        l1[i] = "O"
        let r = MRZParser.parse(lines: [doc.lines[0], String(l1)], today: today)
        #expect(r.isValid)
        #expect(r.fields.documentNumber == doc.documentNumber)
        #expect(r.corrections.map(\.to) == ["0"])
    }

    @Test("Names: prefixes stay in the surname, no given names, truncation")
    func names() {
        let r = MRZParser.parse(lines: ["P<NLDDE<BRUIJN<<WILLEKE<LISELOTTE<<<<<<<<<<<", "SPECI20142NLD6503101F2401151<<<<<<<<<<<<<<<4"], today: today)
        #expect(r.fields.surname == "DE BRUIJN")
        #expect(r.fields.givenNames == "WILLEKE LISELOTTE")
        let line2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
        let single = MRZParser.parse(lines: [MRZGenerator.pad("P<UTOMADONNA", 44), line2], today: today)
        #expect(single.fields.surname == "MADONNA")
        #expect(single.fields.givenNames == "")
        let long = MRZParser.parse(lines: ["P<UTOVANDERVELDENHOOGSTRATENBERG<<ALEXANDRIA", line2], today: today)
        #expect(long.fields.surname == "VANDERVELDENHOOGSTRATENBERG")
        #expect(long.fields.nameMayBeTruncated)
        #expect(!single.fields.nameMayBeTruncated)
    }

    @Test("Unreadable input says so", arguments: ["", "hello", "P<UTOERIKSSON<<ANNA\nL898902C36UTO"])
    func unreadable(text: String) {
        let r = MRZParser.parse(text, today: today)
        #expect(r.format == nil)
        #expect(!r.isValid)
        #expect(!r.errors.isEmpty)
    }

    @Test("Expired and minor are facts against the given today")
    func expiredAndMinor() {
        var r0 = SeededRandom(state: 5)
        let doc = MRZGenerator.make(.td1, &r0)
        var l2 = Array(doc.lines[1])
        l2.replaceSubrange(0..<6, with: Array("100101"))  // born 2010
        l2[6] = Character(String(CheckDigit.compute("100101")!))
        l2.replaceSubrange(8..<14, with: Array("251231"))  // expired end 2025
        l2[14] = Character(String(CheckDigit.compute("251231")!))
        let l1 = doc.lines[0]
        let opt2 = String(l2[18..<29])
        l2[29] = Character(String(CheckDigit.compute(String(l1.dropFirst(5)) + String(l2[0..<7]) + String(l2[8..<15]) + opt2)!))
        let r = MRZParser.parse(lines: [l1, String(l2), doc.lines[2]], today: today)
        #expect(r.isValid, "\(r.errors)")
        #expect(r.minor == true)
        #expect(r.expired == true)
        #expect(r.fields.birthDate?.iso == "2010-01-01")
        let grownUp = MRZParser.parse(lines: [l1, String(l2), doc.lines[2]], today: (2028, 1, 1))
        #expect(grownUp.minor == false)
    }

    @Test("JSON output follows the documented shape")
    func json() throws {
        let r = MRZParser.parse("I<UTOD23145890<7349<<<<<<<<<<<\n3407127M9507122UTO<<<<<<<<<<<2\nSTEVENSON<<PETER<JOHN<<<<<<<<<", today: today)
        let object = try #require(try JSONSerialization.jsonObject(with: r.jsonData()) as? [String: Any])
        #expect(object["valid"] as? Bool == true)
        #expect(object["format"] as? String == "TD1")
        let fields = try #require(object["fields"] as? [String: Any])
        #expect(fields["documentNumber"] as? String == "D23145890734")
        #expect(fields["birthDate"] as? String == "340712")
        #expect(fields["birthDateISO"] as? String == "1934-07-12")
        #expect(fields["optionalData2"] as? String == "")
        #expect(object["bsnRedacted"] as? Bool == false)
        #expect((object["corrections"] as? [Any])?.isEmpty == true)
    }
}
