import ArgumentParser
import Counter

extension ScannersCommand {
    /// `scanners install-udev [--rules-dir DIR]`: installs the udev rules for the profiled scanners.
    struct InstallUdev: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "install-udev",
            abstract: "Install the udev rules that give group 'counter' access to scanners (run as root).",
            discussion: "Writes \(CounterUdevRules.fileName), then runs `udevadm control --reload` and `udevadm trigger` if available.")

        @Option(help: ArgumentHelp("Where to write the rules.", valueName: "dir"))
        var rulesDir = "/etc/udev/rules.d"

        @Flag(help: "Only write the file; do not run udevadm.")
        var noReload = false

        func run() async throws {
            let installer = UdevRulesInstaller(rulesFolder: rulesDir, udevadmSearchPath: noReload ? nil : ["/usr/bin", "/bin", "/usr/sbin", "/sbin"])
            do {
                for line in try installer.install() { print(line) }
            } catch { throw CLIError(error.description) }
        }
    }
}
