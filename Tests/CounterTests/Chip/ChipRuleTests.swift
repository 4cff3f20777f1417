import Foundation
import IDScan
import Testing
@testable import CounterCore
@testable import CounterDevices

/// Issue 17, at the register: art. 437 Sr asks the dealer to make sure who the seller is. A chip that differs
/// from its printed MRZ (a possibly forged data page) always stops the intake until the owner decides; where the
/// shop requires a chip check, so does a passport or ID card whose chip was not found genuine. The entry keeps
/// only the verdict, the document signer and the owner's decision.
@Suite("Chip rule: what a chip check means for the register")
struct ChipRuleTests {
    @Test("The rule: differs always needs the owner; not verified only where required and only for chip documents")
    func rule() {
        #expect(ChipRule.ownerNeeded(.differsFromPrintedMRZ, documentKind: .drivingLicence, required: false) == .differsFromPrint)
        #expect(ChipRule.ownerNeeded(.genuine, documentKind: .passport, required: true) == nil)
        #expect(ChipRule.ownerNeeded(.unknownIssuer, documentKind: .passport, required: true) == .notVerified)
        #expect(ChipRule.ownerNeeded(nil, documentKind: .identityCard, required: true) == .notVerified)
        #expect(ChipRule.ownerNeeded(nil, documentKind: .drivingLicence, required: true) == nil)
        #expect(ChipRule.ownerNeeded(.signatureInvalid, documentKind: .passport, required: false) == nil)
    }

    /// The session of a till with a chip reader, the ID card of DocumentFixtures scanned and the draft filled.
    func counter(_ world: TillWorld, required: Bool) async throws -> CounterSession {
        var dependencies = world.dependencies
        dependencies.chip = ChipAccess(connect: { _ in throw PCSCReader.Failure(kind: .noCard, code: 0) }, trusted: { [] },
                                       required: required)
        let session = CounterSession(till: "kassa-1", dependencies: dependencies, chipReader: "Virtual PCD")
        await session.readDocument(lines: DocumentFixtures.idCard)
        _ = await session.scan(Array("CLEAN-1".utf8), from: ScanOrigin(device: "serial:/dev/ttyACM0", kind: .barcode))
        let items = await session.snapshot().items
        _ = await session.updateDraft(TillDraftPatch(
            seller: ["street": "Kerkstraat", "houseNumber": "12", "postcode": "1017 GC", "city": "Amsterdam"],
            items: [items[0].id: .init(fields: ["category": "tools", "brand": "Bosch", "description": "Boormachine", "price": "40"])],
            payment: ["paymentMethod": "bankTransfer"]), clerk: "Anna")
        return session
    }

    /// A chip read of the scanned card, with the chip's MRZ naming `surname`.
    func chip(_ verdict: ChipVerdict, surname: String = "DE<VRIES") -> ChipDocument {
        var document = ChipDocument(failure: verdict)
        var lines = DocumentFixtures.idCard
        lines[2] = (surname + "<<JAN<WILLEM").padding(toLength: 30, withPad: "<", startingAt: 0)
        document.mrz = MRZParser.parse(lines: lines, today: (2025, 11, 18))
        document.signerIssuer = "CN=CSCA NL test,C=NL"
        document.signerSerial = "1017"
        return document
    }

