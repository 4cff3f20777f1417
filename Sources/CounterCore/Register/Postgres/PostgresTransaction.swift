import Foundation
import Logging
import PostgresNIO

/// One transaction on a connection of the pool, with the register's errors as they are: postgres-nio wraps
/// whatever the body throws in a `PostgresTransactionError`; this unwraps it, so an ``IntakeError`` or a
/// ``RegisterStoreError`` reaches the caller as itself, and turns the server's refusals into register errors.
enum PostgresTransaction {
    static func run<T: Sendable>(_ client: PostgresClient, logger: Logger,
                                 _ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        } catch let error as PostgresTransactionError {
            throw registerError(error.closureError ?? error.commitError ?? error.beginError ?? error)
        } catch {
            throw registerError(error)
        }
    }

    /// Reads outside a transaction, with the same errors.
    static func read<T: Sendable>(_ client: PostgresClient, logger: Logger,
                                  _ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { connection in try await body(connection) }
        } catch {
            throw registerError(error)
        }
    }

    /// The server's errors in the register's terms; the register's own errors unchanged.
    static func registerError(_ error: any Error) -> any Error {
        guard let error = error as? PSQLError else { return error }
        let state = error.serverInfo?[.sqlState] ?? ""
        let message = error.serverInfo?[.message] ?? "\(error.code)"
        switch state {
        case "53100": return RegisterStoreError.diskFull
        case "40001", "40P01", "55P03": return RegisterStoreError.busy
        case "": return RegisterStoreError.unreachable(message)
        default: return RegisterStoreError.writeFailed("\(message) (\(state))")
        }
    }
}
