/// Why the configuration file cannot be used. Names the file, the line and the setting.
public enum ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is not valid JSON.
    case syntax(file: String, line: Int?, detail: String)
    /// A setting has the wrong type or value.
    case invalidSetting(file: String, line: Int?, key: String, detail: String)
    /// The file cannot be read.
    case unreadable(file: String, detail: String)
    /// A key the configuration does not have (a typo): it would otherwise be silently ignored.
    case unknownSetting(file: String, line: Int?, key: String, suggestion: String?)

    public var description: String {
        switch self {
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
