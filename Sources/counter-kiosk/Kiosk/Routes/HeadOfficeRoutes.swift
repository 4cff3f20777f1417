import Counter
import Foundation
import Hummingbird

/// The head office's pages (`counter-kiosk head-office`, issue 15): a chain's branches on one PostgreSQL server
/// at a glance, a branch's day log, its open alerts and its upload backlog, and where an identifier was bought
/// in any branch. Read through the `counter_head_office` role (``HeadOffice``): it writes nothing and no
/// seller's details are shown.
struct HeadOfficeRoutes: Sendable {
    let office: HeadOffice
    let tenant: String?
    let assets: AssetCatalog
    let clock: @Sendable () -> Date

    struct Overview: Encodable {
        var day: CalendarDate
        var branches: [HeadOffice.BranchSummary]
    }

    func add(to router: Router<BasicRequestContext>) {
        let files = AssetRoutes(assets: assets)
        router.get("/") { request, _ -> Response in files.asset("head-office.html", request: request) }
        router.get("/assets/:name") { request, context -> Response in
            files.asset(context.parameters.get("name") ?? "", request: request)
        }
        router.get("/api/branches") { request, _ -> Response in
            let day = try OwnerRoutes.day(request, today: CalendarDate(clock()))
            return try KioskJSON.response(Overview(day: day, branches: try await office.branches(tenant: tenant, day: day)))
        }
        router.get("/api/branch/log") { request, _ -> Response in
            let day = try OwnerRoutes.day(request, today: CalendarDate(clock()))
            return try KioskJSON.response(try await office.dayLog(branchID: try branch(request), day: day))
        }
        router.get("/api/branch/alerts") { request, _ -> Response in
            try KioskJSON.response(try await office.openAlerts(branchID: try branch(request)))
        }
        router.get("/api/branch/uploads") { request, _ -> Response in
            try KioskJSON.response(try await office.uploadBacklog(branchID: try branch(request)))
        }
        router.get("/api/find") { request, _ -> Response in
            guard let identifier = request.uri.queryParameters.get("identifier")?.trimmingCharacters(in: .whitespaces),
                  (3...64).contains(identifier.count) else {
                throw KioskError.badRequest("Vul een serienummer, IMEI of framenummer in (3 tot 64 tekens).",
                                            en: "Fill in a serial number, IMEI or frame number (3 to 64 characters).")
            }
            return try KioskJSON.response(try await office.find(identifier: identifier))
        }
    }

    /// The branch a request names (`?branch=KVK/VESTIGING`).
    func branch(_ request: Request) throws -> String {
        guard let branch = request.uri.queryParameters.get("branch"), CounterConfiguration.Shop.isReadyShopID(String(branch)) else {
            throw KioskError.badRequest("Kies een filiaal.", en: "Choose a branch.")
        }
        return String(branch)
    }
}
