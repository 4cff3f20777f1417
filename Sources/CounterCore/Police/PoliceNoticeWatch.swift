import Foundation
import NIOConcurrencyHelpers

/// The open written police notices with a number, held in memory for the counter's check (``PoliceWatchList``),
/// where the register is not on this machine (PostgreSQL): a scan is checked at once, without a round trip.
///
/// It is reloaded when a notice is added or withdrawn at any till of the branch (`BranchEvent/Kind/policeNoticesChanged`)
/// and every ``refreshInterval`` besides. A copy that could not be reloaded for ``maximumAge`` (or was never
/// loaded) is refused: the check is then "not checked", never clear.
package final class PoliceNoticeWatch: PoliceWatchList {
    /// How often the notices are reloaded without being told.
    package static let refreshInterval: TimeInterval = 30
    /// How old a copy may be before checks against it are refused.
    package static let maximumAge: TimeInterval = 120

    struct Unavailable: Error, CustomStringConvertible {
        var description: String { "the police's written notices could not be read from the register lately" }
    }

    private let state = NIOLockedValueBox<(byKey: [String: [PoliceNotice]], loadedAt: Date)?>(nil)
    private let clock: @Sendable () -> Date

    package init(clock: @escaping @Sendable () -> Date = { Date() }) {
        self.clock = clock
    }

    /// Replaces the copy with these open notices.
    package func replace(with notices: [PoliceNotice]) {
        var byKey: [String: [PoliceNotice]] = [:]
        for notice in notices where notice.closedOn == nil {
            guard let identifier = notice.identifier else { continue }
            let key = SerialKey.exact(identifier)
            if !key.isEmpty { byKey[key, default: []].append(notice) }
        }
        let now = clock()
        state.withLockedValue { $0 = (byKey, now) }
    }

    /// Open notices whose number has the exact key of `serial`.
    /// - Throws: when the copy is missing or older than ``maximumAge``.
    package func notices(matching serial: String) throws -> [PoliceNotice] {
        guard let (byKey, loadedAt) = state.withLockedValue({ $0 }), clock().timeIntervalSince(loadedAt) <= Self.maximumAge
        else { throw Unavailable() }
        let key = SerialKey.exact(serial)
        return key.isEmpty ? [] : byKey[key] ?? []
    }
}
