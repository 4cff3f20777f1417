import CounterTesting
import Foundation
import IDScan
@testable import CounterCore
@testable import CounterDevices

/// Documents with a BSN, and the frames the document-reader profiles send them in.
enum DocumentFixtures {
    /// Passes the 11-test; reserved for tests.
    static let bsn = "999999990"

    static func check(_ s: String) -> String { String(CheckDigit.compute(Array(s.utf8))!) }

    /// A Dutch ID card (model to 2021) with the BSN in optional data 1: three lines of 30.
    static var idCard: [String] {
        let opt1 = bsn + "<<<<<" + check(bsn)
        let l1 = "I<NLD" + "IXR12PN74" + check("IXR12PN74") + opt1
        let head = "850314" + check("850314") + "M" + "310630" + check("310630") + "NLD" + "<<<<<<<<<<<"
        let composite = check(String(l1.dropFirst(5)) + String(head.prefix(7)) + String(head.dropFirst(8).prefix(7)) + "<<<<<<<<<<<")
        return [l1, head + composite, "DE<VRIES<<JAN<WILLEM<<<<<<<<<<"]
    }

    /// A Dutch passport (model to 2021) with the BSN as personal number: two lines of 44.
    static var passport: [String] {
        let l1 = "P<NLDDE<BRUIJN<<WILLEKE<LISELOTTE<<<<<<<<<<<"
        let personal = bsn + "<<<<<"
        var l2 = "SPECI2014" + check("SPECI2014") + "NLD" + "650310" + check("650310") + "F"
            + "300115" + check("300115") + personal + check(personal)
        let a = Array(l2)
        l2 += check(String(a[0..<10]) + String(a[13..<20]) + String(a[21...]))
        return [l1, l2]
    }

    /// One read as a reader with this profile frames it.
    static func framed(_ lines: [String], profile: ScannerProfile) -> [UInt8] {
        let body = Array((lines.joined(separator: "\r") + "\r").utf8)
        switch profile.frame {
        case "access-is": return [0x1C, 0x02] + body + [0x03, 0x1D]
        case "desko-cute": return [0x0B, 0x02] + body + [0x03, 0x0C]
        case "thales-rte":
            // Three CR-terminated lines padded with `_`; a 2-line MRZ has an empty first line.
            let width = lines[0].count
            let padded = (lines.count == 2 ? [""] + lines : lines).map { $0 + String(repeating: "_", count: $0.isEmpty ? 0 : max(0, width - $0.count)) }
            let data = Array(("\r" + padded.joined(separator: "\r") + "\r").utf8)
            var frame: [UInt8] = [0x01, UInt8(truncatingIfNeeded: data.count + 4)] + Array("OU".utf8) + [0x02, 0x30] + data + [0x03]
            frame.append(frame.dropFirst().reduce(0, ^))  // BCC: may well be an MRZ character
            return frame
        default:
            return body
        }
    }

    static var documentProfiles: [ScannerProfile] { ScannerProfileCatalog.embedded.profiles.filter { $0.kind == .document } }
    static var barcodeProfiles: [ScannerProfile] { ScannerProfileCatalog.embedded.profiles.filter { $0.kind == .barcode } }
}

/// A stand-in for Stop Heling that remembers every term it was asked for (CounterTesting's).
typealias RecordingService = FakeStolenGoodsService

/// A shop with a register, an owner (Olga, 4321), a clerk (Anna) and a hotlist listing HOT-1 and IMEI
/// 356938035643809.
struct TillWorld {
    let folder: TemporaryFolder
    let store: SQLiteRegisterStore
    let staff: StaffDirectory
    let checker: StolenGoodsChecker
    let clock: @Sendable () -> Date

    static let owner = OwnerAuthorization(name: "Olga", pin: "4321")

