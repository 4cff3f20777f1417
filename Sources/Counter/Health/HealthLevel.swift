/// How a line of the health summary stands: fine, needs a look, or needs fixing now.
public enum HealthLevel: String, Sendable, Codable, Comparable {
    case ok, warning, error

    public static func < (a: HealthLevel, b: HealthLevel) -> Bool {
        let order: [HealthLevel] = [.ok, .warning, .error]
        return order.firstIndex(of: a)! < order.firstIndex(of: b)!
    }
}
