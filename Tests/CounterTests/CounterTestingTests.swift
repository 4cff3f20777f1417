import CounterCore
import CounterTesting
import Foundation
import Testing

/// Issue 18: CounterTesting is a library for embedders' tests; these use it as an embedder would (public API only).
@Suite("CounterTesting, as an embedder uses it")
struct CounterTestingTests {
    @Test("A fake scanner's scan reaches the till through the engine, is checked against the fake Stop Heling, and a hit holds the till")
    func fakeScannerThroughEngine() async throws {
        let register = try TemporaryRegister()
        defer { register.remove() }
        try register.importHotlist(["HOT-1"])
        let service = FakeStolenGoodsService(hits: ["REMOTE-HIT-9"])
        let devices = FakeScanners()
        let engine = try CounterEngine(.init(
            store: register.store, staff: register.staff, checker: register.checker(remote: service),
            tills: [TillConfiguration(name: "kassa-1", scanners: [.init(spec: "serial:/dev/fake-scanner")])], devices: devices))
        let running = Task { try await engine.run() }
        defer { running.cancel() }
        let till = try engine.session("kassa-1")
        let events = till.events()

        let scanner = try await devices.source("serial:/dev/fake-scanner")
        scanner.scan("REMOTE-HIT-9")
        var hitShown = false
        for await event in events where event.kind == .hit {
            hitShown = String(decoding: event.json, as: UTF8.self).contains("REMOTE-HIT-9")
            break
        }
        #expect(hitShown)
        #expect(await till.openHit?.identifier == "REMOTE-HIT-9")
        #expect(await service.terms == ["REMOTE-HIT-9"])
    }

    @Test("A checker given without the police's notices follows the register's anyway: a written notice (art. 437 lid 1 onder e Sr) is a hit at an embedder's till")
    func policeNoticesAlwaysChecked() async throws {
        let register = try TemporaryRegister()
        defer { register.remove() }
        try register.importHotlist(["HOT-1"])
        // What an embedder writes: the public initialiser has no watch list to forget.
        let engine = try CounterEngine(.init(
            store: register.store, staff: register.staff,
            checker: StolenGoodsChecker(hotlistFolder: register.folder.hotlistPath, remote: nil), tills: []))
        _ = try await register.store.addPoliceNotice(
            reference: "PL-2026-4", officer: "Agent 1", receivedOn: CalendarDate(Date()), identifier: "GZ-777",
            brand: nil, description: "telefoon", by: "Olga", at: Date())
        let till = engine.defaultSession
        let outcome = await till.scan(Array("GZ-777".utf8), from: ScanOrigin(device: "pos", kind: .barcode))
        guard case .item(let item)? = outcome.first else { Issue.record("no item: \(outcome)"); return }
        #expect(item.check.status == .hit)
        #expect(await till.openHit?.identifier == "GZ-777")
    }

    @Test("The fake register accepts, rejects as scripted, and records every batch")
    func fakeRegister() async throws {
        let gateway = FakeRegisterGateway([.reject(["k2": "postcode"]), .fail(.timeout)])
        let batch = [RegisterUpload(idempotencyKey: "k1", entryNumber: 1, kind: .entry, payload: Data()),
                     RegisterUpload(idempotencyKey: "k2", entryNumber: 2, kind: .entry, payload: Data())]
        let answers = try await gateway.upload(batch)
        #expect(answers.map(\.outcome) == [.accepted(reference: "R-1"), .rejected(reason: "postcode")])
        await #expect(throws: RegisterGatewayError.timeout) { try await gateway.upload(batch) }
        #expect(try await gateway.upload(batch).map(\.outcome) == [.duplicate(reference: "R-1"), .accepted(reference: "R-2")])
        #expect(await gateway.batches.count == 3)
    }
}
