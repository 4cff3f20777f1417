import Counter
import Foundation

/// The local hotlist at full size: 10 M rows imported from CSV, then lookups and the memory they cost.
enum HotlistBench {
    static func run(rows: Int = 10_000_000) async throws -> [BenchResult] {
        let dir = NSTemporaryDirectory() + "counter-bench-hotlist-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let feed = dir + "/feed.csv"
        _ = FileManager.default.createFile(atPath: feed, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: feed))
        try handle.write(contentsOf: Data("serial,brand,model,object,reportedOn,source\n".utf8))
        var chunk = ""
        for i in 0..<rows {
            chunk += "SN\(i * 7919 % 100_000_019)X\(i % 97),Brand\(i % 50),Model \(i % 1000),TELEFOON,2026-01-01,politie\n"
            if i % 100_000 == 99_999 { try handle.write(contentsOf: Data(chunk.utf8)); chunk = "" }
        }
        try handle.write(contentsOf: Data(chunk.utf8))
        try handle.close()

        let rssBefore = residentMB()
        let start = ContinuousClock.now
        let summary = try HotlistImporter.importFeed(feed, into: dir + "/hotlist.bin")
        let importSeconds = (ContinuousClock.now - start).seconds
        let checker = StolenGoodsChecker(hotlist: try Hotlist(path: dir + "/hotlist.bin"), remote: nil)
        _ = rssBefore
        // Lookups: half present, half absent, random.
        var rng = SystemRandomNumberGenerator()
        var samples: [Double] = []
        var hits = 0
        for n in 0..<200_000 {
            let i = Int.random(in: 0..<rows, using: &rng)
            let serial = n % 2 == 0 ? "SN\(i * 7919 % 100_000_019)X\(i % 97)" : "ZZ\(i)Q"
            let t0 = ContinuousClock.now
            if checker.quickCheck(serial: serial).status == .hit { hits += 1 }
            samples.append((ContinuousClock.now - t0).seconds * 1e6)
        }
        samples.sort()
        // Issue 5's goal: the last byte of a scan of a listed serial on a pty → the check result, with 10 M keys.
        let listed = 4_242_424
        let stolen = "SN\(listed * 7919 % 100_000_019)X\(listed % 97)"
        let interpreter = ScanInterpreter()
        var scanHits = 0
        let scanToResult = try await ScannerBench.measure(
            kind: "serial", source: { SerialScanner(path: $0, gap: 1) }, payload: { Array((stolen + "\r").utf8) }
        ) { event in
            let scan = interpreter.decode(event.bytes)
            if await checker.check(serial: scan.serialCandidate ?? "").status == .hit { scanHits += 1 }
        }
        // A fresh process that only opens the list and looks up, as the kiosk does.
        try FileManager.default.createDirectory(atPath: dir + "/probe", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: dir + "/hotlist.bin", toPath: dir + "/probe/hotlist.bin")
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        probe.arguments = ["--rss-probe", dir + "/probe"]
        let pipe = Pipe()
        probe.standardOutput = pipe
        try probe.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        probe.waitUntilExit()
        let probeRSS = Double(output.split(separator: " ").first ?? "") ?? -1
        return [
            BenchResult(name: "RSS of a process holding the 10 M-row list after 100 000 lookups", value: probeRSS, unit: "MB",
                        goal: "≤ 60 MB (kiosk total, issue 6)", note: "fences in memory, index blocks and rows read with pread"),
            BenchResult(name: "Hotlist import \(summary.rows) rows (CSV)", value: importSeconds, unit: "s", goal: "≤ 60 s",
                        note: "\(summary.skipped) skipped"),
            BenchResult(name: "Hotlist lookup p50", value: samples[samples.count / 2], unit: "µs", goal: nil, note: "\(hits) hits of 100 000 present"),
            BenchResult(name: "Hotlist lookup p99", value: samples[samples.count * 99 / 100], unit: "µs", goal: "≤ 50 µs", note: nil),
            BenchResult(name: "Serial scan of a listed item: last pty byte → check result p99", value: scanToResult[scanToResult.count * 99 / 100],
                        unit: "ms", goal: "≤ 20 ms",
                        note: "p50 \(BenchReport.format(scanToResult[scanToResult.count / 2])) ms, \(scanHits) hits of \(scanToResult.count) scans, 10 M keys"),
        ]
    }

    /// VmRSS of this process in MB.
    static func residentMB() -> Double {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
    }
}
