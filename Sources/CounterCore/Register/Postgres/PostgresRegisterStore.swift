import Foundation
import Logging
import NIOConcurrencyHelpers
import PostgresNIO

/// One branch's register in a PostgreSQL database shared by its tills (and by the other branches of a chain).
///
/// The same register as ``SQLiteRegisterStore``: every intake passes the same rules (``RegisterSettings/admit(_:at:)``,
/// the cash ban) and becomes the same `ChainedEntry`. What PostgreSQL adds is that several tills, in several
/// processes on several PCs, write at once: an entry's transaction locks its branch's counter row first, so the
/// numbers are 1, 2, 3, … per branch without a gap or a repeat, and the chain is one line per branch. The schema
/// (`PostgresRegisterSchema`) enforces that and append-only itself, whoever connects.
///
/// The caller runs the `PostgresClient` (`client.run()`, as a Service beside the engine).
public final class PostgresRegisterStore: Sendable {
    public let client: PostgresClient
    public let settings: RegisterSettings
    let logger: Logger
    private let damageBox = NIOLockedValueBox<RegisterVerification.Problem?>(nil)
    /// This process among the branch's others, in the events it sends (`BranchEvent/origin`).
    public let processID = "\(ProcessInfo.processInfo.hostName)/\(getpid())/\(UUID().uuidString.prefix(8))"

    /// Which upload worker this store is (`claimDueJobs(now:answerBy:limit:)` marks its jobs with it): the
    /// machine's name by default, the same after a restart, another at every till.
    public let workerName: String

    /// This PC's witness of the branch outside the database (a file in its data folder, fsync'd after each entry
    /// it registers, and with the head at each verify): ``verify()`` finds a branch that no longer holds what this PC
    /// saw, even when the server's chain was rewritten consistently. Nil: no witness (tests, the head office).
    public let anchor: RegisterAnchor?

    /// The branch's open written police notices, for the counter's check (``refreshNotices()``).
    package let noticeWatch = PoliceNoticeWatch()

    /// The branch this store registers for: the shop id written into its entries (`KvK/vestigingsnummer`).
    public var branchID: String { settings.shopID }

    /// - Parameters:
    ///   - client: a running client of the register's database.
    ///   - settings: the branch's settings; `shopID` names the branch (`PostgresBranch`).
    ///   - logger: where the store logs.
    ///   - workerName: the upload worker's name among the branch's (``workerName``).
    ///   - anchor: this PC's witness of the branch (``anchor``).
    public init(client: PostgresClient, settings: RegisterSettings, logger: Logger,
                workerName: String = ProcessInfo.processInfo.hostName, anchor: RegisterAnchor? = nil) {
        self.anchor = anchor
        self.client = client
        self.settings = settings
        self.logger = logger
        self.workerName = workerName
    }

    /// The store of `branchID`, with the shop's rules from `configuration` and the branch's own seller-key secret
    /// (one for all its tills, so a returning seller and the cash ban are the same at every till).
    /// - Parameters:
    ///   - client: a running client of the register's database.
    ///   - configuration: the shop's rules.
    ///   - branchID: the branch, `KvK/vestigingsnummer`.
    ///   - logger: where the store logs.
    ///   - workerName: by default the machine's name and its first till's (``defaultWorkerName(_:)``).
    ///   - anchorFolder: the data folder that keeps this PC's witness of the branch (``anchorPath(folder:branchID:)``).
    public static func open(client: PostgresClient, configuration: CounterConfiguration, branchID: String, logger: Logger,
                            workerName: String? = nil, anchorFolder: String? = nil) async throws -> PostgresRegisterStore {
        let secret = try await PostgresTransaction.read(client, logger: logger) { connection in
            // Only a database at this Counter's schema version: never a newer one's, nor one not yet upgraded.
            try await PostgresRegisterSchema.requireCurrent(connection, logger: logger)
            return try await connection.query("SELECT seller_key_secret FROM branch WHERE id = \(branchID)", logger: logger)
                .decode(Data.self).first { _ in true }
        }
        guard let secret else { throw RegisterStoreError.unknownBranch(branchID) }
        var settings = RegisterSettings(configuration: configuration, sellerKeySecret: secret)
        settings.shopID = branchID
        let store = PostgresRegisterStore(client: client, settings: settings, logger: logger,
                                          workerName: workerName ?? defaultWorkerName(configuration),
                                          anchor: anchorFolder.map { RegisterAnchor(path: anchorPath(folder: $0, branchID: branchID)) })
        try await store.refreshNotices()
        return store
    }

