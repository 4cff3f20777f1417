import CEvdev
import CounterCore
import Foundation

/// Reads a keyboard-wedge scanner from its evdev node (`/dev/input/event*`), grabbed so that no scan types
/// into the desktop.
///
/// The node is opened read-only and grabbed with `EVIOCGRAB`: while Counter reads it, the console, X and
/// Wayland see none of its keys (add the udev rule in hardware/udev too, so the desktop never opens it). Key
/// events go through a ``KeyboardDecoder`` with the scanner's layout; a scan ends at Enter/Tab or after
/// ``ScannerSettings/gap`` of silence. When the device goes away the scan in progress is reported incomplete
/// and the node is reopened every ``ScannerSettings/retryInterval`` until it is back.
public final class EvdevScanner: ScannerSource {
    public let device: String
    public let path: String
    public let settings: ScannerSettings
    public let events: AsyncStream<ScanEvent>
    private let continuation: AsyncStream<ScanEvent>.Continuation
    private let stopFlag = StopFlag()
    private let grabState = StopFlag()

    /// - Parameters:
    ///   - path: the evdev node, such as `/dev/input/event7` or `/dev/input/by-id/usb-…-event-kbd`.
    ///   - settings: gap, layout and GS substitute, usually from the scanner's profile.
    public init(path: String, settings: ScannerSettings = ScannerSettings()) {
        self.path = path
        self.settings = settings
        self.device = "evdev:\(path)"
        (events, continuation) = AsyncStream.makeStream(of: ScanEvent.self, bufferingPolicy: .unbounded)
        ReaderThread.start(device: device) { [self] in self.readLoop() }
    }

    /// Whether the node is currently grabbed (EVIOCGRAB succeeded), so nothing else receives its keys.
    public var isGrabbed: Bool { grabState.isSet }

    public func stop() { stopFlag.set() }

    /// Opens and grabs the node; nil while it is missing or another program holds the grab.
    private func open() -> Int32? {
        let fd = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        if cevdev_grab(fd, 1) == 0 {
            grabState.set(true)
        } else if errno == EBUSY {
            // Another program grabbed the scanner; reading alongside it would split scans. Try again later.
            close(fd)
            return nil
        }
        // Other errors (ENOTTY, EINVAL): not an evdev node, as in tests with a pty; read it anyway.
        return fd
    }

    private func readLoop() {
        var scan = ScanBuffer(device: device)
        var decoder = KeyboardDecoder(settings: settings)
        let eventSize = MemoryLayout<input_event>.size
        var pending: [UInt8] = []
        var lastStamp = 0.0
        var buffer = [UInt8](repeating: 0, count: eventSize * 64)
        func emit(complete: Bool) { if let event = scan.take(complete: complete) { continuation.yield(event) } }
        while !stopFlag.isSet {
            guard let fd = open() else {
                usleep(useconds_t(settings.retryInterval * 1e6))
                continue
            }
            decoder.reset()
            pending.removeAll()
            var connected = true
            while connected && !stopFlag.isSet {
                var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let timeoutMs = scan.isEmpty ? 100 : max(1, Int32((settings.gap * 1000).rounded(.up)))
                let ready = poll(&pfd, 1, timeoutMs)
                if ready == 0 {
                    if !scan.isEmpty && ScanClock.now() - scan.lastAt >= settings.gap { emit(complete: true) }
                    continue
                }
                if ready < 0 { if errno == EINTR { continue }; connected = false; break }
                let n = read(fd, &buffer, buffer.count)
                let now = ScanClock.now()
                guard n > 0 else {
                    if n == 0 || (errno != EAGAIN && errno != EINTR) || pfd.revents & Int16(POLLHUP | POLLERR) != 0 {
                        connected = false  // ENODEV: unplugged
                    }
                    continue
                }
                // Whole input_event structs; a stream (tests, emulation) may split one across reads.
                pending.append(contentsOf: buffer[0..<n])
                var offset = 0
                while pending.count - offset >= eventSize {
                    let event = pending.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: input_event.self) }
                    offset += eventSize
                    guard event.type == UInt16(EV_KEY) else { continue }
                    // The kernel stamps each event when it happens: a gap between events that were queued
                    // (the reader was busy) still ends a scan without a suffix.
                    let stamp = Double(event.time.tv_sec) + Double(event.time.tv_usec) / 1e6
                    defer { if event.value == 1 { lastStamp = stamp } }
                    switch decoder.key(event.code, value: event.value) {
                    case .bytes(let bytes)?:
                        if !scan.isEmpty && stamp - lastStamp >= settings.gap { emit(complete: true) }
                        scan.append(bytes, at: now)
                        if scan.bytes.count >= settings.maximumLength { emit(complete: true) }
                    case .endOfScan?: emit(complete: true)
                    case nil: break
                    }
                }
                pending.removeFirst(offset)
            }
            // A scan cut by an unplug is reported incomplete, never delivered half.
            emit(complete: false)
            grabState.set(false)
            close(fd)  // also ends the grab
            if !stopFlag.isSet { usleep(useconds_t(settings.retryInterval * 1e6)) }
        }
        continuation.finish()
    }
}
