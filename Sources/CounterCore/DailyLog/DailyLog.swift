import Foundation

/// The owner's view of one day's intake: every entry with its seller, items, price and check status,
/// and the totals per clerk and for the day.
public struct DailyLog: Sendable, Codable, Equatable {
    /// One entry, flattened for review.
    public struct Row: Sendable, Codable, Equatable {
        public var entryNumber: Int
        /// `HH:MM:SS`, shop time.
        public var time: String
        public var clerk: String
        public var kind: TransactionKind
        public var sellerName: String
        public var idDocument: String
        public var items: [String]
        public var priceCents: Int
        public var paymentMethod: PaymentMethod
        /// The most severe latest check status over the entry's items.
        public var checkStatus: ItemCheckStatus
        /// The entry this one corrects, if it is a correction.
        public var corrects: Int?

        /// The entry as the log shows it, with the latest check per item id.
        public init(entry: RegisterEntry, checks: [String: ItemCheck]) {
            let statuses = entry.items.indices.map { checks[entry.itemID($0)]?.status ?? .notYetChecked }
            entryNumber = entry.entryNumber
            time = ShopFormat.dutch.timeWithSeconds(entry.recordedAt)
            clerk = entry.clerk
            kind = entry.kind
            sellerName = entry.seller?.displayName ?? entry.erasedNote
            idDocument = entry.seller?.document.dutchLine
                ?? entry.erasedNote
            items = entry.items.map(\.summary)
            priceCents = entry.priceCents
            paymentMethod = entry.paymentMethod
            checkStatus = statuses.max { $0.severity < $1.severity } ?? .notYetChecked
            corrects = entry.corrects
        }
    }

    /// Count and sum for one clerk.
    public struct ClerkTotal: Sendable, Codable, Equatable {
        public var clerk: String
        public var count: Int
        public var totalCents: Int
    }

    public var day: CalendarDate
    public var rows: [Row]
    public var count: Int
    public var totalCents: Int
    public var perClerk: [ClerkTotal]
    /// The register's head when the log was made: printed on its last line, so a paper copy shows how far the
    /// register went (a later file with fewer entries, or another last hash, is then seen to be wrong).
    public var head: RegisterAnchor.Head?

    /// Builds the log of `day` from the register's storage (either backend).
    package static func of(_ day: CalendarDate, in storage: any RegisterStorage) async throws -> DailyLog {
        let entries = try await storage.entries(on: day)
        var log = DailyLog(day: day, entries: entries,
                           checks: try await storage.latestChecks(entryNumbers: entries.map(\.entryNumber)))
        log.head = try await storage.head()
        return log
    }

    /// Builds the log from entries and the latest check per item id.
    public init(day: CalendarDate, entries: [RegisterEntry], checks: [String: ItemCheck]) {
        self.day = day
        rows = entries.map { Row(entry: $0, checks: checks) }
        count = rows.count
        totalCents = rows.reduce(0) { $0 + $1.priceCents }
        var byClerk: [String: ClerkTotal] = [:]
        for row in rows {
            byClerk[row.clerk, default: ClerkTotal(clerk: row.clerk, count: 0, totalCents: 0)].count += 1
            byClerk[row.clerk]!.totalCents += row.priceCents
        }
        perClerk = byClerk.values.sorted { $0.clerk < $1.clerk }
    }
}

