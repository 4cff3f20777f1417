import Foundation
import IDScan
import Testing
@testable import CounterCore
@testable import CounterDevices

/// Issue 17: the chip check through the real PC/SC stack (pcscd + vpcd) against an emulated passport written
/// from ICAO Doc 9303 in Python, with test credentials (CSCA, DS, SOD) made by Python's `cryptography`.
/// Run by scripts/test-chip.sh (make test), which starts the pcscd; never skipped there.
@Suite("ChipCardTests: an emulated passport through pcscd and vpcd", .serialized, .enabled(if: EmulatedPassport.requested))
struct ChipCardTests {
    static let today: MRZParser.Today = (2026, 12, 7)

    static func trusted(in folder: TemporaryFolder) throws -> [[UInt8]] {
        let store = CSCAStore(folder: folder.path + "/csca")
        _ = try store.importMasterList(try EmulatedPassport.masterList())
        return store.certificates()
    }

    static func check(_ scenario: String, trusted: [[UInt8]], can: String? = nil, printed: Bool = true) async throws -> ChipDocument {
        try await EmulatedPassport.with(scenario) { reader, card in
            let mrz = printed ? MRZParser.parse(card.printedMRZ, today: today) : nil
            return await ChipCheck.check(transport: reader, printed: mrz, can: can, trusted: trusted, today: today)
        }
    }

