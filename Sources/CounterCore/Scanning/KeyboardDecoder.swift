import Foundation

/// Turns a keyboard wedge's key events into the bytes of a scan: a pure state machine, no I/O.
///
/// - Shift (either) and AltGr (right Alt) pick the level; Caps Lock is ignored (turn "auto caps" off in the
///   scanner).
/// - Ctrl + a key gives the control character: Ctrl+] is GS (0x1D), the FNC1 separator of GS1 barcodes, also
///   when the scanner presses the US "]" position in another layout. Ctrl+A…Z give 0x01…0x1A.
/// - A configured substitute character (``ScannerSettings/gsSubstitute``) is turned into GS too.
/// - Dead keys combine with the next key (dead acute + e = é); dead key + space gives the accent itself.
/// - Alt held + keypad digits ("Alt mode" on some scanners) gives the character with that code (≤ 255,
///   read as Latin-1).
/// - Enter, keypad Enter and (if ``ScannerSettings/tabEndsScan``) Tab end the scan.
/// Key releases and autorepeat are ignored: a scanner never holds a key, and autorepeat would duplicate.
package struct KeyboardDecoder: Sendable {
    /// What one key event means for the scan.
    package enum Output: Sendable, Equatable {
        /// Bytes to append to the scan (UTF-8).
        case bytes([UInt8])
        /// The scan's suffix key: the scan is complete.
        case endOfScan
    }

    package let layout: KeyboardLayout
    package let gsSubstitute: Character?
    package let tabEndsScan: Bool
    private var leftShift = false, rightShift = false, ctrl = 0, altGr = false, leftAlt = false
    private var dead: Unicode.Scalar?
    private var altCode: Int?

    package init(layout: KeyboardLayout = .us, gsSubstitute: Character? = nil, tabEndsScan: Bool = true) {
        self.layout = layout
        self.gsSubstitute = gsSubstitute
        self.tabEndsScan = tabEndsScan
    }

    package init(settings: ScannerSettings) {
        self.init(layout: settings.layout, gsSubstitute: settings.gsSubstitute, tabEndsScan: settings.tabEndsScan)
    }

    /// Forgets held modifiers and pending dead keys (after the device was reopened).
    package mutating func reset() { self = KeyboardDecoder(layout: layout, gsSubstitute: gsSubstitute, tabEndsScan: tabEndsScan) }

    /// Feeds one `EV_KEY` event: `code` is the evdev key code, `value` 1 press, 0 release, 2 autorepeat.
    package mutating func key(_ code: UInt16, value: Int32) -> Output? {
        let down = value == 1
        switch code {
        case 42: leftShift = value != 0; return nil
        case 54: rightShift = value != 0; return nil
        case 29, 97: if value == 1 { ctrl += 1 } else if value == 0 { ctrl = max(0, ctrl - 1) }; return nil
        case 100: altGr = value != 0; return nil
        case 56:
            leftAlt = value != 0
            // Alt released after keypad digits: the character with that code.
            if value == 0, let code = altCode {
                altCode = nil
                if let scalar = Unicode.Scalar(UInt32(code & 0xFF)) { return emit(scalar) }
            }
            return nil
        case 58: return nil  // Caps Lock
        default: break
        }
        guard down else { return nil }
        if code == 28 || code == 96 || (code == 15 && tabEndsScan) {
            dead = nil
            return .endOfScan
        }
        if leftAlt, let digit = Self.keypadDigits[code] {
            // Kept modulo 256, which gives the same character as the whole number would (`code & 0xFF`):
            // a held Alt with endless keypad digits overflowed and stopped the reader (found by `make fuzz`).
            altCode = ((altCode ?? 0) * 10 + digit) % 256
            return nil
        }
        guard let key = layout.key(code) else { return nil }
        if ctrl > 0 { return control(code: code, key: key) }
        let shifted = leftShift || rightShift
        let symbol = altGr ? key.altGr : (shifted ? key.shift : key.base)
        guard let symbol else { return nil }
        return emit(symbol)
    }

    private static let keypadDigits: [UInt16: Int] = [82: 0, 79: 1, 80: 2, 81: 3, 75: 4, 76: 5, 77: 6, 71: 7, 72: 8, 73: 9]

    private func control(code: UInt16, key: KeyboardLayout.Key) -> Output? {
        // The scanner presses Ctrl + the US "]" position, or Ctrl + whatever gives "]" in its layout.
        if code == 27 || key.base == "]" { return .bytes([0x1D]) }
        guard let base = key.base, base.isASCII else { return nil }
        switch UInt8(base.value) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return .bytes([UInt8(base.value) - 0x60])
        case UInt8(ascii: "["): return .bytes([0x1B])
        case UInt8(ascii: "\\"): return .bytes([0x1C])
        default: return nil
        }
    }

    private mutating func emit(_ symbol: Unicode.Scalar) -> Output? {
        if Self.isDeadKey(symbol) {
            if let pending = dead { dead = nil; return .bytes(Self.utf8(Self.spacing(pending)) + Self.utf8(Self.spacing(symbol))) }
            dead = symbol
            return nil
        }
        var text: String
        if let pending = dead {
            dead = nil
            if symbol == " " {
                text = Self.spacing(pending)
            } else {
                let composed = (String(symbol) + String(pending)).precomposedStringWithCanonicalMapping
                text = composed.unicodeScalars.count == 1 ? composed : Self.spacing(pending) + String(symbol)
            }
        } else {
            text = String(symbol)
        }
        if let gsSubstitute, text == String(gsSubstitute) { return .bytes([0x1D]) }
        return .bytes(Self.utf8(text))
    }

    static func isDeadKey(_ s: Unicode.Scalar) -> Bool { (0x300...0x30F).contains(s.value) || s.value == 0x327 || s.value == 0x328 }

    /// The character a dead key gives on its own (dead key, then space), as X11's compose table does.
    static func spacing(_ dead: Unicode.Scalar) -> String {
        switch dead.value {
        case 0x300: "`"
        case 0x301: "'"
        case 0x302: "^"
        case 0x303: "~"
        case 0x308: "\""
        case 0x327: "¸"
        default: ""
        }
    }

    static func utf8(_ s: String) -> [UInt8] { Array(s.utf8) }
}
