import Counter
import Foundation

/// Issue 12: the worst-case time for one scan of up to 8 KB through the whole routing path (safety rule,
/// AIM, GS1 element strings, Digital Link, the BSN and MRZ rules; the document reader's assembler for
/// reader input). Inputs are the shapes that were slow or could be: the crafted GS1 string that froze
/// scanning for a minute, long variable-length AIs, separators, percent-escapes, MRZ fillers, BSN-like
/// digits, random bytes.
enum HostileScanBench {
    static let limit = 8192

    static func inputs() -> [(String, [UInt8], ScanOrigin)] {
        let barcode = ScanOrigin(device: "bench", kind: .barcode)
        let reader = ScanOrigin(device: "bench-reader", kind: .documentReader, profile: "access-is", isStream: true)
        func fill(_ prefix: String, _ unit: String, _ suffix: String = "") -> [UInt8] {
            var s = prefix
            while s.utf8.count + unit.utf8.count + suffix.utf8.count <= limit { s += unit }
            return Array((s + suffix).utf8)
        }
        var seeded = SplitMix(seed: 12)
        let randomBytes = (0..<limit).map { _ in UInt8.random(in: 0...255, using: &seeded) }
        let randomPrintable = (0..<limit).map { _ in UInt8.random(in: 0x20...0x7E, using: &seeded) }
        return [
            ("GS1: the crafted repeat that froze scanning", fill("]C101087123456789012", "1719123110A", "BC123"), barcode),
            ("GS1: one long variable AI", fill("]C110", "A"), barcode),
            ("GS1: separators between short AIs", fill("]C1", "21X\u{1D}"), barcode),
            ("GS1: digits only", fill("]C1", "0123456789"), barcode),
            ("Digital Link: many path pairs", fill("https://id.gs1.org/01/09520123456788", "/10/A"), barcode),
            ("Digital Link: long query", fill("https://id.gs1.org/01/09520123456788?", "17=261231&"), barcode),
            ("Digital Link: percent escapes", fill("https://id.gs1.org/01/09520123456788/21/", "%41"), barcode),
            ("MRZ fillers", fill("P<UTO", "<"), barcode),
            ("BSN-like digits", fill("", "999999990|"), barcode),
            ("QR with BSN fields", fill("]Q1", "NLD|999999990|"), barcode),
            ("random bytes", randomBytes, barcode),
            ("random printable", randomPrintable, barcode),
            ("reader: frame of garbage", [0x1C, 0x02] + Array(randomPrintable.prefix(limit - 4)) + [0x03, 0x1D], reader),
            ("reader: endless line", fill("", "I<UTOD23145890<7349<<<<<<<<<<<"), reader),
        ]
    }

    static func run() -> [BenchResult] {
        var worst = (name: "", seconds: 0.0)
        var slowestRun = 0.0
        for (name, bytes, origin) in inputs() {
            precondition(bytes.count <= limit)
            var runs: [Double] = []
            for _ in 0..<41 {
                var router = ScanRouter()
                let start = ContinuousClock.now
                _ = router.route(bytes, from: origin, at: 1)
                _ = router.flush(at: 100)
                runs.append((ContinuousClock.now - start).seconds)
            }
            runs.sort()
            let median = runs[runs.count / 2]
            slowestRun = max(slowestRun, runs.last!)
            if median > worst.seconds { worst = (name, median) }
        }
        return [
            BenchResult(name: "Worst-case scan decode, any input ≤ 8 KB", value: worst.seconds * 1000, unit: "ms",
                        goal: "≤ 1 ms", note: "slowest shape: \(worst.name) (median of 41); slowest single run "
                            + "\(BenchReport.format(slowestRun * 1000)) ms; \(inputs().count) hostile shapes, whole routing path"),
        ]
    }
}

/// A small seeded generator, so the random inputs are the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
