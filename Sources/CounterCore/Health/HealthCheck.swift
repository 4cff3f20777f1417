/// One line of the shop PC's health (`counter-kiosk doctor`, the owner's page): what was checked, how it stands,
/// the words in both languages, and the command or setting that fixes it.
package struct HealthCheck: Sendable, Codable, Equatable {
    /// A stable name: `register`, `disk`, `backup`, ….
    package var id: String
    package var level: HealthLevel
    package var message: WordedMessage
    /// The command or setting that fixes it (for the technician; empty when all is well).
    package var fix: String

    package init(_ id: String, _ level: HealthLevel, _ message: WordedMessage, fix: String = "") {
        self.id = id
        self.level = level
        self.message = message
        self.fix = level == .ok ? "" : fix
    }
}
