import Counter
import Foundation

/// Register writes as the counter does them: each intake its own IMMEDIATE transaction with
/// `synchronous=FULL`, so every commit is fsync'd before the entry number is shown.
enum StoreBench {
    static func run() throws -> [BenchResult] {
        let dir = NSTemporaryDirectory() + "counter-bench-store-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try SQLiteRegisterStore(
            path: dir + "/register.sqlite",
            settings: .init(shopID: "bench", sellerKeySecret: Data(repeating: 1, count: 32)))
        let intake = Intake(
            clerk: "Bench", kind: .purchase, priceCents: 10_000, paymentMethod: .cash,
            seller: Seller(surname: "Jansen", givenNames: "Piet",
                           address: Address(street: "Dorpsstraat", houseNumber: "1", postcode: "1234 AB", city: "Utrecht"),
                           birthDate: CalendarDate(iso: "1980-01-01")!,
                           document: IdentityDocument(kind: .passport, number: "NWLFR3706", issuingCountry: "NLD",
                                                      expiryDate: CalendarDate(iso: "2035-01-01"))),
            items: [RegisterItem(category: .mobilePhone, brand: "Samsung", model: "Galaxy S21",
                                 imei: "356938035643809", description: "Samsung Galaxy S21")])
        // Warm up the file and the statement cache.
        for _ in 0..<20 { _ = try store.append(intake, at: Date()) }
        let count = 1_000
        var latencies: [Double] = []
        latencies.reserveCapacity(count)
        let start = ContinuousClock.now
        for _ in 0..<count {
            let t0 = ContinuousClock.now
            _ = try store.append(intake, at: Date())
            latencies.append((ContinuousClock.now - t0).seconds * 1e3)
        }
        let elapsed = (ContinuousClock.now - start).seconds
        let verifyStart = ContinuousClock.now
        let verification = try store.verify()
        let verifySeconds = (ContinuousClock.now - verifyStart).seconds
        latencies.sort()
        return [
            BenchResult(name: "Register: fsync'd intake commits", value: Double(count) / elapsed, unit: "commits/s",
                        goal: "≥ 300 commits/s", note: "\(count) single-entry transactions, synchronous=FULL, WAL"),
            BenchResult(name: "Register: commit latency p50", value: latencies[count / 2], unit: "ms", goal: nil, note: nil),
            BenchResult(name: "Register: commit latency p99", value: latencies[count * 99 / 100], unit: "ms", goal: nil, note: nil),
            BenchResult(name: "Register: verify \(verification.entryCount) entries", value: verifySeconds * 1e3, unit: "ms",
                        goal: nil, note: verification.isIntact ? "intact" : "NOT INTACT"),
        ]
    }
}

extension Duration {
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
