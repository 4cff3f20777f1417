/// A number in `config.json` with bounds: missing takes the default, out of range is an error naming the
/// setting (the loader adds its line). Every bounded setting goes through here, so the wording is one.
extension KeyedDecodingContainer {
    func decodeBounded(_ key: Key, in range: ClosedRange<Int>, default value: Int) throws -> Int {
        let v = try decodeIfPresent(Int.self, forKey: key) ?? value
        guard range.contains(v) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: codingPath + [key],
                debugDescription: "must be between \(range.lowerBound) and \(range.upperBound), found \(v)"))
        }
        return v
    }
}
