import Counter
import Foundation
import Hummingbird

/// The owner's register page: whether the register can prove it is whole, and when it cannot, what happened
/// and what to do (the catalog's words). A full verify on request runs off the cooperative pool.
struct RegisterHealthRoutes: Sendable {
    let gate: KioskGate
    let store: SQLiteRegisterStore

    struct View: Encodable {
        var health: RegisterHealth
        /// What the page shows, in both languages.
        var summary: String
        var summaryEN: String
        var whatToDo: String?
        var whatToDoEN: String?
        /// Set after a full verify on request.
        var verifiedEntries: Int?
    }

    func view(verifiedEntries: Int? = nil) throws -> View {
        let health = try store.health()
        func summary(_ language: CounterMessages.Language) -> String {
            if let problem = health.problem {
                return CounterMessages.text(.registerDamaged, language, ["problem": problem.description])
            }
            return CounterMessages.text(.registerWhole, language, [
                "count": String(health.head?.entryNumber ?? 0), "hash": health.head?.hash ?? RegisterEntry.genesisHash])
        }
        let files = ["register": health.registerPath, "anchor": health.anchorPath]
        return View(
            health: health, summary: summary(.nl), summaryEN: summary(.en),
            whatToDo: health.isWhole ? nil : CounterMessages.text(.registerWhatToDo, .nl, files),
            whatToDoEN: health.isWhole ? nil : CounterMessages.text(.registerWhatToDo, .en, files),
            verifiedEntries: verifiedEntries)
    }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/owner/register") { request, _ -> Response in
            _ = try await gate.session(request, roles: KioskGate.ownerRoles)
            return try KioskJSON.response(try view())
        }

        router.post("/api/owner/register/verify") { request, _ -> Response in
            _ = try await gate.session(request, roles: KioskGate.ownerRoles)
            let verification = try await store.verifyOffPool()
            return try KioskJSON.response(try view(verifiedEntries: verification.entryCount))
        }
    }
}