    /// Where a data folder keeps its witness of a branch: `branch-KVK-VESTIGING.anchor`.
    public static func anchorPath(folder: String, branchID: String) -> String {
        folder + "/branch-" + branchID.replacingOccurrences(of: "/", with: "-") + ".anchor"
    }

    /// The upload worker's name of a kiosk process: its machine and its first till (`pc-3/kassa-1`), the same
    /// after a restart and different for every till process of the branch, also several on one machine.
    public static func defaultWorkerName(_ configuration: CounterConfiguration) -> String {
        "\(ProcessInfo.processInfo.hostName)/\(configuration.effectiveTills.first?.name ?? TillConfiguration.defaultName)"
    }

    /// Creates or updates the database's tables, triggers and roles (`PostgresRegisterSchema`). Run by the
    /// technician's account, which owns the tables; tills connect as members of `counter_kiosk`.
    public static func migrate(_ client: PostgresClient, logger: Logger) async throws {
        try await PostgresRegisterSchema.migrate(client, logger: logger)
    }

    /// The database's schema version, and the newest this Counter knows.
    public static func schemaVersion(_ client: PostgresClient, logger: Logger) async throws -> (found: Int, newest: Int) {
        let found = try await PostgresTransaction.read(client, logger: logger) { connection in
            try await PostgresRegisterSchema.version(connection, logger: logger)
        }
        return (found, PostgresRegisterSchema.newest)
    }

    /// Why this register cannot prove it is whole, if it cannot: it then refuses new entries.
    public var damage: RegisterVerification.Problem? { damageBox.withLockedValue { $0 } }

    /// Marks the register as unable to prove it is whole: no new entries from this process from now on.
    public func markDamaged(_ problem: RegisterVerification.Problem) {
        damageBox.withLockedValue { if $0 == nil { $0 = problem } }
    }

    // MARK: - Writing

    /// Validates the intake, gives it its branch's next number, chains it and commits it with its upload job.
    public func append(_ intake: Intake, at date: Date) async throws -> RegisterEntry {
        try await write(intake, at: date, idempotencyKey: nil, records: RegistrationRecords()).entry
    }

    /// Registers an intake with what belongs to it in one transaction (``SQLiteRegisterStore/register(_:at:idempotencyKey:records:)``):
    /// the entry, its identity and items, the upload job, the checks, police flags and audit events, and the
    /// idempotency key. A retry with the same key returns the first entry and writes nothing.
    package func register(_ intake: Intake, at date: Date, idempotencyKey: String,
                         records: RegistrationRecords) async throws -> (entry: RegisterEntry, replayed: Bool) {
        try await write(intake, at: date, idempotencyKey: idempotencyKey, records: records)
    }

    /// Anchors a committed entry in this PC's witness. After the commit, so the witness is never ahead of the
    /// database; a failure leaves it behind, which is harmless (it is a lower bound).
    func anchorHead(_ entry: RegisterEntry) {
        try? anchor?.record(.init(entryNumber: entry.entryNumber, hash: entry.hash))
    }

