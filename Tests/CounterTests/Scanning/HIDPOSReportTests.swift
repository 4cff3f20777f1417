import Testing
@testable import CounterCore
@testable import CounterDevices

/// HID POS input reports as a Honeywell scanner sends them (hardware.md §1b), for tests.
enum HIDPOSReports {
    /// The reports for one scan: 56 data bytes each, continuation bit set on all but the last.
    static func reports(aim: String, data: [UInt8], codeID: UInt8 = UInt8(ascii: "d")) -> [[UInt8]] {
        let chunks = stride(from: 0, to: max(data.count, 1), by: 56).map { Array(data[$0..<min($0 + 56, data.count)]) }
        return chunks.enumerated().map { i, chunk in
            var r = [UInt8](repeating: 0, count: 64)
            r[0] = 0x02
            r[1] = UInt8(chunk.count)
            for (j, b) in aim.utf8.prefix(3).enumerated() { r[2 + j] = b }
            r.replaceSubrange(5..<(5 + chunk.count), with: chunk)
            r[61] = codeID
            r[63] = i < chunks.count - 1 ? 1 : 0
            return r
        }
    }
}

@Suite("HID POS reports")
struct HIDPOSReportTests {
    @Test("A one-report EAN-13 scan: AIM identifier, data, code ID")
    func single() throws {
        let r = try HIDPOSReport(parsing: HIDPOSReports.reports(aim: "]E0", data: Array("8712345678906".utf8))[0])
        #expect(r.symbology == Array("]E0".utf8))
        #expect(r.data == Array("8712345678906".utf8))
        #expect(r.codeID == UInt8(ascii: "d"))
        #expect(!r.continues)
    }

    @Test("A long QR code over two reports is joined; GS bytes survive; the event carries the AIM prefix")
    func multiReport() throws {
        let data = Array(("https://example.org/" + String(repeating: "x", count: 60)).utf8) + [0x1D, 0x41]
        let reports = HIDPOSReports.reports(aim: "]Q1", data: data, codeID: UInt8(ascii: "s"))
        #expect(reports.count == 2)
        var assembler = HIDPOSAssembler(device: "hidraw:/dev/hidraw0")
        let first = assembler.add(try HIDPOSReport(parsing: reports[0]), at: 1.0)
        #expect(first == nil)
        #expect(assembler.isInProgress)
        let second = assembler.add(try HIDPOSReport(parsing: reports[1]), at: 1.004)
        let event = try #require(second)
        #expect(event.bytes == Array("]Q1".utf8) + data)
        #expect(event.symbology == "]Q1")
        #expect(event.firstByteAt == 1.0 && event.lastByteAt == 1.004 && event.isComplete)
    }

    @Test("Unplugged between reports: the half scan is incomplete")
    func abandoned() throws {
        var assembler = HIDPOSAssembler(device: "usb:0c2e:0b61")
        let reports = HIDPOSReports.reports(aim: "]d2", data: Array(repeating: 0x31, count: 100))
        _ = assembler.add(try HIDPOSReport(parsing: reports[0]), at: 0)
        let cut = assembler.abandon()
        #expect(cut?.isComplete == false)
        #expect(cut?.bytes.count == 3 + 56)
        let again = assembler.abandon()
        #expect(again == nil)
    }

    @Test("No AIM identifier, a lying length byte, short and foreign reports")
    func edges() throws {
        var r = HIDPOSReports.reports(aim: "", data: Array("ABC".utf8))[0]
        #expect(try HIDPOSReport(parsing: r).symbology == nil)
        r[1] = 200
        #expect(try HIDPOSReport(parsing: r).data.count == 56)
        #expect(throws: HIDPOSReport.ParseError.tooShort(3)) { try HIDPOSReport(parsing: [2, 1, 0]) }
        #expect(throws: HIDPOSReport.ParseError.notScanData(reportID: 1)) { try HIDPOSReport(parsing: [1, 0, 0, 0, 0, 0, 0, 0]) }
    }

    @Test("A byte stream (emulated hidraw) is cut into 64-byte reports; a kernel read is one report")
    func streamSplitting() {
        let two = HIDPOSReports.reports(aim: "]E0", data: Array(repeating: 0x35, count: 13)) + HIDPOSReports.reports(aim: "]C0", data: [0x41])
        var carry: [UInt8] = []
        let stream = two.joined()
        let first = HidrawScanner.reports(in: ArraySlice(stream.prefix(100)), carry: &carry)
        let rest = HidrawScanner.reports(in: ArraySlice(stream.dropFirst(100)), carry: &carry)
        #expect(first == [two[0]])
        #expect(rest == [two[1]])
        #expect(carry.isEmpty)
        #expect(HidrawScanner.reports(in: [1, 2, 3], carry: &carry) == [[1, 2, 3]])
    }
}
