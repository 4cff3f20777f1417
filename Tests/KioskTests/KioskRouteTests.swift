import Counter
import CounterTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import counter_kiosk

/// A kiosk on a fresh data folder, tested in process: the real route groups over a real engine and register,
/// requests through HummingbirdTesting's router client.
struct KioskWorld {
    let folder: String
    let engine: CounterEngine
    let server: KioskServer
    let store: SQLiteRegisterStore
    let staff: StaffDirectory

    static let shop = CounterConfiguration.Shop(name: "Goud & Zo", kvkNumber: "12345678", branch: "000012345678",
                                                municipality: "Deventer")

    /// A data folder as the kiosk keeps it; `shopReady: false` is a first start, before the shop is set up.
    init(tills: [TillConfiguration] = [], shopReady: Bool = true) throws {
        folder = NSTemporaryDirectory() + "kiosk-test-" + UUID().uuidString
        let data = DataFolder(path: folder)
        try data.create()
        if shopReady { try ShopSetup.save(Self.shop, dataFolder: data) }
        let (config, store) = try data.openRegister()
        self.store = store
        let staff = StaffDirectory(store: store, iterations: 100)
        self.staff = staff
        try store.insertStaffAccount(StaffAccount(name: "Anna", role: .staff, createdAt: Date()), pinHash: StaffPINHash(pin: "1234", iterations: 100).encoded, onlyIntoEmpty: false, by: "test")
        try store.insertStaffAccount(StaffAccount(name: "Bert", role: .staff, createdAt: Date()), pinHash: StaffPINHash(pin: "2345", iterations: 100).encoded, onlyIntoEmpty: false, by: "test")
        try store.insertStaffAccount(StaffAccount(name: "Piet", role: .owner, createdAt: Date()), pinHash: StaffPINHash(pin: "908172", iterations: 100).encoded, onlyIntoEmpty: false, by: "test")
        try store.insertStaffAccount(StaffAccount(name: "Tom", role: .technician, createdAt: Date()), pinHash: StaffPINHash(pin: "5555", iterations: 100).encoded, onlyIntoEmpty: false, by: "test")
        try FileManager.default.createDirectory(atPath: data.hotlistPath, withIntermediateDirectories: true)
        let feed = folder + "/feed.csv"
        try "serial,brand\nHOT-1,Apple\n".write(toFile: feed, atomically: true, encoding: .utf8)
        _ = try HotlistImporter.importFeed(feed, into: data.hotlistPath + "/hotlist.bin")
        engine = try CounterEngine(.init(
            storage: store, staff: staff, checker: StolenGoodsChecker(hotlistFolder: data.hotlistPath, remote: nil, watchList: store),
            tills: tills.isEmpty ? config.effectiveTills : tills,
            discovery: ScannerDiscovery(root: folder + "/no-sysfs"), photoArchive: data.photoArchive(for: store, limits: config.photos)))
        let settings = KioskServer.Settings(
            host: "localhost", port: 80, sessionMinutes: 30, training: false, language: "nl", dataFolder: data,
            registerURLOverride: nil, tls: nil)
        server = KioskServer(settings: settings, config: config, engine: engine, staff: staff)
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }

    func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: server.router())
        try await app.test(.router, body)
    }
}

/// A signed-in page: its cookie and CSRF token.
struct Page: Sendable {
    var cookie: String
    var csrf: String

    static func signIn(_ client: some TestClientProtocol, _ user: String, _ pin: String, till: String? = nil) async throws -> Page {
        var body = ["user": user, "pin": pin]
        if let till { body["till"] = till }
        let response = try await client.execute(
            uri: "/api/login", method: .post, headers: [.contentType: "application/json"],
            body: ByteBuffer(data: try JSONEncoder().encode(body)))
        #expect(response.status == .ok)
        let cookie = try #require(response.headers[.setCookie]?.split(separator: ";").first.map(String.init))
        let info = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
        return Page(cookie: cookie, csrf: try #require(info?["csrf"] as? String))
    }

    func headers() -> HTTPFields {
        [.cookie: cookie, .contentType: "application/json", KioskGate.csrfHeader: csrf]
    }

    func post(_ client: some TestClientProtocol, _ uri: String, _ json: [String: Any]) async throws -> (HTTPResponse.Status, [String: Any]) {
        let response = try await client.execute(
            uri: uri, method: .post, headers: headers(), body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: json)))
        return (response.status, (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:])
    }

    func get(_ client: some TestClientProtocol, _ uri: String) async throws -> (HTTPResponse.Status, [String: Any]) {
        let response = try await client.execute(uri: uri, method: .get, headers: headers(), body: nil)
        return (response.status, (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:])
    }
}

