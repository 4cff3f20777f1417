import IDScan

/// How a till reaches document chips: a transport to its reader, the trusted CSCAs, and the shop's rule.
/// The kiosk builds it over PC/SC (CounterDevices' `ChipAccess.pcsc(cscaFolder:required:)`); embedders and tests
/// give their own.
public struct ChipAccess: Sendable {
    /// Connects to the card on the named reader (nil: the first), waiting briefly for one.
    public var connect: @Sendable (_ reader: String?) async throws -> any ChipTransport
    /// The CSCA certificates (DER) passive authentication trusts.
    public var trusted: @Sendable () -> [[UInt8]]
    /// `checks.chipRequired`.
    public var required: Bool

    public init(connect: @escaping @Sendable (String?) async throws -> any ChipTransport,
                trusted: @escaping @Sendable () -> [[UInt8]], required: Bool) {
        self.connect = connect
        self.trusted = trusted
        self.required = required
    }
}

/// What the counter shows of a chip check: the verdict and what it means, the differences, the signer, and the
/// face for comparison. Sent to the till's pages only and kept in memory for the current customer; the face
/// is never stored, logged or sent anywhere else.
public struct ChipView: Sendable, Codable, Hashable {
    public var verdict: ChipVerdict
    public var message: WordedMessage
    /// `ok` (green), `owner` (full-screen, the owner decides), `warning`, `plain`.
    public var level: String
    public var differences: [String]
    public var signerIssuer: String?
    public var signerSerial: String?
    /// `data:image/jpeg;base64,…` (a JPEG 2000 face as `image/png`) for the page's <img>; nil without a face.
    public var face: String?
    /// The owner's decision, once made.
    public var owner: String?
    /// Whether registering now waits for the owner (`ChipRule`).
    public var needsOwner: Bool

    init(_ document: ChipDocument, owner: String?, needsOwner: Bool) {
        verdict = document.verdict
        let code: CounterMessages.Code = switch document.verdict {
        case .genuine: .chipGenuine
        case .differsFromPrintedMRZ: .chipDiffers
        case .signatureInvalid: .chipSignatureInvalid
        case .unknownIssuer: .chipUnknownIssuer
        case .unreadable: .chipUnreadable
        case .noChip: .chipNone
        }
        message = WordedMessage(code)
        let verdict = document.verdict
        level = verdict == .genuine ? "ok" : verdict.needsOwner ? "owner" : verdict.isWarning ? "warning" : "plain"
        differences = document.differences.map(\.rawValue)
        signerIssuer = document.signerIssuer
        signerSerial = document.signerSerial
        if let image = document.face?.displayable() {
            face = "data:\(image.format.rawValue);base64," + Data(image.bytes).base64EncodedString()
        }
        self.owner = owner
        self.needsOwner = needsOwner
    }
}

import Foundation
