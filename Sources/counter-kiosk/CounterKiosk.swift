import ArgumentParser
import Counter

/// The counter terminal: kiosk, register tools for owners, scanner tools for technicians.
@main
struct CounterKiosk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "counter-kiosk",
        abstract: "Counter terminal for second-hand dealers: purchase register, ID and item scanning, stolen-goods checks.",
        version: CounterRelease.version,
        subcommands: CounterKiosk.allSubcommands)
}
