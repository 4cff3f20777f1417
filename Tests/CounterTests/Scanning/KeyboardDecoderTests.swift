import Testing
@testable import CounterCore
@testable import CounterDevices

@Suite("Keyboard wedge decoding")
struct KeyboardDecoderTests {
    typealias K = KeyStrokes

    @Test("US: letters, Shift, digits and punctuation; Enter ends the scan")
    func us() {
        let events = K.tap(30) + K.tap(30, with: [K.leftShift]) + K.tap(2) + K.tap(12) + K.tap(53)
            + K.tap(3, with: [54]) + K.tap(K.enter)
        let (bytes, ended) = K.decode(events, layout: .us)
        #expect(String(decoding: bytes, as: UTF8.self) == "aA1-/@")
        #expect(ended)
    }

    @Test("Ctrl+] is GS (0x1D); Ctrl+A is 0x01; a configured substitute becomes GS")
    func groupSeparator() {
        let gs = K.decode(K.tap(27, with: [K.leftCtrl]) + K.tap(30, with: [97]), layout: .us)
        #expect(gs.bytes == [0x1D, 0x01])
        let substitute = K.decode(K.tap(43, with: [K.leftShift]), layout: .us, gsSubstitute: "|")
        #expect(substitute.bytes == [0x1D])
        // nl: "]" is on the ISO key left of Z; Ctrl + that key is GS as well.
        #expect(K.decode(K.tap(86, with: [K.leftCtrl]), layout: .nl).bytes == [0x1D])
    }

    @Test("The same key positions read differently per layout (hardware.md §1a)", arguments: [
        ("us", [UInt16(2), 12, 53, 16, 21, 40], "1-/qy'"),
        ("nl", [2, 12, 53, 16, 21], "1/-qy"),
        ("be", [2, 12, 53, 16, 44, 39], "&)=awm"),
    ])
    func positions(layout: String, codes: [UInt16], expected: String) throws {
        let l = try #require(KeyboardLayout.named(layout))
        #expect(String(decoding: K.decode(codes.flatMap { K.tap($0) }, layout: l).bytes, as: UTF8.self) == expected)
    }

    @Test("Belgian AZERTY: digits need Shift, @ and # need AltGr")
    func belgian() {
        let events = K.tap(2, with: [K.leftShift]) + K.tap(3, with: [K.rightAlt]) + K.tap(4, with: [K.rightAlt])
        #expect(String(decoding: K.decode(events, layout: .be).bytes, as: UTF8.self) == "1@#")
    }

    @Test("Dead keys: acute + e is é, acute + space is the apostrophe (nl)")
    func deadKeys() {
        let events = K.tap(40) + K.tap(18) + K.tap(40) + K.tap(57)
        #expect(String(decoding: K.decode(events, layout: .nl).bytes, as: UTF8.self) == "é'")
    }

    @Test("Key releases, autorepeat and Caps Lock change nothing; Tab ends a scan")
    func ignored() {
        let events: [KeyStrokes.Event] = [(58, 1), (58, 0), (30, 1), (30, 2), (30, 0), (15, 1), (15, 0)]
        let (bytes, ended) = K.decode(events, layout: .us)
        #expect(bytes == [UInt8(ascii: "a")])
        #expect(ended)
    }

    @Test("Alt + keypad digits (Alt mode) gives the character with that code")
    func altMode() {
        let events: [KeyStrokes.Event] = [(56, 1), (79, 1), (79, 0), (82, 1), (82, 0), (81, 1), (81, 0), (56, 0)]
        #expect(K.decode(events, layout: .be).bytes == [0x67])  // 103 = "g"
    }

    @Test("Alt held over endless keypad digits gives one character and never stops the reader (make fuzz)")
    func altModeOverflow() {
        // 40 fives: the number overflows a 64-bit integer; the character is the number modulo 256.
        let digits = [KeyStrokes.Event](repeating: (76, 1), count: 40)
        let events: [KeyStrokes.Event] = [(56, 1)] + digits + [(56, 0)]
        let expected = (0..<40).reduce(0) { n, _ in (n * 10 + 5) % 256 }
        #expect(K.decode(events, layout: .us).bytes == Array(String(Unicode.Scalar(UInt8(expected))).utf8))
    }
}

@Suite("Keyboard layouts, as properties")
struct KeyboardLayoutPropertyTests {
    /// Every printable ASCII character the layout can type, typed and decoded, comes back unchanged.
    @Test("Typing and decoding round-trips random ASCII text", arguments: KeyboardLayout.all)
    func roundTrip(layout: KeyboardLayout) throws {
        let typeable = (0x20...0x7E).compactMap(Unicode.Scalar.init).filter { KeyStrokes.typing(String($0), in: layout) != nil }
        #expect(typeable.count >= 90, "\(layout) types only \(typeable.count) ASCII characters")
        var rng = SplitMix64(seed: 0x5CA7 &+ UInt64(layout.name.utf8.first!))
        for _ in 0..<300 {
            let text = String(String.UnicodeScalarView((0..<Int.random(in: 1...40, using: &rng)).map { _ in typeable.randomElement(using: &rng)! }))
            let events = try #require(KeyStrokes.typing(text + "\u{1D}" + text + "\r", in: layout))
            let (bytes, ended) = KeyStrokes.decode(events, layout: layout)
            #expect(bytes == Array((text + "\u{1D}" + text).utf8), "\(layout): \(text)")
            #expect(ended)
        }
    }

    @Test("Every level of every key decodes to the table's symbol", arguments: KeyboardLayout.all)
    func everyKey(layout: KeyboardLayout) {
        for (code, key) in layout.keys {
            for (symbol, mods) in [(key.base, [UInt16]()), (key.shift, [KeyStrokes.leftShift]), (key.altGr, [KeyStrokes.rightAlt])] {
                guard let symbol, !KeyboardDecoder.isDeadKey(symbol) else { continue }
                let bytes = KeyStrokes.decode(KeyStrokes.tap(code, with: mods), layout: layout).bytes
                #expect(bytes == Array(String(symbol).utf8), "\(layout) key \(code) \(mods)")
            }
        }
    }

    @Test("Digits and letters exist in every layout, on some level")
    func alphanumerics() {
        for layout in KeyboardLayout.all {
            for c in "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-./" {
                #expect(KeyStrokes.typing(String(c), in: layout) != nil, "\(layout) cannot type \(c)")
            }
        }
    }
}

/// A small seeded generator, so property tests are repeatable.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
