import Counter
import Foundation
import Hummingbird

/// With the register on PostgreSQL, the first-start shop form (it writes the data folder's config.json and
/// register file; a branch gets its shop details when `migrate-to-postgres` adds it) answers with a worded refusal
/// (`storage.notOnPostgres`, 501) instead of a bare "not found", to anyone signed in. Everything else works on
/// either backend.
struct NotOnPostgresRoutes: Sendable {
    let gate: KioskGate

    /// The paths of ``ShopRoutes`` (checked against them by a route test).
    static let paths = ["/api/shop"]

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
