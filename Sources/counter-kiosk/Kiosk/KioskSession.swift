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
    /// The till this page works at (counter roles); its scans, checks and hit are the till's, on every page of it.
    var till: String?
    /// The account's credential stamp at sign-in: a PIN change or disabling the account ends the session.
    var credentialStamp: String?
}
