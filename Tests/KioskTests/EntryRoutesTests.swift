import Counter
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import counter_kiosk

/// Issue 14, point 11: search, entry detail and reprint, corrections in the UI, the inspector's register.
@Suite("Owner's register routes, in process")
struct EntryRoutesTests {
    /// Registers a sample intake through the engine, as the counter would.
    static func register(_ world: KioskWorld, serial: String) throws -> RegisterEntry {
        let json = try JSONSerialization.data(withJSONObject: Sample.intake(serial: serial).merging(["clerk": "Anna"]) { a, _ in a })
        return try world.store.append(try IntakeValidator().decode(json), at: Date())
    }

    @Test("Search from the owner's page: a loose serial finds the entry; no criterion is refused in the user's language; staff may not search")
    func search() async throws {
        let world = try KioskWorld()
        defer { world.remove() }
        _ = try Self.register(world, serial: "SN12345")
        _ = try Self.register(world, serial: "OTHER-1")
        try await world.test { client in
            let owner = try await Page.signIn(client, "Piet", "908172")
            let (status, found) = try await owner.get(client, "/api/search?serial=sn%20123-45")
            #expect(status == .ok)
            let hits = try #require(found["hits"] as? [[String: Any]])
            #expect(hits.count == 1)
            #expect((hits[0]["row"] as? [String: Any])?["entryNumber"] as? Int == 1)
            let (empty, refusal) = try await owner.get(client, "/api/search?serial=")
            #expect(empty == .unprocessableContent)
            #expect(refusal["error"] as? String == CounterMessages.text(.searchNoCriteria, .nl))
            #expect(refusal["errorEN"] as? String == CounterMessages.text(.searchNoCriteria, .en))
            let (badDate, dateRefusal) = try await owner.get(client, "/api/search?from=31-02-2026")
            #expect(badDate == .unprocessableContent)
            #expect((dateRefusal["error"] as? String)?.hasPrefix("Van: Geen geldige datum") == true)
            let clerk = try await Page.signIn(client, "Anna", "1234")
            let (forbidden, _) = try await clerk.get(client, "/api/search?serial=SN12345")
            #expect(forbidden == .forbidden)
        }
    }

