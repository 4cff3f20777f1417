import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// The hidraw source's reassembly, unplug and reopen, with a pseudo-terminal carrying the reports as a byte
/// stream (as umockdev's emulated node does). Against an emulated hidraw node: CounterDeviceTests.
@Suite("HID POS scanner (hidraw source) through pseudo-terminals", .serialized)
struct HidrawScannerTests {
    @Test("Unplugged between the reports of one scan: incomplete; after reconnecting, whole scans again")
    func unplug() async throws {
        let link = NSTemporaryDirectory() + "hidraw-\(UUID().uuidString)"
        let first = try PseudoTerminal()
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: first.slavePath)
        defer { try? FileManager.default.removeItem(atPath: link) }
        let scanner = HidrawScanner(path: link, settings: ScannerSettings(retryInterval: 0.05))
        defer { scanner.stop() }
        var it = scanner.events.makeAsyncIterator()
        try await Task.sleep(for: .milliseconds(200))
        first.write(HIDPOSReports.reports(aim: "]E0", data: Array("8712345678906".utf8))[0])
        #expect(await nextScan(&it)?.text == "]E08712345678906")
        let long = HIDPOSReports.reports(aim: "]Q1", data: Array(repeating: UInt8(ascii: "x"), count: 70))
        first.write(long[0])
        try await Task.sleep(for: .milliseconds(100))
        // The device node goes with the device: a freed pty number may go to another test's terminal at once,
        // and reopening the old path would read that test's bytes.
        try FileManager.default.removeItem(atPath: link)
        first.close()
        let cut = await nextScan(&it)
        #expect(cut?.isComplete == false)
        #expect(cut?.bytes.count == 3 + 56)
        let second = try PseudoTerminal()
        defer { second.close() }
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: second.slavePath)
        try await Task.sleep(for: .milliseconds(400))
        for r in long { second.write(r) }
        let whole = await nextScan(&it)
        #expect(whole?.isComplete == true)
        #expect(whole?.bytes == Array("]Q1".utf8) + Array(repeating: UInt8(ascii: "x"), count: 70))
    }
}
