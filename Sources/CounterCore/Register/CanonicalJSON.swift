import Foundation

/// A reader of the register's canonical JSON (sorted keys, no white space) that finds members as byte ranges
/// without building values: `verify` compares a million entries' index columns with their content this way
/// (issue 14: ≥ 100 000 entries/s). It checks the syntax as it goes; anything it does not expect (white space,
/// an escaped character in a compared text) is a "don't know", and `verify` then reads the entry the slow,
/// exact way (``RegisterEntry/decode(content:previousHash:hash:seller:erasedOn:)``), which names the problem.
struct CanonicalJSON {
    let bytes: UnsafeRawBufferPointer

    /// One member of an object: the key's bytes (without quotes) and the value's raw bytes.
    struct Member {
        var key: Range<Int>
        var value: Range<Int>
    }

    /// The members of the object starting at `start`, and where it ends; nil when it is not a well-formed object.
    func object(at start: Int) -> (members: [Member], end: Int)? {
        var members: [Member]? = []
        members!.reserveCapacity(16)
        guard let end = scanObject(at: start, into: &members) else { return nil }
        return (members!, end)
    }

    /// The elements of the array starting at `start` as raw ranges, and where it ends.
    func array(at start: Int) -> (elements: [Range<Int>], end: Int)? {
        var elements: [Range<Int>]? = []
        guard let end = scanArray(at: start, into: &elements) else { return nil }
        return (elements!, end)
    }

    /// Where the object starting at `start` ends, checking its syntax; its members go to `members` unless that
    /// is nil (a nested value only skipped costs no allocation: `verify` reads a million entries).
    private func scanObject(at start: Int, into members: inout [Member]?) -> Int? {
        guard start < bytes.count, bytes[start] == UInt8(ascii: "{") else { return nil }
        var i = start + 1
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { return i + 1 }
        while true {
            guard let keyEnd = string(at: i), keyEnd < bytes.count, bytes[keyEnd] == UInt8(ascii: ":"),
                  let valueEnd = value(at: keyEnd + 1), valueEnd < bytes.count else { return nil }
            members?.append(Member(key: (i + 1)..<(keyEnd - 1), value: (keyEnd + 1)..<valueEnd))
            i = valueEnd + 1
            switch bytes[valueEnd] {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "}"): return valueEnd + 1
            default: return nil
            }
        }
    }

    private func scanArray(at start: Int, into elements: inout [Range<Int>]?) -> Int? {
        guard start < bytes.count, bytes[start] == UInt8(ascii: "[") else { return nil }
        var i = start + 1
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { return i + 1 }
        while true {
            guard let end = value(at: i), end < bytes.count else { return nil }
            elements?.append(i..<end)
            i = end + 1
            switch bytes[end] {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "]"): return end + 1
            default: return nil
            }
        }
    }

    /// Where the value starting at `start` ends (one past its last byte), nil when it is not well formed.
    func value(at start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        switch bytes[start] {
        case UInt8(ascii: "\""): return string(at: start)
        case UInt8(ascii: "{"):
            var skipped: [Member]? = nil
            return scanObject(at: start, into: &skipped)
        case UInt8(ascii: "["):
            var skipped: [Range<Int>]? = nil
            return scanArray(at: start, into: &skipped)
        case UInt8(ascii: "t"): return literal("true", at: start)
        case UInt8(ascii: "f"): return literal("false", at: start)
        case UInt8(ascii: "n"): return literal("null", at: start)
        default:
            var i = start
            if bytes[i] == UInt8(ascii: "-") { i += 1 }
            let digits = i
            while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) { i += 1 }
            // The register writes integers only.
            return i > digits ? i : nil
        }
    }

    /// Where the string starting at `start` ends (after its closing quote).
    func string(at start: Int) -> Int? {
        guard start < bytes.count, bytes[start] == UInt8(ascii: "\"") else { return nil }
        var i = start + 1
        while i < bytes.count {
            // Eight bytes at a time while none is a quote, a backslash or a control character: texts are most
            // of an entry's bytes.
            while i + 8 <= bytes.count, Self.plain(bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { i += 8 }
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "\""): return i + 1
            case UInt8(ascii: "\\"): i += 2
            case 0..<0x20: return nil
            default: i += 1
            }
        }
        return nil
    }

    /// Whether none of the eight bytes is `"`, `\` or below 0x20 (the bit tricks "has zero byte" and "has byte
    /// less than", which are exact about whether there is one; they may not say which, nor need to here).
    static func plain(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ v: UInt64) -> Bool { (v &- ones) & ~v & high != 0 }
        let control = (word &- ones &* 0x20) & ~word & high != 0
        return !control && !hasZeroByte(word ^ (ones &* 0x22)) && !hasZeroByte(word ^ (ones &* 0x5C))
    }

    private func literal(_ word: StaticString, at start: Int) -> Int? {
        let count = word.utf8CodeUnitCount
        guard start + count <= bytes.count else { return nil }
        for k in 0..<count where bytes[start + k] != word.utf8Start[k] { return nil }
        return start + count
    }

    /// The member named `key`, if present.
    func member(_ members: [Member], _ key: StaticString) -> Range<Int>? {
        let count = key.utf8CodeUnitCount
        outer: for m in members where m.key.count == count {
            for k in 0..<count where bytes[m.key.lowerBound + k] != key.utf8Start[k] { continue outer }
            return m.value
        }
        return nil
    }

    /// A string value's text when it holds no escape; nil for another value or an escaped text.
    func plainString(_ range: Range<Int>) -> String? {
        guard range.count >= 2, bytes[range.lowerBound] == UInt8(ascii: "\""),
              bytes[range.upperBound - 1] == UInt8(ascii: "\"") else { return nil }
        let inner = UnsafeRawBufferPointer(rebasing: bytes[(range.lowerBound + 1)..<(range.upperBound - 1)])
        if inner.contains(UInt8(ascii: "\\")) { return nil }
        return String(decoding: inner, as: UTF8.self)
    }

    /// Whether the raw value is exactly `text`'s bytes (a number written as text, say).
    func raw(_ range: Range<Int>, equals text: String) -> Bool {
        var utf8 = text.utf8.makeIterator()
        for i in range { guard let b = utf8.next(), b == bytes[i] else { return false } }
        return utf8.next() == nil
    }
}

