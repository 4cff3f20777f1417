import Foundation

/// Writes the results as a Markdown section of docs/benchmarks.md, with the machine and the date.
enum BenchReport {
    static let startMarker = "<!-- bench:start -->"
    static let endMarker = "<!-- bench:end -->"

    static func markdown(_ sections: [(String, [BenchResult])], date: Date = Date()) -> String {
        var out = "\(startMarker)\n## Latest `make bench` run\n\n"
        out += "- Date: \(ISO8601DateFormatter().string(from: date))\n"
        out += "- Machine: \(machine())\n- Build: release (`swift build -c release`)\n\n"
        for (title, results) in sections {
            out += "### \(title)\n\n| measure | value | goal | note |\n|---|---|---|---|\n"
            for r in results {
                out += "| \(r.name) | \(format(r.value)) \(r.unit) | \(r.goal ?? "") | \(r.note ?? "") |\n"
            }
            out += "\n"
        }
        return out + endMarker + "\n"
    }

    /// Replaces the bench section of `path` (keeping other sections, such as fuzzing), or creates the file.
    static func write(_ section: String, to path: String) throws {
        var text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "# Benchmarks\n\nWritten by `make bench` and `make fuzz`; numbers from the machine named in each section.\n\n"
        if let start = text.range(of: startMarker), let end = text.range(of: endMarker), start.lowerBound < end.upperBound {
            var upper = end.upperBound
            if upper < text.endIndex, text[upper] == "\n" { upper = text.index(after: upper) }
            text.replaceSubrange(start.lowerBound..<upper, with: section)
        } else {
            text += "\n" + section
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func format(_ v: Double) -> String {
        if v >= 1000 { return String(format: "%.0f", v) }
        if v >= 10 { return String(format: "%.1f", v) }
        return String(format: "%.3f", v)
    }

    static func machine() -> String {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" } ?? "unknown CPU"
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let memGiB = Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824
        var uts = utsname()
        uname(&uts)
        let kernel = withUnsafeBytes(of: &uts.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return "\(model), \(cores) cores, \(String(format: "%.0f", memGiB)) GiB RAM, Linux \(kernel)"
    }
}