    /// ``register(_:at:idempotencyKey:records:)``, and ``append(_:at:)`` without a key.
    private func write(_ intake: Intake, at date: Date, idempotencyKey: String?,
                       records: RegistrationRecords) async throws -> (entry: RegisterEntry, replayed: Bool) {
        if let damage { throw RegisterStoreError.damaged(damage) }
        guard CounterConfiguration.Shop.isReadyShopID(branchID) else { throw RegisterStoreError.shopNotSetUp }
        let intake = try settings.admit(intake, at: date)
        // All but the number and the hashes before the branch's counter is locked.
        let unplaced = ChainedEntry.Unplaced(intake, at: date, shopID: branchID, law: settings.law)
        let written: (entry: RegisterEntry, replayed: Bool) = try await PostgresTransaction.run(client, logger: logger) { [self] connection in
            // The branch's counter first: every other entry of the branch waits here until this one commits.
            let head = try await connection.execute(EntryStatements.LockCounter(branchID: branchID), logger: logger)
                .first { _ in true }
            guard let head else { throw RegisterStoreError.unknownBranch(branchID) }
            // Under the lock: a retry racing its first attempt finds the first attempt's entry.
            if let key = idempotencyKey, let number = try await Self.entryNumber(connection, branchID, idempotencyKey: key, logger) {
                guard let entry = try await Self.entry(connection, branchID, number: number, logger)
                else { throw RegisterStoreError.writeFailed("entry \(number) of request \(key) is missing") }
                return (entry, true)
            }
            if let corrected = intake.corrects,
               try await connection.query("""
                   SELECT 1 FROM entry WHERE branch_id = \(branchID) AND entry_number = \(corrected)
                   """, logger: logger).decode(Int.self).first(where: { _ in true }) == nil {
                throw IntakeError.correctedEntryNotFound(corrected)
            }
            try await refuseCash(connection, intake, at: date)
            let chained = unplaced.placed(number: head.0 + 1, previousHash: head.1)
            try await insert(connection, chained, intake: intake, at: date)
            let stamp = RegisterEntry.timestampFormatter.string(from: date)
            for (index, check) in records.checks.sorted(by: { $0.key < $1.key }) where index < chained.entry.items.count {
                var check = check
                check.itemID = chained.entry.itemID(index)
                try await Self.insert(connection, branchID, check, logger)
            }
            for (index, note) in records.policeFlags.sorted(by: { $0.key < $1.key }) where index < chained.entry.items.count {
                try await connection.query("""
                    INSERT INTO police_flag_event (branch_id, item_id, opened, at, note)
                    VALUES (\(branchID), \(chained.entry.itemID(index)), true, \(stamp), \(note))
                    """, logger: logger)
            }
            for record in records.audit {
                let subject = record.subject?.replacingOccurrences(of: "{entry}", with: "\(chained.entry.entryNumber)")
                try await Self.insertAuditEvent(connection, branchID, record.action, actor: record.actor, subject: subject,
                                                detail: record.detail, at: date, logger)
            }
            if let key = idempotencyKey {
                try await connection.query("""
                    INSERT INTO intake_request (branch_id, idempotency_key, entry_number, at)
                    VALUES (\(branchID), \(key), \(chained.entry.entryNumber), \(stamp))
                    """, logger: logger)
            }
            return (chained.entry, false)
        }
        if !written.replayed { anchorHead(written.entry) }
        return written
    }

