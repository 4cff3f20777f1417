import Foundation

/// How long a failed job waits before it is sent again: exponential, capped, with jitter so many kiosks
/// coming back online at once do not hit the register in step.
public struct UploadBackoff: Sendable, Hashable {
    /// The wait after the first failure (before jitter).
    public var minimum: TimeInterval
    /// The longest wait (before jitter).
    public var maximum: TimeInterval

    public init(minimum: TimeInterval, maximum: TimeInterval) {
        self.minimum = minimum
        self.maximum = max(minimum, maximum)
    }

    /// The wait after `failures` consecutive failures (≥ 1), with `random` in 0..<1: "equal jitter",
    /// half the step fixed and half random, so a wait is never shorter than half its step.
    public func delay(failures: Int, random: Double) -> TimeInterval {
        let exponent = Double(min(max(failures, 1) - 1, 40))
        let step = min(maximum, minimum * pow(2, exponent))
        return step / 2 + step / 2 * min(max(random, 0), 1)
    }
}
