import ArgumentParser
import Counter
import Foundation
import Logging

/// `branches`: a chain's head office over all its branches on PostgreSQL (issue 15).
struct BranchesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "branches",
        abstract: "Every branch on the register's PostgreSQL server: entries, today's, uploads waiting or refused, open alerts.",
        discussion: """
            For a chain's owner or head office: connect with a login in the role counter_head_office, which reads \
            every branch and writes nothing. --find IDENTIFIER lists where a serial, IMEI or frame number was \
            bought, in every branch. No seller's details are shown.
            """)

    @OptionGroup var serverOptions: ServerOptions

    @Option(help: ArgumentHelp("Only this tenant's (chain's) branches.", valueName: "id"))
    var tenant: String?

    @Option(help: ArgumentHelp("The day to count entries of (dd-mm-jjjj or YYYY-MM-DD); default the shop's today.",
                               valueName: "day"))
    var day: String?

    @Option(help: ArgumentHelp("Find an item by its identifier in every branch instead.", valueName: "identifier"))
    var find: String?

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let (location, password) = try serverOptions.location()
        let day = try day.flatMap { try DateOption.read($0, option: "day") } ?? CalendarDate(Date())
        let logger = {
            var logger = Logger(label: "counter-kiosk.head-office")
            logger.logLevel = .warning
            return logger
        }()
        let (tenant, find, json) = (tenant, find, json)
        let output: String
        do {
            output = try await location.withClient(password: password, logger: logger) { client in
                let office = HeadOffice(client: client, logger: logger)
                if let find {
                    let found = try await office.find(identifier: find)
                    if json { return try Self.json(found) }
                    if found.isEmpty { return "\(find): not in any branch's register." }
                    return found.map { item in
                        "\(item.day)  \(item.branchID)  entry \(item.entryNumber)  item \(item.itemID)  \(item.category)"
                            + (item.holdUntil.map { "  kept until \($0)" } ?? "")
                    }.joined(separator: "\n")
                }
                let branches = try await office.branches(tenant: tenant, day: day)
                if json { return try Self.json(branches) }
                let header = "branch                 entries  on \(day.iso)  uploads waiting  refused  open alerts  name"
                return ([header] + branches.map { b in
                    [b.branchID.padding(toLength: 21, withPad: " ", startingAt: 0), String(format: "%9d", b.entries),
                     String(format: "%16d", b.entriesOnDay), String(format: "%16d", b.uploadsWaiting),
                     String(format: "%8d", b.uploadsRejected), String(format: "%12d", b.openAlerts),
                     " \(b.name) (\(b.municipality))"].joined(separator: " ")
                }).joined(separator: "\n")
            }
        } catch let error as RegisterStoreError {
            throw CLIError(error.description)
        }
        print(output)
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
