import Counter
import Foundation
import Logging
import RegisterSimulator

/// 10 000 queued entries drained by the upload worker to the register simulator in this process, over HTTP
/// on loopback: how long it takes, and that the simulator holds each entry exactly once.
enum UploadBench {
    static func run(entries count: Int = 10_000) async throws -> [BenchResult] {
        let dir = NSTemporaryDirectory() + "counter-bench-upload-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try SQLiteRegisterStore(
            path: dir + "/register.sqlite", settings: .init(shopID: "bench", sellerKeySecret: Data(repeating: 1, count: 32)))
        let intake = Intake(
            clerk: "Bench", kind: .purchase, priceCents: 10_000, paymentMethod: .cash,
            seller: Seller(surname: "Jansen", givenNames: "Piet",
                           address: Address(street: "Dorpsstraat", houseNumber: "1", postcode: "1234 AB", city: "Utrecht"),
                           birthDate: CalendarDate(iso: "1980-01-01")!,
                           document: IdentityDocument(kind: .passport, number: "NWLFR3706", issuingCountry: "NLD",
                                                      expiryDate: CalendarDate(iso: "2035-01-01"))),
            items: [RegisterItem(category: .mobilePhone, brand: "Samsung", model: "Galaxy S21",
                                 imei: "356938035643809", description: "Samsung Galaxy S21")])
        for _ in 0..<count { _ = try store.append(intake, at: Date()) }
        var logger = Logger(label: "bench")
        logger.logLevel = .critical
        let sim = try await RegisterSimulator(settings: .init(dataFolder: dir + "/sim")).start(logger: logger)
        let worker = UploadWorker(store: store, gateway: try HTTPRegisterGateway(baseURL: sim.url, token: nil),
                                  settings: .init(batchSize: 100), logger: logger)
        let start = ContinuousClock.now
        let summary = try await worker.drain(deadline: Date().addingTimeInterval(600))
        let seconds = (ContinuousClock.now - start).seconds
        let stored = try await sim.simulator.entries()
        await sim.stop()
        let duplicates = stored.count - Set(stored.map(\.entryNumber)).count
        let missing = count - Set(stored.map(\.entryNumber)).count
        return [
            BenchResult(name: "Upload: drain \(count) queued entries to the simulator", value: seconds, unit: "s",
                        goal: "≤ 30 s", note: "batches of 100 over HTTP on loopback; \(summary.acknowledged) acknowledged"),
            BenchResult(name: "Upload: throughput", value: Double(count) / seconds, unit: "entries/s", goal: nil, note: nil),
            BenchResult(name: "Upload: duplicates / missing in the register", value: Double(duplicates + missing), unit: "",
                        goal: "0", note: "\(duplicates) duplicates, \(missing) missing of \(stored.count) stored"),
        ]
    }
}
