import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// Why: SIGTERM once waited over 10 s with two pages open (browser test `KioskWithTwoTills`): a page that
/// subscribed while the kiosk was stopping got a stream nobody would ever finish, and its WebSocket kept the
/// server from stopping.
@Suite("Event hub")
struct EventHubTests {
    @Test("A stream subscribed after finish() is already finished; one subscribed before ends at finish()")
    func finishedHub() async {
        let hub = EventHub()
        let before = hub.subscribe()
        hub.publish(CounterEvent(.cleared, [String: String]()))
        hub.finish()
        var received = 0
        for await _ in before { received += 1 }
        #expect(received == 1)
        let after = hub.subscribe()
        hub.publish(CounterEvent(.cleared, [String: String]()))
        var late = 0
        for await _ in after { late += 1 }
        #expect(late == 0)
        #expect(hub.subscriberCount == 0)
    }
}
