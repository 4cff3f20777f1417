import ArgumentParser
import Counter
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// `head-office`: the head office's pages over every branch on the register's PostgreSQL server (issue 15).
struct HeadOfficeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "head-office",
        abstract: "Serve the head office's pages: every branch, its day log, alerts and upload backlog, and a search across branches.",
        discussion: """
            Connect with a login in the role counter_head_office, which reads every branch and writes nothing; no \
            seller's details are shown. The pages are served to this machine only (http://127.0.0.1:PORT/): the \
            database login is the credential, so run it on the head office's own PC.
            """)

    @OptionGroup var serverOptions: ServerOptions

    @Option(help: ArgumentHelp("Only this tenant's (chain's) branches.", valueName: "id"))
    var tenant: String?

    @Option(help: "Port on 127.0.0.1 (default 8419).")
    var port = 8419

    func validate() throws {
        if !(1...65535).contains(port) { throw ValidationError("--port must be between 1 and 65535") }
    }

    func run() async throws {
        StandardOutput.lineBuffered()
        let (location, password) = try serverOptions.location()
        let logger = {
            var logger = Logger(label: "counter-kiosk.head-office")
            logger.logLevel = .info
            return logger
        }()
        let (tenant, port) = (tenant, port)
        do {
            try await location.withClient(password: password, logger: logger) { client in
                let office = HeadOffice(client: client, logger: logger)
                let router = Router(context: BasicRequestContext.self)
                router.add(middleware: HostGuardMiddleware(host: "127.0.0.1", port: port))
                router.add(middleware: SecurityHeadersMiddleware())
                HeadOfficeRoutes(office: office, tenant: tenant, assets: AssetCatalog(), clock: { Date() }).add(to: router)
                let application = Application(
                    router: router, configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "counter-head-office"),
                    logger: logger)
                print("Head office: http://127.0.0.1:\(port)/  (\(location); Ctrl+C to stop)")
                try await ServiceGroup(services: [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger).run()
            }
        } catch let error as RegisterStoreError {
            throw CLIError(error.description)
        }
    }
}
