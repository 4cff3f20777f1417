import Counter
import Foundation

/// The kiosk's sessions: created at sign-in, ended at sign-out or after `lifetime` seconds without a request.
/// Also hands out one-time print tickets, so the headless browser that renders a PDF can fetch one page
/// without a session of its own.
actor SessionStore {
    let lifetime: TimeInterval
    /// Whether a session's account still allows it (not disabled, PIN unchanged); asked on every use.
    let stillValid: @Sendable (KioskSession) async -> Bool
    private var sessions: [String: KioskSession] = [:]
    private var printTickets: [String: (path: String, expires: Date)] = [:]

    init(lifetime: TimeInterval, stillValid: @escaping @Sendable (KioskSession) async -> Bool = { _ in true }) {
        self.lifetime = lifetime
        self.stillValid = stillValid
    }

    /// A new session for `account`.
    func create(account: StaffAccount, till: String?, credentialStamp: String? = nil, now: Date) -> KioskSession {
        purge(now: now)
        let session = KioskSession(token: Self.randomToken(), csrf: Self.randomToken(), account: account,
                                   started: now, lastSeen: now, till: till, credentialStamp: credentialStamp)
        sessions[session.token] = session
        return session
    }

    /// The live session for `token`, its idle clock restarted; nil when unknown or expired.
    func session(token: String, now: Date, touch: Bool = true) async -> KioskSession? {
        guard let found = sessions[token] else { return nil }
        guard now.timeIntervalSince(found.lastSeen) < lifetime, await stillValid(found) else {
            sessions[token] = nil
            return nil
        }
        // Signed out while the account was looked at: stays out.
        guard var session = sessions[token] else { return nil }
        if touch {
            session.lastSeen = now
            sessions[token] = session
        }
        return session
    }

    /// Ends a session.
    func end(token: String) {
        sessions[token] = nil
    }

    /// A ticket good for one fetch of `path` within a minute.
    func issuePrintTicket(path: String, now: Date) -> String {
        let ticket = Self.randomToken()
        printTickets[ticket] = (path, now.addingTimeInterval(60))
        return ticket
    }

    /// Whether `ticket` allows `path` now; a ticket works once.
    func redeemPrintTicket(_ ticket: String, path: String, now: Date) -> Bool {
        guard let entry = printTickets.removeValue(forKey: ticket) else { return false }
        return entry.path == path && now < entry.expires
    }

    private func purge(now: Date) {
        sessions = sessions.filter { now.timeIntervalSince($0.value.lastSeen) < lifetime }
        printTickets = printTickets.filter { now < $0.value.expires }
    }

    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
