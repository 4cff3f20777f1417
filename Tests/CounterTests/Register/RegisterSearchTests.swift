import Foundation
import GRDB
import Testing
@testable import CounterCore
@testable import CounterDevices

/// Issue 14, point 11: "no search, and no entry detail or reprint from the day log".
@Suite("Register search")
struct RegisterSearchTests {
    static func day(_ iso: String) -> Date {
        // 10:00 in Amsterdam on that day.
        Date(timeIntervalSince1970: TimeInterval(CalendarDate(iso: iso)!.dayNumber * 86_400 + 9 * 3600))
    }

    /// Four entries: two clerks, three sellers, one bicycle, across three days.
    static func register(in folder: TemporaryFolder) throws -> SQLiteRegisterStore {
        let store = try Fixtures.store(in: folder)
        for intake in intakes { _ = try store.append(intake.0, at: intake.1) }
        return store
    }

    /// The same four entries in a register on either backend.
    static func fill(_ store: any RegisterStorage) async throws {
        for intake in intakes { _ = try await store.append(intake.0, at: intake.1) }
    }

    static var intakes: [(Intake, Date)] {
        var vries = Fixtures.intake(clerk: "Bram", surname: "de Vries", serial: "C02XK1ZZJGH5")
        vries.seller.givenNames = "Jan-Willem"
        vries.seller.document.number = "IXR12PN74"
        var muller = Fixtures.intake(clerk: "anna", surname: "Müller", serial: "OL-5")
        muller.seller.document.number = "NX0123456"
        muller.items = [RegisterItem(category: .bicycle, brand: "Gazelle", frameNumber: "GZ 123 456",
                                     description: "Gazelle damesfiets")]
        return [(Fixtures.intake(clerk: "Anna", surname: "Jansen", serial: "SN12345"), day("2026-11-02")),
                (vries, day("2026-11-03")), (muller, day("2026-11-04")),
                (Fixtures.intake(clerk: "Bram", surname: "Jansen", serial: "SN12346"), day("2026-11-04"))]
    }

    @Test("A serial is found on its exact and loose keys: 'SN 123-45', 'sn12345' and '5N12345' all find SN12345", arguments: StorageBackend.allCases)
    func serialKeys(backend: StorageBackend) async throws {
        try await backend.withStorage { store in
            try await Self.fill(store)
            for typed in ["SN 123-45", "sn12345", "5N12345", "SN12345"] {
                let result = try await store.search(RegisterSearch(serial: typed))
                #expect(result.hits.map(\.row.entryNumber) == [1], "\(typed)")
                #expect(result.hits.first?.matchedItems == ["1-1"])
                #expect(result.hits.first?.exactMatch == (typed != "5N12345"))
            }
            #expect(try await store.search(RegisterSearch(serial: "gz123456")).hits.map(\.row.entryNumber) == [3])
            #expect(try await store.search(RegisterSearch(serial: "SN1234")).hits.isEmpty)
            #expect(try await store.search(RegisterSearch(serial: "--")).hits.isEmpty)
        }
    }

    @Test("A name is found by whole words, without regard to case or accents; only together with every word", arguments: StorageBackend.allCases)
    func sellerName(backend: StorageBackend) async throws {
        try await backend.withStorage { store in
            try await Self.fill(store)
            #expect(try await store.search(RegisterSearch(seller: "jansen")).hits.map(\.row.entryNumber) == [4, 1])
            #expect(try await store.search(RegisterSearch(seller: "DE VRIES")).hits.map(\.row.entryNumber) == [2])
            #expect(try await store.search(RegisterSearch(seller: "jan willem")).hits.map(\.row.entryNumber) == [2])
            #expect(try await store.search(RegisterSearch(seller: "muller")).hits.map(\.row.entryNumber) == [3])
            #expect(try await store.search(RegisterSearch(seller: "Jansen Vries")).hits.isEmpty)
            #expect(try await store.search(RegisterSearch(seller: "Jans")).hits.isEmpty)
        }
    }

