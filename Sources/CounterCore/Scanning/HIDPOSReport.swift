/// One input report of a USB HID POS barcode scanner (usage page 0x8C), parsed: a pure value, no I/O.
///
/// Layout of report 0x02 (Honeywell's HID POS descriptor, Access-IS LSR118, WebHidBarcodeScanner):
/// ```
/// [0]     0x02 report ID
/// [1]     number of data bytes in this report (0…56)
/// [2…4]   AIM symbology identifier (`]E0`), zero when the scanner sends none
/// [5…60]  decoded data, NUL padded
/// [61]    Honeywell code ID (`d` EAN-13, `j` Code 128, …), zero if none
/// [63]    bit 0: more reports follow for this scan ("Decode Data Continued")
/// ```
/// Reports may be shorter than 64 bytes (a descriptor with a smaller data field): the count in byte 1 and
/// what is present are trusted, and the continuation flag is read only when byte 63 exists.
package struct HIDPOSReport: Sendable, Hashable {
    /// The HID POS scanned-data report ID.
    package static let reportID: UInt8 = 0x02

    /// The AIM identifier (3 bytes, `]E0`), nil when the report carries none.
    package var symbology: [UInt8]?
    /// This report's share of the decoded data.
    package var data: [UInt8]
    /// Honeywell's own code ID letter, nil when zero or absent.
    package var codeID: UInt8?
    /// True when the scan continues in the next report.
    package var continues: Bool

    /// Why a report is not a HID POS data report.
    package enum ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        case tooShort(Int)
        case notScanData(reportID: UInt8)

        package var description: String {
            switch self {
            case .tooShort(let n):
                "HID POS report of \(n) bytes is too short (needs at least 5): is this device in HID POS mode?"
            case .notScanData(let id):
                "HID report ID \(id) is not scanned data (ID 2): the device may be in another mode; check its profile"
            }
        }
    }

    /// Parses one report, report-ID byte first, as `read()` on hidraw or a libusb interrupt transfer gives it.
    package init(parsing report: some Collection<UInt8>) throws(ParseError) {
        let r = Array(report)
        guard r.count >= 5 else { throw .tooShort(r.count) }
        guard r[0] == Self.reportID else { throw .notScanData(reportID: r[0]) }
        let aim = Array(r[2..<5])
        symbology = aim[0] == UInt8(ascii: "]") ? aim : nil
        let count = min(Int(r[1]), max(0, min(r.count, 61) - 5))
        data = Array(r[5..<(5 + count)])
        codeID = r.count > 61 && r[61] != 0 ? r[61] : nil
        continues = r.count > 63 && r[63] & 1 == 1
    }
}
