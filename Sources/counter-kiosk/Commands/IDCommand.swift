import ArgumentParser
import Foundation
import IDScan

/// `id`: identity documents.
struct IDCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "id", abstract: "Read identity documents (MRZ, chip).",
        subcommands: [IDParseCommand.self, IDChipCommand.self, IDMasterListCommand.self])
}

/// `id parse`: one document's MRZ on standard input → fields, checks, repairs.
struct IDParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse one document's MRZ (typed lines or a raw reader frame) from standard input.",
        discussion: "Exit code 0: valid; 1: parsed but invalid; 2: unreadable. The BSN of Dutch documents is removed.")

    @Flag(help: "Print one JSON object instead of a summary.")
    var json = false

    @Option(help: ArgumentHelp("The day to judge expiry and age against, YYYY-MM-DD (default: today).", valueName: "date"))
    var today: String?

    func validate() throws {
        if let today, Self.day(today) == nil { throw ValidationError("--today must be a date written as YYYY-MM-DD") }
    }

    static func day(_ s: String) -> MRZParser.Today? {
        let p = s.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3, s.count == 10, (1...12).contains(p[1]), (1...31).contains(p[2]) else { return nil }
        return (p[0], p[1], p[2])
    }

    /// Today in the Netherlands.
    static func today() -> MRZParser.Today {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam")!
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return (c.year!, c.month!, c.day!)
    }

    func run() throws {
        let input = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        let day = today.flatMap(Self.day) ?? Self.today()
        let result = MRZParser.parse(lines: MRZNormalizer.lines(from: input), today: day)
        if json {
            FileHandle.standardOutput.write(result.jsonData() + Data("\n".utf8))
        } else {
            print(result.description)
        }
        if result.format == nil { throw ExitCode(2) }
        if !result.isValid { throw ExitCode(1) }
    }
}
