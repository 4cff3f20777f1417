import Foundation

/// Any JSON value, so an entry's canonical JSON travels inside the upload request as an object (not as an
/// escaped string) and the simulator can look into it.
package enum JSONValue: Codable, Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    package init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let v = try? c.decode(Bool.self) { self = .bool(v) }
        else if let v = try? c.decode(Int.self) { self = .int(v) }
        else if let v = try? c.decode(Double.self) { self = .double(v) }
        else if let v = try? c.decode(String.self) { self = .string(v) }
        else if let v = try? c.decode([JSONValue].self) { self = .array(v) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let v): try c.encode(v)
        case .int(let v): try c.encode(v)
        case .double(let v): try c.encode(v)
        case .string(let v): try c.encode(v)
        case .array(let v): try c.encode(v)
        case .object(let v): try c.encode(v)
        }
    }

    /// Whether `key` occurs with a non-null value anywhere in this value (objects inside arrays included).
    package func containsKey(_ key: String) -> Bool {
        switch self {
        case .object(let members):
            if let v = members[key], v != .null { return true }
            return members.values.contains { $0.containsKey(key) }
        case .array(let values): return values.contains { $0.containsKey(key) }
        default: return false
        }
    }

    /// The canonical bytes: sorted keys, no escaped slashes (as ``RegisterEntry/canonicalContent()``).
    package func canonicalData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // A JSONValue holds nothing that cannot be encoded (doubles come from decoded JSON, so are finite).
        return (try? encoder.encode(self)) ?? Data("null".utf8)
    }
}
