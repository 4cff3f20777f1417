extension ScannerSpec {
    /// Reads a spec or a bare device path, choosing the kind by the path: `/dev/input/…` is a keyboard wedge
    /// (evdev), `/dev/hidraw*` HID POS, any other path a serial port. The links the udev rules make
    /// (`/dev/counter/scanner-kbd-event7`, `…/scanner-hidpos-hidraw0`) are recognised by name.
    public init(detecting text: String) throws(ParseError) {
        guard text.hasPrefix("/") else { try self.init(parsing: text); return }
        let name = text.split(separator: "/").last.map(String.init) ?? ""
        if text.hasPrefix("/dev/input/") || name.hasSuffix("-kbd") || name.hasPrefix("scanner-kbd") {
            self = .evdev(path: text)
        } else if name.hasPrefix("hidraw") || name.hasPrefix("scanner-hidpos") {
            self = .hidraw(path: text)
        } else {
            self = .serial(path: text, baud: 9600)
        }
    }

    /// The device node this spec reads, if it names one.
    public var path: String? {
        switch self {
        case .evdev(let p), .hidraw(let p), .serial(let p, _): p
        case .usb, .stdin: nil
        }
    }
}
