import Foundation
import Glibc
import IDScan

/// The chip check (issue 17): passive authentication of a document, and a whole read (PACE on
/// brainpoolP256r1, secure messaging, COM, DG1, DG2, SOD) to its verdict against the emulated passport of
/// Tests/chip. The bench speaks vpcd's wire protocol to the card itself (2-byte length, payload), so it needs
/// neither root nor pcscd; the chip tests read the same card through pcscd.
enum ChipBench {
    static func run() async throws -> [BenchResult] {
        let python = ".venv-chip/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            return [BenchResult(name: "chip", value: 0, unit: "", goal: nil,
                                note: "skipped: .venv-chip (cryptography, pycryptodomex) missing: run scripts/test-chip.sh once")]
        }
        let folder = NSTemporaryDirectory() + "counter-chip-bench-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try runChecked(python, ["Tests/chip/make_document.py", folder])
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/good.json"))) as! [String: Any]
        let files = document["files"] as! [String: String]
        let printed = MRZParser.parse(lines: document["printedMRZ"] as! [String], today: (2026, 12, 7))
        let csca = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/csca.der")))
        let read = ChipReader.Files(access: .bac, com: nil, dg1: hex(files["0101"]!), dg2: hex(files["0102"]!), dg11: nil,
                                    dg14: nil, dg15: nil, sod: hex(files["011D"]!))

        var results: [BenchResult] = []
        var samples: [Double] = []
        for _ in 0..<200 {
            let start = ContinuousClock.now
            let verdict = ChipDocument(read, printed: printed, trusted: [csca], today: (2026, 12, 7)).verdict
            samples.append((ContinuousClock.now - start).seconds * 1e3)
            guard verdict == .genuine else { throw BenchError("passive authentication bench: \(verdict)") }
        }
        samples.sort()
        results.append(BenchResult(name: "Passive authentication (SOD signature brainpoolP256r1, DS chain, DG1+DG2 hashes), median",
                                   value: samples[samples.count / 2], unit: "ms", goal: nil,
                                   note: "p99 \(BenchReport.format(samples[samples.count * 99 / 100])) ms"))

        var reads: [Double] = []
        for _ in 0..<5 {
            let card = try EmulatedCard(python: python, document: folder + "/good.json")
            defer { card.stop() }
            let start = ContinuousClock.now
            let files = try await ChipReader(transport: card).read(mrzInformation: BAC.mrzInformation(
                documentNumber: printed.fields.documentNumber!, birthDate: printed.fields.birthDate!.raw,
                expiryDate: printed.fields.expiryDate!.raw))
            let verdict = ChipDocument(files, printed: printed, trusted: [csca], today: (2026, 12, 7)).verdict
            reads.append((ContinuousClock.now - start).seconds)
            guard verdict == .genuine else { throw BenchError("chip read bench: \(verdict)") }
        }
        reads.sort()
        results.append(BenchResult(name: "Chip read to verdict (PACE ECDH-GM brainpoolP256r1 + SM + COM, DG1, DG2, SOD), median",
                                   value: reads[reads.count / 2], unit: "s", goal: "≤ 3 s",
                                   note: "max \(BenchReport.format(reads.last!)) s over \(reads.count) reads, the emulated passport spoken to over vpcd's wire protocol (no pcscd)"))
        return results
    }

    static func hex(_ text: String) -> [UInt8] {
        let digits = Array(text.utf8)
        return stride(from: 0, to: digits.count - 1, by: 2).map { UInt8(String(decoding: digits[$0...($0 + 1)], as: UTF8.self), radix: 16)! }
    }

    static func runChecked(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchError("\(arguments.first ?? executable) failed") }
    }
}

/// The emulated passport on a loopback socket, spoken to as vpcd would: the bench listens, the card connects.
final class EmulatedCard: ChipTransport, @unchecked Sendable {
    // Used by one read at a time.
    private let process = Process()
    private var connection: Int32 = -1
    private let listener: Int32

    init(python: String, document: String) throws {
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) } }
        listen(listener, 1)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        let port = Int(UInt16(bigEndian: address.sin_port))
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["passport_card.py", "--port", String(port), "--once", document]
        process.currentDirectoryURL = URL(fileURLWithPath: "Tests/chip")
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        connection = accept(listener, nil, nil)
        guard connection >= 0 else { throw BenchError("the emulated card did not connect") }
        try send([0x01])   // power on
    }

    func stop() {
        close(connection)
        close(listener)
        process.terminate()
    }

    private func send(_ payload: [UInt8]) throws {
        let frame = [UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)] + payload
        guard write(connection, frame, frame.count) == frame.count else { throw BenchError("card write failed") }
    }

    private func receive(_ count: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = out[done...].withUnsafeMutableBytes { read(connection, $0.baseAddress, count - done) }
            guard n > 0 else { throw BenchError("card read failed") }
            done += n
        }
        return out
    }

    func transmit(_ command: [UInt8]) async throws -> [UInt8] {
        try send(command)
        let header = try receive(2)
        return try receive(Int(header[0]) << 8 | Int(header[1]))
    }
}
