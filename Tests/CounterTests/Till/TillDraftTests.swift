import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// The customer's draft kept by the till (issue 14): prices refused at their field, one-name sellers, dates
/// read day first, the total what was paid, and nothing lost on a reload or a session timeout.
@Suite("Till draft: what the clerk filled in, kept and read by the engine")
struct TillDraftTests {
    let scanner = ScanOrigin(device: "serial:/dev/ttyACM0", kind: .barcode)

    /// A seller as a clerk types them, with `items` scanned and priced.
    func fill(_ session: CounterSession, prices: [String], surname: String = "De Vries", givenNames: String = "Jan",
              birthDate: String = "14-03-1985") async throws -> [TillItem] {
        var items: [TillItem] = []
        for (i, _) in prices.enumerated() {
            guard case .item(let item) = await session.scan(Array("CLEAN-\(i)".utf8), from: scanner, at: Double(i)).last else {
                throw CounterError(.itemNotFound)
            }
            items.append(item)
        }
        let seller = ["surname": surname, "givenNames": givenNames, "birthDate": birthDate, "documentKind": "identityCard",
                      "documentNumber": "IXR12PN74", "issuingCountry": "NLD", "expiryDate": "30-06-2031", "street": "Kerkstraat",
                      "houseNumber": "12", "postcode": "1017 gc", "city": "Amsterdam"]
        var patchItems: [String: TillDraftPatch.Item] = [:]
        for (item, price) in zip(items, prices) {
            patchItems[item.id] = .init(fields: ["category": "tools", "brand": "Bosch", "description": "Boormachine", "price": price])
        }
        _ = await session.updateDraft(TillDraftPatch(seller: seller, items: patchItems, payment: ["paymentMethod": "bankTransfer"]),
                                      clerk: "Anna")
        return items
    }

    @Test("Point 1: a price that does not parse, or is negative, is refused at its field; nothing is registered")
    func badPricesRefused() async throws {
        let world = try TillWorld()
        defer { world.folder.remove() }
        let session = world.session()
        let items = try await fill(session, prices: ["12,3x", "-5", "12,50"])
        let review = await session.review(clerk: "Anna")
        #expect(review.problems.map(\.field) == ["items[0].priceCents", "items[1].priceCents"])
        #expect(review.problems[0].message.code == "format.notAnAmount")
        #expect(review.problems[1].message.code == "format.negative")
        #expect(review.totalCents == 1250)
        await #expect(throws: IntakeError.unreadable("items[0].priceCents", .notAnAmount)) {
            try await session.registerDraft(clerk: "Anna", approvalID: nil, idempotencyKey: "k")
        }
        #expect(IntakeError.unreadable("items[0].priceCents", .notAnAmount).message(.nl)
            == "Voorwerp 1: prijs: Geen geldig bedrag: typ het zo: 12,50 of 1.250.")
        #expect(try world.store.entryCount() == 0)
        // Corrected, it registers with the total the clerk paid: the sum of the three prices.
        _ = await session.updateDraft(TillDraftPatch(items: [items[0].id: .init(fields: ["price": "12,30"]),
                                                              items[1].id: .init(fields: ["price": "5"])]), clerk: "Anna")
        let entry = try await session.registerDraft(clerk: "Anna", approvalID: nil, idempotencyKey: "k")
        let stored = try #require(try world.store.entry(number: entry.entryNumber))
        #expect(stored.priceCents == 1230 + 500 + 1250)
        #expect(stored.items.map(\.priceCents) == [1230, 500, 1250])
    }

    @Test("Point 1: an item without a price is asked for, not left out of the total")
    func missingItemPrice() async throws {
        let world = try TillWorld()
        defer { world.folder.remove() }
        let session = world.session()
        _ = try await fill(session, prices: ["100", ""])
        let review = await session.review(clerk: "Anna")
        #expect(review.next?.field == "items[1].priceCents")
        await #expect(throws: IntakeError.required("items[1].priceCents", rule: .priceOrConditions)) {
            try await session.registerDraft(clerk: "Anna", approvalID: nil, idempotencyKey: "k")
        }
    }

    @Test("Point 5: a seller with only a surname registers; the log shows the one name")
    func oneNameSeller() async throws {
        let world = try TillWorld()
        defer { world.folder.remove() }
        let session = world.session()
        _ = try await fill(session, prices: ["40"], surname: "SUHARTO", givenNames: "")
        #expect(await session.review(clerk: "Anna").next == nil)
        let entry = try await session.registerDraft(clerk: "Anna", approvalID: nil, idempotencyKey: "k")
        #expect(try world.store.entry(number: entry.entryNumber)?.seller?.displayName == "SUHARTO")
    }

    @Test("Point 7: a birth date typed 01021970 is 1 February, whatever the browser's locale; 31-02 is refused")
    func birthDateDayFirst() async throws {
        let world = try TillWorld()
        defer { world.folder.remove() }
        let session = world.session()
        _ = try await fill(session, prices: ["40"], birthDate: "01021970")
        let entry = try await session.registerDraft(clerk: "Anna", approvalID: nil, idempotencyKey: "k")
        #expect(try world.store.entry(number: entry.entryNumber)?.seller?.birthDate.iso == "1970-02-01")
        _ = try await fill(session, prices: ["40"], birthDate: "31-02-1970")
        #expect(await session.review(clerk: "Anna").problems.map(\.field) == ["seller.birthDate"])
    }

    @Test("A reload or a session timeout loses nothing: the till's snapshot holds the draft until the next customer")
    func survivesReload() async throws {
        let world = try TillWorld()
        defer { world.folder.remove() }
        let session = world.session()
        let items = try await fill(session, prices: ["12,3x"])
        let snapshot = await session.snapshot()
        #expect(snapshot.draft[.surname] == "De Vries")
        #expect(snapshot.draft.items[items[0].id]?[.price] == "12,3x")
        // A field another writer did not name stays as it was.
        _ = await session.updateDraft(TillDraftPatch(seller: ["street": "Dorpsstraat"]), clerk: "Bram")
        #expect(await session.snapshot().draft[.surname] == "De Vries")
        // Unknown fields and items not on the till are not kept.
        _ = await session.updateDraft(TillDraftPatch(seller: ["bsn": "999999990"], items: ["nope": .init(fields: ["price": "1"])]),
                                      clerk: "Anna")
        #expect(await session.snapshot().draft.seller["bsn"] == nil)
        #expect(await session.snapshot().draft.items["nope"] == nil)
        try await session.newCustomer()
        #expect(await session.snapshot().draft.isEmpty)
    }

    @Test("A document read fills the seller's fields of the draft; the focus goes to the first field still needed")
    func documentFillsDraft() async throws {
        let world = try TillWorld()
        defer { world.folder.remove() }
        let session = world.session()
        await session.readDocument(lines: DocumentFixtures.idCard)
        let draft = await session.snapshot().draft
        #expect(draft[.surname] == "DE VRIES")
        #expect(draft[.givenNames] == "JAN WILLEM")
        #expect(draft[.birthDate] == "14-03-1985")
        #expect(draft[.documentNumber] == "IXR12PN74")
        #expect(draft[.expiryDate] == "30-06-2031")
        #expect(await session.review(clerk: "Anna").next?.field == "seller.address.street")
    }
}

