/// Why an upload attempt got no usable answer. Every case means "try again later": none of them says
/// anything about whether the register stored the entries, so the worker resends them under the same keys.
///
/// A struct, not an enum (compare postgres-nio's `PSQLError`): a new reason never breaks an embedder's `switch`.
public struct RegisterGatewayError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Why, with its context (the package's code switches on it; others read the code).
    package enum Reason: Sendable, Hashable {
        /// No answer within the request timeout.
        case timeout
        /// The register could not be reached, or the connection broke before an answer.
        case unreachable(String)
        /// The register answered with an HTTP error for the whole request.
        case httpStatus(Int, String)
        /// The register refused the credentials (HTTP 401/403).
        case unauthorized(Int)
        /// The answer could not be read.
        case badAnswer(String)
        /// The TLS client certificate, key or CA file could not be loaded.
        case tlsSetup(String)
        /// No automatic upload: the entries were written out for typing into the DOR portal.
        case manualEntryRequired(folder: String)
    }

    package var reason: Reason

    package init(_ reason: Reason) { self.reason = reason }

    /// No answer within the request timeout.
    public static let timeout = RegisterGatewayError(.timeout)
    /// The register could not be reached, or the connection broke before an answer.
    public static func unreachable(_ value0: String) -> RegisterGatewayError { RegisterGatewayError(.unreachable(value0)) }
    /// The register answered with an HTTP error for the whole request.
    public static func httpStatus(_ value0: Int, _ value1: String) -> RegisterGatewayError { RegisterGatewayError(.httpStatus(value0, value1)) }
    /// The register refused the credentials (HTTP 401/403).
    public static func unauthorized(_ value0: Int) -> RegisterGatewayError { RegisterGatewayError(.unauthorized(value0)) }
    /// The answer could not be read.
    public static func badAnswer(_ value0: String) -> RegisterGatewayError { RegisterGatewayError(.badAnswer(value0)) }
    /// The TLS client certificate, key or CA file could not be loaded.
    public static func tlsSetup(_ value0: String) -> RegisterGatewayError { RegisterGatewayError(.tlsSetup(value0)) }
    /// No automatic upload: the entries were written out for typing into the DOR portal.
    public static func manualEntryRequired(folder: String) -> RegisterGatewayError { RegisterGatewayError(.manualEntryRequired(folder: folder)) }

    public var description: String {
        switch reason {
        case .timeout: "The register did not answer in time; the entries will be sent again."
        case .unreachable(let why): "The register cannot be reached (\(why)); check the internet connection and register.url."
        case .httpStatus(let code, let text): "The register answered HTTP \(code)\(text.isEmpty ? "" : " (\(text))"); the entries will be sent again."
        case .unauthorized(let code): "The register refused the credentials (HTTP \(code)): check register.token and the client certificate."
        case .badAnswer(let why): "The register's answer could not be read (\(why)); the entries will be sent again."
        case .tlsSetup(let why): "The TLS settings cannot be used: \(why). Check register.clientCertificate, clientKey and caCertificate."
        case .manualEntryRequired(let folder): "Automatic upload is off: type the entries from \(folder) into the DOR portal."
        }
    }
}
