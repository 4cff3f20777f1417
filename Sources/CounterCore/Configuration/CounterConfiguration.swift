import Foundation

/// The shop's settings, read from `config.json` in the data folder. Every field has a documented
/// default (see `docs/configuration.md`), so a shop can start with no file at all.
public struct CounterConfiguration: Codable, Sendable, Equatable {
    /// Who keeps the register.
    public struct Shop: Codable, Sendable, Equatable {
        public var name: String
        /// Chamber of Commerce number (8 digits).
        public var kvkNumber: String
        /// Branch (vestiging) number, when the KvK number has several.
        public var branch: String?
        /// The municipality whose APV applies (hold period, sales register).
        public var municipality: String

        public init(name: String, kvkNumber: String, branch: String? = nil, municipality: String) {
            self.name = name
            self.kvkNumber = kvkNumber
            self.branch = branch
            self.municipality = municipality
        }

        /// The id written into every entry: `KvK/branch`.
        public var shopID: String { branch.map { "\(kvkNumber)/\($0)" } ?? kvkNumber }
    }

    /// Where register entries are uploaded, and how the upload worker paces itself.
    public struct Register: Codable, Sendable, Equatable {
        /// `https://…` of the register adapter, or nil for no upload (entries queue until set).
        public var url: String?
        /// Bearer token. Never logged or shown unmasked.
        public var token: String?
        /// PEM files for a TLS client certificate and its key, and a CA to pin.
        public var clientCertificate: String?
        public var clientKey: String?
        public var caCertificate: String?
        /// Hours after which a queued entry raises the backlog alarm.
        public var backlogAlarmHours: Int
        /// Entries per upload request (1–1000).
        public var batchSize: Int
        /// Seconds to wait for the register's answer to one request.
        public var requestTimeoutSeconds: Int
        /// Seconds after which a sent job without an answer is sent again (must exceed the request timeout).
        public var attemptTimeoutSeconds: Int
        /// First wait after a failed attempt; it doubles per failure up to `retryMaxSeconds`.
        public var retryMinSeconds: Int
        public var retryMaxSeconds: Int

        public init(url: String? = nil, token: String? = nil, clientCertificate: String? = nil,
                    clientKey: String? = nil, caCertificate: String? = nil, backlogAlarmHours: Int = 24,
                    batchSize: Int = 100, requestTimeoutSeconds: Int = 30, attemptTimeoutSeconds: Int = 120,
                    retryMinSeconds: Int = 5, retryMaxSeconds: Int = 900) {
            self.url = url
            self.token = token
            self.clientCertificate = clientCertificate
            self.clientKey = clientKey
            self.caCertificate = caCertificate
            self.backlogAlarmHours = backlogAlarmHours
            self.batchSize = batchSize
            self.requestTimeoutSeconds = requestTimeoutSeconds
            self.attemptTimeoutSeconds = attemptTimeoutSeconds
            self.retryMinSeconds = retryMinSeconds
            self.retryMaxSeconds = retryMaxSeconds
        }

        enum CodingKeys: String, CodingKey {
            case url, token, clientCertificate, clientKey, caCertificate, backlogAlarmHours, batchSize
            case requestTimeoutSeconds, attemptTimeoutSeconds, retryMinSeconds, retryMaxSeconds
        }

