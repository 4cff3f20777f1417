import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// Device tests run only by scripts/test-devices.sh, under umockdev's preload, one testbed at a time.
@Suite("DeviceTests: sources against emulated kernel devices (umockdev)", .serialized, .enabled(if: Testbed.requested))
struct DeviceTests {
    func collect(_ source: any ScannerSource, count: Int, within seconds: Double = 5) async -> [ScanEvent] {
        await withTaskGroup(of: [ScanEvent].self) { group in
            group.addTask {
                var got: [ScanEvent] = []
                for await e in source.events {
                    got.append(e)
                    if got.count == count { break }
                }
                return got
            }
            group.addTask { try? await Task.sleep(for: .seconds(seconds)); return [] }
            var result: [ScanEvent] = []
            for await r in group where !r.isEmpty || result.isEmpty {
                result = r
                group.cancelAll()
                source.stop()
                break
            }
            return result
        }
    }

    @Test("evdev wedge: grabbed, Shift'ed letters, Ctrl+] as GS, Enter/Tab suffixes and the inter-key gap")
    func evdevWedge() async throws {
        let testbed = try Testbed()
        try testbed.addDevices(fixture: "wedge.umockdev")
        // A 150 ms gap rather than the 30 ms default: umockdev's replay thread can stall for tens of
        // milliseconds on a busy 2-core CI machine, which would split a scan that a real scanner sends whole.
        let scanner = EvdevScanner(path: "/dev/input/event7", settings: ScannerSettings(gap: 0.15))
        try await Task.sleep(for: .milliseconds(300))
        // EVIOCGRAB succeeded (umockdev cannot show that the grab is exclusive: only real hardware can).
        #expect(scanner.isGrabbed)
        let keys = try #require(KeyStrokes.typing("]E08712345678906\r", in: .us))
        let gs1 = try #require(KeyStrokes.typing("]C10108712345678906\u{1D}10ABC-123\u{1D}21SN42\t", in: .us))
        let imei = try #require(KeyStrokes.typing("356938035643809", in: .us))
        let wtu = try #require(KeyStrokes.typing("WTU123456X", in: .us))
        // 1 ms per key event; 600 ms between scans, so the last two are framed by the gap alone.
        let evemu = "E: 0.0 0000 0000 0\n" + KeyStrokes.evemu(keys, start: 0.2, interval: 0.001)
            + KeyStrokes.evemu(gs1, start: 0.8, interval: 0.001) + KeyStrokes.evemu(imei, start: 1.4, interval: 0.001)
            + KeyStrokes.evemu(wtu, start: 2.0, interval: 0.001)
        try testbed.replayEvents(evemu, on: "/dev/input/event7")
        let events = await collect(scanner, count: 4)
        try #require(events.count == 4)
        #expect(events[0].text == "]E08712345678906")
        #expect(events[0].symbology == "]E0")
        #expect(events[1].bytes == Array("]C10108712345678906\u{1D}10ABC-123\u{1D}21SN42".utf8))
        #expect(events[2].text == "356938035643809")
        #expect(events[3].text == "WTU123456X")
        #expect(events.allSatisfy { $0.isComplete && $0.device == "evdev:/dev/input/event7" })
        // 17 key presses at 2 ms (press + release) per character: about 33 ms from first to last byte.
        #expect(events[0].lastByteAt - events[0].firstByteAt > 0.015)
        #expect(events[0].lastByteAt - events[0].firstByteAt < 1.0)
    }
}
