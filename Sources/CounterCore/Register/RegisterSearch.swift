import Foundation

/// What an owner or an inspector looks for in the register: every criterion given must hold.
///
/// - ``serial``: an item's IMEI, serial or frame number, matched on its loose key (`SerialKey`): "SN 123-45",
///   "sn12345" and "5N12345" all find "SN12345"; hits on the exact key come first.
/// - ``seller``: words of the seller's name, each a whole word, without regard to case or accents ("de vries"
///   finds "Jan Willem De Vries"). Only identities still kept are found.
/// - ``documentNumber``: the seller's document number, spaces and case aside.
/// - ``from``/``to``: the acquisition day, both ends included.
/// - ``clerk``, ``category``, ``checkStatus``: the clerk who registered it, a category of one of its items, the
///   latest stolen-goods check of one of its items.
///
/// Results come newest first, at most ``limit``.
public struct RegisterSearch: Sendable, Hashable, Codable {
    public var serial: String?
    public var seller: String?
    public var documentNumber: String?
    public var from: CalendarDate?
    public var to: CalendarDate?
    public var clerk: String?
    public var category: ItemCategory?
    public var checkStatus: ItemCheckStatus?
    public var limit: Int

    public init(serial: String? = nil, seller: String? = nil, documentNumber: String? = nil, from: CalendarDate? = nil,
                to: CalendarDate? = nil, clerk: String? = nil, category: ItemCategory? = nil,
                checkStatus: ItemCheckStatus? = nil, limit: Int = 200) {
        self.serial = serial
        self.seller = seller
        self.documentNumber = documentNumber
        self.from = from
        self.to = to
        self.clerk = clerk
        self.category = category
        self.checkStatus = checkStatus
        self.limit = limit
    }

    /// No criterion given: a search would list the whole register, so it is refused.
    public var isEmpty: Bool {
        [serial, seller, documentNumber, clerk].allSatisfy { ($0 ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
            && from == nil && to == nil && category == nil && checkStatus == nil
    }

    /// One entry found.
    public struct Hit: Sendable, Codable, Equatable {
        /// The acquisition day.
        public var day: CalendarDate
        /// The entry as the day log shows it.
        public var row: DailyLog.Row
        /// The items whose number matched ``RegisterSearch/serial`` (empty without a serial).
        public var matchedItems: [String]
        /// Whether a matched number is the same as searched, not only alike (O for 0, S for 5).
        public var exactMatch: Bool
        /// Later entries that correct this one.
        public var correctedBy: [Int]
    }

    /// The entries found, and whether there were more than ``RegisterSearch/limit``.
    public struct Result: Sendable, Codable, Equatable {
        public var hits: [Hit]
        public var more: Bool
    }
}

extension RegisterSearch {
    /// A search made ready for a backend, once for both: its criteria checked, the serial's keys and the seller's
    /// keyed terms (`SearchIndex`) computed; nil when nothing can match (a serial or a name of punctuation only).
    struct Plan: Sendable {
        var query: RegisterSearch
        /// The serial's exact and loose keys (`SerialKey`).
        var serialKeys: (exact: String, loose: String)?
        /// The keyed terms of the document number and each name word.
        var terms: [String]
        var clerk: String?
        var limit: Int

        /// - Throws: ``RegisterQueryError`` when no criterion is given or the period runs backwards.
        init?(_ query: RegisterSearch, secret: Data) throws {
            if query.isEmpty { throw RegisterQueryError.noCriteria }
            if let from = query.from, let to = query.to, to < from { throw RegisterQueryError.badPeriod }
            self.query = query
            limit = min(max(query.limit, 1), 1000)
            if let serial = query.serial?.trimmed, !serial.isEmpty {
                let exact = SerialKey.exact(serial)
                guard !exact.isEmpty else { return nil }
                serialKeys = (exact, SerialKey.fold(exact))
            }
            terms = []
            if let number = query.documentNumber?.trimmed, !number.isEmpty {
                terms.append(SearchIndex.term("d", SearchIndex.documentKey(number), secret: secret))
            }
            if let name = query.seller?.trimmed, !name.isEmpty {
                let words = SearchIndex.nameWords(name)
                guard !words.isEmpty else { return nil }
                terms += Set(words).map { SearchIndex.term("n", $0, secret: secret) }
            }
            clerk = query.clerk?.trimmed.nilIfEmpty
        }

        /// The hit an entry found by the backend makes, or nil when it fails what the index cannot say: its own
        /// day in the period, and the latest check of one of its items.
        func hit(_ entry: RegisterEntry, checks: [String: ItemCheck], correctedBy: [Int]) -> Hit? {
            if let from = query.from, entry.day < from { return nil }
            if let to = query.to, to < entry.day { return nil }
            if let status = query.checkStatus,
               !entry.items.indices.contains(where: { (checks[entry.itemID($0)]?.status ?? .notYetChecked) == status }) {
                return nil
            }
            var matched: [String] = []
            var exact = false
            if let keys = serialKeys {
                for (i, item) in entry.items.enumerated() {
                    let itemKeys = item.identifiers.map(SerialKey.exact)
                    if itemKeys.contains(where: { SerialKey.fold($0) == keys.loose }) { matched.append(entry.itemID(i)) }
                    if itemKeys.contains(keys.exact) { exact = true }
                }
            }
            return Hit(day: entry.day, row: DailyLog.Row(entry: entry, checks: checks), matchedItems: matched,
                       exactMatch: exact, correctedBy: correctedBy)
        }

        /// The result from the hits found, newest first (up to one more than the limit): the limit kept, exact
        /// number matches first.
        func result(_ found: [Hit]) -> Result {
            var hits = Array(found.prefix(limit))
            if serialKeys != nil { hits = hits.filter(\.exactMatch) + hits.filter { !$0.exactMatch } }
            return Result(hits: hits, more: found.count > limit)
        }
    }
}

/// Why a search or an export could not be made: a stable code, worded in the catalog.
public struct RegisterQueryError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: CounterMessages.Code
    public var parameters: [String: String] = [:]
    public func message(_ language: CounterMessages.Language) -> String { CounterMessages.text(code, language, parameters) }
    public var description: String { message(.en) }
    public static let noCriteria = RegisterQueryError(code: .searchNoCriteria)
    public static let badPeriod = RegisterQueryError(code: .searchBadPeriod)
    public static let periodTooLong = RegisterQueryError(code: .exportPeriodTooLong,
                                                         parameters: ["days": String(RegisterExport.maximumDays)])
}
