import CounterTesting
import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// The `counter-kiosk` binary end to end, as an owner or a script uses it.
@Suite("Command line", .serialized)
struct CommandLineTests {
    @Test("intake add → log --format csv → verify")
    func endToEnd() async throws {
        let folder = try TemporaryFolder()
        try Fixtures.setUpShop(in: folder)
        defer { folder.remove() }
        let bin = Fixtures.kioskBinary
        let added = try await runProcess(bin, ["intake", "add", "--data", folder.path], input: try Fixtures.exampleJSON)
        #expect(added.status == 0)
        #expect(added.stdout == "1\n")
        let log = try await runProcess(bin, ["log", "--format", "csv", "--data", folder.path])
        #expect(log.status == 0)
        #expect(log.stdout.contains(";Anna;inkoop;Jan Willem De Vries;identiteitskaart IXR12PN74 (NLD);"))
        let verify = try await runProcess(bin, ["verify", "--data", folder.path])
        #expect(verify.status == 0)
        #expect(verify.stdout.hasPrefix("Register intact: 1 entries"))
    }

    @Test("Issue 14: search and register export on the command line, as the owner's page does them")
    func searchAndExport() async throws {
        let folder = try TemporaryFolder()
        try Fixtures.setUpShop(in: folder)
        defer { folder.remove() }
        let bin = Fixtures.kioskBinary
        #expect(try await runProcess(bin, ["intake", "add", "--data", folder.path], input: try Fixtures.exampleJSON).status == 0)
        let found = try await runProcess(bin, ["search", "--data", folder.path, "--serial", "gs 7731 b", "--seller", "de vries"])
        #expect(found.status == 0, "\(found.stderr)")
        #expect(found.stdout.contains("Jan Willem De Vries") && found.stdout.contains("1 entries."))
        let none = try await runProcess(bin, ["search", "--data", folder.path, "--document", "XX999"])
        #expect(none.stdout == "No entries found.\n")
        let json = try await runProcess(bin, ["search", "--data", folder.path, "--from", "01-01-2020", "--json"])
        let result = try JSONDecoder().decode(RegisterSearch.Result.self, from: Data(json.stdout.utf8))
        #expect(result.hits.map(\.row.entryNumber) == [1])
        let empty = try await runProcess(bin, ["search", "--data", folder.path])
        #expect(empty.status != 0 && empty.stderr.contains("Fill in at least one search field"))

        let today = ShopFormat.dutch.date(CalendarDate(Date()))
        let csvPath = folder.path + "/register.csv"
        let csv = try await runProcess(bin, ["register", "export", "--data", folder.path, "--from", today, "--to", today,
                                       "--output", csvPath])
        #expect(csv.status == 0, "\(csv.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: csvPath))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))  // the byte-order mark Dutch Excel needs
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("volgnummer;voorwerp;"))
        #expect(text.contains(";Kerkstraat 12A, 1017 GC Amsterdam;14-03-1985;identiteitskaart IXR12PN74 (NLD);"))
        #expect(text.contains(";GS-7731-B;"))
        let tooLong = try await runProcess(bin, ["register", "export", "--data", folder.path, "--from", "01-01-2020", "--to", today,
                                           "--output", csvPath, "--format", "pdf"])
        #expect(tooLong.status != 0 && tooLong.stderr.contains("at most 366 days"), "\(tooLong.stderr)")
        // The PDF (Chromium) is tested with the browser tests, which run one at a time: Chromium starting here,
        // beside the parallel suites, starved their timing-sensitive tests.
    }

    @Test("Issue 14: users add, reset-pin and unlock read the PIN from standard input, never from the command line")
    func pinFromStandardInput() async throws {
        let folder = try TemporaryFolder()
        try Fixtures.setUpShop(in: folder)
        defer { folder.remove() }
        let bin = Fixtures.kioskBinary
        let added = try await runProcess(bin, ["users", "add", "--data", folder.path, "--role", "staff", "--name", "Cas"], input: Data("1357\n".utf8))
        #expect(added.status == 0, "\(added.stderr)")
        let store = try DataFolder(path: folder.path).openRegister().1
        let staff = StaffDirectory(store: store)
        for i in 0..<5 { _ = try? await staff.signIn(name: "Cas", pin: "0000", at: Date().addingTimeInterval(Double(i) / 1000)) }
        let listed = try await runProcess(bin, ["users", "list", "--data", folder.path])
        #expect(listed.stdout.contains("Cas\tstaff\tlocked until "), "\(listed.stdout)")
        let unlocked = try await runProcess(bin, ["users", "unlock", "--data", folder.path, "--name", "Cas"])
        #expect(unlocked.status == 0 && unlocked.stdout.contains("Cas can sign in again"))
        #expect(try await staff.signIn(name: "Cas", pin: "1357", at: Date()).name == "Cas")
        let reset = try await runProcess(bin, ["users", "reset-pin", "--data", folder.path, "--name", "Cas"], input: Data("8642\n".utf8))
        #expect(reset.status == 0, "\(reset.stderr)")
        #expect(try await staff.signIn(name: "Cas", pin: "8642", at: Date()).name == "Cas")
        let empty = try await runProcess(bin, ["users", "reset-pin", "--data", folder.path, "--name", "Cas"])
        #expect(empty.status != 0 && empty.stderr.contains("No PIN on standard input"))
        let unknown = try await runProcess(bin, ["users", "unlock", "--data", folder.path, "--name", "Nobody"])
        #expect(unknown.status != 0 && unknown.stderr.contains("No user named Nobody"))
    }

    @Test("Issue 13: verify and purge on a register made by main before the identity left the chain")
    func purgeAndVerifyFixture() async throws {
        let folder = try TemporaryFolder()
        try Fixtures.setUpShop(in: folder)
        defer { folder.remove() }
        try FileManager.default.removeItem(atPath: folder.path)
        try FileManager.default.copyItem(
            atPath: Fixtures.repositoryRoot.appendingPathComponent("Tests/Fixtures/registers/main-2026-12-02").path, toPath: folder.path)
        let verify = try await runProcess(Fixtures.kioskBinary, ["verify", "--data", folder.path])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.hasPrefix("Register intact: 4 entries"))
        let dry = try await runProcess(Fixtures.kioskBinary, ["purge", "--dry-run", "--data", folder.path])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("Retention: identity 4 years, bookkeeping 7 years"))
        #expect(dry.stdout.contains("Nothing would be erased today"))
        let purge = try await runProcess(Fixtures.kioskBinary, ["purge", "--data", folder.path])
        #expect(purge.status == 0 && purge.stdout.contains("Nothing to erase today"))
        #expect(PurgeReport.ranges([1, 2, 3, 5, 7, 8]) == "1–3, 5, 7–8")
    }

    @Test("intake add refuses a missing field with exit code 1, names it, and writes nothing")
    func refusal() async throws {
        let folder = try TemporaryFolder()
        try Fixtures.setUpShop(in: folder)
        defer { folder.remove() }
        let json = String(decoding: try Fixtures.exampleJSON, as: UTF8.self)
            .replacingOccurrences(of: "\"postcode\": \"1017 GC\",", with: "")
        let result = try await runProcess(Fixtures.kioskBinary, ["intake", "add", "--data", folder.path], input: Data(json.utf8))
        #expect(result.status == 1)
        #expect(result.stderr.contains("seller.address.postcode"))
        let store = try SQLiteRegisterStore(path: folder.path + "/register.sqlite",
                                            settings: .init(shopID: "x", sellerKeySecret: Fixtures.secret))
        #expect(try store.entryCount() == 0)
        let garbage = try await runProcess(Fixtures.kioskBinary, ["intake", "add", "--data", folder.path], input: Data("not json".utf8))
        #expect(garbage.status == 1)
        #expect(garbage.stderr.contains("not valid JSON"))
    }

    @Test("photo add, then intake add naming it: registered; a photo reference the shop never stored is refused (StoredPhotos), exit 1, nothing written")
    func photoThenIntake() async throws {
        let folder = try TemporaryFolder()
        try Fixtures.setUpShop(in: folder)
        defer { folder.remove() }
        let file = folder.path + "/ring.jpg"
        try SamplePhoto.jpeg(padding: 900).write(to: URL(fileURLWithPath: file))
        let added = try await runProcess(Fixtures.kioskBinary, ["photo", "add", file, "--data", folder.path])
        #expect(added.status == 0, "\(added.stderr)")
        let reference = try #require(added.stdout.trimmingCharacters(in: .whitespacesAndNewlines).data(using: .utf8))
        func intake(photo: String) throws -> Data {
            var json = try #require(try JSONSerialization.jsonObject(with: try Fixtures.exampleJSON) as? [String: Any])
            var items = try #require(json["items"] as? [[String: Any]])
            items[0]["photos"] = [try JSONSerialization.jsonObject(with: Data(photo.utf8))]
            json["items"] = items
            return try JSONSerialization.data(withJSONObject: json)
        }
        let madeUp = #"{"sha256": "\#(String(repeating: "c", count: 64))", "mediaType": "image/jpeg"}"#
        let refused = try await runProcess(Fixtures.kioskBinary, ["intake", "add", "--data", folder.path], input: try intake(photo: madeUp))
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("photo archive"))
        let registered = try await runProcess(Fixtures.kioskBinary, ["intake", "add", "--data", folder.path],
                                              input: try intake(photo: String(decoding: reference, as: UTF8.self)))
        #expect(registered.status == 0, "\(registered.stderr)")
        #expect(registered.stdout == "1\n")
    }

    @Test("A corrupt config file gives a clear error naming the line, not a crash")
    func corruptConfig() async throws {
        let folder = try TemporaryFolder()
        try Fixtures.setUpShop(in: folder)
        defer { folder.remove() }
        try "{\n  \"shop\": {\n    \"name\": \"X\"\n  },\n  \"kiosk\": { \"port\": \"eighty\" }\n}\n"
            .write(toFile: folder.path + "/config.json", atomically: true, encoding: .utf8)
        let result = try await runProcess(Fixtures.kioskBinary, ["log", "--data", folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("config.json, line"))
        #expect(result.stderr.contains("shop.kvkNumber") || result.stderr.contains("kiosk.port"))
    }

    @Test("Two processes adding at once get gap-free, unique entry numbers")
    func concurrentWriters() async throws {
        let folder = try TemporaryFolder()
        try Fixtures.setUpShop(in: folder)
        defer { folder.remove() }
        // No database yet: both processes race to create the file, the secret and the schema too.
        let perProcess = 15
        let script = """
            for i in $(seq 1 \(perProcess)); do "\(Fixtures.kioskBinary.path)" intake add --data "\(folder.path)" < "\(Fixtures.repositoryRoot.path)/docs/examples/intake.json" || exit 1; done
            """
        let a = Process(), b = Process()
        for p in [a, b] {
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", script]
            p.standardOutput = FileHandle.nullDevice
            try p.run()
        }
        await a.exited()
        await b.exited()
        #expect(a.terminationStatus == 0)
        #expect(b.terminationStatus == 0)
        let (_, store) = try DataFolder(path: folder.path).openRegister()
        #expect(try store.entryCount() == 2 * perProcess)
        let numbers = try await store.dbPool.read { try Int.fetchAll($0, sql: "SELECT entry_number FROM entry ORDER BY entry_number") }
        #expect(numbers == Array(1...(2 * perProcess)))
        #expect(try store.verify().isIntact)
    }
}

