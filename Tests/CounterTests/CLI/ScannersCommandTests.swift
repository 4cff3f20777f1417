import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// `counter-kiosk scanners list` and `install-udev`, run as a technician would.
@Suite("scanners command line", .serialized)
struct ScannersCommandTests {
    @Test("scanners list --json over a sysfs tree: node, transport, VID:PID, profile, may-open")
    func list() async throws {
        let fs = try FakeSysfs()
        defer { fs.remove() }
        let intf = try fs.usbDevice("1-3", vid: "0c2e", pid: "0b81", serial: "V1", interface: 0, class: "03")
        try fs.file(intf + "/0003:0C2E:0B81.0001/input/input7/event7/uevent", "DEVNAME=input/event7\n")
        try fs.link("/sys/class/input/event7", to: "../../devices/pci0000:00/0000:00:14.0/usb1/1-3/1-3:1.0/0003:0C2E:0B81.0001/input/input7/event7")
        let json = try await runProcess(Fixtures.kioskBinary, ["scanners", "list", "--json", "--root", fs.root])
        #expect(json.status == 0)
        let devices = try JSONDecoder().decode([DiscoveredDevice].self, from: Data(json.stdout.utf8))
        #expect(devices.map(\.node) == ["/dev/input/event7"])
        #expect(devices.first?.profile == "honeywell-voyager" && devices.first?.mayOpen == false)
        let table = try await runProcess(Fixtures.kioskBinary, ["scanners", "list", "--root", fs.root])
        #expect(table.stdout.contains("/dev/input/event7"))
        #expect(table.stdout.contains("0c2e:0b81"))
        #expect(table.stdout.contains("install-udev"))
    }

    @Test("scanners install-udev --rules-dir writes the rules file byte for byte; an unwritable folder is refused")
    func installUdev() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try await runProcess(Fixtures.kioskBinary, ["scanners", "install-udev", "--rules-dir", folder.path + "/rules.d", "--no-reload"])
        #expect(result.status == 0)
        let written = try String(contentsOfFile: folder.path + "/rules.d/99-counter-kiosk.rules", encoding: .utf8)
        let source = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("hardware/udev/99-counter-kiosk.rules"), encoding: .utf8)
        #expect(written == source)
        #expect(written == CounterUdevRules.text)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path + "/rules.d")
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path + "/rules.d") }
        if getuid() != 0 {  // root may write anyway
            let refused = try await runProcess(Fixtures.kioskBinary, ["scanners", "install-udev", "--rules-dir", folder.path + "/rules.d"])
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("run this as root"))
        }
    }
}
