import Foundation
import Logging
import PostgresNIO

/// The written police workflows of art. 437 lid 1 Sr on PostgreSQL (``PoliceRecords``), per branch and shared by
/// its tills: the same rules as the embedded register, each write audited in its own transaction. What holds an
/// item (a hold order, a notice's police flag) is written under the branch's item lock, which a sale takes too:
/// a sale at one till and a hold order at another cannot both pass.
extension PostgresRegisterStore: PoliceRecords {
    // MARK: - Hold orders (bewaarlast, onder f)

    @discardableResult
    package func addHoldOrder(itemID: String, orderedOn: CalendarDate, until: CalendarDate, officer: String,
                             reference: String, note: String = "", by: String, at date: Date) async throws -> HoldOrder {
        try HoldOrder.validate(orderedOn: orderedOn, until: until, officer: officer, reference: reference, today: CalendarDate(date))
        return try await PostgresTransaction.run(client, logger: logger) { [self] connection in
            try await lockItems(connection)
            try await requireItem(connection, itemID)
            let id = try await connection.query("""
                INSERT INTO hold_order (branch_id, item_id, ordered_on, until, officer, reference, note, entered_by, entered_at)
                VALUES (\(branchID), \(itemID), \(orderedOn.iso), \(until.iso), \(officer), \(reference), \(note), \(by),
                        \(Self.stamp(date)))
                RETURNING id
                """, logger: logger).decode(Int.self).first { _ in true } ?? 0
            try await Self.insertAuditEvent(connection, branchID, .holdOrderAdded, actor: by, subject: "item \(itemID)",
                                            detail: "\(reference), \(officer): \(orderedOn.iso) t/m \(until.iso)", at: date, logger)
            return try await holdOrders(connection, id: id)[0]
        }
    }

    package func liftHoldOrder(_ id: Int, note: String, by: String, at date: Date) async throws {
        try await PostgresTransaction.run(client, logger: logger) { [self] connection in
            guard let order = try await holdOrders(connection, id: id).first else { throw PoliceError.notFound(id) }
            try await connection.query("""
                INSERT INTO hold_order_lift (order_id, lifted_on, by, note, at)
                VALUES (\(id), \(CalendarDate(date).iso), \(by), \(note), \(Self.stamp(date))) ON CONFLICT DO NOTHING
                """, logger: logger)
            try await Self.insertAuditEvent(connection, branchID, .holdOrderLifted, actor: by, subject: "item \(order.itemID)",
                                            detail: "\(order.reference): \(note)", at: date, logger)
        }
    }

    package func holdOrders(runningOn day: CalendarDate? = nil) async throws -> [HoldOrder] {
        try await PostgresTransaction.read(client, logger: logger) { [self] connection in
            let all = try await holdOrders(connection)
            return day.map { d in all.filter { $0.holds(on: d) } } ?? all
        }
    }

