/// Hold periods set by municipalities in their APV today (before bill 36 036), as found in December 2026
/// (`../shared/brief/law-2026.md`). `holdingPeriod: {"municipality": "Deventer"}` picks one; a municipality not
/// listed is configured as "other", with `length` and `unit`.
package enum MunicipalityPreset {
    /// Name → hold period in calendar days.
    package static let days: [String: Int] = [
        "Deventer": 3, "Coevorden": 3, "Steenwijkerland": 5, "Heerlen": 5, "Pijnacker-Nootdorp": 5,
        "Purmerend": 5, "Wijk bij Duurstede": 7, "Hilversum": 14,
    ]

    /// The preset for a name (case and spaces aside), or nil.
    package static func policy(for municipality: String) -> HoldingPolicy? {
        let key = municipality.lowercased().filter { $0.isLetter }
        guard let (_, length) = days.first(where: { $0.key.lowercased().filter { $0.isLetter } == key }) else { return nil }
        return HoldingPolicy(length: length, unit: .days)
    }

    /// The names, sorted, for messages.
    package static var names: [String] { days.keys.sorted() }
}
