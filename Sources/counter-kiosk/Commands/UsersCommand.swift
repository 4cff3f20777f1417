import ArgumentParser
import Counter
import Foundation

/// `users`: the kiosk's accounts (clerks, owners, technicians).
struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Manage who may sign in at the kiosk.",
        subcommands: [UsersAddCommand.self, UsersListCommand.self])
}

/// `users add --role staff|owner|technician --name NAME --pin PIN`.
struct UsersAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add an account; its PIN is stored only as a slow salted hash.")

    @OptionGroup var dataOptions: DataOptions

    @Option(help: "staff (counter), owner (everything) or technician (configuration and scanners).")
    var role: StaffRole

    @Option(help: "The name to sign in with; it is written as the clerk of every entry this person registers.")
    var name: String

    @Option(help: "4 to 12 digits.")
    var pin: String

    func run() throws {
        let (_, store) = try dataOptions.open()
        do {
            let account = try StaffDirectory(store: store).add(name: name, role: role, pin: pin, by: "cli", at: Date())
            print("Added \(account.role.rawValue) \(account.name).")
        } catch let error as StaffError {
            throw CLIError(error.description)
        }
    }
}

/// `users list`: every account with its role.
struct UsersListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the accounts.")

    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        let (_, store) = try dataOptions.open()
        for account in try StaffDirectory(store: store).accounts() {
            print("\(account.name)\t\(account.role.rawValue)\(account.disabled ? "\tdisabled" : "")")
        }
    }
}

extension StaffRole: ExpressibleByArgument {}
