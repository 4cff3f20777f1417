import Foundation

/// What one scan is, following `../shared/brief/scan-conventions.md` (the project's contract for
/// `scan decode`).
package struct DecodedScan: Sendable, Hashable {
    /// The kinds a scan can be.
    package enum Kind: String, Sendable, Codable {
        case gtin, gs1, imei, serial
        case digitalLink = "digital_link"
        case invalidGTIN = "invalid_gtin"
        case invalidIMEI = "invalid_imei"
    }

    package var kind: Kind
    /// The AIM identifier, `]C1` style, when the scanner sent one.
    package var symbology: String?
    /// 14 digits, for `gtin` and for GS1 / Digital Link with a valid AI 01.
    package var gtin: String?
    /// AI → value, for `gs1`, `digital_link` and `invalid_gtin` from GS1.
    package var ais: [String: String]?
    /// 15 digits, for `imei`.
    package var imei: String?
    /// The value the item is matched on (AI 21, the IMEI, or the payload); nil when there is none.
    package var serialCandidate: String?
    package var warnings: [ScanWarning]

    package var serialKeyExact: String? { serialCandidate.map(SerialKey.exact) }
    package var serialKeyLoose: String? { serialKeyExact.map(SerialKey.fold) }

    /// The object `counter-kiosk scan decode --json` prints.
    package var jsonObject: [String: Any] {
        func v(_ s: String?) -> Any { s.map { $0 as Any } ?? NSNull() }
        return [
            "kind": kind.rawValue, "symbology": v(symbology), "gtin": v(gtin),
            "ais": ais.map { $0 as Any } ?? NSNull(), "imei": v(imei),
            "serialKeyExact": v(serialKeyExact), "serialKeyLoose": v(serialKeyLoose),
            "warnings": warnings.map { ["code": $0.code, "message": $0.message, "messageEN": $0.messageEN] },
        ]
    }

    /// ``jsonObject`` as JSON with sorted keys.
    package func jsonData() -> Data {
        (try? JSONSerialization.data(withJSONObject: jsonObject, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
    }
}
