/// Which character each key position gives, for the keyboard layout a wedge scanner is programmed for.
///
/// evdev reports *physical key positions* (`KEY_A` is where a US keyboard has "A"), so the desktop's layout
/// never matters: only the layout set in the scanner does, because it chooses which positions to "press".
/// Set scanners to US where you can (``us``); ``nl`` and ``be`` follow xkeyboard-config's `nl` and `be`
/// layouts (levels 1–3). Dead keys are written as the combining mark they add (U+0301 for an acute accent):
/// see `KeyboardDecoder` for how they combine. Caps Lock is ignored on purpose.
public struct KeyboardLayout: Sendable, Hashable, CustomStringConvertible {
    /// One key position's symbols: unshifted, with Shift, with AltGr. `nil` where the layout has none.
    public struct Key: Sendable, Hashable {
        public var base: Unicode.Scalar?
        public var shift: Unicode.Scalar?
        public var altGr: Unicode.Scalar?
    }

    /// The name used in profiles and on the command line (`us`, `nl`, `be`).
    public let name: String
    let keys: [UInt16: Key]

    public var description: String { name }
    public static func == (a: Self, b: Self) -> Bool { a.name == b.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    /// The symbols of a key position (an evdev `KEY_*` code).
    public func key(_ code: UInt16) -> Key? { keys[code] }

    /// Every layout Counter knows, by name.
    public static let all: [KeyboardLayout] = [.us, .nl, .be]

    /// The layout named `name` (`us`, `nl`, `be`; case-insensitive), or nil.
    public static func named(_ name: String) -> KeyboardLayout? {
        let wanted = name.lowercased()
        return all.first { $0.name == wanted }
    }

    // Key positions as evdev codes, row by row: `1 … = ` with the key left of 1 first, then Q-row with the
    // key above Enter, home row, and the bottom row with the extra ISO key (KEY_102ND) first.
    static let numberRow: [UInt16] = [41, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]
    static let topRow: [UInt16] = [16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 43]
    static let homeRow: [UInt16] = [30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40]
    static let bottomRow: [UInt16] = [86, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53]

    /// Keys that type the same everywhere: space and the numeric keypad (Num Lock on).
    static let common: [UInt16: Key] = {
        var keys: [UInt16: Key] = [57: Key(base: " ", shift: " ", altGr: nil)]
        let keypad: [(UInt16, Unicode.Scalar)] = [
            (71, "7"), (72, "8"), (73, "9"), (74, "-"), (75, "4"), (76, "5"), (77, "6"), (78, "+"), (79, "1"),
            (80, "2"), (81, "3"), (82, "0"), (83, "."), (55, "*"), (98, "/"),
        ]
        for (code, scalar) in keypad { keys[code] = Key(base: scalar, shift: scalar, altGr: nil) }
        return keys
    }()

    /// Builds a layout from four rows of symbols, one scalar per key position; NUL means "no symbol".
    init(name: String, rows: [(codes: [UInt16], base: String, shift: String, altGr: String?)]) {
        var keys = Self.common
        for row in rows {
            let base = Array(row.base.unicodeScalars), shift = Array(row.shift.unicodeScalars)
            let altGr = row.altGr.map { Array($0.unicodeScalars) }
            precondition(base.count == row.codes.count && shift.count == row.codes.count
                         && (altGr?.count ?? row.codes.count) == row.codes.count, "layout \(name): row length")
            for (i, code) in row.codes.enumerated() {
                func symbol(_ s: Unicode.Scalar?) -> Unicode.Scalar? { s == "\u{0}" ? nil : s }
                keys[code] = Key(base: symbol(base[i]), shift: symbol(shift[i]), altGr: symbol(altGr?[i]))
            }
        }
        self.name = name
        self.keys = keys
    }
}
