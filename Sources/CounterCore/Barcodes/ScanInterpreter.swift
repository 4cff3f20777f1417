/// Turns the bytes of one scan into a ``DecodedScan``: AIM prefix, Digital Link, GS1 element strings,
/// GTIN, IMEI, else a serial number — step by step as `scan-conventions.md` fixes it.
package struct ScanInterpreter: Sendable {
    /// A substitute for GS that the scanner's profile sets (e.g. `|`), besides GS itself.
    package var separatorSubstitute: UInt8?

    package init(separatorSubstitute: UInt8? = nil) {
        self.separatorSubstitute = separatorSubstitute
    }

    var separators: Set<UInt8> {
        var s: Set<UInt8> = [GS1ElementString.gs]
        if let separatorSubstitute { s.insert(separatorSubstitute) }
        return s
    }

    /// Interprets one scan (bytes as the scanner sent them, without its suffix).
    package func decode(_ raw: [UInt8]) -> DecodedScan {
        // 0–1. Trim ASCII whitespace at both ends; split off the AIM prefix.
        let scan = ScanPayload(raw)
        let aim = scan.aim
        let payload = scan.data
        let symbology = aim?.description
        let payloadText = String(decoding: payload, as: UTF8.self)
        func serial(_ warnings: [ScanWarning] = []) -> DecodedScan {
            DecodedScan(kind: .serial, symbology: symbology, serialCandidate: payloadText, warnings: warnings)
        }
        // 2. Digital Link.
        let lower = payloadText.prefix(8).lowercased()
        if (lower.hasPrefix("http://") || lower.hasPrefix("https://")) && aim?.isEANUPCITF != true {
            guard let elements = GS1DigitalLink.parse(payload) else { return serial() }
            return gs1Result(.digitalLink, elements, symbology: symbology, warnings: [])
        }
        // 3. GS1 carriers.
        if aim?.isGS1 == true {
            guard let parsed = try? GS1ElementString.parse(payload, separators: separators) else { return serial() }
            return gs1Result(.gs1, parsed.elements, symbology: symbology, warnings: parsed.warnings)
        }
        let digitsOnly = !payload.isEmpty && payload.allSatisfy { $0 >= 48 && $0 <= 57 }
        // 4. EAN/UPC/ITF carriers.
        if aim?.isEANUPCITF == true, digitsOnly, [8, 12, 13, 14].contains(payload.count) {
            return gtinResult(payloadText, symbology: symbology)
        }
        // 5. By content.
        if digitsOnly {
            switch payload.count {
            case 8, 12, 13:
                if payload.count == 8, !GTIN.checkDigitHolds(payload), let upcA = GTIN.expandUPCE(payloadText) {
                    return DecodedScan(kind: .gtin, symbology: symbology, gtin: GTIN.normalized(upcA), warnings: [])
                }
                return gtinResult(payloadText, symbology: symbology)
            case 14:
                if GTIN.checkDigitHolds(payload) { return gtinResult(payloadText, symbology: symbology) }
                let imei = IMEI.completing(payloadText)
                return DecodedScan(kind: .imei, symbology: symbology, imei: imei, serialCandidate: imei, warnings: [.imeiWithoutCheckDigit])
            case 15:
                if IMEI.isValid(payloadText) {
                    return DecodedScan(kind: .imei, symbology: symbology, imei: payloadText, serialCandidate: payloadText, warnings: [])
                }
                return DecodedScan(kind: .invalidIMEI, symbology: symbology, serialCandidate: payloadText, warnings: [.invalidIMEI])
            case 16:
                if let content = gs1ContentTest(payload) { return content }
                let imei = IMEI.completing(String(payloadText.prefix(14)))
                return DecodedScan(kind: .imei, symbology: symbology, imei: imei, serialCandidate: imei, warnings: [.imeisv])
            default:
                break
            }
        }
        if let content = gs1ContentTest(payload) { return content }
        return serial()

        func gs1ContentTest(_ bytes: ArraySlice<UInt8>) -> DecodedScan? {
            guard let parsed = try? GS1ElementString.parse(bytes, separators: separators),
                  let gtin = parsed.elements.first(where: { $0.ai == "01" }), GTIN.checkDigitHolds(Array(gtin.value.utf8))
            else { return nil }
            return gs1Result(.gs1, parsed.elements, symbology: symbology, warnings: parsed.warnings)
        }
    }

    /// Reads text typed or pasted (e.g. from a demo), the same as scanned bytes.
    package func decode(_ text: String) -> DecodedScan { decode(Array(text.utf8)) }

    func gtinResult(_ digits: String, symbology: String?) -> DecodedScan {
        if GTIN.checkDigitHolds(Array(digits.utf8)) {
            return DecodedScan(kind: .gtin, symbology: symbology, gtin: GTIN.normalized(digits), warnings: [])
        }
        return DecodedScan(kind: .invalidGTIN, symbology: symbology, serialCandidate: digits, warnings: [.invalidGTIN])
    }

    func gs1Result(_ kind: DecodedScan.Kind, _ elements: [GS1ElementString.Element], symbology: String?,
                   warnings: [ScanWarning]) -> DecodedScan {
        var ais: [String: String] = [:]
        for e in elements where ais[e.ai] == nil { ais[e.ai] = e.value }
        var result = DecodedScan(kind: kind, symbology: symbology, ais: ais, serialCandidate: ais["21"], warnings: warnings)
        if let gtin = ais["01"] {
            if GTIN.checkDigitHolds(Array(gtin.utf8)) { result.gtin = gtin } else {
                result.kind = .invalidGTIN
                result.warnings.append(.invalidGTIN)
            }
        }
        return result
    }
}
