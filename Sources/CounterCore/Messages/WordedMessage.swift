/// A message of the catalog as a page or another program receives it: the stable code, and the words in
/// both languages (the page shows one, by its language switch).
public struct WordedMessage: Sendable, Codable, Hashable {
    public var code: String
    public var message: String
    public var messageEN: String

    public init(_ code: CounterMessages.Code, _ parameters: [String: String] = [:]) {
        self.code = code.rawValue
        message = CounterMessages.text(code, .nl, parameters)
        messageEN = CounterMessages.text(code, .en, parameters)
    }

    /// A message whose parameters are words themselves (a field's name), given per language.
    public init(_ code: CounterMessages.Code, nl: [String: String], en: [String: String]) {
        self.code = code.rawValue
        message = CounterMessages.text(code, .nl, nl)
        messageEN = CounterMessages.text(code, .en, en)
    }

    public init(code: String, message: String, messageEN: String) {
        self.code = code
        self.message = message
        self.messageEN = messageEN
    }
}
