import Foundation
import Logging
import NIOSSL
import PostgresNIO

/// Where a register's PostgreSQL database is: `postgres://USER@HOST[:PORT]/DATABASE[?sslmode=MODE]`.
///
/// The password is never part of it: a URL ends up in `config.json`, in argv (visible to every user through
/// `ps`) and in logs. It comes from a secrets file (`--database-password-file`, readable by the kiosk's user
/// only) or the environment (`COUNTER_DATABASE_PASSWORD`).
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    public var tls: TLSMode

    /// How the connection is protected (libpq's `sslmode` names).
    public enum TLSMode: String, Sendable, Equatable {
        /// No TLS: only for a server on the same machine or a private network.
        case disable
        /// TLS with the server's certificate checked against the system's trusted authorities and its host
        /// name (the default).
        case verifyFull = "verify-full"
    }

    /// Why a database URL was not accepted, in words for the technician.
    public struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    public init(url text: String) throws(Invalid) {
        guard let url = URLComponents(string: text), let scheme = url.scheme, ["postgres", "postgresql"].contains(scheme) else {
            throw Invalid(description: "The database URL must look like postgres://user@host:5432/database (got \"\(Self.redacted(text))\").")
        }
        guard url.password == nil else {
            throw Invalid(description: "Put the database password in a secrets file (--database-password-file) or in COUNTER_DATABASE_PASSWORD, not in the URL.")
        }
        guard let host = url.host, !host.isEmpty else { throw Invalid(description: "The database URL names no host.") }
        guard let user = url.user, !user.isEmpty else { throw Invalid(description: "The database URL names no user (postgres://user@host/…).") }
        let database = String(url.path.drop { $0 == "/" })
        guard !database.isEmpty else { throw Invalid(description: "The database URL names no database (postgres://user@host/database).") }
        let mode = url.queryItems?.first { $0.name == "sslmode" }?.value ?? TLSMode.verifyFull.rawValue
        guard let tls = TLSMode(rawValue: mode) else {
            throw Invalid(description: "sslmode must be disable or verify-full (got \(mode)).")
        }
        self.host = host
        self.port = url.port ?? 5432
        self.user = user
        self.database = database
        self.tls = tls
    }

    /// The URL as given (it has no password).
    public var description: String {
        "postgres://\(user)@\(host):\(port)/\(database)?sslmode=\(tls.rawValue)"
    }

    /// The password: the secrets file's first line, else `COUNTER_DATABASE_PASSWORD`, else none (trust or peer
    /// authentication).
    public static func password(file: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(Invalid) -> String? {
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw Invalid(description: "Cannot read the database password file \(file).")
            }
            return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        }
        return environment["COUNTER_DATABASE_PASSWORD"]
    }

    /// A client of this database (run it with `client.run()`).
    public func client(password: String?, logger: Logger) -> PostgresClient {
        let tls: PostgresClient.Configuration.TLS = switch self.tls {
        case .disable: .disable
        case .verifyFull: .require(.makeClientConfiguration())
        }
        return PostgresClient(configuration: .init(host: host, port: port, username: user, password: password,
                                                   database: database, tls: tls),
                              backgroundLogger: logger)
    }

    /// Connects once, so that a server that is down, a wrong password or a missing database is said at once
    /// (``RegisterStoreError/unreachable(_:)``) instead of after the pool's minute of retries.
    public func probe(password: String?, logger: Logger) async throws {
        let tls: PostgresConnection.Configuration.TLS
        switch self.tls {
        case .disable: tls = .disable
        case .verifyFull: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        var configuration = PostgresConnection.Configuration(host: host, port: port, username: user, password: password,
                                                             database: database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            try? await connection.close()
        } catch let error as PSQLError {
            throw RegisterStoreError.unreachable("\(self): " + (error.serverInfo?[.message] ?? Self.reason(error)))
        } catch {
            throw RegisterStoreError.unreachable("\(self): \(error)")
        }
    }

    /// The connection failure in a few words (no server's message: it never answered).
    private static func reason(_ error: PSQLError) -> String {
        if let underlying = error.underlying { return "\(underlying)" }
        return "\(error.code)"
    }

    /// Runs `body` with a running client of this database (reached first: ``probe(password:logger:)``); the client
    /// ends with it.
    public func withClient<T: Sendable>(password: String?, logger: Logger,
                                        _ body: @escaping @Sendable (PostgresClient) async throws -> T) async throws -> T {
        try await probe(password: password, logger: logger)
        let client = client(password: password, logger: logger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { await client.run(); return nil }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }

    private static func redacted(_ text: String) -> String {
        guard var url = URLComponents(string: text), url.password != nil else { return text }
        url.password = "…"
        return url.string ?? "…"
    }
}
