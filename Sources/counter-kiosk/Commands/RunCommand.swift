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

    func run() async throws {
        let (config, store) = try dataOptions.open()
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
              scanners:      \(masked.scanners.isEmpty ? "(none configured)" : masked.scanners.joined(separator: ", "))
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
        try await app.runService()
    }
}

struct StatusResponse: ResponseEncodable {
    var shop: String
    var entries: Int
}
