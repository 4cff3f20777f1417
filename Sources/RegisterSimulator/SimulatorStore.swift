import Counter
import Foundation
import GRDB

/// What the simulated register holds: one row per idempotency key, in its own SQLite file.
final class SimulatorStore: Sendable {
    let dbPool: DatabasePool

    init(path: String) throws {
        var config = Configuration()
        config.busyMode = .timeout(10)
        dbPool = try DatabasePool(path: path, configuration: config)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: simulated register") { db in
            try db.execute(sql: """
                CREATE TABLE sim_entry (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    idempotency_key TEXT NOT NULL UNIQUE,
                    entry_number INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    payload BLOB NOT NULL,
                    received_at TEXT NOT NULL,
                    times_received INTEGER NOT NULL DEFAULT 1
                );
                """)
        }
        try migrator.migrate(dbPool)
    }

    /// Stores a batch in one transaction; one result per entry, in order.
    func store(_ entries: [RegisterWire.Entry], rejectField: String?, at now: String) async throws -> [RegisterWire.Result] {
        try await dbPool.write { db in
            var results: [RegisterWire.Result] = []
            for entry in entries {
                let key = entry.idempotencyKey
                let payload = entry.payload.canonicalData()
                if let row = try Row.fetchOne(db, sql: "SELECT id, payload FROM sim_entry WHERE idempotency_key = ?",
                                              arguments: [key]) {
                    try db.execute(sql: "UPDATE sim_entry SET times_received = times_received + 1 WHERE id = ?",
                                   arguments: [row["id"] as Int64])
                    if (row["payload"] as Data) == payload {
                        results.append(.init(idempotencyKey: key, status: "duplicate", registerReference: "SIM-\(row["id"] as Int64)"))
                    } else {
                        results.append(.init(idempotencyKey: key, status: "rejected",
                                             reason: "idempotency key already used for different content"))
                    }
                    continue
                }
                if let reason = Self.rejection(entry, rejectField: rejectField) {
                    results.append(.init(idempotencyKey: key, status: "rejected", reason: reason))
                    continue
                }
                try db.execute(sql: """
                    INSERT INTO sim_entry (idempotency_key, entry_number, kind, payload, received_at) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [key, entry.entryNumber, entry.kind, payload, now])
                results.append(.init(idempotencyKey: key, status: "accepted", registerReference: "SIM-\(db.lastInsertedRowID)"))
            }
            return results
        }
    }

    static func rejection(_ entry: RegisterWire.Entry, rejectField: String?) -> String? {
        if RegisterWire.kind(entry.kind) == nil { return "unknown kind \(entry.kind.prefix(20))" }
        if entry.entryNumber < 1 { return "entryNumber must be positive" }
        guard let field = rejectField, !field.isEmpty else { return nil }
        if field.hasPrefix("!") {
            let name = String(field.dropFirst())
            return entry.payload.containsKey(name) ? nil : "field \(name) is required"
        }
        return entry.payload.containsKey(field) ? "field \(field) is not accepted" : nil
    }

    func status(key: String) async throws -> RegisterEntryStatus? {
        try await dbPool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM sim_entry WHERE idempotency_key = ?", arguments: [key]).map {
                RegisterEntryStatus(idempotencyKey: $0["idempotency_key"], entryNumber: $0["entry_number"], kind: $0["kind"],
                                    registerReference: "SIM-\($0["id"] as Int64)", receivedAt: $0["received_at"])
            }
        }
    }

    /// Everything stored, in arrival order.
    func all() async throws -> [SimulatedEntry] {
        try await dbPool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM sim_entry ORDER BY id").map {
                SimulatedEntry(idempotencyKey: $0["idempotency_key"], entryNumber: $0["entry_number"], kind: $0["kind"],
                               timesReceived: $0["times_received"], registerReference: "SIM-\($0["id"] as Int64)",
                               receivedAt: $0["received_at"])
            }
        }
    }
}
