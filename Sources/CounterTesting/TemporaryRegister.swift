import CounterCore
import Foundation

/// A shop's data folder in a temporary directory: the shop set up, the register open, accounts at hand. For
/// embedders' tests and examples; ``remove()`` deletes it.
public struct TemporaryRegister: Sendable {
    /// A shop for tests: Goud & Zo in Deventer.
    public static let shop = CounterConfiguration.Shop(name: "Goud & Zo", kvkNumber: "12345678", branch: "000012345678",
                                                       municipality: "Deventer")

    public let folder: DataFolder
    public let configuration: CounterConfiguration
    public let store: SQLiteRegisterStore
    /// Accounts with fast PIN hashing (tests only: a real shop keeps the slow default).
    public let staff: StaffDirectory

    /// A new data folder with `shop` set up and an empty register.
    public init(shop: CounterConfiguration.Shop = TemporaryRegister.shop) throws {
        folder = DataFolder(path: NSTemporaryDirectory() + "counter-testing-" + UUID().uuidString)
        try folder.create()
        try ShopSetup.save(shop, dataFolder: folder)
        (configuration, store) = try folder.openRegister()
        staff = StaffDirectory(store: store, iterations: 100)
    }

    /// Imports a stolen-goods list with these serials (the hotlist a ``StolenGoodsChecker`` follows).
    public func importHotlist(_ serials: [String]) throws {
        try FileManager.default.createDirectory(atPath: folder.hotlistPath, withIntermediateDirectories: true)
        let feed = folder.path + "/hotlist-feed.csv"
        try ("serial,brand\n" + serials.map { "\($0),\n" }.joined()).write(toFile: feed, atomically: true, encoding: .utf8)
        _ = try HotlistImporter.importFeed(feed, into: folder.hotlistPath + "/hotlist.bin")
    }

    /// A checker over this folder's hotlist and `remote` (none: the hotlist alone).
    public func checker(remote: (any StolenGoodsService)? = nil) -> StolenGoodsChecker {
        StolenGoodsChecker(hotlistFolder: folder.hotlistPath, remote: remote, watchList: store)
    }

    /// Deletes the folder.
    public func remove() { try? FileManager.default.removeItem(atPath: folder.path) }
}
