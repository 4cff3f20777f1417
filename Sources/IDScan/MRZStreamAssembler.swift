/// Assembles complete MRZ reads from bytes or keystrokes as a reader sends them, piece by piece.
///
/// A value type with no clock of its own: the caller passes the time of each chunk (seconds on any
/// monotonic clock) and calls ``flush(at:)`` when idle, so a half read times out without a timer in here.
/// Framed reads (STX … ETX) complete at ETX; unframed reads (keyboard wedge, plain serial) complete when the
/// lines received form a whole MRZ (3×30, 2×36, 2×44, or a 1×30 driving licence line).
public struct MRZStreamAssembler: Sendable {
    /// What the assembler yields.
    public enum Event: Sendable, Equatable {
        /// A complete read: the normalised lines, ready for ``MRZParser/parse(lines:today:)``.
        case read([String])
        /// A read that stopped half-way (a timeout or a cut connection): the lines received so far are dropped.
        case incomplete(linesReceived: Int)
        /// Bytes that cannot belong to an MRZ were skipped until the next line or frame.
        case discarded(byteCount: Int)
    }

    /// Seconds of silence after which a half read is given up (readers type well under 20 ms per key).
    public var timeout: Double
    private var lines: [[UInt8]] = []
    private var current: [UInt8] = []
    private var inFrame = false
    private var afterFrame = false
    private var garbage = 0
    private var lastByteAt: Double?
    private var previous: UInt8 = 0
    /// Inside a 3M/Thales RTE header (SOH, length, "OU") until STX; then one flag byte to skip.
    private var inHeader = false
    private var skipFlag = false

    public init(timeout: Double = 1.0) {
        self.timeout = timeout
    }

    /// Feeds bytes received at `time`; returns the events they complete.
    public mutating func feed<C: Sequence>(_ bytes: C, at time: Double) -> [Event] where C.Element == UInt8 {
        var events = flush(at: time)
        lastByteAt = time
        for byte in bytes { step(byte, into: &events) }
        return events
    }

    /// Feeds text typed by a keyboard wedge.
    public mutating func feed(text: String, at time: Double) -> [Event] { feed(Array(text.utf8), at: time) }

    /// Gives up a half read when nothing came for ``timeout`` seconds before `time`.
    public mutating func flush(at time: Double) -> [Event] {
        guard let last = lastByteAt, time - last >= timeout else { return [] }
        lastByteAt = nil
        var events: [Event] = []
        if garbage > 0 { events.append(.discarded(byteCount: garbage)); garbage = 0 }
        let received = lines.count + (current.isEmpty ? 0 : 1)
        if received > 0 { events.append(.incomplete(linesReceived: received)) }
        reset()
        return events
    }

    /// The connection closed: anything half received is incomplete.
    public mutating func close() -> [Event] {
        let received = lines.count + (current.isEmpty ? 0 : 1)
        reset()
        return received > 0 ? [.incomplete(linesReceived: received)] : []
    }

    private mutating func reset() {
        lines = []
        current = []
        inFrame = false
        afterFrame = false
        inHeader = false
        skipFlag = false
    }

    private mutating func step(_ raw: UInt8, into events: inout [Event]) {
        var byte = raw
        if byte >= 0x61 && byte <= 0x7A { byte -= 0x20 }
        defer { previous = raw }
        if skipFlag {
            skipFlag = false
            if byte != MRZNormalizer.cr && byte != MRZNormalizer.lf { return }
        }
        if inHeader && byte != MRZNormalizer.stx { return }
        switch byte {
        case MRZNormalizer.soh:
            let received = lines.count + (current.isEmpty ? 0 : 1)
            if received > 0 { events.append(.incomplete(linesReceived: received)) }
            reset()
            inHeader = true
        case MRZNormalizer.stx:
            if inHeader { inHeader = false; skipFlag = true; inFrame = true; return }
            let received = lines.count + (current.isEmpty ? 0 : 1)
            if received > 0 { events.append(.incomplete(linesReceived: received)) }
            reset()
            inFrame = true
        case MRZNormalizer.etx:
            guard inFrame else { garbage += 1; return }
            endLine(into: &events, framed: true)
            let read = MRZNormalizer.normalize(lines)
            reset()
            afterFrame = true
            if !read.isEmpty { events.append(.read(read.map { String(decoding: $0, as: UTF8.self) })) }
        case MRZNormalizer.cr, MRZNormalizer.lf:
            if byte == MRZNormalizer.lf && previous == MRZNormalizer.cr { return }
            afterFrame = false
            endLine(into: &events, framed: inFrame)
        case 0x20, 0x5F:
            return
        default:
            if afterFrame && !inFrame && (byte < 0x20 || CheckDigit.value(byte) == nil) { return }  // BCC, GS, EOD
            if byte < 0x20 || byte == 0x7F {
                if !inFrame { garbage += 1 }
                return
            }
            afterFrame = false
            if CheckDigit.value(byte) == nil && !inFrame {
                // Not an MRZ character: drop the line it is in and resynchronise at the next line end.
                garbage += current.count + 1
                current = []
                lines = []
                return
            }
            current.append(byte)
            if current.count > 44 && !inFrame {
                garbage += current.count
                current = []
                lines = []
            }
        }
    }

    private mutating func endLine(into events: inout [Event], framed: Bool) {
        if garbage > 0 && !framed { events.append(.discarded(byteCount: garbage)); garbage = 0 }
        guard !current.isEmpty else { return }
        lines.append(current)
        current = []
        guard !framed else { return }
        switch Self.completeness(lines) {
        case .complete:
            events.append(.read(lines.map { String(decoding: $0, as: UTF8.self) }))
            lines = []
        case .partial:
            break
        case .impossible:
            // The lines so far cannot be one MRZ: keep the newest line as a possible start.
            let last = lines.removeLast()
            events.append(.discarded(byteCount: lines.reduce(0) { $0 + $1.count }))
            lines = []
            if Self.completeness([last]) != .impossible {
                lines = [last]
                if Self.completeness(lines) == .complete {
                    events.append(.read(lines.map { String(decoding: $0, as: UTF8.self) }))
                    lines = []
                }
            } else {
                events.append(.discarded(byteCount: last.count))
            }
        }
    }

    enum Completeness { case complete, partial, impossible }

    static func completeness(_ lines: [[UInt8]]) -> Completeness {
        guard let width = lines.first?.count, lines.allSatisfy({ $0.count == width }) else { return .impossible }
        switch (width, lines.count) {
        case (30, 1): return lines[0].first == UInt8(ascii: "D") ? .complete : .partial
        case (30, 2): return lines[0].first == UInt8(ascii: "D") ? .impossible : .partial
        case (30, 3), (36, 2), (44, 2): return .complete
        case (36, 1), (44, 1): return .partial
        default: return .impossible
        }
    }
}
