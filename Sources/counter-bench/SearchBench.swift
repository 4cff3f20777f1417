import Counter
import Foundation

/// The owner's search and the full verify on a register of a million entries (issue 14: search p99 ≤ 50 ms,
/// verify ≥ 100 k entries/s). The register is made once in transactions of 10 000 entries: 1 000 entries a day
/// from 2024-01-01, 2 000 sellers, 1 to 2 items each (a phone with an IMEI, or a ring with a serial),
/// one item in 250 with a stolen-goods hit.
enum SearchBench {
    static let surnames = ["Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
                           "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit",
                           "Dijkstra", "Smits"]
    static let clerks = ["Anna", "Bram", "Chris", "Dewi"]

    static func intake(_ i: Int) -> Intake {
        var intake = BenchRegister.intake
        let seller = i % 2_000
        intake.clerk = clerks[i % clerks.count]
        intake.seller.surname = surnames[seller % surnames.count]
        intake.seller.givenNames = "Piet\(seller)"
        intake.seller.document.number = "NW\(100_000 + seller)"
        var items = [RegisterItem(category: .mobilePhone, brand: "Samsung", model: "Galaxy S21",
                                  imei: String(350_000_000_000_000 + i), description: "Samsung Galaxy S21", priceCents: 6_000)]
        if i % 3 == 0 {
            items.append(RegisterItem(category: .jewellery, brand: "Gassan", serialNumber: "GS-\(i)-B", description: "ring",
                                      jewellery: JewelleryDetails(material: "geelgoud", fineness: "585", weightMilligrams: 3_200),
                                      priceCents: 4_000))
        }
        intake.items = items
        intake.priceCents = items.reduce(0) { $0 + ($1.priceCents ?? 0) }
        return intake
    }

    /// - Parameter keep: a folder where the register is made once and kept (`SEARCH_BENCH_FOLDER`), so a second
    ///   run measures the searches without making a million entries again.
    static func run(entries count: Int = 1_000_000, keep: String? = nil) throws -> [BenchResult] {
        let register = try BenchRegister("search", folder: keep)
        defer { if keep == nil { register.remove() } }
        let store = register.store
        let start = ShopTimestamp().date(from: "2024-01-01T09:00:00+01:00")!
        let perDay = 1_000
        let fill = ContinuousClock.now
        let made = try store.entryCount()
        for chunk in stride(from: made, to: count, by: 10_000) {
            let batch = (chunk..<min(chunk + 10_000, count)).map { i in
                (intake(i), start.addingTimeInterval(Double(i / perDay) * 86_400 + Double(i % perDay) * 30))
            }
            try store.append(contentsOf: batch)
            // Checks as the counter records them: mostly clear, one item in 250 a hit.
            for i in stride(from: chunk, to: min(chunk + 10_000, count), by: 50) {
                let status: ItemCheckStatus = i % 250 == 0 ? .hit : .clear
                try store.record(ItemCheck(itemID: "\(i + 1)-1", checkedAt: start, status: status, sources: ["hotlist"]))
            }
        }
        let fillSeconds = (ContinuousClock.now - fill).seconds
        let size = (try? FileManager.default.attributesOfItem(atPath: register.folder + "/register.sqlite")[.size] as? Int) ?? 0

        let day = { (n: Int) in CalendarDate(start).adding(days: n) }
        var queries: [(String, RegisterSearch)] = []
        for k in 0..<20 {
            let i = (k * 48_611) % count
            queries.append(("serial", RegisterSearch(serial: String(350_000_000_000_000 + i))))
            queries.append(("serial loose", RegisterSearch(serial: "gs \(i - i % 3)-8")))
            queries.append(("name", RegisterSearch(seller: "piet\(k * 97 % 2_000) \(surnames[(k * 97 % 2_000) % surnames.count])")))
            queries.append(("name, common", RegisterSearch(seller: surnames[k % surnames.count])))
            queries.append(("document", RegisterSearch(documentNumber: "NW\(100_000 + k * 89 % 2_000)")))
            queries.append(("one day", RegisterSearch(from: day(k * 50), to: day(k * 50))))
            queries.append(("clerk in a month", RegisterSearch(from: day(k * 30), to: day(k * 30 + 30), clerk: clerks[k % 4])))
            queries.append(("category + period", RegisterSearch(from: day(k * 40), to: day(k * 40 + 7), category: .jewellery)))
            queries.append(("hits", RegisterSearch(checkStatus: .hit)))
        }
        var timings: [Double] = []
        var slowest: (Double, String) = (0, "")
        var perKind: [String: Double] = [:]
        var found = 0
        for (kind, query) in queries + queries {  // twice: the second round is what a warm shop PC does
            let t0 = ContinuousClock.now
            let result = try store.search(query)
            let ms = (ContinuousClock.now - t0).seconds * 1e3
            timings.append(ms)
            found += result.hits.count
            if ms > slowest.0 { slowest = (ms, kind) }
            perKind[kind] = max(perKind[kind] ?? 0, ms)
        }
        timings.sort()
        print("  slowest per kind (ms): " + perKind.sorted { $0.value > $1.value }.map { "\($0.key) \(BenchReport.format($0.value))" }.joined(separator: ", "))
        let p50 = timings[timings.count / 2]
        let p99 = timings[min(timings.count - 1, Int(Double(timings.count) * 0.99))]

        let verifyStart = ContinuousClock.now
        let verification = try store.verify(fileCheck: .pages)
        let verifySeconds = (ContinuousClock.now - verifyStart).seconds
        let fullStart = ContinuousClock.now
        let full = try store.verify(fileCheck: .pagesAndIndexes)
        let fullSeconds = (ContinuousClock.now - fullStart).seconds
        return [
            BenchResult(name: "Register of \(count) entries: made in", value: fillSeconds, unit: "s", goal: nil,
                        note: made >= count ? "kept from an earlier run (SEARCH_BENCH_FOLDER); file \(size / 1_048_576) MB"
                            : "transactions of 10 000 (`append(contentsOf:)`); file \(size / 1_048_576) MB"),
            BenchResult(name: "Search on \(count) entries, p50", value: p50, unit: "ms", goal: nil,
                        note: "\(timings.count) searches of 9 kinds (serial, loose serial, name, common name, document, day, clerk + month, category + week, hits)"),
            BenchResult(name: "Search on \(count) entries, p99", value: p99, unit: "ms", goal: "≤ 50 ms",
                        note: "slowest: \(slowest.1) \(BenchReport.format(slowest.0)) ms; \(found) hits in all (at most 200 a search)"),
            BenchResult(name: "Verify \(verification.entryCount) entries", value: Double(verification.entryCount) / verifySeconds,
                        unit: "entries/s", goal: "≥ 100 000 entries/s",
                        note: "\(BenchReport.format(verifySeconds)) s; \(verification.isIntact ? "intact" : "NOT INTACT: \(verification.firstProblem!)"); file pages checked (`quick_check`)"),
            BenchResult(name: "Verify \(full.entryCount) entries, indexes too (`--full`)", value: Double(full.entryCount) / fullSeconds,
                        unit: "entries/s", goal: nil,
                        note: "\(BenchReport.format(fullSeconds)) s; \(full.isIntact ? "intact" : "NOT INTACT: \(full.firstProblem!)"); `integrity_check`, as the kiosk runs at start"),
        ]
    }
}
