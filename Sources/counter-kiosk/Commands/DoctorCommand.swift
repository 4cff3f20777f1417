import ArgumentParser
import Counter
import Foundation

/// `doctor`: the shop PC's health on one screen, each line with the command or setting that fixes it.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the shop PC: service, data folder, register, disk, scanners, clock, backup, uploads, stolen-goods list, TLS.",
        discussion: """
            Each line is OK, WARN or ERROR; a line that is not OK says what fixes it. Exit code 0 when no line is an error, \
            1 otherwise. Run it as the kiosk's user to see what the kiosk can open: \
            sudo runuser -u counter -- counter-kiosk doctor --data /var/lib/counter-kiosk. The owner's page shows the same lines.
            """)

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var databaseOptions: DatabaseOptions

    @Flag(help: "Print JSON (the lines with both languages' words) instead of the screen.")
    var json = false

    @Flag(help: "Words in Dutch (the owner's language) instead of English.")
    var dutch = false

    @Option(help: ArgumentHelp("sysfs and /dev root, for tests.", valueName: "dir", visibility: .hidden))
    var root = "/"

    func run() async throws {
        let folder = dataOptions.folder
        let root = root
        var lines = [Self.service()]
        lines += try await databaseOptions.withRegister(dataOptions) { config, store in
            await ShopHealth.report(folder: folder, configuration: config, store: store,
                                    checker: RunCommand.checker(config, folder: folder, store: store), verify: true,
                                    scanners: ScannerDiscovery(root: root).devices())
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(lines), as: UTF8.self))
        } else {
            for line in lines {
                let label = switch line.level { case .ok: "OK   "; case .warning: "WARN "; case .error: "ERROR" }
                print("\(label) \(line.id.padding(toLength: 11, withPad: " ", startingAt: 0)) \(dutch ? line.message.message : line.message.messageEN)")
                if !line.fix.isEmpty { print("      \(String(repeating: " ", count: 11)) fix: \(line.fix)") }
            }
        }
        if lines.contains(where: { $0.level == .error }) { throw ExitCode(1) }
    }

    /// counter-kiosk.service as systemd sees it; on a PC without the package (a developer's, `make run`), a warning.
    static func service() -> HealthCheck {
        let fix = "install the package (docs/technician-guide.md), then sudo systemctl enable --now counter-kiosk"
        guard FileManager.default.fileExists(atPath: "/run/systemd/system"),
              FileManager.default.isExecutableFile(atPath: "/usr/bin/systemctl") else {
            return HealthCheck("service", .warning, WordedMessage(.healthServiceNotRunning, ["state": "no systemd"]), fix: fix)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/systemctl")
        process.arguments = ["is-active", "counter-kiosk.service"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            return HealthCheck("service", .warning, WordedMessage(.healthServiceNotRunning, ["state": "unknown"]), fix: fix)
        }
        let state = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        process.waitUntilExit()
        if state == "active" { return HealthCheck("service", .ok, WordedMessage(.healthService)) }
        return HealthCheck("service", .error, WordedMessage(.healthServiceNotRunning, ["state": state.isEmpty ? "unknown" : state]),
                           fix: "sudo systemctl start counter-kiosk; journalctl -u counter-kiosk -n 50")
    }
}
