import Foundation
import RegisterSimulator
import Testing
@testable import CounterCore
@testable import CounterDevices

/// `counter-kiosk queue …` end to end.
@Suite("queue command", .serialized)
struct QueueCommandTests {
    @Test("status --json always prints the five keys; null age when nothing waits")
    func statusJSON() async throws {
        let folder = try TemporaryFolder()
        try Fixtures.setUpShop(in: folder)
        defer { folder.remove() }
        let bin = Fixtures.kioskBinary
        let empty = try await runProcess(bin, ["queue", "status", "--json", "--data", folder.path])
        #expect(empty.status == 0)
        #expect(empty.stdout == #"{"acknowledged":0,"oldestQueuedAgeSeconds":null,"queued":0,"rejected":0,"sent":0}"# + "\n")
        for _ in 0..<2 { try await runProcess(bin, ["intake", "add", "--data", folder.path], input: try Fixtures.exampleJSON) }
        let two = try await runProcess(bin, ["queue", "status", "--json", "--data", folder.path])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(two.stdout.utf8)) as? [String: Any])
        #expect(object["queued"] as? Int == 2)
        #expect((object["oldestQueuedAgeSeconds"] as? Int).map { $0 >= 0 && $0 < 60 } == true)
        let text = try await runProcess(bin, ["queue", "status", "--data", folder.path])
        #expect(text.stdout.contains("queued:        2"))
    }

    @Test("export writes the DOR portal's fields in order, text and printable HTML, mode 0600; jobs stay queued")
    func export() async throws {
        let folder = try TemporaryFolder()
        try Fixtures.setUpShop(in: folder)
        defer { folder.remove() }
        let bin = Fixtures.kioskBinary
        try await runProcess(bin, ["intake", "add", "--data", folder.path], input: try Fixtures.exampleJSON)
        let out = folder.path + "/export"
        let result = try await runProcess(bin, ["queue", "export", "--output", out, "--data", folder.path])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("1 entries written"))
        let text = try String(contentsOfFile: out + "/dor-invoer.txt", encoding: .utf8)
        let order = ["Volgnummer: 1", "Datum: ", "Tijdstip: ", "Soort: Mobiele telefoon", "Merk: Apple", "Type: iPhone 13",
                     "IMEI: 356938035643809", "Inscriptie: J & M 2012", "Gehalte: 585", "Gewicht (g): 4,25",
                     "Kleur stenen: wit", "Bewaren t/m: ", "Prijs: € 325,00", "Soort transactie: inkoop", "Betaalwijze: bank",
                     "Achternaam: De Vries", "Postcode: 1017 GC", "Soort identiteitsbewijs: identiteitskaart",
                     "Documentnummer: IXR12PN74", "Land van afgifte: NLD"]
        var position = text.startIndex
        for field in order {
            guard let r = text.range(of: field, range: position..<text.endIndex) else {
                Issue.record("\(field) missing or out of order")
                continue
            }
            position = r.upperBound
        }
        // Issue 14, points 2 and 3: a weight reads as grams with a decimal comma, and the holding period is the
        // same "bewaren t/m" day as at the counter and on the holding page, written dd-mm-jjjj.
        let lines = text.split(separator: "\n").map(String.init)
        let dated = lines.filter { $0.hasPrefix("Datum: ") || $0.hasPrefix("Bewaren t/m: ") || $0.hasPrefix("Geboortedatum: ") }
        #expect(dated.count >= 4)
        #expect(dated.allSatisfy { $0.wholeMatch(of: /[A-Za-z\/ ]+: \d\d-\d\d-\d{4}/) != nil }, "\(dated)")
        #expect(!text.contains("Verkoopbaar vanaf"))
        let html = try String(contentsOfFile: out + "/dor-invoer.html", encoding: .utf8)
        #expect(html.contains("<td>J &amp; M 2012</td>"))
        let mode = try FileManager.default.attributesOfItem(atPath: out + "/dor-invoer.html")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let status = try await runProcess(bin, ["queue", "status", "--json", "--data", folder.path])
        #expect(status.stdout.contains(#""queued":1"#))
    }

    @Test("drain uploads to the register, retry re-queues rejected entries")
    func drainAndRetry() async throws {
        let folder = try TemporaryFolder()
        try Fixtures.setUpShop(in: folder)
        defer { folder.remove() }
        let bin = Fixtures.kioskBinary
        for _ in 0..<3 { try await runProcess(bin, ["intake", "add", "--data", folder.path], input: try Fixtures.exampleJSON) }
        let sim = try await RegisterSimulator(settings: .init(dataFolder: folder.path + "/sim")).start(logger: .quiet)
        let drained = try await runProcess(bin, ["queue", "drain", "--register", sim.url, "--timeout", "30", "--data", folder.path])
        #expect(drained.status == 0, "\(drained.stderr)")
        #expect(drained.stdout.contains(#""acknowledged":3"#))
        #expect(try await sim.simulator.entries().map(\.entryNumber) == [1, 2, 3])
        await sim.stop()

        try await runProcess(bin, ["intake", "add", "--data", folder.path], input: try Fixtures.exampleJSON)
        let strict = try await RegisterSimulator(settings: .init(dataFolder: folder.path + "/sim",
                                                                 faults: .init(rejectField: "imei"))).start(logger: .quiet)
        let refused = try await runProcess(bin, ["queue", "drain", "--register", strict.url, "--data", folder.path])
        #expect(refused.status == 0)
        #expect(refused.stdout.contains(#""rejected":1"#))
        let status = try await runProcess(bin, ["queue", "status", "--data", folder.path])
        #expect(status.stdout.contains("rejected entry 4: field imei is not accepted"))
        let retry = try await runProcess(bin, ["queue", "retry", "--data", folder.path])
        #expect(retry.stdout.hasPrefix("1 entries queued again"))
        await strict.stop()
        let noURL = try await runProcess(bin, ["queue", "drain", "--data", folder.path])
        #expect(noURL.status == 1)
        #expect(noURL.stderr.contains("register.url"))
    }
}
