import Testing
@testable import IDScan

@Suite("Reader stream assembler")
struct MRZStreamAssemblerTests {
    static let td3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
    static let td1 = ["I<UTOD23145890<7349<<<<<<<<<<<", "3407127M9507122UTO<<<<<<<<<<<2", "STEVENSON<<PETER<JOHN<<<<<<<<<"]

    func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test("Framings: STX/ETX, Access-IS 1C 02 … 03 1D, 3M SOH frame with flag and BCC, DESKO SOD/EOD")
    func framings() {
        let body = bytes(Self.td3.joined(separator: "\r") + "\r")
        let frames: [[UInt8]] = [
            [0x02] + body + [0x03],
            [0x1C, 0x02] + body + [0x03, 0x1D],
            [0x01, 0x00, 0x5A] + bytes("OU") + [0x02, 0x30, 0x0D] + body + [0x03, 0x47],
            [0x0B, 0x02] + body + [0x03, 0x0C],
        ]
        for frame in frames {
            var a = MRZStreamAssembler()
            #expect(a.feed(frame, at: 0) == [.read(Self.td3)])
            #expect(MRZNormalizer.lines(from: frame) == Self.td3)
        }
    }

    @Test("Keyboard wedge: lower case, CRLF, a trailing empty line, in pieces")
    func wedge() {
        var a = MRZStreamAssembler()
        let text = Self.td1.joined(separator: "\r\n").lowercased() + "\r\n\r\n"
        var events: [MRZStreamAssembler.Event] = []
        for (i, chunk) in text.utf8.chunked(7).enumerated() {
            events += a.feed(chunk, at: Double(i) * 0.01)
        }
        #expect(events == [.read(Self.td1)])
    }

    @Test("A half read times out as incomplete, and the next read still works")
    func timeout() {
        var a = MRZStreamAssembler(timeout: 0.5)
        #expect(a.feed(bytes(Self.td3[0] + "\n"), at: 0) == [])
        #expect(a.flush(at: 0.2) == [])
        #expect(a.flush(at: 0.6) == [.incomplete(linesReceived: 1)])
        #expect(a.feed(bytes(Self.td3.joined(separator: "\n") + "\n"), at: 1) == [.read(Self.td3)])
    }

    @Test("Garbage before a read is discarded and the assembler resynchronises")
    func garbage() {
        var a = MRZStreamAssembler()
        let events = a.feed(bytes("##!!??\n12345\n") + bytes(Self.td3.joined(separator: "\n") + "\n"), at: 0)
        #expect(events.last == .read(Self.td3))
        #expect(events.contains { if case .discarded = $0 { true } else { false } })
    }

    @Test("A new frame while a read is half done reports the half read")
    func interruptedFrame() {
        var a = MRZStreamAssembler()
        #expect(a.feed([0x02] + bytes(Self.td3[0] + "\r"), at: 0) == [])
        #expect(a.feed([0x02] + bytes(Self.td3.joined(separator: "\r")) + [0x03], at: 0.1) == [.incomplete(linesReceived: 1), .read(Self.td3)])
    }

    @Test("A closed connection mid-read is incomplete, never delivered half")
    func close() {
        var a = MRZStreamAssembler()
        _ = a.feed(bytes(Self.td1[0] + "\n" + Self.td1[1] + "\n"), at: 0)
        #expect(a.close() == [.incomplete(linesReceived: 2)])
    }

    @Test("A one-line driving licence completes at once; run-together lines are split")
    func drivingLicenceAndRunTogether() {
        var a = MRZStreamAssembler()
        let dl = "D1NLD11234567890ABCDEFGHJKLMN" + MRZGenerator.check("D1NLD11234567890ABCDEFGHJKLMN")
        #expect(a.feed(bytes(dl + "\r"), at: 0) == [.read([dl])])
        #expect(MRZNormalizer.lines(from: bytes(Self.td3.joined())) == Self.td3)
    }

    @Test("Random bytes never crash or hang the assembler or the parser")
    func randomBytes() {
        var r = SeededRandom(state: 42)
        var a = MRZStreamAssembler()
        for i in 0..<2_000 {
            let chunk = (0..<Int.random(in: 0...64, using: &r)).map { _ in UInt8.random(in: 0...255, using: &r) }
            for event in a.feed(chunk, at: Double(i) * 0.3) {
                if case .read(let lines) = event { _ = MRZParser.parse(lines: lines, today: (2026, 1, 1)) }
            }
            _ = MRZParser.parse(lines: MRZNormalizer.lines(from: chunk), today: (2026, 1, 1))
        }
    }
}

extension Sequence {
    func chunked(_ size: Int) -> [[Element]] {
        var out: [[Element]] = [], current: [Element] = []
        for e in self {
            current.append(e)
            if current.count == size { out.append(current); current = [] }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}
