import Counter
import Foundation
import Hummingbird

/// The technician's page: configuration with validation, scanners and the live scan console.
struct TechnicianRoutes: Sendable {
    let gate: KioskGate
    let staff: StaffDirectory
    let scanners: ScannerBoard
    let settings: KioskServer.Settings
    let config: CounterConfiguration

    var clock: @Sendable () -> Date { gate.clock }

    struct ConfigView: Encodable {
        /// The configuration in force, secrets masked.
        var text: String
        var path: String
        var fileExists: Bool
        var registerURLOverride: String?
        var training: Bool
        var host: String
        var port: Int
    }
    struct ConfigRequest: Decodable { var text: String }
    struct ValidationAnswer: Encodable {
        var ok: Bool
        var error: String?
        var saved: Bool
    }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/config") { request, _ -> Response in
            _ = try await gate.session(request, roles: KioskGate.technicianRoles)
            let path = settings.dataFolder.configPath
            let current = (try? ConfigurationLoader.load(path: path)) ?? config
            return try KioskJSON.response(ConfigView(
                text: Self.prettyJSON(current.masked), path: path, fileExists: FileManager.default.fileExists(atPath: path),
                registerURLOverride: settings.registerURLOverride, training: settings.training,
                host: settings.host, port: settings.port))
        }

        router.post("/api/config/validate") { request, _ -> Response in
            _ = try await gate.session(request, roles: KioskGate.technicianRoles)
            let form = try await KioskJSON.decode(ConfigRequest.self, from: request, limit: 1 << 20)
            do {
                _ = try ConfigurationLoader.decode(Data(form.text.utf8), file: "config.json")
                return try KioskJSON.response(ValidationAnswer(ok: true, saved: false))
            } catch let error as ConfigurationError {
                return try KioskJSON.response(ValidationAnswer(ok: false, error: error.description, saved: false))
            }
        }

        // Saves a validated configuration. Masked secrets (••••) keep the stored value; the kiosk uses the new
        // settings after a restart.
        router.post("/api/config") { request, _ -> Response in
            let session = try await gate.session(request, roles: KioskGate.technicianRoles)
            let form = try await KioskJSON.decode(ConfigRequest.self, from: request, limit: 1 << 20)
            let path = settings.dataFolder.configPath
            var new: CounterConfiguration
            do {
                new = try ConfigurationLoader.decode(Data(form.text.utf8), file: "config.json")
            } catch let error as ConfigurationError {
                return try KioskJSON.response(ValidationAnswer(ok: false, error: error.description, saved: false))
            }
            let old = (try? ConfigurationLoader.load(path: path)) ?? config
            if new.register.token == "••••" { new.register.token = old.register.token }
            if new.stolenGoodsCheck.apiKey == "••••" { new.stolenGoodsCheck.apiKey = old.stolenGoodsCheck.apiKey }
            let data = Data(Self.prettyJSON(new).utf8)
            do {
                try data.write(to: URL(fileURLWithPath: path), options: .atomic)
                _ = chmod(path, 0o600)
            } catch {
                throw KioskError(.serviceUnavailable, "Kan config.json niet schrijven.", en: "Cannot write config.json.")
            }
            try await staff.audit.record(.configurationSaved, actor: session.account.name, at: clock())
            return try KioskJSON.response(ValidationAnswer(ok: true, saved: true))
        }

        router.get("/api/scanners") { request, _ -> Response in
            _ = try await gate.session(request, roles: KioskGate.technicianRoles)
            return try KioskJSON.response(await scanners.list())
        }

        // Connected scanners and document readers (sysfs discovery) with the profile each matches.
        router.get("/api/devices") { request, _ -> Response in
            _ = try await gate.session(request, roles: KioskGate.technicianRoles)
            return try KioskJSON.response(ScannerDiscovery(root: settings.sysfsRoot).devices().map(DeviceView.init))
        }

        // Chip readers as pcscd knows them (contactless readers, document readers with RFID), for tills[].chipReader.
        router.get("/api/chip-readers") { request, _ -> Response in
            _ = try await gate.session(request, roles: KioskGate.technicianRoles)
            struct View: Encodable { var running: Bool; var readers: [String] }
            do { return try KioskJSON.response(View(running: true, readers: try await PCSCReader.readers())) } catch {
                return try KioskJSON.response(View(running: false, readers: []))
            }
        }
    }

    /// A discovered device as the technician's page lists it.
    struct DeviceView: Encodable {
        var node: String
        var transport: String
        var usbID: String
        var product: String
        var profile: String?
        var mayOpen: Bool
        /// What to put in config.json's `scanners` (or `run --scanner`) to read it.
        var spec: String

        init(_ device: DiscoveredDevice) {
            node = device.node
            transport = device.transport.rawValue
            usbID = device.usbID
            product = [device.manufacturer, device.product].compactMap { $0 }.joined(separator: " ")
            profile = device.profile
            mayOpen = device.mayOpen
            spec = device.spec.description
        }
    }

    static func prettyJSON(_ config: CounterConfiguration) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(config), as: UTF8.self)) ?? "{}"
    }
}
