import Counter
import Foundation
import Hummingbird

/// The sales register (verkoopregister, APV art. 2:67) on either backend: the owner records a sale; the store
/// refuses an item that must still be kept (holding period, police flag, hold order), sold before, or paid
/// €3 000 or more in cash by one buyer, and audits the sale in the same transaction.
struct SaleRoutes: Sendable {
    let gate: KioskGate
    let store: any RegisterStorage

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

    func add(to router: Router<BasicRequestContext>) {
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
                let id = try await store.recordSale(sale, at: clock())
                return try KioskJSON.response(["saleID": id])
            } catch let error as SaleError {
                // The store enforces the holding period and police flags; its message says which.
                throw KioskError(.conflict, error.message(.nl), en: error.message(.en), code: "sale")
            }
        }
    }
}