    @Test("A correction needs the owner's PIN and a reason, reads typed values at their field, is a new entry naming the old one, and is audited")
    func correction() async throws {
        let world = try KioskWorld()
        defer { world.remove() }
        _ = try Self.register(world, serial: "SN-TYPO")
        try await world.test { client in
            let owner = try await Page.signIn(client, "Piet", "908172")
            let (status, detail) = try await owner.get(client, "/api/entries/1")
            #expect(status == .ok)
            #expect(detail["correctable"] as? Bool == true)
            var form = try #require(detail["correctionForm"] as? [String: Any])
            var items = try #require(form["items"] as? [[String: String]])
            items[0]["serialNumber"] = "HOT-1"
            items[0]["price"] = "10,00"
            form["items"] = items
            var seller = try #require(form["seller"] as? [String: String])
            #expect(seller["birthDate"] == "01-01-1970")
            seller["street"] = "Brink"

            // Wrong PIN, no reason, a price that does not read: refused, nothing written.
            form["seller"] = seller
            let (wrongPIN, _) = try await owner.post(client, "/api/entries/1/correction",
                                                      ["form": form, "reason": "serienummer verkeerd", "owner": "Piet", "pin": "000000"])
            #expect(wrongPIN == .forbidden)
            let (noReason, reasonRefusal) = try await owner.post(client, "/api/entries/1/correction",
                                                                 ["form": form, "reason": " ", "owner": "Piet", "pin": "908172"])
            #expect(noReason == .unprocessableContent)
            #expect(reasonRefusal["code"] as? String == "till.reasonRequired")
            var badPrice = form
            var badItems = items
            badItems[0]["price"] = "12,3x"
            badPrice["items"] = badItems
            let (unreadable, priceRefusal) = try await owner.post(client, "/api/entries/1/correction",
                                                                  ["form": badPrice, "reason": "prijs", "owner": "Piet", "pin": "908172"])
            #expect(unreadable == .unprocessableContent)
            #expect((priceRefusal["error"] as? String)?.contains("Geen geldig bedrag") == true)
            #expect(try world.store.entryCount() == 1)

            let (made, corrected) = try await owner.post(client, "/api/entries/1/correction",
                                                         ["form": form, "reason": "serienummer verkeerd", "owner": "Piet", "pin": "908172"])
            #expect(made == .ok)
            let newDetail = try #require(corrected["detail"] as? [String: Any])
            let entry = try #require(newDetail["entry"] as? [String: Any])
            #expect(entry["entryNumber"] as? Int == 2)
            #expect(entry["corrects"] as? Int == 1)
            #expect(entry["correctionReason"] as? String == "serienummer verkeerd")
            #expect(entry["clerk"] as? String == "Piet")
            #expect((entry["seller"] as? [String: Any]).flatMap { $0["address"] as? [String: Any] }?["street"] as? String == "Brink")
            #expect(entry["priceCents"] as? Int == 1000)
            // The corrected serial was checked again: it is on the hotlist, so the check says so and the owner is alerted.
            let stored = try #require(try world.store.entryDetail(number: 2, today: CalendarDate(Date())))
            #expect(stored.items[0].checks.last?.status == .hit)
            #expect(try world.store.alerts(includeAcknowledged: false).contains { $0.entryNumber == 2 })
            #expect(stored.uploads.map(\.kind) == [.correction])
            #expect(stored.corrections.map(\.entryNumber) == [1, 2])
            // The old entry is as it was, and can no longer be corrected: the newest of the chain can.
            let (_, old) = try await owner.get(client, "/api/entries/1")
            #expect(old["correctable"] as? Bool == false)
            #expect(((old["detail"] as? [String: Any])?["entry"] as? [String: Any])?["priceCents"] as? Int == 1000)
            let (again, twice) = try await owner.post(client, "/api/entries/1/correction",
                                                      ["form": form, "reason": "nog eens", "owner": "Piet", "pin": "908172"])
            #expect(again == .unprocessableContent)
            #expect(twice["code"] as? String == "entry.correctedAlready")
            let audit = try await world.staff.audit.events(on: nil, limit: 50)
            #expect(audit.contains { $0.action == AuditAction.intakeCorrected.rawValue && $0.subject == "entry 2" && $0.actor == "Piet" })
            let (missing, _) = try await owner.get(client, "/api/entries/99")
            #expect(missing == .notFound)
        }
    }

