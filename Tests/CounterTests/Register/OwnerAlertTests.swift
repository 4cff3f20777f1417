import Foundation
import GRDB
import Testing
@testable import CounterCore
@testable import CounterDevices

@Suite("Owner alerts")
struct OwnerAlertTests {
    @Test("An alert stays open until acknowledged, is not raised twice, and cannot be erased")
    func lifecycle() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        let entry = try store.append(Fixtures.intake(), at: Fixtures.tuesday)
        let params = ["item": entry.itemID(0), "entry": "1"]
        let id = try store.raiseAlert(.lateHit, itemID: entry.itemID(0), .alertLateHit, params, at: Fixtures.tuesday)
        #expect(try store.raiseAlert(.lateHit, itemID: entry.itemID(0), .alertLateHit, params, at: Fixtures.tuesday) == id)
        #expect(try store.alerts().map(\.id) == [id])
        try store.acknowledgeAlert(id, by: "Olga", note: "Politie gebeld", at: Fixtures.tuesday)
        #expect(try store.alerts().isEmpty)
        let all = try store.alerts(includeAcknowledged: true)
        #expect(all.first?.acknowledgedBy == "Olga")
        #expect(all.first?.isOpen == false)
        #expect(throws: DatabaseError.self) { try store.dbPool.write { try $0.execute(sql: "DELETE FROM owner_alert") } }
        #expect(throws: DatabaseError.self) { try store.dbPool.write { try $0.execute(sql: "DELETE FROM owner_alert_ack") } }
    }

    @Test("Issue 14, point 8: an alert is worded by its code in the reader's language, and never tells the owner to run a command")
    func wordedByCode() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        _ = try store.raiseAlert(.uploadRejected, entryNumber: 2, .alertUploadRejected, ["entry": "2", "reason": "field imei"],
                                 at: Fixtures.tuesday)
        let alert = try #require(try store.alerts().first)
        #expect(alert.code == .alertUploadRejected)
        #expect(alert.message.hasPrefix("Het register weigerde inschrijving 2: field imei."))
        #expect(alert.messageEN.hasPrefix("The register refused entry 2: field imei."))
        for code in CounterMessages.Code.allCases where code.rawValue.hasPrefix("alert.") {
            for language in CounterMessages.Language.allCases {
                #expect(!CounterMessages.template(code, language).contains("counter-kiosk"), "\(code) tells the owner to run a command")
            }
        }
    }
}
