import Foundation
import GRDB
import Logging
import PostgresNIO

/// `migrate-to-postgres`: a shop's embedded register copied into its branch's register on PostgreSQL, row for
/// row (the same content, hashes, identities and salts), in one transaction that commits only when the copy
/// verifies and ends on the same head as the original.
extension PostgresRegisterStore {
    /// What was copied, and what stays in the data folder.
    package struct ImportReport: Sendable, Equatable {
        package var entries: Int
        package var headHash: String
        package var checks: Int
        package var policeFlagEvents: Int
        package var intakeRequests: Int
        package var uploadJobs: Int
        package var auditEvents: Int
        /// The kiosk's accounts (with their PIN hashes: nobody needs a new PIN), the owner's alerts with their
        /// acknowledgements, and the metal day prices: the branch's tills share them from now on.
        package var staffAccounts: Int
        package var alerts: Int
        package var metalPrices: Int
        /// The sales register, and the police's hold orders, written notices and information requests with
        /// their lifts, withdrawals and answers.
        package var sales: Int = 0
        package var holdOrders: Int = 0
        package var policeNotices: Int = 0
        package var informationRequests: Int = 0
        /// Item photos moved into the branch's database, and photos the entries name that the data folder did
        /// not have (or had altered): those stay unreadable, as they were.
        package var photos: Int = 0
        /// The register's own chained events (format migrations, erasures after retention).
        package var registerEvents: Int = 0
        package var photosMissing: [String] = []
    }

    /// Why nothing was copied.
    package enum ImportRefusal: Error, Sendable, Equatable, CustomStringConvertible {
        /// The SQLite register does not verify: restore it first; a damaged register is not carried over.
        case sourceDamaged(RegisterVerification.Problem)
        /// The branch on PostgreSQL already has entries.
        case targetNotEmpty(entries: Int)
        /// The register's shop id is not the branch's.
        case otherShop(register: String, branch: String)
        /// The copy did not verify the same as the original; nothing was committed.
        case mismatch(original: String, copy: String)

        package var description: String {
            switch self {
            case .sourceDamaged(let problem): "The SQLite register does not verify (\(problem)): restore it before moving it."
            case .targetNotEmpty(let n): "The branch's register on PostgreSQL already holds \(n) entries: a register is moved once, into an empty branch."
            case .otherShop(let register, let branch): "The register belongs to shop \(register), not to branch \(branch)."
            case .mismatch(let original, let copy): "The copy does not verify like the original (original: \(original); copy: \(copy)): nothing was moved."
            }
        }
    }

    /// `migrate-to-postgres`: brings the database's schema up to date, adds the branch (from the shop's
    /// configuration, under `tenant`) and copies `source` into its empty register.
    /// - Parameters:
    ///   - source: the data folder's register.
    ///   - photos: the data folder's photos, moved along (``PostgresPhotoArchive``).
    ///   - shop: the shop's details: the branch added.
    ///   - tenant: the chain the branch belongs to.
    ///   - location: the PostgreSQL server and database.
    ///   - password: the table owner's password.
    ///   - logger: where progress is logged.
    package static func migrate(_ source: SQLiteRegisterStore, photos: PhotoStore?, shop: CounterConfiguration.Shop,
                               tenant: (id: String, name: String), to location: PostgresLocation, password: String?,
                               logger: Logger) async throws -> ImportReport {
        guard let branchNumber = shop.branch else {
            throw ImportRefusal.otherShop(register: shop.shopID, branch: "\(shop.kvkNumber)/(no vestigingsnummer)")
        }
        let branch = PostgresBranch(tenantID: tenant.id, tenantName: tenant.name, name: shop.name, kvkNumber: shop.kvkNumber,
                                    branchNumber: branchNumber, municipality: shop.municipality)
        let settings = source.settings
        return try await location.withClient(password: password, logger: logger) { client in
            try await migrate(client, logger: logger)
            // The data folder's seller-key secret becomes the branch's: the moved identities' keys stay valid.
            try await branch.add(to: client, sellerKeySecret: settings.sellerKeySecret, logger: logger)
            var branchSettings = settings
            branchSettings.shopID = branch.id
            return try await PostgresRegisterStore(client: client, settings: branchSettings, logger: logger)
                .importRegister(from: source, photos: photos)
        }
    }

