import ArgumentParser
import Counter
import Foundation

extension ScannersCommand {
    /// `scanners list [--json]`: the scanner-like devices plugged in, with their profile and access.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List keyboard-wedge, HID POS, serial and USB devices with VID:PID, matched profile and access.")

        @Flag(help: "Print JSON instead of a table.")
        var json = false

        @Option(help: ArgumentHelp("Read profiles from this folder instead of the built-in ones.", valueName: "dir"))
        var profiles: String?

        @Option(help: ArgumentHelp("sysfs and /dev root, for tests.", valueName: "dir"))
        var root = "/"

        func run() async throws {
            let catalog: ScannerProfileCatalog
            do { catalog = try profiles.map { try ScannerProfileCatalog(folder: $0) } ?? .embedded } catch { throw CLIError(String(describing: error)) }
            let devices = ScannerDiscovery(root: root, catalog: catalog).devices()
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(devices), as: UTF8.self))
                return
            }
            guard !devices.isEmpty else {
                print("No USB keyboard, HID, serial or USB scanner devices found. Plug the scanner in, or check `lsusb`.")
                await Self.printChipReaders()
                return
            }
            print("DEVICE                  TRANSPORT  VID:PID    IF  PROFILE                          MAY OPEN")
            for d in devices {
                let profile = d.profile.map { "\($0) (\(d.profileMatch?.rawValue ?? ""))" } ?? "-"
                let hidpos = d.isHIDPOS == true ? " [HID POS]" : ""
                print(pad(d.node, 23), pad(d.transport.rawValue, 10), pad(d.usbID, 10), pad(d.interfaceNumber.map(String.init) ?? "-", 3),
                      pad(profile, 32), d.mayOpen ? "yes" : "NO", hidpos, separator: " ")
            }
            if devices.contains(where: { !$0.mayOpen }) {
                print("\nNO = this user may not open it: run `sudo counter-kiosk scanners install-udev`, add the user to group 'counter', replug.")
            }
            print("Test one with: counter-kiosk scanners test DEVICE")
            await Self.printChipReaders()
        }

        /// The PC/SC readers (document chips), for tills[].chipReader.
        static func printChipReaders() async {
            print("\nChip readers (PC/SC, for tills[].chipReader):")
            do {
                let readers = try await PCSCReader.readers()
                if readers.isEmpty { print("  none connected") }
                for reader in readers { print("  \(reader)") }
            } catch {
                print("  " + ChipError.noPCSCService.description)
            }
        }

        private func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
    }
}
