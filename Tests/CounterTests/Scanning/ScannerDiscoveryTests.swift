import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// A hand-made sysfs tree: folders, attribute files and the class symlinks the kernel creates.
struct FakeSysfs {
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "sysfs-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    func file(_ path: String, _ text: String) throws { try file(path, bytes: Array(text.utf8)) }

    func file(_ path: String, bytes: [UInt8]) throws {
        let full = root + path
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
    }

    func link(_ path: String, to target: String) throws {
        let full = root + path
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: full, withDestinationPath: target)
    }

    /// A USB device with one interface; returns the interface folder.
    func usbDevice(_ port: String, vid: String, pid: String, serial: String?, interface: Int, class cls: String) throws -> String {
        let dev = "/sys/devices/pci0000:00/0000:00:14.0/usb1/\(port)"
        try file(dev + "/idVendor", vid + "\n")
        try file(dev + "/idProduct", pid + "\n")
        if let serial { try file(dev + "/serial", serial + "\n") }
        try file(dev + "/busnum", "1\n")
        try file(dev + "/devnum", "\(port.count + 2)\n")
        let intf = dev + "/\(port):1.\(interface)"
        try file(intf + "/bInterfaceNumber", String(format: "%02x\n", interface))
        try file(intf + "/bInterfaceClass", cls + "\n")
        try link("/sys/bus/usb/devices/\(port)", to: "../../../devices/pci0000:00/0000:00:14.0/usb1/\(port)")
        return intf
    }
}

@Suite("Scanner discovery from sysfs (a folder tree)")
struct ScannerDiscoveryTests {
    @Test("Wedge, HID POS, serial and a driverless USB device; a PS/2 keyboard and the root hub are left out")
    func tree() throws {
        let fs = try FakeSysfs()
        defer { fs.remove() }
        let kbd = try fs.usbDevice("1-3", vid: "0c2e", pid: "0b81", serial: "V1400", interface: 0, class: "03")
        try fs.file(kbd + "/0003:0C2E:0B81.0001/input/input7/event7/uevent", "MAJOR=13\nMINOR=71\nDEVNAME=input/event7\n")
        try fs.link("/sys/class/input/event7", to: "../../devices/pci0000:00/0000:00:14.0/usb1/1-3/1-3:1.0/0003:0C2E:0B81.0001/input/input7/event7")
        try fs.file("/sys/devices/platform/i8042/serio0/input/input3/event3/uevent", "DEVNAME=input/event3\n")
        try fs.link("/sys/class/input/event3", to: "../../devices/platform/i8042/serio0/input/input3/event3")
        let pos = try fs.usbDevice("1-4", vid: "1eab", pid: "1310", serial: nil, interface: 0, class: "03")
        try fs.file(pos + "/0003:1EAB:1310.0002/report_descriptor", bytes: [0x05, 0x8C, 0x09, 0x02, 0xA1, 0x01, 0xC0])
        try fs.file(pos + "/0003:1EAB:1310.0002/hidraw/hidraw1/uevent", "DEVNAME=hidraw1\n")
        try fs.link("/sys/class/hidraw/hidraw1", to: "../../devices/pci0000:00/0000:00:14.0/usb1/1-4/1-4:1.0/0003:1EAB:1310.0002/hidraw/hidraw1")
        let acm = try fs.usbDevice("1-5", vid: "05e0", pid: "1701", serial: "Z1", interface: 0, class: "02")
        try fs.file(acm + "/tty/ttyACM0/uevent", "DEVNAME=ttyACM0\n")
        try fs.link("/sys/class/tty/ttyACM0", to: "../../devices/pci0000:00/0000:00:14.0/usb1/1-5/1-5:1.0/tty/ttyACM0")
        try fs.file("/sys/devices/virtual/tty/tty0/uevent", "DEVNAME=tty0\n")
        try fs.link("/sys/class/tty/tty0", to: "../../devices/virtual/tty/tty0")
        _ = try fs.usbDevice("1-6", vid: "0db5", pid: "0137", serial: nil, interface: 0, class: "03")
        try fs.file("/sys/devices/pci0000:00/0000:00:14.0/usb1/idVendor", "1d6b\n")
        try fs.file("/sys/devices/pci0000:00/0000:00:14.0/usb1/idProduct", "0002\n")
        try fs.link("/sys/bus/usb/devices/usb1", to: "../../../devices/pci0000:00/0000:00:14.0/usb1")
        try fs.file("/dev/input/event7", "")
        try fs.file("/dev/bus/usb/001/005", "")

        let found = ScannerDiscovery(root: fs.root).devices()
        #expect(found.map(\.node) == ["/dev/input/event7", "/dev/hidraw1", "/dev/ttyACM0", "usb:0db5:0137"])
        #expect(found.map(\.transport) == [.evdev, .hidraw, .serial, .usb])
        #expect(found[0].usbID == "0c2e:0b81" && found[0].serialNumber == "V1400" && found[0].interfaceNumber == 0)
        #expect(found[0].profile == "honeywell-voyager" && found[0].profileMatch == .product)
        #expect(found[0].mayOpen)                 // the node exists in the tree and we may read it
        #expect(found[1].isHIDPOS == true, "\(found[1])")
        #expect(found[1].profile == "newland" && !found[1].mayOpen)
        #expect(found[2].profile == "zebra-ds" && found[2].spec == .serial(path: "/dev/ttyACM0", baud: 9600))
        #expect(found[3].profile == "access-is-ocr" && found[3].spec == .usb(vendorID: 0x0db5, productID: 0x0137))
        #expect(ScannerProfiles.settings(for: .evdev(path: "/dev/input/event7"), discovery: ScannerDiscovery(root: fs.root)).gap == 0.05)
    }

    @Test("HID report descriptors: HID POS is recognised, a keyboard is not")
    func descriptors() {
        #expect(HIDReportDescriptor.declaresBarCodeScanner([0x05, 0x8C, 0x09, 0x02, 0xA1, 0x01, 0x85, 0x02, 0xC0]))
        #expect(HIDReportDescriptor.declaresBarCodeScanner([0x06, 0x8C, 0x00, 0x09, 0x02, 0xA1, 0x01, 0xC0]))
        #expect(!HIDReportDescriptor.declaresBarCodeScanner([0x05, 0x01, 0x09, 0x06, 0xA1, 0x01, 0x05, 0x07, 0xC0]))
        #expect(!HIDReportDescriptor.declaresBarCodeScanner([0x05, 0x8C, 0x09]))
    }
}
