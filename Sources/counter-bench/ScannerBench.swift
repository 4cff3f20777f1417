import CEvdev
import Counter
import Foundation

/// Scanner latency: from the last byte written to a pseudo-terminal (standing in for the scanner) to the
/// decoded scan in the consumer, through the real source threads, poll(2) and the AsyncStream hop.
enum ScannerBench {
    static let rounds = 1000

    static func run() async throws -> [BenchResult] {
        let serial = try await measure(kind: "serial") { path in SerialScanner(path: path, gap: 1) } payload: { Array("]E08712345678906\r".utf8) }
        let wedge = try await measure(kind: "evdev") { path in EvdevScanner(path: path, settings: ScannerSettings(gap: 1)) } payload: {
            keyEvents("]C10108712345678906\u{1D}21SN42")
        }
        return [
            BenchResult(name: "Serial scanner: last byte → decoded scan p99", value: serial[serial.count * 99 / 100], unit: "ms",
                        goal: "≤ 2 ms", note: "p50 \(BenchReport.format(serial[serial.count / 2])) ms, max \(BenchReport.format(serial.last!)) ms, \(rounds) scans over a pty"),
            BenchResult(name: "Keyboard wedge (evdev source): last key event → decoded scan p99", value: wedge[wedge.count * 99 / 100], unit: "ms",
                        goal: "≤ 2 ms", note: "p50 \(BenchReport.format(wedge[wedge.count / 2])) ms, max \(BenchReport.format(wedge.last!)) ms, input_events over a pty"),
        ]
    }

    /// Sorted latencies in milliseconds, from the last byte to the end of `consume` (by default: decoding).
    static func measure(kind: String, source: (String) -> any ScannerSource, payload: () -> [UInt8],
                        consume: (ScanEvent) async -> Void = { _ = ScanInterpreter().decode($0.bytes) }) async throws -> [Double] {
        let master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0, grantpt(master) == 0, unlockpt(master) == 0, let name = ptsname(master) else { throw POSIXError(.ENODEV) }
        defer { close(master) }
        let path = String(cString: name)
        let slave = open(path, O_RDWR | O_NOCTTY)
        var t = termios()
        tcgetattr(slave, &t)
        cfmakeraw(&t)
        tcsetattr(slave, TCSANOW, &t)
        let scanner = source(path)
        defer { scanner.stop(); close(slave) }
        try await Task.sleep(for: .milliseconds(200))
        let bytes = payload()
        var it = scanner.events.makeAsyncIterator()
        var latencies: [Double] = []
        for _ in 0..<rounds {
            // All but the last byte first, so the clock starts at the last one, as the goal defines.
            _ = bytes.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count - lastChunk(kind)) }
            try await Task.sleep(for: .microseconds(300))
            let start = ScanClock.now()
            _ = bytes.withUnsafeBufferPointer { write(master, $0.baseAddress! + $0.count - lastChunk(kind), lastChunk(kind)) }
            guard let event = await it.next() else { throw POSIXError(.EIO) }
            await consume(event)
            latencies.append((ScanClock.now() - start) * 1000)
        }
        return latencies.sorted()
    }

    /// The last "byte" of a wedge scan is the Enter key's press event (3 structs: MSC, KEY, SYN).
    static func lastChunk(_ kind: String) -> Int { kind == "evdev" ? 3 * MemoryLayout<input_event>.size * 2 : 1 }

    static func keyEvents(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        func key(_ code: UInt16, _ value: Int32) {
            for (type, c, v) in [(Int32(EV_MSC), UInt16(MSC_SCAN), 458_752 + Int32(code)), (EV_KEY, code, value), (EV_SYN, 0, 0)] {
                var e = input_event()
                e.type = UInt16(type)
                e.code = c
                e.value = v
                withUnsafeBytes(of: &e) { bytes += $0 }
            }
        }
        let layout = KeyboardLayout.us
        for scalar in text.unicodeScalars {
            if scalar == "\u{1D}" { key(29, 1); key(27, 1); key(27, 0); key(29, 0); continue }
            for code in UInt16(1)...UInt16(120) {
                guard let k = layout.key(code) else { continue }
                if k.base == scalar { key(code, 1); key(code, 0); break }
                if k.shift == scalar { key(42, 1); key(code, 1); key(code, 0); key(42, 0); break }
            }
        }
        key(28, 1)  // Enter press ends the scan …
        key(28, 0)  // … and its release follows
        return bytes
    }
}
