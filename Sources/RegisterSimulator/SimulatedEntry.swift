/// One entry the simulator holds, as `GET /sim/entries` lists it.
public struct SimulatedEntry: Codable, Sendable, Hashable {
    public var idempotencyKey: String
    public var entryNumber: Int
    public var kind: String
    /// How many requests carried this key (more than 1 after resends).
    public var timesReceived: Int
    public var registerReference: String
    public var receivedAt: String
}
