import Foundation
import IDScan

/// One till of the shop: its seller, the items on the counter, their checks, the open hit, its events.
///
/// Every way of registering goes through a session — the kiosk's counter page, `intake add`,
/// `run --headless` and other shop software — so the due-diligence rules below hold for all of them:
///
/// - every scan goes through the till's `ScanRouter` (document readers never make items; MRZ lines, BSNs
///   and junk are refused: `ScanSafety`);
/// - an identifier typed or edited is checked when it changes (``edit(_:_:)``), and every identifier of the
///   items as they will be stored is checked again at registration (``register(_:idempotencyKey:)``);
/// - a hit takes the till until the owner decides (``decide(itemID:outcome:owner:reason:policeReference:)``);
///   removing it or starting a new customer needs the owner too, and every hit is in the audit log;
/// - the entry, its check records, its audit events, its police flags and its upload job are one transaction,
///   and the idempotency key makes a retry return the same entry.
public actor CounterSession {
    /// What a session needs from the engine.
    package struct Dependencies: Sendable {
        /// The register's storage: the data folder's SQLite file, or the branch's PostgreSQL database.
        package var store: any RegisterStorage
        /// Accounts (owner PINs) and the audit log of the shop's real register.
        package var staff: StaffDirectory
        package var checker: StolenGoodsChecker
        package var training: Bool
        package var clock: @Sendable () -> Date
        /// Where the owner's pages learn of each registration (their day log refreshes).
        package var ownerEvents: EventHub?
        /// Document chips (issue 17); nil: no till reads chips.
        package var chip: ChipAccess?
        /// The shop's photo archive: an intake's photos must be in it (`StoredPhotos`).
        package var photos: (any PhotoArchive)?

        package init(store: any RegisterStorage, staff: StaffDirectory, checker: StolenGoodsChecker,
                    training: Bool = false, clock: @escaping @Sendable () -> Date = { Date() }, ownerEvents: EventHub? = nil) {
            self.ownerEvents = ownerEvents
            self.store = store
            self.staff = staff
            self.checker = checker
            self.training = training
            self.clock = clock
        }
    }

    /// What one scan became, as the caller shows it.
    public enum ScanOutcome: Sendable, Hashable {
        case item(TillItem)
        case document(SellerDocument)
        case reading
        case refused(TillRefusal)
    }

    /// The till's name (`kassa-1`).
    public nonisolated let till: String
    let dependencies: Dependencies
    private var router = ScanRouter()
    var seller: SellerDocument?
    private var items: [TillItem] = []
    /// Final answers of the full check (hotlist and remote), by exact key.
    private var finalChecks: [String: TillCheck] = [:]
    private var inFlight: Set<String> = []
    /// The owner's decisions on hits, by the exact key of the identifier that matched.
    private var decisions: [String: HitDecision] = [:]
    /// Hits already in the audit log (item id + key), so each is recorded once.
    private var auditedHits: Set<String> = []
    private var approvals: [String: OwnerApproval] = [:]
    /// What the clerk filled in for this customer (``TillDraft``): in memory only.
    private var draft = TillDraft()
    private let hub = EventHub()
    private var pendingChecks: [Task<Void, Never>] = []
    /// One registration at a time at this till: the register's write is awaited (a database round trip), and a
    /// second page of the till must not register the same customer meanwhile.
    private let registrations = KeyedSerialRunner()
    /// This till's PC/SC reader (``TillConfiguration/chipReader``).
    public nonisolated let chipReader: String?
    /// The current document's chip check and the owner's decision on it (``CounterSession+Chip``).
    var chip: ChipDocument?
    var chipDecision: (owner: String, reason: String)?
    /// The document number and state whose scanned MRZ opened the chip.
    var chipKey: (number: String?, state: String?)?
    /// The scanned MRZ of the current document (BSN removed), the chip's access key.
    var printedMRZ: MRZResult?

    package init(till: String, dependencies: Dependencies, chipReader: String? = nil) {
        self.till = till
        self.dependencies = dependencies
        self.chipReader = chipReader
    }

    var store: any RegisterStorage { dependencies.store }
    var checker: StolenGoodsChecker { dependencies.checker }
    func now() -> Date { dependencies.clock() }

    // MARK: - Scans

    /// Routes one scan from a device, the page's scan field, or an embedder.
    @discardableResult
    public func scan(_ bytes: [UInt8], from origin: ScanOrigin, at time: Double = ScanClock.now()) async -> [ScanOutcome] {
        var outcomes: [ScanOutcome] = []
        for routed in router.route(bytes, from: origin, at: time) { outcomes.append(await handle(routed, origin: origin)) }
        return outcomes
    }

    /// Gives up half document reads that timed out (the engine calls this a few times a second).
    public func tick(at time: Double = ScanClock.now()) async {
        for routed in router.flush(at: time) { _ = await handle(routed, origin: ScanOrigin(device: "reader", kind: .documentReader)) }
    }

    private func handle(_ routed: ScanRouter.Routed, origin: ScanOrigin) async -> ScanOutcome {
        switch routed {
        case .item(let scan, let text):
            var item = TillItem(
                id: Self.newID(), scanned: text, kind: scan.kind.rawValue, gtin: scan.gtin, imei: scan.imei,
                serialNumber: scan.kind == .imei ? nil : scan.serialCandidate, frameNumber: nil,
                check: .nothingToCheck, checking: false, checkedAt: nil, duplicate: false, source: origin.device,
                decision: nil, created: now())
            if scan.kind == .gtin { item.serialNumber = nil }
            items.append(item)
            return .item(refresh(item.id) ?? item)
        case .document(let lines):
            return .document(await readDocument(lines: lines))
        case .reading:
            publish(.reading, ["source": origin.device])
            return .reading
        case .refused(let refusal):
            let shown = TillRefusal(refusal, source: origin.device)
            publish(.refused, shown)
            return .refused(shown)
        }
    }

    /// Parses MRZ lines into the seller's document (with a returning seller's last address) and shows it.
    @discardableResult
    public func readDocument(lines: [String]) async -> SellerDocument {
        let today = CalendarDate(now())
        let result = MRZParser.parse(lines: lines, today: (today.year, today.month, today.day))
        var document = SellerDocument(result)
        printedMRZ = result.isValid ? result : nil
        if let number = document.documentNumber, let country = document.issuingCountry {
            document.returning = await returningSeller(documentNumber: number, issuingCountry: country)
        }
        seller = document
        // Another document: the last one's chip check no longer applies. The same document scanned again keeps it
        // (a rescan must not wipe a chip that differs from its print).
        let sameDocument = chipKey.map { $0.number == document.documentNumber && $0.state == document.issuingCountry } ?? false
        if !sameDocument { (chip, chipDecision, chipKey) = (nil, nil, nil) }
        if document.valid {
            draft.fill(from: document)
            publish(.draft, draft)
        }
        publish(.document, document)
        // The page drops the chip on a new document; a kept one is sent again.
        if let view = chipView() { publish(.chip, view) }
        return document
    }

    /// The last address a seller with this document gave, if any.
    public nonisolated func returningSeller(documentNumber: String, issuingCountry: String) async -> ReturningSeller? {
        guard let entry = try? await dependencies.store.lastEntry(documentNumber: documentNumber, issuingCountry: issuingCountry),
              let seller = entry.seller
        else { return nil }
        return ReturningSeller(address: seller.address, lastEntryNumber: entry.entryNumber, lastVisit: entry.day.iso)
    }

    /// A new item with identifiers typed by hand; they are checked at once.
    public func addTyped(_ edit: ItemEdit) throws(ScanRefusal) -> TillItem {
        try Self.refuseUnsafe(edit)
        let item = TillItem(
            id: Self.newID(), scanned: nil, kind: "typed", gtin: nil, imei: edit.imei, serialNumber: edit.serialNumber,
            frameNumber: edit.frameNumber, check: .nothingToCheck, checking: false, checkedAt: nil, duplicate: false,
            source: "page", decision: nil, created: now())
        items.append(item)
        return refresh(item.id) ?? item
    }

    /// The clerk typed or corrected an item's identifiers: they are checked now, and a decision on an
    /// earlier hit no longer applies to the changed item.
    public func edit(_ itemID: String, _ edit: ItemEdit) throws -> TillItem {
        guard let index = items.firstIndex(where: { $0.id == itemID }) else { throw CounterError(.itemNotFound) }
        try Self.refuseUnsafe(edit)
        let before = Set(items[index].identifiers.map(SerialKey.exact))
        items[index].imei = edit.imei
        items[index].serialNumber = edit.serialNumber
        items[index].frameNumber = edit.frameNumber
        if Set(items[index].identifiers.map(SerialKey.exact)) != before { items[index].decision = nil }
        return refresh(itemID) ?? items[index]
    }

    static func refuseUnsafe(_ edit: ItemEdit) throws(ScanRefusal) {
        for value in [edit.imei, edit.serialNumber, edit.frameNumber].compactMap({ $0 }) where !value.isEmpty {
            if let refusal = ScanSafety.refusal(forTyped: value), refusal.reason == .documentUnreadable || refusal.reason == .controlCharacters || refusal.reason == .tooLong {
                throw refusal
            }
        }
    }

    // MARK: - Checks

    /// Recomputes an item's check from its identifiers, starts the slow checks it still needs, notes the
    /// duplicates and an open hit, and tells the pages.
    @discardableResult
    private func refresh(_ itemID: String) -> TillItem? {
        guard let index = items.firstIndex(where: { $0.id == itemID }) else { return nil }
        let ids = items[index].identifiers
        let checks = ids.map { resolvedCheck($0, atRegistration: false) }
        items[index].check = ids.isEmpty ? .nothingToCheck : TillCheck.worst(checks)
        items[index].checking = !items[index].check.final
        items[index].checkedAt = now()
        for id in ids where !(finalChecks[SerialKey.exact(id)] != nil) && checker.remote != nil {
            startFullCheck(id)
        }
        markDuplicates()
        let item = items[index]
        // A new hit goes out before the item: the page shows the warning on the first message it gets.
        let newHit = announceHit(item)
        publish(.item, item)
        if newHit { auditHit(item) }
        return item
    }

    /// The check of one identifier as it can be answered now.
    ///
    /// Why: a hit on the local list is final at once; the remote result is used when it has arrived; at
    /// registration a missing remote answer is "not checked: remote did not answer", never "clear".
    public func resolvedCheck(_ identifier: String, atRegistration: Bool) -> TillCheck {
        let key = SerialKey.exact(identifier)
        let quick = checker.quickCheck(serial: identifier)
        if case .hit = quick { return TillCheck(quick, final: true, term: identifier) }
        if var full = finalChecks[key] {
            // The list may have changed since the full check: a newer local match still counts.
            if quick.status.severity > full.status.severity, quick.status == .possibleMatch {
                full = TillCheck(quick, final: true, term: identifier)
            }
            return full
        }
        guard checker.remote != nil else { return TillCheck(quick, final: true, term: identifier) }
        if case .notChecked(.awaitingRemote) = quick, atRegistration {
            return TillCheck(.notChecked(.remoteNotAnswered), final: true, term: identifier)
        }
        return TillCheck(quick, final: atRegistration, term: identifier)
    }

    private func startFullCheck(_ identifier: String) {
        let key = SerialKey.exact(identifier)
        guard inFlight.insert(key).inserted else { return }
        let checker = self.checker
        pendingChecks.append(Task {
            let result = await checker.check(serial: identifier)
            self.fullCheckDone(key: key, TillCheck(result, final: true, term: identifier))
        })
    }

    private func fullCheckDone(key: String, _ check: TillCheck) {
        inFlight.remove(key)
        finalChecks[key] = check
        for item in items where item.identifiers.contains(where: { SerialKey.exact($0) == key }) { refresh(item.id) }
    }

    /// Waits until every slow check started so far has answered (tests, and `intake add` before it registers).
    public func settle() async {
        while !pendingChecks.isEmpty {
            let tasks = pendingChecks
            pendingChecks = []
            for task in tasks { await task.value }
        }
    }

    private func markDuplicates() {
        var counts: [String: Int] = [:]
        for item in items { for key in Set(item.identifiers.map(SerialKey.exact)) { counts[key, default: 0] += 1 } }
        for i in items.indices {
            items[i].duplicate = items[i].identifiers.contains { counts[SerialKey.exact($0), default: 0] > 1 }
        }
    }

    /// Shows a new hit full screen; true when it had not been shown (and audited) for this item yet.
    private func announceHit(_ item: TillItem) -> Bool {
        guard item.isOpenHit, let term = item.check.term else { return false }
        guard auditedHits.insert(item.id + "|" + SerialKey.exact(term)).inserted else { return false }
        if let hit = openHit { publish(.hit, hit) }
        return true
    }

    /// Records a hit in the audit log, whether or not anyone decides on it. After the events, and on its own:
    /// the audit row is an fsync (or a round trip to the database), and the clerk must not wait for it to see
    /// the warning. ``settle()`` waits for it.
    private func auditHit(_ item: TillItem) {
        let (audit, actor, subject, at) = (dependencies.staff.audit, till, Self.auditSubject(item.identifiers), now())
        let detail = item.check.matchSummary + (dependencies.training ? " (training)" : "")
        pendingChecks.append(Task { try? await audit.record(.hitRaised, actor: actor, subject: subject, detail: detail, at: at) })
    }

    /// The hit that holds the till: the first item with a hit no owner has decided on.
    public var openHit: TillHit? {
        guard let item = items.first(where: \.isOpenHit) else { return nil }
        return TillHit(itemID: item.id, identifier: item.check.term ?? "", records: item.check.records,
                       raisedAt: item.checkedAt ?? item.created)
    }

    // MARK: - The owner

    /// An item at the counter as the audit log names it: by the number scanned (the till's own item id means
    /// nothing to an owner reading the log; issue 14).
    static func auditSubject(_ identifiers: [String]) -> String {
        "number \(identifiers.first ?? "?")"
    }

    /// Checks the owner's PIN in the PIN-hashing pool (slow on purpose), not on the till's thread.
    func verifyOwner(_ owner: OwnerAuthorization, purpose: String) async throws -> StaffAccount {
        try await dependencies.staff.verify(name: owner.name, pin: owner.pin, requiring: .owner, purpose: purpose, at: now())
    }

    static func requireReason(_ reason: String) throws -> String {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count >= 3 else { throw CounterError(.reasonRequired) }
        return String(reason.prefix(300))
    }

    /// The owner decides on the hit of an item. "Not bought" removes the item from the counter; "bought on
    /// police instruction" keeps it, and registering it opens a police flag (art. 437 (e) Sr).
    @discardableResult
    public func decide(itemID: String, outcome: HitDecision.Outcome, owner: OwnerAuthorization, reason: String,
                       policeReference: String? = nil) async throws -> HitDecision {
        guard let found = items.first(where: { $0.id == itemID }), found.check.status == .hit else {
            throw CounterError(.noOpenHit)
        }
        let decision = try await makeDecision(outcome, owner: owner, reason: reason, policeReference: policeReference,
                                              subject: Self.auditSubject(found.identifiers), identifiers: found.identifiers)
        // The PIN check awaited: the item may have changed meanwhile (another page of this till).
        guard let index = items.firstIndex(where: { $0.id == itemID }) else { throw CounterError(.noOpenHit) }
        if outcome.keepsItem {
            items[index].decision = decision
            publish(.item, items[index])
        } else {
            items.remove(at: index)
            publish(.itemRemoved, ["id": itemID])
        }
        publish(.hitClosed, ["id": itemID, "outcome": outcome.rawValue])
        if let hit = openHit { publish(.hit, hit) }
        return decision
    }

    /// The owner decides on a hit for an identifier that is not on the counter (an intake from the CLI or
    /// from other shop software).
    @discardableResult
    public func decide(identifier: String, outcome: HitDecision.Outcome, owner: OwnerAuthorization, reason: String,
                       policeReference: String? = nil) async throws -> HitDecision {
        try await makeDecision(outcome, owner: owner, reason: reason, policeReference: policeReference,
                         subject: "identifier", identifiers: [identifier])
    }

    private func makeDecision(_ outcome: HitDecision.Outcome, owner: OwnerAuthorization, reason: String,
                              policeReference: String?, subject: String, identifiers: [String]) async throws -> HitDecision {
        let reason = try Self.requireReason(reason)
        let reference = policeReference?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        if outcome == .boughtOnPoliceInstruction && reference == nil { throw CounterError(.policeReferenceRequired) }
        let account = try await verifyOwner(owner, purpose: "hit decision")
        let decision = HitDecision(outcome: outcome, owner: account.name, reason: reason, policeReference: reference, at: now())
        for id in identifiers { decisions[SerialKey.exact(id)] = decision }
        try await dependencies.staff.audit.record(
            .hitDecided, actor: account.name, subject: subject,
            detail: "\(till): \(identifiers.joined(separator: ", ")) — \(decision.summary)", at: now())
        return decision
    }

    /// Removes an item from the counter. An item with an open hit needs the owner (it is then "not bought");
    /// a refused attempt is in the audit log too.
    public func removeItem(_ itemID: String, owner: OwnerAuthorization? = nil, reason: String? = nil) async throws {
        guard let index = items.firstIndex(where: { $0.id == itemID }) else { throw CounterError(.itemNotFound) }
        if items[index].isOpenHit {
            try await closeHitByOwner(items[index], owner: owner, reason: reason, purpose: "remove")
            return
        }
        items.remove(at: index)
        draft.items[itemID] = nil
        markDuplicates()
        publish(.itemRemoved, ["id": itemID])
    }

    private func closeHitByOwner(_ item: TillItem, owner: OwnerAuthorization?, reason: String?, purpose: String) async throws {
        guard let owner else {
            try? await dependencies.staff.audit.record(
                .hitOverrideRefused, actor: till, subject: Self.auditSubject(item.identifiers),
                detail: "\(purpose) without the owner refused", at: now())
            throw CounterError(.ownerRequired)
        }
        try await decide(itemID: item.id, outcome: .notBought, owner: owner, reason: reason ?? "")
    }

    /// Starts the next customer: the seller, the items and the approvals go. An open hit needs the owner
    /// (its items count as not bought).
    public func newCustomer(owner: OwnerAuthorization? = nil, reason: String? = nil) async throws {
        while let hit = openHit, let item = items.first(where: { $0.id == hit.itemID }) {
            try await closeHitByOwner(item, owner: owner, reason: reason, purpose: "new customer")
        }
        clear()
    }

    /// Starts the next customer after a registration, keeping what arrived while it was being written: items
    /// not among `registered`, and a document read since (`registeredSeller` is the one registered).
    /// Their checks, the owner's decisions on them and their audited hits stay too, so nothing is checked,
    /// shown or audited twice.
    private func clear(keepingAllBut registered: Set<String>, seller registeredSeller: SellerDocument?) {
        let newer = items.filter { !registered.contains($0.id) }
        let newerSeller = seller != registeredSeller ? seller : nil
        let newerIDs = Set(newer.map(\.id))
        let newerKeys = Set(newer.flatMap { $0.identifiers.map(SerialKey.exact) })
        let kept = (fields: draft.items.filter { newerIDs.contains($0.key) },
                    checks: finalChecks.filter { newerKeys.contains($0.key) },
                    decisions: decisions.filter { newerKeys.contains($0.key) },
                    audited: auditedHits.filter { newerIDs.contains(String($0.prefix { $0 != "|" })) })
        clear()
        guard !newer.isEmpty || newerSeller != nil else { return }
        items = newer
        seller = newerSeller
        (draft.items, finalChecks, decisions, auditedHits) = kept
        if let newerSeller, newerSeller.valid { draft.fill(from: newerSeller) }
        markDuplicates()
        for item in newer { _ = refresh(item.id) }
        if let newerSeller { publish(.document, newerSeller) }
        publish(.draft, draft)
    }

    private func clear() {
        seller = nil
        printedMRZ = nil
        (chip, chipDecision, chipKey) = (nil, nil, nil)
        items = []
        finalChecks = [:]
        decisions = [:]
        approvals = [:]
        auditedHits = []
        draft = TillDraft()
        publish(.cleared, ["till": till])
    }

    /// An owner allows one intake of something the register otherwise refuses; returns the approval's id.
    public func approve(_ kind: OwnerApproval.Kind, owner: OwnerAuthorization, reason: String) async throws -> String {
        let reason = try Self.requireReason(reason)
        let account = try await verifyOwner(owner, purpose: "approve \(kind.rawValue)")
        let id = Self.newID()
        approvals[id] = OwnerApproval(kind: kind, owner: account.name, reason: reason, at: now())
        return id
    }

    // MARK: - Registering

    /// Registers an intake: checks every identifier of its items as they will be stored, refuses an open
    /// hit, and writes the entry with its checks, audit events, police flags and upload job in one
    /// transaction. The same `idempotencyKey` again returns the same entry, never a second one.
    ///
    /// - Throws: ``CounterError`` (`till.hitOpen`, `till.hitAtRegistration`), ``IntakeError`` (a field),
    ///   ``RegisterStoreError`` (the disk); nothing is written then.
    public func register(_ draft: CounterDraft, idempotencyKey: String) async throws -> RegisteredEntry {
        try await registrations.run(key: till) { try await self.registerAlone(draft, idempotencyKey: idempotencyKey) }
    }

    private func registerAlone(_ draft: CounterDraft, idempotencyKey: String) async throws -> RegisteredEntry {
        if let earlier = try await store.entry(idempotencyKey: idempotencyKey) { return try await answer(earlier, replayed: true) }
        if openHit != nil { throw CounterError(.hitOpen) }
        // Checked in the form they will be stored in (NFC, no control characters).
        var intake = try TextRule.clean(draft.intake)
        let approval = draft.approvalID.flatMap { approvals[$0] }
        if let approval { intake.override = OwnerOverride(owner: approval.owner, reason: approval.reason) }
        intake.chipCheck = try chipRecord(for: intake.seller.document)
        try await StoredPhotos.require(intake, in: dependencies.photos)
        let date = now()
        var records = RegistrationRecords()
        for (index, item) in intake.items.enumerated() {
            let ids = ItemIdentifiers.of(item)
            let check = ids.isEmpty ? TillCheck.nothingToCheck
                : TillCheck.worst(ids.map { resolvedCheck($0, atRegistration: true) })
            var decisionText: String?
            if check.status == .hit {
                let decision = ids.lazy.compactMap { self.decisions[SerialKey.exact($0)] }.first
                guard let decision, decision.outcome == .boughtOnPoliceInstruction else {
                    surfaceHit(item, check: check)
                    throw CounterError(.hitAtRegistration, parameters: ["identifier": check.term ?? ""])
                }
                decisionText = decision.summary
                records.policeFlags[index] = "\(HitDecision.Outcome.boughtOnPoliceInstruction.dutchName): "
                    + "\(decision.policeReference ?? "") — \(decision.owner): \(decision.reason)"
                records.audit.append(AuditRecord(
                    .hitDecided, actor: decision.owner, subject: "entry {entry}",
                    detail: "item \(index + 1) bought on police instruction \(decision.policeReference ?? ""); police flag opened"))
            }
            records.checks[index] = check.itemCheck(itemID: "", at: date, decision: decisionText)
        }
        records.audit.append(AuditRecord(
            .intakeRegistered, actor: intake.clerk, subject: "entry {entry}",
            detail: "\(till)\(dependencies.training ? ", training" : "")"))
        if let approval {
            records.audit.append(AuditRecord(
                .sellerOverride, actor: approval.owner, subject: "entry {entry}",
                detail: "\(approval.kind.rawValue): \(approval.reason)"))
        }
        if let check = intake.chipCheck, let owner = check.owner {
            records.audit.append(AuditRecord(
                .chipOverride, actor: owner, subject: "entry {entry}", detail: "\(check.verdict.rawValue): \(check.reason ?? "")"))
        }
        // What is on the counter now is what this registration takes; a scan that arrives during the write belongs
        // to the next customer and stays (``clear(keepingAllBut:seller:)``).
        let (registeredItems, registeredSeller) = (Set(items.map(\.id)), seller)
        let (entry, replayed) = try await store.register(intake, at: date, idempotencyKey: idempotencyKey, records: records)
        if let id = draft.approvalID { approvals[id] = nil }
        let result = RegisteredEntry(
            entryNumber: entry.entryNumber, itemIDs: entry.items.indices.map(entry.itemID),
            holdUntil: entry.items.first?.holdUntil?.iso, replayed: replayed,
            checks: entry.items.indices.map { records.checks[$0]?.status ?? .notChecked })
        publish(.registered, result)
        dependencies.ownerEvents?.publish(CounterEvent(.registered, result))
        clear(keepingAllBut: registeredItems, seller: registeredSeller)
        return result
    }

    private func answer(_ entry: RegisterEntry, replayed: Bool) async throws -> RegisteredEntry {
        let checks = try await store.latestChecks(entryNumbers: [entry.entryNumber])
        return RegisteredEntry(
            entryNumber: entry.entryNumber, itemIDs: entry.items.indices.map(entry.itemID),
            holdUntil: entry.items.first?.holdUntil?.iso, replayed: replayed,
            checks: entry.items.indices.map { checks[entry.itemID($0)]?.status ?? .notChecked })
    }

    /// A hit found only at registration (an edited or typed identifier the page never sent for a check)
    /// is put on the counter, so the warning shows and the owner must decide.
    private func surfaceHit(_ item: RegisterItem, check: TillCheck) {
        let keys = Set(ItemIdentifiers.of(item).map(SerialKey.exact))
        if let existing = items.first(where: { !Set($0.identifiers.map(SerialKey.exact)).isDisjoint(with: keys) }) {
            if let index = items.firstIndex(where: { $0.id == existing.id }) { items[index].decision = nil }
            refresh(existing.id)
            return
        }
        let added = TillItem(
            id: Self.newID(), scanned: nil, kind: "typed", gtin: item.gtin, imei: item.imei,
            serialNumber: item.serialNumber, frameNumber: item.frameNumber, check: check, checking: false,
            checkedAt: now(), duplicate: false, source: "intake", decision: nil, created: now())
        items.append(added)
        refresh(added.id)
    }

    // MARK: - The draft

    /// The clerk changed fields of the customer's draft; every page of this till gets the new draft, and the
    /// answer says what does not read and what the register still needs (``DraftReview``).
    public func updateDraft(_ patch: TillDraftPatch, clerk: String) async -> DraftReview {
        draft.apply(patch, itemIDs: Set(items.map(\.id)))
        publish(.draft, draft)
        return await review(clerk: clerk)
    }

    /// The draft as the register would read it now.
    public func review(clerk: String) async -> DraftReview {
        var next: DraftReview.Problem?
        do {
            let reading = try draft.reading(clerk: clerk, items: items)
            do {
                _ = try store.settings.admit(reading.intake, at: now())
                next = reading.missing.first.map(Self.problem)
            } catch {
                next = Self.problem(error)
            }
        } catch {
            next = Self.problem(error)
        }
        let values = await metalValues()
        return DraftReview(draft: draft, problems: draft.unreadable(items: items), next: next,
                           totalCents: draft.totalCents(items: items), metalValues: values)
    }

    /// The metal value of each jewellery or precious-metal item on the counter, at the owner's day prices.
    func metalValues() async -> [String: MetalValue] {
        let candidates = items.filter { draft.category(of: $0).needsJewelleryDetails }
        guard !candidates.isEmpty, let prices = try? await store.metalPrices(), !prices.isEmpty else { return [:] }
        var values: [String: MetalValue] = [:]
        for item in candidates {
            let fields = draft.items[item.id] ?? TillDraft.Item()
            let weight = (try? ShopFormat.milligrams(fields[.weight])) ?? nil
            values[item.id] = MetalValue.of(material: fields[.material], fineness: fields[.fineness], weightMilligrams: weight,
                                            prices: prices, today: CalendarDate(now()))
        }
        return values
    }

    static func problem(_ error: IntakeError) -> DraftReview.Problem {
        DraftReview.Problem(field: error.field ?? "", message: WordedMessage(
            code: "intake.\(error.field ?? "")", message: IntakeError.wording(error, .nl), messageEN: IntakeError.wording(error, .en)))
    }

    /// Registers the till's draft with its items, as ``register(_:idempotencyKey:)`` does: the identifiers
    /// are the till's (checked as they changed, and again now), the entry's price the sum of the item prices.
    public func registerDraft(clerk: String, approvalID: String?, idempotencyKey: String) async throws -> RegisteredEntry {
        try await registrations.run(key: till) {
            try await self.registerDraftAlone(clerk: clerk, approvalID: approvalID, idempotencyKey: idempotencyKey)
        }
    }

    private func registerDraftAlone(clerk: String, approvalID: String?, idempotencyKey: String) async throws -> RegisteredEntry {
        if let earlier = try await store.entry(idempotencyKey: idempotencyKey) { return try await answer(earlier, replayed: true) }
        let reading = try draft.reading(clerk: clerk, items: items)
        let intake = reading.intake
        // The validator's refusals first, in form order, then what the draft could only stand in for.
        var approved = intake
        if let approval = approvalID.flatMap({ approvals[$0] }) {
            approved.override = OwnerOverride(owner: approval.owner, reason: approval.reason)
        }
        _ = try store.settings.admit(approved, at: now())
        if let first = reading.missing.first { throw first }
        return try await registerAlone(CounterDraft(intake: intake, approvalID: approvalID), idempotencyKey: idempotencyKey)
    }

    // MARK: - Pages

    /// What a page of this till shows after (re)connecting.
    public func snapshot() -> TillSnapshot {
        TillSnapshot(till: till, seller: seller, items: items, openHit: openHit, hotlist: hotlistStatus(), draft: draft,
                     chip: chipView())
    }

    /// How old the local list is.
    public nonisolated func hotlistStatus() -> HotlistStatus {
        let checker = dependencies.checker
        guard let list = checker.hotlist else {
            return HotlistStatus(loaded: false, rows: 0, createdAt: nil, ageHours: nil, tooOld: false)
        }
        let age = dependencies.clock().timeIntervalSince(list.createdAt)
        return HotlistStatus(loaded: true, rows: list.rowCount, createdAt: list.createdAt, ageHours: (age / 360).rounded() / 10,
                             tooOld: checker.isTooOld(list))
    }

    /// The till's events, until the caller stops iterating. Slow readers keep the newest 256.
    public nonisolated func events() -> AsyncStream<CounterEvent> { hub.subscribe() }

    /// Ends every page's stream (shutdown).
    public nonisolated func finishEvents() { hub.finish() }

    func publish(_ kind: CounterEvent.Kind, _ payload: some Encodable) {
        guard hub.subscriberCount > 0 else { return }
        hub.publish(CounterEvent(kind, payload))
    }

    static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<8).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

extension CounterSession {
    /// Runs the full check (hotlist and remote service) of every identifier of these items now and waits
    /// for the answers, so a registration from the CLI or an embedder uses them.
    public func checkNow(_ items: [RegisterItem]) async {
        for item in items { for id in ItemIdentifiers.of(item) { await checkNow(identifier: id) } }
    }

    func checkNow(identifier: String) async {
        let key = SerialKey.exact(identifier)
        guard finalChecks[key] == nil else { return }
        let result = await checker.check(serial: identifier)
        finalChecks[key] = TillCheck(result, final: true, term: identifier)
    }
}
