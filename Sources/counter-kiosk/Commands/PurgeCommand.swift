import ArgumentParser
import Counter
import Foundation

/// `purge`: the retention job now (the kiosk runs it once a day by itself).
struct PurgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Erase the seller identities and photos past retention (retention.identityYears) now.",
        discussion: """
            The running kiosk does this once a day by itself; this runs the same job now. Entries with an item \
            under an open police flag, hold order or information request keep their identity until that is \
            closed. The bookkeeping (number, date, price, items, checks) stays, and `verify` still passes: it \
            shows "gewist op DATUM" where the seller was. --dry-run only shows what would go.
            """)

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var databaseOptions: DatabaseOptions

    @Flag(help: "Show what would be erased; change nothing.")
    var dryRun = false

    func run() async throws {
        let now = Date()
        let today = CalendarDate(now)
        let (dryRun, photosPath) = (dryRun, dataOptions.folder.photosPath)
        // The data folder's register with its photos, or the branch's on PostgreSQL (--database or database.url).
        let (config, report) = try await databaseOptions.withRegister(dataOptions) { config, store in
            do {
                let report = dryRun ? try await store.purgePlan(today: today)
                    : try await store.purge(today: today, at: now, actor: "cli:\(NSUserName())",
                                            photos: PhotoStore(folder: photosPath, limits: config.photos))
                return (config, report)
            } catch let error as RegisterStoreError {
                throw CLIError(error.description)
            }
        }
        let retention = config.retention
        print("Retention: identity \(retention.identityYears) years, bookkeeping \(retention.bookkeepingYears) years (config.json \"retention\").")
        let verb = dryRun ? "Would erase" : "Erased"
        if report.erased.isEmpty {
            print("\(dryRun ? "Nothing would be erased" : "Nothing to erase") today (\(today.iso)).")
        } else {
            print("\(verb) the seller's identity of \(report.erased.count) entr\(report.erased.count == 1 ? "y" : "ies"): \(PurgeReport.ranges(report.erased)).")
            print("\(dryRun ? "Photos that would be removed" : "Photos removed"): \(report.photos.count).")
        }
        for kept in report.kept {
            print("Kept for the police: entry \(kept.entryNumber) (item \(kept.itemID ?? "?"): \(Self.reason(kept.reason))).")
        }
        if report.pastBookkeeping > 0 {
            print("Past the bookkeeping duty (\(retention.bookkeepingYears) years): \(report.pastBookkeeping) entries; kept, so the register stays whole.")
        }
        if let event = report.event { print("Recorded as register event \(event.content.sequence).") }
    }

    static func reason(_ code: String) -> String {
        switch code {
        case "policeFlag": "open police flag"
        case "holdOrder": "police hold order"
        case "informationRequest": "open information request"
        default: code
        }
    }
}
