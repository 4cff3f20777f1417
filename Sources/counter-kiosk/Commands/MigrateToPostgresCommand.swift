import ArgumentParser
import Counter
import Foundation
import Logging

/// `migrate-to-postgres`: a shop's embedded register moved to its branch on a PostgreSQL server, for several
/// tills or a chain (issue 15).
struct MigrateToPostgresCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-to-postgres",
        abstract: "Copy the shop's register into its branch on a PostgreSQL server; verify both; refuse on any mismatch.",
        discussion: """
            The database's tables, triggers and the roles counter_kiosk and counter_head_office are created or updated \
            first (connect as the account that owns the database), then the branch from config.json (KvK number and \
            vestigingsnummer), then every entry with its identity, items, checks, intake keys, upload jobs and audit \
            events, in one transaction. It commits only when the copy verifies and ends on the same entry and hash as \
            the original; otherwise nothing is written. The branch must be empty.

            Staff accounts, owner alerts and metal prices stay in the data folder. A register with sales, police orders \
            or register events is not moved yet: the PostgreSQL register cannot hold them.

            The password comes from --database-password-file (first line) or COUNTER_DATABASE_PASSWORD, never from the URL.
            """)

    @OptionGroup var dataOptions: DataOptions

    @OptionGroup var serverOptions: ServerOptions

    @Option(help: ArgumentHelp("The branch: KvK number/vestigingsnummer, as the shop's entries carry it.", valueName: "id"))
    var branch: String

    @Option(help: ArgumentHelp("The tenant (chain) the branch belongs to; default: the KvK number.", valueName: "id"))
    var tenant: String?

    @Option(help: ArgumentHelp("The tenant's name; default: the shop's name.", valueName: "name"))
    var tenantName: String?

    func run() async throws {
        let (config, store) = try dataOptions.open(embeddedOnly: false)
        guard branch == config.shop.shopID else {
            throw CLIError("--branch \(branch) is not this shop: its entries carry \(config.shop.shopID) (config.json).")
        }
        let (location, password) = try serverOptions.location()
        var logger = Logger(label: "counter.migrate")
        logger.logLevel = .warning
        let report: PostgresRegisterStore.ImportReport
        do {
            report = try await PostgresRegisterStore.migrate(
                store, photos: PhotoStore(folder: dataOptions.folder.photosPath, limits: config.photos), shop: config.shop,
                tenant: (tenant ?? config.shop.kvkNumber, tenantName ?? config.shop.name),
                to: location, password: password, logger: logger)
        } catch let refusal as PostgresRegisterStore.ImportRefusal {
            throw CLIError("Nothing was moved. \(refusal.description)")
        } catch let error as RegisterStoreError {
            throw CLIError("Nothing was moved. \(error.description)")
        }
        print("Moved \(report.entries) entries of branch \(branch) to \(location).")
        print("Both registers verify and end on entry \(report.entries), head hash \(report.headHash).")
        print("Also moved: \(report.checks) checks, \(report.policeFlagEvents) police flag events, \(report.intakeRequests) intake keys, "
              + "\(report.uploadJobs) upload jobs, \(report.auditEvents) audit events.")
        print("And the branch's \(report.staffAccounts) accounts (same PINs), \(report.alerts) owner alerts and "
              + "\(report.metalPrices) metal prices: every till of the branch shares them now.")
        print("And \(report.sales) sales, \(report.holdOrders) hold orders, \(report.policeNotices) police notices, "
              + "\(report.informationRequests) information requests, \(report.photos) photos.")
        if !report.photosMissing.isEmpty {
            printError("\(report.photosMissing.count) photo(s) named by entries were not in the data folder (or altered); "
                       + "they stay unreadable: \(report.photosMissing.map { String($0.prefix(12)) }.joined(separator: ", "))")
        }
    }
}
