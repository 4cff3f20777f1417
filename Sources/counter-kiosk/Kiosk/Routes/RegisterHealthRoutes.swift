import Counter
import Foundation
import Hummingbird

/// The owner's register page: whether the register can prove it is whole, and when it cannot, what happened
/// and what to do (the catalog's words). A full verify on request runs off the cooperative pool.
struct RegisterHealthRoutes: Sendable {
    let gate: KioskGate
    let store: any RegisterStorage

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

    func view(verifiedEntries: Int? = nil) async throws -> View {
        let health = try await store.health()
        func summary(_ language: CounterMessages.Language) -> String {
            if let problem = health.problem {
                return CounterMessages.text(.registerDamaged, language, ["problem": problem.description])
            }
            return CounterMessages.text(.registerWhole, language, [
                "count": String(health.head?.entryNumber ?? 0), "hash": health.head?.hash ?? RegisterEntry.genesisHash])
        }
        return View(health: health, summary: summary(.nl), summaryEN: summary(.en), whatToDo: health.whatToDo(.nl),
                    whatToDoEN: health.whatToDo(.en), verifiedEntries: verifiedEntries)
    }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/owner/register") { request, _ -> Response in
            _ = try await gate.session(request, roles: KioskGate.ownerRoles)
            return try KioskJSON.response(try await view())
        }

        router.post("/api/owner/register/verify") { request, _ -> Response in
            _ = try await gate.session(request, roles: KioskGate.ownerRoles)
            // The file is read on NIO's blocking pool; the server's branch over the network.
            let verification = if let file = store as? SQLiteRegisterStore { try await file.verifyOffPool() } else { try await store.verify() }
            if let problem = verification.firstProblem { store.markDamaged(problem) }
            return try KioskJSON.response(try await view(verifiedEntries: verification.entryCount))
        }
    }
}
