import Foundation

/// Runs async work one at a time per key, in the order it was asked for; work for different keys runs
/// side by side. A lock that may be held across `await` (NIO's locks may not).
final class KeyedSerialRunner: Sendable {
    private let state = State()

    private actor State {
        /// The last work asked for per key; the next waits for it.
        var tails: [String: (id: UInt64, task: Task<Void, Never>)] = [:]
        var next: UInt64 = 0

        func enqueue(_ key: String, after body: @escaping @Sendable (Task<Void, Never>?) -> Task<Void, Never>) -> UInt64 {
            next += 1
            tails[key] = (next, body(tails[key]?.task))
            return next
        }

        func finished(_ key: String, id: UInt64) {
            if tails[key]?.id == id { tails[key] = nil }
        }
    }

    func run<T: Sendable>(key: String, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        let (stream, continuation) = AsyncStream<Result<T, any Error>>.makeStream()
        let id = await state.enqueue(key) { previous in
            Task {
                await previous?.value
                let result: Result<T, any Error>
                do { result = .success(try await work()) } catch { result = .failure(error) }
                continuation.yield(result)
                continuation.finish()
            }
        }
        var iterator = stream.makeAsyncIterator()
        let result = await iterator.next()!
        await state.finished(key, id: id)
        return try result.get()
    }
}
