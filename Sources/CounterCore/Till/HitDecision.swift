import Foundation

/// What the owner decided about a stolen-goods hit. Art. 437 (e) Sr: a dealer may not acquire a good the
/// police described as stolen; buying it is only defensible when the police ask for it (to trace the seller),
/// and then the item is kept under an open police flag until an owner closes it.
public struct HitDecision: Sendable, Codable, Hashable {
    /// The named outcomes.
    public enum Outcome: String, Sendable, Codable, Hashable, CaseIterable {
        /// "niet gekocht".
        case notBought
        /// "niet gekocht, politie gebeld" (police reference optional).
        case notBoughtPoliceCalled
        /// "gekocht op aanwijzing van de politie" (police reference required): the item gets a police flag.
        case boughtOnPoliceInstruction

        public var dutchName: String {
            switch self {
            case .notBought: "niet gekocht"
            case .notBoughtPoliceCalled: "niet gekocht, politie gebeld"
            case .boughtOnPoliceInstruction: "gekocht op aanwijzing van de politie"
            }
        }

        /// Whether the item stays on the counter to be bought.
        public var keepsItem: Bool { self == .boughtOnPoliceInstruction }
    }

    public var outcome: Outcome
    public var owner: String
    public var reason: String
    public var policeReference: String?
    public var at: Date

    public init(outcome: Outcome, owner: String, reason: String, policeReference: String?, at: Date) {
        self.outcome = outcome
        self.owner = owner
        self.reason = reason
        self.policeReference = policeReference
        self.at = at
    }

    /// One line for the audit log and the check record.
    public var summary: String {
        "\(outcome.rawValue): \(reason)" + (policeReference.map { " (politie \($0))" } ?? "")
    }
}

/// An owner's name and PIN, given at the counter for one decision. Never stored or logged.
public struct OwnerAuthorization: Sendable {
    public var name: String
    public var pin: String

    public init(name: String, pin: String) {
        self.name = name
        self.pin = pin
    }
}

/// An owner's approval for one intake of something the register otherwise refuses (an expired document,
/// a seller under 18), with the reason.
public struct OwnerApproval: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable, Hashable { case expiredDocument, minor }
    public var kind: Kind
    public var owner: String
    public var reason: String
    public var at: Date
}