extension RegisterEntry {
    /// ``uploadDocument()`` made from the stored bytes, without decoding: the chained content with its
    /// `sellerCommitment` member replaced by `"seller":` and the stored identity, and its `legacyHash` left out.
    /// Both are the same canonical encoding (sorted keys; `seller` sorts where `sellerCommitment` stood), so the
    /// bytes are the document's; `verify` hashes these instead of encoding a million documents anew. Nil when
    /// the content is not as expected (then the document is made the slow way).
    static func uploadDocument(content: Data, identity: Data) -> Data? {
        content.withUnsafeBytes { raw -> Data? in
            let json = CanonicalJSON(bytes: raw)
            guard let (members, end) = json.object(at: 0), end == raw.count else { return nil }
            var out = Data()
            out.reserveCapacity(content.count + identity.count)
            let spliced = identity.withUnsafeBytes { identity in
                uploadDocument(json, members, identity: identity) { out.append(contentsOf: $0) }
            }
            return spliced ? out : nil
        }
    }

    /// Whether `payload` is byte for byte the upload document made from content already read: `verify` holds
    /// every upload job's payload to the entry this way, without writing the document out or hashing either.
    static func uploadDocument(_ json: CanonicalJSON, _ members: [CanonicalJSON.Member], identity: UnsafeRawBufferPointer,
                               equals payload: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        var same = true
        let made = uploadDocument(json, members, identity: identity) { piece in
            guard same, offset + piece.count <= payload.count,
                  piece.isEmpty || memcmp(piece.baseAddress!, payload.baseAddress! + offset, piece.count) == 0 else {
                same = false
                return
            }
            offset += piece.count
        }
        return made && same && offset == payload.count
    }

    /// The document's bytes in order, handed to `emit` in as few pieces as they allow (the members between
    /// the two that change are one run of the stored bytes); false (and nothing emitted) without a
    /// `sellerCommitment`.
    private static func uploadDocument(_ json: CanonicalJSON, _ members: [CanonicalJSON.Member], identity: UnsafeRawBufferPointer,
                                       emit: (UnsafeRawBufferPointer) -> Void) -> Bool {
        guard json.member(members, "sellerCommitment") != nil else { return false }
        let raw = json.bytes
        func literal(_ text: StaticString) { emit(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)) }
        // A run of stored bytes not yet emitted: members that follow each other, with their commas.
        var run: Range<Int>?
        func flush() {
            if let pending = run { emit(UnsafeRawBufferPointer(rebasing: raw[pending])) }
            run = nil
        }
        literal("{")
        var first = true
        for m in members {
            let key = UnsafeRawBufferPointer(rebasing: raw[m.key])
            if key.elementsEqual("legacyHash".utf8) { continue }
            let member = (m.key.lowerBound - 1)..<m.value.upperBound
            if key.elementsEqual("sellerCommitment".utf8) {
                flush()
                literal(first ? "\"seller\":" : ",\"seller\":")
                emit(identity)
            } else if let pending = run, pending.upperBound + 1 == member.lowerBound {
                run = pending.lowerBound..<member.upperBound  // the comma between them is the stored one
            } else {
                flush()
                if !first { literal(",") }
                run = member
            }
            first = false
        }
        flush()
        literal("}")
        return true
    }
}
