/// Parses GS1 element strings: AI + value pairs, with GS (or a configured substitute) after variable-length
/// values.
package enum GS1ElementString {
    /// One AI and its value.
    package struct Element: Sendable, Hashable {
        package var ai: String
        package var value: String
    }

    /// Why a message is not a GS1 element string.
    package enum ParseError: Error, Sendable, Equatable {
        case empty
        case unknownAI(position: Int)
        case invalidValue(ai: String, reason: String)
    }

    /// The result of a parse: the elements and the warnings.
    package struct Parsed: Sendable, Hashable {
        package var elements: [Element]
        package var warnings: [ScanWarning]
    }

    static let gs: UInt8 = 0x1D
    /// Bytes after a value the swallowed-AI look-ahead may read: two elements of the longest AI and value.
    static let lookAhead = 2 * (4 + 90 + 1)

    /// Parses `bytes`; `separators` are GS plus any substitute. AI 01's check digit is not judged here (the
    /// interpreter reports a wrong one as `invalid_gtin`).
    package static func parse(_ bytes: ArraySlice<UInt8>, separators: Set<UInt8>) throws(ParseError) -> Parsed {
        try parse(bytes, separators: separators, maximumElements: nil, detectSwallowed: true)
    }

    /// The parser. Linear in the input: each byte is read a bounded number of times. The look-ahead for a
    /// swallowed AI reads at most two elements, without looking ahead again (a full re-parse of every suffix,
    /// recursively, let a 440-byte barcode block scanning for over a minute).
    ///
    /// - Parameter maximumElements: stop after this many elements, leaving the rest unread (the look-ahead).
    static func parse(_ bytes: ArraySlice<UInt8>, separators: Set<UInt8>, maximumElements: Int?,
                      detectSwallowed: Bool) throws(ParseError) -> Parsed {
        var elements: [Element] = []
        var warnings: [ScanWarning] = []
        var i = bytes.startIndex
        while true {
            while i < bytes.endIndex && separators.contains(bytes[i]) { i += 1 }
            if i == bytes.endIndex { break }
            if let maximumElements, elements.count >= maximumElements { break }
            guard let entry = GS1ApplicationIdentifier.match(bytes[i...]) else { throw .unknownAI(position: i - bytes.startIndex) }
            i += entry.ai.count
            let end: Int
            var terminated = false
            if entry.predefinedLength {
                end = i + entry.maxLength
                guard end <= bytes.endIndex else { throw .invalidValue(ai: entry.ai, reason: "value too short") }
            } else {
                var j = i
                while j < bytes.endIndex && !separators.contains(bytes[j]) && j - i < entry.maxLength
                    && GS1ApplicationIdentifier.allowed(bytes[j], in: .cset82) { j += 1 }
                end = j
                terminated = j < bytes.endIndex && separators.contains(bytes[j])
                if j < bytes.endIndex && !terminated && j - i < entry.maxLength {
                    throw .invalidValue(ai: entry.ai, reason: "character not allowed in AI \(entry.ai)")
                }
            }
            let value = String(decoding: bytes[i..<end], as: UTF8.self)
            if let reason = problem(entry, value) { throw .invalidValue(ai: entry.ai, reason: reason) }
            elements.append(Element(ai: entry.ai, value: value))
            if detectSwallowed && !entry.predefinedLength && !terminated,
               let swallowed = swallowedAI(entry, bytes[i..<end], rest: bytes[end...], separators: separators) {
                warnings.append(.swallowedAI(entry.ai, swallowed))
            }
            i = end
        }
        guard !elements.isEmpty else { throw .empty }
        return Parsed(elements: elements, warnings: warnings)
    }

    static func problem(_ entry: GS1ApplicationIdentifier, _ value: String) -> String? {
        if entry.ai == "01" {
            var lenient = entry
            lenient.components[0].linters.removeAll { $0 == "csum" }
            return lenient.problem(with: value)
        }
        return entry.problem(with: value)
    }

    /// A variable-length value not ended by a separator may hold the next element: the scanner dropped the GS.
    /// Returns the AI that probably starts inside it, when the value's tail and what follows parse as valid
    /// elements (the next two at most) starting with a predefined-length AI. Bounded work per value: the value
    /// is at most its AI's maximum length (≤ 90), and each try reads at most two elements.
    static func swallowedAI(_ entry: GS1ApplicationIdentifier, _ value: ArraySlice<UInt8>, rest: ArraySlice<UInt8>,
                            separators: Set<UInt8>) -> String? {
        let minimum = max(1, entry.components.first?.minLength ?? 1)
        var k = value.startIndex + minimum
        while k < value.endIndex - 1 {
            if let inner = GS1ApplicationIdentifier.match(value[k...]), inner.predefinedLength,
               let parsed = try? parse(ArraySlice(Array(value[k...]) + Array(rest.prefix(Self.lookAhead))), separators: separators,
                                       maximumElements: 2, detectSwallowed: false),
               parsed.elements.first?.ai == inner.ai {
                return inner.ai
            }
            k += 1
        }
        return nil
    }
}