enum Sample {
    static func intake(serial: String) -> [String: Any] {
        [
            "kind": "purchase", "paymentMethod": "cash", "priceCents": 1000,
            "seller": [
                "surname": "Jansen", "givenNames": "Kees", "birthDate": "1970-01-01",
                "address": ["street": "Dorpsweg", "houseNumber": "3", "postcode": "7411 AB", "city": "Deventer"],
                "document": ["kind": "passport", "number": "NX12345P6", "issuingCountry": "NLD", "expiryDate": "2031-01-01"],
            ],
            "items": [["category": "mobilePhone", "brand": "Apple", "model": "iPhone 12", "description": "Telefoon",
                       "serialNumber": serial]],
        ]
    }
}

@Suite("Kiosk routes, in process")
struct KioskRouteTests {
    @Test("A hit from the scan field holds the till: the intake is refused, the hit shows after a reload, removing it needs the owner")
    func hitThroughRoutes() async throws {
        let world = try KioskWorld()
        defer { world.remove() }
        try await world.test { client in
            let page = try await Page.signIn(client, "Anna", "1234")
            let (_, scan) = try await page.post(client, "/api/scan", ["text": "HOT-1"])
            #expect(scan["kind"] as? String == "item")
            let item = try #require(scan["item"] as? [String: Any])
            #expect((item["check"] as? [String: Any])?["status"] as? String == "hit")
            let (status, refused) = try await page.post(
                client, "/api/intakes", ["intake": Sample.intake(serial: "CLEAN-1"), "idempotencyKey": "key-0000001"])
            #expect(status == .conflict)
            #expect(refused["code"] as? String == "till.hitOpen")
            // A reload: the page asks the till, and the hit is there.
            let (_, till) = try await page.get(client, "/api/till")
            #expect((till["openHit"] as? [String: Any])?["identifier"] as? String == "HOT-1")
            let id = try #require(item["id"] as? String)
            let (removeStatus, removal) = try await page.post(client, "/api/till/items/\(id)/remove", [:])
            #expect(removeStatus == .forbidden)
            #expect(removal["code"] as? String == "till.ownerRequired")
            let (decided, _) = try await page.post(client, "/api/till/hit", [
                "itemID": id, "outcome": "notBought", "owner": "Piet", "pin": "908172", "reason": "niet gekocht"])
            #expect(decided == .ok)
            let (_, after) = try await page.get(client, "/api/till")
            #expect(after["openHit"] == nil && (after["items"] as? [Any])?.isEmpty == true)
        }
        #expect(try world.store.entryCount() == 0)
    }

    @Test("A typed serial edited on the card is checked by the till at once")
    func editChecks() async throws {
        let world = try KioskWorld()
        defer { world.remove() }
        try await world.test { client in
            let page = try await Page.signIn(client, "Anna", "1234")
            let (_, scan) = try await page.post(client, "/api/scan", ["text": "CLEAN-123"])
            let id = try #require((scan["item"] as? [String: Any])?["id"] as? String)
            let (_, edited) = try await page.post(client, "/api/till/items/\(id)", ["serialNumber": "HOT-1"])
            #expect((edited["check"] as? [String: Any])?["status"] as? String == "hit")
        }
    }

