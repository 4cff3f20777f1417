import Counter
import Foundation
import Hummingbird
import HummingbirdTLS
import HummingbirdWebSocket
import Logging

/// The kiosk's local web server: route groups per audience over the engine (``CounterEngine``), with events
/// pushed to open pages over a WebSocket (``EventRoutes``).
///
/// Security of the local server: it binds to the configured host (127.0.0.1 by default), refuses requests for
/// any other Host (``HostGuardMiddleware``), needs a session cookie (HttpOnly, SameSite=Strict, idle timeout
/// `kiosk.sessionMinutes`) for every API call, a CSRF token header on every state-changing request, and sends
/// a strict Content-Security-Policy (``SecurityHeadersMiddleware``). All pages, scripts and styles are compiled
/// into the binary (``EmbeddedAssets``): nothing is loaded from elsewhere.
///
/// ## Topics
/// - Route groups: ``SessionRoutes``, ``CounterRoutes``, ``OwnerRoutes``, ``EntryRoutes``, ``TechnicianRoutes``, ``AssetRoutes``,
///   ``EventRoutes``; each takes only the parts of the engine it needs.
/// - The machine API for other shop software: ``V1Routes`` behind ``IntegrationGate`` (tokens, not cookies).
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
        /// Each integration's request rate on the machine API (`/v1`): a burst, then so many per second.
        var apiRate: (perSecond: Double, burst: Int) = (20, 60)

        var origin: String { "\(tls == nil ? "http" : "https")://\(host.contains(":") ? "[\(host)]" : host):\(port)" }
    }

    let settings: Settings
    let config: CounterConfiguration
    let engine: CounterEngine
    /// Accounts and audit log (always the shop's real register database).
    let staff: StaffDirectory
    let gate: KioskGate
    let integrations: IntegrationGate
    let assets: AssetCatalog

    init(settings: Settings, config: CounterConfiguration, engine: CounterEngine, staff: StaffDirectory,
         clock: @escaping @Sendable () -> Date = { Date() }) {
        self.settings = settings
        self.config = config
        self.engine = engine
        self.staff = staff
        // A session lives only while its account does as it was at sign-in: disabling the account or changing
        // its PIN (here or with `users` in another process) ends it at its next request or event.
        let sessions = SessionStore(lifetime: TimeInterval(max(1, settings.sessionMinutes) * 60)) { [staff] session in
            guard let stamp = session.credentialStamp else { return true }
            return (try? await staff.credentialStamp(name: session.account.name)) == stamp
        }
        self.gate = KioskGate(sessions: sessions, clock: clock)
        self.integrations = IntegrationGate(staff: staff, limiter: RateLimiter(perSecond: settings.apiRate.perSecond, burst: settings.apiRate.burst))
        self.assets = AssetCatalog()
    }

    /// All routes behind the host guard and the security headers.
    func router() -> Router<BasicRequestContext> { router(file: engine.parts.file) }

    /// The routes, with those that read the register's SQLite `file` when there is one; without (the register on
    /// PostgreSQL) those paths answer ``NotOnPostgresRoutes``' worded refusal.
    func router(file: SQLiteRegisterStore?) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: HostGuardMiddleware(host: settings.host, port: settings.port))
        router.add(middleware: SecurityHeadersMiddleware())
        AssetRoutes(assets: assets).add(to: router)
        let shop = ShopBox(config.shop)
        SessionRoutes(gate: gate, staff: staff, tills: engine.tillNames, settings: settings, shop: shop,
                      store: engine.parts.store)
            .add(to: router)
        CounterRoutes(gate: gate, engine: engine, photos: engine.parts.photoArchive ?? settings.dataFolder.photoArchive(for: engine.parts.store, limits: config.photos),
                      requirePhotoWithoutSerial: config.requirePhotoWithoutSerial, shop: shop,
                      training: settings.training).add(to: router)
        OwnerStorageRoutes(gate: gate, store: engine.parts.store, staff: staff, settings: settings, config: config).add(to: router)
        SaleRoutes(gate: gate, store: engine.parts.store).add(to: router)
        PoliceRoutes(gate: gate, store: engine.parts.store, settings: settings, shop: shop).add(to: router)
        OwnerRoutes(gate: gate, store: engine.parts.store, staff: staff, settings: settings, config: config, shop: shop)
            .add(to: router)
        EntryRoutes(gate: gate, engine: engine, store: engine.parts.store, settings: settings, shop: shop).add(to: router)
        RegisterHealthRoutes(gate: gate, store: engine.parts.store).add(to: router)
        ShopHealthRoutes(gate: gate, store: engine.parts.store, checker: engine.parts.checker, dataFolder: settings.dataFolder,
                         configuration: config, sysfsRoot: settings.sysfsRoot).add(to: router)
        if let file {
            ShopRoutes(gate: gate, store: file, dataFolder: settings.dataFolder, shop: shop).add(to: router)
        } else {
            NotOnPostgresRoutes(gate: gate).add(to: router)
        }
        TechnicianRoutes(gate: gate, staff: staff, scanners: engine.scanners, settings: settings, config: config)
            .add(to: router)
        V1Routes(gate: integrations, engine: engine).add(to: router)
        return router
    }

    func webSocketRouter() -> Router<BasicWebSocketRequestContext> {
        EventRoutes(gate: gate, engine: engine, origin: settings.origin, host: settings.host, port: settings.port).router()
    }

    /// The HTTP (or, with ``Settings/tls``, HTTPS) application, ready to run as a service.
    func application(logger: Logger) throws -> some ApplicationProtocol {
        let configuration = ApplicationConfiguration(
            address: .hostname(settings.host, port: settings.port), serverName: "counter-kiosk")
        guard let tls = try tlsConfiguration() else {
            return Application(router: router(), server: .http1WebSocketUpgrade(webSocketRouter: webSocketRouter()),
                               configuration: configuration, onServerRunning: { _ in SystemdNotify.ready() }, logger: logger)
        }
        return Application(
            router: router(), server: try .tls(.http1WebSocketUpgrade(webSocketRouter: webSocketRouter()), tlsConfiguration: tls),
            configuration: configuration, onServerRunning: { _ in SystemdNotify.ready() }, logger: logger)
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
}
