import Foundation

/// Every key `config.json` may hold. A key not here is an error that names it and the closest known key:
/// a typo such as `register.urll` or `holdingPeriod.lenght` would otherwise be ignored and leave the shop
/// with a legally wrong setup (no upload, the default holding period) without a word.
enum ConfigurationSchema {
    indirect enum Node: Sendable {
        case object([String: Node])
        case array(Node)
        /// A till's device: a spec string, or `{"spec": …, "profile": …}`.
        case device
        case value
    }

    static let device = Node.device
    static let root = Node.object([
        "shop": .object(["name": .value, "kvkNumber": .value, "branch": .value, "municipality": .value]),
        "holdingPeriod": .object([
            "length": .value, "unit": .value, "municipality": .value,
            "holidays": .object(["includeGoodFriday": .value, "includeLiberationDay": .value]),
        ]),
        "requirePhotoWithoutSerial": .value,
        "register": .object(Dictionary(uniqueKeysWithValues: [
            "url", "token", "clientCertificate", "clientKey", "caCertificate", "backlogAlarmHours", "batchSize",
            "requestTimeoutSeconds", "attemptTimeoutSeconds", "retryMinSeconds", "retryMaxSeconds",
        ].map { ($0, Node.value) })),
        "stolenGoodsCheck": .object(["url": .value, "applicationID": .value, "apiKey": .value]),
        "scanners": .array(.value),
        "kiosk": .object(Dictionary(uniqueKeysWithValues: [
            "host", "port", "sessionMinutes", "language", "tlsCertificate", "tlsKey",
        ].map { ($0, Node.value) })),
        "tills": .array(.object(["name": .value, "scanners": .array(device), "documentReader": device, "chipReader": .value])),
        "checks": .object(["hotlistMaxAgeHours": .value, "chipRequired": .value]),
        "law": .object(["cashLimitEuros": .value, "cashLimitFrom": .value, "regime": .value, "regimeFrom": .value]),
        "retention": .object(["identityYears": .value, "bookkeepingYears": .value]),
        "database": .object(["url": .value, "branch": .value, "passwordFile": .value]),
        "photos": .object(Dictionary(uniqueKeysWithValues: [
            "maxPerItem", "maxMegabytesPerPhoto", "maxMegabytesPerDay", "keepFreeMegabytes",
        ].map { ($0, Node.value) })),
    ])

    /// The first unknown key in `json` (parsed JSON), with its path and the closest known key at its place.
    static func unknownKey(in json: Any) -> (path: [String], suggestion: String?)? {
        unknownKey(json, root, path: [])
    }

    private static func unknownKey(_ json: Any, _ node: Node, path: [String]) -> (path: [String], suggestion: String?)? {
        switch node {
        case .value:
            return nil
        case .array(let element):
            guard let array = json as? [Any] else { return nil }  // the decoder reports the wrong type
            for (i, item) in array.enumerated() {
                if let found = unknownKey(item, element, path: path + ["[\(i)]"]) { return found }
            }
            return nil
        case .device:
            guard json is [String: Any] else { return nil }
            return unknownKey(json, .object(["spec": .value, "profile": .value]), path: path)
        case .object(let children):
            guard let object = json as? [String: Any] else { return nil }
            for key in object.keys.sorted() {
                guard let child = children[key] else {
                    return (path + [key], closest(to: key, in: Array(children.keys)))
                }
                if let found = unknownKey(object[key]!, child, path: path + [key]) { return found }
            }
            return nil
        }
    }

    /// The known key with the smallest edit distance, if it is close enough to be what was meant.
    static func closest(to key: String, in known: [String]) -> String? {
        var best: (key: String, distance: Int)?
        for candidate in known.sorted() {
            let d = distance(key.lowercased(), candidate.lowercased())
            if best == nil || d < best!.distance { best = (candidate, d) }
        }
        guard let best, best.distance <= max(2, best.key.count / 3) else { return nil }
        return best.key
    }

    /// Levenshtein distance, O(n·m) on two short keys.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
