import Foundation

/// Reads stolen-goods feeds, skipping (and counting) broken rows instead of giving up on the whole feed.
enum FeedParser {
    static let columns = ["serial", "brand", "model", "object", "reportedon", "source", "op"]

    static func csv(_ bytes: UnsafeRawBufferPointer, skipped: inout Int, examples: inout [String],
                    progress: (Double) -> Void) throws(HotlistImporter.ImportError) -> [HotlistImporter.Row] {
        var i = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }  // UTF-8 BOM
        var line = 1
        guard let header = nextRecord(bytes, &i, &line) else { throw .empty }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let serialIndex = names.firstIndex(of: "serial") else { throw .missingSerialColumn }
        let index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [HotlistImporter.Row] = []
        rows.reserveCapacity(bytes.count / 40)
        var nextProgress = 0
        while let (record, startLine) = nextRecord(bytes, &i, &line).map({ ($0, $0.line) }) {
            if record.wellFormed && record.fields.count == 1 && record.fields[0].isEmpty { continue }  // blank line
            func field(_ name: String) -> String? {
                guard let n = index[name], n < record.fields.count else { return nil }
                let v = record.fields[n]
                return v.isEmpty ? nil : v
            }
            guard record.wellFormed, serialIndex < record.fields.count, !SerialKey.exact(record.fields[serialIndex]).isEmpty else {
                skipped += 1
                if examples.count < 5 { examples.append("line \(startLine): \(record.wellFormed ? "no serial" : "broken quoting")") }
                continue
            }
            let op = field("op")?.lowercased()
            rows.append(.init(record: StolenRecord(
                serial: record.fields[serialIndex], brand: field("brand"), model: field("model"), object: field("object"),
                reportedOn: field("reportedon"), source: field("source"), matchType: ""), remove: op == "remove" || op == "delete"))
            if i >= nextProgress { progress(Double(i) / Double(max(1, bytes.count))); nextProgress = i + bytes.count / 100 + 1 }
        }
        return rows
    }

    struct Record {
        var fields: [String]
        var wellFormed: Bool
        var line: Int
    }

    /// One CSV record (RFC 4180: quoted fields may hold commas, quotes as `""` and line breaks).
    static func nextRecord(_ b: UnsafeRawBufferPointer, _ i: inout Int, _ line: inout Int) -> Record? {
        guard i < b.count else { return nil }
        let startLine = line
        var fields: [String] = []
        var wellFormed = true
        var field: [UInt8] = []
        while true {
            field.removeAll(keepingCapacity: true)
            if i < b.count && b[i] == 0x22 {
                let quoteAt = i
                i += 1
                var closed = false
                while i < b.count {
                    let c = b[i]
                    if c == 0x22 {
                        if i + 1 < b.count && b[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                        i += 1
                        closed = true
                        break
                    }
                    if c == 0x0A { line += 1 }
                    field.append(c)
                    i += 1
                }
                if !closed {
                    // An unclosed quote would swallow the rest of the feed: drop only its own line.
                    i = quoteAt
                    while i < b.count && b[i] != 0x0A { i += 1 }
                    if i < b.count { i += 1 }
                    line = startLine + 1
                    return Record(fields: fields + [""], wellFormed: false, line: startLine)
                }
                // Anything between the closing quote and the separator is malformed.
                while i < b.count && b[i] != 0x2C && b[i] != 0x0A && b[i] != 0x0D { wellFormed = false; i += 1 }
            } else {
                while i < b.count && b[i] != 0x2C && b[i] != 0x0A && b[i] != 0x0D { field.append(b[i]); i += 1 }
            }
            fields.append(String(decoding: field, as: UTF8.self))
            if i < b.count && b[i] == 0x2C { i += 1; continue }
            if i < b.count && b[i] == 0x0D { i += 1 }
            if i < b.count && b[i] == 0x0A { i += 1 }
            line += 1
            return Record(fields: fields, wellFormed: wellFormed, line: startLine)
        }
    }

    static func jsonLines(_ bytes: UnsafeRawBufferPointer, skipped: inout Int, examples: inout [String],
                          progress: (Double) -> Void) throws(HotlistImporter.ImportError) -> [HotlistImporter.Row] {
        var rows: [HotlistImporter.Row] = []
        var sawSerial = false
        var line = 0
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            line += 1
            let slice = Data(bytes[start..<end])
            start = end + 1
            if slice.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { continue }
            guard let object = try? JSONSerialization.jsonObject(with: slice) as? [String: Any] else {
                skipped += 1
                if examples.count < 5 { examples.append("line \(line): not a JSON object") }
                continue
            }
            let lowered = Dictionary(object.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
            func text(_ k: String) -> String? {
                if let s = lowered[k] as? String, !s.isEmpty { return s }
                if let n = lowered[k] as? NSNumber { return n.stringValue }
                return nil
            }
            guard let serial = text("serial"), !SerialKey.exact(serial).isEmpty else {
                skipped += 1
                if examples.count < 5 { examples.append("line \(line): no serial") }
                continue
            }
            sawSerial = true
            let op = text("op")?.lowercased()
            rows.append(.init(record: StolenRecord(serial: serial, brand: text("brand"), model: text("model"), object: text("object"),
                                                   reportedOn: text("reportedon"), source: text("source"), matchType: ""),
                              remove: op == "remove" || op == "delete"))
            if line % 100_000 == 0 { progress(Double(start) / Double(bytes.count)) }
        }
        if !sawSerial && skipped > 0 { throw .missingSerialColumn }
        return rows
    }
}
