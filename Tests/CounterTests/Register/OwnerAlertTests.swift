import Foundation
import GRDB
import Testing
@testable import Counter

@Suite("Owner alerts")
struct OwnerAlertTests {
    @Test("An alert stays open until acknowledged, is not raised twice, and cannot be erased")
    func lifecycle() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        let entry = try store.append(Fixtures.intake(), at: Fixtures.tuesday)
        let id = try store.raiseAlert(.lateHit, itemID: entry.itemID(0), message: "serial matched hotlist", at: Fixtures.tuesday)
        #expect(try store.raiseAlert(.lateHit, itemID: entry.itemID(0), message: "again", at: Fixtures.tuesday) == id)
        #expect(try store.alerts().map(\.id) == [id])
        try store.acknowledgeAlert(id, by: "Olga", note: "Politie gebeld", at: Fixtures.tuesday)
        #expect(try store.alerts().isEmpty)
        let all = try store.alerts(includeAcknowledged: true)
        #expect(all.first?.acknowledgedBy == "Olga")
        #expect(all.first?.isOpen == false)
        #expect(throws: DatabaseError.self) { try store.dbPool.write { try $0.execute(sql: "DELETE FROM owner_alert") } }
        #expect(throws: DatabaseError.self) { try store.dbPool.write { try $0.execute(sql: "DELETE FROM owner_alert_ack") } }
    }
}
