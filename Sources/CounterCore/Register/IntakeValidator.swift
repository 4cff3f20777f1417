import Foundation

/// Checks an intake against the legal minimum before it may become a register entry.
///
/// The national minimum (Uitvoeringsbesluit art. 2) is a description, a price or other conditions and
/// the seller's name and address; municipalities add the ID document's type, number and country.
/// The store also refuses sellers under 18 and expired documents unless an owner overrides.
public struct IntakeValidator: Sendable {
    /// Whether jewellery, precious metal, gemstones and watches without a serial number need a photo
    /// (municipal practice: a colour photo when the item has no unique features).
    public var requirePhotoWithoutSerial: Bool
    /// Photos one item may have (`photos.maxPerItem`).
    public var maximumPhotosPerItem: Int
    /// Which law applies on the day of the intake (the rule cited for the ID document).
    public var law: LawRegime

    package init(requirePhotoWithoutSerial: Bool = true, maximumPhotosPerItem: Int = PhotoLimits().maxPerItem,
                law: LawRegime = LawRegime()) {
        self.requirePhotoWithoutSerial = requirePhotoWithoutSerial
        self.maximumPhotosPerItem = maximumPhotosPerItem
        self.law = law
    }

    /// The validator a shop's configuration asks for.
    public init(configuration: CounterConfiguration) {
        self.init(requirePhotoWithoutSerial: configuration.requirePhotoWithoutSerial,
                  maximumPhotosPerItem: configuration.photos.maxPerItem, law: configuration.lawRegime)
    }

    /// Keys that must never arrive in intake JSON, wherever they appear.
    public static let forbiddenKeys: Set<String> = [
        "bsn", "burgerservicenummer", "personalNumber", "personalnumber", "nationality", "nationaliteit",
        "fingerprint", "thumbprint", "biometrics",
    ]

