import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// Issue 13: the three written police workflows of art. 437 lid 1 Sr, each a rule in the engine.
@Suite("Police: hold orders (437-1f), written notices (437-1e), information requests (437-1g)")
struct PoliceTests {
    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }
    static func at(_ iso: String) -> Date { ShopTimestamp().date(from: iso + "T10:00:00+01:00")! }

    @Test("A hold order lasts at most 14 days (art. 437 lid 1 onder f Sr), names officer and reference, and blocks the sale")
    func holdOrder() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        let entry = try store.append(Fixtures.intake(), at: Fixtures.tuesday)  // 2025-11-18, holding period to 11-25
        let item = entry.itemID(0)
        #expect(throws: PoliceError.holdTooLong(orderedOn: Self.day("2025-11-20"), until: Self.day("2025-12-04"))) {
            try store.addHoldOrder(itemID: item, orderedOn: Self.day("2025-11-20"), until: Self.day("2025-12-04"),
                                   officer: "Agent 1234", reference: "PL0900-2025-1", by: "Olga", at: Self.at("2025-11-20"))
        }
        #expect(throws: PoliceError.missingField("reference")) {
            try store.addHoldOrder(itemID: item, orderedOn: Self.day("2025-11-20"), until: Self.day("2025-11-30"),
                                   officer: "Agent 1234", reference: " ", by: "Olga", at: Self.at("2025-11-20"))
        }
        #expect(throws: PoliceError.unknownItem("99-1")) {
            try store.addHoldOrder(itemID: "99-1", orderedOn: Self.day("2025-11-20"), until: Self.day("2025-11-30"),
                                   officer: "Agent 1234", reference: "R", by: "Olga", at: Self.at("2025-11-20"))
        }
        let order = try store.addHoldOrder(itemID: item, orderedOn: Self.day("2025-11-20"), until: Self.day("2025-12-03"),
                                           officer: "Agent 1234", reference: "PL0900-2025-1", by: "Olga", at: Self.at("2025-11-20"))
        #expect(order.until == Self.day("2025-12-03"))
        // Past the holding period, the order still holds the good: on the holding page, and no sale.
        let held = try store.itemsOnHold(on: Self.day("2025-12-01"))
        #expect(held.map(\.itemID) == [item] && held.first?.holdOrder?.reference == "PL0900-2025-1")
        let sale = Sale(itemID: item, soldOn: Self.day("2025-12-01"), buyerName: "Koper", buyerAddress: nil, priceCents: 100,
                        paymentMethod: .bankTransfer, clerk: "Olga")
        #expect(throws: SaleError.holdOrder(itemID: item, until: Self.day("2025-12-03"), reference: "PL0900-2025-1")) {
            try store.recordSale(sale, at: Self.at("2025-12-01"))
        }
        #expect(SaleError.holdOrder(itemID: item, until: Self.day("2025-12-03"), reference: "R").description.contains("hold order"))
        // The owner is told once when it ends.
        #expect(try store.tellEndedHoldOrders(today: Self.day("2025-12-03"), at: Self.at("2025-12-03")) == 0)
        #expect(try store.tellEndedHoldOrders(today: Self.day("2025-12-04"), at: Self.at("2025-12-04")) == 1)
        #expect(try store.tellEndedHoldOrders(today: Self.day("2025-12-05"), at: Self.at("2025-12-05")) == 0)
        let alert = try #require(try store.alerts().first { $0.kind == .holdOrderEnded })
        #expect(alert.itemID == item && alert.message.contains("PL0900-2025-1"))
        var later = sale
        later.soldOn = Self.day("2025-12-04")
        #expect(try store.recordSale(later, at: Self.at("2025-12-04")) > 0)
        let audit = try await AuditLog(store: store).events().map(\.action)
        #expect(audit.contains(AuditAction.holdOrderAdded.rawValue))
    }

    @Test("A lifted hold order no longer blocks; a running one keeps the seller's identity past retention")
    func liftAndRetention() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        let entry = try store.append(Fixtures.intake(), at: Self.at("2020-01-06"))
        let order = try store.addHoldOrder(itemID: entry.itemID(0), orderedOn: Self.day("2026-12-01"), until: Self.day("2026-12-10"),
                                           officer: "Agent 7", reference: "R-7", by: "Olga", at: Self.at("2026-12-01"))
        let plan = try store.purgePlan(today: Self.day("2026-12-02"))
        #expect(plan.erased.isEmpty && plan.kept.map(\.reason) == ["holdOrder"])
        try store.liftHoldOrder(order.id, note: "politie geweest", by: "Olga", at: Self.at("2026-12-02"))
        #expect(try store.holdOrders(runningOn: Self.day("2026-12-02")).isEmpty)
        #expect(try store.purgePlan(today: Self.day("2026-12-02")).erased == [1])
        #expect(throws: PoliceError.notFound(42)) { try store.liftHoldOrder(42, note: "", by: "Olga", at: Self.at("2026-12-02")) }
    }

    @Test("A written notice (art. 437 lid 1 onder e Sr) is checked at the counter like the hotlist, and flags goods in the shop")
    func writtenNotice() async throws {
        let world = try TillWorld()
        defer { world.folder.remove() }
        let entry = try world.store.append(world.intake(serial: "GZ-777"), at: Fixtures.tuesday)
        #expect(throws: PoliceError.noticeTooVague) {
            try world.store.addPoliceNotice(reference: "R-1", officer: "Agent 1", receivedOn: Self.day("2025-11-19"),
                                            identifier: " ", brand: nil, description: "fiets", by: "Olga", at: Self.at("2025-11-19"))
        }
        let (notice, flagged) = try world.store.addPoliceNotice(
            reference: "PL-2025-9", officer: "Agent 1", receivedOn: Self.day("2025-11-19"), identifier: "gz 777",
            brand: "Samsung", description: "telefoon", by: "Olga", at: Self.at("2025-11-19"))
        // The good already bought is flagged at once, and the owner alerted.
        #expect(flagged == [entry.itemID(0)])
        #expect(try world.store.itemsOnHold(on: Self.day("2026-06-01")).first?.policeFlagOpen == true)
        #expect(try world.store.alerts().contains { $0.kind == .policeNoticeMatch && $0.message.contains("PL-2025-9") })
        // At the counter the number is a hit, like a hotlist row, naming the police's notice.
        let quick = world.checker.quickCheck(serial: "GZ777")
        #expect(quick.status == .hit && quick.records.first?.source == "Politie, schriftelijke melding PL-2025-9")
        #expect(await world.checker.check(serial: "GZ-777").status == .hit)
        let session = world.session()
        _ = await session.scan(Array("GZ-777".utf8), from: ScanOrigin(device: "serial:/dev/ttyACM0", kind: .barcode), at: 1)
        #expect(await session.openHit?.identifier == "GZ-777")
        // Withdrawn: no longer a hit.
        try world.store.closePoliceNotice(notice.id, note: "teruggevonden", by: "Olga", at: Self.at("2025-11-20"))
        #expect(world.checker.quickCheck(serial: "GZ-777").status != .hit)
        #expect(try world.store.policeNotices().isEmpty && world.store.policeNotices(includeClosed: true).count == 1)
    }

    struct BrokenWatchList: PoliceWatchList {
        struct Unreadable: Error {}
        func notices(matching serial: String) throws -> [PoliceNotice] { throw Unreadable() }
    }

    @Test("Police notices that cannot be read make the check 'not checked', never clear")
    func unreadableNotices() async throws {
        let world = try TillWorld()
        defer { world.folder.remove() }
        let checker = StolenGoodsChecker(hotlistFolder: world.folder.path, remote: nil, watchList: BrokenWatchList())
        #expect(checker.quickCheck(serial: "CLEAN-1").status == .notChecked)
        #expect(await checker.check(serial: "CLEAN-1").status == .notChecked)
    }

    @Test("A notice without a number matches by brand and every word of its description")
    func descriptionNotice() throws {
        let notice = PoliceNotice(id: 1, reference: "R", officer: "A", receivedOn: Self.day("2025-11-19"), identifier: nil,
                                  brand: "Gazelle", description: "zwarte damesfiets", enteredBy: "Olga")
        let bike = RegisterItem(category: .bicycle, brand: "gazelle", colour: "zwart", description: "Damesfiets, zwarte lak")
        let other = RegisterItem(category: .bicycle, brand: "Batavus", description: "Zwarte damesfiets")
        let partial = RegisterItem(category: .bicycle, brand: "Gazelle", description: "Herenfiets zwarte lak")
        #expect(notice.matches(bike) && !notice.matches(other) && !notice.matches(partial))
    }

    @Test("An information request (art. 437 lid 1 onder g Sr) selects entries by number, document or period, until answered")
    func informationRequest() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        _ = try store.append(Fixtures.intake(serial: "AAA-1"), at: Self.at("2020-01-06"))
        var other = Fixtures.intake(surname: "Ander", serial: "BBB-2")
        other.seller.document.number = "OTHER1234"
        _ = try store.append(other, at: Self.at("2020-02-03"))
        #expect(throws: PoliceError.emptySelection) {
            try store.addInformationRequest(reference: "R", officer: "A", receivedOn: Self.day("2026-12-01"),
                                            deadline: Self.day("2026-12-08"), selection: .init(), by: "Olga", at: Self.at("2026-12-01"))
        }
        #expect(throws: PoliceError.deadlineBeforeReceipt) {
            try store.addInformationRequest(reference: "R", officer: "A", receivedOn: Self.day("2026-12-01"),
                                            deadline: Self.day("2026-11-30"), selection: .init(identifier: "AAA-1"), by: "Olga",
                                            at: Self.at("2026-12-01"))
        }
        #expect(try store.entries(selectedBy: .init(identifier: "aaa 1")).map(\.entryNumber) == [1])
        #expect(try store.entries(selectedBy: .init(documentNumber: "other 1234", issuingCountry: "NLD")).map(\.entryNumber) == [2])
        #expect(try store.entries(selectedBy: .init(from: Self.day("2020-01-01"), to: Self.day("2020-01-31"))).map(\.entryNumber) == [1])
        let request = try store.addInformationRequest(
            reference: "PL-2026-3", officer: "Agent 3", receivedOn: Self.day("2026-12-01"), deadline: Self.day("2026-12-08"),
            selection: .init(documentNumber: "OTHER1234"), by: "Olga", at: Self.at("2026-12-01"))
        #expect(try store.informationRequests().map(\.id) == [request.id])
        #expect(request.isOverdue(on: Self.day("2026-12-09")) && !request.isOverdue(on: Self.day("2026-12-08")))
        // The entries it selects keep their identity past retention until it is answered.
        let plan = try store.purgePlan(today: Self.day("2026-12-02"))
        #expect(plan.erased == [1] && plan.kept.map(\.entryNumber) == [2] && plan.kept.first?.reason == "informationRequest")
        try store.answerInformationRequest(request.id, note: "per e-mail verstuurd", by: "Olga", at: Self.at("2026-12-03"))
        #expect(try store.informationRequests().isEmpty)
        #expect(try store.informationRequests(includeAnswered: true).first?.answeredBy == "Olga")
        #expect(try store.purgePlan(today: Self.day("2026-12-03")).erased == [1, 2])
        let audit = try await AuditLog(store: store).events().map(\.action)
        #expect(audit.contains(AuditAction.informationRequestAdded.rawValue) && audit.contains(AuditAction.informationRequestAnswered.rawValue))
    }
}
