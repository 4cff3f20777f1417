import Counter
import Foundation
import HTTPTypes
import Hummingbird

/// Signing in (to a till, for the counter roles) and out, and the first-start owner account.
struct SessionRoutes: Sendable {
    let gate: KioskGate
    let staff: StaffDirectory
    /// The tills a page may sign in to, in configured order.
    let tills: [String]
    let settings: KioskServer.Settings
    let shop: ShopBox
    let store: any RegisterStorage

    /// What the page learns about its session.
    struct SessionInfo: Codable, Sendable {
        var user: String
        var role: StaffRole
        var csrf: String
        var training: Bool
        var shop: String
        /// False until the shop's name, KvK number, branch number and municipality are set: no entries yet.
        var shopReady: Bool
        /// Why not, in both languages (the owner's first-start form says it at each field).
        var shopNotReady: WordedMessage?
        var language: String
        var sessionMinutes: Int
        var categories: [CategoryInfo]
        /// The till this page works at; nil for technicians.
        var till: String?
        var tills: [String]
        /// Set when the register cannot prove it is whole: what happened and what to do, in both languages.
        var registerDamage: String?
        var registerDamageEN: String?
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
        var till: String?
    }

    /// No session yet, so no CSRF token: a sign-in (or the first-start account) must come from the kiosk's own
    /// page (Origin) as JSON, which a form on another site cannot send.
    static func refuseForeignPage(_ request: Request, origin: String) throws {
        if let sent = request.headers[.origin], sent != origin { throw KioskError.badCSRF }
        guard request.headers[.contentType]?.hasPrefix("application/json") == true else { throw KioskError.badCSRF }
    }

    func signedIn(_ account: StaffAccount, till requested: String?) async throws -> Response {
        var till: String?
        if KioskGate.counterRoles.contains(account.role) {
            till = requested.flatMap { $0.isEmpty ? nil : $0 } ?? tills.first
            guard let chosen = till, tills.contains(chosen) else {
                throw KioskError(CounterError(.unknownTill, parameters: ["till": requested ?? ""]))
            }
        }
        let stamp = try await staff.credentialStamp(name: account.name)
        let session = await gate.sessions.create(account: account, till: till, credentialStamp: stamp, now: gate.clock())
        var response = try KioskJSON.response(info(session))
        response.setCookie(Cookie(name: KioskGate.cookieName, value: session.token, path: "/",
                                  secure: settings.tls != nil, httpOnly: true, sameSite: .strict))
        return response
    }

    func info(_ session: KioskSession) -> SessionInfo {
        SessionInfo(
            user: session.account.name, role: session.account.role, csrf: session.csrf, training: settings.training,
            shop: shop.shop.name, shopReady: shop.shop.isReady,
            shopNotReady: shop.shop.isReady ? nil : WordedMessage(.shopNotSetUp), language: settings.language, sessionMinutes: settings.sessionMinutes,
            categories: ItemCategory.allCases.map {
                CategoryInfo(id: $0.rawValue, nl: $0.dutchName, en: $0.englishName, jewellery: $0.needsJewelleryDetails)
            }, till: session.till, tills: tills,
            registerDamage: store.damage.map { CounterMessages.text(.registerDamaged, .nl, ["problem": $0.description]) },
            registerDamageEN: store.damage.map { CounterMessages.text(.registerDamaged, .en, ["problem": $0.description]) })
    }

    func add(to router: Router<BasicRequestContext>) {
        router.post("/api/login") { request, _ -> Response in
            try Self.refuseForeignPage(request, origin: settings.origin)
            let login = try await KioskJSON.decode(LoginRequest.self, from: request, limit: 4096)
            let account: StaffAccount
            do {
                account = try await staff.signIn(name: login.user, pin: login.pin, at: gate.clock())
            } catch let error as StaffError {
                throw KioskError(.unauthorized, error.description, en: Self.english(error), code: "signIn")
            }
            return try await signedIn(account, till: login.till)
        }

        // Which tills the sign-in form offers (a shop with one till shows no choice).
        router.get("/api/tills") { _, _ -> Response in try KioskJSON.response(["tills": tills]) }

        // First start: with no accounts at all, the sign-in page offers to make the owner's account, so a shop
        // can begin with `make run` alone. Once any account exists this is refused (accounts come from the owner).
        // Only on a kiosk served to this machine alone: on a shop LAN anyone on the network could claim the owner
        // account first, so there the first account comes from `counter-kiosk users add`.
        let setupAllowed = CounterConfiguration.Kiosk.isLoopback(settings.host)
        router.get("/api/setup") { _, _ -> Response in
            try KioskJSON.response(["needed": setupAllowed ? try await staff.accounts().isEmpty : false])
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
                account = try await staff.addFirstOwner(name: form.user, pin: form.pin, at: gate.clock())
            } catch let error as StaffError {
                let status: HTTPResponse.Status = error == .alreadySetUp ? .conflict : .unprocessableContent
                throw KioskError(status, error.description, en: Self.english(error), code: "setup")
            }
            return try await signedIn(account, till: form.till)
        }

        router.get("/api/session") { request, _ -> Response in
            try KioskJSON.response(info(try await gate.session(request, roles: KioskGate.anyRole)))
        }

        router.post("/api/logout") { request, _ -> Response in
            let session = try await gate.session(request, roles: KioskGate.anyRole)
            await gate.sessions.end(token: session.token)
            try await staff.audit.record(.signOut, actor: session.account.name, at: gate.clock())
            var response = try KioskJSON.ok()
            response.setCookie(Cookie(name: KioskGate.cookieName, value: "", maxAge: 0, path: "/",
                                      secure: settings.tls != nil, httpOnly: true, sameSite: .strict))
            return response
        }
    }

    /// The refusal in English (the catalog's words).
    static func english(_ error: StaffError) -> String { error.message(.en) }
}

extension KioskError {
    /// An owner's PIN that did not pass, as the counter shows it.
    init(_ error: StaffError) {
        self.init(.forbidden, error.description, en: SessionRoutes.english(error), code: "ownerPIN")
    }
}
