import Foundation

/// The machine API's calls (`/v1`), for other shop software with an integration token: the same due diligence
/// as the counter, through a session of the engine, with the integration as the clerk.
///
/// - ``check(identifiers:by:)``: the full check (hotlist, police notices, Stop Heling) of numbers before buying.
/// - ``register(intakeJSON:by:idempotencyKey:)``: an intake as `intake add` takes it; every identifier is
///   checked again, a hit is refused (the owner decides at the counter, never a program).
/// - ``integrationEntry(number:)``, ``integrationSearch(_:)``: entries without their seller (``IntegrationEntry``).
extension CounterEngine {
    /// At most this many numbers in one check.
    public static let maximumIdentifiersPerCheck = 50
    /// The longest number a program may send (characters).
    public static let maximumIdentifierLength = 64

    /// The session an integration's request goes through; its name, `integration NAME`, is what the audit log
    /// shows as the till of the integration's registrations and as the actor of its hits.
    func session(for integration: StaffAccount) throws(CounterError) -> CounterSession {
        try Self.requireLive(integration)
        return detachedSession(name: "integration \(integration.name)")
    }

    /// Only a live integration account acts through these calls.
    static func requireLive(_ integration: StaffAccount) throws(CounterError) {
        guard integration.role == .integration, !integration.disabled else { throw CounterError(.apiTokenRefused) }
    }

    /// The full check of each number, in order; a hit is in the audit log with the integration as its actor.
    ///
    /// Why: a POS asks before it buys; the answer is the one the counter would show at registration, so a source
    /// that did not answer is "not checked", never "clear". A number the counter would refuse (an MRZ line,
    /// control characters) is refused here too and sent nowhere.
    /// - Throws: ``CounterError`` `api.tooManyIdentifiers`, or a scan rule's code (`scan.tooShort`, …).
    public func check(identifiers: [String], by integration: StaffAccount) async throws(CounterError) -> [TillCheck] {
        let session = try session(for: integration)
        guard (1...Self.maximumIdentifiersPerCheck).contains(identifiers.count) else {
            throw CounterError(.apiTooManyIdentifiers, parameters: ["max": String(Self.maximumIdentifiersPerCheck)])
        }
        try Self.refuseUnsafe(identifiers) { "identifiers[\($0)]" }
        return await session.checkForIntegration(identifiers)
    }

    /// Registers an intake given as JSON (docs/intake.md) for an integration, which is written as its clerk.
    ///
    /// The same idempotency key from the same integration returns the same entry; from another integration it
    /// is another key. Reused for a different purchase (other kind, price or numbers) it is refused, so a POS
    /// that reuses keys by mistake does not silently lose a purchase.
    /// - Throws: ``IntakeError`` (a field), ``CounterError`` (`till.hitAtRegistration`, a scan rule's code,
    ///   `api.idempotencyKeyReused`, `api.ownerOnly` for an owner's override or a correction), ``IntakeError`` (`intake.photoNotStored` for a photo
    ///   not sent with ``storePhoto(_:by:)`` first), ``RegisterStoreError``; nothing is written then.
    public func register(intakeJSON: Data, by integration: StaffAccount, idempotencyKey: String) async throws -> RegisteredEntry {
        let session = try session(for: integration)
        var intake = try parts.store.settings.validator.decode(Self.withClerk(intakeJSON, integration.name))
        intake.clerk = integration.name
        // An owner's permission (a minor, an expired document) and a correction need the owner's PIN at the counter;
        // a program cannot bring them along.
        if intake.override != nil { throw CounterError(.apiOwnerOnly, parameters: ["field": "override"], field: "override") }
        if intake.corrects != nil { throw CounterError(.apiOwnerOnly, parameters: ["field": "corrects"], field: "corrects") }
        for (index, item) in intake.items.enumerated() {
            try Self.refuseUnsafe(ItemIdentifiers.of(item)) { _ in "items[\(index)]" }
        }
        let key = "v1/\(integration.name)/\(idempotencyKey)"
        if let earlier = try await parts.store.entry(idempotencyKey: key), !Self.samePurchase(earlier, intake) {
            throw CounterError(.apiIdempotencyKeyReused, parameters: ["entry": String(earlier.entryNumber)])
        }
        await session.checkNow(intake.items)
        let registered = try await session.register(CounterDraft(intake: intake), idempotencyKey: key)
        // The look above runs outside the registration's transaction: two requests with one key for two purchases
        // can both pass it, and the store then answers the second with the first's entry. Whatever the store
        // answered for this key, a replay of another purchase is refused (the second purchase is not lost unseen).
        if registered.replayed, let earlier = try await parts.store.entry(number: registered.entryNumber),
           !Self.samePurchase(earlier, intake) {
            throw CounterError(.apiIdempotencyKeyReused, parameters: ["entry": String(earlier.entryNumber)])
        }
        return registered
    }

