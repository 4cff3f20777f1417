import ArgumentParser
import Counter
import Foundation

/// `scanners`: for technicians setting up scanners.
struct ScannersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scanners", abstract: "Set up and test scanners.", subcommands: [ScannersTestCommand.self])
}

/// `scanners test DEVICE`: each scan as it arrives, decoded, with timing.
struct ScannersTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Show each scan from a device as it arrives, decoded, with timing (Ctrl+C to stop).",
        discussion: "DEVICE is serial:PATH[@BAUD], a tty path, or stdin. evdev, hidraw and usb devices are not supported yet.")

    @Argument(help: "The device: serial:PATH[@BAUD], a path such as /dev/ttyACM0, or stdin.")
    var device: String

    @Option(help: ArgumentHelp("A character the scanner sends instead of GS.", valueName: "c"))
    var separator: String?

    func run() async throws {
        let spec: ScannerSpec
        do {
            spec = device.hasPrefix("/") ? .serial(path: device, baud: 9600) : try ScannerSpec(parsing: device)
        } catch { throw CLIError(error.description) }
        if case .serial(let path, _) = spec, FileManager.default.fileExists(atPath: path), access(path, R_OK | W_OK) != 0 {
            throw CLIError("No permission to open \(path): add this user to the device's group (usually dialout) and log in again.")
        }
        guard let scanner = SerialScanner.start(spec) else {
            throw CLIError("\(spec) is not supported yet: only serial/virtual COM scanners and stdin can be tested.")
        }
        print("Listening on \(scanner.device). Scan a barcode…")
        let interpreter = ScanInterpreter(separatorSubstitute: separator?.utf8.first)
        for await event in scanner.events {
            guard event.isComplete else {
                print("INCOMPLETE scan (device went away after \(event.bytes.count) bytes): ignored")
                continue
            }
            let decodeStart = ScanClock.now()
            let scan = interpreter.decode(event.bytes)
            let decodeMicros = (ScanClock.now() - decodeStart) * 1e6
            let printable = String(event.text.unicodeScalars.map { $0.value < 0x20 ? "·" : Character($0) })
            print("\(printable)")
            print("  kind \(scan.kind.rawValue)\(scan.symbology.map { ", symbology \($0)" } ?? "")\(scan.gtin.map { ", GTIN \($0)" } ?? "")\(scan.imei.map { ", IMEI \($0)" } ?? ""), key \(scan.serialKeyExact ?? "-")")
            print(String(format: "  %d bytes in %.1f ms, decoded in %.0f µs", event.bytes.count, (event.lastByteAt - event.firstByteAt) * 1000, decodeMicros))
            for w in scan.warnings { print("  warning: \(w.message)") }
        }
    }
}
