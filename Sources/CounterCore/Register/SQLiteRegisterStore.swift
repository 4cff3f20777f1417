import Crypto
import Foundation
import GRDB
import NIOConcurrencyHelpers

/// The register in a SQLite file (WAL, `synchronous=FULL`), shared safely by the kiosk and the CLI.
///
/// Append-only is enforced twice: this type has no update or delete API, and triggers in the schema
/// reject UPDATE and DELETE on register rows.
public final class SQLiteRegisterStore: RegisterStore {
    /// What the store needs to know about the shop (``RegisterSettings``, the same for every backend).
    public typealias Settings = RegisterSettings

    /// The GRDB pool, for the other parts of the engine that keep tables in the same file (upload queue).
    public let dbPool: DatabasePool
    public let settings: Settings
    public let path: String
    /// The head outside the database file (``RegisterAnchor``), next to it.
    public let anchor: RegisterAnchor
    private let damageBox = NIOLockedValueBox<RegisterVerification.Problem?>(nil)
    private let shopIDBox: NIOLockedValueBox<String>

    /// The shop id written into new entries (`KvK/vestiging`): the settings', or what the first-start page
    /// set since (``setShopID(_:)``).
    public var shopID: String { shopIDBox.withLockedValue { $0 } }

    /// The shop was set up while the register is open: new entries carry this id.
    public func setShopID(_ id: String) { shopIDBox.withLockedValue { $0 = id } }

    /// The register takes no entry until the shop is set up (``CounterConfiguration/Shop/isReadyShopID(_:)``).
    func refuseIfShopNotSetUp() throws {
        if !CounterConfiguration.Shop.isReadyShopID(shopID) { throw RegisterStoreError.shopNotSetUp }
    }

    /// Why this register cannot prove it is whole, if it cannot: it then refuses new entries, and can still
    /// be read and exported.
    public var damage: RegisterVerification.Problem? { damageBox.withLockedValue { $0 } }

    /// Marks the register as unable to prove it is whole (a failed verify): no new entries from now on.
    public func markDamaged(_ problem: RegisterVerification.Problem) {
        damageBox.withLockedValue { if $0 == nil { $0 = problem } }
    }

    func refuseIfDamaged() throws {
        if let damage { throw RegisterStoreError.damaged(damage) }
    }

    /// Opens (creating if needed) the register at `path` and runs pending migrations.
    public init(path: String, settings: Settings) throws {
        self.path = path
        self.settings = settings
        self.shopIDBox = NIOLockedValueBox(settings.shopID)
        self.anchor = RegisterAnchor(path: path + ".anchor")
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // Every register write is on disk before the clerk sees the entry number.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Freed space (an erased identity, a rewritten row) is overwritten with zeros, not left readable.
            try db.execute(sql: "PRAGMA secure_delete = ON")
            // Reads through a memory map: a search on a register of a million entries reads a few hundred pages
            // spread over gigabytes, and a read call per page cost more than the search itself (issue 14).
            try db.execute(sql: "PRAGMA mmap_size = 1073741824")
        }
        do {
            // GRDB's migrator is safe between threads, not between processes: the kiosk and the CLI starting
            // on a new register at once would both switch the file to WAL and create the tables. An exclusive
            // file lock serialises opening and migrating.
            var pool: DatabasePool?
            try Self.withFileLock(path + ".migrate-lock") {
                // Created 0600 before SQLite opens it: its WAL and shared-memory files take the same mode.
                PrivateFiles.touch(path)
                pool = try DatabasePool(path: path, configuration: config)
                PrivateFiles.file(path + "-wal")
                PrivateFiles.file(path + "-shm")
                let migrator = RegisterSchema.migrator(secret: settings.sellerKeySecret)
                // A newer version's format is never opened by an older one (a downgrade): it would write rows the
                // newer format's rules do not expect.
                let unknown = try pool!.read { db in try migrator.appliedIdentifiers(db).subtracting(migrator.migrations) }
                if let newest = unknown.sorted().last { throw RegisterStoreError.newerFormat(found: newest) }
                try migrator.migrate(pool!)
            }
            dbPool = pool!
        } catch let error as DatabaseError {
            throw RegisterStoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
        if let problem = try? checkAtOpen() { markDamaged(problem) }
    }

