import Foundation

/// Reads `config.json`, naming the line of any mistake.
package enum ConfigurationLoader {
    /// Loads the file at `path`; the defaults when it does not exist.
    package static func load(path: String) throws(ConfigurationError) -> CounterConfiguration {
        guard FileManager.default.fileExists(atPath: path) else { return .defaults }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(file: path, detail: (error as NSError).localizedDescription)
        }
        return try decode(data, file: path)
    }

    /// Decodes configuration JSON; `file` names it in errors.
    package static func decode(_ data: Data, file: String) throws(ConfigurationError) -> CounterConfiguration {
        let text = String(decoding: data, as: UTF8.self)
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            let detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
            let line = line(inDetail: detail) ?? character(inDetail: detail).map { lineOf(offset: $0, in: data) }
                ?? lineOfSyntaxError(text)
            throw .syntax(file: file, line: line, detail: detail)
        }
        if let (path, suggestion) = ConfigurationSchema.unknownKey(in: json) {
            let keys = path.filter { !$0.hasPrefix("[") }.map { StringKey($0) as any CodingKey }
            throw .unknownSetting(file: file, line: line(ofKeyPath: keys, in: text),
                                  key: path.joined(separator: ".").replacingOccurrences(of: ".[", with: "["),
                                  suggestion: suggestion)
        }
        do {
            return try JSONDecoder().decode(CounterConfiguration.self, from: data)
        } catch let error as DecodingError {
            let (path, detail): ([any CodingKey], String) = switch error {
            case .typeMismatch(let type, let ctx): (ctx.codingPath, "expected \(type)")
            case .valueNotFound(let type, let ctx): (ctx.codingPath, "expected \(type), found null")
            case .keyNotFound(let key, let ctx): (ctx.codingPath + [key], "missing")
            case .dataCorrupted(let ctx): (ctx.codingPath, ctx.debugDescription)
            @unknown default: ([], "\(error)")
            }
            let key = path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            throw .invalidSetting(file: file, line: line(ofKeyPath: path, in: text), key: key, detail: detail)
        } catch {
            throw .syntax(file: file, line: nil, detail: "\(error)")
        }
    }

    /// Foundation says "around line 3, column 7" in some versions.
    static func line(inDetail detail: String) -> Int? {
        guard let range = detail.range(of: "line ") else { return nil }
        return Int(detail[range.upperBound...].prefix(while: \.isNumber))
    }

    /// Other versions say "around character 56" (a byte offset).
    static func character(inDetail detail: String) -> Int? {
        guard let range = detail.range(of: "character ") else { return nil }
        return Int(detail[range.upperBound...].prefix(while: \.isNumber))
    }

    static func lineOf(offset: Int, in data: Data) -> Int {
        data.prefix(offset).reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    }

    /// The line where a hand scan of the JSON first goes wrong, for Foundations that give no line.
    static func lineOfSyntaxError(_ text: String) -> Int? {
        var line = 1
        var depth = 0
        var inString = false
        var escaped = false
        var lastSignificantLine = 1
        for ch in text.unicodeScalars {
            if ch == "\n" { line += 1; continue }
            if inString {
                if escaped { escaped = false } else if ch == "\\" { escaped = true } else if ch == "\"" { inString = false }
                continue
            }
            switch ch {
            case "\"": inString = true; lastSignificantLine = line
            case "{", "[": depth += 1; lastSignificantLine = line
            case "}", "]":
                depth -= 1
                if depth < 0 { return line }
                lastSignificantLine = line
            case " ", "\t", "\r": break
            default: lastSignificantLine = line
            }
        }
        return inString || depth != 0 ? lastSignificantLine : nil
    }

    /// The line of the last key of `path` in the text (the first occurrence after its parent's key).
    static func line(ofKeyPath path: [any CodingKey], in text: String) -> Int? {
        var searchFrom = text.startIndex
        var found: String.Index?
        for key in path where key.intValue == nil {
            guard let r = text.range(of: "\"\(key.stringValue)\"", range: searchFrom..<text.endIndex) else { break }
            found = r.lowerBound
            searchFrom = r.upperBound
        }
        guard let found else { return nil }
        return text[..<found].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    }
}

/// A coding key made from a string, for finding a key path's line.
struct StringKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
