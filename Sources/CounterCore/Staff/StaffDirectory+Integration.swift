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
    /// Why it reads the accounts on every call: revoking an integration (here, at another till, or with the
    /// CLI in another process) must refuse its very next request, so nothing is cached.
    public func integration(presenting text: String) async throws -> StaffAccount? {
        guard let token = IntegrationToken(text) else { return nil }
        for account in try await accounts() where account.role == .integration && !account.disabled {
            guard let (current, stored) = try await store.staffAccount(named: account.name), !current.disabled,
                  current.role == .integration else { continue }
            if token.matches(stored: stored) { return current }
        }
        return nil
    }
}
