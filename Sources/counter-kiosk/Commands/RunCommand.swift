import ArgumentParser
import Counter
import Foundation
import Hummingbird
import Logging

/// `run`: the counter terminal itself.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Start the counter terminal: register, scanners, checks, upload, kiosk UI.")

    @OptionGroup var dataOptions: DataOptions

    @Option(help: "Port for the local kiosk server (default from config: 8417).")
    var port: Int?

    @Option(name: .customLong("scanner"), help: ArgumentHelp(
        "A scanner to read (repeatable; adds to config's list): serial:PATH[@BAUD] or stdin.", valueName: "spec"))
    var scanners: [String] = []

    func run() async throws {
        let (config, store) = try dataOptions.open()
        var specs: [ScannerSpec] = []
        for text in config.scanners + scanners {
            do { specs.append(try ScannerSpec(parsing: text)) } catch { throw CLIError(error.description) }
        }
        let port = self.port ?? config.kiosk.port
        let masked = config.masked
        print("""
            Counter kiosk
              data folder:   \(dataOptions.folder.path)
              register:      \(store.path) (\(try store.entryCount()) entries)
              shop:          \(masked.shop.name), KvK \(masked.shop.shopID), \(masked.shop.municipality)
              hold period:   \(masked.holdingPeriod.length) \(masked.holdingPeriod.unit == .workingDays ? "working days" : "days")
              register URL:  \(masked.register.url ?? "(not set: entries queue locally)")
              stolen check:  \(masked.stolenGoodsCheck.isConfigured ? masked.stolenGoodsCheck.url! : "(remote not set: local hotlist only)")
              scanners:      \(specs.isEmpty ? "(none configured)" : specs.map(\.description).joined(separator: ", "))
              serving on:    http://\(config.kiosk.host):\(port)/  (Ctrl+C to stop)
            """)
        var logger = Logger(label: "counter-kiosk")
        logger.logLevel = .info
        let router = Router()
        router.get("/api/status") { _, _ -> StatusResponse in
            let count = try store.entryCount()
            return StatusResponse(shop: masked.shop.name, entries: count)
        }
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(config.kiosk.host, port: port), serverName: "counter-kiosk"),
            logger: logger)
        let checker = StolenGoodsChecker(hotlistFolder: dataOptions.folder.hotlistPath,
                                         remote: StopHelingClient.configured(config.stolenGoodsCheck))
        for spec in specs { try Self.startScanner(spec, checker: checker, logger: logger) }
        try await app.runService()
    }
}

extension RunCommand {
    /// Reads a scanner and logs each scan's kind and check result. The kiosk UI (not built yet) will show them.
    static func startScanner(_ spec: ScannerSpec, checker: StolenGoodsChecker, logger: Logger) throws {
        guard let scanner = SerialScanner.start(spec) else {
            throw CLIError("\(spec): only serial/virtual COM scanners and stdin are supported so far.")
        }
        Task {
            let interpreter = ScanInterpreter()
            for await event in scanner.events {
                guard event.isComplete else {
                    logger.warning("incomplete scan ignored", metadata: ["device": "\(event.device)"])
                    continue
                }
                let scan = interpreter.decode(event.bytes)
                let result = await checker.check(serial: scan.serialCandidate ?? "")
                // The scanned value itself is not logged: it may be a serial tied to a seller.
                logger.info("scan", metadata: ["device": "\(event.device)", "kind": "\(scan.kind.rawValue)",
                                               "check": "\(result.status.rawValue)"])
            }
        }
    }
}

struct StatusResponse: ResponseEncodable {
    var shop: String
    var entries: Int
}
