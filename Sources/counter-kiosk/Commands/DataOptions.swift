import ArgumentParser
import Counter
import Foundation
import Logging

/// `--data DIR`, shared by every command that touches a shop's data.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The shop's data folder (register, configuration, photos, hotlist).",
        discussion: "Default: $COUNTER_HOME, else ~/.local/share/counter-kiosk.", valueName: "dir"))
    var data: String?

    var folder: DataFolder { DataFolder.resolve(data) }

    /// Loads the configuration and opens the register, turning failures into a clear message and exit code 1.
    ///
    /// - Parameter embeddedOnly: refuse when config.json puts the register on PostgreSQL (`database.url`):
    ///   a command that works on the data folder's file only must not register into, read or export a file the
    ///   shop no longer uses. Commands on what stays in the data folder (staff, the shop) pass false.
    func open(embeddedOnly: Bool = true) throws -> (CounterConfiguration, SQLiteRegisterStore) {
        do {
            let opened = try folder.openRegister()
            if embeddedOnly, let url = opened.0.database.url {
                throw CLIError("""
                    This shop's register is on PostgreSQL (database.url \(url) in config.json); this command works on the \
                    data folder's register only. Every command that reads or writes the register takes --database (or \
                    database.url).
                    """)
            }
            return opened
        } catch let error as ConfigurationError {
            throw CLIError(error.description)
        } catch let error as RegisterStoreError {
            throw CLIError(error.description)
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError("Cannot open the data folder \(folder.path): \(error.localizedDescription)")
        }
    }
}

/// `--database URL`, `--branch ID` and `--database-password-file FILE`: the register on a PostgreSQL server
/// instead of the data folder's file (config.json's `database` section is the default).
struct DatabaseOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The register's PostgreSQL database: postgres://USER@HOST[:PORT]/DATABASE[?sslmode=…] (no password).",
                               valueName: "url"))
    var database: String?

    @Option(help: ArgumentHelp("The branch on that database: KvK number/vestigingsnummer (default: the shop's).", valueName: "id"))
    var branch: String?

    @Option(help: ArgumentHelp("A file whose first line is the database password (else COUNTER_DATABASE_PASSWORD).",
                               valueName: "file"))
    var databasePasswordFile: String?

    /// Runs `body` with the register's outbox and storage: the data folder's file, or the branch on PostgreSQL.
    func withRegister<T: Sendable>(_ data: DataOptions,
                                   _ body: @escaping @Sendable (CounterConfiguration, any RegisterStorage) async throws -> T)
        async throws -> T {
        let config: CounterConfiguration
        do { config = try ConfigurationLoader.load(path: data.folder.configPath) } catch {
            throw CLIError(error.description)
        }
        let location: RegisterLocation
        do {
            location = try RegisterLocation(configuration: config, url: database, branch: branch, passwordFile: databasePasswordFile)
        } catch {
            throw CLIError(error.description)
        }
        switch location {
        case .embedded:
            let (config, store) = try data.open()
            return try await body(config, store)
        case .postgres(let postgres, let branchID, let passwordFile):
            var logger = Logger(label: "counter-kiosk.database")
            logger.logLevel = .warning
            do {
                return try await RegisterLocation.withPostgresStore(
                    postgres, branchID: branchID, passwordFile: passwordFile, configuration: config,
                    anchorFolder: data.folder.path, logger: logger
                ) { store in try await body(config, store) }
            } catch let error as RegisterStoreError {
                throw CLIError(error.description)
            } catch let error as PostgresLocation.Invalid {
                throw CLIError(error.description)
            }
        }
    }
}

/// `--database URL` (required) and `--database-password-file FILE`, for commands that only talk to the
/// PostgreSQL server (`migrate-to-postgres`, `branches`).
struct ServerOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The register's database: postgres://USER@HOST[:PORT]/DATABASE[?sslmode=disable|verify-full] (no password).",
                               valueName: "url"))
    var database: String

    @Option(help: ArgumentHelp("A file whose first line is the database password (else COUNTER_DATABASE_PASSWORD).",
                               valueName: "file"))
    var databasePasswordFile: String?

    /// The server and the password, or a worded error.
    func location() throws -> (PostgresLocation, password: String?) {
        try Self.location(database, passwordFile: databasePasswordFile)
    }

    static func location(_ database: String, passwordFile: String?) throws -> (PostgresLocation, password: String?) {
        do {
            return (try PostgresLocation(url: database), try PostgresLocation.password(file: passwordFile))
        } catch {
            throw CLIError(error.description)
        }
    }
}

/// `--database URL` and `--database-password-file FILE` for a command that works on a data folder, or on a whole
/// PostgreSQL database instead when given (`backup`, `restore`: as the tables' owner).
struct OptionalServerOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Instead of the data folder: the PostgreSQL database, every branch, as the tables' owner: "
                               + "postgres://USER@HOST[:PORT]/DATABASE[?sslmode=disable|verify-full] (no password).",
                               valueName: "url"))
    var database: String?

    @Option(help: ArgumentHelp("A file whose first line is the database password (else COUNTER_DATABASE_PASSWORD).",
                               valueName: "file"))
    var databasePasswordFile: String?

    /// The server and the password when `--database` was given, or a worded error.
    func location() throws -> (PostgresLocation, password: String?)? {
        guard let database else { return nil }
        return try ServerOptions.location(database, passwordFile: databasePasswordFile)
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
