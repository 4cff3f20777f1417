import ArgumentParser

/// `scanners`: for technicians setting up scanners.
struct ScannersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scanners", abstract: "Set up and test scanners.",
        subcommands: [ScannersCommand.List.self, ScannersCommand.Test.self, ScannersCommand.InstallUdev.self])
}
