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
        guard try store.entry(number: number) != nil else {
            throw CounterError(.entryNotFound, parameters: ["entry": String(number)])
        }
        let chain = try store.entryDetail(number: number, today: CalendarDate(parts.clock()))?.corrections ?? []
        if let later = chain.first(where: { $0.corrects == number }) {
            throw CounterError(.correctedAlready, parameters: ["entry": String(number), "by": String(later.entryNumber)])
        }
        let account = try await parts.staff.verify(name: owner.name, pin: owner.pin, requiring: .owner,
                                                   purpose: "correction of entry \(number)", at: parts.clock())
        var intake = corrected
        intake.corrects = number
        intake.correctionReason = reason
        intake.clerk = account.name
        intake.override = nil
        let now = parts.clock()
        let entry = try store.append(intake, at: now)
        try parts.staff.audit.record(.intakeCorrected, actor: account.name, subject: "entry \(entry.entryNumber)",
                                     detail: "corrects entry \(number): \(reason)", at: now)
        for (i, item) in entry.items.enumerated() {
            for identifier in item.identifiers {
                let result = await parts.checker.check(serial: identifier, brand: item.brand)
                let check = result.itemCheck(itemID: entry.itemID(i), term: identifier, at: parts.clock())
                try store.record(check)
                switch check.status {
                case .hit:
                    try store.raiseAlert(.lateHit, itemID: entry.itemID(i), entryNumber: entry.entryNumber, .alertLateHit,
                                         ["item": entry.itemID(i), "entry": String(entry.entryNumber)], at: now)
                case .possibleMatch:
                    try store.raiseAlert(.lateHit, itemID: entry.itemID(i), entryNumber: entry.entryNumber,
                                         .alertLatePossibleMatch,
                                         ["item": entry.itemID(i), "entry": String(entry.entryNumber)], at: now)
                default: break
                }
            }
        }
        return entry
    }
}