        /// Missing keys take their defaults; numbers must be in range (the error names the setting's line).
        /// Personal data and credentials travel only over TLS; plain HTTP only to this machine (a simulator).
        static func isAllowedURL(_ text: String) -> Bool {
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host else { return false }
            if scheme == "https" { return true }
            return scheme == "http" && Kiosk.isLoopback(host)
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Register()
            url = try c.decodeIfPresent(String.self, forKey: .url)
            token = try c.decodeIfPresent(String.self, forKey: .token)
            clientCertificate = try c.decodeIfPresent(String.self, forKey: .clientCertificate)
            clientKey = try c.decodeIfPresent(String.self, forKey: .clientKey)
            caCertificate = try c.decodeIfPresent(String.self, forKey: .caCertificate)
            backlogAlarmHours = try c.decodeBounded(.backlogAlarmHours, in: 1...720, default: d.backlogAlarmHours)
            batchSize = try c.decodeBounded(.batchSize, in: 1...1000, default: d.batchSize)
            requestTimeoutSeconds = try c.decodeBounded(.requestTimeoutSeconds, in: 1...600, default: d.requestTimeoutSeconds)
            attemptTimeoutSeconds = try c.decodeBounded(.attemptTimeoutSeconds, in: 1...86_400, default: d.attemptTimeoutSeconds)
            retryMinSeconds = try c.decodeBounded(.retryMinSeconds, in: 0...3600, default: d.retryMinSeconds)
            retryMaxSeconds = try c.decodeBounded(.retryMaxSeconds, in: 0...86_400, default: d.retryMaxSeconds)
            if let url, !Self.isAllowedURL(url) {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: c.codingPath + [CodingKeys.url],
                    debugDescription: "must be https:// (http:// only to this machine: 127.0.0.1, ::1, localhost, for a local test)"))
            }
            if clientCertificate != nil && clientKey == nil || clientKey != nil && clientCertificate == nil {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: c.codingPath + [clientCertificate == nil ? CodingKeys.clientCertificate : .clientKey],
                    debugDescription: "clientCertificate and clientKey go together: set both or neither"))
            }
        }
    }

    /// The Stop Heling partner interface.
    public struct StolenGoodsCheck: Codable, Sendable, Equatable {
        enum CodingKeys: String, CodingKey { case url, applicationID, apiKey }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            url = try c.decodeIfPresent(String.self, forKey: .url)
            applicationID = try c.decodeIfPresent(String.self, forKey: .applicationID)
            apiKey = try c.decodeIfPresent(String.self, forKey: .apiKey)
            if let url, !Register.isAllowedURL(url) {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: c.codingPath + [CodingKeys.url],
                    debugDescription: "must be https:// (http:// only to this machine, for a local test)"))
            }
        }

        public var url: String?
        public var applicationID: String?
        /// HMAC key issued by the police. Never logged or shown unmasked.
        public var apiKey: String?

        public init(url: String? = nil, applicationID: String? = nil, apiKey: String? = nil) {
            self.url = url
            self.applicationID = applicationID
            self.apiKey = apiKey
        }

        /// Whether a remote check is configured at all.
        public var isConfigured: Bool { url != nil && applicationID != nil && apiKey != nil }
    }

    /// The local web server the kiosk window shows.
    public struct Kiosk: Codable, Sendable, Equatable {
        public var host: String
        public var port: Int
        /// Minutes of inactivity after which a signed-in user is signed out.
        public var sessionMinutes: Int
        /// UI language: `nl` or `en`.
        public var language: String
        /// PEM files of the server certificate (chain) and its private key. Required when ``host`` is not
        /// this machine only (a shop LAN): the kiosk then serves HTTPS.
        public var tlsCertificate: String?
        public var tlsKey: String?

        public init(host: String = "127.0.0.1", port: Int = 8417, sessionMinutes: Int = 15, language: String = "nl",
                    tlsCertificate: String? = nil, tlsKey: String? = nil) {
            self.host = host
            self.port = port
            self.sessionMinutes = sessionMinutes
            self.language = language
            self.tlsCertificate = tlsCertificate
            self.tlsKey = tlsKey
        }

        /// Whether ``host`` reaches this machine only (127.0.0.0/8, ::1, localhost).
        public static func isLoopback(_ host: String) -> Bool {
            let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            return h == "localhost" || h == "::1" || h.hasPrefix("127.")
        }

        /// Missing keys take their defaults, so `{"kiosk": {"port": 8500}}` changes the port alone.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Kiosk()
            host = try c.decodeIfPresent(String.self, forKey: .host) ?? d.host
            port = try c.decodeIfPresent(Int.self, forKey: .port) ?? d.port
            sessionMinutes = try c.decodeIfPresent(Int.self, forKey: .sessionMinutes) ?? d.sessionMinutes
            language = try c.decodeIfPresent(String.self, forKey: .language) ?? d.language
            if !(1...1440).contains(sessionMinutes) {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: c.codingPath + [CodingKeys.sessionMinutes], debugDescription: "must be between 1 and 1440 minutes"))
            }
            if !["nl", "en"].contains(language) {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: c.codingPath + [CodingKeys.language], debugDescription: "must be nl or en"))
            }
            tlsCertificate = try c.decodeIfPresent(String.self, forKey: .tlsCertificate)
            tlsKey = try c.decodeIfPresent(String.self, forKey: .tlsKey)
            if (tlsCertificate == nil) != (tlsKey == nil) {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath + [tlsCertificate == nil ? CodingKeys.tlsCertificate : CodingKeys.tlsKey],
                    debugDescription: "tlsCertificate and tlsKey go together: set both (PEM files) or neither"))
            }
        }

        enum CodingKeys: String, CodingKey { case host, port, sessionMinutes, language, tlsCertificate, tlsKey }
    }

    /// How the stolen-goods checks behave.
    public struct Checks: Codable, Sendable, Equatable {
        /// A local list older than this many hours cannot prove an item clear: checks are "not checked".
        public var hotlistMaxAgeHours: Int
        /// Whether a passport or ID card (they all carry a chip) needs a verified chip before an intake; without
        /// one the owner decides. A chip that differs from the print always needs the owner (`ChipRule`).
        public var chipRequired: Bool

        public init(hotlistMaxAgeHours: Int = 48, chipRequired: Bool = false) {
            self.hotlistMaxAgeHours = hotlistMaxAgeHours
            self.chipRequired = chipRequired
        }

        enum CodingKeys: String, CodingKey { case hotlistMaxAgeHours, chipRequired }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            hotlistMaxAgeHours = try c.decodeIfPresent(Int.self, forKey: .hotlistMaxAgeHours) ?? 48
            chipRequired = try c.decodeIfPresent(Bool.self, forKey: .chipRequired) ?? false
            if !(1...24 * 365).contains(hotlistMaxAgeHours) {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: c.codingPath + [CodingKeys.hotlistMaxAgeHours], debugDescription: "must be 1 to 8760 hours"))
            }
        }
    }

    /// Legal settings that change by date or by law: the Wwft cash ban, and which law the register follows.
    public struct Law: Codable, Sendable, Equatable {
        /// `current` (art. 437 Sr and the APV's hold period) or `bill36036` (from ``regimeFrom``).
        public var regime: LawRegime.Name = .current
        /// The first day of bill 36 036's rules; required with `bill36036`.
        public var regimeFrom: CalendarDate?
        /// Cash of this many euros or more for goods is refused (Wwft: 3 000).
        public var cashLimitEuros: Int
        /// The first day the cash ban applies (Wwft: 2026-01-01).
        public var cashLimitFrom: CalendarDate

        package init(cashLimitEuros: Int = 3000, cashLimitFrom: CalendarDate = CashBan.wwft2026.from) {
            self.cashLimitEuros = cashLimitEuros
            self.cashLimitFrom = cashLimitFrom
        }

        /// The rule the register applies.
        package var cashBan: CashBan { CashBan(limitCents: cashLimitEuros * 100, from: cashLimitFrom) }

        enum CodingKeys: String, CodingKey { case cashLimitEuros, cashLimitFrom, regime, regimeFrom }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Law()
            cashLimitEuros = try c.decodeIfPresent(Int.self, forKey: .cashLimitEuros) ?? d.cashLimitEuros
            cashLimitFrom = try c.decodeIfPresent(CalendarDate.self, forKey: .cashLimitFrom) ?? d.cashLimitFrom
            regime = try c.decodeIfPresent(LawRegime.Name.self, forKey: .regime) ?? .current
            regimeFrom = try c.decodeIfPresent(CalendarDate.self, forKey: .regimeFrom)
            if regime == .bill36036 && regimeFrom == nil {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: c.codingPath + [CodingKeys.regimeFrom],
                    debugDescription: "bill36036 needs its start date (YYYY-MM-DD): the day the bill takes effect"))
            }
            if !(1...1_000_000).contains(cashLimitEuros) {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: c.codingPath + [CodingKeys.cashLimitEuros], debugDescription: "must be between 1 and 1000000 euros"))
            }
        }
    }

    /// Where the register is kept: the embedded SQLite file in the data folder (no `url`, the default), or the
    /// branch's register on a PostgreSQL server shared by tills and branches (issue 15).
    public struct Database: Codable, Sendable, Equatable {
        /// `postgres://USER@HOST[:PORT]/DATABASE[?sslmode=disable|verify-full]`, without a password.
        public var url: String?
        /// The branch this kiosk registers for (`KvK/vestigingsnummer`); by default the shop's.
        public var branch: String?
        /// A file whose first line is the database password (else `COUNTER_DATABASE_PASSWORD`).
        public var passwordFile: String?

        public init(url: String? = nil, branch: String? = nil, passwordFile: String? = nil) {
            self.url = url
            self.branch = branch
            self.passwordFile = passwordFile
        }
    }

    public var shop: Shop
    public var holdingPeriod: HoldingPolicy
    /// Jewellery, precious metal, gemstones and watches without a serial need a photo.
    public var requirePhotoWithoutSerial: Bool
    public var register: Register
    public var stolenGoodsCheck: StolenGoodsCheck
    /// Scanner specs: `evdev:PATH`, `hidraw:PATH`, `usb:VID:PID`, `serial:PATH[@BAUD]`, `stdin`.
    public var scanners: [String]
    public var kiosk: Kiosk
    /// The shop's tills; empty: one till, ``TillConfiguration/defaultName``, reading `scanners`.
    public var tills: [TillConfiguration] = []
    public var checks: Checks = Checks()
    /// Photo quotas: per item, per photo, per day, and the disk space kept for the register.
    package var photos: PhotoLimits = PhotoLimits()
    public var law: Law = Law()
    /// How long identities (default 4 years) and bookkeeping (default 7) are kept.
    package var retention: RetentionPolicy = .standard
    /// The register's database (the embedded file unless `database.url` is set).
    public var database: Database = Database()

    /// Which law applies on which day: ``Law/regime`` from ``Law/regimeFrom``, with this shop's APV hold period.
    public var lawRegime: LawRegime {
        LawRegime(name: law.regime, from: law.regimeFrom, apvHolding: holdingPeriod)
    }

    /// The tills the counter runs: those configured, or one reading the top-level `scanners`.
    public var effectiveTills: [TillConfiguration] {
        if tills.isEmpty {
            return [TillConfiguration(name: TillConfiguration.defaultName, scanners: scanners.map { .init(spec: $0) })]
        }
        return tills
    }

    /// The settings a new installation starts with.
    public static let defaults = CounterConfiguration(
        shop: Shop(name: "", kvkNumber: "", municipality: ""),
        holdingPeriod: .billDefault, requirePhotoWithoutSerial: true, register: Register(),
        stolenGoodsCheck: StolenGoodsCheck(), scanners: [], kiosk: Kiosk())

    public init(shop: Shop, holdingPeriod: HoldingPolicy, requirePhotoWithoutSerial: Bool, register: Register,
                stolenGoodsCheck: StolenGoodsCheck, scanners: [String], kiosk: Kiosk) {
        self.shop = shop
        self.holdingPeriod = holdingPeriod
        self.requirePhotoWithoutSerial = requirePhotoWithoutSerial
        self.register = register
        self.stolenGoodsCheck = stolenGoodsCheck
        self.scanners = scanners
        self.kiosk = kiosk
    }

    enum CodingKeys: String, CodingKey {
        case shop, holdingPeriod, requirePhotoWithoutSerial, register, stolenGoodsCheck, scanners, kiosk, tills, checks, photos, law, retention
        case database
    }

    /// Missing keys take their defaults; present keys must be right.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Self.defaults
        shop = try c.decodeIfPresent(Shop.self, forKey: .shop) ?? d.shop
        holdingPeriod = try c.decodeIfPresent(HoldingPolicy.self, forKey: .holdingPeriod) ?? d.holdingPeriod
        requirePhotoWithoutSerial = try c.decodeIfPresent(Bool.self, forKey: .requirePhotoWithoutSerial)
            ?? d.requirePhotoWithoutSerial
        register = try c.decodeIfPresent(Register.self, forKey: .register) ?? d.register
        stolenGoodsCheck = try c.decodeIfPresent(StolenGoodsCheck.self, forKey: .stolenGoodsCheck) ?? d.stolenGoodsCheck
        scanners = try c.decodeIfPresent([String].self, forKey: .scanners) ?? d.scanners
        kiosk = try c.decodeIfPresent(Kiosk.self, forKey: .kiosk) ?? d.kiosk
        tills = try c.decodeIfPresent([TillConfiguration].self, forKey: .tills) ?? []
        checks = try c.decodeIfPresent(Checks.self, forKey: .checks) ?? Checks()
        photos = try c.decodeIfPresent(PhotoLimits.self, forKey: .photos) ?? PhotoLimits()
        law = try c.decodeIfPresent(Law.self, forKey: .law) ?? Law()
        retention = try c.decodeIfPresent(RetentionPolicy.self, forKey: .retention) ?? .standard
        database = try c.decodeIfPresent(Database.self, forKey: .database) ?? Database()
        if Set(tills.map(\.name)).count != tills.count {
            throw DecodingError.dataCorrupted(.init(codingPath: [CodingKeys.tills], debugDescription: "two tills have the same name"))
        }
        if !(1...65535).contains(kiosk.port) {
            throw DecodingError.dataCorrupted(.init(
                codingPath: [CodingKeys.kiosk, Kiosk.CodingKeys.port], debugDescription: "must be between 1 and 65535"))
        }
    }

    /// The configuration with secrets replaced by `••••`, for printing and for the technician page.
    public var masked: CounterConfiguration {
        var copy = self
        if copy.register.token != nil { copy.register.token = "••••" }
        if copy.stolenGoodsCheck.apiKey != nil { copy.stolenGoodsCheck.apiKey = "••••" }
        return copy
    }
}
