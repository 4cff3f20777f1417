import ArgumentParser
import Counter
import Foundation

/// `check SERIAL`: is this serial on a stolen-goods list?
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a serial number, IMEI or frame number against the hotlist and Stop Heling.",
        discussion: "Exit code 0 clear, 3 hit, 4 possible match, 5 not checked (never reported as clear).")

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var databaseOptions: DatabaseOptions

    @Argument(help: "The serial number, IMEI or frame number.")
    var serial: String

    @Option(help: "Brand, to narrow the remote search.")
    var brand: String?

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() async throws {
        // The police's written notices are the register's: the data folder's, or the branch's on PostgreSQL.
        let (serial, brand, folder) = (serial, brand, dataOptions.folder)
        let result = try await databaseOptions.withRegister(dataOptions) { config, store in
            await RunCommand.checker(config, folder: folder, store: store).check(serial: serial, brand: brand)
        }
        if json {
            let data = try JSONSerialization.data(withJSONObject: result.jsonObject, options: [.sortedKeys, .withoutEscapingSlashes])
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        } else {
            switch result {
            case .hit: print("TREFFER / HIT: do not buy. Do not alarm the seller; call the police: 0900-8844.")
            case .possibleMatch: print("Mogelijke treffer / possible match: compare the record with the item before buying.")
            case .clear(let sources): print("Geen melding / clear (\(sources.joined(separator: ", ")))")
            case .notChecked(let why): print("NIET GECONTROLEERD / NOT CHECKED: \(why.dutch)")
            }
            for r in result.records {
                print("  \(r.matchType): \(r.serial) \(r.brand ?? "") \(r.model ?? "") \(r.object ?? "") reported \(r.reportedOn ?? "?") (\(r.source ?? ""))")
            }
        }
        switch result {
        case .clear: return
        case .hit: throw ExitCode(3)
        case .possibleMatch: throw ExitCode(4)
        case .notChecked: throw ExitCode(5)
        }
    }
}
