import Foundation
import GRDB

/// The written police workflows of art. 437 lid 1 Sr in the register's database, each write audited in its
/// own transaction.
extension SQLiteRegisterStore {
    // MARK: - Hold orders (bewaarlast, onder f)

    /// Records a hold order on an item (at most 14 days, ``HoldOrder/validate(orderedOn:until:officer:reference:today:)``).
    /// The item cannot be sold while it runs, and shows on the holding page.
    @discardableResult
    package func addHoldOrder(itemID: String, orderedOn: CalendarDate, until: CalendarDate, officer: String,
                             reference: String, note: String = "", by: String, at date: Date) throws -> HoldOrder {
        try HoldOrder.validate(orderedOn: orderedOn, until: until, officer: officer, reference: reference,
                               today: CalendarDate(date))
        return try write { db in
            try Self.requireItem(db, itemID)
            try db.execute(sql: """
                INSERT INTO hold_order (item_id, ordered_on, until, officer, reference, note, entered_by, entered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [itemID, orderedOn.iso, until.iso, officer, reference, note, by, Self.stamp(date)])
            let id = Int(db.lastInsertedRowID)
            try SQLiteRegisterStore.insertAuditEvent(db, .holdOrderAdded, actor: by, subject: "item \(itemID)",
                                detail: "\(reference), \(officer): \(orderedOn.iso) t/m \(until.iso)", at: date)
            return try Self.holdOrders(db, where: "h.id = ?", [id])[0]
        }
    }

    /// The police lifted a hold order before its end.
    package func liftHoldOrder(_ id: Int, note: String, by: String, at date: Date) throws {
        try write { db in
            guard let order = try Self.holdOrders(db, where: "h.id = ?", [id]).first else { throw PoliceError.notFound(id) }
            try db.execute(sql: "INSERT OR IGNORE INTO hold_order_lift (order_id, lifted_on, by, note, at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [id, CalendarDate(date).iso, by, note, Self.stamp(date)])
            try SQLiteRegisterStore.insertAuditEvent(db, .holdOrderLifted, actor: by, subject: "item \(order.itemID)",
                                detail: "\(order.reference): \(note)", at: date)
        }
    }

    /// Hold orders, newest first; only those still holding on `day` when given.
    package func holdOrders(runningOn day: CalendarDate? = nil) throws -> [HoldOrder] {
        try dbPool.read { db in
            let all = try Self.holdOrders(db, where: "1", [])
            return day.map { d in all.filter { $0.holds(on: d) } } ?? all
        }
    }

    /// The order holding `itemID` on `day`, if any (the latest ending).
    static func runningHoldOrder(_ db: Database, itemID: String, on day: CalendarDate) throws -> HoldOrder? {
        try holdOrders(db, where: "h.item_id = ?", [itemID]).filter { $0.holds(on: day) }.max { $0.until < $1.until }
    }

    static func holdOrders(_ db: Database, where condition: String, _ arguments: [any DatabaseValueConvertible]) throws -> [HoldOrder] {
        try Row.fetchAll(db, sql: """
            SELECT h.*, l.lifted_on FROM hold_order h LEFT JOIN hold_order_lift l ON l.order_id = h.id
            WHERE \(condition) ORDER BY h.id DESC
            """, arguments: StatementArguments(arguments)).map { row in
            HoldOrder(id: row["id"], itemID: row["item_id"], orderedOn: CalendarDate(iso: row["ordered_on"])!,
                      until: CalendarDate(iso: row["until"])!, officer: row["officer"], reference: row["reference"],
                      note: row["note"], enteredBy: row["entered_by"],
                      liftedOn: (row["lifted_on"] as String?).flatMap(CalendarDate.init(iso:)))
        }
    }

    /// Tells the owner, once per order, that a hold order ended (an owner alert). Returns how many.
    @discardableResult
    package func tellEndedHoldOrders(today: CalendarDate, at date: Date) throws -> Int {
        try write { db in
            let ended = try Self.holdOrders(db, where: "h.id NOT IN (SELECT order_id FROM hold_order_told)", [])
                .filter { $0.liftedOn == nil && $0.until < today }
            for order in ended {
                try db.execute(sql: "INSERT INTO hold_order_told (order_id, at) VALUES (?, ?)", arguments: [order.id, Self.stamp(date)])
                try Self.insertAlert(db, .holdOrderEnded, itemID: order.itemID, .alertHoldOrderEnded,
                    ["item": order.itemID, "reference": order.reference, "until": ShopFormat.dutch.date(order.until)], at: date)
            }
            return ended.count
        }
    }

    // MARK: - Written notices of stolen goods (onder e)

    /// Records a written notice as a watch-list entry, and flags every unsold good in the shop that matches it
    /// (police flag and owner alert in the same transaction). Returns the notice and the flagged item ids.
    package func addPoliceNotice(reference: String, officer: String, receivedOn: CalendarDate, identifier: String?,
                                brand: String?, description: String, by: String, at date: Date) throws
        -> (notice: PoliceNotice, flagged: [String]) {
        try PoliceNotice.validate(reference: reference, officer: officer, identifier: identifier, brand: brand,
                                  description: description)
        let identifier = identifier.flatMap { SerialKey.exact($0).isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces) }
        return try write { db in
            try db.execute(sql: """
                INSERT INTO police_notice (reference, officer, received_on, identifier, identifier_key, brand, description,
                                           entered_by, entered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [reference, officer, receivedOn.iso, identifier, identifier.map(SerialKey.exact), brand,
                                 description, by, Self.stamp(date)])
            let notice = try Self.notices(db, where: "n.id = ?", [Int(db.lastInsertedRowID)])[0]
            try SQLiteRegisterStore.insertAuditEvent(db, .policeNoticeAdded, actor: by, subject: "notice \(notice.id)",
                                detail: "\(reference), \(officer): \(identifier ?? "") \(brand ?? "") \(description)", at: date)
            var flagged: [String] = []
            for (itemID, entryNumber, item) in try Self.unsoldItems(db) where notice.matches(item) {
                if try !Self.policeFlagOpen(db, itemID: itemID) {
                    try Self.insertPoliceFlag(db, itemID: itemID, opened: true,
                                              note: "schriftelijke melding politie \(reference)", at: date)
                }
                try Self.insertAlert(db, .policeNoticeMatch, itemID: itemID, entryNumber: entryNumber, .alertPoliceNoticeMatch,
                    ["item": itemID, "entry": String(entryNumber), "reference": reference], at: date)
                flagged.append(itemID)
            }
            return (notice, flagged)
        }
    }

    /// The police withdrew a notice (the good was found, or it was a mistake).
    package func closePoliceNotice(_ id: Int, note: String, by: String, at date: Date) throws {
        try write { db in
            guard try Self.notices(db, where: "n.id = ?", [id]).first != nil else { throw PoliceError.notFound(id) }
            try db.execute(sql: "INSERT OR IGNORE INTO police_notice_close (notice_id, closed_on, by, note, at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [id, CalendarDate(date).iso, by, note, Self.stamp(date)])
            try SQLiteRegisterStore.insertAuditEvent(db, .policeNoticeClosed, actor: by, subject: "notice \(id)", detail: note, at: date)
        }
    }

    /// Notices, newest first; only open ones unless `includeClosed`.
    package func policeNotices(includeClosed: Bool = false) throws -> [PoliceNotice] {
        try dbPool.read { db in
            try Self.notices(db, where: includeClosed ? "1" : "c.notice_id IS NULL", [])
        }
    }

    static func notices(_ db: Database, where condition: String, _ arguments: [any DatabaseValueConvertible]) throws -> [PoliceNotice] {
        try Row.fetchAll(db, sql: """
            SELECT n.*, c.closed_on FROM police_notice n LEFT JOIN police_notice_close c ON c.notice_id = n.id
            WHERE \(condition) ORDER BY n.id DESC
            """, arguments: StatementArguments(arguments)).map { row in
            PoliceNotice(id: row["id"], reference: row["reference"], officer: row["officer"],
                         receivedOn: CalendarDate(iso: row["received_on"])!, identifier: row["identifier"],
                         brand: row["brand"], description: row["description"], enteredBy: row["entered_by"],
                         closedOn: (row["closed_on"] as String?).flatMap(CalendarDate.init(iso:)))
        }
    }

    /// Every good not sold, with its entry number (for matching a new notice).
    static func unsoldItems(_ db: Database) throws -> [(String, Int, RegisterItem)] {
        var result: [(String, Int, RegisterItem)] = []
        let sold = Set(try String.fetchAll(db, sql: "SELECT item_id FROM sale"))
        for row in try Row.fetchAll(db, sql: """
            SELECT e.entry_number, e.content FROM entry e
            WHERE EXISTS (SELECT 1 FROM entry_item i WHERE i.entry_number = e.entry_number
                          AND i.item_id NOT IN (SELECT item_id FROM sale))
            """) {
            guard let content = try? JSONDecoder().decode(RegisterEntry.Content.self, from: row["content"] as Data) else { continue }
            let number: Int = row["entry_number"]
            for (index, item) in content.items.enumerated() {
                let itemID = RegisterEntry.itemID(entryNumber: number, index: index)
                if !sold.contains(itemID) { result.append((itemID, number, item)) }
            }
        }
        return result
    }

    // MARK: - Information requests (onder g)

    /// Records a written request for information with its deadline and selection.
    @discardableResult
    package func addInformationRequest(reference: String, officer: String, receivedOn: CalendarDate, deadline: CalendarDate,
                                      selection: InformationRequest.Selection, by: String, at date: Date) throws -> InformationRequest {
        try InformationRequest.validate(reference: reference, officer: officer, receivedOn: receivedOn, deadline: deadline,
                                        selection: selection)
        return try write { db in
            try db.execute(sql: """
                INSERT INTO information_request (reference, officer, received_on, deadline, selection, entered_by, entered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [reference, officer, receivedOn.iso, deadline.iso,
                                 try RegisterEntry.canonicalEncoder().encode(selection), by, Self.stamp(date)])
            let request = try Self.requests(db, where: "r.id = ?", [Int(db.lastInsertedRowID)])[0]
            try SQLiteRegisterStore.insertAuditEvent(db, .informationRequestAdded, actor: by, subject: "request \(request.id)",
                                detail: "\(reference), \(officer): uiterlijk \(deadline.iso)", at: date)
            return request
        }
    }

    /// Marks a request answered: its deadline leaves the owner's page.
    package func answerInformationRequest(_ id: Int, note: String, by: String, at date: Date) throws {
        try write { db in
            guard try Self.requests(db, where: "r.id = ?", [id]).first != nil else { throw PoliceError.notFound(id) }
            try db.execute(sql: """
                INSERT OR IGNORE INTO information_request_answer (request_id, answered_on, by, note, at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [id, CalendarDate(date).iso, by, note, Self.stamp(date)])
            try SQLiteRegisterStore.insertAuditEvent(db, .informationRequestAnswered, actor: by, subject: "request \(id)", detail: note, at: date)
        }
    }

    /// Requests, by deadline; only unanswered ones unless `includeAnswered`.
    package func informationRequests(includeAnswered: Bool = false) throws -> [InformationRequest] {
        try dbPool.read { db in
            try Self.requests(db, where: includeAnswered ? "1" : "a.request_id IS NULL", [])
        }
    }

    package func informationRequest(_ id: Int) throws -> InformationRequest? {
        try dbPool.read { db in try Self.requests(db, where: "r.id = ?", [id]).first }
    }

    static func requests(_ db: Database, where condition: String, _ arguments: [any DatabaseValueConvertible]) throws -> [InformationRequest] {
        try Row.fetchAll(db, sql: """
            SELECT r.*, a.answered_on, a.by AS answered_by FROM information_request r
            LEFT JOIN information_request_answer a ON a.request_id = r.id
            WHERE \(condition) ORDER BY r.deadline, r.id
            """, arguments: StatementArguments(arguments)).map { row in
            InformationRequest(
                id: row["id"], reference: row["reference"], officer: row["officer"],
                receivedOn: CalendarDate(iso: row["received_on"])!, deadline: CalendarDate(iso: row["deadline"])!,
                selection: try JSONDecoder().decode(InformationRequest.Selection.self, from: row["selection"] as Data),
                enteredBy: row["entered_by"], answeredOn: (row["answered_on"] as String?).flatMap(CalendarDate.init(iso:)),
                answeredBy: row["answered_by"])
        }
    }

    /// The entries a request selects: every criterion given must hold (an item's number, the seller's
    /// document, the acquisition period), in number order.
    package func entries(selectedBy selection: InformationRequest.Selection) throws -> [RegisterEntry] {
        try dbPool.read { db in try Self.selectedEntries(db, selection, sellerKey: selection.documentNumber.map {
            sellerKey(IdentityDocument(kind: .other, number: $0, issuingCountry: selection.issuingCountry ?? "NLD", expiryDate: nil))
        }) }
    }

    static func selectedEntries(_ db: Database, _ selection: InformationRequest.Selection, sellerKey: String?) throws -> [RegisterEntry] {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let key = sellerKey { conditions.append("s.seller_key = ?"); arguments.append(key) }
        if let from = selection.from { conditions.append("e.day >= ?"); arguments.append(from.iso) }
        if let to = selection.to { conditions.append("e.day <= ?"); arguments.append(to.iso) }
        let sql = "\(selectEntry) WHERE \(conditions.isEmpty ? "1" : conditions.joined(separator: " AND ")) ORDER BY e.entry_number"
        var entries = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map(entry(from:))
        if let identifier = selection.identifier, !SerialKey.exact(identifier).isEmpty {
            let key = SerialKey.exact(identifier)
            entries = entries.filter { $0.items.contains { $0.identifiers.contains { SerialKey.exact($0) == key } } }
        }
        return entries
    }

    /// Entries with an item under a running hold order, or selected by an unanswered information request:
    /// they keep their identity past retention until the police matter is closed.
    func policeMatters(_ db: Database, today: CalendarDate) throws -> [Int: (reason: String, itemID: String)] {
        var matters: [Int: (reason: String, itemID: String)] = [:]
        for order in try Self.holdOrders(db, where: "1", []) where order.holds(on: today) {
            if let number = try Int.fetchOne(db, sql: "SELECT entry_number FROM entry_item WHERE item_id = ?", arguments: [order.itemID]) {
                matters[number] = ("holdOrder", order.itemID)
            }
        }
        for request in try Self.requests(db, where: "a.request_id IS NULL", []) {
            let key = request.selection.documentNumber.map {
                sellerKey(IdentityDocument(kind: .other, number: $0, issuingCountry: request.selection.issuingCountry ?? "NLD", expiryDate: nil))
            }
            for entry in try Self.selectedEntries(db, request.selection, sellerKey: key) where matters[entry.entryNumber] == nil {
                matters[entry.entryNumber] = ("informationRequest", "request \(request.id)")
            }
        }
        return matters
    }

    // MARK: -

    static func requireItem(_ db: Database, _ itemID: String) throws {
        guard try Int.fetchOne(db, sql: "SELECT 1 FROM entry_item WHERE item_id = ?", arguments: [itemID]) != nil else {
            throw PoliceError.unknownItem(itemID)
        }
    }

    static func stamp(_ date: Date) -> String { RegisterEntry.timestampFormatter.string(from: date) }
}

extension SQLiteRegisterStore: PoliceWatchList {
    /// Open notices with this number (exact key), for the counter's check.
    package func notices(matching serial: String) throws -> [PoliceNotice] {
        let key = SerialKey.exact(serial)
        guard !key.isEmpty else { return [] }
        return try dbPool.read { db in
            try Self.notices(db, where: "n.identifier_key = ? AND c.notice_id IS NULL", [key])
        }
    }
}
