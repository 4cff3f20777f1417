import Foundation

/// The shop's identity as the register writes it into every entry: the name, the KvK number (8 digits), the
/// vestigingsnummer of the place of trade (12 digits: registration with the municipality is per place of
/// trade), and the municipality whose APV applies. Until all four are set the register takes no entry
/// (issue 14: entries made before the technician edited config.json carried KvK 00000000 for good).
extension CounterConfiguration.Shop {
    /// What is missing or wrong, in form order; empty when the shop is ready to register.
    package var problems: [ShopProblem] {
        var out: [ShopProblem] = []
        if name.trimmingCharacters(in: .whitespaces).isEmpty { out.append(.nameMissing) }
        if !Self.isKvKNumber(kvkNumber) { out.append(.kvkNumber) }
        if !Self.isBranchNumber(branch ?? "") { out.append(.branch) }
        if municipality.trimmingCharacters(in: .whitespaces).isEmpty { out.append(.municipalityMissing) }
        return out
    }

    /// Whether entries may be made.
    package var isReady: Bool { problems.isEmpty }

    /// A KvK number: exactly 8 digits, not all zeros (the KvK publishes no check digit; "1234" and the old
    /// placeholder 00000000 are refused).
    package static func isKvKNumber(_ text: String) -> Bool {
        text.count == 8 && text.allSatisfy(\.isASCIIDigit) && text != "00000000"
    }

    /// A vestigingsnummer: exactly 12 digits, not all zeros.
    package static func isBranchNumber(_ text: String) -> Bool {
        text.count == 12 && text.allSatisfy(\.isASCIIDigit) && text.contains { $0 != "0" }
    }

    /// Whether a register's shop id (``shopID``: `KvK/vestiging`) names a shop that is set up.
    package static func isReadyShopID(_ id: String) -> Bool {
        let parts = id.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && isKvKNumber(String(parts[0])) && isBranchNumber(String(parts[1]))
    }

    /// The shop as typed on the first-start page or given to `counter-kiosk shop set`: spaces and dots
    /// people type in numbers ("1234 5678") go.
    package static func typed(name: String, kvkNumber: String, branch: String, municipality: String) -> Self {
        let digits = { (s: String) in s.filter { !$0.isWhitespace && $0 != "." && $0 != "-" } }
        return Self(name: name.trimmingCharacters(in: .whitespaces), kvkNumber: digits(kvkNumber), branch: digits(branch),
                    municipality: municipality.trimmingCharacters(in: .whitespaces))
    }
}

/// Why the shop is not ready to register; worded in ``CounterMessages``.
package enum ShopProblem: String, Error, Sendable, Hashable, Codable, CaseIterable {
    case nameMissing, kvkNumber, branch, municipalityMissing

    /// The configuration key the problem is about.
    package var key: String {
        switch self {
        case .nameMissing: "shop.name"
        case .kvkNumber: "shop.kvkNumber"
        case .branch: "shop.branch"
        case .municipalityMissing: "shop.municipality"
        }
    }

    package var code: CounterMessages.Code {
        switch self {
        case .nameMissing: .shopNameMissing
        case .kvkNumber: .shopKvKNumber
        case .branch: .shopBranch
        case .municipalityMissing: .shopMunicipalityMissing
        }
    }

    package var message: WordedMessage { WordedMessage(code) }
}
