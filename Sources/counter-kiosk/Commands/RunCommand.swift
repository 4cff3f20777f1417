import ArgumentParser
import Counter
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// `run`: the counter terminal itself.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Start the counter terminal: register, scanners, checks, kiosk UI.",
        discussion: """
            Serves the kiosk on http://HOST:PORT/ (default 127.0.0.1:8417 from config.json). Sign in with an account \
            made by `counter-kiosk users add`. With --kiosk, Chromium opens the page full screen.
            """)

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var databaseOptions: DatabaseOptions

    @Option(help: "Port for the local kiosk server (default from config: 8417).")
    var port: Int?

    @Option(help: "Address to serve on (default from config: 127.0.0.1). Any other than this machine needs kiosk.tlsCertificate and kiosk.tlsKey in config.json (HTTPS).")
    var host: String?

    @Option(name: .customLong("scanner"), help: ArgumentHelp(
        "A scanner to read (repeatable; adds to config's list): serial:PATH[@BAUD] or stdin.", valueName: "spec"))
    var scanners: [String] = []

    @Option(name: .customLong("reader"), help: ArgumentHelp(
        "The first till's document reader (replaces config's): serial:PATH[@BAUD], evdev:PATH, …; its reads are MRZ, never items.",
        valueName: "spec"))
    var reader: String?

    @Option(help: ArgumentHelp("The document reader's profile (hardware/profiles), when its USB IDs do not find one.",
                               valueName: "id"))
    var readerProfile: String?

    @Flag(help: "Open the kiosk page in Chromium's kiosk mode (full screen, no address bar), if installed.")
    var kiosk = false

    @Flag(help: "No web UI: read the scanners and log each scan's kind and check result.")
    var headless = false

    @Option(help: ArgumentHelp("Register (DOR adapter) URL, overriding config.json.", valueName: "url"))
    var register: String?

    @Flag(help: "Training mode: a separate practice register (DATA/training), marked on every screen.")
    var training = false

    @Option(help: ArgumentHelp("Read device discovery from this folder instead of / (tests, demonstrations).",
                               valueName: "dir", visibility: .hidden))
    var sysfsRoot = "/"

    @Option(help: ArgumentHelp(
        "Requests a second each integration may send to the machine API (/v1), after a burst of three times as many (default 20).",
        valueName: "n"))
    var apiRate: Double = 20

    func validate() throws {
        if !(0.1...10_000).contains(apiRate) { throw ValidationError("--api-rate must be between 0.1 and 10000") }
        if let port, !(1...65535).contains(port) { throw ValidationError("--port must be between 1 and 65535") }
        if kiosk && headless { throw ValidationError("--kiosk and --headless exclude each other") }
    }

    func run() async throws {
        // Line-buffered even into a log file (systemd, kiosk autostart), so the start-up lines show at once.
        StandardOutput.lineBuffered()
        // The register in the data folder's file, or the branch's on a PostgreSQL server (--database or
        // database.url), whose client runs as long as the kiosk does.
        try await databaseOptions.withRegister(dataOptions) { config, store in
            try await serve(config: config, mainStore: store)
        }
    }

    func serve(config: CounterConfiguration, mainStore: any RegisterStorage) async throws {
        var tills = config.effectiveTills
        tills[0].scanners += scanners.map { TillConfiguration.Device(spec: $0) }
        if let reader { tills[0].documentReader = TillConfiguration.Device(spec: reader, profile: readerProfile) }
        for till in tills {
            for device in till.scanners + (till.documentReader.map { [$0] } ?? []) {
                do { _ = try ScannerSpec(parsing: device.spec) } catch { throw CLIError(error.description) }
            }
        }
        let port = self.port ?? config.kiosk.port
        let host = self.host ?? config.kiosk.host
        let masked = config.masked
        var logger = Logger(label: "counter-kiosk")
        logger.logLevel = .info
        let store: any RegisterStorage = training ? try Self.trainingStore(dataOptions.folder, config: config) : mainStore
        let staff = StaffDirectory(store: mainStore)
        print("""
            Counter kiosk\(training ? " — TRAINING (practice register)" : "")
              data folder:   \(dataOptions.folder.path)
              register:      \(Self.describe(store)) (\(try await store.entryCount()) entries)
              shop:          \(masked.shop.name), KvK \(masked.shop.shopID), \(masked.shop.municipality)
              hold period:   \(masked.holdingPeriod.length) \(masked.holdingPeriod.unit == .workingDays ? "working days" : "days")
              law:           \(masked.law.regime == .bill36036 ? "bill 36 036 from \(masked.law.regimeFrom?.iso ?? "?") (5 working days, DOR mandatory)" : "art. 437 Sr today, the APV's hold period")
              register URL:  \(register ?? masked.register.url ?? "(not set: entries queue locally)")
              stolen check:  \(masked.stolenGoodsCheck.isConfigured ? masked.stolenGoodsCheck.url! : "(remote not set: local hotlist only)")
              hotlist:       older than \(config.checks.hotlistMaxAgeHours) h is "not checked"
              tills:         \(tills.map { "\($0.name) (\(Self.describe($0)))" }.joined(separator: "; "))
            """)
        let worker = await Self.uploadWorker(config: config, store: store, registerURL: register,
                                             training: training ? Self.trainingFolder(dataOptions.folder) : nil, logger: logger)
        let engine: CounterEngine
        do {
            engine = try CounterEngine(.init(
                storage: store, staff: staff, checker: Self.checker(config, folder: dataOptions.folder, store: store), tills: tills,
                uploadWorker: worker, training: training, discovery: ScannerDiscovery(root: sysfsRoot),
                // The practice register shares the shop's photo folder: its purge must not remove the shop's photos.
                photos: training ? nil : PhotoStore(folder: dataOptions.folder.photosPath, limits: config.photos),
                // The one archive the counter page stores photos in and the engine finds an intake's photos in.
                photoArchive: dataOptions.folder.photoArchive(for: store, limits: config.photos),
                chip: ChipAccess.pcsc(cscaFolder: dataOptions.folder.cscaPath, required: config.checks.chipRequired),
                devices: DeviceScanners()),
                logger: logger)
        } catch let error as CounterError {
            throw CLIError(error.message(.en))
        }
        if headless {
            print("  web UI:        off (--headless)")
            let log = HeadlessLog(engine: engine, logger: logger)
            try await KioskShutdown.run([("log", log), ("engine", engine)], logger: logger)
            return
        }
        if (try await staff.accounts()).isEmpty {
            print("  NOTE: no accounts yet: the page first asks for the owner's name and PIN "
                  + "(or: counter-kiosk users add --role owner --name NAME --pin PIN).")
        }
        let tls = config.kiosk.tlsCertificate.flatMap { cert in config.kiosk.tlsKey.map { (certificate: cert, key: $0) } }
        if tls == nil && !CounterConfiguration.Kiosk.isLoopback(host) {
            throw CLIError(KioskStartError.lanWithoutTLS(host: host).description)
        }
        let settings = KioskServer.Settings(
            host: host, port: port, sessionMinutes: config.kiosk.sessionMinutes, training: training,
            language: config.kiosk.language, dataFolder: dataOptions.folder, registerURLOverride: register, tls: tls,
            sysfsRoot: sysfsRoot, apiRate: (apiRate, max(1, Int(apiRate * 3))))
        let server = KioskServer(settings: settings, config: config, engine: engine, staff: staff)
        print("  serving on:    \(settings.origin)/  (Ctrl+C to stop)")
        if kiosk {
            KioskBrowser.open(url: settings.origin + "/", profile: dataOptions.folder.path + "/kiosk-browser", language: settings.language)
        }
        let application: any Service
        do { application = try server.application(logger: logger) } catch let error as KioskStartError {
            throw CLIError(error.description)
        }
        // The engine is listed last, so it shuts down first: its event streams end, open pages' sockets close,
        // and the web server stops without waiting for them.
        try await KioskShutdown.run([("web server", application), ("engine", engine)], logger: logger)
    }

    /// The stolen-goods checker from the configuration: the hotlist in the data folder (followed as it is
    /// replaced), Stop Heling when configured, the list's age limit, and the police's written notices kept in
    /// the register.
    static func checker(_ config: CounterConfiguration, folder: DataFolder, store: (any PoliceWatchList)?) -> StolenGoodsChecker {
        StolenGoodsChecker(hotlistFolder: folder.hotlistPath, remote: StopHelingClient.configured(config.stolenGoodsCheck),
                           maximumListAge: TimeInterval(config.checks.hotlistMaxAgeHours) * 3600, watchList: store)
    }

    /// Where the register is, for the start-up lines (never a password: the URL has none).
    static func describe(_ store: any RegisterStorage) -> String {
        if let file = store as? SQLiteRegisterStore { return file.path }
        if let branch = store as? PostgresRegisterStore { return "PostgreSQL, branch \(branch.branchID)" }
        return "\(type(of: store))"
    }

    static func describe(_ till: TillConfiguration) -> String {
        let devices = till.scanners.map(\.spec) + (till.documentReader.map { ["reader \($0.spec)"] } ?? [])
        return devices.isEmpty ? "no scanners" : devices.joined(separator: ", ")
    }

    /// The practice register: its own file under DATA/training, same shop settings.
    static func trainingFolder(_ folder: DataFolder) -> DataFolder { DataFolder(path: folder.path + "/training") }

    static func trainingStore(_ folder: DataFolder, config: CounterConfiguration) throws -> SQLiteRegisterStore {
        let training = trainingFolder(folder)
        do {
            try training.create()
            return try SQLiteRegisterStore(
                path: training.registerPath,
                settings: .init(configuration: config, sellerKeySecret: try training.sellerKeySecret()))
        } catch let error as RegisterStoreError {
            throw CLIError(error.description)
        }
    }
}

