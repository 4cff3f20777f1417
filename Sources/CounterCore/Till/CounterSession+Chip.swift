import Foundation
import IDScan

/// The chip check at a till (issue 17): read, show, let the owner decide where `ChipRule` says so, and put
/// only the verdict and the signer into the entry.
extension CounterSession {
    /// Reads the chip of the document on this till's reader, with the scanned MRZ as key (or the CAN), and
    /// shows the verdict on the till's pages. Audited (the verdict only).
    @discardableResult
    public func readChip(can: String? = nil) async throws -> ChipView {
        guard let access = dependencies.chip, chipReader != nil else { throw CounterError(.chipNoReaderAtTill) }
        let printed = printedMRZ
        guard printed != nil || can != nil else { throw CounterError(.chipNoDocument) }
        let today = CalendarDate(now())
        let document: ChipDocument
        do {
            let transport = try await access.connect(chipReader)
            document = await ChipCheck.check(transport: transport, printed: printed, can: can, trusted: access.trusted(),
                                             today: (today.year, today.month, today.day))
            if let reader = transport as? any ChipReaderConnection { await reader.disconnect() }
        } catch let failure as ChipReaderFailure where failure.kind == .noCard {
            document = ChipDocument(failure: .noChip)
        } catch {
            document = ChipDocument(failure: .unreadable)
        }
        return await take(document)
    }

    /// Takes a chip read's result in for the current document: audited (the verdict only) and shown.
    func take(_ document: ChipDocument) async -> ChipView {
        chip = document
        chipDecision = nil
        // The document the chip was opened for: the scanned MRZ that was its key (nil with only a CAN).
        chipKey = printedMRZ.map { ($0.fields.documentNumber, $0.fields.issuingState) }
        try? await dependencies.staff.audit.record(.chipChecked, actor: till, detail: document.verdict.rawValue, at: now())
        let view = ChipView(document, owner: nil, needsOwner: chipNeed() != nil)
        publish(.chip, view)
        return view
    }

    /// The owner lets the current document through although its chip check needs a decision.
    public func approveChip(owner: OwnerAuthorization, reason: String) async throws -> ChipView {
        let reason = try Self.requireReason(reason)
        guard chipNeed() != nil else { throw CounterError(.chipNothingToApprove) }
        let account = try await verifyOwner(owner, purpose: "approve chip check")
        chipDecision = (account.name, reason)
        let view = chipView() ?? ChipView(ChipDocument(failure: .noChip), owner: account.name, needsOwner: false)
        publish(.chip, view)
        return view
    }

    /// What `ChipRule` asks for the current document.
    func chipNeed() -> ChipRule.Need? {
        guard let document = seller, document.valid else { return nil }
        let kind = IdentityDocumentKind(rawValue: document.documentKind) ?? .other
        return ChipRule.ownerNeeded(chipApplying(number: document.documentNumber, state: document.issuingCountry)?.verdict,
                                    documentKind: kind, required: dependencies.chip?.required ?? false)
    }

    /// The chip check, when it is of this document: the one whose scanned MRZ opened the chip, or the one the
    /// chip itself names. Typing the chip's number (or any other) over a document whose chip differs from its
    /// print does not take the check away; only a new document or a new customer does.
    func chipApplying(number: String?, state: String?) -> ChipDocument? {
        guard let chip else { return nil }
        if let key = chipKey, key.number == number && key.state == state { return chip }
        // A chip not read to its MRZ (no chip, unreadable) belongs to whatever document is at the counter.
        guard let fields = chip.mrz?.fields else { return chip }
        if fields.documentNumber == number && fields.issuingState == state { return chip }
        // A chip that differs from its print stays with the customer whatever is typed.
        return chip.verdict == .differsFromPrintedMRZ ? chip : nil
    }

    func chipView() -> ChipView? {
        guard let chip else { return nil }
        return ChipView(chip, owner: chipDecision?.owner, needsOwner: chipNeed() != nil && chipDecision == nil)
    }

    /// The record the entry keeps, or the refusal when the owner must decide first. Called while registering.
    func chipRecord(for document: IdentityDocument) throws -> ChipCheck.Record? {
        let applying = chipApplying(number: document.number, state: document.issuingCountry)
        let need = ChipRule.ownerNeeded(applying?.verdict, documentKind: document.kind, required: dependencies.chip?.required ?? false)
        if need != nil && chipDecision == nil { throw CounterError(.chipOwnerNeeded) }
        guard let applying else {
            // Required, not read, and the owner let it through: recorded as such.
            return need == nil ? nil : ChipCheck.Record(verdict: .noChip, owner: chipDecision?.owner, reason: chipDecision?.reason)
        }
        var record = ChipCheck.record(applying)
        if need != nil { (record.owner, record.reason) = (chipDecision?.owner, chipDecision?.reason) }
        return record
    }
}
