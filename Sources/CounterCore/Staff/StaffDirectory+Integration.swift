import Foundation

extension StaffDirectory {
    /// Adds an integration: other shop software that registers through the machine API (`/v1`) with the
    /// returned token, shown to the owner this once (the register keeps only its hash). Audited as
    /// `account.add` with the role `integration`.
    /// - Throws: ``StaffError/invalidName``, ``StaffError/nameTaken(_:)``.
    public func addIntegration(name rawName: String, by actor: String, at date: Date) async throws
        -> (account: StaffAccount, token: IntegrationToken) {
        let name = rawName.trimmingCharacters(in: .whitespaces)
        guard Self.isValidName(name) else { throw StaffError.invalidName }
        let token = IntegrationToken.generate()
        let account = StaffAccount(name: name, role: .integration, createdAt: date)
        try await store.insertStaffAccount(account, pinHash: token.storedForm, onlyIntoEmpty: false, by: actor)
        return (account, token)
    }

    /// The live integration whose token this is, or nil: unknown, malformed, or revoked.
    ///
    /// Why it reads the account on every call: revoking an integration (here, at another till, or with the
    /// CLI in another process) must refuse its very next request, so nothing is cached. One read, by the token's
    /// stored form (its SHA-256: looking a hash up tells nothing of the token), then the constant-time compare.
    public func integration(presenting text: String) async throws -> StaffAccount? {
        guard let token = IntegrationToken(text),
              let (account, stored) = try await store.staffAccount(credential: token.storedForm),
              account.role == .integration, !account.disabled, token.matches(stored: stored) else { return nil }
        return account
    }
}