    @Test("An MRZ line in the scan field is refused with the clerk's message; the answer holds no BSN")
    func mrzRefused() async throws {
        let world = try KioskWorld()
        defer { world.remove() }
        try await world.test { client in
            let page = try await Page.signIn(client, "Anna", "1234")
            let line = "I<NLDIXR12PN747999999990<<<<<4"
            let response = try await client.execute(
                uri: "/api/scan", method: .post, headers: page.headers(),
                body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: ["text": line])))
            let text = String(buffer: response.body)
            #expect(text.contains("scan.documentUnreadable"))
            #expect(text.contains("Document niet leesbaar, opnieuw scannen."))
            #expect(!text.contains("999999990"))
            let (_, till) = try await page.get(client, "/api/till")
            #expect((till["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("The same idempotency key twice is one entry with one number")
    func idempotentIntake() async throws {
        let world = try KioskWorld()
        defer { world.remove() }
        try await world.test { client in
            let page = try await Page.signIn(client, "Anna", "1234")
            let body: [String: Any] = ["intake": Sample.intake(serial: "CLEAN-7"), "idempotencyKey": "key-0000002"]
            let (s1, first) = try await page.post(client, "/api/intakes", body)
            let (s2, again) = try await page.post(client, "/api/intakes", body)
            #expect(s1 == .ok && s2 == .ok)
            #expect(first["entryNumber"] as? Int == 1 && again["entryNumber"] as? Int == 1)
            #expect(first["replayed"] as? Bool == false && again["replayed"] as? Bool == true)
            let (missing, _) = try await page.post(client, "/api/intakes", ["intake": Sample.intake(serial: "CLEAN-8")])
            #expect(missing == .badRequest)
        }
        #expect(try world.store.entryCount() == 1)
    }

    @Test("Two tills: each page works at its own till and sees nothing of the other's; a technician gets no till")
    func tillsApart() async throws {
        let world = try KioskWorld(tills: [TillConfiguration(name: "kassa-1"), TillConfiguration(name: "kassa-2")])
        defer { world.remove() }
        try await world.test { client in
            let one = try await Page.signIn(client, "Anna", "1234", till: "kassa-1")
            let two = try await Page.signIn(client, "Bert", "2345", till: "kassa-2")
            _ = try await two.post(client, "/api/scan", ["text": "HOT-1"])
            let (_, tillOne) = try await one.get(client, "/api/till")
            let (_, tillTwo) = try await two.get(client, "/api/till")
            #expect(tillOne["till"] as? String == "kassa-1" && (tillOne["items"] as? [Any])?.isEmpty == true)
            #expect(tillOne["openHit"] == nil)
            #expect(tillTwo["openHit"] != nil)
            let technician = try await Page.signIn(client, "Tom", "5555")
            let (status, _) = try await technician.get(client, "/api/till")
            #expect(status == .forbidden)
            let unknown = try await client.execute(
                uri: "/api/login", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(data: try JSONEncoder().encode(["user": "Anna", "pin": "1234", "till": "kassa-9"])))
            #expect(unknown.status == .notFound)
        }
    }

    @Test("Issue 12 (5): disabling an account or changing its PIN ends its open sessions, also from another process")
    func sessionsEnd() async throws {
        let world = try KioskWorld()
        defer { world.remove() }
        try await world.test { client in
            let anna = try await Page.signIn(client, "Anna", "1234")
            let bert = try await Page.signIn(client, "Bert", "2345")
            let owner = try await Page.signIn(client, "Piet", "908172")
            #expect(try await anna.get(client, "/api/till").0 == .ok)
            let (disabled, _) = try await owner.post(client, "/api/users", ["name": "Anna", "disabled": true])
            #expect(disabled == .ok)
            let (status, body) = try await anna.get(client, "/api/till")
            #expect(status == .unauthorized && body["code"] as? String == "signedOut")
            // `counter-kiosk users pin` from the command line: the same register, another process.
            try await world.staff.changePIN(name: "Bert", newPIN: "7777", by: "cli", at: Date())
            #expect(try await bert.get(client, "/api/till").0 == .unauthorized)
            #expect(try await owner.get(client, "/api/users").0 == .ok)
        }
    }

    @Test("Issue 12 (9): acknowledging an unknown alert is a 404 with a message, not an empty 500")
    func unknownAlert() async throws {
        let world = try KioskWorld()
        defer { world.remove() }
        try await world.test { client in
            let owner = try await Page.signIn(client, "Piet", "908172")
            let (status, body) = try await owner.post(client, "/api/alerts/4711/ack", ["note": "gezien"])
            #expect(status == .notFound)
            #expect(body["error"] as? String == "Er is geen melding met nummer 4711.")
            #expect(body["errorEN"] as? String == "There is no alert number 4711.")
        }
    }

