/// Anything that reads scans from a device: a serial port, a keyboard wedge, a HID POS scanner.
///
/// Each source reads on its own thread and delivers ``ScanEvent``s in order. A scan cut short by an unplug
/// arrives with `isComplete == false`; the source then waits for the device to come back and goes on reading.
public protocol ScannerSource: AnyObject, Sendable {
    /// The device as it appears in ``ScanEvent/device`` (`evdev:/dev/input/event7`).
    var device: String { get }
    /// The scans, in order. Finishes after ``stop()``.
    var events: AsyncStream<ScanEvent> { get }
    /// Stops reading and releases the device; the event stream finishes.
    func stop()
}

