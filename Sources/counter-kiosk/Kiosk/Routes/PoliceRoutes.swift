import Counter
import Foundation
import Hummingbird

/// What the owner's police page shows: running hold orders, open written notices, unanswered information
/// requests with their deadline (and what ended or was answered lately).
struct PoliceView: Encodable {
    struct Request: Encodable {
        var request: InformationRequest
        var selection: String
        var entries: Int
        var overdue: Bool
        var daysLeft: Int
    }
    var holdOrders: [HoldOrder]
    var notices: [PoliceNotice]
    var requests: [Request]
    var today: String

    /// "serienummer X · document Y · 2026-01-01 t/m 2026-01-31".
    static func selectionText(_ s: InformationRequest.Selection) -> String {
        var parts: [String] = []
        if let v = s.identifier, !v.isEmpty { parts.append("serienummer \(v)") }
        if let v = s.documentNumber, !v.isEmpty { parts.append("document \(v)\(s.issuingCountry.map { " (\($0))" } ?? "")") }
        if s.from != nil || s.to != nil { parts.append("\(s.from?.iso ?? "…") t/m \(s.to?.iso ?? "…")") }
        return parts.joined(separator: " · ")
    }
}

/// The owner's police pages (art. 437 lid 1 Sr): hold orders (f), written notices (e), information requests (g)
/// with their CSV and PDF answers. The rules are the engine's; this only carries them.
struct PoliceRoutes: Sendable {
    let gate: KioskGate
    let store: any RegisterStorage
    let settings: KioskServer.Settings
    let shop: ShopBox

    var clock: @Sendable () -> Date { gate.clock }
    var today: CalendarDate { CalendarDate(clock()) }

    struct HoldOrderForm: Decodable {
        var itemID: String
        var orderedOn: TypedDate?
        var until: TypedDate?
        var officer: String
        var reference: String
        var note: String?
    }
    struct NoticeForm: Decodable {
        var reference: String
        var officer: String
        var receivedOn: TypedDate?
        var identifier: String?
        var brand: String?
        var description: String
    }
    struct RequestForm: Decodable {
        var reference: String
        var officer: String
        var receivedOn: TypedDate?
        var deadline: TypedDate?
        var selection: SelectionForm
    }
    struct SelectionForm: Decodable {
        var identifier: String?
        var documentNumber: String?
        var issuingCountry: String?
        var from: TypedDate?
        var to: TypedDate?

        func selection() throws -> InformationRequest.Selection {
            InformationRequest.Selection(identifier: identifier, documentNumber: documentNumber, issuingCountry: issuingCountry,
                                         from: try from.date(("Vanaf", "From")), to: try to.date(("Tot en met", "To")))
        }
    }
    static let untilField = ("Bewaren t/m", "Keep until")
    static let deadlineField = ("Uiterlijk", "Deadline")
    struct NoteForm: Decodable { var note: String? }

    func view() async throws -> PoliceView {
        let today = self.today
        var requests: [PoliceView.Request] = []
        for request in try await store.informationRequests(includeAnswered: false) {
            requests.append(PoliceView.Request(
                request: request, selection: PoliceView.selectionText(request.selection),
                entries: (try? await store.entries(selectedBy: request.selection).count) ?? 0,
                overdue: request.isOverdue(on: today), daysLeft: request.deadline.dayNumber - today.dayNumber))
        }
        return PoliceView(holdOrders: try await store.holdOrders(runningOn: today),
                          notices: try await store.policeNotices(includeClosed: false), requests: requests, today: today.iso)
    }

    /// The engine's refusal in both languages.
    static func refusal(_ error: PoliceError) -> KioskError {
        let status: HTTPResponse.Status = switch error {
        case .unknownItem, .notFound: .notFound
        default: .unprocessableContent
        }
        return KioskError(status, error.message(.nl), en: error.message(.en), code: error.code.rawValue)
    }

    /// Runs a police write, turning the engine's refusals into answers the page shows; answers the updated view.
    func perform(_ body: () async throws -> Void) async throws -> Response {
        do { try await body() } catch let error as PoliceError { throw Self.refusal(error) }
        return try KioskJSON.response(try await view())
    }

