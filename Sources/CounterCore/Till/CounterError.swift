/// Why the counter refused something: a value with a stable ``code`` and its parameters; the words are in
/// ``CounterMessages``, once per language. New codes never break an embedder that switches on the string.
public struct CounterError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: CounterMessages.Code
    /// Values for the message's placeholders (`identifier`, `detail`, …). Never a seller's personal data.
    public var parameters: [String: String]
    /// The field that failed, for intake errors (`seller.surname`, `items[0].imei`).
    public var field: String?

    public init(_ code: CounterMessages.Code, parameters: [String: String] = [:], field: String? = nil) {
        self.code = code
        self.parameters = parameters
        self.field = field
    }

    /// The message in `language`.
    public func message(_ language: CounterMessages.Language = .nl) -> String {
        CounterMessages.text(code, language, parameters)
    }

    public var description: String { message(.en) }
}
