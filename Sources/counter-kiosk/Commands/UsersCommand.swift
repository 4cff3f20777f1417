import ArgumentParser
import Counter
import Foundation

/// `users`: the kiosk's accounts (clerks, owners, technicians).
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Manage who may sign in at the kiosk.",
        subcommands: [UsersAddCommand.self, UsersListCommand.self, UsersResetPINCommand.self, UsersUnlockCommand.self,
                      UsersDisableCommand.self])
}

/// `users add --role staff|owner|technician --name NAME --pin PIN`; `users add --role integration --name NAME`
/// prints the integration's token once.
struct UsersAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add an account; its PIN is stored only as a slow salted hash.",
        discussion: """
            --role integration adds other shop software that uses the machine API (/v1, docs/kiosk-api.yaml). It has \
            no PIN: its token is printed once on standard output (only its hash is kept). Give it to the software's \
            supplier; revoke it with `users disable --name NAME`.
            """)

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var databaseOptions: DatabaseOptions

    @Option(help: "staff (counter), owner (everything), technician (configuration and scanners) or integration (other shop software, with a token).")
    var role: StaffRole

    @Option(help: "The name to sign in with; it is written as the clerk of every entry this person registers.")
    var name: String

    @Option(help: ArgumentHelp(
        "4 to 12 digits. Better left out: the PIN is then read from standard input, so it stays out of the shell's history and the process list.",
        valueName: "pin"))
    var pin: String?

    func validate() throws {
        if role == .integration && pin != nil { throw ValidationError("An integration has a token, not a PIN: leave out --pin.") }
    }

    func run() async throws {
        if role == .integration { return try await addIntegration() }
        let pin = try pin ?? PINInput.read(prompt: "PIN for \(name) (4–12 digits): ")
        let (name, role) = (name, role)
        try await databaseOptions.withRegister(dataOptions) { _, store in
            do {
                let account = try await StaffDirectory(store: store).add(name: name, role: role, pin: pin, by: "cli", at: Date())
                print("Added \(account.role.rawValue) \(account.name).")
            } catch let error as StaffError {
                throw CLIError(error.description)
            }
        }
    }
}

extension UsersAddCommand {
    func addIntegration() async throws {
        let name = name
        try await databaseOptions.withRegister(dataOptions) { _, store in
            do {
                let (account, token) = try await StaffDirectory(store: store).addIntegration(name: name, by: "cli", at: Date())
                printError("Added integration \(account.name). Its token follows; it is shown this once (only its hash is kept):")
                print(token.value)
            } catch let error as StaffError {
                throw CLIError(SessionRoutes.english(error))
            }
        }
    }
}

/// `users disable --name NAME`: an account can no longer sign in; an integration's token is revoked for good.
struct UsersDisableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable",
        abstract: "Disable an account (audited); for an integration this revokes its token at once, for good.")

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var databaseOptions: DatabaseOptions
    @Option(help: "The account.")
    var name: String

    func run() async throws {
        let name = name
        try await databaseOptions.withRegister(dataOptions) { _, store in
            do {
                let staff = StaffDirectory(store: store)
                guard let account = try await staff.account(named: name) else { throw StaffError.unknownAccount(name) }
                try await staff.setDisabled(account.name, disabled: true, by: "cli", at: Date())
                print(account.role == .integration ? "The token of \(account.name) is revoked." : "\(account.name) is disabled.")
            } catch let error as StaffError {
                throw CLIError(SessionRoutes.english(error))
            }
        }
    }
}

/// `users list`: every account with its role.
struct UsersListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the accounts.")

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var databaseOptions: DatabaseOptions

    func run() async throws {
        try await databaseOptions.withRegister(dataOptions) { _, store in
            for (account, lockedUntil) in try await StaffDirectory(store: store).accountsWithLockout(at: Date()) {
                var line = "\(account.name)\t\(account.role.rawValue)"
                if account.disabled { line += account.role == .integration ? "\trevoked" : "\tdisabled" }
                if let lockedUntil { line += "\tlocked until \(ShopFormat.english.time(lockedUntil)) (users unlock --name \(account.name))" }
                print(line)
            }
        }
    }
}

/// `users reset-pin --name NAME`: a new PIN for someone who forgot theirs, read from standard input.
struct UsersResetPINCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset-pin",
        abstract: "Set a new PIN for an account (read from standard input, never from the command line); it also lifts a lockout.")

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var databaseOptions: DatabaseOptions
    @Option(help: "The account.")
    var name: String

    func run() async throws {
        let pin = try PINInput.read(prompt: "New PIN for \(name) (4–12 digits): ")
        let name = name
        try await databaseOptions.withRegister(dataOptions) { _, store in
            do {
                try await StaffDirectory(store: store).changePIN(name: name, newPIN: pin, by: "cli", at: Date())
                print("New PIN set for \(name); signed-in pages of this account are signed out.")
            } catch let error as StaffError {
                throw CLIError(SessionRoutes.english(error))
            }
        }
    }
}

/// `users unlock --name NAME`: lifts the lockout after wrong PINs now.
struct UsersUnlockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlock", abstract: "Lift the lockout after wrong PINs (audited), instead of waiting five minutes.")

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var databaseOptions: DatabaseOptions
    @Option(help: "The account.")
    var name: String

    func run() async throws {
        let name = name
        try await databaseOptions.withRegister(dataOptions) { _, store in
            do {
                try await StaffDirectory(store: store).unlock(name, by: "cli", at: Date())
                print("\(name) can sign in again.")
            } catch let error as StaffError {
                throw CLIError(SessionRoutes.english(error))
            }
        }
    }
}

/// A PIN from standard input: typed at a terminal without echo (twice, to catch a typo), or the first line a
/// script pipes in. Never an argument, which the shell's history and `ps` would keep.
enum PINInput {
    static func read(prompt: String) throws -> String {
        if isatty(STDIN_FILENO) != 0 {
            guard let first = getpass(prompt).map({ String(cString: $0) }),
                  let second = getpass("Again: ").map({ String(cString: $0) }) else { throw CLIError("No PIN typed.") }
            guard first == second else { throw CLIError("The two PINs differ; nothing was changed.") }
            return first
        }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw CLIError("No PIN on standard input (pipe it in, or run this at a terminal to type it).")
        }
        return line
    }
}

extension StaffRole: ExpressibleByArgument {}