    /// Copies `source` into this branch's empty register (``ImportReport``), with the photos its entries name
    /// from `photos`, or refuses (``ImportRefusal``) and writes nothing.
    package func importRegister(from source: SQLiteRegisterStore, photos: PhotoStore? = nil) async throws -> ImportReport {
        guard source.shopID == branchID else { throw ImportRefusal.otherShop(register: source.shopID, branch: branchID) }
        let original = try await source.verifyOffPool(fileCheck: .pagesAndIndexes)
        if let problem = original.firstProblem { throw ImportRefusal.sourceDamaged(problem) }
        let rows = try await source.dbPool.read { db in try ImportRows(db) }
        return try await PostgresTransaction.run(client, logger: logger) { [self] connection in
            let present = try await connection.query("SELECT count(*) FROM entry WHERE branch_id = \(branchID)", logger: logger)
                .decode(Int.self).first { _ in true } ?? 0
            guard present == 0 else { throw ImportRefusal.targetNotEmpty(entries: present) }
            try await rows.insert(into: connection, branch: branchID, logger: logger)
            let (moved, missing) = try await importPhotos(into: connection, from: photos, rows: rows)
            let copy = try await verify(connection)
            guard copy.isIntact, copy.entryCount == original.entryCount, copy.headHash == original.headHash else {
                throw ImportRefusal.mismatch(original: "\(original.entryCount) entries, head \(original.headHash.prefix(12))",
                                             copy: copy.firstProblem?.description ?? "\(copy.entryCount) entries, head \(copy.headHash.prefix(12))")
            }
            return ImportReport(entries: copy.entryCount, headHash: copy.headHash, checks: rows.checks.count,
                                policeFlagEvents: rows.policeFlags.count, intakeRequests: rows.requests.count,
                                uploadJobs: rows.jobs.count, auditEvents: rows.audit.count, staffAccounts: rows.staff.count,
                                alerts: rows.alerts.count, metalPrices: rows.metalPrices.count, sales: rows.sales.count,
                                holdOrders: rows.holdOrders.count, policeNotices: rows.notices.count,
                                informationRequests: rows.informationRequests.count, photos: moved, registerEvents: rows.events.count,
                                photosMissing: missing)
        }
    }
}

extension PostgresRegisterStore {
    /// Every photo the moved entries name, read from the data folder one at a time (checked against its hash)
    /// and stored with the branch under the entry's day. Returns how many, and the hashes not found.
    fileprivate func importPhotos(into connection: PostgresConnection, from photos: PhotoStore?,
                                  rows: ImportRows) async throws -> (Int, [String]) {
        guard let photos else { return (0, []) }
        var seen = Set<String>()
        var moved = 0
        var missing: [String] = []
        for e in rows.entries {
            guard let content = Data.fromDatabaseValue(e[6]), let day = String.fromDatabaseValue(e[2]),
                  let decoded = try? JSONDecoder().decode(RegisterEntry.Content.self, from: content) else { continue }
            for reference in decoded.items.flatMap(\.photos) where seen.insert(reference.sha256).inserted {
                guard let data = try? photos.data(for: reference) else {
                    missing.append(reference.sha256)
                    continue
                }
                try await connection.query("""
                    INSERT INTO photo (branch_id, sha256, media_type, size, day, bytes)
                    VALUES (\(branchID), \(reference.sha256), \(reference.mediaType), \(data.count), \(day), \(data))
                    ON CONFLICT DO NOTHING
                    """, logger: logger)
                moved += 1
            }
        }
        return (moved, missing)
    }
}

