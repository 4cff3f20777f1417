/// Why an intake cannot be written to the register. Each case names the field, so a clerk or an
/// integrator can fix it; none carries the seller's personal data.
public enum IntakeError: Error, Sendable, Equatable, CustomStringConvertible {
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
    /// Cash of the limit or more, alone or with the same seller's cash of the last 24 hours (Wwft).
    case cashLimit(CashBan.Violation)
    /// A typed value that does not read: a price "12,3x", a date "31-02-1970". Never dropped or guessed.
    case unreadable(String, FormatProblem)
    /// The entry's price is not the sum of its items' prices: the register must say what was paid.
    case totalMismatch(totalCents: Int, itemsCents: Int)

    /// A stable code for programs (`intake.required`, `intake.sellerUnderage`); the words may change, this does not.
    public var code: String {
        let name = switch self {
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
        case .cashLimit: "cashLimit"
        case .unreadable: "unreadable"
        case .totalMismatch: "totalMismatch"
        }
        return "intake." + name
    }

    /// The field path the error is about, if any (`seller.address.postcode`).
    public var field: String? {
        switch self {
        case .missingField(let f), .required(let f, _), .invalidField(let f, _), .forbiddenField(let f), .controlCharacter(let f), .tooLong(let f, _),
             .tooManyPhotos(let f, _), .unreadable(let f, _): f
        case .totalMismatch: "priceCents"
        case .cashLimit: "paymentMethod"
        case .sellerUnderage: "seller.birthDate"
        case .documentExpired: "seller.document.expiryDate"
        case .correctedEntryNotFound: "corrects"
        case .notJSON: nil
        }
    }

    public var description: String {
        switch self {
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
        case .cashLimit(let v): "paymentMethod: " + v.message(.en, sale: false)
        case .unreadable(let f, let problem): "\(f): \(problem.message(.en))"
        case .totalMismatch(let total, let items):
            "priceCents: the entry's price (\(ShopFormat.english.money(total))) is not the sum of the item prices (\(ShopFormat.english.money(items)))"
        }
    }
}
