import Foundation

/// The register's storage as every backend offers it, asynchronously (issue 15): the embedded SQLite file
/// (``SQLiteRegisterStore``) and a PostgreSQL database shared by tills and branches (``PostgresRegisterStore``).
/// The same store tests run against both.
///
/// It covers what the engine (``CounterEngine``, ``CounterSession``) keeps: entries with their identities,
/// checks, the outbox and the owner's alerts (``RegisterOutbox``), staff accounts and the audit log
/// (`StaffStore`), the owner's metal prices, the sales register, and the police's hold orders, notices and
/// requests (``PoliceRecords``), and what the owner's search, entry detail and exports read; the engine takes
/// `any RegisterStorage`, and the erasure after retention.
package protocol RegisterStorage: RegisterOutbox, StaffStore, PoliceRecords, PoliceWatchList {
    /// The shop's settings the register applies (``RegisterSettings``).
    var settings: RegisterSettings { get }

    /// Registers an intake with its checks, police flags and audit events in one transaction; a retry with the
    /// same key returns the first entry (`replayed`) and writes nothing.
    func register(_ intake: Intake, at date: Date, idempotencyKey: String,
                  records: RegistrationRecords) async throws -> (entry: RegisterEntry, replayed: Bool)
    /// Registers an intake as the next entry, with its upload job.
    func append(_ intake: Intake, at date: Date) async throws -> RegisterEntry
    /// Stores a stolen-goods check of an item.
    func record(_ check: ItemCheck) async throws
    /// Appends one audit event.
    func appendAuditEvent(_ action: AuditAction, actor: String, subject: String?, detail: String, at date: Date) async throws

    /// The entry with this number, or nil.
    func entry(number: Int) async throws -> RegisterEntry?
    /// The entries acquired on `day` (shop time), in number order.
    func entries(on day: CalendarDate) async throws -> [RegisterEntry]
    /// The entries acquired from `from` to `to` (shop days), in number order.
    func entries(from: CalendarDate, to: CalendarDate) async throws -> [RegisterEntry]
    /// How many entries the register holds.
    func entryCount() async throws -> Int
    /// The last entry's number and hash, or nil for an empty register.
    func head() async throws -> RegisterAnchor.Head?
    /// Every check of an item, oldest first.
    func checks(itemID: String) async throws -> [ItemCheck]
    /// Audit events of one day (all days when nil), newest first.
    func auditEvents(on day: CalendarDate?, limit: Int) async throws -> [AuditEvent]

    /// Up to `limit` due upload jobs, oldest first, marked sent until `answerBy`; no other worker gets them.
    func claimDueJobs(now: Date, answerBy: Date, limit: Int) async throws -> [UploadJob]
    /// The register's answers to sent jobs.
    func recordAnswers(_ answers: [UploadJob.Answer], now: Date) async throws
    /// The upload queue's counts.
    func outboxSummary(now: Date) async throws -> UploadOutbox.Summary

    /// The most recent entry whose seller showed this document (a kept identity), for a returning seller.
    func lastEntry(documentNumber: String, issuingCountry: String) async throws -> RegisterEntry?
    /// The entry a registration with this idempotency key made, if any.
    func entry(idempotencyKey: String) async throws -> RegisterEntry?
    /// The most recent check of each item of these entries, by item id.
    func latestChecks(entryNumbers: [Int]) async throws -> [String: ItemCheck]
    /// Items still held on `day` (holding period, police flag, hold order), unsold.
    func itemsOnHold(on day: CalendarDate) async throws -> [HeldItem]
    /// Records a sale (verkoopregister) with its upload job and audit event; refused while the item must be kept
    /// (`Sale/admit(holdUntil:holdOrder:policeFlagOpen:alreadySold:)`) and by the cash ban. Returns its number.
    /// - Throws: ``SaleError``.
    func recordSale(_ sale: Sale, at date: Date) async throws -> Int
    /// Opens a police flag on an item: it may not be sold until the flag is closed.
    /// - Throws: ``SaleError/unknownItem(_:)``.
    func openPoliceFlag(itemID: String, note: String, at date: Date) async throws
    /// Closes a police flag (the police have been, or released the item).
    func closePoliceFlag(itemID: String, note: String, at date: Date) async throws
    /// The sales of these entries' items, by item id.
    func sales(entryNumbers: [Int]) async throws -> [String: Sale]
    /// The entry with this number and everything around it (checks, hold, sale, uploads, corrections), or nil.
    func entryDetail(number: Int, today: CalendarDate) async throws -> RegisterEntryDetail?
    /// The entries that meet every criterion of `query`, newest first (``RegisterSearch``).
    /// - Throws: ``RegisterQueryError``.
    func search(_ query: RegisterSearch) async throws -> RegisterSearch.Result
    /// The first entry that corrects entry `number`, if any.
    func firstCorrection(of number: Int) async throws -> Int?
    /// The owner's alerts, newest first; acknowledged ones too when asked.
    func alerts(includeAcknowledged: Bool) async throws -> [OwnerAlert]
    /// Records that `by` has dealt with an alert.
    /// - Throws: ``CounterError`` `alert.unknown` when there is no alert with this id.
    func acknowledgeAlert(_ id: Int, by: String, note: String, at date: Date) async throws
    /// The newest day price of each metal the owner priced.
    func metalPrices() async throws -> [PreciousMetal: MetalPrice]
    /// Sets the day price of a metal, audited.
    func setMetalPrice(_ price: MetalPrice, at date: Date) async throws

    /// Checks the numbering, the chain, the identities and the upload payloads.
    func verify() async throws -> RegisterVerification
    /// Why the register cannot prove it is whole, if it cannot: it then refuses new entries.
    var damage: RegisterVerification.Problem? { get }
    /// What the owner's register page shows, from what is known without a full verify.
    func health() async throws -> RegisterHealth

    /// What the erasure after retention would do on `today`, without writing anything.
    func purgePlan(today: CalendarDate) async throws -> PurgeReport
    /// Erases, in one transaction, the seller identity of every entry past `retention.identityYears` except those
    /// held for a police matter (`PurgeReport.plan(_:heldFor:policy:today:)`), with a chained purge event and an
    /// audit event, and the photos no kept entry names (`photos`: the data folder's, for the embedded register).
    /// Idempotent.
    func purge(today: CalendarDate, at date: Date, actor: String, photos: PhotoStore?) async throws -> PurgeReport
}

extension SQLiteRegisterStore: RegisterStorage {}

extension PostgresRegisterStore: RegisterStorage {}
