import Foundation
import Logging
import PostgresNIO

/// The branch's stolen-goods list on PostgreSQL: `hotlist import` stores the list it made once for the branch,
/// and every kiosk process of the branch takes it into its own data folder (``CounterEngine``'s branch
/// follower), so one import serves every till, also on other PCs and tills that were off at the time.
extension PostgresRegisterStore {
    /// Stores a list file (the compiled `hotlist.bin`) as the branch's newest, audited with who stored it, and
    /// tells the branch's processes. Returns its id.
    @discardableResult
    package func storeHotlist(_ content: Data, rows: Int, by actor: String, at date: Date) async throws -> Int {
        let id = try await PostgresTransaction.run(client, logger: logger) { [self] connection in
            let id = try await connection.query("""
                INSERT INTO hotlist_file (branch_id, imported_at, rows, content)
                VALUES (\(branchID), \(RegisterEntry.timestampFormatter.string(from: date)), \(rows), \(content))
                RETURNING id
                """, logger: logger).decode(Int.self).first { _ in true } ?? 0
            try await Self.insertAuditEvent(connection, branchID, .hotlistStored, actor: actor, subject: "list \(id)",
                                            detail: "\(rows) rows, \(content.count) bytes", at: date, logger)
            return id
        }
        try await publish(.hotlistReloaded)
        return id
    }

    /// The branch's newest list file and its id, or nil when none was stored.
    package func newestHotlist() async throws -> (id: Int, content: Data)? {
        try await PostgresTransaction.read(client, logger: logger) { [self] connection in
            try await connection.query("""
                SELECT id, content FROM hotlist_file WHERE branch_id = \(branchID) ORDER BY id DESC LIMIT 1
                """, logger: logger).decode((Int, Data).self).first { _ in true }.map { (id: $0.0, content: $0.1) }
        }
    }
}
