/// What the chip check says at the counter (issue 17's table), from most to least serious.
public enum ChipVerdict: String, Sendable, Codable, Hashable, CaseIterable {
    /// The chip's data (DG1) differs from the printed MRZ: possibly a forged data page. Full-screen warning;
    /// the owner decides, and it is audited.
    case differsFromPrintedMRZ
    /// The document signer's signature, or a data group's hash, does not verify: altered or forged chip data.
    case signatureInvalid
    /// The signature holds, but the signer does not chain to an imported CSCA (no master list, or a state
    /// not in it).
    case unknownIssuer
    /// The chip answered but could not be read to the end (access refused, a broken answer, lifted too soon).
    case unreadable
    /// No chip answered.
    case noChip
    /// The chip is genuine and its data equals the printed MRZ.
    case genuine

    /// Whether the counter shows it as a full-screen warning the owner must decide on.
    public var needsOwner: Bool { self == .differsFromPrintedMRZ }
    /// Whether the counter shows a warning (not green, not a plain message).
    public var isWarning: Bool { self == .signatureInvalid || self == .unknownIssuer }
}
