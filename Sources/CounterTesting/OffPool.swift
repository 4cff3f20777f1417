import Foundation

/// Runs blocking work (a child process, `initdb`, a loop of kills) on a thread of its own and waits for it
/// without holding a thread. Swift Testing runs every test, synchronous ones too, on the cooperative pool: two
/// threads on a two-core machine. A test that blocks one of them for seconds holds up every other test's
/// timers and streams: an unplug test's 100 ms sleep once took over 5 s, so its scan ended by the gap.
public func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// ``offPool(_:)`` for work that cannot fail.
public func offPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: body()) }.start()
    }
}

extension Process {
    /// Waits for the process to end, off the cooperative pool (see ``offPool(_:)``).
    public func exited() async {
        await offPool { self.waitUntilExit() }
    }
}

/// The work did not end in time (``withDeadline(_:_:)``).
public struct DeadlinePassed: Error, CustomStringConvertible {
    public var description: String
}

/// Runs `body`, cancelled and reported as ``DeadlinePassed`` when it has not ended within `duration`: a test
/// waiting for something that never comes fails instead of hanging.
public func withDeadline<T: Sendable>(_ duration: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: duration)
            throw DeadlinePassed(description: "not done within \(duration)")
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
