import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

@Suite("Scanner profiles")
struct ScannerProfileTests {
    static let folder = Fixtures.repositoryRoot.appendingPathComponent("hardware/profiles").path

    @Test("The embedded profiles are exactly hardware/profiles (scripts/embed-profiles.py --check)")
    func embeddedMatchesFolder() throws {
        let fromFolder = try ScannerProfileCatalog(folder: Self.folder)
        #expect(fromFolder.profiles == ScannerProfileCatalog.embedded.profiles)
        let ids = Set(fromFolder.profiles.map(\.id))
        for id in ["honeywell-voyager", "honeywell-xenon", "zebra-ds", "zebra-li", "datalogic-quickscan", "datalogic-gryphon",
                   "newland", "generic-hid-keyboard", "desko-penta-icon", "access-is-ocr", "thales-cr5400"] {
            #expect(ids.contains(id), "missing profile \(id)")
        }
    }

    @Test("Matching: VID:PID first, then the vendor's fallback, then generic for wedges only", arguments: [
        (UInt16(0x0c2e), UInt16(0x0b81), ScannerTransport.evdev, "honeywell-voyager", ScannerProfileCatalog.MatchKind.product),
        (0x0c2e, 0x1234, .hidraw, "honeywell-voyager", .vendor),
        (0x1eab, 0x8206, .serial, "newland", .product),
        (0x08e6, 0x5400, .serial, "thales-cr5400", .product),
        (0x1234, 0x5678, .evdev, "generic-hid-keyboard", .generic),
    ])
    func matching(vid: UInt16, pid: UInt16, transport: ScannerTransport, id: String, kind: ScannerProfileCatalog.MatchKind) {
        let m = ScannerProfileCatalog.embedded.match(vendorID: vid, productID: pid, transport: transport)
        #expect(m?.profile.id == id)
        #expect(m?.kind == kind)
    }

    @Test("No profile for an unknown serial device; a Gemalto smart-card reader is not the CR5400")
    func noMatch() {
        #expect(ScannerProfileCatalog.embedded.match(vendorID: 0x1234, productID: 1, transport: .serial) == nil)
        #expect(ScannerProfileCatalog.embedded.match(vendorID: 0x08e6, productID: 0x3437, transport: .usb) == nil)
    }

    @Test("Profiles give settings; bad files are refused with the file and the setting")
    func validation() throws {
        let voyager = try #require(ScannerProfileCatalog.embedded.profile(id: "honeywell-voyager"))
        #expect(voyager.settings.layout == .us && voyager.settings.gap == 0.05)
        let bad = #"{"id":"x","model":"X","kind":"barcode","vendorID":"0C2E","modes":[],"vendorFallback":false,"suffix":"enter","gapMilliseconds":50,"keyboardLayout":"us","notes":[]}"#
        #expect(throws: ScannerProfileError.invalid(file: "x.json", reason: "vendorID '0C2E' must be 4 lower-case hex digits")) {
            try ScannerProfileCatalog(files: [("x.json", Data(bad.utf8))])
        }
        let layout = bad.replacingOccurrences(of: "0C2E", with: "0c2e").replacingOccurrences(of: "\"us\"", with: "\"fr\"")
        #expect(throws: ScannerProfileError.self) { try ScannerProfileCatalog(files: [("x.json", Data(layout.utf8))]) }
    }

    @Test("Every profile's notes say where unverified IDs are unverified")
    func unverifiedSaid() throws {
        for p in ScannerProfileCatalog.embedded.profiles where p.modes.isEmpty && p.vendorID == nil && p.id != "generic-hid-keyboard" {
            #expect(p.notes.contains { $0.contains("UNVERIFIED") }, "\(p.id)")
        }
    }
}
