import ArgumentParser
import Counter
import Foundation

/// `intake`: register purchases from scripts and other shop software.
struct IntakeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake", abstract: "Register intakes (purchases, trade-ins, pledges, …).",
        subcommands: [IntakeAddCommand.self])
}

/// `intake add`: one intake as JSON → one register entry, through the same engine call as the counter:
/// every identifier is checked (hotlist and Stop Heling), a hit is refused unless the owner decides.
struct IntakeAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Check and register one intake given as JSON; print the entry number.",
        discussion: """
            The JSON schema is in docs/intake.md; an example is docs/examples/intake.json. It comes on standard \
            input, or from --file. Every serial, IMEI and frame number is checked against the stolen-goods list \
            (and Stop Heling when configured) before anything is written.

            A hit is refused (exit code 3, nothing written). The owner may register it only when the police ask \
            for it: --owner NAME --outcome boughtOnPoliceInstruction --police-reference REF --reason TEXT, with the \
            owner's PIN as the first line of standard input (never on the command line). The item then gets an \
            open police flag. The outcomes notBought and notBoughtPoliceCalled record the owner's decision and \
            register nothing.

            --idempotency-key makes a retry safe: the same key again prints the entry it made, never a second one.
            """)

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var databaseOptions: DatabaseOptions

    @Flag(help: "Print the whole entry as JSON instead of only its number.")
    var json = false

    @Option(help: ArgumentHelp("Read the intake from this file instead of standard input.", valueName: "path"))
    var file: String?

    @Option(help: ArgumentHelp("A key for this intake; the same key again returns the same entry.", valueName: "key"))
    var idempotencyKey: String?

    @Option(help: ArgumentHelp("The owner deciding on a hit (PIN: first line of standard input).", valueName: "name"))
    var owner: String?

    @Option(help: ArgumentHelp("The owner's decision on a hit: \(HitDecision.Outcome.allCases.map(\.rawValue).joined(separator: ", ")).",
                               valueName: "outcome"))
    var outcome: String?

    @Option(help: ArgumentHelp("The owner's reason for the decision.", valueName: "text"))
    var reason: String?

    @Option(help: ArgumentHelp("The police's reference (required for boughtOnPoliceInstruction).", valueName: "ref"))
    var policeReference: String?

    func validate() throws {
        if (owner == nil) != (outcome == nil) { throw ValidationError("--owner and --outcome go together") }
        if let outcome, HitDecision.Outcome(rawValue: outcome) == nil {
            throw ValidationError("--outcome must be one of \(HitDecision.Outcome.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if owner != nil && (reason ?? "").trimmingCharacters(in: .whitespaces).count < 3 {
            throw ValidationError("--reason is required with --owner")
        }
    }

    func run() async throws {
        var input = FileHandle.standardInput.readDataToEndOfFile()
        var pin: String?
        if owner != nil {
            // The PIN is the first line of standard input: argv is visible to every user of the machine (ps).
            let newline = input.firstIndex(of: 0x0A) ?? input.endIndex
            pin = String(decoding: input[input.startIndex..<newline], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            input = newline < input.endIndex ? Data(input[input.index(after: newline)...]) : Data()
        }
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("Cannot read \(file).") }
            input = data
        }
        let (read, ownerPIN) = (input, pin)
        try await databaseOptions.withRegister(dataOptions) { config, store in
            try await register(read, pin: ownerPIN, config: config, store: store)
        }
    }

    /// Registers the intake through a session of the engine, as a till does.
    func register(_ input: Data, pin: String?, config: CounterConfiguration, store: any RegisterStorage) async throws {
        let intake: Intake
        do {
            intake = try IntakeValidator(configuration: config).decode(input)
        } catch {
            throw CLIError("Intake refused, nothing was written. \(error.description)")
        }
        let engine: CounterEngine
        do {
            engine = try CounterEngine(.init(storage: store, staff: StaffDirectory(store: store),
                                             checker: RunCommand.checker(config, folder: dataOptions.folder, store: store),
                                             tills: [], photoArchive: dataOptions.folder.photoArchive(for: store, limits: config.photos)))
        } catch let error as CounterError { throw CLIError(error.message(.en)) }
        let session = engine.detachedSession(name: "cli")
        await session.checkNow(intake.items)
        do {
            if let owner, let pin, let outcome = outcome.flatMap(HitDecision.Outcome.init(rawValue:)) {
                let auth = OwnerAuthorization(name: owner, pin: pin)
                for item in intake.items {
                    for id in ItemIdentifiers.of(item) where await session.resolvedCheck(id, atRegistration: true).status == .hit {
                        try await session.decide(identifier: id, outcome: outcome, owner: auth, reason: reason ?? "",
                                                 policeReference: policeReference)
                    }
                }
                if !outcome.keepsItem {
                    throw CLIError("The owner's decision (\(outcome.rawValue)) is recorded in the audit log; nothing was registered.")
                }
            }
            let key = "cli/" + (idempotencyKey ?? UUID().uuidString)
            let result = try await session.register(CounterDraft(intake: intake), idempotencyKey: key)
            if json {
                guard let entry = try await store.entry(number: result.entryNumber) else { throw CLIError("Entry \(result.entryNumber) vanished.") }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
                encoder.dateEncodingStrategy = .iso8601
                print(String(decoding: try encoder.encode(entry), as: UTF8.self))
            } else {
                print(result.entryNumber)
            }
        } catch let error as CounterError where error.code == .hitAtRegistration {
            printError("""
                \(error.message(.en)) Nothing was written. Keep the item and call the police (0900-8844). Only on the \
                police's instruction: --owner NAME --outcome boughtOnPoliceInstruction --police-reference REF --reason TEXT, \
                the owner's PIN on the first line of standard input.
                """)
            throw ExitCode(3)
        } catch let error as CounterError {
            throw CLIError("Intake refused, nothing was written. \(error.message(.en))")
        } catch let error as StaffError {
            throw CLIError("Owner not accepted, nothing was written: \(SessionRoutes.english(error))")
        } catch let error as IntakeError {
            throw CLIError("Intake refused, nothing was written. \(error.description)")
        } catch let error as RegisterStoreError {
            throw CLIError(error.description)
        }
    }
}

