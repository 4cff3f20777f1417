import Foundation
import Logging
import NIOPosix
import PostgresNIO

/// A snapshot of a register on PostgreSQL (every branch of the database): `pg_dump` at one snapshot of the
/// database, exported from a read-only transaction in which each branch's entry count and head are read too, so
/// the manifest names exactly what the dump holds. Sealed and kept like a data folder's snapshot
/// (``RegisterBackup``); restored only into an empty database, and only after every branch's chain verifies there
/// against the manifest's head.
///
/// Run by the technician or the server's timer with the tables' owner's login (`counter_owner`): a till's login
/// may not read every table.
package enum ServerBackup {
    /// One branch as the snapshot holds it.
    package struct Branch: Sendable, Codable, Equatable {
        package var id: String
        package var entryCount: Int
        package var headHash: String
    }

    /// The dump's file name in the snapshot.
    static let dumpName = "register.pgdump"

    /// Takes a snapshot of the database at `location` into `destination`, sealed with the key of `folder`'s
    /// `backup init`, keeping the last `keep` snapshots there.
    package static func take(_ location: PostgresLocation, password: String?, folder: DataFolder, code: RecoveryCode,
                            to destination: String, keep: Int = 14, now: Date = Date(), logger: Logger) async throws -> RegisterBackup.Report {
        let key = try RegisterBackup.key(folder, code: code)
        let snapshot = try SnapshotWriter(key: key, folder: folder, destination: destination, now: now)
        defer { snapshot.close() }
        let dump = snapshot.staging + "/" + dumpName
        let branches = try await dumpAtOneSnapshot(location, password: password, into: dump, logger: logger)
        try snapshot.seal(dump, as: dumpName)
        let written = try snapshot.finish(shopID: location.description, entryCount: branches.reduce(0) { $0 + $1.entryCount },
                                          verified: true, branches: branches, keep: keep)
        return .init(manifest: written.manifest, path: written.path, removed: written.removed, problem: nil)
    }

    /// Restores a server snapshot into the empty database at `location`, then verifies every branch there.
    /// A wrong code, a damaged snapshot or a database that holds a register: refused before anything is written.
    package static func restore(from: String, code: RecoveryCode, into location: PostgresLocation, password: String?,
                               logger: Logger) async throws -> RegisterRestore.Report {
        let snapshot = try RegisterRestore.snapshot(at: from)
        let manifest = try BackupManifest.read(snapshot: snapshot)
        let key = try manifest.key(for: code)
        guard let branches = manifest.branches else { throw BackupError.notServerSnapshot }
        return try await location.withClient(password: password, logger: logger) { client in
            let existing = try await client.query("SELECT to_regclass('counter_schema')::text", logger: logger)
                .decode(String?.self).first { _ in true }
            if existing ?? nil != nil { throw BackupError.targetHoldsRegister(path: location.description) }

            let staging = NSTemporaryDirectory() + "counter-restore-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            try RegisterBackup.makeFolder(staging)
            defer { try? FileManager.default.removeItem(atPath: staging) }
            guard let file = manifest.files.first(where: { $0.name == dumpName }) else { throw BackupError.fileMissing(name: dumpName) }
            try manifest.open(file, of: snapshot, into: staging, key: key)

            try await runTool("pg_restore", ["--exit-on-error", "--single-transaction", "--no-owner", "--dbname", conninfo(location),
                                             staging + "/" + dumpName], password: password)
            for branch in branches {
                let store = try await PostgresRegisterStore.open(client: client, configuration: .defaults, branchID: branch.id,
                                                                 logger: logger, anchorFolder: staging)
                let result = try await store.verify()
                if let problem = result.firstProblem {
                    throw BackupError.registerNotWhole(detail: "branch \(branch.id): \(problem.description)")
                }
                guard result.entryCount == branch.entryCount, result.headHash == branch.headHash else {
                    throw BackupError.registerNotWhole(detail: "branch \(branch.id): \(result.entryCount) entries; the manifest names \(branch.entryCount)")
                }
            }
            return RegisterRestore.Report(manifest: manifest, snapshot: snapshot, replacedFolderKeptAt: nil)
        }
    }

    // MARK: - Steps

    /// Opens a read-only repeatable-read transaction, exports its snapshot, reads each branch's count and head in
    /// it, and runs pg_dump on that same snapshot while the transaction stays open.
    static func dumpAtOneSnapshot(_ location: PostgresLocation, password: String?, into dump: String,
                                  logger: Logger) async throws -> [Branch] {
        try await location.withClient(password: password, logger: logger) { client in
            try await client.withConnection { connection in
                try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
                do {
                    let snapshot = try await connection.query("SELECT pg_export_snapshot()", logger: logger)
                        .decode(String.self).first { _ in true } ?? ""
                    var branches: [Branch] = []
                    let rows = try await connection.query("""
                        SELECT b.id, count(e.entry_number)::bigint,
                               coalesce((SELECT hash FROM entry h WHERE h.branch_id = b.id ORDER BY entry_number DESC LIMIT 1), '')
                        FROM branch b LEFT JOIN entry e ON e.branch_id = b.id GROUP BY b.id ORDER BY b.id
                        """, logger: logger)
                    for try await (id, count, hash) in rows.decode((String, Int64, String).self) {
                        branches.append(Branch(id: id, entryCount: Int(count), headHash: hash))
                    }
                    try await runTool("pg_dump", ["--format=custom", "--no-owner", "--snapshot", snapshot, "--file", dump,
                                                  "--dbname", conninfo(location)], password: password)
                    try await connection.query("COMMIT", logger: logger)
                    return branches
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        }
    }

    /// libpq's connection string for the same server, database, user and TLS as the engine's client.
    static func conninfo(_ location: PostgresLocation) -> String {
        func quoted(_ value: String) -> String { "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'" }
        return "host=\(quoted(location.host)) port=\(location.port) user=\(quoted(location.user)) dbname=\(quoted(location.database)) "
            + "sslmode=\(location.tls.rawValue)"
    }

    /// Runs pg_dump or pg_restore (Debian's postgresql-client) off the cooperative pool; the password goes in the
    /// environment, never on the command line.
    static func runTool(_ tool: String, _ arguments: [String], password: String?) async throws {
        try await NIOThreadPool.singleton.runIfActive {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [tool] + arguments
            var environment = ProcessInfo.processInfo.environment
            if let password { environment["PGPASSWORD"] = password }
            process.environment = environment
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            do { try process.run() } catch { throw BackupError.toolMissing(tool: tool) }
            let said = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            if process.terminationStatus == 127 { throw BackupError.toolMissing(tool: tool) }
            guard process.terminationStatus == 0 else {
                throw BackupError.toolFailed(tool: tool, detail: String(decoding: said, as: UTF8.self)
                    .trimmingCharacters(in: .whitespacesAndNewlines).suffix(400).description)
            }
        }
    }
}
