import CEvdev
import CounterCore
import Foundation

/// Reads a USB HID POS scanner (usage page 0x8C) through the kernel's hidraw node (`/dev/hidraw*`).
///
/// The recommended mode where a scanner has it: the AIM identifier is in every report, GS arrives as a byte,
/// no keyboard layout is involved and nothing types into the desktop. The `usbhid` driver stays bound; each
/// `read()` gives one report, report ID first. Scans spanning several reports are joined
/// (``HIDPOSAssembler``). Reports with another ID (status, a keyboard collection) are skipped. Unplug and
/// reopen work as for the other sources.
public final class HidrawScanner: ScannerSource {
    public let device: String
    public let path: String
    public let settings: ScannerSettings
    public let events: AsyncStream<ScanEvent>
    private let continuation: AsyncStream<ScanEvent>.Continuation
    private let stopFlag = StopFlag()

    /// The size of a HID POS input report including its ID byte.
    static let reportSize = 64

    /// - Parameter path: the hidraw node, such as `/dev/hidraw0`.
    public init(path: String, settings: ScannerSettings = ScannerSettings()) {
        self.path = path
        self.settings = settings
        self.device = "hidraw:\(path)"
        (events, continuation) = AsyncStream.makeStream(of: ScanEvent.self, bufferingPolicy: .unbounded)
        ReaderThread.start(device: device) { [self] in self.readLoop() }
    }

    public func stop() { stopFlag.set() }

    private func readLoop() {
        var assembler = HIDPOSAssembler(device: device)
        var stream: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !stopFlag.isSet {
            // Read-only: Counter sends no output reports, and read access is all the udev rule must give.
            let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
            guard fd >= 0 else {
                usleep(useconds_t(settings.retryInterval * 1e6))
                continue
            }
            stream.removeAll()
            var connected = true
            while connected && !stopFlag.isSet {
                var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let ready = poll(&pfd, 1, 100)
                if ready == 0 { continue }
                if ready < 0 { if errno == EINTR { continue }; connected = false; break }
                let n = read(fd, &buffer, buffer.count)
                let now = ScanClock.now()
                guard n > 0 else {
                    if n == 0 || (errno != EAGAIN && errno != EINTR) || pfd.revents & Int16(POLLHUP | POLLERR) != 0 {
                        connected = false
                    }
                    continue
                }
                for report in Self.reports(in: buffer[0..<n], carry: &stream) {
                    guard let parsed = try? HIDPOSReport(parsing: report) else { continue }
                    if let event = assembler.add(parsed, at: now) { continuation.yield(event) }
                }
            }
            if let cut = assembler.abandon() { continuation.yield(cut) }
            close(fd)
            if !stopFlag.isSet { usleep(useconds_t(settings.retryInterval * 1e6)) }
        }
        continuation.finish()
    }

    /// Splits what one `read()` returned into reports. The kernel gives exactly one report per read; an
    /// emulated node (umockdev) is a byte stream, so scan-data reports are cut at 64 bytes, keeping a
    /// partial one in `carry` for the next read.
    static func reports(in chunk: ArraySlice<UInt8>, carry: inout [UInt8]) -> [[UInt8]] {
        if carry.isEmpty && chunk.first != HIDPOSReport.reportID { return [Array(chunk)] }
        carry.append(contentsOf: chunk)
        var reports: [[UInt8]] = []
        while carry.count >= reportSize {
            reports.append(Array(carry.prefix(reportSize)))
            carry.removeFirst(reportSize)
            if let first = carry.first, first != HIDPOSReport.reportID { carry.removeAll(); break }
        }
        return reports
    }
}
