import Counter
import Foundation
import Hummingbird
import HummingbirdTLS
import HummingbirdWebSocket
import Logging

/// The kiosk's local web server: the counter screen, the owner's pages and the technician's page, with
/// events pushed to open pages over a WebSocket (`KioskServer+Events`).
///
/// Security of the local server: it binds to the configured host (127.0.0.1 by default), refuses requests for
/// any other Host (``HostGuardMiddleware``), needs a session cookie (HttpOnly, SameSite=Strict, idle timeout
/// `kiosk.sessionMinutes`) for every API call, a CSRF token header on every state-changing request, and sends
/// a strict Content-Security-Policy (``SecurityHeadersMiddleware``). All pages, scripts and styles are compiled
/// into the binary (``EmbeddedAssets``): nothing is loaded from elsewhere.
///
/// ## Topics
/// - Routes: `KioskServer+Session`, `+Counter`, `+Owner`, `+Technician`, `+Assets`, `+Events` (WebSocket)
/// - Integration points: ``ItemChecking`` (stolen-goods checks), ``ScannerHub`` (scanners), ``KioskEvents``
struct KioskServer: Sendable {
    /// Where and how the kiosk serves.
    struct Settings: Sendable {
        var host: String
        var port: Int
        var sessionMinutes: Int
        /// Training mode: a separate practice register, marked on every screen.
        var training: Bool
        /// `nl` or `en`: the language a new page starts in.
        var language: String
        var dataFolder: DataFolder
        /// The register URL given on the command line, overriding the configuration's.
        var registerURLOverride: String?
        /// PEM certificate and key: the kiosk serves HTTPS (required off this machine, for a shop LAN).
        var tls: (certificate: String, key: String)?
        /// Where device discovery reads sysfs (`/`; a folder tree in tests).
        var sysfsRoot: String = "/"

        var origin: String { "\(tls == nil ? "http" : "https")://\(host.contains(":") ? "[\(host)]" : host):\(port)" }
    }

    let settings: Settings
    let config: CounterConfiguration
    /// The register intakes are written to (the practice register in training mode).
    let store: SQLiteRegisterStore
    /// Accounts and audit log (always the shop's real register database).
    let staff: StaffDirectory
    let photos: PhotoStore
    let sessions: SessionStore
    let events: KioskEvents
    let ledger: DraftLedger
    let scans: ScanProcessor
    let scanners: ScannerHub
    let assets: AssetCatalog
    let clock: @Sendable () -> Date

    init(settings: Settings, config: CounterConfiguration, store: SQLiteRegisterStore, staff: StaffDirectory,
         checker: any ItemChecking, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.settings = settings
        self.config = config
        self.store = store
        self.staff = staff
        self.photos = PhotoStore(folder: settings.dataFolder.photosPath)
        self.sessions = SessionStore(lifetime: TimeInterval(max(1, settings.sessionMinutes) * 60))
        self.events = KioskEvents()
        self.ledger = DraftLedger()
        self.scans = ScanProcessor(checker: checker, ledger: ledger, events: events, store: store, clock: clock)
        self.scanners = ScannerHub()
        self.assets = AssetCatalog()
        self.clock = clock
    }

    /// All routes behind the host guard and the security headers.
    func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: HostGuardMiddleware(host: settings.host, port: settings.port))
        router.add(middleware: SecurityHeadersMiddleware())
        addAssetRoutes(router)
        addSessionRoutes(router)
        addCounterRoutes(router)
        addOwnerRoutes(router)
        addTechnicianRoutes(router)
        return router
    }

    /// The HTTP (or, with ``Settings/tls``, HTTPS) application, ready to run as a service.
    func application(logger: Logger) throws -> some ApplicationProtocol {
        let configuration = ApplicationConfiguration(
            address: .hostname(settings.host, port: settings.port), serverName: "counter-kiosk")
        guard let tls = try tlsConfiguration() else {
            return Application(router: router(), server: .http1WebSocketUpgrade(webSocketRouter: webSocketRouter()),
                               configuration: configuration, logger: logger)
        }
        return Application(
            router: router(), server: try .tls(.http1WebSocketUpgrade(webSocketRouter: webSocketRouter()), tlsConfiguration: tls),
            configuration: configuration, logger: logger)
    }

    /// The server's TLS settings from the PEM files, or nil for plain HTTP on this machine.
    func tlsConfiguration() throws(KioskStartError) -> TLSConfiguration? {
        guard let tls = settings.tls else { return nil }
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(tls.certificate)
            let key = try NIOSSLPrivateKey(file: tls.key, format: .pem)
            return .makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        } catch {
            throw .tlsFiles(certificate: tls.certificate, key: tls.key, detail: "\(error)")
        }
    }

    /// Keeps idle event sockets alive (and notices closed ones and expired sessions) with a ping every 20 seconds.
    func startHeartbeat() {
        let events = self.events
        Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(20))
                await events.publish(KioskEvent(type: "ping", payload: ["at": Date()], audience: ["staff", "owner", "technician"]))
            }
        }
    }

    /// Today in the shop's time zone.
    var today: CalendarDate { CalendarDate(clock()) }
}