@Suite("Command line: shop set-up")
struct ShopCommandTests {
    @Test("Issue 14, point 4: intake add is refused until `shop set`; a KvK number of 4 digits is refused by name")
    func shopSet() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let bin = Fixtures.kioskBinary
        let refused = try await runProcess(bin, ["intake", "add", "--data", folder.path], input: try Fixtures.exampleJSON)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("shop's name, KvK number"), "\(refused.stderr)")
        let show = try await runProcess(bin, ["shop", "show", "--data", folder.path])
        #expect(show.status == 2 && show.stdout.contains("Missing: shop.kvkNumber"))
        let bad = try await runProcess(bin, ["shop", "set", "--name", "Goud & Zo", "--kvk", "1234", "--branch", "000012345678",
                                       "--municipality", "Deventer", "--data", folder.path])
        #expect(bad.status == 1 && bad.stderr.contains("shop.kvkNumber: The KvK"), "\(bad.stderr)")
        let good = try await runProcess(bin, ["shop", "set", "--name", "Goud & Zo", "--kvk", "1234 5678", "--branch", "000012345678",
                                        "--municipality", "Deventer", "--data", folder.path])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("Entries carry 12345678/000012345678"))
        let added = try await runProcess(bin, ["intake", "add", "--data", folder.path], input: try Fixtures.exampleJSON)
        #expect(added.status == 0 && added.stdout == "1\n", "\(added.stderr)")
    }
}
