import CounterTesting
import Foundation
import Logging
import Synchronization
@testable import CounterCore
@testable import CounterDevices

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Fixtures.tuesday) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }

    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }

    /// For `UploadWorker(clock:)`.
    var function: @Sendable () -> Date { { [self] in now } }
}

/// A register double that answers from a script and records what it was sent (CounterTesting's).
typealias ScriptedGateway = FakeRegisterGateway

extension SQLiteRegisterStore {
    /// The queue's jobs, oldest first (tests only).
    func uploadJobs() throws -> [UploadJob] {
        try jobs(statuses: UploadOutbox.Status.allCases, limit: .max)
    }

    func retryUploads(at now: Date) throws -> Int {
        try retryJobsNow(now: now)
    }

    func uploadSummary(at now: Date) throws -> UploadOutbox.Summary {
        try outboxSummary(now: now)
    }
}

/// Reproducible numbers in 0..<1 (SplitMix64), for the simulator's fault decisions.
final class SeededRandom: Sendable {
    private let state: Mutex<UInt64>

    init(seed: UInt64) { state = Mutex(seed) }

    func next() -> Double {
        state.withLock { s in
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
    }

    var function: @Sendable () -> Double { { [self] in next() } }
}

extension Logger {
    /// Drops everything: the tests check outcomes, not log lines.
    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
}