    /// Writes the entry, its identity, items, upload job and search rows, moves the branch's counter onto it and
    /// tells the branch's other processes (delivered at commit), in one prepared statement
    /// (``EntryStatements/InsertEntry``): the branch's counter is locked meanwhile, so every round trip here is
    /// one every other till of the branch waits for.
    private func insert(_ connection: PostgresConnection, _ chained: ChainedEntry, intake: Intake, at date: Date) async throws {
        let entry = chained.entry, number = entry.entryNumber
        let recordedAt = RegisterEntry.timestampFormatter.string(from: entry.recordedAt)
        let sellerKey = SellerKey(secret: settings.sellerKeySecret).key(intake.seller.document)
        let kind = (intake.corrects == nil ? UploadOutbox.Kind.entry : .correction).rawValue
        // Arrays carry no NULLs here: an empty text stands for none.
        let itemIDs = entry.items.indices.map { entry.itemID($0) }
        let indexes = Array(entry.items.indices)
        let categories = entry.items.map(\.category.rawValue)
        let identifiers = entry.items.map { $0.identifiers.first ?? "" }
        let holds = entry.items.map { $0.holdUntil?.iso ?? "" }
        // The search index (`SearchIndex`): each number's loose key, the seller's keyed terms.
        var looseKeys: [String] = [], keyItems: [String] = []
        for (i, item) in entry.items.enumerated() {
            for number in item.identifiers where !SerialKey.exact(number).isEmpty {
                looseKeys.append(SerialKey.fold(SerialKey.exact(number)))
                keyItems.append(entry.itemID(i))
            }
        }
        let terms = Array(Set(SearchIndex.sellerTerms(intake.seller, secret: settings.sellerKeySecret)))
        let event = BranchEvent(branchID: branchID, kind: .entryRegistered, entryNumber: number, origin: processID).payload
        let statement = EntryStatements.InsertEntry(
            branchID: branchID, chained: chained, recordedAt: recordedAt, sellerKey: sellerKey, kind: kind,
            uploadKey: uploadKey(entryNumber: number), itemIDs: itemIDs, indexes: indexes, categories: categories,
            identifiers: identifiers, holds: holds, looseKeys: looseKeys, keyItems: keyItems, terms: terms,
            channel: Self.eventChannel, event: event)
        var moved = 0
        for try await _ in try await connection.execute(statement, logger: logger) { moved += 1 }
        guard moved == 1 else { throw RegisterStoreError.writeFailed("the counter of branch \(branchID) did not move onto entry \(number)") }
    }

    /// The Wwft cash ban (``CashBan/refuse(_:earlier:corrected:at:)``), read under the branch's counter lock so
    /// two tills cannot both pass with halves of one purchase.
    private func refuseCash(_ connection: PostgresConnection, _ intake: Intake, at date: Date) async throws {
        guard intake.paymentMethod == .cash else { return }
        let since = RegisterEntry.timestampFormatter.string(from: date.addingTimeInterval(-CashBan.window))
        let firstDay = CalendarDate(date.addingTimeInterval(-CashBan.window)).iso
        var corrected = Set<Int>()
        for try await number in try await connection.query("""
            SELECT corrects FROM entry WHERE branch_id = \(branchID) AND day >= \(firstDay) AND corrects IS NOT NULL
            """, logger: logger).decode(Int.self) {
            corrected.insert(number)
        }
        let key = SellerKey(secret: settings.sellerKeySecret).key(intake.seller.document)
        let earlier = try await Self.entries(
            connection, branchID, "s.seller_key = $2 AND e.recorded_at > $3", logger, binds: [key, since])
        try settings.cashBan.refuse(intake, earlier: earlier, corrected: corrected, at: date)
    }

    /// Stores a stolen-goods check of an item.
    public func record(_ check: ItemCheck) async throws {
        try await PostgresTransaction.run(client, logger: logger) { [self] connection in
            try await Self.insert(connection, branchID, check, logger)
        }
    }

    static func insert(_ connection: PostgresConnection, _ branchID: String, _ check: ItemCheck, _ logger: Logger) async throws {
        let record = try JSONEncoder().encode(check)
        let checkedAt = RegisterEntry.timestampFormatter.string(from: check.checkedAt)
        try await connection.query("""
            INSERT INTO item_check (branch_id, item_id, checked_at, status, record)
            VALUES (\(branchID), \(check.itemID), \(checkedAt), \(check.status.rawValue), \(record))
            """, logger: logger)
    }

    /// The key entry `number` is uploaded under: the branch's id makes it unique across a chain's branches.
    public func uploadKey(entryNumber number: Int) -> String { "\(branchID)/entry/\(number)" }

    // MARK: - Reading

    public func entry(number: Int) async throws -> RegisterEntry? {
        try await PostgresTransaction.read(client, logger: logger) { [self] connection in
            try await Self.entry(connection, branchID, number: number, logger)
        }
    }

    /// The entries acquired on `day`, in number order.
    public func entries(on day: CalendarDate) async throws -> [RegisterEntry] {
        try await PostgresTransaction.read(client, logger: logger) { [self] connection in
            try await Self.entries(connection, branchID, "e.day = $2", logger, binds: [day.iso])
        }
    }

