import Foundation
import NIOConcurrencyHelpers
import Testing
@testable import CounterCore
@testable import CounterDevices

/// The Wwft cash ban, in force since 1 January 2026: a trader in goods (pawnshops named explicitly) may not
/// pay or accept € 3 000 or more in cash for goods, buying and selling; splitting a purchase does not escape
/// it (rijksoverheid.nl "verbod contante betalingen van 3000 euro"; `../shared/brief/law-2026.md`).
@Suite("Wwft cash ban")
struct CashBanTests {
    /// 2026-12-02 10:00 in Amsterdam.
    static let day = Date(timeIntervalSince1970: 1_796_202_000)

    static func intake(cents: Int, method: PaymentMethod = .cash, document: String = "NWLFR3706") -> Intake {
        var intake = Fixtures.intake(paymentMethod: method)
        intake.priceCents = cents
        intake.seller.document.number = document
        return intake
    }

    @Test("The rule: € 3 000 or more in cash is refused, € 2 999,99 is not; other methods and days before the start are not affected")
    func rule() {
        let ban = CashBan.wwft2026
        let today = CalendarDate(Self.day)
        #expect(ban.violation(method: .cash, cents: 299_999, earlierCents: 0, on: today) == nil)
        #expect(ban.violation(method: .cash, cents: 300_000, earlierCents: 0, on: today)
            == .init(limitCents: 300_000, cents: 300_000, earlierCents: 0))
        #expect(ban.violation(method: .bankTransfer, cents: 900_000, earlierCents: 0, on: today) == nil)
        #expect(ban.violation(method: .cash, cents: 500_000, earlierCents: 0, on: CalendarDate(iso: "2025-12-31")!) == nil)
        #expect(ban.violation(method: .cash, cents: 100_000, earlierCents: 200_000, on: today) != nil)
    }

    @Test("One cash purchase of € 3 000 is refused, naming the payment method; by bank transfer it is registered")
    func single() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        #expect(throws: IntakeError.cashLimit(.init(limitCents: 300_000, cents: 300_000, earlierCents: 0))) {
            try store.append(Self.intake(cents: 300_000), at: Self.day)
        }
        #expect(try store.entryCount() == 0)
        _ = try store.append(Self.intake(cents: 300_000, method: .bankTransfer), at: Self.day)
        #expect(IntakeError.cashLimit(.init(limitCents: 300_000, cents: 300_000, earlierCents: 0)).field == "paymentMethod")
    }

    @Test("Cash to the same seller within 24 hours is added up; another seller, or 24 hours later, starts again")
    func splitting() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        _ = try store.append(Self.intake(cents: 150_000), at: Self.day)
        _ = try store.append(Self.intake(cents: 100_000), at: Self.day.addingTimeInterval(3600))
        // € 2 500 so far: € 500 more in cash the same evening is € 3 000 together.
        #expect(throws: IntakeError.cashLimit(.init(limitCents: 300_000, cents: 50_000, earlierCents: 250_000))) {
            try store.append(Self.intake(cents: 50_000), at: Self.day.addingTimeInterval(8 * 3600))
        }
        // The same document written differently is the same seller.
        #expect(throws: IntakeError.self) {
            try store.append(Self.intake(cents: 50_000, document: "nwlfr 3706"), at: Self.day.addingTimeInterval(8 * 3600))
        }
        _ = try store.append(Self.intake(cents: 50_000, document: "XR47PN2K1"), at: Self.day.addingTimeInterval(8 * 3600))
        _ = try store.append(Self.intake(cents: 50_000), at: Self.day.addingTimeInterval(25 * 3600))
        #expect(try store.entryCount() == 4)
    }

    @Test("A correction replaces the entry it corrects in the sum")
    func correction() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        _ = try store.append(Self.intake(cents: 250_000), at: Self.day)
        var fix = Self.intake(cents: 260_000)
        fix.corrects = 1
        fix.correctionReason = "prijs verkeerd getypt"
        _ = try store.append(fix, at: Self.day.addingTimeInterval(600))  // € 2 600 instead of € 2 500: allowed
        #expect(throws: IntakeError.cashLimit(.init(limitCents: 300_000, cents: 50_000, earlierCents: 260_000))) {
            try store.append(Self.intake(cents: 50_000), at: Self.day.addingTimeInterval(1200))
        }
    }

    @Test("Sales: cash needs a payment method with a price; € 3 000 in cash from one buyer within 24 hours is refused")
    func sales() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        for _ in 0..<3 { _ = try store.append(Self.intake(cents: 10_000, method: .bankTransfer), at: Self.day) }
        let later = Self.day.addingTimeInterval(40 * 86_400)
        func sale(_ item: String, _ cents: Int?, _ method: PaymentMethod?, buyer: String = "K. Koper") -> Sale {
            Sale(itemID: item, soldOn: CalendarDate(later), buyerName: buyer, buyerAddress: nil, priceCents: cents,
                 paymentMethod: method, clerk: "Piet")
        }
        #expect(throws: SaleError.missingField("paymentMethod")) { try store.recordSale(sale("1-1", 20_000, nil), at: later) }
        _ = try store.recordSale(sale("1-1", 200_000, .cash), at: later)
        #expect(throws: SaleError.cashLimit(.init(limitCents: 300_000, cents: 100_000, earlierCents: 200_000))) {
            try store.recordSale(sale("2-1", 100_000, .cash, buyer: "k. koper"), at: later.addingTimeInterval(60))
        }
        _ = try store.recordSale(sale("2-1", 100_000, .card, buyer: "K. Koper"), at: later.addingTimeInterval(60))
        _ = try store.recordSale(sale("3-1", nil, nil), at: later.addingTimeInterval(120))  // no price: no payment
    }

    @Test("The limit and its start date are configurable, with bounds")
    func configuration() throws {
        let config = try ConfigurationLoader.decode(
            Data(#"{"law": {"cashLimitEuros": 2500, "cashLimitFrom": "2027-01-01"}}"#.utf8), file: "config.json")
        #expect(config.law.cashBan == CashBan(limitCents: 250_000, from: CalendarDate(iso: "2027-01-01")!))
        #expect(CounterConfiguration.defaults.law.cashBan == .wwft2026)
        #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.decode(Data(#"{"law": {"cashLimitEuros": 0}}"#.utf8), file: "config.json")
        }
    }

    @Test("The refusal says how much came before and what to do, in the catalog's words for each language")
    func wording() {
        let v = CashBan.Violation(limitCents: 300_000, cents: 50_000, earlierCents: 250_000)
        #expect(v.message(.nl, sale: false) == "Contant betalen van € 3.000,00 of meer mag niet (Wwft, sinds 1 januari 2026): "
            + "€ 500,00 nu + € 2.500,00 contant aan deze verkoper in de afgelopen 24 uur. Betaal per bankoverschrijving.")
        #expect(v.message(.en, sale: true) == "Cash of €3,000.00 or more is not allowed (Wwft cash ban, since 1 January 2026): "
            + "€500.00 now + €2,500.00 in cash from this buyer in the last 24 hours. Ask for a bank transfer.")
        #expect(IntakeError.cashLimit(v).field == "paymentMethod")
    }

    @Test("Two tills (two stores on one file) paying the same seller € 2 000 in cash at the same moment: one is refused")
    func twoTillsAtOnce() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let tills = [try Fixtures.store(in: folder), try Fixtures.store(in: folder)]
        let outcomes = NIOLockedValueBox<[Bool]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { n in
            let registered = (try? tills[n].append(Self.intake(cents: 200_000), at: Self.day)) != nil
            outcomes.withLockedValue { $0.append(registered) }
        }
        #expect(outcomes.withLockedValue { $0.filter { $0 }.count } == 1)
        #expect(outcomes.withLockedValue { $0.count } == 2)
        #expect(try tills[0].entryCount() == 1)
    }
}