    init(remote: (any StolenGoodsService)? = nil, hotlist rows: [String] = ["HOT-1", "356938035643809"],
         maximumListAge: TimeInterval? = nil, clock: @escaping @Sendable () -> Date = { Fixtures.tuesday }) throws {
        folder = try TemporaryFolder()
        store = try Fixtures.store(in: folder)
        staff = StaffDirectory(store: store, iterations: 100)
        for (name, role, pin) in [("Olga", StaffRole.owner, "4321"), ("Anna", .staff, "1234")] {
            try store.insertStaffAccount(StaffAccount(name: name, role: role, createdAt: Fixtures.tuesday),
                                         pinHash: StaffPINHash(pin: pin, iterations: 100).encoded, onlyIntoEmpty: false, by: "test")
        }
        if !rows.isEmpty { try Self.importHotlist(rows, into: folder.path) }
        checker = StolenGoodsChecker(hotlistFolder: folder.path, remote: remote, maximumListAge: maximumListAge, clock: clock,
                                     watchList: store)
        self.clock = clock
    }

    /// Imports a list the way `hotlist import` does: a new file renamed over the old one.
    static func importHotlist(_ serials: [String], into folder: String) throws {
        let feed = folder + "/feed-\(UUID().uuidString).csv"
        try ("serial,brand\n" + serials.map { "\($0),Apple\n" }.joined()).write(toFile: feed, atomically: true, encoding: .utf8)
        _ = try HotlistImporter.importFeed(feed, into: folder + "/hotlist.bin")
        try FileManager.default.removeItem(atPath: feed)
    }

    /// The shop's photo archive (the data folder's): an intake's photos must be in it.
    var photos: PhotoStore { PhotoStore(folder: folder.path + "/photos") }

    var dependencies: CounterSession.Dependencies {
        var dependencies = CounterSession.Dependencies(store: store, staff: staff, checker: checker, clock: clock)
        dependencies.photos = photos
        return dependencies
    }

    func session(_ till: String = "kassa-1") -> CounterSession { CounterSession(till: till, dependencies: dependencies) }

    func engine(_ tills: [TillConfiguration]) throws -> CounterEngine {
        try CounterEngine(.init(storage: store, staff: staff, checker: checker, tills: tills, clock: clock,
                                discovery: ScannerDiscovery(root: folder.path + "/no-sysfs"), photos: photos, devices: DeviceScanners()))
    }

    func intake(serial: String? = "SN-0001", imei: String? = nil) -> Intake {
        var intake = Fixtures.intake(serial: serial ?? "")
        intake.items[0].serialNumber = serial
        intake.items[0].imei = imei
        return intake
    }

    /// Every audit event, oldest first.
    func audit() throws -> [AuditEvent] { try store.auditEvents(on: nil, limit: 10_000).reversed() }

    /// Every byte the data folder holds (the register, its WAL, the hotlist), as text.
    func allFiles() throws -> String {
        var text = ""
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
        for file in files {
            if let data = FileManager.default.contents(atPath: folder.path + "/" + file) { text += String(decoding: data, as: UTF8.self) }
        }
        return text
    }
}

/// Collects a stream's events until `seconds` pass.
func collect(_ stream: AsyncStream<CounterEvent>, for seconds: Double) async -> [CounterEvent] {
    await withTaskGroup(of: [CounterEvent]?.self) { group in
        group.addTask {
            var out: [CounterEvent] = []
            for await event in stream { out.append(event) }
            return out
        }
        group.addTask { try? await Task.sleep(for: .seconds(seconds)); return nil }
        var events = (await group.next() ?? nil) ?? []
        group.cancelAll()
        for await result in group { events += result ?? [] }
        return events
    }
}

/// Waits until `condition` holds, up to `seconds`; returns whether it did. The limit only matters when the
/// condition never holds (no test waits for that): 3 s was too short for a pty read under the whole suite's load
/// on two cores (a framed document read took longer while PostgreSQL clusters, kiosks and backups ran beside it).
func eventually(within seconds: Double = 10, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}
