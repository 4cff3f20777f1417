import Foundation

extension CounterEngine {
    /// Registers a correction of entry `number`: a new entry that names the entry it corrects, with the owner's
    /// PIN and a reason, audited. The register itself is never changed (art. 437 Sr asks for a register kept
    /// "in the order of acquisition"; a corrected fact is a new line, the old one stays as written), and the
    /// DOR upload sends the correction as such (``UploadOutbox/Kind/correction``).
    ///
    /// Only the newest entry of a correction chain can be corrected, so the chain stays one line of entries.
    /// The corrected items are checked against stolen goods again (a corrected serial number is a new number
    /// to check): the checks are recorded, and a hit or a possible match raises an owner alert, since the goods
    /// are already in the shop.
    ///
    /// - Throws: ``CounterError`` (`till.reasonRequired`, `till.ownerRefused`, `entry.notFound`,
    ///   `entry.correctedAlready`), ``IntakeError`` for the corrected fields, ``RegisterStoreError``.
    public func correct(entry number: Int, with corrected: Intake, reason: String,
                        owner: OwnerAuthorization) async throws -> RegisterEntry {
        let reason = try CounterSession.requireReason(reason)
        let store = parts.store
        let exists = try await store.entry(number: number) != nil
        let correctedBy = try await store.firstCorrection(of: number)
        guard exists else { throw CounterError(.entryNotFound, parameters: ["entry": String(number)]) }
        if let later = correctedBy {
            throw CounterError(.correctedAlready, parameters: ["entry": String(number), "by": String(later)])
        }
        let account = try await parts.staff.verify(name: owner.name, pin: owner.pin, requiring: .owner,
                                                   purpose: "correction of entry \(number)", at: parts.clock())
        var intake = corrected
        intake.corrects = number
        intake.correctionReason = reason
        intake.clerk = account.name
        intake.override = nil
        let now = parts.clock()
        let entry = try await store.append(intake, at: now)
        try await parts.staff.audit.record(.intakeCorrected, actor: account.name, subject: "entry \(entry.entryNumber)",
                                     detail: "corrects entry \(number): \(reason)", at: now)
        for (i, item) in entry.items.enumerated() {
            for identifier in item.identifiers {
                let result = await parts.checker.check(serial: identifier, brand: item.brand)
                try await store.record(result.itemCheck(itemID: entry.itemID(i), term: identifier, at: parts.clock()))
                // The goods are in the shop already: a hit is told to the owner as a late hit is.
                try await LateHits.alert(store: store, status: result.status, itemID: entry.itemID(i),
                                   entryNumber: entry.entryNumber, at: now)
            }
        }
        return entry
    }
}
