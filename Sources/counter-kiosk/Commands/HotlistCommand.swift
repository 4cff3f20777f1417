import ArgumentParser
import Counter
import Foundation

/// `hotlist`: the local stolen-goods list.
struct HotlistCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hotlist", abstract: "Manage the local stolen-goods list.", subcommands: [HotlistImportCommand.self])
}

/// `hotlist import FILE [--delta]`.
struct HotlistImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a stolen-goods feed (CSV with a `serial` column, or JSON Lines).",
        discussion: """
            Optional columns: brand, model, object, reportedOn, source. The new list replaces the old one only when \
            complete. With --delta, an `op` column (add/remove) updates the current list. Afterwards every item still \
            in its holding period is checked again; new matches raise an owner alert.
            """)

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var databaseOptions: DatabaseOptions

    @Argument(help: "The feed file.")
    var file: String

    @Flag(help: "Apply the feed as additions and removals to the current list.")
    var delta = false

    func run() async throws {
        let folder = dataOptions.folder.hotlistPath
        let terminal = isatty(STDERR_FILENO) == 1
        let started = Date()
        var lastShown = -1
        let summary: HotlistImporter.Summary
        do {
            summary = try HotlistImporter.importFeed(file, into: folder + "/hotlist.bin", delta: delta) { fraction in
                guard terminal else { return }
                let percent = Int(fraction * 100)
                guard percent != lastShown else { return }
                lastShown = percent
                let bar = String(repeating: "█", count: percent / 4) + String(repeating: "░", count: 25 - percent / 4)
                FileHandle.standardError.write(Data("\r\(bar) \(percent)%".utf8))
            }
        } catch {
            if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
            throw CLIError(error.description)
        }
        if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
        let seconds = Date().timeIntervalSince(started)
        print("Hotlist: \(summary.rows) rows (\(summary.added) added, \(summary.removed) removed, \(summary.skipped) skipped) in \(String(format: "%.1f", seconds)) s")
        for example in summary.skippedExamples { print("  skipped \(example)") }
        let rows = summary.rows
        try await databaseOptions.withRegister(dataOptions) { _, store in
            // On PostgreSQL the list is the branch's: every kiosk process of the branch takes it within a second.
            if let branch = store as? PostgresRegisterStore {
                guard let content = FileManager.default.contents(atPath: folder + "/hotlist.bin") else {
                    throw CLIError("The new list \(folder)/hotlist.bin cannot be read back.")
                }
                try await branch.storeHotlist(content, rows: rows, by: "cli " + (ProcessInfo.processInfo.environment["USER"] ?? "?"),
                                              at: Date())
                print("Stored for every till of branch \(branch.branchID).")
            }
            let checker = StolenGoodsChecker(hotlistFolder: folder, remote: nil)
            let late = try await LateHits.scan(store: store, checker: checker)
            if late > 0 { print("ALERT: \(late) item(s) in their holding period now match the list: see the owner's alerts.") }
        }
    }
}