    @Test("A chip that differs from the print: registering is refused until the owner decides; the entry keeps the decision, audited")
    func differs() async throws {
        let world = try TillWorld()
        defer { world.folder.remove() }
        let session = try await counter(world, required: false)
        let view = await session.take(chip(.differsFromPrintedMRZ, surname: "JANSEN"))
        #expect(view.level == "owner")
        #expect(view.needsOwner)
        await #expect(throws: CounterError.self) { try await session.registerDraft(clerk: "Anna", approvalID: nil, idempotencyKey: "k1") }
        #expect(try await world.store.entryCount() == 0)
        // A staff PIN is not the owner's.
        await #expect(throws: (any Error).self) {
            try await session.approveChip(owner: OwnerAuthorization(name: "Anna", pin: "1234"), reason: "ziet er goed uit")
        }
        let approved = try await session.approveChip(owner: TillWorld.owner, reason: "naam gewijzigd na huwelijk, akte gezien")
        #expect(approved.owner == "Olga")
        #expect(!approved.needsOwner)
        let registered = try await session.registerDraft(clerk: "Anna", approvalID: nil, idempotencyKey: "k1")
        let entry = try #require(try await world.store.entry(number: registered.entryNumber))
        #expect(entry.chipCheck == ChipCheck.Record(verdict: .differsFromPrintedMRZ, signerIssuer: "CN=CSCA NL test,C=NL",
                                                    signerSerial: "1017", owner: "Olga", reason: "naam gewijzigd na huwelijk, akte gezien"))
        #expect(try await world.store.verify().isIntact)
        let audit = try await world.staff.audit.events(limit: 50)
        #expect(audit.contains { $0.action == AuditAction.chipOverride.rawValue && $0.actor == "Olga" })
        #expect(audit.contains { $0.action == AuditAction.chipChecked.rawValue && $0.detail == "differsFromPrintedMRZ" })
    }

    @Test("A chip whose number differs from the print cannot be escaped by typing another number over the document")
    func differsByNumber() async throws {
        let world = try TillWorld()
        defer { world.folder.remove() }
        let session = try await counter(world, required: false)
        var forged = chip(.differsFromPrintedMRZ)
        forged.mrz?.fields.documentNumber = "IXR99ZZ99"
        _ = await session.take(forged)
        for typed in ["IXR99ZZ99", "IXR77YY77"] {
            _ = await session.updateDraft(TillDraftPatch(seller: ["documentNumber": typed]), clerk: "Anna")
            await #expect(throws: CounterError.self) { try await session.registerDraft(clerk: "Anna", approvalID: nil, idempotencyKey: "k-\(typed)") }
        }
        #expect(try await world.store.entryCount() == 0)
    }

    @Test("Scanning the same document again keeps its chip check; another document starts without one")
    func rescan() async throws {
        let world = try TillWorld()
        defer { world.folder.remove() }
        let session = try await counter(world, required: false)
        _ = await session.take(chip(.differsFromPrintedMRZ, surname: "JANSEN"))
        await session.readDocument(lines: DocumentFixtures.idCard)
        #expect(await session.snapshot().chip?.verdict == .differsFromPrintedMRZ)
        await #expect(throws: CounterError.self) { try await session.registerDraft(clerk: "Anna", approvalID: nil, idempotencyKey: "k1") }
        #expect(try await world.store.entryCount() == 0)
        await session.readDocument(lines: DocumentFixtures.passport)
        #expect(await session.snapshot().chip == nil)
    }

    @Test("A genuine chip registers without the owner and is kept in the chained entry; nothing of the chip data is")
    func genuine() async throws {
        let world = try TillWorld()
        defer { world.folder.remove() }
        let session = try await counter(world, required: true)
        let view = await session.take(chip(.genuine))
        #expect(view.level == "ok")
        let registered = try await session.registerDraft(clerk: "Anna", approvalID: nil, idempotencyKey: "k1")
        let entry = try #require(try await world.store.entry(number: registered.entryNumber))
        #expect(entry.chipCheck == ChipCheck.Record(verdict: .genuine, signerIssuer: "CN=CSCA NL test,C=NL", signerSerial: "1017"))
        let content = String(decoding: entry.canonicalContent(), as: UTF8.self)
        #expect(content.contains(#""chipCheck":{"signerIssuer":"CN=CSCA NL test,C=NL","signerSerial":"1017","verdict":"genuine"}"#))
        #expect(!content.contains("DE VRIES"))
    }

    @Test("Where the shop requires it, a card without a chip check needs the owner; a chip of another document does not count")
    func required() async throws {
        let world = try TillWorld()
        defer { world.folder.remove() }
        let session = try await counter(world, required: true)
        await #expect(throws: CounterError.self) { try await session.registerDraft(clerk: "Anna", approvalID: nil, idempotencyKey: "k1") }
        // A genuine chip, then another document number typed over the scanned one: the check was not of this document.
        _ = await session.take(chip(.genuine))
        _ = await session.updateDraft(TillDraftPatch(seller: ["documentNumber": "IXR55AA55"]), clerk: "Anna")
        await #expect(throws: CounterError.self) { try await session.registerDraft(clerk: "Anna", approvalID: nil, idempotencyKey: "k1") }
        _ = await session.updateDraft(TillDraftPatch(seller: ["documentNumber": "IXR12PN74"]), clerk: "Anna")
        // No card on the reader: the read says so, and the owner lets it through.
        let none = try await session.readChip()
        #expect(none.verdict == .noChip)
        #expect(none.needsOwner)
        _ = try await session.approveChip(owner: TillWorld.owner, reason: "chip defect, document bekeken")
        let registered = try await session.registerDraft(clerk: "Anna", approvalID: nil, idempotencyKey: "k1")
        let entry = try #require(try await world.store.entry(number: registered.entryNumber))
        #expect(entry.chipCheck?.verdict == .noChip)
        #expect(entry.chipCheck?.owner == "Olga")
    }

    @Test("Without the shop's rule an unverified chip is shown but does not stop the intake; entries without a check keep their old content")
    func notRequired() async throws {
        let world = try TillWorld()
        defer { world.folder.remove() }
        let session = try await counter(world, required: false)
        let view = await session.take(chip(.unknownIssuer))
        #expect(view.level == "warning")
        #expect(!view.needsOwner)
        let registered = try await session.registerDraft(clerk: "Anna", approvalID: nil, idempotencyKey: "k1")
        #expect(try await world.store.entry(number: registered.entryNumber)?.chipCheck?.verdict == .unknownIssuer)
        let plain = try await counter(world, required: false)
        let second = try await plain.registerDraft(clerk: "Anna", approvalID: nil, idempotencyKey: "k2")
        let entry = try #require(try await world.store.entry(number: second.entryNumber))
        #expect(entry.chipCheck == nil)
        #expect(!String(decoding: entry.canonicalContent(), as: UTF8.self).contains("chipCheck"))
    }
}
