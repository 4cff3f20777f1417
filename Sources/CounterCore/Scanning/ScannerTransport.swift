/// How a scanner is read: the kind of device node.
public enum ScannerTransport: String, Sendable, Hashable, Codable, CaseIterable {
    /// Keyboard wedge, `/dev/input/event*` (`EvdevScanner`).
    case evdev
    /// HID POS, `/dev/hidraw*` (`HidrawScanner`).
    case hidraw
    /// Serial or virtual COM, `/dev/ttyACM*`, `/dev/ttyUSB*` (`SerialScanner`).
    case serial
    /// A USB device without a kernel driver, read with libusb (`USBScanner`).
    case usb
}