/// The SQLite register's rows as they are stored, read in one transaction.
fileprivate struct ImportRows: Sendable {
    var entries: [[DatabaseValue]] = []
    var identities: [Int: [DatabaseValue]] = [:]
    var items: [[DatabaseValue]] = []
    var checks: [[DatabaseValue]] = []
    var policeFlags: [[DatabaseValue]] = []
    var requests: [[DatabaseValue]] = []
    var jobs: [[DatabaseValue]] = []
    var audit: [[DatabaseValue]] = []
    var staff: [[DatabaseValue]] = []
    var alerts: [[DatabaseValue]] = []
    var acknowledgements: [[DatabaseValue]] = []
    var metalPrices: [[DatabaseValue]] = []
    var sales: [[DatabaseValue]] = []
    var holdOrders: [[DatabaseValue]] = []
    var holdOrderLifts: [[DatabaseValue]] = []
    var holdOrdersTold: [[DatabaseValue]] = []
    var notices: [[DatabaseValue]] = []
    var noticeClosures: [[DatabaseValue]] = []
    var informationRequests: [[DatabaseValue]] = []
    var answers: [[DatabaseValue]] = []
    /// The search index (`SearchIndex`): its seller terms are keyed with the data folder's secret, which
    /// becomes the branch's, so they are copied as they are.
    var itemKeys: (loose: [String], itemIDs: [String], entries: [Int]) = ([], [], [])
    var sellerTerms: (terms: [String], entries: [Int]) = ([], [])
    /// The register's own chained events (format migrations, erasures), as they are.
    var events: [[DatabaseValue]] = []

    init(_ db: Database) throws {
        func rows(_ sql: String) throws -> [[DatabaseValue]] { try Row.fetchAll(db, sql: sql).map { Array($0.databaseValues) } }
        entries = try rows("""
            SELECT entry_number, recorded_at, day, clerk, price_cents, corrects, content, previous_hash, hash
            FROM entry ORDER BY entry_number
            """)
        for row in try rows("SELECT entry_number, identity, salt, seller_key, erased_on FROM seller_identity") {
            if let number = Int.fromDatabaseValue(row[0]) { identities[number] = row }
        }
        items = try rows("SELECT item_id, entry_number, item_index, category, identifier, hold_until FROM entry_item ORDER BY entry_number, item_index")
        checks = try rows("SELECT item_id, checked_at, status, record FROM item_check ORDER BY id")
        policeFlags = try rows("SELECT item_id, opened, at, note FROM police_flag_event ORDER BY id")
        requests = try rows("SELECT idempotency_key, entry_number, at FROM intake_request")
        jobs = try rows("""
            SELECT kind, entry_number, sale_id, idempotency_key, payload, status, attempts, consecutive_failures,
                   last_error, register_reference, created_at, due_at_ms
            FROM upload_job ORDER BY id
            """)
        audit = try rows("SELECT at, at_ms, actor, action, subject, detail FROM audit_event ORDER BY id")
        events = try rows("SELECT sequence, at, kind, content, previous_hash, hash FROM register_event ORDER BY sequence")
        staff = try rows("SELECT name, role, pin_hash, created_at, disabled FROM staff_account ORDER BY name")
        alerts = try rows("""
            SELECT id, kind, raised_at, item_id, entry_number, message, COALESCE(code, ''), COALESCE(parameters, '{}')
            FROM owner_alert ORDER BY id
            """)
        acknowledgements = try rows("SELECT alert_id, by, at, note FROM owner_alert_ack")
        metalPrices = try rows("SELECT metal, cents_per_gram, day, set_by, at FROM metal_price ORDER BY id")
        sales = try rows("SELECT id, item_id, recorded_at, content FROM sale ORDER BY id")
        holdOrders = try rows("SELECT id, item_id, ordered_on, until, officer, reference, note, entered_by, entered_at FROM hold_order ORDER BY id")
        holdOrderLifts = try rows("SELECT order_id, lifted_on, by, note, at FROM hold_order_lift")
        holdOrdersTold = try rows("SELECT order_id, at FROM hold_order_told")
        notices = try rows("""
            SELECT id, reference, officer, received_on, identifier, identifier_key, brand, description, entered_by, entered_at
            FROM police_notice ORDER BY id
            """)
        noticeClosures = try rows("SELECT notice_id, closed_on, by, note, at FROM police_notice_close")
        informationRequests = try rows("""
            SELECT id, reference, officer, received_on, deadline, selection, entered_by, entered_at
            FROM information_request ORDER BY id
            """)
        answers = try rows("SELECT request_id, answered_on, by, note, at FROM information_request_answer")
        for row in try Row.fetchAll(db, sql: "SELECT loose, item_id, entry_number FROM item_key") {
            itemKeys.loose.append(row[0])
            itemKeys.itemIDs.append(row[1])
            itemKeys.entries.append(row[2])
        }
        for row in try Row.fetchAll(db, sql: "SELECT term, entry_number FROM seller_search") {
            sellerTerms.terms.append(row[0])
            sellerTerms.entries.append(row[1])
        }
    }

    func insert(into connection: PostgresConnection, branch: String, logger: Logger) async throws {
        func text(_ value: DatabaseValue) -> String? { String.fromDatabaseValue(value) }
        func int(_ value: DatabaseValue) -> Int? { Int.fromDatabaseValue(value) }
        // Bytes as stored: a blob, or the UTF-8 of a text (GRDB reads a BLOB column written as text that way).
        func bytes(_ value: DatabaseValue) -> Data? { Data.fromDatabaseValue(value) }
        var itemsByEntry: [Int: [[DatabaseValue]]] = [:]
        for item in items { if let number = int(item[1]) { itemsByEntry[number, default: []].append(item) } }
        for e in entries {
            let number = int(e[0]) ?? 0
            try await connection.query("""
                INSERT INTO entry (branch_id, entry_number, recorded_at, day, clerk, price_cents, corrects, content,
                                   previous_hash, hash)
                VALUES (\(branch), \(number), \(text(e[1]) ?? ""), \(text(e[2]) ?? ""), \(text(e[3]) ?? ""), \(int(e[4]) ?? 0),
                        \(int(e[5])), \(bytes(e[6]) ?? Data()), \(text(e[7]) ?? ""), \(text(e[8]) ?? ""))
                """, logger: logger)
            if let s = identities[number] {
                try await connection.query("""
                    INSERT INTO seller_identity (branch_id, entry_number, identity, salt, seller_key, erased_on)
                    VALUES (\(branch), \(number), \(bytes(s[1])), \(bytes(s[2])), \(text(s[3])), \(text(s[4])))
                    """, logger: logger)
            }
            for item in itemsByEntry[number] ?? [] {
                try await connection.query("""
                    INSERT INTO entry_item (branch_id, item_id, entry_number, item_index, category, identifier, hold_until)
                    VALUES (\(branch), \(text(item[0]) ?? ""), \(number), \(int(item[2]) ?? 0), \(text(item[3]) ?? ""),
                            \(text(item[4])), \(text(item[5])))
                    """, logger: logger)
            }
            try await connection.query("""
                UPDATE branch_counter SET last_number = \(number), last_hash = \(text(e[8]) ?? "") WHERE branch_id = \(branch)
                """, logger: logger)
        }
        try await connection.query("""
            INSERT INTO item_key (branch_id, loose, item_id, entry_number)
            SELECT \(branch), x.loose, x.item_id, x.entry_number
            FROM unnest(\(itemKeys.loose)::text[], \(itemKeys.itemIDs)::text[], \(itemKeys.entries)::bigint[]) AS x(loose, item_id, entry_number)
            """, logger: logger)
        try await connection.query("""
            INSERT INTO seller_search (branch_id, term, entry_number)
            SELECT \(branch), x.term, x.entry_number
            FROM unnest(\(sellerTerms.terms)::text[], \(sellerTerms.entries)::bigint[]) AS x(term, entry_number)
            """, logger: logger)
        for v in events {
            try await connection.query("""
                INSERT INTO register_event (branch_id, sequence, at, kind, content, previous_hash, hash)
                VALUES (\(branch), \(int(v[0]) ?? 0), \(text(v[1]) ?? ""), \(text(v[2]) ?? ""), \(bytes(v[3]) ?? Data()),
                        \(text(v[4]) ?? ""), \(text(v[5]) ?? ""))
                """, logger: logger)
        }
        for c in checks {
            try await connection.query("""
                INSERT INTO item_check (branch_id, item_id, checked_at, status, record)
                VALUES (\(branch), \(text(c[0]) ?? ""), \(text(c[1]) ?? ""), \(text(c[2]) ?? ""), \(bytes(c[3]) ?? Data()))
                """, logger: logger)
        }
        for f in policeFlags {
            let opened = (int(f[1]) ?? 0) != 0
            try await connection.query("""
                INSERT INTO police_flag_event (branch_id, item_id, opened, at, note)
                VALUES (\(branch), \(text(f[0]) ?? ""), \(opened), \(text(f[2]) ?? ""), \(text(f[3]) ?? ""))
                """, logger: logger)
        }
        for r in requests {
            try await connection.query("""
                INSERT INTO intake_request (branch_id, idempotency_key, entry_number, at)
                VALUES (\(branch), \(text(r[0]) ?? ""), \(int(r[1]) ?? 0), \(text(r[2]) ?? ""))
                """, logger: logger)
        }
        // Sales, hold orders, notices and requests get the database's ids; what refers to them follows. A sale's
        // upload keeps its idempotency key, so the register never counts it twice.
        var saleIDs: [Int: Int] = [:]
        for x in sales {
            let id = try await connection.query("""
                INSERT INTO sale (branch_id, item_id, recorded_at, content)
                VALUES (\(branch), \(text(x[1]) ?? ""), \(text(x[2]) ?? ""), \(bytes(x[3]) ?? Data())) RETURNING id
                """, logger: logger).decode(Int.self).first { _ in true }
            if let old = int(x[0]), let id { saleIDs[old] = id }
        }
        try await insertPoliceRecords(into: connection, branch: branch, logger: logger)
        for j in jobs {
            try await connection.query("""
                INSERT INTO upload_job (branch_id, kind, entry_number, sale_id, idempotency_key, payload, status, attempts,
                                        consecutive_failures, last_error, register_reference, created_at, due_at_ms)
                VALUES (\(branch), \(text(j[0]) ?? ""), \(int(j[1]) ?? 0), \(int(j[2]).flatMap { saleIDs[$0] }), \(text(j[3]) ?? ""),
                        \(bytes(j[4]) ?? Data()), \(text(j[5]) ?? "queued"), \(int(j[6]) ?? 0), \(int(j[7]) ?? 0),
                        \(text(j[8])), \(text(j[9])), \(text(j[10]) ?? ""), \(Int64.fromDatabaseValue(j[11])))
                """, logger: logger)
        }
        for a in staff {
            try await connection.query("""
                INSERT INTO staff_account (branch_id, name, role, pin_hash, created_at, disabled)
                VALUES (\(branch), \(text(a[0]) ?? ""), \(text(a[1]) ?? ""), \(text(a[2]) ?? ""), \(text(a[3]) ?? ""),
                        \((int(a[4]) ?? 0) != 0))
                """, logger: logger)
        }
        // Alerts get the database's ids; their acknowledgements follow them.
        var alertIDs: [Int: Int] = [:]
        for a in alerts {
            let id = try await connection.query("""
                INSERT INTO owner_alert (branch_id, kind, raised_at, item_id, entry_number, message, code, parameters)
                VALUES (\(branch), \(text(a[1]) ?? ""), \(text(a[2]) ?? ""), \(text(a[3])), \(int(a[4])), \(text(a[5]) ?? ""),
                        \(text(a[6]) ?? ""), \(text(a[7]) ?? "{}"))
                RETURNING id
                """, logger: logger).decode(Int.self).first { _ in true }
            if let old = int(a[0]), let id { alertIDs[old] = id }
        }
        for k in acknowledgements {
            guard let id = int(k[0]).flatMap({ alertIDs[$0] }) else { continue }
            try await connection.query("""
                INSERT INTO owner_alert_ack (alert_id, by, at, note)
                VALUES (\(id), \(text(k[1]) ?? ""), \(text(k[2]) ?? ""), \(text(k[3]) ?? ""))
                """, logger: logger)
        }
        for m in metalPrices {
            try await connection.query("""
                INSERT INTO metal_price (branch_id, metal, cents_per_gram, day, set_by, at)
                VALUES (\(branch), \(text(m[0]) ?? ""), \(int(m[1]) ?? 0), \(text(m[2]) ?? ""), \(text(m[3]) ?? ""),
                        \(text(m[4]) ?? ""))
                """, logger: logger)
        }
        for a in audit {
            try await connection.query("""
                INSERT INTO audit_event (branch_id, at, at_ms, actor, action, subject, detail)
                VALUES (\(branch), \(text(a[0]) ?? ""), \(Int64.fromDatabaseValue(a[1]) ?? 0), \(text(a[2]) ?? ""),
                        \(text(a[3]) ?? ""), \(text(a[4])), \(text(a[5]) ?? ""))
                """, logger: logger)
        }
    }

    /// The police's records, their ids mapped to the database's: hold orders with their lifts and the owner told of
    /// their end, written notices with their withdrawals, information requests with their answers.
    func insertPoliceRecords(into connection: PostgresConnection, branch: String, logger: Logger) async throws {
        func text(_ value: DatabaseValue) -> String? { String.fromDatabaseValue(value) }
        func int(_ value: DatabaseValue) -> Int? { Int.fromDatabaseValue(value) }
        var orderIDs: [Int: Int] = [:]
        for o in holdOrders {
            let id = try await connection.query("""
                INSERT INTO hold_order (branch_id, item_id, ordered_on, until, officer, reference, note, entered_by, entered_at)
                VALUES (\(branch), \(text(o[1]) ?? ""), \(text(o[2]) ?? ""), \(text(o[3]) ?? ""), \(text(o[4]) ?? ""),
                        \(text(o[5]) ?? ""), \(text(o[6]) ?? ""), \(text(o[7]) ?? ""), \(text(o[8]) ?? ""))
                RETURNING id
                """, logger: logger).decode(Int.self).first { _ in true }
            if let old = int(o[0]), let id { orderIDs[old] = id }
        }
        for l in holdOrderLifts {
            guard let id = int(l[0]).flatMap({ orderIDs[$0] }) else { continue }
            try await connection.query("""
                INSERT INTO hold_order_lift (order_id, lifted_on, by, note, at)
                VALUES (\(id), \(text(l[1]) ?? ""), \(text(l[2]) ?? ""), \(text(l[3]) ?? ""), \(text(l[4]) ?? ""))
                """, logger: logger)
        }
        for t in holdOrdersTold {
            guard let id = int(t[0]).flatMap({ orderIDs[$0] }) else { continue }
            try await connection.query("INSERT INTO hold_order_told (order_id, at) VALUES (\(id), \(text(t[1]) ?? ""))",
                                       logger: logger)
        }
        var noticeIDs: [Int: Int] = [:]
        for n in notices {
            let id = try await connection.query("""
                INSERT INTO police_notice (branch_id, reference, officer, received_on, identifier, identifier_key, brand,
                                           description, entered_by, entered_at)
                VALUES (\(branch), \(text(n[1]) ?? ""), \(text(n[2]) ?? ""), \(text(n[3]) ?? ""), \(text(n[4])), \(text(n[5])),
                        \(text(n[6])), \(text(n[7]) ?? ""), \(text(n[8]) ?? ""), \(text(n[9]) ?? ""))
                RETURNING id
                """, logger: logger).decode(Int.self).first { _ in true }
            if let old = int(n[0]), let id { noticeIDs[old] = id }
        }
        for c in noticeClosures {
            guard let id = int(c[0]).flatMap({ noticeIDs[$0] }) else { continue }
            try await connection.query("""
                INSERT INTO police_notice_close (notice_id, closed_on, by, note, at)
                VALUES (\(id), \(text(c[1]) ?? ""), \(text(c[2]) ?? ""), \(text(c[3]) ?? ""), \(text(c[4]) ?? ""))
                """, logger: logger)
        }
        var requestIDs: [Int: Int] = [:]
        for r in informationRequests {
            let id = try await connection.query("""
                INSERT INTO information_request (branch_id, reference, officer, received_on, deadline, selection, entered_by,
                                                 entered_at)
                VALUES (\(branch), \(text(r[1]) ?? ""), \(text(r[2]) ?? ""), \(text(r[3]) ?? ""), \(text(r[4]) ?? ""),
                        \(Data.fromDatabaseValue(r[5]) ?? Data()), \(text(r[6]) ?? ""), \(text(r[7]) ?? ""))
                RETURNING id
                """, logger: logger).decode(Int.self).first { _ in true }
            if let old = int(r[0]), let id { requestIDs[old] = id }
        }
        for a in answers {
            guard let id = int(a[0]).flatMap({ requestIDs[$0] }) else { continue }
            try await connection.query("""
                INSERT INTO information_request_answer (request_id, answered_on, by, note, at)
                VALUES (\(id), \(text(a[1]) ?? ""), \(text(a[2]) ?? ""), \(text(a[3]) ?? ""), \(text(a[4]) ?? ""))
                """, logger: logger)
        }
    }
}
