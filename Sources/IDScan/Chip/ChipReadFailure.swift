/// Why a chip could not be read, as the counter tells it (the verdicts are in ``ChipVerdict``).
public enum ChipReadFailure: Error, Sendable, Hashable {
    /// The chip refused the access key: a misread MRZ, a wrong CAN, or a chip that is not this document's.
    case accessDenied
    /// The chip offers no access protocol Counter speaks.
    case unsupportedProtocol
    /// The chip answered something that does not follow ICAO Doc 9303.
    case malformed(String)
    /// The card left the reader or stopped answering.
    case lost
}
