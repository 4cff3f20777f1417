import Foundation

/// The written police workflows of art. 437 lid 1 Sr as every backend keeps them (issue 13; on PostgreSQL per
/// branch, issue 15): hold orders (onder f), written notices (onder e) and information requests (onder g).
/// Every record is append-only: an order is lifted, a notice withdrawn, a request answered by a record of its
/// own; every write is audited in its own transaction.
///
/// The rules are the types' own, once: ``HoldOrder/validate(orderedOn:until:officer:reference:today:)``,
/// ``PoliceNotice/validate(reference:officer:identifier:brand:description:)``, ``PoliceNotice/matches(_:)``,
/// ``InformationRequest/validate(reference:officer:receivedOn:deadline:selection:)``.
package protocol PoliceRecords: Sendable {
    /// Records a hold order on an item (at most 14 days). The item cannot be sold while it runs.
    /// - Throws: ``PoliceError``.
    @discardableResult
    func addHoldOrder(itemID: String, orderedOn: CalendarDate, until: CalendarDate, officer: String,
                      reference: String, note: String, by: String, at date: Date) async throws -> HoldOrder
    /// The police lifted a hold order before its end.
    func liftHoldOrder(_ id: Int, note: String, by: String, at date: Date) async throws
    /// Hold orders, newest first; only those still holding on `day` when given.
    func holdOrders(runningOn day: CalendarDate?) async throws -> [HoldOrder]
    /// Tells the owner, once per order, that a hold order ended (an owner alert). Returns how many.
    @discardableResult
    func tellEndedHoldOrders(today: CalendarDate, at date: Date) async throws -> Int

    /// Records a written notice as a watch-list entry, and flags every unsold good that matches it (police flag
    /// and owner alert in the same transaction). Returns the notice and the flagged item ids.
    func addPoliceNotice(reference: String, officer: String, receivedOn: CalendarDate, identifier: String?,
                         brand: String?, description: String, by: String, at date: Date) async throws
        -> (notice: PoliceNotice, flagged: [String])
    /// The police withdrew a notice.
    func closePoliceNotice(_ id: Int, note: String, by: String, at date: Date) async throws
    /// Notices, newest first; only open ones unless `includeClosed`.
    func policeNotices(includeClosed: Bool) async throws -> [PoliceNotice]

    /// Records a written request for information with its deadline and selection.
    @discardableResult
    func addInformationRequest(reference: String, officer: String, receivedOn: CalendarDate, deadline: CalendarDate,
                               selection: InformationRequest.Selection, by: String, at date: Date) async throws -> InformationRequest
    /// Marks a request answered.
    func answerInformationRequest(_ id: Int, note: String, by: String, at date: Date) async throws
    /// Requests, by deadline; only unanswered ones unless `includeAnswered`.
    func informationRequests(includeAnswered: Bool) async throws -> [InformationRequest]
    /// One request, or nil.
    func informationRequest(_ id: Int) async throws -> InformationRequest?
    /// The entries a request selects, in number order (``InformationRequest/Selection``).
    func entries(selectedBy selection: InformationRequest.Selection) async throws -> [RegisterEntry]
}

extension SQLiteRegisterStore: PoliceRecords {}
