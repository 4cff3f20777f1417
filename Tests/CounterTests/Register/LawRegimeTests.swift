import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// Issue 13: today's rules (art. 437 Sr, the APV's hold period) or bill 36 036 from its start date, switched by
/// configuration, on the day, without a restart (`../shared/brief/law-2026.md`: the bill has not passed).
@Suite("Law regimes: today's art. 437 Sr with the APV, or bill 36 036 from its start date")
struct LawRegimeTests {
    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    @Test("Before the bill's date today's rules apply, from it the bill's: 5 working days, ID of every seller, DOR mandatory")
    func rulesByDay() {
        let regime = LawRegime(name: .bill36036, from: Self.day("2027-07-01"), apvHolding: MunicipalityPreset.policy(for: "Deventer")!)
        let before = regime.rules(on: Self.day("2027-06-30"))
        #expect(before.regime == .current && before.holding == HoldingPolicy(length: 3, unit: .days))
        #expect(before.documentRule == .sellerDocumentAPV && !before.requiresDORUpload)
        let after = regime.rules(on: Self.day("2027-07-01"))
        #expect(after.regime == .bill36036 && after.holding == .billDefault)
        #expect(after.documentRule == .sellerDocumentBill && after.requiresDORUpload)
        #expect(LawRegime(name: .current, apvHolding: .billDefault).rules(on: Self.day("2030-01-01")).regime == .current)
    }

    @Test("One store, no restart: the entry of the day before the bill keeps the APV's 3 days, the next day's gets 5 working days")
    func switchesWithoutRestart() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let regime = LawRegime(name: .bill36036, from: Self.day("2027-07-01"), apvHolding: MunicipalityPreset.policy(for: "Deventer")!)
        let store = try SQLiteRegisterStore(path: folder.path + "/register.sqlite", settings: .init(
            shopID: Fixtures.shopID, validator: IntakeValidator(law: regime), sellerKeySecret: Fixtures.secret, law: regime))
        let at = { (iso: String) in ShopTimestamp().date(from: iso + "T10:00:00+02:00")! }
        let wednesday = try store.append(Fixtures.intake(), at: at("2027-06-30"))
        let thursday = try store.append(Fixtures.intake(serial: "SN-2"), at: at("2027-07-01"))
        #expect(wednesday.items[0].holdUntil == Self.day("2027-07-03"))  // three calendar days
        #expect(thursday.items[0].holdUntil == Self.day("2027-07-08"))   // Fri, Mon, Tue, Wed, Thu
        var noDocument = Fixtures.intake(serial: "SN-3")
        noDocument.seller.document.number = ""
        #expect(throws: IntakeError.required("seller.document.number", rule: .sellerDocumentBill)) {
            try store.append(noDocument, at: at("2027-07-02"))
        }
    }

    @Test("Configuration: municipality presets (Deventer 3 … Hilversum 14), 'other' with days or working days, the bill needs its date")
    func configuration() throws {
        func load(_ json: String) throws -> CounterConfiguration {
            try JSONDecoder().decode(CounterConfiguration.self, from: Data(json.utf8))
        }
        #expect(try load(#"{"holdingPeriod": {"municipality": "Hilversum"}}"#).holdingPeriod == HoldingPolicy(length: 14, unit: .days))
        #expect(try load(#"{"holdingPeriod": {"municipality": "wijk bij duurstede"}}"#).holdingPeriod.length == 7)
        #expect(try load(#"{"holdingPeriod": {"municipality": "other", "length": 4, "unit": "workingDays"}}"#).holdingPeriod
                == HoldingPolicy(length: 4, unit: .workingDays))
        #expect(throws: DecodingError.self) { try load(#"{"holdingPeriod": {"municipality": "Atlantis"}}"#) }
        #expect(throws: DecodingError.self) { try load(#"{"law": {"regime": "bill36036"}}"#) }
        let bill = try load(#"{"law": {"regime": "bill36036", "regimeFrom": "2027-07-01"}, "holdingPeriod": {"municipality": "Deventer"}}"#)
        #expect(bill.lawRegime == LawRegime(name: .bill36036, from: Self.day("2027-07-01"), apvHolding: HoldingPolicy(length: 3, unit: .days)))
        #expect(try load("{}").lawRegime.name == .current)
        // The schema knows the new keys: a typo is still caught by the loader.
        #expect(ConfigurationSchema.unknownKey(in: ["law": ["regime": "current", "regimeFrom": "2027-07-01"],
                                                    "holdingPeriod": ["municipality": "Deventer"]]) == nil)
    }
}

@Suite("The engine's daily job")
struct DailyJobTests {
    @Test("Under bill 36 036 without a DOR upload the owner is alerted; before its date not; ended hold orders are told")
    func dorRequiredAndHoldOrders() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let regime = LawRegime(name: .bill36036, from: CalendarDate(iso: "2027-07-01")!, apvHolding: .billDefault)
        let store = try SQLiteRegisterStore(path: folder.path + "/register.sqlite", settings: .init(
            shopID: Fixtures.shopID, validator: IntakeValidator(law: regime), sellerKeySecret: Fixtures.secret, law: regime))
        let engine = try CounterEngine(.init(storage: store, staff: StaffDirectory(store: store, iterations: 100),
                                             checker: StolenGoodsChecker(hotlist: nil, remote: nil), tills: [],
                                             discovery: ScannerDiscovery(root: folder.path + "/no-sysfs")))
        let entry = try store.append(Fixtures.intake(), at: Fixtures.tuesday)
        try store.addHoldOrder(itemID: entry.itemID(0), orderedOn: CalendarDate(iso: "2025-11-19")!,
                               until: CalendarDate(iso: "2025-11-30")!, officer: "A", reference: "R-1", by: "Olga",
                               at: Fixtures.tuesday.addingTimeInterval(86_400))
        try await engine.daily(at: ShopTimestamp().date(from: "2027-06-30T09:00:00+02:00")!)
        #expect(try store.alerts().map(\.kind) == [.holdOrderEnded])
        try await engine.daily(at: ShopTimestamp().date(from: "2027-07-01T09:00:00+02:00")!)
        #expect(try store.alerts().map(\.kind) == [.dorUploadRequired, .holdOrderEnded])
        #expect(try store.alerts().first?.message.contains("01-07-2027") == true)
    }
}