    @Test("A document number, a period, a clerk, a category and a check status narrow the search", arguments: StorageBackend.allCases)
    func otherCriteria(backend: StorageBackend) async throws {
        try await backend.withStorage { store in
            try await Self.fill(store)
            #expect(try await store.search(RegisterSearch(documentNumber: "ixr 12pn74")).hits.map(\.row.entryNumber) == [2])
            #expect(try await store.search(RegisterSearch(documentNumber: "NWLFR3706")).hits.map(\.row.entryNumber) == [4, 1])
            let period = RegisterSearch(from: CalendarDate(iso: "2026-11-03"), to: CalendarDate(iso: "2026-11-04"))
            #expect(try await store.search(period).hits.map(\.row.entryNumber) == [4, 3, 2])
            #expect(try await store.search(period).hits.map(\.day.iso) == ["2026-11-04", "2026-11-04", "2026-11-03"])
            #expect(try await store.search(RegisterSearch(clerk: "ANNA")).hits.map(\.row.entryNumber) == [3, 1])
            #expect(try await store.search(RegisterSearch(category: .bicycle)).hits.map(\.row.entryNumber) == [3])
            var both = period
            both.seller = "jansen"
            #expect(try await store.search(both).hits.map(\.row.entryNumber) == [4])

            // Check status: the latest check of an item counts, not an earlier one.
            try await store.record(ItemCheck(itemID: "2-1", checkedAt: Self.day("2026-11-03"), status: .hit, sources: ["hotlist"]))
            try await store.record(ItemCheck(itemID: "4-1", checkedAt: Self.day("2026-11-04"), status: .hit, sources: ["hotlist"]))
            try await store.record(ItemCheck(itemID: "4-1", checkedAt: Self.day("2026-11-05"), status: .clear, sources: ["hotlist"]))
            try await store.record(ItemCheck(itemID: "1-1", checkedAt: Self.day("2026-11-02"), status: .clear, sources: ["hotlist"]))
            #expect(try await store.search(RegisterSearch(checkStatus: .hit)).hits.map(\.row.entryNumber) == [2])
            #expect(try await store.search(RegisterSearch(checkStatus: .clear)).hits.map(\.row.entryNumber) == [4, 1])
            #expect(try await store.search(RegisterSearch(checkStatus: .notYetChecked)).hits.map(\.row.entryNumber) == [3])
            #expect(try await store.search(RegisterSearch(checkStatus: .hit)).hits.first?.row.checkStatus == .hit)
        }
    }

