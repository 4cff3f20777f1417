import CEvdev
import Foundation
@testable import CounterCore
@testable import CounterDevices

/// Key events as a keyboard-wedge scanner sends them, for tests: what to press for a text in a layout, and
/// the same as raw `struct input_event` bytes or evemu lines (umockdev's replay format).
enum KeyStrokes {
    typealias Event = (code: UInt16, value: Int32)

    static let leftShift: UInt16 = 42, leftCtrl: UInt16 = 29, rightAlt: UInt16 = 100, enter: UInt16 = 28, tab: UInt16 = 15

    static func tap(_ code: UInt16, with modifiers: [UInt16] = []) -> [Event] {
        modifiers.map { ($0, 1) } + [(code, 1), (code, 0)] + modifiers.reversed().map { ($0, 0) }
    }

    /// The key presses that type `text` in `layout`: direct keys first, else a dead key then space. Nil if a
    /// character cannot be typed. GS (0x1D) becomes Ctrl+], CR Enter, TAB Tab.
    static func typing(_ text: String, in layout: KeyboardLayout) -> [Event]? {
        var events: [Event] = []
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\u{1D}": events += tap(27, with: [leftCtrl]); continue
            case "\r": events += tap(enter); continue
            case "\t": events += tap(tab); continue
            default: break
            }
            if let keys = strokes(for: scalar, in: layout, dead: false) { events += keys; continue }
            // Only as a dead key's own accent: dead key, then space.
            guard let deadKeys = layout.keys.sorted(by: { $0.key < $1.key }).lazy.compactMap({ code, key -> [Event]? in
                for (symbol, mods) in [(key.base, [UInt16]()), (key.shift, [leftShift]), (key.altGr, [rightAlt])] {
                    if let symbol, KeyboardDecoder.isDeadKey(symbol), KeyboardDecoder.spacing(symbol) == String(scalar) {
                        return tap(code, with: mods) + tap(57)
                    }
                }
                return nil
            }).first else { return nil }
            events += deadKeys
        }
        return events
    }

    private static func strokes(for scalar: Unicode.Scalar, in layout: KeyboardLayout, dead: Bool) -> [Event]? {
        // Prefer the main block over the keypad, and lower levels over higher ones.
        for (code, key) in layout.keys.sorted(by: { ($0.key >= 55 ? 1 : 0, $0.key) < ($1.key >= 55 ? 1 : 0, $1.key) }) {
            if key.base == scalar { return tap(code) }
        }
        for (code, key) in layout.keys.sorted(by: { $0.key < $1.key }) where key.shift == scalar { return tap(code, with: [leftShift]) }
        for (code, key) in layout.keys.sorted(by: { $0.key < $1.key }) where key.altGr == scalar { return tap(code, with: [rightAlt]) }
        return nil
    }

    /// Decodes events with a fresh decoder, as the evdev source does; returns the text and whether it ended.
    static func decode(_ events: [Event], layout: KeyboardLayout, gsSubstitute: Character? = nil) -> (bytes: [UInt8], ended: Bool) {
        var decoder = KeyboardDecoder(layout: layout, gsSubstitute: gsSubstitute)
        var bytes: [UInt8] = [], ended = false
        for e in events {
            switch decoder.key(e.code, value: e.value) {
            case .bytes(let b)?: bytes += b
            case .endOfScan?: ended = true
            case nil: break
            }
        }
        return (bytes, ended)
    }

    /// Raw `struct input_event`s (EV_MSC/EV_KEY/EV_SYN), as read(2) on an evdev node returns them.
    static func inputEventBytes(_ events: [Event]) -> [UInt8] {
        var bytes: [UInt8] = []
        func append(_ type: Int32, _ code: UInt16, _ value: Int32) {
            var e = input_event()
            e.type = UInt16(type)
            e.code = code
            e.value = value
            withUnsafeBytes(of: &e) { bytes += $0 }
        }
        for e in events {
            append(EV_MSC, UInt16(MSC_SCAN), 458_752 + Int32(e.code))
            append(EV_KEY, e.code, e.value)
            append(EV_SYN, 0, 0)
        }
        return bytes
    }

    /// evemu lines for umockdev, one key event every `interval` seconds starting at `start`. Microseconds are
    /// written without zero padding: umockdev 0.17 reads a leading 0 as octal (hardware.md §2.1).
    static func evemu(_ events: [Event], start: Double, interval: Double) -> String {
        var lines: [String] = []
        for (i, e) in events.enumerated() {
            let t = start + Double(i) * interval
            let sec = Int(t), usec = Int(((t - Double(sec)) * 1e6).rounded())
            let stamp = "\(sec).\(usec)"
            lines.append("E: \(stamp) 0001 \(String(format: "%04x", e.code)) \(e.value)")
            lines.append("E: \(stamp) 0000 0000 0")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
