import CounterCore
import Foundation

/// Reads a scanner (or document reader) on a serial or virtual COM port (`/dev/ttyACM*`, `/dev/ttyUSB*`, any
/// tty) or on standard input.
///
/// A scan ends at the suffix (CR, LF or TAB) or, for scanners without one, after ``gap`` seconds of silence.
/// When the device goes away the scan in progress is reported incomplete, and the port is reopened every
/// ``retryInterval`` seconds until the device is back: no restart needed. Reading happens on a dedicated
/// thread with poll(2), so a slow device never blocks the concurrency pool.
public final class SerialScanner: Sendable {
    public let device: String
    public let path: String?
    public let baud: Int
    public let gap: Double
    public let retryInterval: Double
    /// Whether CR, LF and TAB end a scan (barcode scanners); false: bytes go unsplit, ended by the gap
    /// (document readers, whose one read is several lines and often a frame).
    public let splitsAtLineEnds: Bool
    /// The scans, in order. Finishes when ``stop()`` is called.
    public let events: AsyncStream<ScanEvent>
    private let continuation: AsyncStream<ScanEvent>.Continuation
    private let stopFlag = StopFlag()

    static let speeds: [Int: speed_t] = [
        1200: speed_t(B1200), 2400: speed_t(B2400), 4800: speed_t(B4800), 9600: speed_t(B9600), 19200: speed_t(B19200),
        38400: speed_t(B38400), 57600: speed_t(B57600), 115200: speed_t(B115200),
    ]

    /// - Parameters:
    ///   - path: the tty, or nil for standard input.
    ///   - gap: silence that ends a scan without a suffix (default 30 ms).
    public init(path: String?, baud: Int = 9600, gap: Double = 0.03, retryInterval: Double = 0.25,
                splitsAtLineEnds: Bool = true) {
        self.path = path
        self.splitsAtLineEnds = splitsAtLineEnds
        self.baud = baud
        self.gap = gap
        self.retryInterval = retryInterval
        self.device = path.map { "serial:\($0)" } ?? "stdin"
        (events, continuation) = AsyncStream.makeStream(of: ScanEvent.self, bufferingPolicy: .unbounded)
        ReaderThread.start(device: device) { [self] in self.readLoop() }
    }

    /// Stops reading; the event stream finishes.
    public func stop() { stopFlag.set() }

    private func open() -> Int32? {
        guard let path else { return STDIN_FILENO }
        let fd = Glibc.open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        if isatty(fd) == 1 {
            var t = termios()
            if tcgetattr(fd, &t) == 0 {
                cfmakeraw(&t)
                let speed = Self.speeds[baud] ?? speed_t(B9600)
                cfsetispeed(&t, speed)
                cfsetospeed(&t, speed)
                t.c_cflag |= tcflag_t(CLOCAL | CREAD)
                tcsetattr(fd, TCSANOW, &t)
            }
        }
        return fd
    }

    private func readLoop() {
        var pending: [UInt8] = []
        var first = 0.0, last = 0.0
        func emit(complete: Bool) {
            guard !pending.isEmpty else { return }
            continuation.yield(ScanEvent(bytes: pending, device: device, firstByteAt: first, lastByteAt: last, isComplete: complete))
            pending.removeAll()
        }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !stopFlag.isSet {
            guard let fd = open() else {
                usleep(useconds_t(retryInterval * 1e6))
                continue
            }
            var connected = true
            while connected && !stopFlag.isSet {
                var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let timeoutMs = pending.isEmpty ? 100 : max(1, Int32(gap * 1000))
                let ready = poll(&pfd, 1, timeoutMs)
                if ready == 0 {
                    // Silence: a scan without a suffix ends here.
                    if !pending.isEmpty && ScanClock.now() - last >= gap { emit(complete: true) }
                    continue
                }
                if ready < 0 { if errno == EINTR { continue }; connected = false; break }
                let n = read(fd, &buffer, buffer.count)
                let now = ScanClock.now()
                if n > 0 {
                    for b in buffer[0..<n] {
                        if splitsAtLineEnds && (b == 0x0D || b == 0x0A || b == 0x09) { emit(complete: true); continue }
                        if pending.isEmpty { first = now }
                        pending.append(b)
                        last = now
                    }
                } else if n == 0 || (errno != EAGAIN && errno != EINTR) || pfd.revents & Int16(POLLHUP | POLLERR) != 0 {
                    connected = false  // unplugged, or the other end of the pty closed
                }
            }
            // A scan cut by an unplug is reported incomplete, never delivered half.
            emit(complete: false)
            if path != nil { close(fd) } else { break }  // stdin does not come back
            if !stopFlag.isSet { usleep(useconds_t(retryInterval * 1e6)) }
        }
        continuation.finish()
    }
}

/// A flag the reading thread polls.
final class StopFlag: @unchecked Sendable {
    // Guarded by the lock: set from any thread, read by the reader thread.
    private let lock = NSLock()
    private var value = false
    func set(_ on: Bool = true) { lock.lock(); value = on; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}
extension SerialScanner: ScannerSource {}
