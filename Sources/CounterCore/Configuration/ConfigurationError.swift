/// Why the configuration file cannot be used. Names the file, the line and the setting.
///
/// A struct, not an enum (compare postgres-nio's `PSQLError`): a new reason never breaks an embedder's `switch`.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why, with its context (the package's code switches on it; others read the code).
    package enum Reason: Sendable, Equatable {
        /// The file is not valid JSON.
        case syntax(file: String, line: Int?, detail: String)
        /// A setting has the wrong type or value.
        case invalidSetting(file: String, line: Int?, key: String, detail: String)
        /// The file cannot be read.
        case unreadable(file: String, detail: String)
        /// A key the configuration does not have (a typo): it would otherwise be silently ignored.
        case unknownSetting(file: String, line: Int?, key: String, suggestion: String?)
    }

    package var reason: Reason

    package init(_ reason: Reason) { self.reason = reason }

    /// The file is not valid JSON.
    public static func syntax(file: String, line: Int?, detail: String) -> ConfigurationError { ConfigurationError(.syntax(file: file, line: line, detail: detail)) }
    /// A setting has the wrong type or value.
    public static func invalidSetting(file: String, line: Int?, key: String, detail: String) -> ConfigurationError { ConfigurationError(.invalidSetting(file: file, line: line, key: key, detail: detail)) }
    /// The file cannot be read.
    public static func unreadable(file: String, detail: String) -> ConfigurationError { ConfigurationError(.unreadable(file: file, detail: detail)) }
    /// A key the configuration does not have (a typo): it would otherwise be silently ignored.
    public static func unknownSetting(file: String, line: Int?, key: String, suggestion: String?) -> ConfigurationError { ConfigurationError(.unknownSetting(file: file, line: line, key: key, suggestion: suggestion)) }

    public var description: String {
        switch reason {
        case .syntax(let file, let line, let detail):
            "\(file)\(line.map { ", line \($0)" } ?? ""): not valid JSON (\(detail)). Fix the file or remove it to start from the defaults."
        case .invalidSetting(let file, let line, let key, let detail):
            "\(file)\(line.map { ", line \($0)" } ?? ""): setting \(key): \(detail)"
        case .unreadable(let file, let detail):
            "\(file): cannot be read (\(detail))"
        case .unknownSetting(let file, let line, let key, let suggestion):
            "\(file)\(line.map { ", line \($0)" } ?? ""): unknown setting \(key)"
                + (suggestion.map { " (did you mean \($0)?)" } ?? "") + ". Remove it or correct its name."
        }
    }
}
