/// The scan being received: bytes so far and when the first and last of them came. Shared by the sources.
package struct ScanBuffer {
    package let device: String
    package private(set) var bytes: [UInt8] = []
    package private(set) var firstAt = 0.0
    package private(set) var lastAt = 0.0

    package init(device: String) { self.device = device }

    package var isEmpty: Bool { bytes.isEmpty }

    package mutating func append(_ more: some Collection<UInt8>, at time: Double) {
        guard !more.isEmpty else { return }
        if bytes.isEmpty { firstAt = time }
        bytes.append(contentsOf: more)
        lastAt = time
    }

    /// The scan so far as an event, and an empty buffer; nil when nothing was received.
    package mutating func take(complete: Bool) -> ScanEvent? {
        guard !bytes.isEmpty else { return nil }
        defer { bytes.removeAll(keepingCapacity: true) }
        return ScanEvent(bytes: bytes, device: device, firstByteAt: firstAt, lastByteAt: lastAt, isComplete: complete)
    }
}
