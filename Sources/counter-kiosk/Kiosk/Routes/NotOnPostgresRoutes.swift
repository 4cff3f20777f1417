import Counter
import Foundation
import Hummingbird

/// With the register on PostgreSQL, the pages that still read the data folder's SQLite file (search and entry
/// detail, the register's exports and prints, the shop form, the register's health) answer with a worded
/// refusal (`storage.notOnPostgres`, 501) instead of a bare "not found", to anyone signed in. The counter,
/// signing in, the owner's day log, holding list, sales and police pages, and the technician's pages work.
struct NotOnPostgresRoutes: Sendable {
    let gate: KioskGate

    /// The paths of ``ShopRoutes``, ``OwnerRoutes``, ``RegisterHealthRoutes`` and ``EntryRoutes`` (checked against
    /// them by a route test).
    static let paths = [
        "/api/shop", "/api/owner/register", "/api/owner/register/verify", "/api/search", "/api/entries/**",
        "/export/log.csv", "/export/log.pdf", "/export/register.csv", "/export/register.pdf", "/export/entry/**",
        "/print/log", "/print/dor-manual", "/print/entry/**", "/print/register",
    ]

    func add(to router: Router<BasicRequestContext>) {
        for path in Self.paths {
            for method in [HTTPRequest.Method.get, .post] {
                router.on(RouterPath(path), method: method) { request, _ -> Response in
                    _ = try await gate.session(request, roles: KioskGate.anyRole)
                    let what = request.uri.path
                    throw KioskError(.notImplemented, CounterMessages.text(.notOnPostgres, .nl, ["what": what]),
                                     en: CounterMessages.text(.notOnPostgres, .en, ["what": what]),
                                     code: CounterMessages.Code.notOnPostgres.rawValue)
                }
            }
        }
    }
}
