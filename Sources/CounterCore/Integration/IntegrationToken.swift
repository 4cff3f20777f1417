import Crypto
import Foundation
import IDScan

/// The secret another program sends on the machine API (`Authorization: Bearer ctr_…`), one per integration.
///
/// Why it is not a PIN: a token is 256 random bits, so it cannot be guessed and needs no slow hash or lockout;
/// the register keeps only its SHA-256 (``storedForm``), in the account's PIN-hash column with a prefix a PIN
/// hash never has, so a stolen database gives no working token. It is shown once, when the owner adds the
/// integration; a lost token is replaced by adding a new integration and revoking the old one.
public struct IntegrationToken: Sendable, Hashable {
    /// What every token starts with, so a leaked one is recognisable (secret scanners, logs).
    public static let prefix = "ctr_"
    /// The stored form's prefix: never a ``StaffPINHash`` encoding.
    static let storedPrefix = "token-sha256$"

    /// The token as the integration sends it.
    public let value: String

    /// A new random token.
    public static func generate() -> IntegrationToken {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let text = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return IntegrationToken(value: prefix + text)
    }

    /// A token as received; nil when it cannot be one of ours (wrong prefix or length, other characters).
    public init?(_ text: String) {
        guard text.hasPrefix(Self.prefix), text.utf8.count == Self.prefix.utf8.count + 43,
              text.dropFirst(Self.prefix.count).allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else { return nil }
        value = text
    }

    private init(value: String) { self.value = value }

    /// What the register keeps of the token.
    public var storedForm: String {
        Self.storedPrefix + Hex.string(SHA256.hash(data: Data(value.utf8)))
    }

    /// Whether `stored` (an account's stored credential) is this token's, compared in constant time.
    func matches(stored: String) -> Bool {
        stored.hasPrefix(Self.storedPrefix) && ConstantTime.equal(Array(stored.utf8), Array(storedForm.utf8))
    }

    /// Whether a stored credential is a token's (an integration's), not a PIN hash.
    static func isToken(stored: String) -> Bool { stored.hasPrefix(storedPrefix) }
}
