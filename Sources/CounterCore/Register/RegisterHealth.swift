import NIOPosix

/// What the owner's register page shows: whether the register can prove it is whole, how far it went, and
/// which files to keep. A value, built by the storage's `health()` from what is known without a full verify (the
/// damage found at open, by the background verify or by the register's acknowledgements).
package struct RegisterHealth: Sendable, Equatable, Encodable {
    /// Why the register cannot prove it is whole; nil when it can.
    package var problem: RegisterVerification.Problem?
    /// The last entry in the file.
    package var head: RegisterAnchor.Head?
    /// The highest head written to the anchor next to the file.
    package var anchored: RegisterAnchor.Head?
    /// The files to keep (as they are) for the police and the municipality when the register is damaged.
    package var registerPath: String
    package var anchorPath: String
    /// Whether the register is a database server's (PostgreSQL) rather than a file on this PC: what to do
    /// differs.
    package var onServer = false

    package var isWhole: Bool { problem == nil }

    /// What the owner does when the register cannot prove it is whole, in the catalog's words; nil when it can.
    package func whatToDo(_ language: CounterMessages.Language) -> String? {
        guard !isWhole else { return nil }
        return CounterMessages.text(onServer ? .registerWhatToDoServer : .registerWhatToDo, language,
                                    ["register": registerPath, "anchor": anchorPath])
    }

    enum CodingKeys: String, CodingKey { case whole, problem, head, anchored, registerPath, anchorPath }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(isWhole, forKey: .whole)
        try c.encodeIfPresent(problem?.description, forKey: .problem)
        try c.encodeIfPresent(head, forKey: .head)
        try c.encodeIfPresent(anchored, forKey: .anchored)
        try c.encode(registerPath, forKey: .registerPath)
        try c.encode(anchorPath, forKey: .anchorPath)
    }
}

extension SQLiteRegisterStore {
    /// The register's health as known now (see ``RegisterHealth``).
    package func health() throws -> RegisterHealth {
        RegisterHealth(problem: damage, head: try head(), anchored: anchor.latest(), registerPath: path,
                       anchorPath: anchor.path)
    }

    /// The full verify, run on a thread of NIO's blocking pool so it never holds up the cooperative pool
    /// (requests, scans) while it reads every entry.
    package func verifyOffPool(fileCheck: RegisterVerification.FileCheck = .pages) async throws -> RegisterVerification {
        try await NIOThreadPool.singleton.runIfActive { try self.verify(fileCheck: fileCheck) }
    }
}
