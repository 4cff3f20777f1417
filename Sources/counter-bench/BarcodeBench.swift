import Counter
import Foundation

/// Scan interpretation throughput over a mix of real-world scans, and key computation for hotlist imports.
enum BarcodeBench {
    static let scans: [[UInt8]] = [
        "]E05901234123457", "356938035643809", "]C101095011010209171719050810ABCD1234\u{1D}21SER-9",
        "]Q1https://id.gs1.org/01/09520123456788/10/ABC/21/12345", "SN-77/ABC-1234", "WTU123456789X",
        "3569380356438012", "]C1010950110153000321SERIALNUMBER17261231",
    ].map { Array($0.utf8) }

    static func run() -> [BenchResult] {
        let interpreter = ScanInterpreter()
        var kinds = 0
        let rounds = 20_000
        let start = ContinuousClock.now
        for _ in 0..<rounds { for scan in scans { kinds &+= interpreter.decode(scan).kind.rawValue.count } }
        let decodeSeconds = (ContinuousClock.now - start).seconds
        let serials = (0..<200_000).map { "SN-\($0)/ab" }
        let keyStart = ContinuousClock.now
        var total = 0
        for s in serials { total &+= SerialKey.loose(s).utf8.count }
        let keySeconds = (ContinuousClock.now - keyStart).seconds
        return [
            BenchResult(name: "Scan decode throughput (mixed scans)", value: Double(rounds * scans.count) / decodeSeconds,
                        unit: "scans/s", goal: nil, note: "mean per scan \(BenchReport.format(decodeSeconds / Double(rounds * scans.count) * 1e6)) µs; checksum \(kinds % 10)"),
            BenchResult(name: "Serial keys (exact + loose), ASCII", value: Double(serials.count) / keySeconds, unit: "keys/s",
                        goal: "≥ 170 000/s (10 M rows in 60 s)", note: "checksum \(total % 10)"),
        ]
    }
}
