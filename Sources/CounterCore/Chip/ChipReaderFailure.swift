import IDScan

/// Why a chip reader could not be used: no reader service, no such reader, no card on it, a failed exchange.
/// CounterDevices' PC/SC reader throws it with pcsc-lite's code; an embedder's own reader may too.
public struct ChipReaderFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable { case noService, noReader, noCard, transmit, other }
    public var kind: Kind
    /// The reader stack's own code (pcsc-lite's `SCARD_E_…`), for the technician.
    public var code: Int64

    public init(kind: Kind, code: Int64) {
        self.kind = kind
        self.code = code
    }

    public var description: String { "PC/SC: \(kind) (0x\(String(UInt32(truncatingIfNeeded: code), radix: 16)))" }
}

/// A connection to a card on a reader that is given back after the read (CounterDevices' PC/SC reader).
public protocol ChipReaderConnection: ChipTransport {
    /// Releases the card and the reader.
    func disconnect() async
}
