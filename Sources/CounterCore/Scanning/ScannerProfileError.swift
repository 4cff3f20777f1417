/// Why a profile file cannot be used, naming the file and the setting.
///
/// A struct, not an enum (compare postgres-nio's `PSQLError`): a new reason never breaks an embedder's `switch`.
package struct ScannerProfileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why, with its context (the package's code switches on it; others read the code).
    package enum Reason: Sendable, Equatable {
        case unreadable(file: String)
        case invalid(file: String, reason: String)
        case duplicateID(String)
    }

    package var reason: Reason

    package init(_ reason: Reason) { self.reason = reason }

    package static func unreadable(file: String) -> ScannerProfileError { ScannerProfileError(.unreadable(file: file)) }
    package static func invalid(file: String, reason: String) -> ScannerProfileError { ScannerProfileError(.invalid(file: file, reason: reason)) }
    package static func duplicateID(_ value0: String) -> ScannerProfileError { ScannerProfileError(.duplicateID(value0)) }

    package var description: String {
        switch reason {
        case .unreadable(let f): "Scanner profile \(f): cannot be read"
        case .invalid(let f, let reason): "Scanner profile \(f): \(reason)"
        case .duplicateID(let id): "Scanner profile id '\(id)' is used by two files: each model needs its own id"
        }
    }
}
