import CounterCore
import NIOConcurrencyHelpers

/// Scanner devices for tests and demonstrations: the engine starts a ``FakeScannerSource`` for each spec a till
/// names, and the test scans with it as a person would with the real device.
///
/// ```swift
/// let devices = FakeScanners()
/// let engine = try CounterEngine(.init(..., tills: [till], devices: devices))
/// try await devices.source("serial:/dev/ttyACM0").scan("356938035643809")
/// ```
public final class FakeScanners: ScannerDevices {
    private let started = NIOLockedValueBox<[String: FakeScannerSource]>([:])

    public init() {}

    public func start(_ spec: ScannerSpec, settings: ScannerSettings) -> any ScannerSource {
        let source = FakeScannerSource(device: spec.description)
        started.withLockedValue { $0[spec.description] = source }
        return source
    }

    /// The source the engine started for `spec` (`serial:/dev/ttyACM0`), waiting up to `timeout` for it (long: a
    /// test machine under load may start the engine late).
    public func source(_ text: String, timeout: Duration = .seconds(60)) async throws -> FakeScannerSource {
        // As the configuration writes it (`serial:/dev/ttyACM0`) or as the engine names it (`…@9600`).
        let spec = (try? ScannerSpec(parsing: text))?.description ?? text
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if let source = started.withLockedValue({ $0[spec] }) { return source }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw NotStarted(spec: spec)
    }

    /// The engine never started a source for this spec (no till names it, or the engine does not run).
    public struct NotStarted: Error, Sendable, CustomStringConvertible {
        public var spec: String
        public var description: String { "No scanner source was started for \(spec)." }
    }
}

/// One scanner: each ``scan(_:)`` arrives at the engine as a whole scan from the device.
public final class FakeScannerSource: ScannerSource {
    public let device: String
    public let events: AsyncStream<ScanEvent>
    private let continuation: AsyncStream<ScanEvent>.Continuation

    init(device: String) {
        self.device = device
        (events, continuation) = AsyncStream.makeStream(of: ScanEvent.self)
    }

    /// A scan of `text` (its bytes, without the scanner's suffix).
    public func scan(_ text: String) { scan(Array(text.utf8)) }

    /// A scan of `bytes`; `complete: false` as when the device is unplugged mid-scan.
    public func scan(_ bytes: [UInt8], complete: Bool = true) {
        let now = ScanClock.now()
        continuation.yield(ScanEvent(bytes: bytes, device: device, firstByteAt: now, lastByteAt: now, isComplete: complete))
    }

    public func stop() { continuation.finish() }
}
