import CounterCore
/// Why a libusb scanner (`usb:VID:PID`) cannot be read, in words a technician can act on.
///
/// A struct, not an enum (compare postgres-nio's `PSQLError`): a new reason never breaks an embedder's `switch`.
public struct USBScannerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why, with its context (the package's code switches on it; others read the code).
    package enum Reason: Sendable, Equatable {
        case notFound(device: String)
        case noHIDInterface(device: String)
        case noPermission(device: String)
        case busy(device: String)
        case library(function: String, code: Int32)
    }

    package var reason: Reason

    package init(_ reason: Reason) { self.reason = reason }

    public static func notFound(device: String) -> USBScannerError { USBScannerError(.notFound(device: device)) }
    public static func noHIDInterface(device: String) -> USBScannerError { USBScannerError(.noHIDInterface(device: device)) }
    public static func noPermission(device: String) -> USBScannerError { USBScannerError(.noPermission(device: device)) }
    public static func busy(device: String) -> USBScannerError { USBScannerError(.busy(device: device)) }
    public static func library(function: String, code: Int32) -> USBScannerError { USBScannerError(.library(function: function, code: code)) }

    public var description: String {
        switch reason {
        case .notFound(let d): "\(d): no USB device with this VID:PID is plugged in (check `counter-kiosk scanners list`)"
        case .noHIDInterface(let d): "\(d): the device has no HID interface with an interrupt IN endpoint; switch the scanner to HID POS mode"
        case .noPermission(let d): "\(d): no permission to open the USB device; run `counter-kiosk scanners install-udev` as root and replug it"
        case .busy(let d): "\(d): another program has claimed the scanner's interface; close it"
        case .library(let f, let code): "libusb: \(f) failed with \(code)"
        }
    }
}