    public func entryCount() async throws -> Int {
        try await PostgresTransaction.read(client, logger: logger) { [self] connection in
            try await connection.query("SELECT count(*) FROM entry WHERE branch_id = \(branchID)", logger: logger)
                .decode(Int.self).first { _ in true } ?? 0
        }
    }

    /// The branch's last entry number and hash, or nil before its first entry.
    public func head() async throws -> RegisterAnchor.Head? {
        try await PostgresTransaction.read(client, logger: logger) { [self] connection in
            guard let (number, hash) = try await connection.query("""
                SELECT last_number, last_hash FROM branch_counter WHERE branch_id = \(branchID)
                """, logger: logger).decode((Int, String).self).first(where: { _ in true })
            else { throw RegisterStoreError.unknownBranch(branchID) }
            return number == 0 ? nil : RegisterAnchor.Head(entryNumber: number, hash: hash)
        }
    }

    /// Every check of an item, oldest first.
    public func checks(itemID: String) async throws -> [ItemCheck] {
        try await PostgresTransaction.read(client, logger: logger) { [self] connection in
            var checks: [ItemCheck] = []
            for try await record in try await connection.query("""
                SELECT record FROM item_check WHERE branch_id = \(branchID) AND item_id = \(itemID) ORDER BY id
                """, logger: logger).decode(Data.self) {
                checks.append(try JSONDecoder().decode(ItemCheck.self, from: record))
            }
            return checks
        }
    }

    /// The entry a registration with this idempotency key made, if any.
    static func entryNumber(_ connection: PostgresConnection, _ branchID: String, idempotencyKey: String,
                            _ logger: Logger) async throws -> Int? {
        try await connection.query("""
            SELECT entry_number FROM intake_request WHERE branch_id = \(branchID) AND idempotency_key = \(idempotencyKey)
            """, logger: logger).decode(Int.self).first { _ in true }
    }

    /// The branch's entry `number` with its seller's identity, or nil.
    static func entry(_ connection: PostgresConnection, _ branchID: String, number: Int, _ logger: Logger) async throws -> RegisterEntry? {
        try await entries(connection, branchID, "e.entry_number = $2", logger, binds: [number]).first
    }

    /// Entries of the branch with their sellers' identities, in number order. `condition` is SQL over `e`
    /// (entry) and `s` (seller_identity) whose parameters start at `$2` (`$1` is the branch).
    /// Newest first when `newestFirst`; at most `limit` (SQL: a number or a parameter) when given.
    static func entries(_ connection: PostgresConnection, _ branchID: String, _ condition: String, _ logger: Logger,
                        binds values: [any PostgresEncodable & Sendable] = [], newestFirst: Bool = false,
                        limit: String? = nil) async throws -> [RegisterEntry] {
        var binds = PostgresBindings()
        binds.append(branchID)
        for value in values { try binds.append(value) }
        let query = PostgresQuery(unsafeSQL: """
            SELECT e.content, e.previous_hash, e.hash, s.identity, s.erased_on
            FROM entry e LEFT JOIN seller_identity s ON s.branch_id = e.branch_id AND s.entry_number = e.entry_number
            WHERE e.branch_id = $1 AND \(condition) ORDER BY e.entry_number\(newestFirst ? " DESC" : "")
            \(limit.map { "LIMIT " + $0 } ?? "")
            """, binds: binds)
        var entries: [RegisterEntry] = []
        for try await (content, previousHash, hash, identity, erasedOn) in try await connection.query(query, logger: logger)
            .decode((Data, String, String, Data?, String?).self) {
            let stored = SellerIdentity.Stored(identity: identity, salt: nil, erasedOn: erasedOn.flatMap(CalendarDate.init(iso:)))
            entries.append(try RegisterEntry.decode(content: content, previousHash: previousHash, hash: hash,
                                                    seller: stored.seller, erasedOn: stored.erasedOn))
        }
        return entries
    }
}
