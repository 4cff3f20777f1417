import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// Issue 14: "for jewellery and precious-metal items, the counter shows the metal value next to the offer,
/// computed as weight × fineness × the owner's day price per gram."
@Suite("Precious metals: the owner's day price and the metal value")
struct MetalValueTests {
    @Test("Hallmarks read as thousandths", arguments: [
        ("585", 585), ("750", 750), ("925", 925), ("999", 999), ("14K", 583), ("18 kt", 750), ("24k", 1000),
        ("0,585", 585), ("0.75", 750), ("1001", nil), ("25K", nil), ("abc", nil), ("", nil),
    ] as [(String, Int?)])
    func fineness(text: String, expected: Int?) {
        #expect(PreciousMetal.perMille(fineness: text) == expected)
    }

    @Test("Materials name their metal; gold-plated is not gold")
    func materials() {
        #expect(PreciousMetal(material: "Geelgoud") == .gold)
        #expect(PreciousMetal(material: "witgoud") == .gold)
        #expect(PreciousMetal(material: "sterling zilver") == .silver)
        #expect(PreciousMetal(material: "platina") == .platinum)
        #expect(PreciousMetal(material: "doublé") == nil)
        #expect(PreciousMetal(material: "verguld zilver") == nil)
        #expect(PreciousMetal(material: "staal") == nil)
    }

    @Test("3,2 g of 585 gold at € 32,80 a gram of fine gold is worth € 61,40; an old price says so")
    func value() throws {
        let today = CalendarDate(iso: "2026-12-06")!
        let gold = MetalPrice(metal: .gold, centsPerGram: 3_280, day: today, setBy: "Piet")
        let value = try #require(MetalValue.of(material: "geelgoud", fineness: "585", weightMilligrams: 3_200,
                                               prices: [.gold: gold], today: today))
        #expect(value.cents == 6_140)  // 3,2 × 0,585 × 32,80 = 61,4016
        #expect(!value.priceIsOld)
        #expect(MetalValue.of(material: "geelgoud", fineness: "585", weightMilligrams: 3_200, prices: [.gold: gold],
                              today: today.adding(days: 1))?.priceIsOld == true)
        #expect(MetalValue.of(material: "zilver", fineness: "925", weightMilligrams: 3_200, prices: [.gold: gold], today: today) == nil)
        #expect(MetalValue.of(material: "geelgoud", fineness: "?", weightMilligrams: 3_200, prices: [.gold: gold], today: today) == nil)
        #expect(MetalValue.of(material: "geelgoud", fineness: "585", weightMilligrams: nil, prices: [.gold: gold], today: today) == nil)
    }

    @Test("The store keeps the prices as a history, the newest per metal counts, each audited")
    func storedPrices() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        #expect(try store.metalPrices().isEmpty)
        let monday = CalendarDate(iso: "2026-12-07")!
        try store.setMetalPrice(MetalPrice(metal: .gold, centsPerGram: 3_280, day: monday, setBy: "Piet"), at: Fixtures.tuesday)
        try store.setMetalPrice(MetalPrice(metal: .silver, centsPerGram: 75, day: monday, setBy: "Piet"), at: Fixtures.tuesday)
        try store.setMetalPrice(MetalPrice(metal: .gold, centsPerGram: 3_310, day: monday, setBy: "Piet"), at: Fixtures.tuesday)
        let prices = try store.metalPrices()
        #expect(prices[.gold]?.centsPerGram == 3_310 && prices[.silver]?.centsPerGram == 75 && prices[.platinum] == nil)
        let audit = try await AuditLog(store: store).events(on: nil, limit: 10)
        #expect(audit.filter { $0.action == AuditAction.metalPriceSet.rawValue }.count == 3)
    }
}
