import Counter
import Foundation

// Child mode for the hotlist benchmark: open a list, look up, report this process's resident memory.
if CommandLine.arguments.count == 3 && CommandLine.arguments[1] == "--rss-probe" {
    let checker = StolenGoodsChecker(hotlistFolder: CommandLine.arguments[2], remote: nil)
    var hits = 0
    for i in 0..<100_000 where checker.quickCheck(serial: "SN\(i * 7919 % 100_000_019)X\(i % 97)").status == .hit { hits += 1 }
    print(String(format: "%.1f %d", HotlistBench.residentMB(), hits))
    exit(0)
}

// counter-bench [--output docs/benchmarks.md] [--only NAME]
// Runs every benchmark in release mode and writes the results with the machine and date.
var output: String?
var only: String?
var args = CommandLine.arguments.dropFirst().makeIterator()
while let arg = args.next() {
    switch arg {
    case "--output": output = args.next()
    case "--only": only = args.next()?.lowercased()
    default:
        FileHandle.standardError.write(Data("usage: counter-bench [--output FILE] [--only store|search|idscan|chip|barcodes|scanners|hotlist|upload|postgres]\n".utf8))
        exit(2)
    }
}

var sections: [(String, [BenchResult])] = []
@MainActor func section(_ key: String, _ title: String, _ body: () async throws -> [BenchResult]) async {
    guard only == nil || only == key else { return }
    print("== \(title)")
    do {
        let results = try await body()
        for r in results { print("  \(r.name): \(BenchReport.format(r.value)) \(r.unit)\(r.goal.map { "  (goal \($0))" } ?? "")") }
        sections.append((title, results))
    } catch {
        print("  FAILED: \(error)")
        sections.append((title, [BenchResult(name: "failed", value: 0, unit: "", goal: nil, note: "\(error)")]))
    }
}

await section("store", "Register store") { try StoreBench.run() + RetentionBench.run() }
await section("search", "Register search and verify (1 M entries)") {
    try SearchBench.run(entries: ProcessInfo.processInfo.environment["SEARCH_BENCH_ENTRIES"].flatMap(Int.init) ?? 1_000_000,
                        keep: ProcessInfo.processInfo.environment["SEARCH_BENCH_FOLDER"])
}
await section("idscan", "IDScan (MRZ parsing)") { try IDScanBench.run() }
await section("chip", "Identity document chip (issue 17)") { try await ChipBench.run() }
await section("barcodes", "Barcodes (scan interpretation)") { BarcodeBench.run() + HostileScanBench.run() }
await section("scanners", "Scanners (device to decoded scan)") { try await ScannerBench.run() }
await section("hotlist", "Stolen-goods hotlist (10 M rows)") { try await HotlistBench.run() }
await section("upload", "Register upload (10 000 entries to the simulator)") { try await UploadBench.run() }
await section("postgres", "Several tills and branches on PostgreSQL") { try await PostgresBench.run() }

let report = BenchReport.markdown(sections)
if let output {
    try BenchReport.write(report, to: output)
    print("written to \(output)")
} else {
    print(report)
}
