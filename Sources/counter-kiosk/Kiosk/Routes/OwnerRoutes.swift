import Counter
import Foundation
import GRDB
import Hummingbird

/// The owner's pages: day log and exports, holding list and sales, upload queue and alerts, users, audit log.
struct OwnerRoutes: Sendable {
    let gate: KioskGate
    let store: SQLiteRegisterStore
    let staff: StaffDirectory
    let settings: KioskServer.Settings
    let config: CounterConfiguration
    let shop: ShopBox

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
    struct SaleRequest: Decodable {
        var itemID: String
        var buyerName: String
        var buyerAddress: Address?
        var priceCents: Int?
        /// The price as typed (`12,50`), read by ``ShopFormat/cents(_:)``; wins over `priceCents`.
        var price: String?
        var paymentMethod: PaymentMethod?
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

    func metalPricesView() throws -> [MetalPriceView] {
        let prices = try store.metalPrices()
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

    func day(_ request: Request) throws -> CalendarDate {
        guard let text = request.uri.queryParameters.get("date"), !text.isEmpty else { return today }
        do throws(FormatProblem) {
            return try ShopFormat.calendarDate(String(text)) ?? today
        } catch {
            throw KioskError(error, field: ("Datum", "Date"))
        }
    }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/log") { request, _ -> Response in
            _ = try await gate.session(request, roles: KioskGate.ownerRoles)
            return try KioskJSON.response(try DailyLog(day: try day(request), store: store))
        }

        router.get("/export/log.csv") { request, _ -> Response in
            let session = try await gate.session(request, roles: KioskGate.ownerRoles)
            let day = try day(request)
            let csv = try DailyLog(day: day, store: store).csv()
            try await staff.audit.record(.exportCSV, actor: session.account.name, detail: day.iso, at: clock())
            return Response(
                status: .ok,
                headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"inkoopregister-\(day.iso).csv\""],
                body: .init(byteBuffer: ByteBuffer(string: csv)))
        }

        router.get("/export/log.pdf") { request, _ -> Response in
            let session = try await gate.session(request, roles: KioskGate.ownerRoles)
            let day = try day(request)
            let pdf = try await gate.pdf(origin: settings.origin, path: "/print/log", query: "date=\(day.iso)",
                                         filename: "inkoopregister-\(day.iso).pdf")
            try await staff.audit.record(.exportPDF, actor: session.account.name, detail: day.iso, at: clock())
            return pdf
        }

        // The printable day log: for the owner's browser, or once for the PDF renderer with its ticket.
        router.get("/print/log") { request, _ -> Response in
            try await gate.printAccess(request, path: "/print/log", roles: KioskGate.ownerRoles)
            let log = try DailyLog(day: try day(request), store: store)
            return PrintPages.html(PrintPages.dayLog(log, shop: shop.shop, training: settings.training))
        }

        // What waits for upload, printed for the DOR portal by hand (the alert's button; `queue export` for scripts).
        router.get("/print/dor-manual") { request, _ -> Response in
            let session = try await gate.session(request, roles: KioskGate.ownerRoles)
            let jobs = try store.jobs(statuses: [.queued, .sent], limit: .max)
            let forms = jobs.compactMap { ManualEntryForm(job: $0.upload) }
            try await staff.audit.record(.exportPDF, actor: session.account.name, detail: "DOR-invoer, \(forms.count) entries", at: clock())
            return PrintPages.html(PrintPages.manualEntry(forms, shop: shop.shop, training: settings.training))
        }

        router.get("/api/holding") { request, _ -> Response in
            _ = try await gate.session(request, roles: KioskGate.ownerRoles)
            let held = try store.itemsOnHold(on: today).map { item in
                HeldItemView(
                    itemID: item.itemID, entryNumber: item.entryNumber, summary: item.item.summary,
                    category: item.item.category.dutchName, acquiredOn: item.acquiredOn.iso, holdUntil: item.holdUntil?.iso,
                    keptUntil: item.keptUntil?.iso,
                    policeFlagOpen: item.policeFlagOpen,
                    holdOrder: item.holdOrder)
            }
            return try KioskJSON.response(held)
        }

        router.post("/api/sales") { request, _ -> Response in
            let session = try await gate.session(request, roles: KioskGate.ownerRoles)
            let form = try await KioskJSON.decode(SaleRequest.self, from: request, limit: 8192)
            let price: Int?
            do throws(FormatProblem) {
                price = try form.price.flatMap(ShopFormat.cents) ?? form.priceCents
            } catch {
                throw KioskError(error, field: ("Prijs", "Price"))
            }
            let sale = Sale(itemID: form.itemID, soldOn: today, buyerName: form.buyerName, buyerAddress: form.buyerAddress,
                            priceCents: price, paymentMethod: form.paymentMethod, clerk: session.account.name)
            do {
                let id = try store.recordSale(sale, at: clock())
                try await staff.audit.record(.saleRecorded, actor: session.account.name, subject: "item \(form.itemID)", at: clock())
                return try KioskJSON.response(["saleID": id])
            } catch let error as SaleError {
                // The store enforces the holding period and police flags; its message says which.
                throw KioskError(.conflict, Self.dutch(error), en: error.description, code: "sale")
            }
        }

