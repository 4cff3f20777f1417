/// A device node that may be a scanner, as sysfs describes it.
package struct DiscoveredDevice: Sendable, Hashable, Codable {
    /// The node to read: `/dev/input/event7`, `/dev/hidraw0`, `/dev/ttyACM0`, or `usb:0c2e:0b61` for libusb.
    package var node: String
    package var transport: ScannerTransport
    package var vendorID: UInt16?
    package var productID: UInt16?
    /// The USB serial number string, if the device has one (a device identity, not personal data).
    package var serialNumber: String?
    package var manufacturer: String?
    package var product: String?
    /// The USB interface the node belongs to (`bInterfaceNumber`).
    package var interfaceNumber: Int?
    /// hidraw: whether the report descriptor declares a HID POS bar code scanner (usage page 0x8C).
    package var isHIDPOS: Bool?
    /// Whether this user may open the node as Counter does (access(2): read for evdev and hidraw, read and
    /// write for serial ports and USB device nodes).
    package var mayOpen: Bool
    /// The matching profile's id, and how it matched (`product`, `vendor`, `generic`).
    package var profile: String?
    package var profileMatch: ScannerProfileCatalog.MatchKind?

    /// `0c2e:0b61`, or `-` when the node has no USB parent.
    package var usbID: String {
        guard let vendorID, let productID else { return "-" }
        return String(format: "%04x:%04x", vendorID, productID)
    }

    /// The spec that reads this device.
    package var spec: ScannerSpec {
        switch transport {
        case .evdev: .evdev(path: node)
        case .hidraw: .hidraw(path: node)
        case .serial: .serial(path: node, baud: 9600)
        case .usb: .usb(vendorID: vendorID ?? 0, productID: productID ?? 0)
        }
    }
}
