import ArgumentParser
import Counter
import Foundation

/// `intake`: register purchases from scripts and other shop software.
struct IntakeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake", abstract: "Register intakes (purchases, trade-ins, pledges, …).",
        subcommands: [IntakeAddCommand.self])
}

/// `intake add`: one intake as JSON on standard input → one register entry.
struct IntakeAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Read one intake as JSON on standard input, validate it, commit it, print the entry number.",
        discussion: "The JSON schema is in docs/intake.md; an example is docs/examples/intake.json.")

    @OptionGroup var dataOptions: DataOptions

    @Flag(help: "Print the whole entry as JSON instead of only its number.")
    var json = false

    func run() throws {
        let input = FileHandle.standardInput.readDataToEndOfFile()
        let (config, store) = try dataOptions.open()
        let validator = IntakeValidator(requirePhotoWithoutSerial: config.requirePhotoWithoutSerial)
        do {
            let intake = try validator.decode(input)
            let entry = try store.append(intake, at: Date())
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
                encoder.dateEncodingStrategy = .iso8601
                print(String(decoding: try encoder.encode(entry), as: UTF8.self))
            } else {
                print(entry.entryNumber)
            }
        } catch let error as IntakeError {
            throw CLIError("Intake refused, nothing was written. \(error.description)")
        } catch let error as RegisterStoreError {
            throw CLIError(error.description)
        }
    }
}
