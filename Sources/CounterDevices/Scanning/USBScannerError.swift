import CounterCore
/// Why a libusb scanner (`usb:VID:PID`) cannot be read, in words a technician can act on.
public enum USBScannerError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(device: String)
    case noHIDInterface(device: String)
    case noPermission(device: String)
    case busy(device: String)
    case library(function: String, code: Int32)

    public var description: String {
        switch self {
        case .notFound(let d): "\(d): no USB device with this VID:PID is plugged in (check `counter-kiosk scanners list`)"
        case .noHIDInterface(let d): "\(d): the device has no HID interface with an interrupt IN endpoint; switch the scanner to HID POS mode"
        case .noPermission(let d): "\(d): no permission to open the USB device; run `counter-kiosk scanners install-udev` as root and replug it"
        case .busy(let d): "\(d): another program has claimed the scanner's interface; close it"
        case .library(let f, let code): "libusb: \(f) failed with \(code)"
        }
    }
}
