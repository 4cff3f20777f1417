import Crypto
import Foundation
import GRDB
import Testing
@testable import CounterCore
@testable import CounterDevices

/// Issue 14: `verify` on a million entries at ≥ 100 000 entries/s reads the stored bytes without decoding them
/// (``CanonicalJSON``). These tests hold it to the exact reading: the same document bytes, the same verdicts.
@Suite("Verify's fast path")
struct VerifyFastPathTests {
    static func awkward(_ i: Int) -> Intake {
        var intake = Fixtures.intake(clerk: ["Anna", "Zoë", "O'Brien"][i % 3], surname: ["Jansen", "Müller \"Mo\"", "d'Ancona\\x", "Ünal"][i % 4],
                                     serial: ["SN-\(i)", "S/N \(i)", "ÄÖ-\(i)"][i % 3], paymentMethod: .bankTransfer)
        intake.seller.givenNames = i % 5 == 0 ? "" : "Piet Jan"
        intake.conditions = i % 4 == 0 ? "terugkoop binnen 30 dagen / 5%" : nil
        if i % 2 == 0 {
            intake.items.append(RegisterItem(category: .jewellery, brand: "Gassan", serialNumber: "", frameNumber: "GZ\(i)",
                                             description: "ring <b>&amp;</b>",
                                             jewellery: JewelleryDetails(material: "geelgoud", fineness: "585", weightMilligrams: 3_200 + i)))
        }
        return intake
    }

    @Test("The upload document made from the stored bytes is the encoded document, byte for byte")
    func spliceIsTheDocument() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        for i in 0..<24 { _ = try store.append(Self.awkward(i), at: Fixtures.tuesday.addingTimeInterval(Double(i))) }
        let rows = try store.dbPool.read { db in
            try Row.fetchAll(db, sql: "SELECT e.entry_number, e.content, s.identity FROM entry e JOIN seller_identity s USING (entry_number)")
        }
        #expect(rows.count == 24)
        for row in rows {
            let entry = try #require(try store.entry(number: row["entry_number"]))
            let spliced = RegisterEntry.uploadDocument(content: row["content"], identity: row["identity"])
            #expect(spliced == entry.uploadDocument(), "entry \(entry.entryNumber)")
        }
        // A legacy hash (an entry converted from the first format) is not part of the document.
        var legacy = try #require(try store.entry(number: 1))
        legacy.legacyHash = String(repeating: "a", count: 64)
        #expect(RegisterEntry.uploadDocument(content: legacy.canonicalContent(),
                                             identity: SellerIdentity.canonical(legacy.seller!)) == legacy.uploadDocument())
        #expect(RegisterEntry.uploadDocument(content: Data("{\"a\": 1}".utf8), identity: Data("{}".utf8)) == nil)
    }

    @Test("Entries made through the store take the fast path; escaped texts are read the exact way; both say whole")
    func fastPathTaken() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        for i in 0..<10 {
            _ = try store.append(Fixtures.intake(serial: "SN-\(i)", paymentMethod: .bankTransfer), at: Fixtures.tuesday.addingTimeInterval(Double(i)))
        }
        var verification = try store.verify()
        #expect(verification.isIntact && verification.entryCount == 10)
        #expect(verification.entriesReadExactly == 0)
        var quoted = Fixtures.intake(clerk: "Anna \"AJ\"", serial: "SN-Q", paymentMethod: .bankTransfer)
        quoted.items[0].serialNumber = "SN\\Q"
        _ = try store.append(quoted, at: Fixtures.tuesday.addingTimeInterval(20))
        verification = try store.verify()
        #expect(verification.isIntact && verification.entryCount == 11)
        #expect(verification.entriesReadExactly == 1)
    }

    @Test("CanonicalJSON refuses what is not well formed", arguments: [
        "", "{", "{\"a\":}", "{\"a\":1,}", "{\"a\" :1}", "{\"a\":[1,]}", "{\"a\":tru}", "{\"a\":\"x}", "{\"a\":1}x",
        // A control character or an unclosed text past the first eight bytes of a long text (read a word at a time).
        "{\"a\":\"abcdefghijklmno\u{01}pqrstuvw\"}", "{\"a\":\"abcdefghijklmnopqrstuvwxyzäöü",
    ])
    func malformed(text: String) {
        let ok = Data(text.utf8).withUnsafeBytes { raw in
            CanonicalJSON(bytes: raw).object(at: 0).map { $0.end == raw.count } ?? false
        }
        #expect(!ok)
    }

    @Test("Eight bytes are 'plain' exactly when none of them is a quote, a backslash or a control character")
    func plainWords() {
        func byteWise(_ word: UInt64) -> Bool {
            (0..<8).allSatisfy { k in
                let b = UInt8(truncatingIfNeeded: word >> (8 * k))
                return b >= 0x20 && b != 0x22 && b != 0x5C
            }
        }
        var generator = SystemRandomNumberGenerator()
        // Mostly printable bytes with the awkward ones mixed in: the tricks' borrows cross from byte to byte.
        let awkward: [UInt8] = [0x00, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xA2, 0xDC, 0xFF]
        for _ in 0..<20_000 {
            var word: UInt64 = 0
            for k in 0..<8 {
                let b = Int.random(in: 0..<4, using: &generator) == 0 ? awkward.randomElement(using: &generator)!
                    : UInt8.random(in: 0x20...0x7E, using: &generator)
                word |= UInt64(b) << (8 * k)
            }
            #expect(CanonicalJSON.plain(word) == byteWise(word), "word \(String(word, radix: 16))")
        }
    }
}
