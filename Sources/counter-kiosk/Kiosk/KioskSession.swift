import Counter
import Foundation

/// A signed-in person at the kiosk: who, with which role, and the token that state-changing requests must
/// echo (CSRF). Lives only in memory; a restart signs everyone out.
struct KioskSession: Sendable {
    var token: String
    var csrf: String
    var account: StaffAccount
    var started: Date
    var lastSeen: Date
    /// Owner approvals given at this counter (expired document, under-18 seller), by approval id.
    var approvals: [String: OwnerApproval] = [:]
}

/// An owner's approval, given with PIN and reason, waiting to be used by the intake it was given for.
struct OwnerApproval: Sendable, Codable {
    var owner: String
    var reason: String
    /// `expiredDocument` or `minor`.
    var kind: String
    var at: Date
}
