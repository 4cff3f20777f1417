import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// The cases of scan-conventions.md, each with the fields `scan decode --json` prints.
@Suite("Scan interpretation (scan-conventions.md)")
struct ScanInterpreterTests {
    let interpreter = ScanInterpreter()

    struct Case: Sendable, CustomTestStringConvertible {
        var input: String
        var kind: DecodedScan.Kind
        var gtin: String? = nil
        var imei: String? = nil
        var exact: String?
        var ais: [String: String]? = nil
        var testDescription: String { input.replacingOccurrences(of: "\u{1D}", with: "<GS>") }
    }

    static let cases: [Case] = [
        Case(input: "]E05901234123457", kind: .gtin, gtin: "05901234123457", exact: nil),
        Case(input: "]E05901234123458", kind: .invalidGTIN, exact: "5901234123458"),
        Case(input: "96385074", kind: .gtin, gtin: "00000096385074", exact: nil),
        Case(input: "04252614", kind: .gtin, gtin: "00042100005264", exact: nil),  // UPC-E → UPC-A 042100005264
        Case(input: "012345678905", kind: .gtin, gtin: "00012345678905", exact: nil),
        Case(input: "356938035643809", kind: .imei, imei: "356938035643809", exact: "356938035643809"),
        Case(input: "356938035643808", kind: .invalidIMEI, exact: "356938035643808"),
        Case(input: "35693803564380", kind: .imei, imei: "356938035643809", exact: "356938035643809"),
        Case(input: "3569380356438012", kind: .imei, imei: "356938035643809", exact: "356938035643809"),
        Case(input: "35-693803-564380-9", kind: .serial, exact: "356938035643809"),
        Case(input: "]C101095011010209171719050810ABCD1234\u{1D}21SER-9", kind: .gs1, gtin: "09501101020917", exact: "SER9",
             ais: ["01": "09501101020917", "17": "190508", "10": "ABCD1234", "21": "SER-9"]),
        Case(input: "]C1\u{1D}0109501101020917\u{1D}21XYZ\u{1D}", kind: .gs1, gtin: "09501101020917", exact: "XYZ",
             ais: ["01": "09501101020917", "21": "XYZ"]),
        Case(input: "]C10109501101020918", kind: .invalidGTIN, exact: nil, ais: ["01": "09501101020918"]),
        Case(input: "]C1", kind: .serial, exact: ""),
        Case(input: "]C121ABC 123", kind: .serial, exact: "21ABC123"),  // space is not CSET 82
        Case(input: "010950110102091721SN77", kind: .gs1, gtin: "09501101020917", exact: "SN77", ais: ["01": "09501101020917", "21": "SN77"]),
        Case(input: "21ABC12345", kind: .serial, exact: "21ABC12345"),  // no AI 01: fails the content test
        Case(input: "]Q1https://id.gs1.org/01/09520123456788/10/ABC/21/12345", kind: .digitalLink, gtin: "09520123456788",
             exact: "12345", ais: ["01": "09520123456788", "10": "ABC", "21": "12345"]),
        Case(input: "HTTPS://example.com/shop/01/9520123456788/21/A%2FB", kind: .digitalLink, gtin: "09520123456788",
             exact: "AB", ais: ["01": "09520123456788", "21": "A/B"]),
        Case(input: "https://id.gs1.org/01/09520123456788/21/1/10/ABC", kind: .serial, exact: "HTTPSIDGS1ORG010952012345678821110ABC"),
        Case(input: "https://id.gs1.org/gtin/09520123456788", kind: .serial, exact: "HTTPSIDGS1ORGGTIN09520123456788"),
        Case(input: "]d1SN-12<script>", kind: .serial, exact: "SN12SCRIPT"),
        Case(input: "]Y1234", kind: .serial, exact: "Y1234"),
        Case(input: "]", kind: .serial, exact: ""),
        Case(input: "１２３４５６７８", kind: .serial, exact: "12345678"),  // full-width digits are text
        Case(input: "  ABC-123\t", kind: .serial, exact: "ABC123"),
    ]

