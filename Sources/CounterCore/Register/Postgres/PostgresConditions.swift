import PostgresNIO

/// Conditions of a query over a branch's entries, each with its parameter, numbered after the branch's `$1`
/// (``PostgresRegisterStore/entries(_:_:_:_:binds:newestFirst:limit:)``): the criteria of a search or a police request.
struct PostgresConditions {
    private(set) var conditions: [String] = []
    private(set) var binds: [any PostgresEncodable & Sendable] = []

    /// Adds `condition`, whose `?` is `value`.
    mutating func add(_ condition: String, _ value: String) {
        binds.append(value)
        conditions.append(condition.replacingOccurrences(of: "?", with: "$\(binds.count + 1)"))
    }

    /// Adds a condition without a parameter.
    mutating func add(_ condition: String) {
        conditions.append(condition)
    }

    /// All of them (true when there are none).
    var sql: String { conditions.isEmpty ? "true" : conditions.joined(separator: " AND ") }
}
