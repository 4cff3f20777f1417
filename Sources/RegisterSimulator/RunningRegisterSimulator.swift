/// A simulator started in this process by ``RegisterSimulator/start(logger:)``.
public struct RunningRegisterSimulator: Sendable {
    /// The port it listens on, on 127.0.0.1.
    public let port: Int
    let task: Task<Void, any Error>
    public let simulator: RegisterSimulator

    /// `http://127.0.0.1:PORT`.
    public var url: String { "http://127.0.0.1:\(port)" }

    /// Stops the server and waits for it.
    public func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}
