import Counter
import Foundation
import Hummingbird

/// The shop's name, KvK number, branch number and municipality (first start): shown to the owner and the
/// technician, set by them. Until set, the register takes no entry (``CounterConfiguration/Shop/isReady``).
struct ShopRoutes: Sendable {
    let gate: KioskGate
    let store: SQLiteRegisterStore
    let dataFolder: DataFolder
    let shop: ShopBox

    struct ShopView: Encodable {
        var name: String
        var kvkNumber: String
        var branch: String
        var municipality: String
        var ready: Bool
        var problems: [Problem]
        /// Municipalities whose APV hold period Counter knows (the form offers them; any other can be typed).
        var municipalities: [String]
    }
    struct Problem: Encodable {
        var key: String
        var message: WordedMessage
    }
    struct ShopForm: Decodable {
        var name: String
        var kvkNumber: String
        var branch: String
        var municipality: String
    }

    static func view(_ shop: CounterConfiguration.Shop) -> ShopView {
        ShopView(name: shop.name, kvkNumber: shop.kvkNumber, branch: shop.branch ?? "", municipality: shop.municipality,
                 ready: shop.isReady, problems: shop.problems.map { Problem(key: $0.key, message: $0.message) },
                 municipalities: MunicipalityPreset.names)
    }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/shop") { request, _ -> Response in
            _ = try await gate.session(request, roles: KioskGate.technicianRoles)
            return try KioskJSON.response(Self.view(shop.shop))
        }
        router.post("/api/shop") { request, _ -> Response in
            let session = try await gate.session(request, roles: KioskGate.technicianRoles)
            let form = try await KioskJSON.decode(ShopForm.self, from: request, limit: 4096)
            let typed = CounterConfiguration.Shop.typed(name: form.name, kvkNumber: form.kvkNumber, branch: form.branch,
                                                        municipality: form.municipality)
            // Every problem at once, each at its field.
            if !typed.isReady { return try KioskJSON.response(Self.view(typed), status: .unprocessableContent) }
            do {
                try ShopSetup.apply(typed, dataFolder: dataFolder, store: store, by: session.account.name, at: gate.clock())
            } catch let error as ConfigurationError {
                throw KioskError(.serviceUnavailable, "config.json kan niet worden geschreven: \(error.description)",
                                 en: "config.json cannot be written: \(error.description)", code: "config")
            }
            shop.shop = typed
            return try KioskJSON.response(Self.view(typed))
        }
    }
}
