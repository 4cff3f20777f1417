import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// The engine as a running service: scanner sources feeding their own till through real ptys, tills kept
/// apart, a hotlist imported while it runs, late hits pushed to the owner, shutdown on request.
@Suite("Counter engine: tills, readers, watchers", .serialized)
struct CounterEngineTests {
    /// Runs the engine for the test body, then stops it.
    func running<T>(_ engine: CounterEngine, _ body: () async throws -> T) async throws -> T {
        let task = Task { try await engine.run() }
        defer { task.cancel() }
        try await Task.sleep(for: .milliseconds(300))  // the sources open their devices
        return try await body()
    }

    @Test("Every profile through a pty and the real router: a reader's framed read is one document, a scanner's MRZ line is refused; zero items",
          arguments: ScannerProfileCatalog.embedded.profiles)
    func profilesThroughPTY(profile: ScannerProfile) async throws {
        let world = try TillWorld(remote: RecordingService())
        defer { world.folder.remove() }
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let device = TillConfiguration.Device(spec: "serial:\(pty.slavePath)", profile: profile.id)
        let till = profile.kind == .document
            ? TillConfiguration(name: "kassa-1", documentReader: device)
            : TillConfiguration(name: "kassa-1", scanners: [device])
        let engine = try world.engine([till])
        let session = try engine.session("kassa-1")
        let events = session.events()
        let console = engine.technicianEvents.subscribe()
        try await running(engine) {
            if profile.kind == .document {
                pty.write(DocumentFixtures.framed(DocumentFixtures.idCard, profile: profile))
                #expect(await eventually { await session.snapshot().seller != nil }, "\(profile.id)")
                #expect(await session.snapshot().seller?.documentNumber == "IXR12PN74")
            } else {
                // A clerk scans the MRZ with the barcode scanner: each line ends with the scanner's suffix.
                pty.write(DocumentFixtures.idCard.joined(separator: "\r") + "\r")
                try await Task.sleep(for: .milliseconds(400))
                #expect(await session.snapshot().seller == nil)
            }
            try await Task.sleep(for: .milliseconds(300))
            #expect(await session.snapshot().items.isEmpty, "\(profile.id)")
        }
        let seen = await collect(events, for: 0.1).map(\.message).joined()
        let technician = await collect(console, for: 0.1).map(\.message).joined()
        if profile.kind == .barcode { #expect(seen.contains("scan.documentUnreadable")) }
        #expect(!seen.contains(DocumentFixtures.bsn))
        #expect(!technician.contains(DocumentFixtures.bsn) && !technician.contains("NLD"))
        #expect(technician.contains("\"length\""))
    }

    @Test("5: two tills see none of each other's events, seller or items")
    func tillsApart() async throws {
        let world = try TillWorld()
        defer { world.folder.remove() }
        let (a, b) = (try PseudoTerminal(), try PseudoTerminal())
        defer { a.close(); b.close() }
        let engine = try world.engine([
            TillConfiguration(name: "kassa-1", scanners: [.init(spec: "serial:\(a.slavePath)")]),
            TillConfiguration(name: "kassa-2", scanners: [.init(spec: "serial:\(b.slavePath)")]),
        ])
        let (one, two) = (try engine.session("kassa-1"), try engine.session("kassa-2"))
        let oneEvents = one.events()
        let owner = engine.ownerEvents.subscribe()
        try await running(engine) {
            b.write("HOT-1\r")
            #expect(await eventually { await two.openHit != nil })
            await two.readDocument(lines: DocumentFixtures.idCard)
            try await Task.sleep(for: .milliseconds(200))
            #expect(await one.snapshot().items.isEmpty)
            #expect(await one.snapshot().seller == nil)
            #expect(await one.openHit == nil)
        }
        #expect(await collect(oneEvents, for: 0.1).isEmpty)
        #expect(await collect(owner, for: 0.1).allSatisfy { $0.kind != .item && $0.kind != .hit })
        #expect(throws: CounterError(.unknownTill, parameters: ["till": "kassa-9"])) { try engine.session("kassa-9") }
    }

    @Test("2: an import while the engine runs makes the next scan a hit, and a late hit reaches the owner's page")
    func importWhileRunning() async throws {
        let world = try TillWorld(hotlist: ["HOT-1"], clock: { Date() })
        defer { world.folder.remove() }
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let engine = try world.engine([TillConfiguration(name: "kassa-1", scanners: [.init(spec: "serial:\(pty.slavePath)")])])
        let session = try engine.session("kassa-1")
        // An item bought yesterday, still on hold, that the new list will name.
        _ = try await world.session("cli").register(CounterDraft(intake: world.intake(serial: "LATE-5")), idempotencyKey: "late")
        let owner = engine.ownerEvents.subscribe()
        try await running(engine) {
            pty.write("NEW-77\r")
            #expect(await eventually { await session.snapshot().items.first?.check.status == .clear })
            try TillWorld.importHotlist(["HOT-1", "NEW-77", "LATE-5"], into: world.folder.path)
            pty.write("NEW-77\r")
            #expect(await eventually { await session.snapshot().items.count == 2 })
            #expect(await session.snapshot().items.last?.check.status == .hit)
            try await Task.sleep(for: .seconds(2))
        }
        let pushed = await collect(owner, for: 0.1)
        #expect(pushed.contains { $0.kind == .alert && $0.message.contains("lateHit") })
    }

    @Test("Graceful shutdown ends the engine's work, its readers and the pages' streams promptly")
    func shutdown() async throws {
        let world = try TillWorld()
        defer { world.folder.remove() }
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let engine = try world.engine([TillConfiguration(name: "kassa-1", scanners: [.init(spec: "serial:\(pty.slavePath)")])])
        let stream = try engine.session("kassa-1").events()
        let task = Task { try await engine.run() }
        try await Task.sleep(for: .milliseconds(300))
        let started = Date()
        task.cancel()
        _ = try? await task.value
        for await _ in stream {}
        #expect(Date().timeIntervalSince(started) < 2)
        #expect(await engine.scanners.list().map(\.state) == ["stopped"])
    }
}
