import Foundation

/// Why an account could not be created or a sign-in was refused: a stable ``code`` with its context, worded
/// once per language in ``CounterMessages``. None contains a PIN.
///
/// A struct, not an enum (compare postgres-nio's `PSQLError`): a new reason is a new code, and an embedder's
/// code that looks at ``code`` keeps compiling.
public struct StaffError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: CounterMessages.Code
    /// The account the refusal is about (``nameTaken(_:)``, ``unknownAccount(_:)``).
    public var name: String?
    /// Until when signing in is blocked (``lockedOut(until:)``).
    public var until: Date?
    /// The role the action needs (``notAllowed(required:)``).
    public var requiredRole: StaffRole?

    public init(_ code: CounterMessages.Code, name: String? = nil, until: Date? = nil, requiredRole: StaffRole? = nil) {
        self.code = code
        self.name = name
        self.until = until
        self.requiredRole = requiredRole
    }

    /// The name is empty, too long or contains control characters.
    public static let invalidName = StaffError(.staffInvalidName)
    /// A PIN is 4 to 12 digits.
    public static let invalidPIN = StaffError(.staffInvalidPIN)
    /// No such account, or the PIN is wrong. One reason for both, so the screen does not reveal which names exist.
    public static let wrongNameOrPIN = StaffError(.staffWrongNameOrPIN)
    /// The account exists but was disabled by an owner.
    public static let disabled = StaffError(.staffDisabled)
    /// The first-start owner account was asked for, but accounts exist already.
    public static let alreadySetUp = StaffError(.staffAlreadySetUp)
    /// A PIN was asked of, or given for, an integration: it has a token (``IntegrationToken``), never a PIN.
    public static let integrationHasNoPIN = StaffError(.staffIntegrationHasNoPIN)
    /// A revoked integration cannot be enabled again (its token may have leaked): the owner adds a new one.
    public static let integrationRevoked = StaffError(.staffIntegrationRevoked)

    /// An account with this name exists already (names are compared without case).
    public static func nameTaken(_ name: String) -> StaffError { StaffError(.staffNameTaken, name: name) }
    /// Too many wrong PINs: signing in is blocked until `until`.
    public static func lockedOut(until: Date) -> StaffError { StaffError(.staffLockedOut, until: until) }
    /// The account may not do this (a clerk asked for an owner-only action).
    public static func notAllowed(required: StaffRole) -> StaffError { StaffError(.staffNotAllowed, requiredRole: required) }
    /// No account with this name (for owner actions on accounts).
    public static func unknownAccount(_ name: String) -> StaffError { StaffError(.staffUnknownAccount, name: name) }

    /// The refusal in `language`.
    public func message(_ language: CounterMessages.Language) -> String {
        var parameters: [String: String] = [:]
        if let name { parameters["name"] = name }
        if let until { parameters["until"] = ShopFormat.dutch.time(until) }
        if let requiredRole { parameters["role"] = language == .nl ? requiredRole.dutchName : requiredRole.rawValue }
        return CounterMessages.text(code, language, parameters)
    }

    /// The Dutch words, as staff see them.
    public var description: String { message(.nl) }
}
