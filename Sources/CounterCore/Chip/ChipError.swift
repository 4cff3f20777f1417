/// Why a chip check could not start or a master list was not imported. Codes are worded in the catalog.
public enum ChipError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is not a CMS-signed CSCA master list.
    case notAMasterList
    /// The master list's own signature does not verify, or its signer is not issued by a CSCA in it.
    case masterListSignatureInvalid
    /// pcscd does not run (Debian's pcscd; `systemctl enable --now pcscd`).
    case noPCSCService
    /// No PC/SC reader (or not the one named).
    case noReader(name: String)
    case writeFailed(path: String)

    public var code: CounterMessages.Code {
        switch self {
        case .notAMasterList: .chipNotAMasterList
        case .masterListSignatureInvalid: .chipMasterListSignatureInvalid
        case .noPCSCService: .chipNoPCSCService
        case .noReader: .chipNoReader
        case .writeFailed: .chipWriteFailed
        }
    }

    public var parameters: [String: String] {
        switch self {
        case .noReader(let name): ["reader": name.isEmpty ? "" : " (\(name))"]
        case .writeFailed(let path): ["path": path]
        default: [:]
        }
    }

    public var message: WordedMessage { WordedMessage(code, parameters) }
    public var description: String { CounterMessages.text(code, .en, parameters) }
}