        router.post("/api/police-flags") { request, _ -> Response in
            let session = try await gate.session(request, roles: KioskGate.ownerRoles)
            let form = try await KioskJSON.decode(PoliceFlagRequest.self, from: request, limit: 4096)
            do {
                if form.open {
                    try store.openPoliceFlag(itemID: form.itemID, note: form.note, at: clock())
                } else {
                    try store.closePoliceFlag(itemID: form.itemID, note: form.note, at: clock())
                }
            } catch let error as SaleError {
                throw KioskError(.conflict, Self.dutch(error), en: error.description, code: "flag")
            }
            try await staff.audit.record(form.open ? .policeFlagOpened : .policeFlagClosed, actor: session.account.name,
                                   subject: "item \(form.itemID)", detail: form.note, at: clock())
            return try KioskJSON.ok()
        }

        router.get("/api/uploads") { request, _ -> Response in
            _ = try await gate.session(request, roles: KioskGate.ownerRoles)
            let summary = try store.outboxSummary(now: clock())
            let rejected = try store.jobs(statuses: [.rejected], limit: 200)
            return try KioskJSON.response(UploadsView(
                summary: summary, alerts: try store.alerts(includeAcknowledged: true),
                registerURL: settings.registerURLOverride ?? config.masked.register.url,
                rejected: rejected.map {
                    RejectedUpload(entryNumber: $0.entryNumber, kind: $0.kind, reason: $0.lastError ?? "", attempts: $0.attempts)
                }))
        }

        // `queue retry` from the page: rejected uploads and those waiting out a backoff are sent again now.
        router.post("/api/uploads/retry") { request, _ -> Response in
            let session = try await gate.session(request, roles: KioskGate.ownerRoles)
            let count = try store.retryJobsNow(now: clock())
            try await staff.audit.record(.uploadRetried, actor: session.account.name, subject: "upload queue",
                                   detail: "\(count) jobs", at: clock())
            return try KioskJSON.response(["retried": count])
        }

        router.post("/api/alerts/:id/ack") { request, context -> Response in
            let session = try await gate.session(request, roles: KioskGate.ownerRoles)
            guard let id = context.parameters.get("id", as: Int.self) else { throw KioskError.badRequest("Onbekende melding.") }
            let form = try await KioskJSON.decode(AcknowledgeRequest.self, from: request, limit: 4096)
            do { try store.acknowledgeAlert(id, by: session.account.name, note: form.note, at: clock()) } catch let error as CounterError {
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

        // The owner's day prices of precious metals (per gram of fine metal), typed as "32,80".
        router.get("/api/metal-prices") { request, _ -> Response in
            _ = try await gate.session(request, roles: KioskGate.ownerRoles)
            return try KioskJSON.response(try metalPricesView())
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
            for price in prices { try store.setMetalPrice(price, at: clock()) }
            return try KioskJSON.response(try metalPricesView())
        }

        router.get("/api/audit") { request, _ -> Response in
            _ = try await gate.session(request, roles: KioskGate.ownerRoles)
            let day = request.uri.queryParameters.get("date").flatMap { CalendarDate(iso: String($0)) }
            return try KioskJSON.response(try await staff.audit.events(on: day, limit: 1000).map(AuditView.init))
        }
    }

    static func dutch(_ error: SaleError) -> String {
        switch error {
        case .unknownItem(let id): "Voorwerp \(id) staat niet in het register."
        case .stillOnHold(let id, let until):
            "Voorwerp \(id) valt in de bewaartermijn tot en met \(until.iso): nog niet verkopen, omsmelten of veranderen."
        case .policeFlagOpen(let id): "Voorwerp \(id) heeft een open politiemelding: bewaren tot de politie is geweest."
        case .alreadySold(let id): "Voorwerp \(id) is al verkocht."
        case .missingField(let f):
            "\(["buyerName": "Naam koper", "paymentMethod": "Betaalwijze"][f] ?? f): verplicht voor het verkoopregister."
        case .cashLimit(let v): v.message(.nl, sale: true)
        case .holdOrder(let id, let until, let reference): SaleError.holdOrderMessage(itemID: id, until: until, reference: reference, .nl)
        }
    }
}