    @Test("Issue 12 (8): a photo that is only a JPEG header, or too large, is refused with a message in both languages")
    func photoRefusals() async throws {
        let world = try KioskWorld()
        defer { world.remove() }
        try await world.test { client in
            let clerk = try await Page.signIn(client, "Anna", "1234")
            var headers = clerk.headers()
            headers[.contentType] = "image/jpeg"
            let headerOnly = try await client.execute(
                uri: "/api/photos", method: .post, headers: headers,
                body: ByteBuffer(bytes: [0xFF, 0xD8, 0xFF, 0xE0] + [UInt8](repeating: 0, count: 65_536)))
            #expect(headerOnly.status == .unsupportedMediaType)
            let body = try JSONSerialization.jsonObject(with: Data(buffer: headerOnly.body)) as? [String: Any]
            #expect(body?["code"] as? String == "photo.notAnImage")
            #expect(body?["error"] as? String == CounterMessages.text(.photoNotAnImage, .nl))
            #expect(body?["errorEN"] as? String == CounterMessages.text(.photoNotAnImage, .en))
            let huge = try await client.execute(
                uri: "/api/photos", method: .post, headers: headers,
                body: ByteBuffer(bytes: [UInt8](repeating: 0xFF, count: 16 * 1_048_576)))
            #expect(huge.status == .contentTooLarge)
            let hugeBody = try JSONSerialization.jsonObject(with: Data(buffer: huge.body)) as? [String: Any]
            #expect(hugeBody?["code"] as? String == "photo.tooLarge")
            #expect((hugeBody?["error"] as? String)?.contains("hooguit 15 MB") == true)
            // Nothing was stored.
            let stored = (try? FileManager.default.subpathsOfDirectory(atPath: world.folder + "/photos")) ?? []
            #expect(stored.filter { $0.hasSuffix(".jpg") }.isEmpty)
        }
    }

    @Test("A page that sends a ring with a photo hash of its own making is refused (intake.photoNotStored), nothing written; with the photo it uploaded, registered")
    func pagePhotoMustBeStored() async throws {
        let world = try KioskWorld()
        defer { world.remove() }
        try await world.test { client in
            let clerk = try await Page.signIn(client, "Anna", "1234")
            var ring = Sample.intake(serial: "RING")
            ring["items"] = [["category": "jewellery", "description": "Ring", "priceCents": 1000,
                              "jewellery": ["fineness": "585", "weightMilligrams": 4250],
                              "photos": [["sha256": String(repeating: "ab", count: 32), "mediaType": "image/jpeg"]]]]
            let (refused, refusal) = try await clerk.post(client, "/api/intakes", ["intake": ring, "idempotencyKey": "key-ring-1"])
            #expect(refused == .unprocessableContent)
            #expect((refusal["errorEN"] as? String)?.contains("photo archive") == true, "\(refusal)")
            #expect(try world.store.entryCount() == 0)

            var headers = clerk.headers()
            headers[.contentType] = "image/jpeg"
            let uploaded = try await client.execute(uri: "/api/photos", method: .post, headers: headers,
                                                    body: ByteBuffer(data: SamplePhoto.jpeg(padding: 400)))
            #expect(uploaded.status == .ok)
            let reference = try #require(try JSONSerialization.jsonObject(with: Data(buffer: uploaded.body)) as? [String: String])
            ring["items"] = [["category": "jewellery", "description": "Ring", "priceCents": 1000,
                              "jewellery": ["fineness": "585", "weightMilligrams": 4250], "photos": [reference]]]
            let (ok, done) = try await clerk.post(client, "/api/intakes", ["intake": ring, "idempotencyKey": "key-ring-2"])
            #expect(ok == .ok && done["entryNumber"] as? Int == 1, "\(done)")
        }
    }

