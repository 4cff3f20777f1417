// other-pos: another shop's POS that embeds Counter's engine (CounterCore only: no libusb, no Linux headers).
//
// It runs one till the way a POS would: its own document reader gives the seller's MRZ lines, its own scanner the
// items' numbers, and the engine does the due diligence — the stolen-goods check of every number, a hit that
// holds the till, the register entry with its checks and upload job in one transaction, a retry that never
// makes a second entry. Then it prints the day log as the owner sees it.
//
//     swift run other-pos [--data FOLDER]
//
// Exit code 0 when every step came out as the law asks; 1 with the step that did not. CI runs it (make test).
import CounterCore
import Foundation

@main
struct OtherPOS {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func expect(_ condition: Bool, _ what: String) throws {
        guard condition else { throw Failure(description: what) }
        print("  ✓ \(what)")
    }

    static func main() async {
        let (folder, temporary) = dataFolder()
        // A folder of its own is removed afterwards: it holds a (made-up) seller's identity.
        defer { if temporary { try? FileManager.default.removeItem(atPath: folder.path) } }
        do {
            try await run(folder: folder)
            print("other-pos: done")
        } catch {
            print("other-pos: FAILED: \(error)")
            if temporary { try? FileManager.default.removeItem(atPath: folder.path) }
            exit(1)
        }
    }

    static func dataFolder() -> (DataFolder, temporary: Bool) {
        let arguments = CommandLine.arguments
        if let index = arguments.firstIndex(of: "--data"), index + 1 < arguments.count { return (DataFolder(path: arguments[index + 1]), false) }
        return (DataFolder(path: NSTemporaryDirectory() + "other-pos-" + UUID().uuidString), true)
    }

    static func run(folder: DataFolder) async throws {
        // 1. The shop's data folder: the shop's details, the register, the stolen-goods list.
        try folder.create()
        try ShopSetup.save(CounterConfiguration.Shop(name: "Fietsen & Zo", kvkNumber: "87654321", branch: "000087654321",
                                                     municipality: "Zwolle"), dataFolder: folder)
        let (configuration, store) = try folder.openRegister()
        try FileManager.default.createDirectory(atPath: folder.hotlistPath, withIntermediateDirectories: true)
        let feed = folder.path + "/police-feed.csv"
        try "serial,brand\nWBK-STOLEN-77,Gazelle\n".write(toFile: feed, atomically: true, encoding: .utf8)
        _ = try HotlistImporter.importFeed(feed, into: folder.hotlistPath + "/hotlist.bin")
        print("data folder: \(folder.path)")

        // 2. The engine with one till; its background work (hotlist reloads, uploads) runs beside the POS.
        let engine = try CounterEngine(.init(
            store: store, staff: StaffDirectory(store: store),
            checker: StolenGoodsChecker(hotlistFolder: folder.hotlistPath, remote: nil),
            tills: [TillConfiguration(name: "pos-1")]))
        let background = Task { try await engine.run() }
        defer { background.cancel() }
        let till = try engine.session("pos-1")
        let scanner = ScanOrigin(device: "pos-scanner", kind: .barcode)

        // 3. The seller's document, as the POS's reader read it (a Dutch identity card; no BSN in it).
        print("seller:")
        let document = await till.readDocument(lines: [
            "I<NLDSPECI20212<<<<<<<<<<<<<<<",
            "6503101F3108022NLD<<<<<<<<<<<8",
            "DE<BRUIJN<<WILLEKE<LISELOTTE<<",
        ])
        try expect(document.valid && document.documentNumber == "SPECI2021", "the document reads and is valid")

        // 4. A stolen bicycle: the engine's answer is a hit, and the till is held until the owner decides.
        print("a stolen bicycle:")
        let stolen = await till.scan(Array("WBK-STOLEN-77".utf8), from: scanner)
        guard case .item(let hit)? = stolen.first else { throw Failure(description: "the scan did not make an item") }
        try expect(hit.check.status == .hit, "its frame number is a hit on the police list")
        try expect(await till.openHit != nil, "the till is held by the hit")
        do {
            try await till.removeItem(hit.id)
            throw Failure(description: "the hit was removed without the owner")
        } catch let error as CounterError where error.code == .ownerRequired {
            try expect(true, "removing it needs the owner (\(error.message(.en)))")
        }
        // This POS sends the customer away; the owner's decision would be recorded with PIN and reason.
        let otherTill = engine.detachedSession(name: "pos-2")

        // 5. A clean purchase at another till: the frame number is checked, the entry written with its check.
        print("a clean purchase:")
        let scanned = await otherTill.scan(Array("WBK-0012345".utf8), from: scanner)
        guard case .item(let item)? = scanned.first else { throw Failure(description: "the scan did not make an item") }
        await otherTill.settle()
        try expect(await otherTill.resolvedCheck("WBK-0012345", atRegistration: true).status == .clear, "the frame number is clear")
        let intake = try IntakeValidator(configuration: configuration).decode(Data("""
            {"clerk": "Kassa Zwolle", "kind": "purchase", "priceCents": 15000, "paymentMethod": "bankTransfer",
             "seller": {"surname": "De Bruijn", "givenNames": "Willeke Liselotte", "birthDate": "1965-03-10",
                        "address": {"street": "Melkmarkt", "houseNumber": "5", "postcode": "8011 MC", "city": "Zwolle"},
                        "document": {"kind": "identityCard", "number": "SPECI2021", "issuingCountry": "NLD",
                                     "expiryDate": "2031-08-02"}},
             "items": [{"category": "bicycle", "brand": "Gazelle", "model": "Ultimate C8", "colour": "zwart",
                        "description": "Herenfiets 57 cm, kras op het frame", "frameNumber": "\(item.serialNumber ?? "")",
                        "priceCents": 15000}]}
            """.utf8))
        let entry = try await otherTill.register(CounterDraft(intake: intake), idempotencyKey: "pos-2/receipt-0001")
        try expect(entry.checks == [.clear], "entry \(entry.entryNumber) is registered with its check")
        let again = try await otherTill.register(CounterDraft(intake: intake), idempotencyKey: "pos-2/receipt-0001")
        try expect(again.replayed && again.entryNumber == entry.entryNumber, "a retry with the same key is the same entry")

        // 6. What the owner sees: the register whole, the day log, the upload waiting for the national register.
        print("the register:")
        let verification = try store.verify()
        try expect(verification.isIntact && verification.entryCount == 1, "the register is whole, with 1 entry")
        let summary = try await store.outboxSummary(now: Date())
        try expect(summary.queued == 1, "its upload waits in the queue (no register URL here)")
        print(try await engine.dailyLog(on: CalendarDate(Date())).table())
    }
}
