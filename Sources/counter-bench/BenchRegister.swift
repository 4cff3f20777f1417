import Counter
import Foundation

/// A fresh register in a temporary folder and a typical intake, for the benchmarks that write entries.
struct BenchRegister {
    let folder: String
    let store: SQLiteRegisterStore

    /// One purchase of a phone from a passport holder.
    static let intake = Intake(
        clerk: "Bench", kind: .purchase, priceCents: 10_000, paymentMethod: .bankTransfer,
        seller: Seller(surname: "Jansen", givenNames: "Piet",
                       address: Address(street: "Dorpsstraat", houseNumber: "1", postcode: "1234 AB", city: "Utrecht"),
                       birthDate: CalendarDate(iso: "1980-01-01")!,
                       document: IdentityDocument(kind: .passport, number: "NWLFR3706", issuingCountry: "NLD",
                                                  expiryDate: CalendarDate(iso: "2035-01-01"))),
        items: [RegisterItem(category: .mobilePhone, brand: "Samsung", model: "Galaxy S21",
                             imei: "356938035643809", description: "Samsung Galaxy S21")])

    /// - Parameter name: part of the folder's name (`counter-bench-NAME-…`).
    /// - Parameter folder: a folder to use (and keep) instead of a fresh temporary one.
    init(_ name: String, folder given: String? = nil) throws {
        folder = given ?? NSTemporaryDirectory() + "counter-bench-\(name)-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        store = try SQLiteRegisterStore(
            path: folder + "/register.sqlite",
            settings: .init(shopID: "12345678/000012345678", sellerKeySecret: Data(repeating: 1, count: 32)))
    }

    /// Deletes the folder.
    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}