    @Test("Issue 16: the owner's page shows the PC's health as doctor does: no backup yet is an error, a day-old one a warning")
    func pcHealth() async throws {
        let world = try KioskWorld()
        defer { world.remove() }
        try await world.test { client in
            let owner = try await Page.signIn(client, "Piet", "908172")
            func lines() async throws -> [String: [String: Any]] {
                let (status, body) = try await owner.get(client, "/api/owner/health")
                #expect(status == .ok)
                let list = try #require(body["lines"] as? [[String: Any]])
                return Dictionary(uniqueKeysWithValues: list.map { ($0["id"] as! String, $0) })
            }
            var health = try await lines()
            #expect(Set(health.keys) == ["dataFolder", "register", "disk", "scanners", "clock", "backup", "uploads", "hotlist", "tls"])
            #expect(health["backup"]?["level"] as? String == "error")
            #expect((health["backup"]?["message"] as? [String: Any])?["code"] as? String == "backup.never")
            #expect(health["register"]?["level"] as? String == "ok")
            #expect(health["dataFolder"]?["level"] as? String == "ok")

            let folder = DataFolder(path: world.folder)
            let code = try RegisterBackup.setUp(folder)
            _ = try RegisterBackup.take(folder, code: code, to: world.folder + "-backups", now: Date().addingTimeInterval(-25 * 3600))
            defer { try? FileManager.default.removeItem(atPath: world.folder + "-backups") }
            health = try await lines()
            #expect(health["backup"]?["level"] as? String == "warning")
            let message = try #require(health["backup"]?["message"] as? [String: Any])
            #expect(message["code"] as? String == "backup.tooOld")
            #expect((message["message"] as? String)?.contains("25 uur oud") == true, "\(message)")
            _ = try RegisterBackup.take(folder, code: code, to: world.folder + "-backups")
            #expect(try await lines()["backup"]?["level"] as? String == "ok")

            world.store.markDamaged(.entriesMissing(anchored: 9, present: 4))
            #expect(try await lines()["register"]?["level"] as? String == "error")
            let clerk = try await Page.signIn(client, "Anna", "1234")
            #expect(try await clerk.get(client, "/api/owner/health").0 == .forbidden)
        }
    }

    @Test("Issue 12 (3): the owner's register page says whether the register is whole, and what to do when not; clerks cannot open it")
    func registerHealth() async throws {
        let world = try KioskWorld()
        defer { world.remove() }
        try await world.test { client in
            let owner = try await Page.signIn(client, "Piet", "908172")
            let (status, whole) = try await owner.get(client, "/api/owner/register")
            #expect(status == .ok)
            #expect((whole["health"] as? [String: Any])?["whole"] as? Bool == true)
            #expect(whole["whatToDo"] == nil)
            let (_, verified) = try await owner.post(client, "/api/owner/register/verify", [:])
            #expect(verified["verifiedEntries"] as? Int == 0)
            world.store.markDamaged(.entriesMissing(anchored: 9, present: 4))
            let (_, damaged) = try await owner.get(client, "/api/owner/register")
            #expect((damaged["health"] as? [String: Any])?["whole"] as? Bool == false)
            #expect((damaged["summary"] as? String)?.contains("entries 5…9 are missing") == true)
            let steps = try #require(damaged["whatToDo"] as? String)
            #expect(steps.contains(world.folder + "/register.sqlite") && steps.contains("politie"))
            #expect((damaged["whatToDoEN"] as? String)?.contains("police") == true)
            let clerk = try await Page.signIn(client, "Anna", "1234")
            #expect(try await clerk.get(client, "/api/owner/register").0 == .forbidden)
        }
    }

    @Test("Issue 13: € 3 000 in cash is refused at the counter with the law's reason in both languages; by bank transfer it registers")
    func cashBan() async throws {
        let world = try KioskWorld()
        defer { world.remove() }
        try await world.test { client in
            let page = try await Page.signIn(client, "Anna", "1234")
            var intake = Sample.intake(serial: "CLEAN-9")
            intake["priceCents"] = 300_000
            let (status, refused) = try await page.post(client, "/api/intakes", ["intake": intake, "idempotencyKey": "key-cash-1"])
            #expect(status != .ok)
            #expect((refused["error"] as? String)?.contains("Contant betalen van € 3.000,00 of meer mag niet") == true, "\(refused)")
            #expect((refused["errorEN"] as? String)?.contains("Wwft") == true)
            intake["paymentMethod"] = "bankTransfer"
            let (ok, done) = try await page.post(client, "/api/intakes", ["intake": intake, "idempotencyKey": "key-cash-2"])
            #expect(ok == .ok && done["entryNumber"] as? Int == 1)
        }
    }

