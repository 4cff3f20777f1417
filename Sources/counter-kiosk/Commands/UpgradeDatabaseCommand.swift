import ArgumentParser
import Counter
import Foundation
import Logging

/// `upgrade-database`: brings the register's PostgreSQL database to this version's schema (after installing a
/// new release), as the tables' owner. Tills refuse a database that is behind, and an older Counter refuses one
/// that is ahead.
struct UpgradeDatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade-database",
        abstract: "Upgrade the register's PostgreSQL database to this version's schema (run as the tables' owner).",
        discussion: """
            Run it once after installing a new release on the tills, before they start: each version of the schema is \
            applied in its own transaction, and running it again changes nothing. A database that a newer version of \
            Counter upgraded already is refused: a register never goes back to an older format.
            """)

    @OptionGroup var serverOptions: ServerOptions

    func run() async throws {
        let (location, password) = try serverOptions.location()
        let logger = {
            var logger = Logger(label: "counter-kiosk.upgrade-database")
            logger.logLevel = .warning
            return logger
        }()
        do {
            let (before, after) = try await location.withClient(password: password, logger: logger) { client in
                let before = try await PostgresRegisterStore.schemaVersion(client, logger: logger)
                try await PostgresRegisterStore.migrate(client, logger: logger)
                return (before.found, try await PostgresRegisterStore.schemaVersion(client, logger: logger).found)
            }
            print(before == after ? "The database is at schema version \(after) already: nothing to do."
                  : "Upgraded the database from schema version \(before) to \(after).")
        } catch let error as RegisterStoreError {
            throw CLIError(error.description)
        }
    }
}
