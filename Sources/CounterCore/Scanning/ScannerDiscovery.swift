import Foundation

/// Finds the device nodes scanners show up as, from sysfs: keyboard wedges (`/sys/class/input/event*`),
/// HID POS (`/sys/class/hidraw`), serial ports (`/sys/class/tty`, USB ones only) and USB devices that have
/// none of these nodes (`/sys/bus/usb/devices`, candidates for libusb). Root hubs are left out.
///
/// `root` is prepended to every sysfs and /dev path, so tests can point it at a folder tree (an umockdev
/// testbed's root, or a hand-made one); it is "/" on a kiosk, and under umockdev's preload.
package struct ScannerDiscovery: Sendable {
    package let root: String
    package let catalog: ScannerProfileCatalog

    package init(root: String = "/", catalog: ScannerProfileCatalog = .embedded) {
        self.root = root.hasSuffix("/") ? String(root.dropLast()) : root
        self.catalog = catalog
    }

    /// Every candidate node, evdev first, then hidraw, serial and USB; sorted by node within each.
    package func devices() -> [DiscoveredDevice] {
        var found: [DiscoveredDevice] = []
        var usbDevicesWithNodes = Set<String>()
        for (transport, classDir, keep) in [
            (ScannerTransport.evdev, "/sys/class/input", { (n: String) in n.hasPrefix("event") }),
            (.hidraw, "/sys/class/hidraw", { (n: String) in n.hasPrefix("hidraw") }),
            (.serial, "/sys/class/tty", { (n: String) in true }),
        ] {
            for name in list(classDir).filter(keep) {
                guard let sysPath = resolve(classDir + "/" + name), let usb = ancestor(of: sysPath, having: "idVendor") else { continue }
                usbDevicesWithNodes.insert(usb)
                let node = devNode(sysPath, name: name, transport: transport)
                var d = DiscoveredDevice(
                    node: node, transport: transport, vendorID: hex(usb + "/idVendor"), productID: hex(usb + "/idProduct"),
                    serialNumber: attribute(usb + "/serial"), manufacturer: attribute(usb + "/manufacturer"),
                    product: attribute(usb + "/product"),
                    interfaceNumber: ancestor(of: sysPath, having: "bInterfaceNumber").flatMap { hex($0 + "/bInterfaceNumber") }.map(Int.init),
                    isHIDPOS: nil, mayOpen: mayOpen(root + node, transport: transport))
                if transport == .hidraw, let descPath = ancestor(of: sysPath, having: "report_descriptor"),
                   let desc = FileManager.default.contents(atPath: root + descPath + "/report_descriptor") {
                    d.isHIDPOS = HIDReportDescriptor.declaresBarCodeScanner(Array(desc))
                }
                found.append(matched(d))
            }
        }
        for name in list("/sys/bus/usb/devices") {
            guard let sysPath = resolve("/sys/bus/usb/devices/" + name), exists(sysPath + "/idVendor"),
                  !usbDevicesWithNodes.contains(sysPath), attribute(sysPath + "/bDeviceClass") != "09",
                  let vid = hex(sysPath + "/idVendor"), vid != 0x1d6b, let pid = hex(sysPath + "/idProduct") else { continue }
            let bus = Int(attribute(sysPath + "/busnum") ?? "") ?? 0, dev = Int(attribute(sysPath + "/devnum") ?? "") ?? 0
            let d = DiscoveredDevice(
                node: "usb:" + String(format: "%04x:%04x", vid, pid), transport: .usb, vendorID: vid, productID: pid,
                serialNumber: attribute(sysPath + "/serial"), manufacturer: attribute(sysPath + "/manufacturer"),
                product: attribute(sysPath + "/product"), interfaceNumber: nil, isHIDPOS: nil,
                mayOpen: mayOpen(root + String(format: "/dev/bus/usb/%03d/%03d", bus, dev), transport: .usb))
            found.append(matched(d))
        }
        let order = ScannerTransport.allCases
        return found.sorted { (order.firstIndex(of: $0.transport)!, $0.node) < (order.firstIndex(of: $1.transport)!, $1.node) }
    }

    /// The discovered device a spec reads, if any (matched by node path, following symlinks, or by VID:PID).
    package func device(for spec: ScannerSpec) -> DiscoveredDevice? {
        let all = devices()
        switch spec {
        case .usb(let v, let p): return all.first { $0.vendorID == v && $0.productID == p }
        case .stdin: return nil
        case .evdev(let path), .hidraw(let path), .serial(let path, _):
            let real = (root + path as NSString).resolvingSymlinksInPath
            return all.first { $0.node == path || (root + $0.node as NSString).resolvingSymlinksInPath == real }
        }
    }

    private func matched(_ d: DiscoveredDevice) -> DiscoveredDevice {
        var d = d
        if let m = catalog.match(vendorID: d.vendorID, productID: d.productID, transport: d.transport) {
            d.profile = m.profile.id
            d.profileMatch = m.kind
        }
        return d
    }

    // MARK: sysfs reading (paths without the root; the root is added here)

    private func list(_ dir: String) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: root + dir)) ?? []).sorted() }
    private func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: root + path) }

    func attribute(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: root + path) else { return nil }
        let s = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return s.isEmpty ? nil : s
    }

    private func hex(_ path: String) -> UInt16? { attribute(path).flatMap { UInt16($0, radix: 16) } }

    /// Follows a sysfs symlink by hand (relative targets, as sysfs has), so it stays inside `root`.
    func resolve(_ path: String) -> String? {
        var parts = path.split(separator: "/").map(String.init)
        var resolved: [String] = []
        var hops = 0
        while !parts.isEmpty {
            let part = parts.removeFirst()
            if part == "." { continue }
            if part == ".." { _ = resolved.popLast(); continue }
            resolved.append(part)
            let current = root + "/" + resolved.joined(separator: "/")
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: current) {
                hops += 1
                if hops > 40 { return nil }
                resolved.removeLast()
                let targetParts = target.split(separator: "/").map(String.init)
                if target.hasPrefix("/") { resolved = [] }
                parts = targetParts + parts
            }
        }
        let result = "/" + resolved.joined(separator: "/")
        return exists(result) ? result : nil
    }

    /// The nearest folder at or above `path` (stopping at /sys/devices) that holds `file`.
    private func ancestor(of path: String, having file: String) -> String? {
        var current = path
        while current.hasPrefix("/sys/devices/") {
            if exists(current + "/" + file) { return current }
            current = (current as NSString).deletingLastPathComponent
        }
        return nil
    }

    private func devNode(_ sysPath: String, name: String, transport: ScannerTransport) -> String {
        if let uevent = attribute(sysPath + "/uevent"),
           let line = uevent.split(separator: "\n").first(where: { $0.hasPrefix("DEVNAME=") }) {
            let devname = String(line.dropFirst("DEVNAME=".count))
            return devname.hasPrefix("/") ? devname : "/dev/" + devname
        }
        return transport == .evdev ? "/dev/input/" + name : "/dev/" + name
    }

    private func mayOpen(_ path: String, transport: ScannerTransport) -> Bool {
        access(path, transport == .evdev || transport == .hidraw ? R_OK : R_OK | W_OK) == 0
    }
}