    @Test("Each convention case", arguments: cases)
    func conventionCase(_ c: Case) {
        let r = interpreter.decode(c.input)
        #expect(r.kind == c.kind)
        #expect(r.gtin == c.gtin)
        #expect(r.imei == c.imei)
        #expect(r.serialKeyExact == c.exact)
        if let ais = c.ais { #expect(r.ais == ais) }
    }

    @Test("A substitute separator from the scanner profile works like GS")
    func substitute() {
        let r = ScanInterpreter(separatorSubstitute: UInt8(ascii: "|")).decode("]C10109501101020917" + "10LOT7|21S1")
        #expect(r.ais == ["01": "09501101020917", "10": "LOT7", "21": "S1"])
        #expect(interpreter.decode("]C1010950110102091710LOT7|21S1").kind == .serial)  // `|` is not CSET 82
    }

    @Test("A dropped GS that makes AI 21 swallow AI 17 gets a warning")
    func swallowed() {
        let r = interpreter.decode("]C1010950110153000321SERIALNUMBER17261231")
        #expect(r.warnings.map(\.code) == ["gs1.missingSeparator"])
        #expect(r.warnings.first?.message.contains("(17)") == true)
        #expect(interpreter.decode("]C10109501101530003" + "17261231" + "21SERIAL").warnings.isEmpty)
    }

    @Test("JSON has the documented fields")
    func json() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: interpreter.decode("356938035643809").jsonData()) as? [String: Any])
        #expect(Set(object.keys) == ["kind", "symbology", "gtin", "ais", "imei", "serialKeyExact", "serialKeyLoose", "warnings"])
        #expect(object["kind"] as? String == "imei")
        #expect(object["ais"] is NSNull)
    }

    @Test("Random bytes never crash the interpreter")
    func randomBytes() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let bytes = (0..<Int.random(in: 0...60, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            _ = interpreter.decode(bytes)
            _ = interpreter.decode([UInt8]("]C1".utf8) + bytes)
            _ = interpreter.decode([UInt8]("https://x/01/".utf8) + bytes)
        }
    }

    /// Issue 12 (1): the swallowed-AI look-ahead re-parsed every suffix recursively, so a barcode sticker with
    /// `17…10…` repeated froze all scanning (32 repeats: 42 s). Linear now: 400 repeats (4.4 KB) finish at once;
    /// on the old parser this test never ends and the time limit fails it.
    @Test("A crafted GS1 string with hundreds of repeated AIs decodes, and gives the same answer as a short one",
          .timeLimit(.minutes(1)))
    func craftedGS1IsLinear() {
        let interpreter = ScanInterpreter()
        for repeats in [30, 100, 400] {
            let text = "]C101087123456789012" + String(repeating: "1719123110A", count: repeats) + "BC123"
            let scan = interpreter.decode(text)
            #expect(scan.kind == .serial, "\(repeats)")
            #expect(scan.serialCandidate == String(text.dropFirst(3)))
        }
    }

    /// Found by `make fuzz` (target `digital-link`): every segment was tried as the primary key, each with all
    /// the pairs after it, so a link with many `/01/` segments was quadratic. Only the last few segments can
    /// start the key (qualifiers come in order, at most three), so it is linear now.
    @Test("A Digital Link with thousands of key segments decodes to its last key and qualifiers, in linear time",
          .timeLimit(.minutes(1)))
    func craftedDigitalLinkIsLinear() {
        let interpreter = ScanInterpreter()
        for repeats in [1, 50, 20_000] {  // 20 000: about 2 × 10⁸ pair decodes on the old parser
            let text = "https://id.gs1.org/" + String(repeating: "01/09520123456788/", count: repeats) + "01/09520123456788/21/ABC"
            let scan = interpreter.decode(text)
            #expect(scan.kind == .digitalLink, "\(repeats)")
            #expect(scan.gtin == "09520123456788")
            #expect(scan.ais?["21"] == "ABC")
        }
    }
}
