import Counter
import Foundation
import Hummingbird

/// The owner's register: search (``RegisterSearch``), an entry's detail with its reprint, a correction with the
/// owner's PIN, and one period's full register for an inspector (``RegisterExport``) as CSV, PDF or print page.
/// The rules are the engine's; this only carries them.
struct EntryRoutes: Sendable {
    let gate: KioskGate
    let engine: CounterEngine
    /// The register, on either backend.
    let store: any RegisterStorage
    let settings: KioskServer.Settings
    let shop: ShopBox

    var clock: @Sendable () -> Date { gate.clock }
    var today: CalendarDate { CalendarDate(clock()) }

    /// An entry's detail as the page shows it.
    struct DetailView: Encodable {
        var detail: RegisterEntryDetail
        /// The fields as the correction form shows them first; nil once the identity was erased.
        var correctionForm: CorrectionForm?
        /// Whether this entry can be corrected now: the newest of its chain, its identity kept.
        var correctable: Bool
    }

    struct CorrectionRequest: Decodable {
        var form: CorrectionForm
        var reason: String
        var owner: String
        var pin: String
    }

    /// A search from the query string (`serial`, `seller`, `document`, `from`, `to`, `clerk`, `category`, `status`).
    func query(_ request: Request) throws -> RegisterSearch {
        let q = request.uri.queryParameters
        func text(_ name: String) -> String? { q.get(name).map { String($0) }.flatMap { $0.isEmpty ? nil : $0 } }
        func day(_ name: String, _ field: (nl: String, en: String)) throws -> CalendarDate? {
            guard let value = text(name) else { return nil }
            do throws(FormatProblem) { return try ShopFormat.calendarDate(value) } catch { throw KioskError(error, field: field) }
        }
        return RegisterSearch(
            serial: text("serial"), seller: text("seller"), documentNumber: text("document"),
            from: try day("from", ("Van", "From")), to: try day("to", ("Tot en met", "To")), clerk: text("clerk"),
            category: text("category").flatMap(ItemCategory.init(rawValue:)),
            checkStatus: text("status").flatMap(ItemCheckStatus.init(rawValue:)),
            limit: text("limit").flatMap(Int.init) ?? 200)
    }

    func period(_ request: Request) async throws -> RegisterExport {
        let q = try query(request)
        guard let from = q.from, let to = q.to else {
            throw KioskError(.unprocessableContent, CounterMessages.text(.formatNotADate, .nl),
                             en: CounterMessages.text(.formatNotADate, .en), code: CounterMessages.Code.formatNotADate.rawValue)
        }
        return try await refusing { try await RegisterExport.read(from: store, from: from, to: to, today: today) }
    }

