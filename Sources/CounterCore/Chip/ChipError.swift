/// Why a chip check could not start or a master list was not imported. Codes are worded in the catalog.
///
/// A struct, not an enum (compare postgres-nio's `PSQLError`): a new reason never breaks an embedder's `switch`.
public struct ChipError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why, with its context (the package's code switches on it; others read the code).
    package enum Reason: Sendable, Equatable {
        /// The file is not a CMS-signed CSCA master list.
        case notAMasterList
        /// The master list's own signature does not verify, or its signer is not issued by a CSCA in it.
        case masterListSignatureInvalid
        /// pcscd does not run (Debian's pcscd; `systemctl enable --now pcscd`).
        case noPCSCService
        /// No PC/SC reader (or not the one named).
        case noReader(name: String)
        case writeFailed(path: String)
    }

    package var reason: Reason

    package init(_ reason: Reason) { self.reason = reason }

    /// The file is not a CMS-signed CSCA master list.
    public static let notAMasterList = ChipError(.notAMasterList)
    /// The master list's own signature does not verify, or its signer is not issued by a CSCA in it.
    public static let masterListSignatureInvalid = ChipError(.masterListSignatureInvalid)
    /// pcscd does not run (Debian's pcscd; `systemctl enable --now pcscd`).
    public static let noPCSCService = ChipError(.noPCSCService)
    /// No PC/SC reader (or not the one named).
    public static func noReader(name: String) -> ChipError { ChipError(.noReader(name: name)) }
    public static func writeFailed(path: String) -> ChipError { ChipError(.writeFailed(path: path)) }

    public var code: CounterMessages.Code {
        switch reason {
        case .notAMasterList: .chipNotAMasterList
        case .masterListSignatureInvalid: .chipMasterListSignatureInvalid
        case .noPCSCService: .chipNoPCSCService
        case .noReader: .chipNoReader
        case .writeFailed: .chipWriteFailed
        }
    }

    public var parameters: [String: String] {
        switch reason {
        case .noReader(let name): ["reader": name.isEmpty ? "" : " (\(name))"]
        case .writeFailed(let path): ["path": path]
        default: [:]
        }
    }

    public var message: WordedMessage { WordedMessage(code, parameters) }
    public var description: String { CounterMessages.text(code, .en, parameters) }
}
