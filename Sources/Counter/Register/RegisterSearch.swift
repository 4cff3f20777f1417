import Foundation

/// What an owner or an inspector looks for in the register: every criterion given must hold.
///
/// - ``serial``: an item's IMEI, serial or frame number, matched on its loose key (``SerialKey``): "SN 123-45",
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