    static func withFileLock(_ lockPath: String, _ body: () throws -> Void) throws {
        let fd = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw RegisterStoreError.cannotOpen(path: lockPath, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw RegisterStoreError.cannotOpen(path: lockPath, reason: String(cString: strerror(errno)))
            }
        }
        defer { flock(fd, LOCK_UN) }
        try body()
    }

    // MARK: - Writing

    public func append(_ intake: Intake, at date: Date) throws -> RegisterEntry {
        try refuseIfDamaged()
        try refuseIfShopNotSetUp()
        let intake = try settings.admit(intake, at: date)
        let entry = try write { db in try insertEntry(db, intake, at: date) }
        anchorHead(entry)
        return entry
    }

    /// Registers several intakes in one transaction, each as ``append(_:at:)`` would: all or none. For an
    /// import of a register kept before, and for the benchmarks that need a register of a million entries.
    ///
    /// - Returns: the last entry written, or nil for no intakes.
    @discardableResult
    public func append(contentsOf intakes: [(Intake, Date)]) throws -> RegisterEntry? {
        try refuseIfDamaged()
        try refuseIfShopNotSetUp()
        let cleaned = try intakes.map { intake, date in (try settings.admit(intake, at: date), date) }
        let last = try write { db in try cleaned.map { try insertEntry(db, $0.0, at: $0.1) }.last }
        if let last { anchorHead(last) }
        return last
    }

    /// Anchors a committed entry. A failure here leaves the anchor behind, which is harmless: the entry is
    /// registered, and the anchor is a lower bound.
    func anchorHead(_ entry: RegisterEntry) {
        try? anchor.record(.init(entryNumber: entry.entryNumber, hash: entry.hash))
    }

    /// Writes a validated intake as the next entry inside the caller's transaction: entry, seller identity
    /// (apart from the chain, `SellerIdentity`), items, upload job.
    func insertEntry(_ db: Database, _ intake: Intake, at date: Date) throws -> RegisterEntry {
        if let corrected = intake.corrects,
           try Int.fetchOne(db, sql: "SELECT 1 FROM entry WHERE entry_number = ?", arguments: [corrected]) == nil {
            throw IntakeError.correctedEntryNotFound(corrected)
        }
        try refuseCash(db, intake, at: date)
        let last = try Row.fetchOne(
            db, sql: "SELECT entry_number, hash FROM entry ORDER BY entry_number DESC LIMIT 1")
        let chained = ChainedEntry(intake, at: date, number: (last?["entry_number"] as Int? ?? 0) + 1,
                                   previousHash: last?["hash"] as String? ?? RegisterEntry.genesisHash,
                                   shopID: shopID, law: settings.law)
        let entry = chained.entry, number = entry.entryNumber, day = entry.day
        try db.execute(
            sql: """
                INSERT INTO entry (entry_number, recorded_at, day, clerk, price_cents, corrects,
                                   content, previous_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [number, RegisterEntry.timestampFormatter.string(from: entry.recordedAt), day.iso, intake.clerk,
                        intake.priceCents, intake.corrects, chained.content, entry.previousHash, entry.hash])
        try db.execute(
            sql: "INSERT INTO seller_identity (entry_number, identity, salt, seller_key) VALUES (?, ?, ?, ?)",
            arguments: [number, chained.identity, chained.salt, sellerKey(intake.seller.document)])
        for (i, item) in entry.items.enumerated() {
            try db.execute(
                sql: """
                    INSERT INTO entry_item (item_id, entry_number, item_index, category, identifier, hold_until)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [entry.itemID(i), number, i, item.category.rawValue, item.identifiers.first,
                            item.holdUntil?.iso])
        }
        try SearchIndex.insert(db, entry, sellerTerms: SearchIndex.sellerTerms(intake.seller, secret: settings.sellerKeySecret))
        try UploadOutbox.enqueue(
            db, kind: intake.corrects == nil ? .entry : .correction, entryNumber: number, saleID: nil,
            idempotencyKey: uploadKey(entryNumber: number), payload: chained.upload, at: date)
        return entry
    }

    public func record(_ check: ItemCheck) throws {
        try write { db in try Self.insert(db, check) }
    }

    static func insert(_ db: Database, _ check: ItemCheck) throws {
        try db.execute(
            sql: "INSERT INTO item_check (item_id, checked_at, status, record) VALUES (?, ?, ?, ?)",
            arguments: [check.itemID, RegisterEntry.timestampFormatter.string(from: check.checkedAt),
                        check.status.rawValue, try JSONEncoder().encode(check)])
    }

    /// Records a sale with its upload job and audit event in one transaction (`Sale/admit(holdUntil:holdOrder:policeFlagOpen:alreadySold:)`,
    /// the cash ban). Returns the sale's number.
    package func recordSale(_ sale: Sale, at date: Date) throws -> Int {
        try sale.requireFields()
        return try write { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT entry_number, hold_until FROM entry_item WHERE item_id = ?", arguments: [sale.itemID])
            else { throw SaleError.unknownItem(sale.itemID) }
            try sale.admit(
                holdUntil: (row["hold_until"] as String?).flatMap(CalendarDate.init(iso:)),
                holdOrder: try Self.runningHoldOrder(db, itemID: sale.itemID, on: sale.soldOn),
                policeFlagOpen: try Self.policeFlagOpen(db, itemID: sale.itemID),
                alreadySold: try Int.fetchOne(db, sql: "SELECT 1 FROM sale WHERE item_id = ?", arguments: [sale.itemID]) != nil)
            try refuseCash(db, sale, at: date)
            let content = try sale.content()
            try db.execute(
                sql: "INSERT INTO sale (item_id, recorded_at, content) VALUES (?, ?, ?)",
                arguments: [sale.itemID, RegisterEntry.timestampFormatter.string(from: date), content])
            let saleID = Int(db.lastInsertedRowID)
            try UploadOutbox.enqueue(
                db, kind: .sale, entryNumber: row["entry_number"], saleID: saleID,
                idempotencyKey: "\(shopID)/sale/\(saleID)", payload: content, at: date)
            try Self.insertAuditEvent(db, .saleRecorded, actor: sale.clerk, subject: "item \(sale.itemID)", detail: "", at: date)
            return saleID
        }
    }

    public func openPoliceFlag(itemID: String, note: String, at date: Date) throws {
        try policeFlagEvent(itemID: itemID, opened: true, note: note, at: date)
    }

    public func closePoliceFlag(itemID: String, note: String, at date: Date) throws {
        try policeFlagEvent(itemID: itemID, opened: false, note: note, at: date)
    }

    func policeFlagEvent(itemID: String, opened: Bool, note: String, at date: Date) throws {
        try write { db in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM entry_item WHERE item_id = ?", arguments: [itemID]) != nil
            else { throw SaleError.unknownItem(itemID) }
            try Self.insertPoliceFlag(db, itemID: itemID, opened: opened, note: note, at: date)
        }
    }

    static func insertPoliceFlag(_ db: Database, itemID: String, opened: Bool, note: String, at date: Date) throws {
        try db.execute(
            sql: "INSERT INTO police_flag_event (item_id, opened, at, note) VALUES (?, ?, ?, ?)",
            arguments: [itemID, opened, RegisterEntry.timestampFormatter.string(from: date), note])
    }

    static func policeFlagOpen(_ db: Database, itemID: String) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT opened FROM police_flag_event WHERE item_id = ? ORDER BY id DESC LIMIT 1",
            arguments: [itemID]) ?? false
    }

    /// Runs `body` in an IMMEDIATE transaction, so the next entry number is read and written under one lock
    /// even when another process (the CLI next to the kiosk) writes too. SQLite errors become clear messages.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try dbPool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_FULL: throw RegisterStoreError.diskFull
            case .SQLITE_BUSY, .SQLITE_LOCKED: throw RegisterStoreError.busy
            default: throw RegisterStoreError.writeFailed(error.message ?? "\(error.resultCode)")
            }
        }
    }

    /// Keyed hash of the document, so a returning seller can be found without an index of document numbers
    /// (``SellerKey``).
    func sellerKey(_ document: IdentityDocument) -> String {
        SellerKey(secret: settings.sellerKeySecret).key(document)
    }
}
