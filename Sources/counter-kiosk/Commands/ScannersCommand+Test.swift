import ArgumentParser
import Counter
import Foundation

extension ScannersCommand {
    /// `scanners test DEVICE`: each scan as it arrives, decoded, with timing.
    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Show each scan from a device as it arrives, decoded, with timing (Ctrl+C to stop).",
            discussion: """
                DEVICE is a spec (evdev:PATH, hidraw:PATH, usb:VID:PID, serial:PATH[@BAUD], stdin) or a path: \
                /dev/input/… is read as a keyboard wedge, /dev/hidraw* as HID POS, any other path as a serial port.
                """)

        @Argument(help: "The device: a spec or a path such as /dev/input/event7, /dev/hidraw0, /dev/ttyACM0.")
        var device: String

        @Option(help: ArgumentHelp("A character the scanner sends instead of GS.", valueName: "c"))
        var separator: String?

        @Option(help: ArgumentHelp("Keyboard wedges: the layout the scanner is set to (us, nl, be).", valueName: "layout"))
        var layout: String?

        func run() async throws {
            let spec: ScannerSpec
            do { spec = try ScannerSpec(detecting: device) } catch { throw CLIError(error.description) }
            var settings = ScannerProfiles.settings(for: spec)
            if let layout {
                guard let chosen = KeyboardLayout.named(layout) else {
                    throw CLIError("Unknown layout '\(layout)': use one of \(KeyboardLayout.all.map(\.name).joined(separator: ", ")).")
                }
                settings.layout = chosen
            }
            if let separator { settings.gsSubstitute = separator.first }
            if let path = spec.path, FileManager.default.fileExists(atPath: path), access(path, R_OK) != 0 {
                throw CLIError("No permission to open \(path): run `sudo counter-kiosk scanners install-udev`, add this user to group 'counter', replug the scanner and log in again.")
            }
            let scanner = ScannerSources.start(spec, settings: settings)
            print("Listening on \(scanner.device) (layout \(settings.layout), gap \(Int(settings.gap * 1000)) ms). Scan a barcode…")
            if let usb = scanner as? USBScanner {
                Task {
                    try? await Task.sleep(for: .seconds(1))
                    if let problem = usb.problem { print("waiting: \(problem)") }
                }
            }
            // A wedge's GS substitute is already turned into GS by the source; serial scanners send it as is.
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
}
