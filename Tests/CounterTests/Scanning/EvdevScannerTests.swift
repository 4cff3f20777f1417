import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// The evdev source's framing, unplug and reopen, with a pseudo-terminal carrying raw `input_event`s (the
/// grab fails there with ENOTTY and is skipped). The same source against an emulated evdev node, grab
/// included, is in CounterDeviceTests (umockdev).
@Suite("Keyboard-wedge scanner (evdev source) through pseudo-terminals", .serialized)
struct EvdevScannerTests {
    @Test("Enter ends a scan, Shift and Ctrl+] decode, the gap ends a scan without suffix")
    func framing() async throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let scanner = EvdevScanner(path: pty.slavePath, settings: ScannerSettings(gap: 0.05))
        defer { scanner.stop() }
        var it = scanner.events.makeAsyncIterator()
        try await Task.sleep(for: .milliseconds(200))
        let gs1 = try #require(KeyStrokes.typing("]C10108712345678906\u{1D}10ABC-123\r", in: .us))
        pty.write(KeyStrokes.inputEventBytes(gs1))
        let a = await nextScan(&it)
        #expect(a?.bytes == Array("]C10108712345678906\u{1D}10ABC-123".utf8))
        #expect(a?.symbology == "]C1")
        #expect(a?.isComplete == true)
        #expect(a?.device == "evdev:\(pty.slavePath)")
        #expect(!scanner.isGrabbed)
        pty.write(KeyStrokes.inputEventBytes(try #require(KeyStrokes.typing("356938035643809", in: .us))))
        let b = await nextScan(&it)
        #expect(b?.text == "356938035643809")
        #expect(b?.isComplete == true)
    }

    @Test("Unplug mid-scan: reported incomplete; the node comes back without restart")
    func unplug() async throws {
        let link = NSTemporaryDirectory() + "wedge-\(UUID().uuidString)"
        let first = try PseudoTerminal()
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: first.slavePath)
        defer { try? FileManager.default.removeItem(atPath: link) }
        // A gap far longer than the test: only the unplug may end the half scan, however late this task runs.
        let scanner = EvdevScanner(path: link, settings: ScannerSettings(gap: 60, layout: .be, retryInterval: 0.05))
        defer { scanner.stop() }
        var it = scanner.events.makeAsyncIterator()
        try await Task.sleep(for: .milliseconds(200))
        first.write(KeyStrokes.inputEventBytes(try #require(KeyStrokes.typing("HALF-1", in: .be))))
        try await Task.sleep(for: .milliseconds(100))
        // The device node goes with the device: a freed pty number may go to another test's terminal at once,
        // and reopening the old path would read that test's bytes.
        try FileManager.default.removeItem(atPath: link)
        first.close()
        let cut = await nextScan(&it)
        #expect(cut?.text == "HALF-1")
        #expect(cut?.isComplete == false)
        let second = try PseudoTerminal()
        defer { second.close() }
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: second.slavePath)
        try await Task.sleep(for: .milliseconds(400))
        second.write(KeyStrokes.inputEventBytes(try #require(KeyStrokes.typing("AFTER-2\r", in: .be))))
        let after = await nextScan(&it)
        #expect(after?.text == "AFTER-2")
        #expect(after?.isComplete == true)
    }

    @Test("Paths choose the source kind", arguments: [
        ("/dev/input/event7", "evdev:/dev/input/event7"), ("/dev/input/by-id/usb-X-event-kbd", "evdev:/dev/input/by-id/usb-X-event-kbd"),
        ("/dev/hidraw0", "hidraw:/dev/hidraw0"), ("/dev/ttyACM0", "serial:/dev/ttyACM0@9600"), ("usb:0c2e:0b61", "usb:0c2e:0b61"),
        ("hidraw:/dev/counter/x", "hidraw:/dev/counter/x"),
        ("/dev/counter/scanner-kbd-event7", "evdev:/dev/counter/scanner-kbd-event7"),
        ("/dev/counter/scanner-hidpos-hidraw0", "hidraw:/dev/counter/scanner-hidpos-hidraw0"),
        ("/dev/counter/scanner-serial-ttyACM0", "serial:/dev/counter/scanner-serial-ttyACM0@9600"),
    ])
    func detect(text: String, spec: String) throws {
        #expect(try ScannerSpec(detecting: text).description == spec)
    }
}
