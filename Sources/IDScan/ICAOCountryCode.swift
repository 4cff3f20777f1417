/// ICAO country codes: ISO 3166-1 alpha-3 plus the codes ICAO Doc 9303 Part 3 adds (`D` for Germany,
/// British nationality classes, UN and other organisations, EU, `XXA`/`XXB`/`XXC`/`XXX` for stateless persons
/// and refugees, and `UTO` for specimens).
public enum ICAOCountryCode {
    /// Whether `code` (without filler `<`) is a known code.
    public static func isKnown(_ code: String) -> Bool {
        iso3166.contains(code) || icaoExtra.contains(code)
    }

    /// `UTO`: the fictional state of ICAO's specimen documents.
    public static let specimen = "UTO"
}
