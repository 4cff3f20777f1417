import ArgumentParser
import Counter
import Foundation

/// `log`: the daily intake log for owners.
struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Show one day's intake log with totals per clerk.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var databaseOptions: DatabaseOptions

    @Option(help: ArgumentHelp("The day to show, YYYY-MM-DD (default: today).", valueName: "date"))
    var date: String?

    @Option(help: "Output format.")
    var format: Format = .table

    func validate() throws {
        if let date, CalendarDate(iso: date) == nil {
            throw ValidationError("--date must be a real date written as YYYY-MM-DD, got '\(date)'")
        }
    }

    func run() async throws {
        let day = date.flatMap(CalendarDate.init(iso:)) ?? CalendarDate(Date())
        // The data folder's register, or the branch's on PostgreSQL (--database or database.url).
        let log = try await databaseOptions.withRegister(dataOptions) { _, store in try await DailyLog.of(day, in: store) }
        switch format {
        case .table: print(log.table(), terminator: "")
        case .csv: print(log.csv(), terminator: "")
        case .json: print(log.json(), terminator: "")
        }
    }
}
