import Foundation

/// Why an account could not be created or a sign-in was refused. Messages in Dutch, as staff see them;
/// none contains a PIN.
public enum StaffError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The name is empty, too long or contains control characters.
    case invalidName
    /// A PIN is 4 to 12 digits.
    case invalidPIN
    /// An account with this name exists already (names are compared without case).
    case nameTaken(String)
    /// No such account, or the PIN is wrong. One case for both, so the screen does not reveal which names exist.
    case wrongNameOrPIN
    /// Too many wrong PINs: signing in is blocked until `until`.
    case lockedOut(until: Date)
    /// The account exists but was disabled by an owner.
    case disabled
    /// The account may not do this (a clerk asked for an owner-only action).
    case notAllowed(required: StaffRole)
    /// No account with this name (for owner actions on accounts).
    case unknownAccount(String)
    /// The first-start owner account was asked for, but accounts exist already.
    case alreadySetUp
    /// A PIN was asked of, or given for, an integration: it has a token (``IntegrationToken``), never a PIN.
    case integrationHasNoPIN
    /// A revoked integration cannot be enabled again (its token may have leaked): the owner adds a new one.
    case integrationRevoked

    public var description: String {
        switch self {
        case .invalidName: "Naam: 1 tot 40 tekens, zonder stuurtekens."
        case .invalidPIN: "Pincode: 4 tot 12 cijfers."
        case .nameTaken(let name): "Er is al een gebruiker met de naam \(name)."
        case .wrongNameOrPIN: "Naam of pincode onjuist."
        case .lockedOut(let until):
            "Te vaak een verkeerde pincode: geblokkeerd tot \(ShopTimestamp().string(from: until).dropFirst(11).prefix(5))."
        case .disabled: "Deze gebruiker is uitgeschakeld. Vraag de eigenaar."
        case .notAllowed(let role): "Hiervoor is een \(role.dutchName) nodig."
        case .unknownAccount(let name): "Geen gebruiker met de naam \(name)."
        case .alreadySetUp: "Er zijn al gebruikers: meld u aan. Een nieuwe gebruiker maakt de eigenaar aan."
        case .integrationHasNoPIN: "Een koppeling heeft een sleutel, geen pincode."
        case .integrationRevoked: "Deze koppeling is ingetrokken en blijft dat. Maak een nieuwe koppeling aan."
        }
    }
}
