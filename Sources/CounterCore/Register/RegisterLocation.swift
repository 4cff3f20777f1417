import Foundation
import Logging

/// Where a kiosk's or a command's register is kept (issue 15): the embedded SQLite file of the data folder
/// (the default: `make run` needs no server), or its branch's register on a PostgreSQL server, from
/// `database.url` and `database.branch` in config.json or `--database` and `--branch`.
package enum RegisterLocation: Sendable, Equatable {
    case embedded
    case postgres(PostgresLocation, branchID: String, passwordFile: String?)

    /// Options given on the command line win over config.json; the branch defaults to the shop's.
    package init(configuration: CounterConfiguration, url: String? = nil, branch: String? = nil,
                passwordFile: String? = nil) throws(PostgresLocation.Invalid) {
        guard let url = url ?? configuration.database.url else {
            if branch != nil { throw PostgresLocation.Invalid(description: "--branch needs --database (or database.url in config.json).") }
            self = .embedded
            return
        }
        let branchID = branch ?? configuration.database.branch ?? configuration.shop.shopID
        guard CounterConfiguration.Shop.isReadyShopID(branchID), branchID.contains("/") else {
            throw PostgresLocation.Invalid(description: "The branch must be KvK number/vestigingsnummer (got \"\(branchID)\"): set database.branch or --branch.")
        }
        self = .postgres(try PostgresLocation(url: url), branchID: branchID,
                         passwordFile: passwordFile ?? configuration.database.passwordFile)
    }

    /// Runs `body` with the branch's store on PostgreSQL; the database's client runs while it does.
    /// - Parameters:
    ///   - location: the PostgreSQL server and database.
    ///   - branchID: the branch, `KvK/vestigingsnummer`.
    ///   - passwordFile: the file holding the login's password, if any.
    ///   - configuration: the shop's rules.
    ///   - anchorFolder: the data folder keeping this PC's witness of the branch.
    ///   - logger: where the store logs.
    ///   - body: the work, given the branch's store.
    package static func withPostgresStore<T: Sendable>(
        _ location: PostgresLocation, branchID: String, passwordFile: String?, configuration: CounterConfiguration,
        anchorFolder: String? = nil, logger: Logger, _ body: @escaping @Sendable (PostgresRegisterStore) async throws -> T
    ) async throws -> T {
        let password = try PostgresLocation.password(file: passwordFile)
        return try await location.withClient(password: password, logger: logger) { client in
            try await body(try await PostgresRegisterStore.open(client: client, configuration: configuration, branchID: branchID,
                                                                logger: logger, anchorFolder: anchorFolder))
        }
    }
}
