import IDScan

/// The one place a scan becomes an item, a document, or a refusal — for every caller: the kiosk, the
/// headless counter, the CLI and embedders all route through it (via ``CounterSession``).
///
/// A document reader's bytes go unsplit into an `MRZStreamAssembler` per device, so framed reads
/// (Access-IS `FS STX … ETX GS`, DESKO `SOD STX … ETX EOD`, Thales `SOH … STX … ETX BCC`) and line-by-line
/// wedge reads both assemble into one document; they never become items, whatever they hold. A barcode scan
/// must pass `ScanSafety` before it is decoded.
package struct ScanRouter: Sendable {
    /// What a scan turned out to be.
    package enum Routed: Sendable, Hashable {
        /// An item's barcode; the scanned text never includes the AIM prefix.
        case item(DecodedScan, text: String)
        /// A whole MRZ, normalised lines, from a document reader (or typed MRZ).
        case document(lines: [String])
        /// Part of a document is in; the rest is expected within the assembler's timeout.
        case reading
        /// Not usable; the clerk is told why. The scanned text is gone.
        case refused(ScanRefusal)
    }

    private var assemblers: [String: MRZStreamAssembler] = [:]
    private let interpreter: ScanInterpreter
    /// Seconds a half document read may wait for its next line.
    package var documentTimeout: Double

    package init(interpreter: ScanInterpreter = ScanInterpreter(), documentTimeout: Double = 1.0) {
        self.interpreter = interpreter
        self.documentTimeout = documentTimeout
    }

    /// Routes one scan (bytes without the scanner's suffix) from `origin`, received at `time` (monotonic
    /// seconds). May return several results: a timed-out half document before the new scan's own result.
    package mutating func route(_ bytes: [UInt8], from origin: ScanOrigin, at time: Double) -> [Routed] {
        var out = flush(at: time)
        switch origin.kind {
        case .documentReader:
            out += feedDocument(bytes, device: origin.device, stream: origin.isStream, at: time)
        case .barcode, .typed:
            if let refusal = ScanSafety.refusal(for: bytes, typed: origin.kind == .typed) {
                out.append(.refused(refusal))
            } else {
                let scan = interpreter.decode(bytes)
                out.append(.item(scan, text: Self.payloadText(bytes)))
            }
        }
        return out
    }

    /// Gives up document reads that stopped half-way for longer than the timeout: each is a refusal.
    package mutating func flush(at time: Double) -> [Routed] {
        var out: [Routed] = []
        for device in assemblers.keys.sorted() {
            out += Self.results(assemblers[device]!.flush(at: time))
        }
        return out
    }

    /// A document reader went away: its half read is refused.
    package mutating func close(device: String) -> [Routed] {
        guard var assembler = assemblers.removeValue(forKey: device) else { return [] }
        return Self.results(assembler.close())
    }

    private mutating func feedDocument(_ bytes: [UInt8], device: String, stream: Bool, at time: Double) -> [Routed] {
        var assembler = assemblers[device] ?? MRZStreamAssembler(timeout: documentTimeout)
        var chunk = bytes[...]
        if let etx = chunk.lastIndex(of: 0x03) {
            // A framed read ends at ETX; what follows (GS, EOD, a BCC byte) is framing, not a next line, and
            // what comes before its SOH or STX (FS, SOD) is the reader's wrapper.
            chunk = chunk[...etx]
            if let start = chunk.firstIndex(where: { $0 == 0x01 || $0 == 0x02 }) { chunk = chunk[start...] }
        } else if !stream, let last = chunk.last, last != 0x0D, last != 0x0A {
            // The device stripped the line's suffix (a wedge's Enter): give the assembler its line end back.
            chunk.append(0x0D)
        }
        let events = assembler.feed(chunk, at: time)
        assemblers[device] = assembler
        let out = Self.results(events)
        return out.isEmpty ? [.reading] : out
    }

    static func results(_ events: [MRZStreamAssembler.Event]) -> [Routed] {
        events.map { event in
            switch event {
            case .read(let lines): .document(lines: lines)
            case .incomplete(let n): .refused(ScanRefusal(.documentUnreadable, length: n))
            case .discarded(let n): .refused(ScanRefusal(.documentUnreadable, length: n))
            }
        }
    }

    /// The scan as the clerk may see it: trimmed, without the AIM prefix.
    static func payloadText(_ bytes: [UInt8]) -> String { ScanPayload(bytes).text }
}