    /// Stores a photo of an item for an integration's intake (a JPEG, PNG or WebP, by the same rule and day quota as
    /// the counter's), in the archive the counter uses; the reference it returns goes in the intake's `photos`.
    /// The photo proves nothing until an intake names it: then `StoredPhotos` finds it, byte for byte.
    /// - Throws: ``CounterError`` `api.photosNotAccepted` when this engine keeps no photos; the archive's refusal
    ///   (not an image, too large, the day's quota, the disk).
    public func storePhoto(_ data: Data, by integration: StaffAccount) async throws -> PhotoReference {
        try Self.requireLive(integration)
        guard let archive = parts.photoArchive else { throw CounterError(.apiPhotosNotAccepted) }
        return try await archive.store(data, day: CalendarDate(parts.clock()))
    }

    /// An entry without its seller, or nil.
    public func integrationEntry(number: Int) async throws -> IntegrationEntry? {
        guard let entry = try await parts.store.entry(number: number) else { return nil }
        let checks = try await parts.store.latestChecks(entryNumbers: [number])
        return IntegrationEntry(entry, checks: checks)
    }

    /// The entries an integration's search finds, newest first, without their sellers.
    /// - Throws: ``CounterError`` `api.searchCriterion` for a search by seller or document number (personal
    ///   data is not searched from outside); ``RegisterQueryError``.
    public func integrationSearch(_ query: RegisterSearch) async throws -> (entries: [IntegrationEntry], more: Bool) {
        guard query.seller == nil, query.documentNumber == nil else { throw CounterError(.apiSearchCriterion) }
        let result = try await parts.store.search(query)
        let numbers = result.hits.map(\.row.entryNumber)
        let checks = try await parts.store.latestChecks(entryNumbers: numbers)
        var entries: [IntegrationEntry] = []
        for number in numbers {
            if let entry = try await parts.store.entry(number: number) { entries.append(IntegrationEntry(entry, checks: checks)) }
        }
        return (entries, result.more)
    }

    /// The counter's rule for typed numbers (`ScanSafety/refusal(forTyped:)`), applied to numbers from a program:
    /// the scan rule's own code and words, with the field that holds the number (`identifiers[2]`, `items[0]`).
    static func refuseUnsafe(_ identifiers: [String], field: (Int) -> String) throws(CounterError) {
        for (index, identifier) in identifiers.enumerated() {
            if let refusal = ScanSafety.refusal(forTyped: identifier) {
                throw CounterError(refusal.messageCode, field: field(index))
            }
            // Counted in characters too, as the API's schema does ("©ö" is 4 bytes but no serial number); no
            // serial, IMEI or frame number is longer than 64 (a scan may be: a GS1 payload holds more).
            if identifier.count < ScanSafety.minimumLength {
                throw CounterError(ScanRefusal(.tooShort, length: identifier.utf8.count).messageCode, field: field(index))
            }
            if identifier.count > Self.maximumIdentifierLength {
                throw CounterError(ScanRefusal(.tooLong, length: identifier.utf8.count).messageCode, field: field(index))
            }
        }
    }

    /// The intake JSON with `clerk` set, so an integration need not send one (it is always the integration).
    static func withClerk(_ data: Data, _ clerk: String) -> Data {
        guard var object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              let patched = try? JSONSerialization.data(withJSONObject: { object["clerk"] = clerk; return object }())
        else { return data }
        return patched
    }

    /// Whether a stored entry is the purchase an intake describes (a retry), compared on what a mistaken key reuse
    /// would change: kind, price, and the items' numbers and prices.
    static func samePurchase(_ entry: RegisterEntry, _ intake: Intake) -> Bool {
        func goods(_ items: [RegisterItem]) -> [[String]] {
            items.map { ItemIdentifiers.of($0).map(SerialKey.exact) + [String($0.priceCents ?? -1), $0.category.rawValue] }
        }
        return entry.kind == intake.kind && entry.priceCents == intake.priceCents && goods(entry.items) == goods(intake.items)
    }
}

extension CounterSession {
    /// The full check of each number now, as at registration; hits are written to the audit log.
    func checkForIntegration(_ identifiers: [String]) async -> [TillCheck] {
        for identifier in identifiers { await checkNow(identifier: identifier) }
        let checks = identifiers.map { resolvedCheck($0, atRegistration: true) }
        for check in checks where check.status == .hit {
            try? await dependencies.staff.audit.record(
                .hitRaised, actor: till, subject: check.term, detail: check.matchSummary + " (checked by the integration)", at: now())
        }
        return checks
    }
}
