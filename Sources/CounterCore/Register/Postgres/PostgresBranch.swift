import Foundation
import Logging
import PostgresNIO

/// A place of trade in the register's database: registered with its municipality under the KvK number and
/// vestigingsnummer, part of a tenant (a chain, or a shop on its own). Its register has its own numbers and
/// chain; its id is the shop id its entries carry (`KvK/vestigingsnummer`).
package struct PostgresBranch: Sendable, Hashable {
    package var tenantID: String
    package var tenantName: String
    package var name: String
    /// Eight digits.
    package var kvkNumber: String
    /// The vestigingsnummer: twelve digits.
    package var branchNumber: String
    package var municipality: String

    package init(tenantID: String, tenantName: String, name: String, kvkNumber: String, branchNumber: String,
                municipality: String) {
        self.tenantID = tenantID
        self.tenantName = tenantName
        self.name = name
        self.kvkNumber = kvkNumber
        self.branchNumber = branchNumber
        self.municipality = municipality
    }

    /// The shop id of the branch's entries.
    package var id: String { "\(kvkNumber)/\(branchNumber)" }

    /// Adds the branch (and its tenant) with an empty register; a branch already there is left as it is.
    ///
    /// - Parameters:
    ///   - client: a running client of the register's database.
    ///   - sellerKeySecret: the key of the branch's seller lookup and cash ban, shared by its tills; a new
    ///     random one by default, the data folder's when a register moves here (``PostgresRegisterStore/migrate(_:photos:shop:tenant:to:password:logger:)``).
    ///   - logger: where the statements are logged.
    package func add(to client: PostgresClient, sellerKeySecret: Data? = nil, logger: Logger) async throws {
        let sellerKeySecret = sellerKeySecret ?? SellerKey.newSecret()
        try await PostgresTransaction.run(client, logger: logger) { [self] connection in
            try await connection.query("""
                INSERT INTO tenant (id, name) VALUES (\(tenantID), \(tenantName)) ON CONFLICT (id) DO NOTHING
                """, logger: logger)
            try await connection.query("""
                INSERT INTO branch (id, tenant_id, name, kvk_number, branch_number, municipality, seller_key_secret)
                VALUES (\(id), \(tenantID), \(name), \(kvkNumber), \(branchNumber), \(municipality), \(sellerKeySecret))
                ON CONFLICT (id) DO NOTHING
                """, logger: logger)
            try await connection.query("""
                INSERT INTO branch_counter (branch_id) VALUES (\(id)) ON CONFLICT (branch_id) DO NOTHING
                """, logger: logger)
        }
    }
}
