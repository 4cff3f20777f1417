/// A device node that may be a scanner, as sysfs describes it.
public struct DiscoveredDevice: Sendable, Hashable, Codable {
    /// The node to read: `/dev/input/event7`, `/dev/hidraw0`, `/dev/ttyACM0`, or `usb:0c2e:0b61` for libusb.
    public var node: String
    public var transport: ScannerTransport
    public var vendorID: UInt16?
    public var productID: UInt16?
    /// The USB serial number string, if the device has one (a device identity, not personal data).
    public var serialNumber: String?
    public var manufacturer: String?
    public var product: String?
    /// The USB interface the node belongs to (`bInterfaceNumber`).
    public var interfaceNumber: Int?
    /// hidraw: whether the report descriptor declares a HID POS bar code scanner (usage page 0x8C).
    public var isHIDPOS: Bool?
    /// Whether this user may open the node as Counter does (access(2): read for evdev and hidraw, read and
    /// write for serial ports and USB device nodes).
    public var mayOpen: Bool
    /// The matching profile's id, and how it matched (`product`, `vendor`, `generic`).
    public var profile: String?
    public var profileMatch: ScannerProfileCatalog.MatchKind?

    /// `0c2e:0b61`, or `-` when the node has no USB parent.
    public var usbID: String {
        guard let vendorID, let productID else { return "-" }
        return String(format: "%04x:%04x", vendorID, productID)
    }

    /// The spec that reads this device.
    public var spec: ScannerSpec {
        switch transport {
        case .evdev: .evdev(path: node)
        case .hidraw: .hidraw(path: node)
        case .serial: .serial(path: node, baud: 9600)
        case .usb: .usb(vendorID: vendorID ?? 0, productID: productID ?? 0)
        }
    }
}
