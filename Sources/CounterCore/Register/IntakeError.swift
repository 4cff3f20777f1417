/// Why an intake cannot be written to the register: a stable ``code``, the ``field`` it is about, and its words in
/// Dutch and English (``message(_:)``), so a clerk or an integrator can fix it; none carries the seller's personal
/// data.
///
/// A struct, not an enum (compare postgres-nio's `PSQLError`): a new reason is a new code, and an embedder's code
/// that looks at ``code`` keeps compiling. Make one with the static members (`.required("seller.surname", rule:)`).
public struct IntakeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why, with its context.
    package enum Reason: Sendable, Equatable {
        /// The input is not JSON at all.
        case notJSON(detail: String)
        /// A field the register needs is missing or empty (structure: clerk, items, a correction's reason).
        case missingField(String)
        /// A field the law (or the municipality's APV) requires is missing, with the rule that asks for it.
        case required(String, rule: LegalRule)
        /// A field is present but its value cannot be right.
        case invalidField(String, reason: String)
        /// A field the register must never hold (BSN, nationality, biometrics).
        case forbiddenField(String)
        /// The seller is under 18 and no owner allowed it.
        case sellerUnderage
        /// The identity document has expired and no owner allowed it.
        case documentExpired
        /// A correction names an entry that does not exist.
        case correctedEntryNotFound(Int)
        /// A text holds a control character (NUL, ESC, a TAB, …) or a bidi override: never stored.
        case controlCharacter(String)
        /// A text is longer than the register keeps for its field.
        case tooLong(String, limit: Int)
        /// An item has more photos than `photos.maxPerItem`.
        case tooManyPhotos(String, limit: Int)
        /// A photo the intake names is not in the shop's photo archive with those bytes (`StoredPhotos`).
        case photoNotStored(String)
        /// Cash of the limit or more, alone or with the same seller's cash of the last 24 hours (Wwft).
        case cashLimit(CashBan.Violation)
        /// A typed value that does not read: a price "12,3x", a date "31-02-1970". Never dropped or guessed.
        case unreadable(String, FormatProblem)
        /// The entry's price is not the sum of its items' prices: the register must say what was paid.
        case totalMismatch(totalCents: Int, itemsCents: Int)
    }

    /// Why, with its context (the package's code switches on it; others read ``code`` and ``field``).
    package var reason: Reason

    package init(_ reason: Reason) { self.reason = reason }

    /// The input is not JSON at all.
    public static func notJSON(detail: String) -> IntakeError { IntakeError(.notJSON(detail: detail)) }
    /// A field the register needs is missing or empty (structure: clerk, items, a correction's reason).
    public static func missingField(_ field: String) -> IntakeError { IntakeError(.missingField(field)) }
    /// A field the law (or the municipality's APV) requires is missing, with the rule that asks for it.
    public static func required(_ field: String, rule: LegalRule) -> IntakeError { IntakeError(.required(field, rule: rule)) }
    /// A field is present but its value cannot be right.
    public static func invalidField(_ field: String, reason: String) -> IntakeError { IntakeError(.invalidField(field, reason: reason)) }
    /// A field the register must never hold (BSN, nationality, biometrics).
    public static func forbiddenField(_ field: String) -> IntakeError { IntakeError(.forbiddenField(field)) }
    /// The seller is under 18 and no owner allowed it.
    public static let sellerUnderage = IntakeError(.sellerUnderage)
    /// The identity document has expired and no owner allowed it.
    public static let documentExpired = IntakeError(.documentExpired)
    /// A correction names an entry that does not exist.
    public static func correctedEntryNotFound(_ number: Int) -> IntakeError { IntakeError(.correctedEntryNotFound(number)) }
    /// A text holds a control character (NUL, ESC, a TAB, …) or a bidi override: never stored.
    public static func controlCharacter(_ field: String) -> IntakeError { IntakeError(.controlCharacter(field)) }
    /// A text is longer than the register keeps for its field.
    public static func tooLong(_ field: String, limit: Int) -> IntakeError { IntakeError(.tooLong(field, limit: limit)) }
    /// An item has more photos than `photos.maxPerItem`.
    public static func tooManyPhotos(_ field: String, limit: Int) -> IntakeError { IntakeError(.tooManyPhotos(field, limit: limit)) }
    /// A photo the intake names is not in the shop's photo archive with those bytes: take it again.
    public static func photoNotStored(_ field: String) -> IntakeError { IntakeError(.photoNotStored(field)) }
    /// Cash of the limit or more, alone or with the same seller's cash of the last 24 hours (Wwft).
    package static func cashLimit(_ violation: CashBan.Violation) -> IntakeError { IntakeError(.cashLimit(violation)) }
    /// A typed value that does not read: a price "12,3x", a date "31-02-1970". Never dropped or guessed.
    package static func unreadable(_ field: String, _ problem: FormatProblem) -> IntakeError { IntakeError(.unreadable(field, problem)) }
    /// The entry's price is not the sum of its items' prices: the register must say what was paid.
    public static func totalMismatch(totalCents: Int, itemsCents: Int) -> IntakeError {
        IntakeError(.totalMismatch(totalCents: totalCents, itemsCents: itemsCents))
    }

    /// A stable code for programs (`intake.required`, `intake.sellerUnderage`); the words may change, this does not.
    public var code: String {
        let name = switch reason {
        case .notJSON: "notJSON"
        case .missingField: "missingField"
        case .required: "required"
        case .invalidField: "invalidField"
        case .forbiddenField: "forbiddenField"
        case .sellerUnderage: "sellerUnderage"
        case .documentExpired: "documentExpired"
        case .correctedEntryNotFound: "correctedEntryNotFound"
        case .controlCharacter: "controlCharacter"
        case .tooLong: "tooLong"
        case .tooManyPhotos: "tooManyPhotos"
        case .photoNotStored: "photoNotStored"
        case .cashLimit: "cashLimit"
        case .unreadable: "unreadable"
        case .totalMismatch: "totalMismatch"
        }
        return "intake." + name
    }

    /// The field path the error is about, if any (`seller.address.postcode`).
    public var field: String? {
        switch reason {
        case .missingField(let f), .required(let f, _), .invalidField(let f, _), .forbiddenField(let f), .controlCharacter(let f), .tooLong(let f, _),
             .tooManyPhotos(let f, _), .photoNotStored(let f), .unreadable(let f, _): f
        case .totalMismatch: "priceCents"
        case .cashLimit: "paymentMethod"
        case .sellerUnderage: "seller.birthDate"
        case .documentExpired: "seller.document.expiryDate"
        case .correctedEntryNotFound: "corrects"
        case .notJSON: nil
        }
    }

    public var description: String {
        switch reason {
        case .notJSON(let detail): "The intake is not valid JSON: \(detail)"
        case .missingField(let f): "\(f): missing — the register requires it"
        case .required(let f, let rule): "\(f): missing — required by \(rule.citation(.en))"
        case .invalidField(let f, let reason): "\(f): \(reason)"
        case .forbiddenField(let f): "\(f): must not be given — the register never stores it"
        case .sellerUnderage: "seller.birthDate: the seller is under 18; an owner must allow this with a reason"
        case .documentExpired:
            "seller.document.expiryDate: the identity document has expired; an owner must allow this with a reason"
        case .correctedEntryNotFound(let n): "corrects: entry \(n) does not exist"
        case .controlCharacter(let f): "\(f): contains a control character (a scanner or paste artefact); type it again"
        case .tooLong(let f, let limit): "\(f): longer than \(limit) characters"
        case .tooManyPhotos(let f, let limit): "\(f): more than \(limit) photos on one item"
        case .photoNotStored(let f): "\(f): a photo that is not in the shop's photo archive; take it again"
        case .cashLimit(let v): "paymentMethod: " + v.message(.en, sale: false)
        case .unreadable(let f, let problem): "\(f): \(problem.message(.en))"
        case .totalMismatch(let total, let items):
            "priceCents: the entry's price (\(ShopFormat.english.money(total))) is not the sum of the item prices (\(ShopFormat.english.money(items)))"
        }
    }
}
