/// Parses GS1 Digital Link URIs: `https://host/[prefix/]01/{gtin}[/22/{cpv}][/10/{lot}][/21/{serial}][?AI=value…]`.
enum GS1DigitalLink {
    /// The elements of a Digital Link, or nil when the URI is not one. Qualifiers must follow the order the
    /// primary key allows (`22 → 10 → 21`); values are percent-decoded and must be CSET 82; AI 01 is zero-filled
    /// to 14 digits. The deprecated `gtin/lot/ser/exp` aliases are not accepted.
    static func parse(_ bytes: ArraySlice<UInt8>) -> [GS1ElementString.Element]? {
        let text = String(decoding: bytes, as: UTF8.self)
        let lower = text.lowercased()
        guard let schemeEnd = lower.hasPrefix("https://") ? 8 : lower.hasPrefix("http://") ? 7 : nil else { return nil }
        let afterScheme = text.dropFirst(schemeEnd)
        guard let slash = afterScheme.firstIndex(of: "/") else { return nil }
        var pathAndQuery = afterScheme[slash...]
        if let hash = pathAndQuery.firstIndex(of: "#") { pathAndQuery = pathAndQuery[..<hash] }
        let parts = pathAndQuery.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let segments = parts[0].split(separator: "/").map(String.init)
        // The primary key: the first AI segment (with a value) from which the rest are key-qualifier pairs.
        // Qualifiers must appear in the order the key allows, without repeats, so at most `maximumQualifiers`
        // pairs can follow the key: only the last few segments can start it. Looking at every segment as a
        // possible start, each with all the pairs after it, was quadratic (a 1.4 KB link with many `/01/`
        // segments took over 100 ms under the fuzzer).
        var elements: [GS1ElementString.Element]?
        let earliest = max(0, segments.count - 2 * (Self.maximumQualifiers + 1))
        for start in segments.indices where start >= earliest && (segments.count - start) % 2 == 0 {
            guard let key = GS1ApplicationIdentifier.lookup(segments[start]), let allowed = key.digitalLinkPrimaryKey else { continue }
            var pairs: [GS1ElementString.Element] = []
            var ok = true
            for i in stride(from: start, to: segments.count, by: 2) {
                guard let value = percentDecoded(segments[i + 1]), GS1ApplicationIdentifier.lookup(segments[i]) != nil else { ok = false; break }
                pairs.append(.init(ai: segments[i], value: value))
            }
            guard ok, qualifiersInOrder(pairs.dropFirst().map(\.ai), allowed: allowed) else { continue }
            elements = pairs
            break
        }
        guard var result = elements else { return nil }
        if parts.count == 2 {
            for item in parts[1].split(separator: "&") {
                let kv = item.split(separator: "=", maxSplits: 1)
                guard kv.count == 2, kv[0].allSatisfy(\.isNumber) else { continue }
                guard let entry = GS1ApplicationIdentifier.lookup(String(kv[0])), entry.digitalLinkAttribute,
                      let value = percentDecoded(String(kv[1])) else { return nil }
                result.append(.init(ai: entry.ai, value: value))
            }
        }
        for i in result.indices {
            if result[i].ai == "01", result[i].value.count < 14, [8, 12, 13].contains(result[i].value.count) {
                result[i].value = GTIN.normalized(result[i].value)
            }
            guard let entry = GS1ApplicationIdentifier.lookup(result[i].ai),
                  GS1ElementString.problem(entry, result[i].value) == nil,
                  entry.predefinedLength || result[i].value.utf8.allSatisfy({ GS1ApplicationIdentifier.allowed($0, in: .cset82) })
            else { return nil }
        }
        return result
    }

    /// The most qualifiers any primary key allows (`22,10,21` is three).
    static let maximumQualifiers: Int = GS1ApplicationIdentifier.table.values.compactMap(\.digitalLinkPrimaryKey)
        .flatMap { $0.split(separator: "|").map { $0.split(separator: ",").count } }.max() ?? 0

    static func qualifiersInOrder(_ qualifiers: [String], allowed: String) -> Bool {
        if qualifiers.isEmpty { return true }
        for alternative in allowed.split(separator: "|") {
            let order = alternative.split(separator: ",").map(String.init)
            var position = 0
            var ok = true
            for q in qualifiers {
                guard let index = order[position...].firstIndex(of: q) else { ok = false; break }
                position = index + 1
            }
            if ok { return true }
        }
        return false
    }

    static func percentDecoded(_ s: String) -> String? {
        var out: [UInt8] = []
        var bytes = Array(s.utf8)[...]
        while let b = bytes.popFirst() {
            if b == UInt8(ascii: "%") {
                guard bytes.count >= 2, let v = UInt8(String(decoding: bytes.prefix(2), as: UTF8.self), radix: 16) else { return nil }
                out.append(v)
                bytes = bytes.dropFirst(2)
            } else {
                out.append(b)
            }
        }
        return String(validating: out, as: UTF8.self)
    }
}
