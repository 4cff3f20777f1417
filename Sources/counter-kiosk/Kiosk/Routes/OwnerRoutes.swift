import Counter
import Foundation
import Hummingbird

/// The owner's exports and prints of the register, on either backend: the day log as CSV, PDF and print page,
/// and what waits for upload as the DOR portal's manual form.
struct OwnerRoutes: Sendable {
    let gate: KioskGate
    let store: any RegisterStorage
    let staff: StaffDirectory
    let settings: KioskServer.Settings
    let config: CounterConfiguration
    let shop: ShopBox

    var clock: @Sendable () -> Date { gate.clock }
    var today: CalendarDate { CalendarDate(clock()) }

    func day(_ request: Request) throws -> CalendarDate { try Self.day(request, today: today) }

    /// The day a page asks for (`?date=`, typed as the clerk types it), or the shop's `today`.
    static func day(_ request: Request, today: CalendarDate) throws -> CalendarDate {
        guard let text = request.uri.queryParameters.get("date"), !text.isEmpty else { return today }
        do throws(FormatProblem) {
            return try ShopFormat.calendarDate(String(text)) ?? today
        } catch {
            throw KioskError(error, field: ("Datum", "Date"))
        }
    }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/export/log.csv") { request, _ -> Response in
            let session = try await gate.session(request, roles: KioskGate.ownerRoles)
            let day = try day(request)
            let csv = try await DailyLog.of(day, in: store).csv()
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
            let log = try await DailyLog.of(try day(request), in: store)
            return PrintPages.html(PrintPages.dayLog(log, shop: shop.shop, training: settings.training))
        }

        // What waits for upload, printed for the DOR portal by hand (the alert's button; `queue export` for scripts).
        router.get("/print/dor-manual") { request, _ -> Response in
            let session = try await gate.session(request, roles: KioskGate.ownerRoles)
            let jobs = try await store.jobs(statuses: [.queued, .sent], limit: .max)
            let forms = jobs.compactMap { ManualEntryForm(job: $0.upload) }
            try await staff.audit.record(.exportPDF, actor: session.account.name, detail: "DOR-invoer, \(forms.count) entries", at: clock())
            return PrintPages.html(PrintPages.manualEntry(forms, shop: shop.shop, training: settings.training))
        }
    }
}
