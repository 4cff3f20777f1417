/// Joins HID POS reports into scans: a scan longer than one report continues while ``HIDPOSReport/continues``
/// is set. A pure state machine, shared by `HidrawScanner` and `USBScanner`.
///
/// The scan's bytes are the AIM identifier followed by the data, the same shape a keyboard or serial scanner
/// with "AIM ID on" sends, so ``ScanEvent/symbology`` and the interpreter need not know the transport.
package struct HIDPOSAssembler: Sendable {
    package let device: String
    private var scan: ScanBuffer

    package init(device: String) {
        self.device = device
        scan = ScanBuffer(device: device)
    }

    /// True while a multi-report scan is half received.
    package var isInProgress: Bool { !scan.isEmpty }

    /// Adds one report received at `time`; returns the scan once its last report is in.
    package mutating func add(_ report: HIDPOSReport, at time: Double) -> ScanEvent? {
        if scan.isEmpty, let aim = report.symbology { scan.append(aim, at: time) }
        scan.append(report.data, at: time)
        return report.continues ? nil : scan.take(complete: true)
    }

    /// The half-received scan, marked incomplete (the device went away between reports).
    package mutating func abandon() -> ScanEvent? { scan.take(complete: false) }
}