    func answer(_ id: Int) async throws -> InformationAnswer {
        guard let request = try await store.informationRequest(id) else { throw Self.refusal(.notFound(id)) }
        return InformationAnswer(request: request, entries: try await store.entries(selectedBy: request.selection))
    }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/police") { request, _ -> Response in
            _ = try await gate.session(request, roles: KioskGate.ownerRoles)
            return try KioskJSON.response(try await view())
        }
        router.post("/api/police/hold-orders") { request, _ -> Response in
            let session = try await gate.session(request, roles: KioskGate.ownerRoles)
            let form = try await KioskJSON.decode(HoldOrderForm.self, from: request, limit: 4096)
            let orderedOn = try form.orderedOn.date(("Opgelegd op", "Ordered on")) ?? today
            guard let until = try form.until.date(Self.untilField) else { throw Self.refusal(.missingField("until")) }
            return try await perform {
                try await store.addHoldOrder(itemID: form.itemID.trimmingCharacters(in: .whitespaces), orderedOn: orderedOn,
                                       until: until, officer: form.officer, reference: form.reference, note: form.note ?? "",
                                       by: session.account.name, at: clock())
            }
        }
        router.post("/api/police/hold-orders/:id/lift") { request, context -> Response in
            let session = try await gate.session(request, roles: KioskGate.ownerRoles)
            let id = try Self.id(context)
            let form = try await KioskJSON.decode(NoteForm.self, from: request, limit: 4096)
            return try await perform { try await store.liftHoldOrder(id, note: form.note ?? "", by: session.account.name, at: clock()) }
        }
        router.post("/api/police/notices") { request, _ -> Response in
            let session = try await gate.session(request, roles: KioskGate.ownerRoles)
            let form = try await KioskJSON.decode(NoticeForm.self, from: request, limit: 4096)
            let receivedOn = try form.receivedOn.date(("Ontvangen", "Received")) ?? today
            return try await perform {
                _ = try await store.addPoliceNotice(
                    reference: form.reference, officer: form.officer, receivedOn: receivedOn,
                    identifier: form.identifier, brand: form.brand, description: form.description,
                    by: session.account.name, at: clock())
            }
        }
        router.post("/api/police/notices/:id/close") { request, context -> Response in
            let session = try await gate.session(request, roles: KioskGate.ownerRoles)
            let id = try Self.id(context)
            let form = try await KioskJSON.decode(NoteForm.self, from: request, limit: 4096)
            return try await perform { try await store.closePoliceNotice(id, note: form.note ?? "", by: session.account.name, at: clock()) }
        }
        router.post("/api/police/requests") { request, _ -> Response in
            let session = try await gate.session(request, roles: KioskGate.ownerRoles)
            let form = try await KioskJSON.decode(RequestForm.self, from: request, limit: 4096)
            let receivedOn = try form.receivedOn.date(("Ontvangen", "Received")) ?? today
            guard let deadline = try form.deadline.date(Self.deadlineField) else { throw Self.refusal(.missingField("deadline")) }
            let selection = try form.selection.selection()
            return try await perform {
                try await store.addInformationRequest(reference: form.reference, officer: form.officer,
                                                receivedOn: receivedOn, deadline: deadline,
                                                selection: selection, by: session.account.name, at: clock())
            }
        }
        router.post("/api/police/requests/:id/answer") { request, context -> Response in
            let session = try await gate.session(request, roles: KioskGate.ownerRoles)
            let id = try Self.id(context)
            let form = try await KioskJSON.decode(NoteForm.self, from: request, limit: 4096)
            return try await perform { try await store.answerInformationRequest(id, note: form.note ?? "", by: session.account.name, at: clock()) }
        }
        router.get("/export/police-request/:id/csv") { request, context -> Response in
            let session = try await gate.session(request, roles: KioskGate.ownerRoles)
            let answer = try await answer(try Self.id(context))
            try await AuditLog(store: store).record(.informationRequestExported, actor: session.account.name,
                                              subject: "request \(answer.request.id)", detail: "CSV, \(answer.rows.count) entries", at: clock())
            return Response(
                status: .ok,
                headers: [.contentType: "text/csv; charset=utf-8",
                          .contentDisposition: "attachment; filename=\"informatieverzoek-\(answer.request.id).csv\""],
                body: .init(byteBuffer: ByteBuffer(string: answer.csv())))
        }
        router.get("/export/police-request/:id/pdf") { request, context -> Response in
            let session = try await gate.session(request, roles: KioskGate.ownerRoles)
            let id = try Self.id(context)
            let answer = try await answer(id)
            let pdf = try await gate.pdf(origin: settings.origin, path: "/print/police-request/\(id)",
                                         filename: "informatieverzoek-\(id).pdf")
            try await AuditLog(store: store).record(.informationRequestExported, actor: session.account.name,
                                              subject: "request \(id)", detail: "PDF, \(answer.rows.count) entries", at: clock())
            return pdf
        }
        router.get("/print/police-request/:id") { request, context -> Response in
            let id = try Self.id(context)
            try await gate.printAccess(request, path: "/print/police-request/\(id)", roles: KioskGate.ownerRoles)
            return PrintPages.html(PrintPages.informationAnswer(try await answer(id), shop: shop.shop, training: settings.training))
        }
    }

    static func id(_ context: BasicRequestContext) throws -> Int {
        guard let id = context.parameters.get("id", as: Int.self) else {
            throw KioskError.badRequest("Onbekende politiezaak.", en: "Unknown police matter.")
        }
        return id
    }
}