    @discardableResult
    package func tellEndedHoldOrders(today: CalendarDate, at date: Date) async throws -> Int {
        let raised = try await PostgresTransaction.run(client, logger: logger) { [self] connection in
            // The daily jobs of the branch's tills run at the same time: one tells, the others find it told.
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\("hold_order_told/" + branchID)))", logger: logger)
            var raised: [Int] = []
            for order in try await holdOrders(connection) where order.liftedOn == nil && order.until < today {
                guard try await Self.exists(connection, """
                    INSERT INTO hold_order_told (order_id, at) VALUES (\(order.id), \(Self.stamp(date)))
                    ON CONFLICT DO NOTHING RETURNING 1
                    """, logger) else { continue }
                let (id, new) = try await insertAlert(
                    connection, .holdOrderEnded, itemID: order.itemID, entryNumber: nil, .alertHoldOrderEnded,
                    ["item": order.itemID, "reference": order.reference, "until": ShopFormat.dutch.date(order.until)], at: date)
                if new { raised.append(id) }
            }
            return raised
        }
        for id in raised { try? await publish(.alertRaised, alertID: id) }
        return raised.count
    }

    /// The branch's hold orders (one when `id` is given; one item's when `itemID` is), newest first.
    func holdOrders(_ connection: PostgresConnection, id: Int? = nil, itemID: String? = nil) async throws -> [HoldOrder] {
        var orders: [HoldOrder] = []
        for try await (id, itemID, orderedOn, until, officer, reference, note, enteredBy, liftedOn) in try await connection.query("""
            SELECT h.id, h.item_id, h.ordered_on, h.until, h.officer, h.reference, h.note, h.entered_by, l.lifted_on
            FROM hold_order h LEFT JOIN hold_order_lift l ON l.order_id = h.id
            WHERE h.branch_id = \(branchID) AND (\(id)::bigint IS NULL OR h.id = \(id))
              AND (\(itemID)::text IS NULL OR h.item_id = \(itemID))
            ORDER BY h.id DESC
            """, logger: logger).decode((Int, String, String, String, String, String, String, String, String?).self) {
            guard let orderedOn = CalendarDate(iso: orderedOn), let until = CalendarDate(iso: until) else { continue }
            orders.append(HoldOrder(id: id, itemID: itemID, orderedOn: orderedOn, until: until, officer: officer,
                                    reference: reference, note: note, enteredBy: enteredBy,
                                    liftedOn: liftedOn.flatMap(CalendarDate.init(iso:))))
        }
        return orders
    }

    /// The order holding `itemID` on `day`, if any (the latest ending).
    func runningHoldOrder(_ connection: PostgresConnection, itemID: String, on day: CalendarDate) async throws -> HoldOrder? {
        try await holdOrders(connection, itemID: itemID).filter { $0.holds(on: day) }.max { $0.until < $1.until }
    }

    // MARK: - Written notices of stolen goods (onder e)

    package func addPoliceNotice(reference: String, officer: String, receivedOn: CalendarDate, identifier: String?,
                                brand: String?, description: String, by: String, at date: Date) async throws
        -> (notice: PoliceNotice, flagged: [String]) {
        try PoliceNotice.validate(reference: reference, officer: officer, identifier: identifier, brand: brand,
                                  description: description)
        let identifier = identifier.flatMap { SerialKey.exact($0).isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces) }
        let (notice, flagged, alerts) = try await PostgresTransaction.run(client, logger: logger) { [self] connection in
            try await lockItems(connection)
            // Every entry committed before this notice is matched against it (the branch's counter is held).
            try await connection.query("SELECT 1 FROM branch_counter WHERE branch_id = \(branchID) FOR UPDATE", logger: logger)
            let id = try await connection.query("""
                INSERT INTO police_notice (branch_id, reference, officer, received_on, identifier, identifier_key, brand,
                                           description, entered_by, entered_at)
                VALUES (\(branchID), \(reference), \(officer), \(receivedOn.iso), \(identifier),
                        \(identifier.map(SerialKey.exact)), \(brand), \(description), \(by), \(Self.stamp(date)))
                RETURNING id
                """, logger: logger).decode(Int.self).first { _ in true } ?? 0
            let notice = try await notices(connection, id: id, includeClosed: true)[0]
            try await Self.insertAuditEvent(connection, branchID, .policeNoticeAdded, actor: by, subject: "notice \(id)",
                                            detail: "\(reference), \(officer): \(identifier ?? "") \(brand ?? "") \(description)",
                                            at: date, logger)
            var flagged: [String] = []
            var alerts: [Int] = []
            for (itemID, entryNumber, item) in try await unsoldItems(connection) where notice.matches(item) {
                if try await !policeFlagOpen(connection, itemID: itemID) {
                    try await insertPoliceFlag(connection, itemID: itemID, opened: true,
                                               note: "schriftelijke melding politie \(reference)", at: date)
                }
                let (alert, new) = try await insertAlert(
                    connection, .policeNoticeMatch, itemID: itemID, entryNumber: entryNumber, .alertPoliceNoticeMatch,
                    ["item": itemID, "entry": String(entryNumber), "reference": reference], at: date)
                if new { alerts.append(alert) }
                flagged.append(itemID)
            }
            return (notice, flagged, alerts)
        }
        await noticesChanged()
        for id in alerts { try? await publish(.alertRaised, alertID: id) }
        return (notice, flagged)
    }

    package func closePoliceNotice(_ id: Int, note: String, by: String, at date: Date) async throws {
        try await PostgresTransaction.run(client, logger: logger) { [self] connection in
            guard try await !notices(connection, id: id, includeClosed: true).isEmpty else { throw PoliceError.notFound(id) }
            try await connection.query("""
                INSERT INTO police_notice_close (notice_id, closed_on, by, note, at)
                VALUES (\(id), \(CalendarDate(date).iso), \(by), \(note), \(Self.stamp(date))) ON CONFLICT DO NOTHING
                """, logger: logger)
            try await Self.insertAuditEvent(connection, branchID, .policeNoticeClosed, actor: by, subject: "notice \(id)",
                                            detail: note, at: date, logger)
        }
        await noticesChanged()
    }

    package func policeNotices(includeClosed: Bool = false) async throws -> [PoliceNotice] {
        try await PostgresTransaction.read(client, logger: logger) { [self] connection in
            try await notices(connection, includeClosed: includeClosed)
        }
    }

    /// The branch's notices (one when `id` is given; those with this exact key when `key` is), newest first.
    func notices(_ connection: PostgresConnection, id: Int? = nil, key: String? = nil,
                 includeClosed: Bool) async throws -> [PoliceNotice] {
        var notices: [PoliceNotice] = []
        for try await (id, reference, officer, receivedOn, identifier, brand, description, enteredBy, closedOn)
            in try await connection.query("""
            SELECT n.id, n.reference, n.officer, n.received_on, n.identifier, n.brand, n.description, n.entered_by, c.closed_on
            FROM police_notice n LEFT JOIN police_notice_close c ON c.notice_id = n.id
            WHERE n.branch_id = \(branchID) AND (\(id)::bigint IS NULL OR n.id = \(id))
              AND (\(key)::text IS NULL OR n.identifier_key = \(key)) AND (\(includeClosed) OR c.notice_id IS NULL)
            ORDER BY n.id DESC
            """, logger: logger).decode((Int, String, String, String, String?, String?, String, String, String?).self) {
            guard let receivedOn = CalendarDate(iso: receivedOn) else { continue }
            notices.append(PoliceNotice(id: id, reference: reference, officer: officer, receivedOn: receivedOn,
                                        identifier: identifier, brand: brand, description: description, enteredBy: enteredBy,
                                        closedOn: closedOn.flatMap(CalendarDate.init(iso:))))
        }
        return notices
    }

    /// Every good of the branch not sold, with its entry number (for matching a new notice).
    func unsoldItems(_ connection: PostgresConnection) async throws -> [(String, Int, RegisterItem)] {
        var result: [(String, Int, RegisterItem)] = []
        let entries = try await Self.entries(connection, branchID, """
            EXISTS (SELECT 1 FROM entry_item i WHERE i.branch_id = e.branch_id AND i.entry_number = e.entry_number
                    AND NOT EXISTS (SELECT 1 FROM sale x WHERE x.branch_id = i.branch_id AND x.item_id = i.item_id))
            """, logger)
        var sold = Set<String>()
        for try await itemID in try await connection.query("SELECT item_id FROM sale WHERE branch_id = \(branchID)",
                                                           logger: logger).decode(String.self) {
            sold.insert(itemID)
        }
        for entry in entries {
            for (index, item) in entry.items.enumerated() where !sold.contains(entry.itemID(index)) {
                result.append((entry.itemID(index), entry.entryNumber, item))
            }
        }
        return result
    }

    // MARK: - Information requests (onder g)

    @discardableResult
    package func addInformationRequest(reference: String, officer: String, receivedOn: CalendarDate, deadline: CalendarDate,
                                      selection: InformationRequest.Selection, by: String, at date: Date) async throws -> InformationRequest {
        try InformationRequest.validate(reference: reference, officer: officer, receivedOn: receivedOn, deadline: deadline,
                                        selection: selection)
        let encoded = try RegisterEntry.canonicalEncoder().encode(selection)
        return try await PostgresTransaction.run(client, logger: logger) { [self] connection in
            let id = try await connection.query("""
                INSERT INTO information_request (branch_id, reference, officer, received_on, deadline, selection, entered_by, entered_at)
                VALUES (\(branchID), \(reference), \(officer), \(receivedOn.iso), \(deadline.iso), \(encoded), \(by), \(Self.stamp(date)))
                RETURNING id
                """, logger: logger).decode(Int.self).first { _ in true } ?? 0
            try await Self.insertAuditEvent(connection, branchID, .informationRequestAdded, actor: by, subject: "request \(id)",
                                            detail: "\(reference), \(officer): uiterlijk \(deadline.iso)", at: date, logger)
            return try await requests(connection, id: id, includeAnswered: true)[0]
        }
    }

    package func answerInformationRequest(_ id: Int, note: String, by: String, at date: Date) async throws {
        try await PostgresTransaction.run(client, logger: logger) { [self] connection in
            guard try await !requests(connection, id: id, includeAnswered: true).isEmpty else { throw PoliceError.notFound(id) }
            try await connection.query("""
                INSERT INTO information_request_answer (request_id, answered_on, by, note, at)
                VALUES (\(id), \(CalendarDate(date).iso), \(by), \(note), \(Self.stamp(date))) ON CONFLICT DO NOTHING
                """, logger: logger)
            try await Self.insertAuditEvent(connection, branchID, .informationRequestAnswered, actor: by, subject: "request \(id)",
                                            detail: note, at: date, logger)
        }
    }

    package func informationRequests(includeAnswered: Bool = false) async throws -> [InformationRequest] {
        try await PostgresTransaction.read(client, logger: logger) { [self] connection in
            try await requests(connection, includeAnswered: includeAnswered)
        }
    }

    package func informationRequest(_ id: Int) async throws -> InformationRequest? {
        try await PostgresTransaction.read(client, logger: logger) { [self] connection in
            try await requests(connection, id: id, includeAnswered: true).first
        }
    }

    /// The branch's requests (one when `id` is given), by deadline.
    func requests(_ connection: PostgresConnection, id: Int? = nil, includeAnswered: Bool) async throws -> [InformationRequest] {
        var requests: [InformationRequest] = []
        for try await (id, reference, officer, receivedOn, deadline, selection, enteredBy, answeredOn, answeredBy)
            in try await connection.query("""
            SELECT r.id, r.reference, r.officer, r.received_on, r.deadline, r.selection, r.entered_by, a.answered_on, a.by
            FROM information_request r LEFT JOIN information_request_answer a ON a.request_id = r.id
            WHERE r.branch_id = \(branchID) AND (\(id)::bigint IS NULL OR r.id = \(id))
              AND (\(includeAnswered) OR a.request_id IS NULL)
            ORDER BY r.deadline, r.id
            """, logger: logger).decode((Int, String, String, String, String, Data, String, String?, String?).self) {
            guard let receivedOn = CalendarDate(iso: receivedOn), let deadline = CalendarDate(iso: deadline) else { continue }
            requests.append(InformationRequest(
                id: id, reference: reference, officer: officer, receivedOn: receivedOn, deadline: deadline,
                selection: try JSONDecoder().decode(InformationRequest.Selection.self, from: selection), enteredBy: enteredBy,
                answeredOn: answeredOn.flatMap(CalendarDate.init(iso:)), answeredBy: answeredBy))
        }
        return requests
    }

    package func entries(selectedBy selection: InformationRequest.Selection) async throws -> [RegisterEntry] {
        try await PostgresTransaction.read(client, logger: logger) { [self] connection in
            try await selectedEntries(connection, selection)
        }
    }

    /// The branch's entries a request selects: every criterion given must hold, in number order.
    func selectedEntries(_ connection: PostgresConnection, _ selection: InformationRequest.Selection) async throws -> [RegisterEntry] {
        var criteria = PostgresConditions()
        if let number = selection.documentNumber {
            criteria.add("s.seller_key = ?", SellerKey(secret: settings.sellerKeySecret).key(
                IdentityDocument(kind: .other, number: number, issuingCountry: selection.issuingCountry ?? "NLD", expiryDate: nil)))
        }
        if let from = selection.from { criteria.add("e.day >= ?", from.iso) }
        if let to = selection.to { criteria.add("e.day <= ?", to.iso) }
        var entries = try await Self.entries(connection, branchID, criteria.sql, logger, binds: criteria.binds)
        if let identifier = selection.identifier, !SerialKey.exact(identifier).isEmpty {
            let key = SerialKey.exact(identifier)
            entries = entries.filter { $0.items.contains { $0.identifiers.contains { SerialKey.exact($0) == key } } }
        }
        return entries
    }

    /// Entries with an item under a running hold order, or selected by an unanswered information request: they
    /// keep their identity past retention until the police matter is closed.
    func policeMatters(_ connection: PostgresConnection, today: CalendarDate) async throws -> [Int: (reason: String, itemID: String)] {
        var matters: [Int: (reason: String, itemID: String)] = [:]
        let held = try await holdOrders(connection).filter { $0.holds(on: today) }.map(\.itemID)
        for try await (number, itemID) in try await connection.query("""
            SELECT entry_number, item_id FROM entry_item WHERE branch_id = \(branchID) AND item_id = ANY(\(held)::text[])
            """, logger: logger).decode((Int, String).self) {
            matters[number] = ("holdOrder", itemID)
        }
        for request in try await requests(connection, includeAnswered: false) {
            for entry in try await selectedEntries(connection, request.selection) where matters[entry.entryNumber] == nil {
                matters[entry.entryNumber] = ("informationRequest", "request \(request.id)")
            }
        }
        return matters
    }

    // MARK: - The counter's check

    /// Reloads the open notices the counter checks every scan against (``noticeWatch``).
    package func refreshNotices() async throws {
        noticeWatch.replace(with: try await policeNotices(includeClosed: false))
    }

    /// After a notice was added or withdrawn here: this process checks against it at once, the branch's other
    /// processes when told (`BranchEvent/Kind/policeNoticesChanged`), or at their next reload.
    func noticesChanged() async {
        try? await refreshNotices()
        try? await publish(.policeNoticesChanged)
    }

    // MARK: -

    /// The branch's item lock, held to the end of the transaction: whatever decides whether an item may be sold
    /// (a sale, a hold order, a police flag) is written one at a time per branch.
    func lockItems(_ connection: PostgresConnection) async throws {
        try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\("items/" + branchID)))", logger: logger)
    }

    /// Whether the branch's register has this item.
    func itemExists(_ connection: PostgresConnection, _ itemID: String) async throws -> Bool {
        try await Self.exists(connection, "SELECT 1 FROM entry_item WHERE branch_id = \(branchID) AND item_id = \(itemID)", logger)
    }

    func requireItem(_ connection: PostgresConnection, _ itemID: String) async throws {
        guard try await itemExists(connection, itemID) else { throw PoliceError.unknownItem(itemID) }
    }

    static func stamp(_ date: Date) -> String { RegisterEntry.timestampFormatter.string(from: date) }
}

extension PostgresRegisterStore: PoliceWatchList {
    /// Open notices of the branch with this number (exact key), from the copy in memory (``noticeWatch``).
    package func notices(matching serial: String) throws -> [PoliceNotice] {
        try noticeWatch.notices(matching: serial)
    }
}
