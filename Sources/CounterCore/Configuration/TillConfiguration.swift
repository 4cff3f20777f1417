/// One till of the shop as configured: its name, its barcode scanners and its document reader.
///
/// In `config.json` under `tills`; a device is a spec string or `{"spec": …, "profile": …}` when the
/// profile cannot be found from the USB IDs (a serial adapter, a pty in tests):
/// ```json
/// "tills": [{"name": "kassa-1", "scanners": ["evdev:/dev/counter/scanner-kbd-0"],
///            "documentReader": {"spec": "serial:/dev/ttyACM0@9600", "profile": "desko-penta-icon"}}]
/// ```
public struct TillConfiguration: Codable, Sendable, Equatable {
    /// A device of a till.
    public struct Device: Codable, Sendable, Equatable {
        /// `evdev:PATH`, `hidraw:PATH`, `usb:VID:PID`, `serial:PATH[@BAUD]`, `stdin`.
        public var spec: String
        /// A profile id from hardware/profiles; nil: matched by the device's USB IDs.
        public var profile: String?

        public init(spec: String, profile: String? = nil) {
            self.spec = spec
            self.profile = profile
        }

        enum CodingKeys: String, CodingKey { case spec, profile }

        public init(from decoder: any Decoder) throws {
            if let spec = try? decoder.singleValueContainer().decode(String.self) {
                self.init(spec: spec)
                return
            }
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(spec: try c.decode(String.self, forKey: .spec), profile: try c.decodeIfPresent(String.self, forKey: .profile))
        }

        public func encode(to encoder: any Encoder) throws {
            if profile == nil {
                var c = encoder.singleValueContainer()
                try c.encode(spec)
            } else {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(spec, forKey: .spec)
                try c.encode(profile, forKey: .profile)
            }
        }
    }

    public var name: String
    public var scanners: [Device]
    /// The till's document reader: its bytes are always read as MRZ, never as items.
    public var documentReader: Device?
    /// The PC/SC reader (its name or the start of it, as `id chip --reader` takes it) that reads this till's
    /// document chips; nil: the till has none.
    public var chipReader: String?

    public init(name: String, scanners: [Device] = [], documentReader: Device? = nil, chipReader: String? = nil) {
        self.name = name
        self.scanners = scanners
        self.documentReader = documentReader
        self.chipReader = chipReader
    }

    enum CodingKeys: String, CodingKey { case name, scanners, documentReader, chipReader }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        scanners = try c.decodeIfPresent([Device].self, forKey: .scanners) ?? []
        documentReader = try c.decodeIfPresent(Device.self, forKey: .documentReader)
        chipReader = try c.decodeIfPresent(String.self, forKey: .chipReader)
        let valid = !name.isEmpty && name.count <= 40 && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        if !valid {
            throw DecodingError.dataCorrupted(.init(
                codingPath: c.codingPath + [CodingKeys.name],
                debugDescription: "a till's name is 1 to 40 letters, digits, - or _"))
        }
    }

    /// The till a shop has when it configures none.
    public static let defaultName = "kassa-1"
}
