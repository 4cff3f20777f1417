import Counter
import Foundation
import Hummingbird

/// The owner's pages that work on either backend (the data folder's file, or the branch on PostgreSQL): the
/// day log, the holding list and police flags, the upload queue and the alerts, the accounts, the audit log,
/// and the metal day prices.
struct OwnerStorageRoutes: Sendable {
    let gate: KioskGate
    let store: any RegisterStorage
    let staff: StaffDirectory
    let settings: KioskServer.Settings
    let config: CounterConfiguration

    var clock: @Sendable () -> Date { gate.clock }
    var today: CalendarDate { CalendarDate(clock()) }

    struct HeldItemView: Encodable {
        var itemID: String
        var entryNumber: Int
        var summary: String
        var category: String
        var acquiredOn: String
        var holdUntil: String?
        /// The last day the item must be kept as it is (``HeldItem/keptUntil``).
        var keptUntil: String?
        var policeFlagOpen: Bool
        /// A police hold order running on the item (reference, officer, last day).
        var holdOrder: HoldOrder?
    }
    struct PoliceFlagRequest: Decodable {
        var itemID: String
        var open: Bool
        var note: String
    }

    struct AcknowledgeRequest: Decodable { var note: String }
    struct UserRequest: Decodable {
        var name: String
        var role: StaffRole?
        var pin: String?
        var disabled: Bool?
        /// Lift the lockout after wrong PINs.
        var unlock: Bool?
    }
    /// An account as the users page shows it: locked accounts say until when.
    struct UserView: Encodable {
        var name: String
        var role: StaffRole
        var createdAt: Date
        var disabled: Bool
        var lockedUntil: Date?
    }

    /// A new integration: its token, shown once, and the accounts with it.
    struct IntegrationAdded: Encodable {
        var name: String
        var token: String
        var users: [UserView]
    }

    /// An audit event as the page shows it: the action and its subject in words (both languages), the time in
    /// the shop's time zone (``KioskJSON``).
    struct AuditView: Encodable {
        var at: Date
        var actor: String
        var action: String
        var actionText: String
        var actionTextEN: String
        var subject: String
        var subjectEN: String
        var detail: String
        var detailEN: String

        init(_ e: AuditEvent) {
            at = e.at
            actor = e.actor
            action = e.action
            actionText = e.actionWords(.nl)
            actionTextEN = e.actionWords(.en)
            subject = e.subjectWords(.nl)
            subjectEN = e.subjectWords(.en)
            detail = e.detailWords(.nl)
            detailEN = e.detailWords(.en)
        }
    }

    struct MetalPriceView: Encodable {
        var metal: PreciousMetal
        var price: String
        var day: CalendarDate
        var setBy: String
    }

    func metalPricesView() async throws -> [MetalPriceView] {
        let prices = try await store.metalPrices()
        return PreciousMetal.allCases.compactMap { prices[$0] }.map {
            MetalPriceView(metal: $0.metal, price: ShopFormat.dutch.amount($0.centsPerGram), day: $0.day, setBy: $0.setBy)
        }
    }

    func users() async throws -> [UserView] {
        try await staff.accountsWithLockout(at: clock()).map {
            UserView(name: $0.account.name, role: $0.account.role, createdAt: $0.account.createdAt,
                     disabled: $0.account.disabled, lockedUntil: $0.lockedUntil)
        }
    }
    struct UploadsView: Encodable {
        var summary: UploadOutbox.Summary
        var alerts: [OwnerAlert]
        var registerURL: String?
        /// Uploads the register refused, with its reason: the owner corrects the entry or retries.
        var rejected: [RejectedUpload]
    }

