/// Where to read scans from, as written on the command line or in `config.json`.
public enum ScannerSpec: Sendable, Hashable, CustomStringConvertible {
    case evdev(path: String)
    case hidraw(path: String)
    case usb(vendorID: UInt16, productID: UInt16)
    case serial(path: String, baud: Int)
    case stdin

    /// The speeds a serial scanner may be set to (`serial:PATH@BAUD`).
    public static let baudRates: Set<Int> = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200]

    /// Why a spec cannot be read.
    public struct ParseError: Error, Sendable, CustomStringConvertible, Equatable {
        public var spec: String
        public var description: String {
            "'\(spec)' is not a scanner: use evdev:PATH, hidraw:PATH, usb:VID:PID (hex), serial:PATH[@BAUD] or stdin"
        }
    }

    /// Parses `evdev:PATH`, `hidraw:PATH`, `usb:VID:PID`, `serial:PATH[@BAUD]` or `stdin`.
    public init(parsing text: String) throws(ParseError) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        switch (parts.first, parts.count) {
        case ("stdin", 1): self = .stdin
        case ("evdev", 2) where parts[1].hasPrefix("/"): self = .evdev(path: parts[1])
        case ("hidraw", 2) where parts[1].hasPrefix("/"): self = .hidraw(path: parts[1])
        case ("usb", 2):
            let ids = parts[1].split(separator: ":")
            guard ids.count == 2, let v = UInt16(ids[0], radix: 16), let p = UInt16(ids[1], radix: 16) else { throw ParseError(spec: text) }
            self = .usb(vendorID: v, productID: p)
        case ("serial", 2):
            let pathAndBaud = parts[1].split(separator: "@", maxSplits: 1).map(String.init)
            guard pathAndBaud[0].hasPrefix("/") else { throw ParseError(spec: text) }
            if pathAndBaud.count == 2 {
                guard let baud = Int(pathAndBaud[1]), ScannerSpec.baudRates.contains(baud) else { throw ParseError(spec: text) }
                self = .serial(path: pathAndBaud[0], baud: baud)
            } else {
                self = .serial(path: pathAndBaud[0], baud: 9600)
            }
        default: throw ParseError(spec: text)
        }
    }

    public var description: String {
        switch self {
        case .evdev(let p): "evdev:\(p)"
        case .hidraw(let p): "hidraw:\(p)"
        case .usb(let v, let p): "usb:" + String(format: "%04x:%04x", v, p)
        case .serial(let p, let b): "serial:\(p)@\(b)"
        case .stdin: "stdin"
        }
    }
}
