import IDScan

/// When a document's chip check stops an intake until the owner decides (issue 17; art. 437 Sr: the dealer must
/// make sure who the seller is).
/// - A chip that differs from the printed MRZ: always (a possibly forged data page). Full-screen at the counter.
/// - Where the shop requires a chip check (`checks.chipRequired`): a passport or ID card whose chip was not
///   found genuine, or not read at all.
package enum ChipRule {
    package enum Need: String, Sendable, Codable, Hashable {
        case differsFromPrint
        case notVerified
    }

    package static func ownerNeeded(_ chip: ChipVerdict?, documentKind: IdentityDocumentKind, required: Bool) -> Need? {
        if chip?.needsOwner == true { return .differsFromPrint }
        let hasChip = documentKind == .passport || documentKind == .identityCard
        if required && hasChip && chip != .genuine { return .notVerified }
        return nil
    }

    /// Whether a chip check belongs to the document being registered: the chip's own document number and state,
    /// not a number typed over it after the check.
    package static func applies(chipNumber: String?, chipState: String?, to document: IdentityDocument) -> Bool {
        chipNumber == document.number && chipState == document.issuingCountry
    }
}