    struct RejectedUpload: Encodable {
        var entryNumber: Int
        var kind: UploadOutbox.Kind
        var reason: String
        var attempts: Int
    }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/holding") { request, _ -> Response in
            _ = try await gate.session(request, roles: KioskGate.ownerRoles)
            let held = try await store.itemsOnHold(on: today).map { item in
                HeldItemView(
                    itemID: item.itemID, entryNumber: item.entryNumber, summary: item.item.summary,
                    category: item.item.category.dutchName, acquiredOn: item.acquiredOn.iso, holdUntil: item.holdUntil?.iso,
                    keptUntil: item.keptUntil?.iso,
                    policeFlagOpen: item.policeFlagOpen,
                    holdOrder: item.holdOrder)
            }
            return try KioskJSON.response(held)
        }

        router.post("/api/police-flags") { request, _ -> Response in
            let session = try await gate.session(request, roles: KioskGate.ownerRoles)
            let form = try await KioskJSON.decode(PoliceFlagRequest.self, from: request, limit: 4096)
            do {
                if form.open {
                    try await store.openPoliceFlag(itemID: form.itemID, note: form.note, at: clock())
                } else {
                    try await store.closePoliceFlag(itemID: form.itemID, note: form.note, at: clock())
                }
            } catch let error as SaleError {
                throw KioskError(.conflict, error.message(.nl), en: error.message(.en), code: "flag")
            }
            try await staff.audit.record(form.open ? .policeFlagOpened : .policeFlagClosed, actor: session.account.name,
                                   subject: "item \(form.itemID)", detail: form.note, at: clock())
            return try KioskJSON.ok()
        }

        // The day log the owner's page opens on (the server's day when none is asked for).
        router.get("/api/log") { request, _ -> Response in
            _ = try await gate.session(request, roles: KioskGate.ownerRoles)
            let day = try OwnerRoutes.day(request, today: today)
            return try KioskJSON.response(try await DailyLog.of(day, in: store))
        }

        router.get("/api/uploads") { request, _ -> Response in
            _ = try await gate.session(request, roles: KioskGate.ownerRoles)
            let summary = try await store.outboxSummary(now: clock())
            let rejected = try await store.jobs(statuses: [.rejected], limit: 200)
            return try KioskJSON.response(UploadsView(
                summary: summary, alerts: try await store.alerts(includeAcknowledged: true),
                registerURL: settings.registerURLOverride ?? config.masked.register.url,
                rejected: rejected.map {
                    RejectedUpload(entryNumber: $0.entryNumber, kind: $0.kind, reason: $0.lastError ?? "", attempts: $0.attempts)
                }))
        }

        // `queue retry` from the page: rejected uploads and those waiting out a backoff are sent again now.
        router.post("/api/uploads/retry") { request, _ -> Response in
            let session = try await gate.session(request, roles: KioskGate.ownerRoles)
            let count = try await store.retryJobsNow(now: clock())
            try await staff.audit.record(.uploadRetried, actor: session.account.name, subject: "upload queue",
                                   detail: "\(count) jobs", at: clock())
            return try KioskJSON.response(["retried": count])
        }

        router.post("/api/alerts/:id/ack") { request, context -> Response in
            let session = try await gate.session(request, roles: KioskGate.ownerRoles)
            guard let id = context.parameters.get("id", as: Int.self) else { throw KioskError.badRequest("Onbekende melding.") }
            let form = try await KioskJSON.decode(AcknowledgeRequest.self, from: request, limit: 4096)
            do { try await store.acknowledgeAlert(id, by: session.account.name, note: form.note, at: clock()) } catch let error as CounterError {
                throw KioskError(error)
            }
            try await staff.audit.record(.alertAcknowledged, actor: session.account.name, subject: "alert \(id)", detail: form.note, at: clock())
            return try KioskJSON.ok()
        }

        router.get("/api/users") { request, _ -> Response in
            _ = try await gate.session(request, roles: KioskGate.ownerRoles)
            return try KioskJSON.response(try await users())
        }

        router.post("/api/users") { request, _ -> Response in
            let session = try await gate.session(request, roles: KioskGate.ownerRoles)
            let form = try await KioskJSON.decode(UserRequest.self, from: request, limit: 4096)
            do {
                if form.unlock == true {
                    try await staff.unlock(form.name, by: session.account.name, at: clock())
                } else if let disabled = form.disabled {
                    guard form.name.caseInsensitiveCompare(session.account.name) != .orderedSame else {
                        throw KioskError.badRequest("Je kunt jezelf niet uitschakelen.", en: "You cannot disable yourself.")
                    }
                    try await staff.setDisabled(form.name, disabled: disabled, by: session.account.name, at: clock())
                } else if let role = form.role, let pin = form.pin {
                    try await staff.add(name: form.name, role: role, pin: pin, by: session.account.name, at: clock())
                } else if let pin = form.pin {
                    try await staff.changePIN(name: form.name, newPIN: pin, by: session.account.name, at: clock())
                } else {
                    throw KioskError.badRequest("Onvolledig verzoek.", en: "Incomplete request.")
                }
            } catch let error as StaffError {
                throw KioskError.badRequest(error.description, en: SessionRoutes.english(error))
            }
            return try KioskJSON.response(try await users())
        }

        // An integration for other shop software: its token is in this answer only, never again.
        router.post("/api/integrations") { request, _ -> Response in
            let session = try await gate.session(request, roles: KioskGate.ownerRoles)
            let form = try await KioskJSON.decode([String: String].self, from: request, limit: 4096)
            do {
                let (account, token) = try await staff.addIntegration(name: form["name"] ?? "", by: session.account.name, at: clock())
                return try KioskJSON.response(IntegrationAdded(name: account.name, token: token.value, users: try await users()))
            } catch let error as StaffError {
                throw KioskError.badRequest(error.description, en: SessionRoutes.english(error))
            }
        }

        // The owner's day prices of precious metals (per gram of fine metal), typed as "32,80".
        router.get("/api/metal-prices") { request, _ -> Response in
            _ = try await gate.session(request, roles: KioskGate.ownerRoles)
            return try KioskJSON.response(try await metalPricesView())
        }
        router.post("/api/metal-prices") { request, _ -> Response in
            let session = try await gate.session(request, roles: KioskGate.ownerRoles)
            let form = try await KioskJSON.decode([String: String].self, from: request, limit: 4096)
            var prices: [MetalPrice] = []
            for metal in PreciousMetal.allCases {
                guard let text = form[metal.rawValue], !text.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
                let cents: Int?
                do throws(FormatProblem) { cents = try ShopFormat.cents(text) } catch {
                    throw KioskError(error, field: (metal.dutchName.capitalized, metal.englishName.capitalized))
                }
                guard let cents, cents > 0 else {
                    throw KioskError(FormatProblem.notAnAmount, field: (metal.dutchName.capitalized, metal.englishName.capitalized))
                }
                prices.append(MetalPrice(metal: metal, centsPerGram: cents, day: today, setBy: session.account.name))
            }
            for price in prices { try await store.setMetalPrice(price, at: clock()) }
            return try KioskJSON.response(try await metalPricesView())
        }

        router.get("/api/audit") { request, _ -> Response in
            _ = try await gate.session(request, roles: KioskGate.ownerRoles)
            let day = request.uri.queryParameters.get("date").flatMap { CalendarDate(iso: String($0)) }
            return try KioskJSON.response(try await staff.audit.events(on: day, limit: 1000).map(AuditView.init))
        }
    }
}
