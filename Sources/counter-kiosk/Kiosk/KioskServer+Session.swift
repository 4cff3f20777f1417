import Counter
import Foundation
import HTTPTypes
import Hummingbird

/// Signing in and out, and the session check every other route starts with.
extension KioskServer {
    static let cookieName = "counter_session"
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    /// Roles that may use the counter screen.
    static let counterRoles: Set<StaffRole> = [.staff, .owner]
    static let ownerRoles: Set<StaffRole> = [.owner]
    static let technicianRoles: Set<StaffRole> = [.technician, .owner]
    static let anyRole: Set<StaffRole> = Set(StaffRole.allCases)

    /// What the page learns about its session.
    struct SessionInfo: Codable, Sendable {
        var user: String
        var role: StaffRole
        var csrf: String
        var training: Bool
        var shop: String
        var language: String
        var sessionMinutes: Int
        var categories: [CategoryInfo]
    }

    struct CategoryInfo: Codable, Sendable {
        var id: String
        var nl: String
        var en: String
        var jewellery: Bool
    }

    struct LoginRequest: Decodable {
        var user: String
        var pin: String
    }

    /// The live session of a request, refusing other roles and (for state changes) a missing CSRF token.
    func session(_ request: Request, roles: Set<StaffRole>) async throws -> KioskSession {
        guard let token = request.cookies[Self.cookieName]?.value,
              let session = await sessions.session(token: token, now: clock()) else { throw KioskError.signedOut }
        if request.method != .get && request.method != .head {
            guard let sent = request.headers[Self.csrfHeader], Self.constantTimeEqual(sent, session.csrf) else {
                throw KioskError.badCSRF
            }
        }
        guard roles.contains(session.account.role) else {
            let needed = roles.contains(.staff) ? "medewerker" : roles.contains(.technician) ? "technicus" : "eigenaar"
            throw KioskError.forbidden(needed)
        }
        return session
    }

    /// No session yet, so no CSRF token: a sign-in (or the first-start account) must come from the kiosk's own
    /// page (Origin) as JSON, which a form on another site cannot send.
    static func refuseForeignPage(_ request: Request, origin: String) throws {
        if let sent = request.headers[.origin], sent != origin { throw KioskError.badCSRF }
        guard request.headers[.contentType]?.hasPrefix("application/json") == true else { throw KioskError.badCSRF }
    }

    /// A new session for `account`, with its cookie.
    func signedIn(_ account: StaffAccount) async throws -> Response {
        let session = await sessions.create(account: account, now: clock())
        var response = try KioskJSON.response(info(session))
        response.setCookie(Cookie(name: Self.cookieName, value: session.token, path: "/",
                                  secure: settings.tls != nil, httpOnly: true, sameSite: .strict))
        return response
    }

    func info(_ session: KioskSession) -> SessionInfo {
        SessionInfo(
            user: session.account.name, role: session.account.role, csrf: session.csrf, training: settings.training,
            shop: config.shop.name, language: settings.language, sessionMinutes: settings.sessionMinutes,
            categories: ItemCategory.allCases.map {
                CategoryInfo(id: $0.rawValue, nl: $0.dutchName, en: $0.englishName, jewellery: $0.needsJewelleryDetails)
            })
    }

    func addSessionRoutes(_ router: Router<BasicRequestContext>) {
        router.post("/api/login") { request, _ -> Response in
            try Self.refuseForeignPage(request, origin: settings.origin)
            let login = try await KioskJSON.decode(LoginRequest.self, from: request, limit: 4096)
            let account: StaffAccount
            do {
                account = try staff.signIn(name: login.user, pin: login.pin, at: clock())
            } catch let error as StaffError {
                throw KioskError(.unauthorized, error.description, en: Self.english(error), code: "signIn")
            }
            return try await signedIn(account)
        }

        // First start: with no accounts at all, the sign-in page offers to make the owner's account, so a shop
        // can begin with `make run` alone. Once any account exists this is refused (accounts come from the owner).
        // Only on a kiosk served to this machine alone: on a shop LAN anyone on the network could claim the owner
        // account first, so there the first account comes from `counter-kiosk users add`.
        let setupAllowed = CounterConfiguration.Kiosk.isLoopback(settings.host)
        router.get("/api/setup") { _, _ -> Response in
            try KioskJSON.response(["needed": try setupAllowed && staff.accounts().isEmpty])
        }
        router.post("/api/setup") { request, _ -> Response in
            try Self.refuseForeignPage(request, origin: settings.origin)
            guard setupAllowed else {
                throw KioskError(.forbidden, "Maak het eerste account aan met: counter-kiosk users add --role owner",
                                 en: "Create the first account with: counter-kiosk users add --role owner", code: "setup")
            }
            let form = try await KioskJSON.decode(LoginRequest.self, from: request, limit: 4096)
            let account: StaffAccount
            do {
                account = try staff.addFirstOwner(name: form.user, pin: form.pin, at: clock())
            } catch let error as StaffError {
                let status: HTTPResponse.Status = error == .alreadySetUp ? .conflict : .unprocessableContent
                throw KioskError(status, error.description, en: Self.english(error), code: "setup")
            }
            return try await signedIn(account)
        }

        router.get("/api/session") { request, _ -> Response in
            try KioskJSON.response(info(try await session(request, roles: Self.anyRole)))
        }

        router.post("/api/logout") { request, _ -> Response in
            let session = try await session(request, roles: Self.anyRole)
            await sessions.end(token: session.token)
            try staff.audit.record(.signOut, actor: session.account.name, at: clock())
            var response = try KioskJSON.ok()
            response.setCookie(Cookie(name: Self.cookieName, value: "", maxAge: 0, path: "/",
                                      secure: settings.tls != nil, httpOnly: true, sameSite: .strict))
            return response
        }
    }

    /// Checks an owner's name and PIN typed at the counter (for an override or a dismissal).
    func verifyOwner(name: String, pin: String, purpose: String) throws -> StaffAccount {
        do {
            return try staff.verify(name: name, pin: pin, requiring: .owner, purpose: purpose, at: clock())
        } catch let error as StaffError {
            throw KioskError(.forbidden, error.description, en: Self.english(error), code: "ownerPIN")
        }
    }

    static func english(_ error: StaffError) -> String {
        switch error {
        case .wrongNameOrPIN: "Wrong name or PIN."
        case .lockedOut: "Too many wrong PINs: blocked for a few minutes."
        case .disabled: "This account is disabled. Ask the owner."
        case .notAllowed(let role): "This needs a \(role.rawValue)."
        case .invalidName: "Name: 1 to 40 characters, no control characters."
        case .invalidPIN: "PIN: 4 to 12 digits."
        case .nameTaken(let n): "There is already a user named \(n)."
        case .unknownAccount(let n): "No user named \(n)."
        case .alreadySetUp: "There are users already: sign in. The owner adds new users."
        }
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
