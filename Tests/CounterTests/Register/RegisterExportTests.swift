import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// Issue 14, point 10: "The CSV does not open in Dutch Excel … It also lacks the address, birth date and serial,
/// so it is not the register an inspector asks to see."
@Suite("Register export for an inspector")
struct RegisterExportTests {
    @Test("One period's register: every legal field per item, Dutch Excel's CSV, the head hash on the last line",
          arguments: StorageBackend.allCases)
    func csv(backend: StorageBackend) async throws {
        try await backend.withStorage { store in
        try await RegisterSearchTests.fill(store)
        _ = try await store.recordSale(Sale(itemID: "1-1", soldOn: CalendarDate(iso: "2026-11-20")!, buyerName: "K. Koper",
                                      buyerAddress: nil, clerk: "Anna"), at: RegisterSearchTests.day("2026-11-20"))
        var gold = Fixtures.intake(clerk: "Anna", surname: "Goud", serial: "R-1")
        gold.items = [RegisterItem(category: .jewellery, brand: "Gassan", serialNumber: "R-1", description: "ring",
                                   jewellery: JewelleryDetails(material: "geelgoud", fineness: "585", weightMilligrams: 3_200))]
        _ = try await store.append(gold, at: RegisterSearchTests.day("2026-11-05"))
        let export = try await RegisterExport.read(from: store, from: CalendarDate(iso: "2026-11-02")!,
                                                   to: CalendarDate(iso: "2026-11-05")!, today: CalendarDate(iso: "2026-11-20")!)
        #expect(export.entryCount == 5)
        #expect(export.lines.map(\.itemID) == ["1-1", "2-1", "3-1", "4-1", "5-1"])
        let csv = export.csv()
        #expect(csv.hasPrefix("\u{FEFF}volgnummer;voorwerp;datum;tijd;medewerker;soort transactie;verkoper;adres;geboortedatum;"))
        let lines = csv.components(separatedBy: "\r\n")
        let first = lines[1].components(separatedBy: ";")
        #expect(first[0] == "1" && first[1] == "1-1" && first[2] == "02-11-2026")
        #expect(first[6] == "Piet Jansen" && first[7] == "Dorpsstraat 1, 1234 AB Utrecht" && first[8] == "01-01-1980")
        #expect(first[9] == "paspoort NWLFR3706 (NLD)")
        #expect(first[16] == "SN12345")
        #expect(first[24] == "125,00")  // decimal comma, no thousands point in a cell Excel reads as a number
        #expect(first[30] == "20-11-2026" && first[31] == "K. Koper")
        let gold5 = lines[5].components(separatedBy: ";")
        #expect(gold5[19] == "geelgoud" && gold5[20] == "585" && gold5[21] == "3,2")
        let head = try #require(try await store.head())
        #expect(lines[6].contains("5 inschrijvingen, 5 voorwerpen") && lines[6].contains(head.hash))
        }
    }

    @Test("A backward period and one over a year are refused with a code")
    func periods() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        await #expect(throws: RegisterQueryError.badPeriod) {
            try await RegisterExport.read(from: store, from: CalendarDate(iso: "2026-11-05")!, to: CalendarDate(iso: "2026-11-01")!,
                               today: CalendarDate(iso: "2026-11-20")!)
        }
        await #expect(throws: RegisterQueryError.periodTooLong) {
            try await RegisterExport.read(from: store, from: CalendarDate(iso: "2025-01-01")!, to: CalendarDate(iso: "2026-01-02")!,
                               today: CalendarDate(iso: "2026-11-20")!)
        }
        #expect(RegisterQueryError.periodTooLong.message(.nl) == "Kies een periode van hoogstens 366 dagen (of exporteer in delen).")
        let empty = try await RegisterExport.read(from: store, from: CalendarDate(iso: "2026-01-01")!, to: CalendarDate(iso: "2026-12-31")!,
                                       today: CalendarDate(iso: "2026-11-20")!)
        #expect(empty.lines.isEmpty && empty.summary.contains("register leeg"))
    }
}
