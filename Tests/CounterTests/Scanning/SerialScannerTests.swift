import CEvdev
import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// A pseudo-terminal standing in for a serial scanner: we write to the master, the scanner reads the slave.
final class PseudoTerminal {
    let master: Int32
    let slavePath: String

    init() throws {
        // Close-on-exec: a program another test starts meanwhile (the kiosk, Chromium for a PDF) must not inherit
        // the master, or closing it here would not hang up the slave ("unplug" tests then wait for the gap).
        master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)
        // ptsname_r, not ptsname: tests run in parallel, and ptsname's one static buffer can hand this terminal
        // another test's slave name.
        var name = [CChar](repeating: 0, count: 128)
        guard master >= 0, grantpt(master) == 0, unlockpt(master) == 0, ptsname_r(master, &name, UInt(name.count)) == 0 else {
            throw POSIXError(.ENODEV)
        }
        slavePath = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // Raw mode on the slave side so CR is not translated.
        let slave = open(slavePath, O_RDWR | O_NOCTTY | O_CLOEXEC)
        var t = termios()
        tcgetattr(slave, &t)
        cfmakeraw(&t)
        tcsetattr(slave, TCSANOW, &t)
        Glibc.close(slave)
    }

    func write(_ bytes: [UInt8]) { _ = bytes.withUnsafeBufferPointer { Glibc.write(master, $0.baseAddress, $0.count) } }
    func write(_ text: String) { write(Array(text.utf8)) }
    func close() { Glibc.close(master) }
}

@Suite("Serial scanner through pseudo-terminals", .serialized)
struct SerialScannerTests {
    @Test("Scans end at CR, LF or TAB; AIM identifiers are kept; timestamps are ordered")
    func suffixes() async throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let scanner = SerialScanner(path: pty.slavePath, gap: 1.0)
        defer { scanner.stop() }
        var it = scanner.events.makeAsyncIterator()
        try await Task.sleep(for: .milliseconds(200))
        pty.write("]C10109501101020917\r356938035643809\n<script>alert(1)</script>\t")
        let a = await nextScan(&it), b = await nextScan(&it), c = await nextScan(&it)
        #expect(a?.text == "]C10109501101020917")
        #expect(a?.symbology == "]C1")
        #expect(b?.text == "356938035643809")
        #expect(c?.text == "<script>alert(1)</script>")
        #expect([a, b, c].allSatisfy { $0?.isComplete == true && $0!.firstByteAt <= $0!.lastByteAt })
        #expect(a?.device == "serial:\(pty.slavePath)")
    }

    @Test("A scanner without a suffix: the inter-character gap ends the scan")
    func gap() async throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let scanner = SerialScanner(path: pty.slavePath, gap: 0.05)
        defer { scanner.stop() }
        var it = scanner.events.makeAsyncIterator()
        try await Task.sleep(for: .milliseconds(200))
        pty.write("ABC123")
        try await Task.sleep(for: .milliseconds(300))
        pty.write("XYZ")
        #expect(await nextScan(&it)?.text == "ABC123")
        #expect(await nextScan(&it)?.text == "XYZ")
    }

    @Test("Unplug mid-scan: reported incomplete, never delivered half; the device comes back without restart")
    func unplugAndReconnect() async throws {
        let link = NSTemporaryDirectory() + "scanner-\(UUID().uuidString)"
        let first = try PseudoTerminal()
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: first.slavePath)
        defer { try? FileManager.default.removeItem(atPath: link) }
        // A gap far longer than the test: only the unplug may end the half scan, however late this task runs.
        let scanner = SerialScanner(path: link, gap: 60, retryInterval: 0.05)
        defer { scanner.stop() }
        var it = scanner.events.makeAsyncIterator()
        try await Task.sleep(for: .milliseconds(200))
        first.write("WHOLE-1\r")
        #expect(await nextScan(&it)?.text == "WHOLE-1")
        first.write("HALF-")
        try await Task.sleep(for: .milliseconds(100))
        // The device node goes with the device: a freed pty number may go to another test's terminal at once,
        // and reopening the old path would read that test's bytes.
        try FileManager.default.removeItem(atPath: link)
        first.close()  // the cable is pulled
        let cut = await nextScan(&it)
        #expect(cut?.text == "HALF-")
        #expect(cut?.isComplete == false)
        // The same device path appears again (a new pty behind the link).
        let second = try PseudoTerminal()
        defer { second.close() }
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: second.slavePath)
        try await Task.sleep(for: .milliseconds(400))
        second.write("AFTER-2\r")
        let after = await nextScan(&it)
        #expect(after?.text == "AFTER-2")
        #expect(after?.isComplete == true)
    }

    @Test("Scanner specs", arguments: [
        ("serial:/dev/ttyACM0", "serial:/dev/ttyACM0@9600"), ("serial:/dev/pts/3@115200", "serial:/dev/pts/3@115200"),
        ("usb:0c2e:0b61", "usb:0c2e:0b61"), ("evdev:/dev/input/event5", "evdev:/dev/input/event5"), ("stdin", "stdin"),
    ])
    func specs(text: String, normalized: String) throws {
        #expect(try ScannerSpec(parsing: text).description == normalized)
    }

    @Test("Bad specs are refused with the accepted forms", arguments: ["", "serial:ttyACM0", "serial:/dev/x@123", "usb:zz:1", "bluetooth:x"])
    func badSpecs(text: String) {
        #expect(throws: ScannerSpec.ParseError(spec: text)) { try ScannerSpec(parsing: text) }
    }
}
