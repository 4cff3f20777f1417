/// Faults the register simulator injects, each a probability per request (0…1) unless stated.
public struct SimulatorFaults: Sendable, Hashable {
    /// Answer HTTP 500 or 503 without storing anything.
    public var failRate: Double
    /// Wait this long before handling each request.
    public var latencyMilliseconds: Int
    /// Accept the request and never answer (until the client gives up and closes the connection).
    public var timeoutRate: Double
    /// Store the batch, then close the connection without answering: the client cannot know it got through.
    public var dropAfterCommitRate: Double
    /// Reject (per entry) entries whose payload contains this field anywhere; with a leading `!`, entries
    /// whose payload lacks it.
    public var rejectField: String?

    public init(failRate: Double = 0, latencyMilliseconds: Int = 0, timeoutRate: Double = 0,
                dropAfterCommitRate: Double = 0, rejectField: String? = nil) {
        self.failRate = failRate
        self.latencyMilliseconds = latencyMilliseconds
        self.timeoutRate = timeoutRate
        self.dropAfterCommitRate = dropAfterCommitRate
        self.rejectField = rejectField
    }

    /// No faults: a well-behaved register.
    public static let none = SimulatorFaults()
}