    @Test("The users page shows a locked account until when, and the owner unlocks it or gives a new PIN")
    func lockedAccounts() async throws {
        let world = try KioskWorld()
        defer { world.remove() }
        for _ in 0..<5 { _ = try? await world.staff.signIn(name: "Anna", pin: "0000", at: Date()) }
        try await world.test { client in
            let owner = try await Page.signIn(client, "Piet", "908172")
            let response = try await client.execute(uri: "/api/users", method: .get, headers: owner.headers(), body: nil)
            let users = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]])
            #expect(users.first { $0["name"] as? String == "Anna" }?["lockedUntil"] is String)
            #expect(users.first { $0["name"] as? String == "Bert" }?["lockedUntil"] == nil)
            let unlock = try await client.execute(uri: "/api/users", method: .post, headers: owner.headers(),
                                                  body: ByteBuffer(string: #"{"name":"Anna","unlock":true}"#))
            #expect(unlock.status == .ok)
            let after = try #require(try JSONSerialization.jsonObject(with: Data(buffer: unlock.body)) as? [[String: Any]])
            #expect(after.first { $0["name"] as? String == "Anna" }?["lockedUntil"] == nil)
            _ = try await Page.signIn(client, "Anna", "1234")
        }
    }

    @Test("Issue 14, point 8: a refused print page is a page in words, not raw JSON")
    func printRefusalInWords() async throws {
        let world = try KioskWorld()
        defer { world.remove() }
        try await world.test { client in
            let owner = try await Page.signIn(client, "Piet", "908172")
            let response = try await client.execute(uri: "/print/entry/99", method: .get, headers: owner.headers(), body: nil)
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            let page = String(buffer: response.body)
            #expect(page.contains("<h1>Er is geen inschrijving met volgnummer 99.</h1>"))
            #expect(!page.contains("{"))
            let api = try await client.execute(uri: "/api/entries/99", method: .get, headers: owner.headers(), body: nil)
            #expect(api.headers[.contentType] == "application/json; charset=utf-8")
        }
    }

    @Test("Paths around the owner's rules: a clerk cannot correct, search or set a day price; a print ticket opens its own page once")
    func bypasses() async throws {
        let world = try KioskWorld()
        defer { world.remove() }
        _ = try Self.register(world, serial: "SN-BYPASS")
        try await world.test { client in
            let clerk = try await Page.signIn(client, "Anna", "1234")
            let form = CorrectionForm(entry: try #require(try world.store.entry(number: 1)))
            let formJSON = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(form))
            // The owner's name and PIN in the body do not make a clerk's page an owner's.
            let (corrected, _) = try await clerk.post(client, "/api/entries/1/correction",
                                                       ["form": formJSON, "reason": "prijs", "owner": "Piet", "pin": "908172"])
            #expect(corrected == .forbidden)
            #expect(try world.store.entryCount() == 1)
            let (priced, _) = try await clerk.post(client, "/api/metal-prices", ["gold": "1,00"])
            #expect(priced == .forbidden)
            #expect(try world.store.metalPrices().isEmpty)
            let (searched, _) = try await clerk.get(client, "/api/search?serial=SN-BYPASS")
            #expect(searched == .forbidden)

            let owner = try await Page.signIn(client, "Piet", "908172")
            let (badPrice, refusal) = try await owner.post(client, "/api/metal-prices", ["gold": "-3"])
            #expect(badPrice == .unprocessableContent)
            #expect((refusal["error"] as? String)?.hasPrefix("Goud:") == true)
            #expect(try world.store.metalPrices().isEmpty)

            // The PDF renderer's ticket: once, and only for the page it was made for.
            let today = CalendarDate(Date()).iso
            let ticket = await world.server.gate.sessions.issuePrintTicket(path: "/print/register", now: Date())
            let uri = "/print/register?from=\(today)&to=\(today)&ticket=\(ticket)"
            #expect(try await client.execute(uri: uri, method: .get, headers: [:], body: nil).status == .ok)
            let again = try await client.execute(uri: uri, method: .get, headers: [:], body: nil)
            #expect(again.status == .unauthorized)
            #expect(String(buffer: again.body).contains("Niet (meer) aangemeld"))
            let other = await world.server.gate.sessions.issuePrintTicket(path: "/print/log", now: Date())
            #expect(try await client.execute(uri: "/print/register?from=\(today)&to=\(today)&ticket=\(other)", method: .get,
                                             headers: [:], body: nil).status == .unauthorized)
        }
    }

    @Test("The inspector's register as CSV from the owner's page: Dutch Excel, the period's entries, audited")
    func exportCSV() async throws {
        let world = try KioskWorld()
        defer { world.remove() }
        _ = try Self.register(world, serial: "SN12345")
        try await world.test { client in
            let owner = try await Page.signIn(client, "Piet", "908172")
            let today = ShopFormat.dutch.date(CalendarDate(Date()))
            let response = try await client.execute(uri: "/export/register.csv?from=\(today)&to=\(today)", method: .get,
                                                    headers: owner.headers(), body: nil)
            #expect(response.status == .ok)
            let bytes = Data(buffer: response.body)
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.contains(";Dorpsweg 3, 7411 AB Deventer;01-01-1970;paspoort NX12345P6 (NLD);"))
            let (tooLong, refusal) = try await owner.get(client, "/export/register.csv?from=01-01-2020&to=\(today)")
            #expect(tooLong == .unprocessableContent)
            #expect(refusal["code"] as? String == "export.periodTooLong")
            let audit = try await world.staff.audit.events(on: nil, limit: 50)
            #expect(audit.contains { $0.action == AuditAction.exportCSV.rawValue && $0.subject == "register" })
        }
    }
}

@Suite("Kiosk browser")
struct KioskBrowserTests {
    @Test("Issue 14: 'run --kiosk' starts Chromium in the page's language, not Debian's en-US")
    func language() {
        let dutch = KioskBrowser.arguments(url: "http://127.0.0.1:8417/", profile: "/tmp/p", language: "nl")
        #expect(dutch.contains("--lang=nl") && dutch.contains("--accept-lang=nl-NL,nl") && dutch.contains("--kiosk"))
        #expect(KioskBrowser.arguments(url: "u", profile: "p", language: "en").contains("--lang=en-GB"))
    }
}
