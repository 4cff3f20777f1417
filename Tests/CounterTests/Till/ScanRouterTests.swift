import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// The router is where a scan becomes an item, a document or a refusal, for every caller. Why these rules:
/// law-2026.md (never store or send the BSN; the AP on reading the QR code on the back of Dutch ID cards) and
/// the first release's faults (MRZ lines became items, sent to Stop Heling with the BSN).
@Suite("Scan router: documents, items, refusals")
struct ScanRouterTests {
    let barcode = ScanOrigin(device: "serial:/dev/ttyACM0", kind: .barcode)

    @Test("Every document-reader profile's framed read is one document and nothing else", arguments: DocumentFixtures.documentProfiles)
    func framedReads(profile: ScannerProfile) {
        for lines in [DocumentFixtures.idCard, DocumentFixtures.passport] {
            var router = ScanRouter()
            let origin = ScanOrigin(device: "serial:/dev/pts/9", kind: .documentReader, profile: profile.id, isStream: true)
            let routed = router.route(DocumentFixtures.framed(lines, profile: profile), from: origin, at: 1)
            #expect(routed == [.document(lines: lines)], "\(profile.id)")
            #expect(router.flush(at: 10).isEmpty)
        }
    }

    @Test("A keyboard-wedge reader's lines assemble into one document; a half read times out as a refusal")
    func wedgeLines() {
        var router = ScanRouter()
        let reader = ScanOrigin(device: "evdev:/dev/input/event3", kind: .documentReader)
        let lines = DocumentFixtures.idCard
        #expect(router.route(Array(lines[0].utf8), from: reader, at: 1.0) == [.reading])
        #expect(router.route(Array(lines[1].utf8), from: reader, at: 1.1) == [.reading])
        #expect(router.route(Array(lines[2].utf8), from: reader, at: 1.2) == [.document(lines: lines)])
        #expect(router.route(Array(lines[0].utf8), from: reader, at: 2.0) == [.reading])
        let late = router.flush(at: 3.5)
        #expect(late.count == 1)
        guard case .refused(let refusal) = late.first else { Issue.record("expected a refusal"); return }
        #expect(refusal.reason == .documentUnreadable)
    }

    @Test("A document reader never makes an item, whatever it sends")
    func readerNeverItem() {
        var router = ScanRouter()
        let reader = ScanOrigin(device: "serial:/dev/pts/9", kind: .documentReader, isStream: true)
        for junk in ["HOT-1\r", "356938035643809\r", "\u{02}NOT AN MRZ\u{03}"] {
            let routed = router.route(Array(junk.utf8), from: reader, at: 5) + router.flush(at: 9)
            #expect(!routed.contains { if case .item = $0 { true } else { false } }, "\(junk)")
        }
    }

    /// MRZ lines, pieces of them and damaged ones, as a barcode scanner (or a reader set up as a plain
    /// keyboard) would deliver them.
    static var mrzLikeScans: [String] {
        let card = DocumentFixtures.idCard, pass = DocumentFixtures.passport
        var scans = card + pass
        scans.append(String(card[0].dropLast()))                 // a filler dropped
        scans.append(card[0] + "<")                              // one character extra
        scans.append(String(pass[1].prefix(20)) + "]" + String(pass[1].dropFirst(21)))  // an OCR stray
        scans.append(pass[1].replacingOccurrences(of: "<<", with: "< "))  // fillers read as spaces
        scans.append(String(card[0].prefix(16)))                 // a piece of line 1
        scans.append(card.joined(separator: "\r"))               // a whole read typed into one field
        scans.append("\u{1C}\u{02}" + card.joined(separator: "\r") + "\u{03}\u{1D}")  // a frame through a wedge
        // Behind a `]` that is no AIM identifier (found by `make fuzz`: the safety rule dropped three bytes
        // the interpreter kept, so the filler in them was never seen).
        scans.append("]A<" + String(card[1].prefix(9)))
        return scans
    }

    @Test("An MRZ line or a piece of one from a barcode scanner is refused, never an item", arguments: mrzLikeScans)
    func mrzRefused(scan: String) {
        var router = ScanRouter()
        let routed = router.route(Array(scan.utf8), from: barcode, at: 1)
        #expect(routed == [.refused(ScanRefusal(.documentUnreadable, length: scan.utf8.count))])
    }

    @Test("A BSN alone or inside a QR payload is refused from a scanner; typed by hand it is a serial")
    func bsn() {
        var router = ScanRouter()
        for scan in ["999999990", "]Q1999999990", "NLD|IXR12PN74|999999990|20310630", "BSN:999999990;"] {
            let routed = router.route(Array(scan.utf8), from: barcode, at: 1)
            #expect(routed == [.refused(ScanRefusal(.bsn, length: scan.utf8.count))], "\(scan)")
        }
        // Not a BSN: fails the 11-test, or part of a longer number (an IMEI, a GTIN, a GS1 string).
        for scan in ["123456789", "356938035643809", "8712345678906", "]C10108712345678906211234567821"] {
            let routed = router.route(Array(scan.utf8), from: barcode, at: 1)
            #expect(routed.count == 1 && { if case .item = routed[0] { true } else { false } }(), "\(scan)")
        }
        let typed = router.route(Array("999999990".utf8), from: .typed, at: 1)
        guard case .item(let scan, let text) = typed.first else { Issue.record("typed serial refused"); return }
        #expect(text == "999999990")
        #expect(scan.serialCandidate == "999999990")
    }

    @Test("Junk is refused with a reason: too short, control characters, too long")
    func junk() {
        var router = ScanRouter()
        let cases: [(String, ScanRefusal.Reason)] = [
            ("ab", .tooShort), ("]C1x", .tooShort), ("AB\u{07}CD", .controlCharacters), ("AB\u{1B}[2J", .controlCharacters),
            (String(repeating: "A1", count: 300), .tooLong),
        ]
        for (scan, reason) in cases {
            #expect(router.route(Array(scan.utf8), from: barcode, at: 1) == [.refused(ScanRefusal(reason, length: scan.utf8.count))], "\(reason)")
        }
        // GS inside a GS1 string is not junk.
        let gs1 = "]d2010871234567890621ABC123\u{1D}10LOT7"
        guard case .item(let scan, _) = router.route(Array(gs1.utf8), from: barcode, at: 1).first else {
            Issue.record("GS1 with GS refused"); return
        }
        #expect(scan.serialCandidate == "ABC123")
    }

    @Test("The AIM prefix is never shown: the item's text is the payload")
    func aimHidden() {
        var router = ScanRouter()
        guard case .item(let scan, let text) = router.route(Array("]A0CLEAN-123".utf8), from: barcode, at: 1).first else {
            Issue.record("no item"); return
        }
        #expect(text == "CLEAN-123")
        #expect(scan.symbology == "]A0")
    }

    @Test("The message catalog has every code in every language, with the same placeholders")
    func catalogParity() {
        for code in CounterMessages.Code.allCases {
            let templates = CounterMessages.Language.allCases.map { CounterMessages.template(code, $0) }
            #expect(templates.allSatisfy { !$0.isEmpty }, "\(code)")
            // components, not split: split drops an empty first piece, and with it a placeholder that starts the text.
            let placeholders = templates.map { t in Set(t.components(separatedBy: "{").dropFirst().compactMap { $0.split(separator: "}").first.map(String.init) }) }
            #expect(Set(placeholders).count == 1, "\(code): \(placeholders)")
        }
        #expect(CounterMessages.text(.scanDocumentUnreadable) == "Document niet leesbaar, opnieuw scannen.")
    }
}