    @Test("No criterion and a backward period are refused with a code; the limit says there is more", arguments: StorageBackend.allCases)
    func refusalsAndLimit(backend: StorageBackend) async throws {
        try await backend.withStorage { store in
            try await Self.fill(store)
            await #expect(throws: RegisterQueryError.noCriteria) { try await store.search(RegisterSearch(seller: "  ")) }
            await #expect(throws: RegisterQueryError.badPeriod) {
                try await store.search(RegisterSearch(from: CalendarDate(iso: "2026-11-05"), to: CalendarDate(iso: "2026-11-01")))
            }
            #expect(CounterMessages.text(RegisterQueryError.noCriteria.code, .nl).hasPrefix("Vul minstens één zoekveld in"))
            let limited = try await store.search(RegisterSearch(from: CalendarDate(iso: "2026-11-01"), limit: 2))
            #expect(limited.hits.map(\.row.entryNumber) == [4, 3])
            #expect(limited.more)
            #expect(try await !store.search(RegisterSearch(from: CalendarDate(iso: "2026-11-01"), limit: 4)).more)
        }
    }

    @Test("The index holds no readable name or document number, and an erased identity is no longer found")
    func privacy() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Self.register(in: folder)
        let terms = try store.dbPool.read { db in try String.fetchAll(db, sql: "SELECT term FROM seller_search") }
        #expect(!terms.isEmpty)
        for term in terms {
            #expect(!term.lowercased().contains("jansen") && !term.contains("NWLFR3706"))
        }
        _ = try store.purge(today: CalendarDate(iso: "2030-11-04")!, at: Self.day("2030-11-04"), actor: "retention", photos: nil)
        #expect(try store.search(RegisterSearch(seller: "jansen")).hits.map(\.row.entryNumber) == [4])
        #expect(try store.search(RegisterSearch(documentNumber: "IXR12PN74")).hits.isEmpty)
        // Bookkeeping stays searchable: the serial of an erased entry still leads to it.
        let erased = try store.search(RegisterSearch(serial: "SN12345")).hits
        #expect(erased.map(\.row.entryNumber) == [1])
        #expect(erased.first?.row.sellerName.hasPrefix("gewist op") == true)
        #expect(try store.verify().isIntact)
    }

    @Test("A register made before the index is indexed when it is opened")
    func upgrade() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let source = Fixtures.repositoryRoot.appendingPathComponent("Tests/Fixtures/registers/main-2026-12-02")
        try FileManager.default.removeItem(atPath: folder.path)
        try FileManager.default.copyItem(atPath: source.path, toPath: folder.path)
        let store = try SQLiteRegisterStore(path: folder.path + "/register.sqlite",
                                            settings: .init(shopID: Fixtures.shopID, sellerKeySecret: try Self.secret(folder)))
        let count = try store.entryCount()
        #expect(count == 4)
        let all = try store.search(RegisterSearch(from: CalendarDate(iso: "2000-01-01")))
        #expect(all.hits.count == 4)
        let entry = try #require(try store.entry(number: 1))
        let seller = try #require(entry.seller)
        #expect(try store.search(RegisterSearch(seller: seller.surname)).hits.map(\.row.entryNumber).contains(1))
        if let serial = entry.items.first?.identifiers.first {
            #expect(try store.search(RegisterSearch(serial: serial)).hits.map(\.row.entryNumber).contains(1))
        }
    }

    static func secret(_ folder: TemporaryFolder) throws -> Data {
        try DataFolder(path: folder.path).sellerKeySecret()
    }

    @Test("The detail of an entry: items with checks, hold and sale, uploads, and the whole correction chain", arguments: StorageBackend.allCases)
    func detail(backend: StorageBackend) async throws {
        try await backend.withStorage { store in
            try await Self.fill(store)
            try await store.record(ItemCheck(itemID: "1-1", checkedAt: Self.day("2026-11-02"), status: .clear, sources: ["hotlist"]))
            var fix = Fixtures.intake(clerk: "Anna", surname: "Jansen", serial: "SN12345")
            fix.corrects = 1
            fix.correctionReason = "prijs verkeerd getypt"
            fix.priceCents = 10_000
            _ = try await store.append(fix, at: Self.day("2026-11-05"))
            var again = fix
            again.corrects = 5
            again.correctionReason = "kleur vergeten"
            _ = try await store.append(again, at: Self.day("2026-11-06"))

            let detail = try #require(try await store.entryDetail(number: 1, today: CalendarDate(iso: "2026-11-06")!))
            #expect(detail.entry.seller?.surname == "Jansen")
            #expect(detail.items.map(\.itemID) == ["1-1"])
            #expect(detail.items[0].checks.map(\.status) == [.clear])
            #expect(detail.items[0].keptUntil == detail.entry.items[0].holdUntil)
            #expect(detail.uploads.map(\.kind) == [.entry])
            #expect(detail.corrections.map(\.entryNumber) == [1, 5, 6])
            #expect(detail.corrections.map(\.corrects) == [nil, 1, 5])
            #expect(detail.corrections[2].reason == "kleur vergeten")
            #expect(detail.current == 6)
            // From the middle of the chain, the same chain.
            #expect(try await store.entryDetail(number: 5, today: CalendarDate(iso: "2026-11-06")!)?.corrections.map(\.entryNumber) == [1, 5, 6])
            #expect(try await store.entryDetail(number: 5, today: CalendarDate(iso: "2026-11-06")!)?.uploads.map(\.kind) == [.correction])
            #expect(try await store.entryDetail(number: 2, today: CalendarDate(iso: "2026-11-06")!)?.corrections == [])
            #expect(try await store.entryDetail(number: 99, today: CalendarDate(iso: "2026-11-06")!) == nil)
            // A search hit says which entries correct it.
            #expect(try await store.search(RegisterSearch(serial: "SN12345")).hits.first { $0.row.entryNumber == 1 }?.correctedBy == [5])
        }
    }
}