    @Test("The six documents give the six answers: genuine, differs, bad hash, bad signature, unknown CSCA, BSN in DG11",
          arguments: [("good", ChipVerdict.genuine), ("dg1-differs", .differsFromPrintedMRZ), ("wrong-hash", .signatureInvalid),
                      ("wrong-signature", .signatureInvalid), ("unknown-csca", .unknownIssuer), ("bsn-dg11", .genuine)])
    func verdicts(scenario: String, expected: ChipVerdict) async throws {
        let folder = try TemporaryFolder()
        let document = try await Self.check(scenario, trusted: try Self.trusted(in: folder))
        #expect(document.verdict == expected, "\(scenario)")
        #expect(document.access == .pace(ASN1ObjectIdentifier("0.4.0.127.0.7.2.2.4.2.2")))
        if expected == .genuine {
            #expect(document.signerIssuer == "CN=CSCA NL test,O=Counter test state,C=NL")
            #expect(document.signerSerial == "1017")
            #expect(document.face?.format == .jpeg)
            #expect(document.checkedDataGroups.starts(with: [1, 2]))
        }
        if scenario == "dg1-differs" { #expect(document.differences == [.surname, .givenNames]) }
        if scenario == "wrong-hash" { #expect(!document.checkedDataGroups.contains(1)) }
        if scenario == "bsn-dg11" {
            // DG11 was read and its hash checked, but nothing of it is kept; DG1's BSN is removed by the parser.
            #expect(document.checkedDataGroups == [1, 2, 11])
            #expect(document.mrz?.bsnRedacted == true)
            #expect(document.mrz?.fields.optionalData == nil)
            let everything = "\(document.mrz.map { String(describing: $0) } ?? "") \(document.mrz?.redactedLines ?? [])"
                + String(decoding: document.mrz?.jsonData() ?? Data(), as: UTF8.self)
            #expect(!everything.contains("999999990"))
        }
    }

    @Test("Without an imported master list a genuine chip is 'uitgever onbekend', never green")
    func noMasterList() async throws {
        #expect(try await Self.check("good", trusted: []).verdict == .unknownIssuer)
    }

    @Test("BAC (a document without PACE): the same read under 3DES secure messaging")
    func bac() async throws {
        let folder = try TemporaryFolder()
        let document = try await Self.check("bac", trusted: try Self.trusted(in: folder))
        #expect(document.access == .bac)
        #expect(document.verdict == .genuine)
    }

    @Test("PACE with the card access number; a wrong CAN is refused by the chip: 'chip niet leesbaar'")
    func can() async throws {
        let folder = try TemporaryFolder()
        let trusted = try Self.trusted(in: folder)
        let right = try await Self.check("good", trusted: trusted, can: "123456", printed: false)
        #expect(right.verdict == .genuine)
        #expect(right.differences.isEmpty)
        let wrong = try await Self.check("good", trusted: trusted, can: "654321", printed: false)
        #expect(wrong.verdict == .unreadable)
        #expect(wrong.mrz == nil)
    }

    @Test("A printed MRZ that is not this chip's key (a misread number) is refused: unreadable, not genuine")
    func wrongKey() async throws {
        let folder = try TemporaryFolder()
        let document = try await EmulatedPassport.with("good") { reader, card in
            var mrz = MRZParser.parse(card.printedMRZ, today: Self.today)
            mrz.fields.documentNumber = "SPECI2022"
            return await ChipCheck.check(transport: reader, printed: mrz, can: nil, trusted: try Self.trusted(in: folder), today: Self.today)
        }
        #expect(document.verdict == .unreadable)
    }

    @Test("READ BINARY with extended length reads the same files")
    func extendedLength() async throws {
        let folder = try TemporaryFolder()
        let trusted = try Self.trusted(in: folder)
        let document = try await EmulatedPassport.with("good") { reader, card in
            let printed = MRZParser.parse(card.printedMRZ, today: Self.today)
            let files = try await ChipReader(transport: reader, chunk: 1024).read(mrzInformation: ChipCheck.mrzInformation(printed))
            return ChipDocument(files, printed: printed, trusted: trusted, today: Self.today)
        }
        #expect(document.verdict == .genuine)
        #expect(document.face?.bytes.count == 1274)
    }

    @Test("No document on the reader: 'geen chip'")
    func noCard() async throws {
        await #expect(throws: PCSCReader.Failure.self) { _ = try await PCSCReader.connect(wait: .zero) }
        let result = try await runProcess(Fixtures.kioskBinary, ["id", "chip", "--can", "123456", "--json"])
        #expect(result.status == 1)
        #expect(result.stdout.contains(#""verdict":"noChip""#), "\(result.stdout) \(result.stderr)")
    }

    @Test("id chip and id masterlist import as a technician runs them; no face bytes, no BSN in the output or the data folder")
    func commandLine() async throws {
        let folder = try TemporaryFolder()
        let tampered = try await runProcess(Fixtures.kioskBinary, ["id", "masterlist", "import", "--data", folder.path,
                                                                   EmulatedPassport.documents + "/masterlist-tampered.der"])
        #expect(tampered.status == 1)
        #expect(tampered.stderr.contains("does not verify"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/csca/trusted.der"))
        let imported = try await runProcess(Fixtures.kioskBinary, ["id", "masterlist", "import", "--data", folder.path,
                                                                   EmulatedPassport.documents + "/masterlist.der"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("Imported 1 CSCA certificates (1 new)"))

        // The technician finds the reader's name for tills[].chipReader.
        let list = try await runProcess(Fixtures.kioskBinary, ["scanners", "list", "--root", folder.path])
        #expect(list.stdout.contains("Chip readers (PC/SC, for tills[].chipReader):\n  Virtual PCD 00 00"), "\(list.stdout)")

        let face = try #require(FileManager.default.contents(atPath: Fixtures.repositoryRoot.path + "/Tests/chip/face.jpg"))
        for scenario in ["good", "bsn-dg11"] {
            let card = try EmulatedPassport.insert(scenario)
            let result = try await runProcess(Fixtures.kioskBinary, ["id", "chip", "--data", folder.path, "--mrz-stdin", "--json", "--wait", "10"],
                                              input: Data(card.printedMRZ.utf8))
            await card.remove()
            #expect(result.status == 0, "\(scenario): \(result.stdout) \(result.stderr)")
            let answer = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(answer["verdict"] as? String == "genuine")
            #expect((answer["face"] as? [String: Any])?["bytes"] as? Int == face.count)
            #expect((answer["chipMRZ"] as? [String: Any])?["nationality"] == nil)
            for text in [result.stdout, result.stderr] {
                #expect(!text.contains("999999990"))
                #expect(!text.contains("/9j/"))  // the JPEG's base64 start
            }
        }
        // Nothing of the chip in the data folder: no face bytes, no BSN, anywhere.
        let needle = Array(face.prefix(64))
        for file in FileManager.default.subpaths(atPath: folder.path) ?? [] {
            let bytes = [UInt8](FileManager.default.contents(atPath: folder.path + "/" + file) ?? Data())
            #expect(!contains(bytes, needle), "\(file)")
            #expect(!contains(bytes, Array("999999990".utf8)), "\(file)")
        }
    }
}

func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard haystack.count >= needle.count, !needle.isEmpty else { return false }
    return (0...(haystack.count - needle.count)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
}
