import Foundation
@testable import CounterCore
@testable import CounterDevices
// The throw-away PostgreSQL cluster and `offPool`, shared with the benchmarks.
@_exported import CounterTesting

/// A fresh temporary folder per test: its own database file, on disk, in WAL mode, as in production.
struct TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "counter-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

enum Fixtures {
    static let secret = Data(repeating: 7, count: 32)
    /// A shop that is set up (KvK number and vestigingsnummer), as every entry of the tests carries.
    static let shopID = "12345678/000012345678"
    static let shop = CounterConfiguration.Shop(name: "Goud & Zo", kvkNumber: "12345678", branch: "000012345678",
                                                municipality: "Deventer")

    /// Writes the shop into the folder's config.json, as a technician or the first-start page does.
    static func setUpShop(in folder: TemporaryFolder) throws { try setUpShop(at: folder.path) }

    static func setUpShop(at path: String) throws { try ShopSetup.save(shop, dataFolder: DataFolder(path: path)) }

    static func store(in folder: TemporaryFolder, policy: HoldingPolicy = .billDefault) throws -> SQLiteRegisterStore {
        try SQLiteRegisterStore(
            path: folder.path + "/register.sqlite",
            settings: .init(shopID: shopID, holdingPolicy: policy, sellerKeySecret: secret))
    }

    /// The example intake shipped in docs/examples/intake.json.
    static var exampleJSON: Data {
        get throws { try Data(contentsOf: repositoryRoot.appendingPathComponent("docs/examples/intake.json")) }
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The built `counter-kiosk` next to the test bundle.
    static var kioskBinary: URL {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [dir, dir.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("counter-kiosk")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return repositoryRoot.appendingPathComponent(".build/debug/counter-kiosk")
    }

    static func intake(clerk: String = "Anna", surname: String = "Jansen", serial: String = "SN-0001",
                       birthDate: String = "1980-01-01", expiry: String? = "2030-01-01",
                       paymentMethod: PaymentMethod = .cash) -> Intake {
        Intake(
            clerk: clerk, kind: .purchase, priceCents: 12_500, paymentMethod: paymentMethod,
            seller: Seller(
                surname: surname, givenNames: "Piet",
                address: Address(street: "Dorpsstraat", houseNumber: "1", postcode: "1234 AB", city: "Utrecht"),
                birthDate: CalendarDate(iso: birthDate)!,
                document: IdentityDocument(kind: .passport, number: "NWLFR3706", issuingCountry: "NLD",
                                           expiryDate: expiry.flatMap(CalendarDate.init(iso:)))),
            items: [RegisterItem(category: .mobilePhone, brand: "Samsung", model: "Galaxy S21",
                                 serialNumber: serial, description: "Samsung Galaxy S21, zwart")])
    }

    /// 2025-11-18 10:00 in Amsterdam (a Tuesday).
    static let tuesday = Date(timeIntervalSince1970: 1_763_456_400)
}

/// Runs a program, feeding `input`, and returns its exit code and output; it waits off the cooperative pool.
@discardableResult
func runProcess(_ executable: URL, _ arguments: [String], input: Data = Data(),
                environment: [String: String] = [:]) async throws -> (status: Int32, stdout: String, stderr: String) {
    try await offPool { try runProcessBlocking(executable, arguments, input: input, environment: environment) }
}

/// ``runProcess(_:_:input:environment:)`` on the calling thread, for work that is already off the pool.
@discardableResult
func runProcessBlocking(_ executable: URL, _ arguments: [String], input: Data = Data(),
                        environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    stdin.fileHandleForWriting.write(input)
    try stdin.fileHandleForWriting.close()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    let err = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
}

/// The next scan from a scanner's event stream, or nil when none arrives within `seconds`.
func nextScan(_ iterator: inout AsyncStream<ScanEvent>.Iterator, within seconds: Double = 3) async -> ScanEvent? {
    await withTaskGroup(of: ScanEvent?.self) { group in
        var it = iterator
        group.addTask { try? await Task.sleep(for: .seconds(seconds)); return nil }
        let result = await it.next()
        group.cancelAll()
        iterator = it
        return result
    }
}
