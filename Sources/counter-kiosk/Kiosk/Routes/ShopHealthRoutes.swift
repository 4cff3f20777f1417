import Counter
import Foundation
import Hummingbird

/// The shop PC's health for the owner (`counter-kiosk doctor`'s lines, in the page's language): the data folder,
/// the register as the kiosk last checked it, the disk, the scanners, the clock, the last backup (a warning after
/// 24 hours), the uploads, the stolen-goods list and the certificate.
struct ShopHealthRoutes: Sendable {
    let gate: KioskGate
    let store: any RegisterStorage
    /// The kiosk's checker: its list is the one judged (not the file read again).
    let checker: StolenGoodsChecker
    let dataFolder: DataFolder
    let configuration: CounterConfiguration
    let sysfsRoot: String

    struct View: Encodable {
        var lines: [HealthCheck]
    }

    func lines() async -> [HealthCheck] {
        await ShopHealth.report(folder: dataFolder, configuration: configuration, store: store, checker: checker, verify: false,
                                scanners: ScannerDiscovery(root: sysfsRoot).devices(), now: gate.clock())
    }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/owner/health") { request, _ -> Response in
            _ = try await gate.session(request, roles: KioskGate.ownerRoles)
            return try KioskJSON.response(View(lines: await lines()))
        }
    }
}
