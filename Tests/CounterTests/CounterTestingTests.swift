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
