import Counter
import Foundation
import IDScan

/// Turns scans into what the counter needs: an identity document read (MRZ lines from a document reader) or a
/// new item whose stolen-goods check starts at once, before or after the seller is captured.
///
/// Scans reach it from the scanners (``handle(_:)``) and from the page's scan field (``handleTyped(_:)``); both
/// publish the same events, so the counter screen has one way of showing them.
actor ScanProcessor {
    let checker: any ItemChecking
    let ledger: DraftLedger
    let events: KioskEvents
    let store: SQLiteRegisterStore
    let clock: @Sendable () -> Date
    private let interpreter = ScanInterpreter()
    private var assemblers: [String: MRZStreamAssembler] = [:]

    init(checker: any ItemChecking, ledger: DraftLedger, events: KioskEvents, store: SQLiteRegisterStore,
         clock: @escaping @Sendable () -> Date) {
        self.checker = checker
        self.ledger = ledger
        self.events = events
        self.store = store
        self.clock = clock
    }

    /// What one scan turned out to be.
    enum Outcome: Sendable {
        case item(DraftItem)
        case document(SellerDocument)
        /// One line of a document that is still being read.
        case partialDocument
    }

    /// A complete scan from a device.
    @discardableResult
    func handle(_ event: ScanEvent) async -> Outcome? {
        guard event.isComplete else { return nil }
        return await process(event.text, source: event.device, at: event.lastByteAt)
    }

    /// A scan typed into (or wedged into) the page's scan field.
    func handleTyped(_ text: String) async -> Outcome {
        await process(text, source: "page", at: ScanClock.now())
    }

    private func process(_ raw: String, source: String, at time: Double) async -> Outcome {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if Self.looksLikeMRZLine(text) {
            await events.publish(KioskEvent(
                type: "scan", payload: ConsoleLine(source: source, kind: "mrz", text: nil, length: text.count),
                audience: ["technician"]))
            var assembler = assemblers[source] ?? MRZStreamAssembler()
            let results = assembler.feed(Array(text.utf8) + [0x0D], at: time)
            assemblers[source] = assembler
            for case .read(let lines) in results {
                let document = readDocument(lines: lines)
                await events.publish(KioskEvent(type: "document", payload: document))
                return .document(document)
            }
            return .partialDocument
        }
        let item = await newItem(scanned: text, source: source)
        return .item(item)
    }

    /// Parses MRZ lines into a document, with the returning seller's last address when the document is known.
    func readDocument(lines: [String]) -> SellerDocument {
        let today = CalendarDate(clock())
        let result = MRZParser.parse(lines: lines, today: (today.year, today.month, today.day))
        var document = SellerDocument(result)
        if let number = document.documentNumber, let country = document.issuingCountry {
            document.returning = returningSeller(documentNumber: number, issuingCountry: country)
        }
        return document
    }

    /// The last address a seller with this document gave, if any.
    nonisolated func returningSeller(documentNumber: String, issuingCountry: String) -> ReturningSeller? {
        guard let entry = try? store.lastEntry(documentNumber: documentNumber, issuingCountry: issuingCountry) else {
            return nil
        }
        return ReturningSeller(address: entry.seller.address, lastEntryNumber: entry.entryNumber, lastVisit: entry.day.iso)
    }

    /// A new item from a barcode scan; its check starts now.
    func newItem(scanned text: String, source: String) async -> DraftItem {
        let scan = interpreter.decode(text)
        await events.publish(KioskEvent(
            type: "scan", payload: ConsoleLine(source: source, kind: scan.kind.rawValue, text: text, length: text.count),
            audience: ["technician"]))
        var item = DraftItem(
            id: SessionStore.randomToken().prefix(16).description, scanned: text, kind: scan.kind.rawValue,
            gtin: scan.gtin, imei: scan.imei, serialNumber: scan.kind == .imei ? nil : scan.serialCandidate,
            checkTerm: scan.serialCandidate, check: nil, checking: false, source: source, created: clock())
        return await startCheck(&item)
    }

    /// Checks a serial typed for an item (new, or one already on the counter).
    func checkTyped(itemID: String?, serial: String, brand: String?) async -> DraftItem {
        let serial = serial.trimmingCharacters(in: .whitespacesAndNewlines)
        var item: DraftItem
        if let itemID, let existing = await ledger.get(itemID) {
            item = existing
        } else {
            item = DraftItem(
                id: SessionStore.randomToken().prefix(16).description, scanned: serial, kind: "typed",
                check: nil, checking: false, source: "page", created: clock())
        }
        item.checkTerm = serial.isEmpty ? nil : serial
        item.dismissedBy = nil
        item.dismissReason = nil
        return await startCheck(&item, brand: brand)
    }

    /// Shows the immediate answer, publishes the item, and runs the final check in the background.
    private func startCheck(_ item: inout DraftItem, brand: String? = nil) async -> DraftItem {
        if let term = item.checkTerm, !term.isEmpty {
            item.check = checker.immediate(serial: term)
            item.checking = item.check?.final != true
            item.checkedAt = clock()
        } else {
            item.check = .nothingToCheck
            item.checking = false
            item.checkedAt = clock()
        }
        await ledger.put(item)
        await events.publish(KioskEvent(type: "item", payload: item))
        if item.checking, let term = item.checkTerm {
            let (id, checker, ledger, events, clock) = (item.id, self.checker, self.ledger, self.events, self.clock)
            Task {
                let result = await checker.check(serial: term, brand: brand)
                let updated = await ledger.update(id) { draft in
                    // A newer typed serial may have replaced the term meanwhile: keep the newer answer.
                    guard draft.checkTerm == term else { return }
                    draft.check = result
                    draft.checking = false
                    draft.checkedAt = clock()
                }
                if let updated, updated.checkTerm == term {
                    await events.publish(KioskEvent(type: "check", payload: updated))
                }
            }
        }
        return item
    }

    /// One line of an MRZ: 30, 36 or 44 characters of A–Z, 0–9 and `<`, with at least one `<`.
    static func looksLikeMRZLine(_ text: String) -> Bool {
        let u = text.uppercased().utf8
        return [30, 36, 44].contains(u.count) && u.contains(UInt8(ascii: "<"))
            && u.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "<") }
    }
}

/// One line of the technician's live scan console. MRZ lines are shown by length only: they hold personal data.
struct ConsoleLine: Sendable, Codable {
    var source: String
    var kind: String
    var text: String?
    var length: Int
}
