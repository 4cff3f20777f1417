import Counter
import Foundation
import HTTPTypes
import Hummingbird
import IDScan

/// The check every API route starts with: a live session cookie, the right role, and for state changes the
/// CSRF token the page got at sign-in.
struct KioskGate: Sendable {
    static let cookieName = "counter_session"
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    /// Roles that may use the counter screen.
    static let counterRoles: Set<StaffRole> = [.staff, .owner]
    static let ownerRoles: Set<StaffRole> = [.owner]
    static let technicianRoles: Set<StaffRole> = [.technician, .owner]
    static let anyRole: Set<StaffRole> = Set(StaffRole.allCases)

    let sessions: SessionStore
    let clock: @Sendable () -> Date

    /// The live session of a request, refusing other roles and (for state changes) a missing CSRF token.
    func session(_ request: Request, roles: Set<StaffRole>) async throws -> KioskSession {
        guard let token = request.cookies[Self.cookieName]?.value,
              let session = await sessions.session(token: token, now: clock()) else { throw KioskError.signedOut }
        if request.method != .get && request.method != .head {
            guard let sent = request.headers[Self.csrfHeader], ConstantTime.equal(sent.utf8, session.csrf.utf8) else {
                throw KioskError.badCSRF
            }
        }
        guard roles.contains(session.account.role) else {
            let needed = roles.contains(.staff) ? "medewerker" : roles.contains(.technician) ? "technicus" : "eigenaar"
            throw KioskError.forbidden(needed)
        }
        return session
    }
}