    /// Decodes intake JSON, naming the first missing or wrong field.
    public func decode(_ data: Data) throws(IntakeError) -> Intake {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw .notJSON(detail: Self.jsonErrorDetail(error))
        }
        guard object is [String: Any] else { throw .notJSON(detail: "expected one JSON object {…}") }
        if let path = Self.findForbiddenKey(object, path: "") { throw .forbiddenField(path) }
        do {
            return try JSONDecoder().decode(Intake.self, from: data)
        } catch let error as DecodingError {
            throw Self.intakeError(from: error)
        } catch {
            throw .notJSON(detail: "\(error)")
        }
    }

    /// Checks the legal fields of a decoded intake: completeness as the law that applies on `today` asks
    /// (``LawRegime/rules(on:)``), each refusal naming the field and the rule (``IntakeError/required(_:rule:)``).
    /// - Parameters:
    ///   - intake: the intake as decoded.
    ///   - today: the acquisition day, for the age and expiry checks and the regime.
    public func validate(_ intake: Intake, today: CalendarDate) throws(IntakeError) {
        try Self.require(intake.clerk, "clerk")
        let s = intake.seller
        try Self.require(s.surname, "seller.surname", .sellerNameAddress)
        try Self.require(s.address.street, "seller.address.street", .sellerNameAddress)
        try Self.require(s.address.houseNumber, "seller.address.houseNumber", .sellerNameAddress)
        try Self.require(s.address.postcode, "seller.address.postcode", .sellerNameAddress)
        try Self.require(s.address.city, "seller.address.city", .sellerNameAddress)
        if s.address.country == "NLD" && !Self.isDutchPostcode(s.address.postcode) {
            throw .invalidField("seller.address.postcode", reason: InvalidReason.dutchPostcode.rawValue)
        }
        let documentRule = law.rules(on: today).documentRule
        try Self.require(s.document.number, "seller.document.number", documentRule)
        try Self.require(s.document.issuingCountry, "seller.document.issuingCountry", documentRule)
        if s.birthDate > today { throw .invalidField("seller.birthDate", reason: InvalidReason.future.rawValue) }
        if intake.override == nil {
            if s.birthDate.years(until: today) < 18 { throw .sellerUnderage }
            if let expiry = s.document.expiryDate, expiry < today { throw .documentExpired }
        } else if let o = intake.override {
            try Self.require(o.owner, "override.owner")
            try Self.require(o.reason, "override.reason")
        }
        guard !intake.items.isEmpty else { throw .missingField("items") }
        for (i, item) in intake.items.enumerated() {
            let p = "items[\(i)]"
            try Self.require(item.description, "\(p).description", .description)
            if item.category.hasBrand { try Self.require(item.brand ?? "", "\(p).brand", .description) }
            if item.category.hasModel { try Self.require(item.model ?? "", "\(p).model", .description) }
            if item.category.carriesNumber && item.identifiers.isEmpty && item.photos.isEmpty {
                throw .required("\(p).serialNumber", rule: .description)
            }
            if item.category.isPreciousMetal {
                try Self.require(item.jewellery?.fineness ?? "", "\(p).jewellery.fineness", .preciousMetal)
                if item.jewellery?.weightMilligrams == nil { throw .required("\(p).jewellery.weightMilligrams", rule: .preciousMetal) }
            }
            if let price = item.priceCents, price < 0 {
                throw .invalidField("\(p).priceCents", reason: InvalidReason.negative.rawValue)
            }
            if let imei = item.imei, !imei.isEmpty, !(imei.count >= 14 && imei.count <= 16 && imei.allSatisfy(\.isASCIIDigit)) {
                throw .invalidField("\(p).imei", reason: InvalidReason.imei.rawValue)
            }
            if let gtin = item.gtin, !(gtin.count == 14 && gtin.allSatisfy(\.isASCIIDigit)) {
                throw .invalidField("\(p).gtin", reason: InvalidReason.gtin.rawValue)
            }
            if requirePhotoWithoutSerial && item.category.needsJewelleryDetails && item.identifiers.isEmpty
                && item.photos.isEmpty {
                throw .missingField("\(p).photos")
            }
            if item.photos.count > maximumPhotosPerItem {
                throw .tooManyPhotos("\(p).photos", limit: maximumPhotosPerItem)
            }
            if let w = item.jewellery?.weightMilligrams, w <= 0 {
                throw .invalidField("\(p).jewellery.weightMilligrams", reason: InvalidReason.notPositive.rawValue)
            }
        }
        guard intake.priceCents >= 0 else { throw .invalidField("priceCents", reason: InvalidReason.negative.rawValue) }
        if intake.kind != .gift && intake.priceCents == 0 && (intake.conditions ?? "").isEmpty {
            throw .required("priceCents", rule: .priceOrConditions)
        }
        try Self.pricesAddUp(intake)
        if intake.corrects != nil { try Self.require(intake.correctionReason ?? "", "correctionReason") }
    }

    /// The entry's price is what the shop paid (Uitvoeringsbesluit art. 2: "de prijs"): when every item carries
    /// its own price they add up to it; when only some do, theirs are shares of it and never more. Issue 14: a
    /// price that was dropped made the total wrong.
    public static func pricesAddUp(_ intake: Intake) throws(IntakeError) {
        let priced = intake.items.compactMap(\.priceCents)
        guard !priced.isEmpty else { return }
        let sum = priced.reduce(0, +)
        let wrong = priced.count == intake.items.count ? sum != intake.priceCents : sum > intake.priceCents
        if wrong { throw .totalMismatch(totalCents: intake.priceCents, itemsCents: sum) }
    }

    static func require(_ value: String, _ field: String) throws(IntakeError) {
        if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw .missingField(field) }
    }

    static func require(_ value: String, _ field: String, _ rule: LegalRule) throws(IntakeError) {
        if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw .required(field, rule: rule) }
    }

    static func isDutchPostcode(_ s: String) -> Bool {
        let compact = Array(s.uppercased().filter { $0 != " " })
        return compact.count == 6 && compact[0] != "0" && compact[0..<4].allSatisfy(\.isASCIIDigit)
            && compact[4..<6].allSatisfy { $0.isASCII && $0.isLetter }
    }

    static func findForbiddenKey(_ value: Any, path: String) -> String? {
        if let dict = value as? [String: Any] {
            for (key, child) in dict.sorted(by: { $0.key < $1.key }) {
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                if forbiddenKeys.contains(key) || forbiddenKeys.contains(key.lowercased()) { return childPath }
                if let found = findForbiddenKey(child, path: childPath) { return found }
            }
        } else if let array = value as? [Any] {
            for (i, child) in array.enumerated() {
                if let found = findForbiddenKey(child, path: "\(path)[\(i)]") { return found }
            }
        }
        return nil
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        var out = ""
        for key in codingPath {
            if let i = key.intValue { out += "[\(i)]" } else { out += out.isEmpty ? key.stringValue : ".\(key.stringValue)" }
        }
        return out
    }

    static func intakeError(from error: DecodingError) -> IntakeError {
        switch error {
        case .keyNotFound(let key, let ctx):
            return .missingField(path(ctx.codingPath + [key]))
        case .valueNotFound(_, let ctx):
            return .missingField(path(ctx.codingPath))
        case .typeMismatch(let type, let ctx):
            return .invalidField(path(ctx.codingPath), reason: "expected \(typeName(type))")
        case .dataCorrupted(let ctx):
            let field = path(ctx.codingPath)
            if field.isEmpty { return .notJSON(detail: ctx.debugDescription) }
            return .invalidField(field, reason: allowedValues(for: ctx.codingPath) ?? ctx.debugDescription)
        @unknown default:
            return .notJSON(detail: "\(error)")
        }
    }

    static func allowedValues(for codingPath: [any CodingKey]) -> String? {
        let last = codingPath.last?.stringValue
        let values: [String]? = switch last {
        case "kind" where codingPath.count == 1: TransactionKind.allCases.map(\.rawValue)
        case "kind": IdentityDocumentKind.allCases.map(\.rawValue)
        case "paymentMethod": PaymentMethod.allCases.map(\.rawValue)
        case "category": ItemCategory.allCases.map(\.rawValue)
        default: nil
        }
        return values.map { "must be one of: " + $0.joined(separator: ", ") }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "text"
        case is Int.Type: "a whole number"
        case is [Any].Type: "a list"
        default: "\(type)"
        }
    }

    static func jsonErrorDetail(_ error: any Error) -> String {
        let ns = error as NSError
        return (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? ns.localizedDescription
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
