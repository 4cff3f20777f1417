import Foundation

/// A few threads of its own that run submitted work in order of submission, for blocking work that must make
/// progress whatever the shared pools are doing: `verify` checks batches of entries on them while its own thread
/// reads the register. Not GCD's global queue, whose threads the cooperative pool shares on Linux (a verify
/// waiting on them from there stalled for minutes), and not the cooperative pool, which must not block.
final class WorkerThreads: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [@Sendable () -> Void] = []
    private var running = 0
    private var closed = false
    private var threadsLeft: Int
    private let capacity: Int

    /// - Parameters:
    ///   - count: threads to start (at least one).
    ///   - capacity: work items that may wait before ``submit(_:)`` blocks, bounding the memory held.
    init(count: Int, capacity: Int, name: String) {
        threadsLeft = max(1, count)
        self.capacity = max(1, capacity)
        for index in 0..<max(1, count) {
            let thread = Thread { [self] in work() }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    /// Queues `work`; waits first while `capacity` items are already waiting.
    func submit(_ work: @escaping @Sendable () -> Void) {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity { condition.wait() }
        queue.append(work)
        condition.broadcast()
    }

    /// Waits until everything submitted has run, and lets the threads end.
    func finish() {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        condition.broadcast()
        while threadsLeft > 0 { condition.wait() }
    }

    private func work() {
        condition.lock()
        while true {
            if !queue.isEmpty {
                let next = queue.removeFirst()
                condition.broadcast()  // room for a waiting submit
                condition.unlock()
                next()
                condition.lock()
            } else if closed {
                threadsLeft -= 1
                condition.broadcast()
                condition.unlock()
                return
            } else {
                condition.wait()
            }
        }
    }
}
