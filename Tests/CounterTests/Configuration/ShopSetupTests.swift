import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// Issue 14, point 4: first start asks for the shop's name, KvK number, vestigingsnummer and municipality, and
/// no entry can be made until they are set; before, every entry carried KvK 00000000 for good.
@Suite("Shop set-up")
struct ShopSetupTests {
    @Test("A KvK number has 8 digits and a vestigingsnummer 12; placeholders and short numbers are refused",
          arguments: [("12345678", true), ("1234", false), ("00000000", false), ("1234567a", false), ("123456789", false),
                      ("01234567", true)])
    func kvk(text: String, valid: Bool) {
        #expect(CounterConfiguration.Shop.isKvKNumber(text) == valid)
    }

    @Test("What is missing is named in form order, each with its words")
    func problems() {
        let empty = CounterConfiguration.Shop(name: "", kvkNumber: "1234", branch: "12", municipality: "")
        #expect(empty.problems == [.nameMissing, .kvkNumber, .branch, .municipalityMissing])
        #expect(empty.problems.map(\.key) == ["shop.name", "shop.kvkNumber", "shop.branch", "shop.municipality"])
        #expect(ShopProblem.kvkNumber.message.message.contains("8 cijfers"))
        let typed = CounterConfiguration.Shop.typed(name: " Goud & Zo ", kvkNumber: "1234 5678", branch: "0000.1234.5678",
                                                    municipality: "Deventer")
        #expect(typed.isReady)
        #expect(typed.shopID == "12345678/000012345678")
        #expect(CounterConfiguration.defaults.shop.isReady == false)
    }

    @Test("The register takes no entry until the shop is set up; then entries carry its id, and the set-up is audited")
    func registerWaitsForTheShop() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let data = DataFolder(path: folder.path)
        let (config, store) = try data.openRegister()
        #expect(!config.shop.isReady)
        #expect(throws: RegisterStoreError.shopNotSetUp) { try store.append(Fixtures.intake(), at: Fixtures.tuesday) }
        #expect(try store.entryCount() == 0)
        try ShopSetup.apply(Fixtures.shop, dataFolder: data, store: store, by: "Olga", at: Fixtures.tuesday)
        let entry = try store.append(Fixtures.intake(), at: Fixtures.tuesday)
        #expect(entry.shopID == "12345678/000012345678")
        #expect(try store.auditEvents(on: nil, limit: 10).contains { $0.action == "shop.setUp" && $0.actor == "Olga" })
        // Opened again, the folder is ready: config.json holds the shop.
        let (reopened, _) = try data.openRegister()
        #expect(reopened.shop == Fixtures.shop)
    }

    @Test("Setting the shop keeps every other setting of config.json, and writes a known municipality's hold period")
    func keepsOtherSettings() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let data = DataFolder(path: folder.path)
        try #"{"register": {"url": "https://dor.example/api"}, "photos": {"maxPerItem": 3}}"#
            .write(toFile: data.configPath, atomically: true, encoding: .utf8)
        let config = try ShopSetup.save(Fixtures.shop, dataFolder: data)
        #expect(config.register.url == "https://dor.example/api")
        #expect(config.photos.maxPerItem == 3)
        #expect(config.holdingPeriod == HoldingPolicy(length: 3, unit: .days))  // Deventer's APV
        #expect(throws: ShopProblem.kvkNumber) {
            try ShopSetup.save(.init(name: "X", kvkNumber: "1234", branch: "000012345678", municipality: "Utrecht"), dataFolder: data)
        }
        // A corrupt file is never overwritten.
        try "{ not json".write(toFile: data.configPath, atomically: true, encoding: .utf8)
        #expect(throws: ConfigurationError.self) { try ShopSetup.save(Fixtures.shop, dataFolder: data) }
        #expect(try String(contentsOfFile: data.configPath, encoding: .utf8) == "{ not json")
    }
}
