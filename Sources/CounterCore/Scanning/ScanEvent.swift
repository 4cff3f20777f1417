import Foundation

/// One scan as a device delivered it, before interpretation.
public struct ScanEvent: Sendable, Hashable {
    /// The bytes of the scan, without the scanner's suffix (CR, LF, TAB).
    public var bytes: [UInt8]
    /// The device it came from (`serial:/dev/ttyACM0`).
    public var device: String
    /// Seconds on the monotonic clock (``ScanClock``) when the first and the last byte arrived.
    public var firstByteAt: Double
    public var lastByteAt: Double
    /// False when the device went away mid-scan: such a scan is reported, never used.
    public var isComplete: Bool

    public init(bytes: [UInt8], device: String, firstByteAt: Double, lastByteAt: Double, isComplete: Bool) {
        self.bytes = bytes
        self.device = device
        self.firstByteAt = firstByteAt
        self.lastByteAt = lastByteAt
        self.isComplete = isComplete
    }

    /// The scan as text (invalid UTF-8 replaced).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The AIM symbology identifier at the start (`]C1`), if any.
    public var symbology: String? {
        guard bytes.count >= 3, bytes[0] == UInt8(ascii: "]") else { return nil }
        return String(decoding: bytes[0..<3], as: UTF8.self)
    }
}

/// The monotonic clock scan timestamps use (seconds since boot).
public enum ScanClock {
    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
