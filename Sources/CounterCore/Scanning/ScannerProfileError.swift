/// Why a profile file cannot be used, naming the file and the setting.
package enum ScannerProfileError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(file: String)
    case invalid(file: String, reason: String)
    case duplicateID(String)

    package var description: String {
        switch self {
        case .unreadable(let f): "Scanner profile \(f): cannot be read"
        case .invalid(let f, let reason): "Scanner profile \(f): \(reason)"
        case .duplicateID(let id): "Scanner profile id '\(id)' is used by two files: each model needs its own id"
        }
    }
}
