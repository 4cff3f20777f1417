/// What a signed-in person may do at the kiosk.
///
/// - `staff`: the counter screen (intake).
/// - `owner`: everything staff may do, plus the day log, holding list, uploads, alerts, users and audit log,
///   and the PIN-protected overrides (expired document, under-18 seller, dismissing a stolen-goods warning).
/// - `technician`: configuration and scanners only; a technician sees no register data.
/// - `integration`: other shop software on the machine API (`/v1`), with a token instead of a PIN
///   (``IntegrationToken``); it never signs in at a page. What it registers names it as the clerk.
public enum StaffRole: String, Codable, Sendable, CaseIterable {
    case staff
    case owner
    case technician
    case integration

    /// The Dutch label shown in the user list.
    public var dutchName: String {
        switch self {
        case .staff: "medewerker"
        case .owner: "eigenaar"
        case .technician: "technicus"
        case .integration: "koppeling"
        }
    }

    /// Whether this role may take goods in at the counter.
    public var mayTakeIn: Bool { self != .technician }

    /// Whether this role signs in with a PIN (every role but ``integration``, which has a token).
    public var signsInWithPIN: Bool { self != .integration }
}
