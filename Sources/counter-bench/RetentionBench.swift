import Counter
import Foundation

/// The daily retention job on a register of 5 000 entries, half of them past `retention.identityYears`:
/// the erasure transaction (identities, upload payloads, purge and audit events), the WAL truncation, and the
/// full verify afterwards (which now also checks every identity's commitment and every upload payload).
enum RetentionBench {
    static func run() throws -> [BenchResult] {
        let register = try BenchRegister("retention")
        defer { register.remove() }
        let store = register.store
        let count = 5_000
        let old = ShopTimestamp().date(from: "2020-03-02T10:00:00+01:00")!
        let recent = ShopTimestamp().date(from: "2026-03-02T10:00:00+01:00")!
        for i in 0..<count {
            var intake = BenchRegister.intake
            intake.seller.document.number = "NW\(100_000 + i)"
            intake.items[0].imei = nil
            intake.items[0].serialNumber = "SN-\(i)"
            _ = try store.append(intake, at: (i < count / 2 ? old : recent).addingTimeInterval(Double(i)))
        }
        let today = CalendarDate(iso: "2026-12-02")!
        let start = ContinuousClock.now
        let report = try store.purge(today: today, at: Date(), actor: "bench", photos: nil)
        let purgeSeconds = (ContinuousClock.now - start).seconds
        let verifyStart = ContinuousClock.now
        let verification = try store.verify()
        let verifySeconds = (ContinuousClock.now - verifyStart).seconds
        return [
            BenchResult(name: "Retention: purge \(report.erased.count) of \(count) identities", value: purgeSeconds * 1e3, unit: "ms",
                        goal: nil, note: "one transaction + WAL truncated; daily, off the cooperative pool"),
            BenchResult(name: "Retention: verify \(verification.entryCount) entries after the purge", value: verifySeconds * 1e3,
                        unit: "ms", goal: nil,
                        note: verification.isIntact ? "intact, \(verification.erasedIdentities) erased" : "NOT INTACT"),
        ]
    }
}
