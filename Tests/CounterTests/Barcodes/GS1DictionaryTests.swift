import Testing
@testable import CounterCore
@testable import CounterDevices

/// Every AI of the GS1 Barcode Syntax Dictionary, through the element-string parser.
@Suite("GS1 element strings against the dictionary")
struct GS1DictionaryTests {
    /// A valid value for an AI, built from its components (dates, check digits and times made valid).
    static func validValue(_ entry: GS1ApplicationIdentifier) -> String {
        var out = ""
        for c in entry.components where !c.optional {
            var part: [UInt8]
            switch c.characterSet {
            case .numeric: part = Array(repeating: UInt8(ascii: "1"), count: c.minLength == c.maxLength ? c.maxLength : min(c.maxLength, 6))
            default: part = Array("AB12".utf8.prefix(c.minLength == c.maxLength ? c.maxLength : min(c.maxLength, 4)))
                while part.count < c.minLength { part.append(UInt8(ascii: "1")) }
            }
            for l in c.linters {
                switch l {
                case "yymmdd", "yymmd0": part = Array("250131".utf8)
                case "yyyymmdd": part = Array("20250131".utf8)
                case "hhmi": part = Array("1230".utf8)
                case "hh", "mi", "ss": part = Array("12".utf8)
                case "yesno": part = Array("1".utf8)
                case "zero": part = Array(repeating: UInt8(ascii: "0"), count: part.count)
                case "csum": part[part.count - 1] = UInt8(48 + GTIN.checkDigit(part.dropLast()))
                default: break
                }
            }
            out += String(decoding: part, as: UTF8.self)
        }
        return out
    }

    @Test("The table holds every AI of the dictionary, ranges expanded")
    func tableSize() {
        #expect(GS1ApplicationIdentifier.table.count == 541)
        #expect(GS1ApplicationIdentifier.lookup("01")?.predefinedLength == true)
        #expect(GS1ApplicationIdentifier.lookup("21")?.maxLength == 20)
        #expect(GS1ApplicationIdentifier.lookup("3103") != nil)
        #expect(GS1ApplicationIdentifier.lookup("3106") == nil)
    }

    @Test("Every AI parses a valid value, alone and followed by AI 21")
    func everyAI() throws {
        var failures: [String] = []
        for (ai, entry) in GS1ApplicationIdentifier.table {
            let value = Self.validValue(entry)
            if entry.problem(with: value) != nil { continue }  // linters this test cannot satisfy generically
            let message = ai + value + (entry.predefinedLength ? "" : "\u{1D}") + "21X"
            do {
                let parsed = try GS1ElementString.parse(Array(message.utf8)[...], separators: [0x1D])
                if parsed.elements.first != .init(ai: ai, value: value) || parsed.elements.last != .init(ai: "21", value: "X") {
                    failures.append(ai)
                }
            } catch {
                failures.append("\(ai): \(error)")
            }
        }
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test("Too long, wrong characters and impossible dates are refused", arguments: [
        "17251332", "17250230", "11251301", "0109501101020917" + "21" + String(repeating: "A", count: 21) + "\u{1D}",
        "99", "0112345", "21AB#C",
    ])
    func refused(message: String) {
        #expect(throws: GS1ElementString.ParseError.self) {
            let parsed = try GS1ElementString.parse(Array(message.utf8)[...], separators: [0x1D])
            // A 21-character AI 21 value splits into 20 + an unknown AI: also refused.
            _ = parsed
        }
    }

    @Test("Day 00 is allowed where the dictionary says yymmd0")
    func dayZero() throws {
        let parsed = try GS1ElementString.parse(Array("17250100".utf8)[...], separators: [0x1D])
        #expect(parsed.elements == [.init(ai: "17", value: "250100")])
    }
}