/// Issue 14, point 6: the warnings the docs promise are in the document the counter shows.
@Suite("Document warnings at the counter")
struct DocumentWarningTests {
    static func check(_ s: String) -> String { DocumentFixtures.check(s) }

    /// A TD3 passport of `state` with `name` (39 characters fill the field) and `birth` as written.
    static func passport(state: String, name: String, birth: String = "650310") -> [String] {
        let l1 = "P<" + state + name.padding(toLength: 39, withPad: "<", startingAt: 0)
        let personal = "<<<<<<<<<<<<<<"
        var l2 = "XN12345K7" + check("XN12345K7") + state + birth + check("650310") + "F" + "300115" + check("300115")
            + personal + "<"
        let a = Array(l2)
        l2 += check(String(a[0..<10]) + String(a[13..<20]).replacingOccurrences(of: "O", with: "0") + String(a[21...]))
        return [l1, l2]
    }

    @Test("A specimen and a name that fills the MRZ field are warned about, in both languages")
    func specimenAndTruncated() async throws {
        let world = try TillWorld()
        defer { world.folder.remove() }
        let long = "VAN<DER<HOOGSTRATEN<VAN<KERKWIJK<<ANNA"
        let doc = await world.session().readDocument(lines: Self.passport(state: "UTO", name: long + String(repeating: "X", count: 39 - long.count)))
        #expect(doc.warnings.map(\.code) == ["document.specimen", "document.nameTruncated"])
        #expect(doc.warnings[0].message.hasPrefix("SPECIMEN (UTO)"))
        #expect(doc.warnings[0].messageEN.contains("Do not buy"))
    }

    @Test("A character the OCR got wrong and the check digits repaired is shown, naming the field")
    func repaired() async throws {
        let world = try TillWorld()
        defer { world.folder.remove() }
        let doc = await world.session().readDocument(lines: Self.passport(state: "NLD", name: "JANSEN<<KEES", birth: "65O310"))
        #expect(doc.valid)
        let warning = try #require(doc.warnings.first { $0.code == "document.repaired" })
        #expect(warning.message.contains("O werd 0"), "\(warning.message)")
    }
}