    func refusing<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as RegisterQueryError {
            throw KioskError(.unprocessableContent, error.message(.nl), en: error.message(.en), code: error.code.rawValue)
        }
    }

    static func number(_ context: BasicRequestContext) throws -> Int {
        guard let number = context.parameters.get("number", as: Int.self) else {
            throw KioskError(.notFound, CounterMessages.text(.entryNotFound, .nl, ["entry": "?"]),
                             en: CounterMessages.text(.entryNotFound, .en, ["entry": "?"]), code: CounterMessages.Code.entryNotFound.rawValue)
        }
        return number
    }

    func detailView(_ number: Int) async throws -> DetailView {
        guard let detail = try await store.entryDetail(number: number, today: today) else {
            let error = CounterError(.entryNotFound, parameters: ["entry": String(number)])
            throw KioskError(.notFound, error.message(.nl), en: error.message(.en), code: error.code.rawValue)
        }
        return DetailView(detail: detail, correctionForm: detail.correctionForm,
                          correctable: detail.current == number && detail.entry.seller != nil)
    }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/search") { request, _ -> Response in
            _ = try await gate.session(request, roles: KioskGate.ownerRoles)
            let search = try query(request)
            return try KioskJSON.response(try await refusing { try await store.search(search) })
        }

        router.get("/api/entries/:number") { request, context -> Response in
            _ = try await gate.session(request, roles: KioskGate.ownerRoles)
            return try KioskJSON.response(try await detailView(try Self.number(context)))
        }

        router.post("/api/entries/:number/correction") { request, context -> Response in
            _ = try await gate.session(request, roles: KioskGate.ownerRoles)
            let number = try Self.number(context)
            let form = try await KioskJSON.decode(CorrectionRequest.self, from: request, limit: 64 * 1024)
            guard let old = try await store.entry(number: number) else { _ = try await detailView(number); throw KioskError.internalError }
            do {
                let intake = try form.form.intake(correcting: old)
                let entry = try await engine.correct(entry: number, with: intake, reason: form.reason,
                                                     owner: OwnerAuthorization(name: form.owner, pin: form.pin))
                return try KioskJSON.response(try await detailView(entry.entryNumber))
            } catch let error as CounterError {
                throw KioskError(error)
            } catch let error as IntakeError {
                throw KioskError(error, code: "intake:\(error.field ?? "")")
            } catch let error as StaffError {
                throw KioskError(error)
            } catch let error as RegisterStoreError {
                throw KioskError(error)
            }
        }

        router.get("/export/register.csv") { request, _ -> Response in
            let session = try await gate.session(request, roles: KioskGate.ownerRoles)
            let export = try await period(request)
            try await engine.parts.staff.audit.record(.exportCSV, actor: session.account.name, subject: "register",
                                                detail: "\(export.from.iso)…\(export.to.iso), \(export.entryCount) entries", at: clock())
            return Response(
                status: .ok,
                headers: [.contentType: "text/csv; charset=utf-8",
                          .contentDisposition: "attachment; filename=\"inkoopregister-\(export.from.iso)-\(export.to.iso).csv\""],
                body: .init(byteBuffer: ByteBuffer(string: export.csv())))
        }

        router.get("/export/register.pdf") { request, _ -> Response in
            let session = try await gate.session(request, roles: KioskGate.ownerRoles)
            let export = try await period(request)
            let pdf = try await gate.pdf(origin: settings.origin, path: "/print/register",
                                         query: "from=\(export.from.iso)&to=\(export.to.iso)",
                                         filename: "inkoopregister-\(export.from.iso)-\(export.to.iso).pdf")
            try await engine.parts.staff.audit.record(.exportPDF, actor: session.account.name, subject: "register",
                                                detail: "\(export.from.iso)…\(export.to.iso), \(export.entryCount) entries", at: clock())
            return pdf
        }

        // One entry as filed or handed over: A4, or with `receipt=1` an 80 mm receipt (its own stylesheet, since
        // Chromium sizes a printed page from the unnamed @page rule only). Staff print what they registered.
        router.get("/print/entry/:number") { request, context -> Response in
            let number = try Self.number(context)
            try await gate.printAccess(request, path: "/print/entry/\(number)", roles: KioskGate.counterRoles)
            guard let entry = try await store.entry(number: number) else { _ = try await detailView(number); throw KioskError.internalError }
            let checks = try await store.latestChecks(entryNumbers: [number])
            return PrintPages.html(PrintPages.entry(entry, checks: checks, shop: shop.shop, training: settings.training,
                                                    receipt: request.uri.queryParameters.get("receipt") == "1"))
        }

        // The 80 mm receipt as a PDF (for a receipt printer that prints PDFs, or to send): 80 mm wide.
        router.get("/export/entry/:number/receipt.pdf") { request, context -> Response in
            _ = try await gate.session(request, roles: KioskGate.counterRoles)
            let number = try Self.number(context)
            guard try await store.entry(number: number) != nil else { _ = try await detailView(number); throw KioskError.internalError }
            return try await gate.pdf(origin: settings.origin, path: "/print/entry/\(number)", query: "receipt=1",
                                      filename: "bon-\(number).pdf")
        }

        // The printable register: for the owner's browser, or once for the PDF renderer with its ticket.
        router.get("/print/register") { request, _ -> Response in
            try await gate.printAccess(request, path: "/print/register", roles: KioskGate.ownerRoles)
            return PrintPages.html(PrintPages.register(try await period(request), shop: shop.shop, training: settings.training))
        }
    }
}
