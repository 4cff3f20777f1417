import ArgumentParser
import Counter
import Foundation

/// `--data DIR`, shared by every command that touches a shop's data.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The shop's data folder (register, configuration, photos, hotlist).",
        discussion: "Default: $COUNTER_HOME, else ~/.local/share/counter-kiosk.", valueName: "dir"))
    var data: String?

    var folder: DataFolder { DataFolder.resolve(data) }

    /// Loads the configuration and opens the register, turning failures into a clear message and exit code 1.
    func open() throws -> (CounterConfiguration, SQLiteRegisterStore) {
        do {
            return try folder.openRegister()
        } catch let error as ConfigurationError {
            throw CLIError(error.description)
        } catch let error as RegisterStoreError {
            throw CLIError(error.description)
        } catch {
            throw CLIError("Cannot open the data folder \(folder.path): \(error.localizedDescription)")
        }
    }
}

/// An error already worded for the person at the terminal: printed as-is, exit code 1.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Writes to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
