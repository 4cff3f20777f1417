import Foundation

/// A person who signs in at the kiosk. The name is what the register writes as the clerk of an entry.
public struct StaffAccount: Codable, Sendable, Hashable {
    public var name: String
    public var role: StaffRole
    public var createdAt: Date
    /// A disabled account cannot sign in; it is kept so old entries still name a known clerk.
    public var disabled: Bool

    public init(name: String, role: StaffRole, createdAt: Date, disabled: Bool = false) {
        self.name = name
        self.role = role
        self.createdAt = createdAt
        self.disabled = disabled
    }
}
