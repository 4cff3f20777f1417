/// Sends one command APDU to a card and returns its answer (data and status bytes). PC/SC readers implement
/// it in the engine's device layer; tests implement it over an emulated card.
public protocol ChipTransport: Sendable {
    func transmit(_ command: [UInt8]) async throws -> [UInt8]
}
