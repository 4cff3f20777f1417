import Foundation
import IDScan

/// Parse time per document for each format, and the same documents through PyPI `mrz`'s checker.
enum IDScanBench {
    /// One valid document per format (ICAO specimen data where ICAO gives it).
    static let documents: [(MRZFormat, [String])] = [
        (.td1, ["I<UTOD23145890<7349<<<<<<<<<<<", "3407127M9507122UTO<<<<<<<<<<<2", "STEVENSON<<PETER<JOHN<<<<<<<<<"]),
        (.td2, ["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"]),
        (.td3, ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]),
        (.mrvA, ["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L8988901C4XXX4009078F96121096ZE184226B<<<<<<"]),
        (.mrvB, ["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "L8988901C4XXX4009078F96121096ZE184<<"]),
        (.frenchID, ["IDFRADUPONT<<<<<<<<<<<<<<<<<<<075123", "8806923102858JEAN<<PIERRE<<8501019M0"]),
        (.euDrivingLicence, ["D1NLD15123456789ABCDEFGHJKLMN1"]),
        (.frenchDrivingLicence, ["D1FRA13AA000026181231MARTIN<<9"]),
    ]

    static func run() throws -> [BenchResult] {
        var results: [BenchResult] = []
        var medians: [MRZFormat: Double] = [:]
        for (format, lines) in documents {
            let check = MRZParser.parse(lines: lines, today: (2026, 11, 22))
            guard check.isValid else { throw BenchError("\(format.rawValue) bench document does not parse: \(check.errors)") }
            var samples: [Double] = []
            for _ in 0..<200 {
                let start = ContinuousClock.now
                for _ in 0..<100 { _ = MRZParser.parse(lines: lines, today: (2026, 11, 22)) }
                samples.append((ContinuousClock.now - start).seconds / 100 * 1e6)
            }
            samples.sort()
            medians[format] = samples[samples.count / 2]
            results.append(BenchResult(name: "IDScan parse \(format.rawValue), median", value: samples[samples.count / 2],
                                       unit: "µs", goal: format == .td3 ? "≤ 5 µs" : nil,
                                       note: "p99 \(BenchReport.format(samples[samples.count * 99 / 100])) µs"))
        }
        if let python = pythonMRZ() {
            for (format, micros) in python {
                guard let ours = medians[format] else { continue }
                results.append(BenchResult(
                    name: "PyPI mrz checker \(format.rawValue), median", value: micros, unit: "µs", goal: nil,
                    note: "IDScan is \(BenchReport.format(micros / ours))× faster (IDScan also repairs and redacts)"))
            }
        } else {
            results.append(BenchResult(name: "PyPI mrz comparison", value: 0, unit: "", goal: nil,
                                       note: "skipped: .venv-bench/bin/python with PyPI mrz not found"))
        }
        return results
    }

    /// Runs scripts/bench-mrz-python.py on the same documents; nil when the venv is missing.
    static func pythonMRZ() -> [MRZFormat: Double]? {
        let python = ".venv-bench/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else { return nil }
        let input = documents.filter { [.td1, .td2, .td3, .mrvA, .mrvB].contains($0.0) }
            .map { "\($0.0.rawValue)\t\($0.1.joined(separator: "\\n"))" }.joined(separator: "\n")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["scripts/bench-mrz-python.py"]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        do { try process.run() } catch { return nil }
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try? stdin.fileHandleForWriting.close()
        let out = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        var result: [MRZFormat: Double] = [:]
        for line in out.split(separator: "\n") {
            let parts = line.split(separator: "\t")
            if parts.count == 2, let format = MRZFormat(rawValue: String(parts[0])), let v = Double(parts[1]) { result[format] = v }
        }
        return result.isEmpty ? nil : result
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