    @Test("Issue 13: a police hold order over 14 days is refused in both languages; one within is recorded, blocks the sale, and clerks cannot reach the page")
    func policeHoldOrder() async throws {
        let world = try KioskWorld()
        defer { world.remove() }
        try await world.test { client in
            let clerk = try await Page.signIn(client, "Anna", "1234")
            let (_, done) = try await clerk.post(client, "/api/intakes", ["intake": Sample.intake(serial: "CLEAN-7"), "idempotencyKey": "k-police"])
            #expect(done["entryNumber"] as? Int == 1)
            #expect(try await clerk.get(client, "/api/police").0 == .forbidden)
            let owner = try await Page.signIn(client, "Piet", "908172")
            let today = CalendarDate(Date())
            let (tooLong, refused) = try await owner.post(client, "/api/police/hold-orders", [
                "itemID": "1-1", "until": today.adding(days: 14).iso, "officer": "Agent 1", "reference": "PL-1"])
            #expect(tooLong == .unprocessableContent)
            #expect((refused["error"] as? String)?.contains("hoogstens 14 dagen") == true, "\(refused)")
            #expect((refused["errorEN"] as? String)?.contains("at most 14 days") == true)
            let (ok, view) = try await owner.post(client, "/api/police/hold-orders", [
                "itemID": "1-1", "until": today.adding(days: 13).iso, "officer": "Agent 1", "reference": "PL-1"])
            #expect(ok == .ok && (view["holdOrders"] as? [[String: Any]])?.first?["reference"] as? String == "PL-1")
            let (blocked, sale) = try await owner.post(client, "/api/sales", ["itemID": "1-1", "buyerName": "Koper"])
            #expect(blocked == .conflict && (sale["error"] as? String)?.contains("bewaarlast") == true)
        }
    }
}

@Suite("Kiosk routes: first start and the till's draft")
struct KioskShopAndDraftRouteTests {
    @Test("Issue 14, point 4: before the shop is set up the counter cannot register; the owner's form names each wrong field")
    func firstStartShop() async throws {
        let world = try KioskWorld(shopReady: false)
        defer { world.remove() }
        try await world.test { client in
            let clerk = try await Page.signIn(client, "Anna", "1234")
            let (_, info) = try await clerk.get(client, "/api/session")
            #expect(info["shopReady"] as? Bool == false)
            let (status, refused) = try await clerk.post(
                client, "/api/intakes", ["intake": Sample.intake(serial: "CLEAN-1"), "idempotencyKey": "key-0000001"])
            #expect(status == .conflict)
            #expect(refused["code"] as? String == "shop.notSetUp")
            #expect((refused["error"] as? String)?.contains("KvK-nummer") == true)
            let (forbidden, _) = try await clerk.post(client, "/api/shop", ["name": "X", "kvkNumber": "1", "branch": "1", "municipality": "X"])
            #expect(forbidden == .forbidden)

            let owner = try await Page.signIn(client, "Piet", "908172")
            let (bad, problems) = try await owner.post(
                client, "/api/shop", ["name": "Goud & Zo", "kvkNumber": "1234", "branch": "", "municipality": "Deventer"])
            #expect(bad == .unprocessableContent)
            #expect((problems["problems"] as? [[String: Any]])?.map { $0["key"] as? String } == ["shop.kvkNumber", "shop.branch"])
            let (ok, shop) = try await owner.post(
                client, "/api/shop", ["name": "Goud & Zo", "kvkNumber": "12345678", "branch": "000012345678", "municipality": "Deventer"])
            #expect(ok == .ok && shop["ready"] as? Bool == true)
            let (registered, done) = try await clerk.post(
                client, "/api/intakes", ["intake": Sample.intake(serial: "CLEAN-1"), "idempotencyKey": "key-0000001"])
            #expect(registered == .ok && done["entryNumber"] as? Int == 1, "\(done)")
            // With no register configured the entry waits; the owner prints it for the DOR portal with a button.
            let printed = try await client.execute(uri: "/print/dor-manual", method: .get, headers: owner.headers(), body: nil)
            let page = String(buffer: printed.body)
            #expect(printed.status == .ok)
            #expect(page.contains("Inkoop — volgnummer 1") && page.contains("Bewaren t/m") && page.contains("KvK 12345678/000012345678"))
        }
        #expect(try world.store.entry(number: 1)?.shopID == "12345678/000012345678")
    }

