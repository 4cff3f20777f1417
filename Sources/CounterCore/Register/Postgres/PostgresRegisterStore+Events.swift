import Foundation
import PostgresNIO

/// Events between the kiosk processes of a branch (`BranchEvent`), on one channel of the database. An entry's
/// event is sent by the statement that writes it, so it is delivered when, and only when, the entry commits.
extension PostgresRegisterStore {
    /// The channel every process listens on; events carry their branch, and each process keeps its own.
    static let eventChannel = "counter_events"

    /// Sends an event to every process of this branch (and to none of other branches).
    package func publish(_ kind: BranchEvent.Kind, entryNumber: Int? = nil, alertID: Int? = nil) async throws {
        let event = BranchEvent(branchID: branchID, kind: kind, entryNumber: entryNumber, alertID: alertID, origin: processID)
        try await PostgresTransaction.read(client, logger: logger) { [self] connection in
            try await connection.query("SELECT pg_notify(\(Self.eventChannel), \(event.payload))", logger: logger)
        }
    }

    /// Runs `body` with this branch's events, from the moment the database listens for them until `body`
    /// returns; events of other branches are left out.
    package func withBranchEvents<T: Sendable>(_ body: @escaping @Sendable (BranchEvents) async throws -> T) async throws -> T {
        let branchID = branchID
        return try await client.withConnection { connection in
            try await connection.listen(on: Self.eventChannel) { notifications in
                try await body(BranchEvents(notifications: notifications, branchID: branchID))
            }
        }
    }
}

/// A branch's events as they arrive (``PostgresRegisterStore/withBranchEvents(_:)``).
package struct BranchEvents: AsyncSequence, Sendable {
    package typealias Element = BranchEvent
    let notifications: PostgresNotificationSequence
    let branchID: String

    package struct AsyncIterator: AsyncIteratorProtocol {
        var base: PostgresNotificationSequence.AsyncIterator
        let branchID: String

        package mutating func next() async throws -> BranchEvent? {
            while let notification = try await base.next() {
                guard let event = try? JSONDecoder().decode(BranchEvent.self, from: Data(notification.payload.utf8)),
                      event.branchID == branchID else { continue }
                return event
            }
            return nil
        }
    }

    package func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: notifications.makeAsyncIterator(), branchID: branchID)
    }
}
