import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

@Suite("Register gateway adapters")
struct GatewayAdapterTests {
    @Test("TLS files that cannot be read are reported as a TLS setup problem naming the settings")
    func tlsSetup() {
        #expect(throws: RegisterGatewayError.self) {
            try HTTPRegisterGateway(baseURL: "https://dor.example", token: "t",
                                    tls: .init(caCertificate: "/nonexistent/ca.pem"))
        }
        do {
            _ = try HTTPRegisterGateway(baseURL: "https://dor.example", token: "t",
                                        tls: .init(clientCertificate: "/nonexistent/c.pem"))
            Issue.record("expected an error")
        } catch {
            guard case .tlsSetup = error.reason else { Issue.record("wrong error \(error)"); return }
            #expect(error.description.contains("register.clientCertificate"))
        }
    }

    @Test("The HTTP gateway never shows its token")
    func maskedToken() throws {
        let gateway = try HTTPRegisterGateway(baseURL: "https://dor.example/", token: "s3cret")
        #expect(!gateway.description.contains("s3cret"))
        #expect(gateway.description.contains("https://dor.example"))
    }

    @Test("The manual gateway writes the portal form and never acknowledges")
    func manual() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        _ = try store.append(Fixtures.intake(), at: Fixtures.tuesday)
        let gateway = ManualRegisterGateway(folder: folder.path + "/manual", clock: { Fixtures.tuesday })
        let jobs = try store.uploadJobs().map(\.upload)
        await #expect(throws: RegisterGatewayError.manualEntryRequired(folder: folder.path + "/manual")) {
            try await gateway.upload(jobs)
        }
        let text = try String(contentsOfFile: folder.path + "/manual/dor-invoer.txt", encoding: .utf8)
        #expect(text.contains("== Inkoop — volgnummer 1  [12345678/000012345678/entry/1]"))
        #expect(text.contains("Serienummer: SN-0001"))
        #expect(text.contains("Tijdstip: 10:00"))
        #expect(text.contains("Documentnummer: NWLFR3706"))
        let export = try gateway.export(jobs + [RegisterUpload(idempotencyKey: "k", entryNumber: 9, kind: .entry,
                                                               payload: Data("{}".utf8))])
        #expect(export.count == 1 && export.unreadable == ["k"])
    }
}
