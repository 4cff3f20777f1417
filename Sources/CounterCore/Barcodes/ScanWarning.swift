/// Something odd about a scan that a technician or clerk should know, in Dutch and English.
package struct ScanWarning: Sendable, Hashable, Codable {
    /// Stable code for programs.
    package var code: String
    package var message: String
    package var messageEN: String

    /// A variable-length AI may have swallowed the next AI because the scanner dropped the GS separator.
    static func swallowedAI(_ ai: String, _ next: String) -> ScanWarning {
        ScanWarning(
            code: "gs1.missingSeparator",
            message: "AI (\(ai)) bevat mogelijk AI (\(next)): de scanner liet het scheidingsteken (GS) weg. Stel de scanner in met GS als Ctrl+].",
            messageEN: "AI (\(ai)) probably contains AI (\(next)): the scanner dropped the GS separator. Program the scanner to send GS as Ctrl+].")
    }

    static let invalidGTIN = ScanWarning(
        code: "gtin.checkDigit", message: "GTIN: controlecijfer klopt niet", messageEN: "GTIN: check digit does not match")
    static let invalidIMEI = ScanWarning(
        code: "imei.checkDigit", message: "IMEI: controlecijfer klopt niet", messageEN: "IMEI: check digit does not match")
    static let imeiWithoutCheckDigit = ScanWarning(
        code: "imei.completed", message: "IMEI zonder controlecijfer: aangevuld", messageEN: "IMEI without check digit: completed")
    static let imeisv = ScanWarning(
        code: "imei.softwareVersion", message: "IMEISV: softwareversie weggelaten", messageEN: "IMEISV: software version dropped")
}