    @Test("Issue 14, point 1: the page's draft with a bad price is refused at the field, in both languages")
    func draftPrice() async throws {
        let world = try KioskWorld()
        defer { world.remove() }
        try await world.test { client in
            let page = try await Page.signIn(client, "Anna", "1234")
            let (_, scan) = try await page.post(client, "/api/scan", ["text": "CLEAN-42"])
            let id = try #require((scan["item"] as? [String: Any])?["id"] as? String)
            let (_, review) = try await page.post(client, "/api/till/draft", ["items": [id: ["fields": ["price": "-5"]]]])
            let problem = try #require((review["problems"] as? [[String: Any]])?.first)
            #expect(problem["field"] as? String == "items[0].priceCents")
            let message = try #require(problem["message"] as? [String: Any])
            #expect(message["message"] as? String == "Kan niet negatief zijn.")
            #expect(message["messageEN"] as? String == "Cannot be negative.")
            let (status, refused) = try await page.post(client, "/api/intakes", ["draft": [:], "idempotencyKey": "key-0000009"])
            #expect(status == .unprocessableContent)
            #expect(refused["code"] as? String == "intake:items[0].priceCents")
            // A reload finds it again.
            let (_, till) = try await page.get(client, "/api/till")
            let draft = try #require(till["draft"] as? [String: Any])
            #expect(((draft["items"] as? [String: Any])?[id] as? [String: Any]).flatMap { ($0["fields"] as? [String: String])?["price"] } == "-5")
        }
        #expect(try world.store.entryCount() == 0)
    }
}

@Suite("Kiosk routes with the register on PostgreSQL")
struct NotOnPostgresRouteTests {
    /// Whether `pattern` (a path of ``NotOnPostgresRoutes/paths``, `/**` for everything below) covers `path`.
    static func covers(_ pattern: String, _ path: String) -> Bool {
        guard pattern.hasSuffix("/**") else { return pattern == path }
        let prefix = String(pattern.dropLast(3))
        return path == prefix || path.hasPrefix(prefix + "/")
    }

    @Test("Every page that still needs the data folder's file answers in words (501), not with a bare 404")
    func refusedInWords() async throws {
        let world = try KioskWorld()
        defer { world.remove() }
        // No path of the kiosk on its file becomes a 404 on PostgreSQL: each is served the same, or refused in words.
        let onPostgres = Set(world.server.router(file: nil).routes.map { "\($0.method) \($0.path)" })
        let all = world.server.router(file: world.store).routes
        #expect(all.count > 60)
        for route in all where !onPostgres.contains("\(route.method) \(route.path)") {
            #expect(NotOnPostgresRoutes.paths.contains { Self.covers($0, "\(route.path)") }, "\(route) is neither served nor refused")
        }
        let app = Application(router: world.server.router(file: nil))
        try await app.test(.router) { client in
            let owner = try await Page.signIn(client, "Piet", "908172")
            for (method, path) in [("GET", "/api/shop"), ("POST", "/api/shop")] {
                let (status, body) = method == "GET" ? try await owner.get(client, path) : try await owner.post(client, path, [:])
                #expect(status == .notImplemented, "\(path)")
                #expect(body["code"] as? String == "storage.notOnPostgres", "\(path)")
                #expect((body["errorEN"] as? String)?.contains("PostgreSQL") == true)
            }
            // What works on either backend stays served: the day log and its exports, search and an entry's detail,
            // the holding list, sales and the police's records, the users, the till.
            #expect(try await owner.get(client, "/api/holding").0 == .ok)
            #expect(try await owner.get(client, "/export/log.csv?date=2026-12-01").0 == .ok)
            #expect(try await owner.get(client, "/export/register.csv?from=2026-12-01&to=2026-12-06").0 == .ok)
            #expect(try await owner.get(client, "/api/search?clerk=Anna").0 == .ok)
            #expect(try await owner.get(client, "/api/entries/1").0 == .notFound)
            #expect(try await owner.get(client, "/api/owner/register").0 == .ok)
            #expect(try await owner.get(client, "/api/police").0 == .ok)
            let (status, body) = try await owner.post(client, "/api/sales", ["itemID": "99-1", "buyerName": "Koper"])
            #expect(status == .conflict && (body["errorEN"] as? String)?.contains("99-1") == true)
            #expect(try await owner.get(client, "/api/log").0 == .ok)
            #expect(try await owner.get(client, "/api/users").0 == .ok)
            let clerk = try await Page.signIn(client, "Anna", "1234")
            #expect(try await clerk.get(client, "/api/till").0 == .ok)
        }
    }
}
