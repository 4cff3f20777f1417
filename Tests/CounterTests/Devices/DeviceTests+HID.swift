import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

extension DeviceTests {
    static let ean = HIDPOSReports.reports(aim: "]E0", data: Array("8712345678906".utf8))
    static let gs1DataMatrix = HIDPOSReports.reports(
        aim: "]d2", data: Array("0108712345678906\u{1D}10ABC-123\u{1D}17261231\u{1D}21SN42".utf8), codeID: UInt8(ascii: "w"))
    static let longQR = HIDPOSReports.reports(
        aim: "]Q1", data: Array(("https://example.org/" + String(repeating: "x", count: 60)).utf8), codeID: UInt8(ascii: "s"))

    @Test("hidraw HID POS: AIM identifiers from the reports, GS bytes, a scan over two reports")
    func hidraw() async throws {
        let testbed = try Testbed()
        try testbed.addDevices(fixture: "hidpos.umockdev")
        let reports = Self.ean + Self.gs1DataMatrix + Self.longQR
        let script = reports.enumerated().map { i, r in "r \(i == 0 ? 300 : 20) \(Testbed.scriptData(r))\n" }.joined()
        let scanner = HidrawScanner(path: "/dev/hidraw0")
        try testbed.replayScript(script, on: "/dev/hidraw0")
        let events = await collect(scanner, count: 3)
        try #require(events.count == 3)
        #expect(events[0].bytes == Array("]E08712345678906".utf8))
        #expect(events[1].symbology == "]d2")
        #expect(events[1].bytes.filter { $0 == 0x1D }.count == 3)
        #expect(events[2].bytes == Array(("]Q1https://example.org/" + String(repeating: "x", count: 60)).utf8))
        #expect(events.allSatisfy { $0.isComplete && $0.device == "hidraw:/dev/hidraw0" })
        // The interpreter reads what the HID POS source delivers.
        #expect(ScanInterpreter().decode(events[0].bytes).gtin == "08712345678906")
    }

    @Test("libusb: finds 0c2e:0b61, claims the HID interface, reads interrupt transfers on EP 0x81")
    func libusb() async throws {
        let testbed = try Testbed()
        try testbed.addDevices(fixture: "hidpos-usb.umockdev")
        let reports = Self.ean + Self.longQR
        // Each line answers one reaped URB: type 1 (interrupt), endpoint 0x81, status 0, 64 of 64 bytes. The
        // replay wraps around after the last line, so only the first scans are counted.
        let ioctl = reports.map { r in
            "USBDEVFS_REAPURBNDELAY 0 1 129 0 0 64 64 0 " + r.map { String(format: "%02X", $0) }.joined()
        }.joined(separator: "\n") + "\n"
        try testbed.answerIoctls(ioctl, on: "/dev/bus/usb/001/004")
        let scanner = USBScanner(vendorID: 0x0c2e, productID: 0x0b61)
        let events = await collect(scanner, count: 2)
        #expect(scanner.problem == nil, "\(scanner.problem.map(String.init(describing:)) ?? "")")
        try #require(events.count == 2)
        #expect(events[0].bytes == Array("]E08712345678906".utf8))
        #expect(events[1].symbology == "]Q1")
        #expect(events[1].bytes.count == 3 + 80)
        #expect(events.allSatisfy { $0.isComplete && $0.device == "usb:0c2e:0b61" })
    }

    @Test("libusb: a device that is not plugged in is reported, not read")
    func libusbMissing() async throws {
        let testbed = try Testbed()
        try testbed.addDevices(fixture: "hidpos-usb.umockdev")
        let scanner = USBScanner(vendorID: 0x05e0, productID: 0x1200, settings: ScannerSettings(retryInterval: 0.05))
        try await Task.sleep(for: .milliseconds(400))
        #expect(scanner.problem == .notFound(device: "usb:05e0:1200"))
        scanner.stop()
    }

    @Test("Discovery through the emulated /sys: wedge, HID POS, serial and libusb candidates with profiles")
    func discovery() throws {
        let testbed = try Testbed()
        for fixture in ["wedge.umockdev", "hidpos.umockdev", "acm.umockdev"] { try testbed.addDevices(fixture: fixture) }
        let found = ScannerDiscovery().devices()
        let byNode = Dictionary(found.map { ($0.node, $0) }, uniquingKeysWith: { a, _ in a })
        let wedge = try #require(byNode["/dev/input/event7"])
        #expect(wedge.transport == .evdev && wedge.usbID == "0c2e:0b61" && wedge.serialNumber == "TEST0001")
        #expect(wedge.interfaceNumber == 0 && wedge.profile == "honeywell-voyager" && wedge.profileMatch == .product)
        #expect(wedge.mayOpen)
        let hid = try #require(byNode["/dev/hidraw0"])
        #expect(hid.transport == .hidraw && hid.isHIDPOS == true && hid.interfaceNumber == 1)
        let acm = try #require(byNode["/dev/ttyACM0"])
        #expect(acm.transport == .serial && acm.usbID == "1eab:1306" && acm.profile == "newland")
        #expect(ScannerProfiles.settings(for: .evdev(path: "/dev/input/event7")).gap == 0.05)
    }
}
