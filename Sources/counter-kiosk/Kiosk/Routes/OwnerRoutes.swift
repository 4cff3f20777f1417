import Counter
import Foundation
import GRDB
import Hummingbird

/// The owner's pages that read the data folder's register file: day log and exports, holding list and sales,
/// police flags (``OwnerStorageRoutes`` has those that work on either backend).
struct OwnerRoutes: Sendable {
    let gate: KioskGate
    let store: SQLiteRegisterStore
    let staff: StaffDirectory
    let settings: KioskServer.Settings
    let config: CounterConfiguration
    let shop: ShopBox

    var clock: @Sendable () -> Date { gate.clock }
    var today: CalendarDate { CalendarDate(clock()) }

    struct SaleRequest: Decodable {
        var itemID: String
        var buyerName: String
        var buyerAddress: Address?
        var priceCents: Int?
        /// The price as typed (`12,50`), read by ``ShopFormat/cents(_:)``; wins over `priceCents`.
        var price: String?
        var paymentMethod: PaymentMethod?
    }

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
