/// Parses GS1 element strings: AI + value pairs, with GS (or a configured substitute) after variable-length
/// values.
public enum GS1ElementString {
    /// One AI and its value.
    public struct Element: Sendable, Hashable {
        public var ai: String
        public var value: String
    }

    /// Why a message is not a GS1 element string.
    public enum ParseError: Error, Sendable, Equatable {
        case empty
        case unknownAI(position: Int)
        case invalidValue(ai: String, reason: String)
    }

    /// The result of a parse: the elements and the warnings.
    public struct Parsed: Sendable, Hashable {
        public var elements: [Element]
        public var warnings: [ScanWarning]
    }

    static let gs: UInt8 = 0x1D

    /// Parses `bytes`; `separators` are GS plus any substitute. AI 01's check digit is not judged here (the
    /// interpreter reports a wrong one as `invalid_gtin`).
    public static func parse(_ bytes: ArraySlice<UInt8>, separators: Set<UInt8>) throws(ParseError) -> Parsed {
        var elements: [Element] = []
        var warnings: [ScanWarning] = []
        var i = bytes.startIndex
        while true {
            while i < bytes.endIndex && separators.contains(bytes[i]) { i += 1 }
            if i == bytes.endIndex { break }
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
            if !entry.predefinedLength && !terminated, let swallowed = swallowedAI(entry, bytes[i..<end], rest: bytes[end...], separators: separators) {
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
    /// elements starting with a predefined-length AI or a date.
    static func swallowedAI(_ entry: GS1ApplicationIdentifier, _ value: ArraySlice<UInt8>, rest: ArraySlice<UInt8>,
                            separators: Set<UInt8>) -> String? {
        let minimum = max(1, entry.components.first?.minLength ?? 1)
        var k = value.startIndex + minimum
        while k < value.endIndex - 1 {
            if let inner = GS1ApplicationIdentifier.match(value[k...]), inner.predefinedLength,
               let parsed = try? parse(ArraySlice(Array(value[k...]) + Array(rest)), separators: separators),
               parsed.elements.first?.ai == inner.ai {
                return inner.ai
            }
            k += 1
        }
        return nil
    }
}
