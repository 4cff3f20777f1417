import Foundation

/// One line of the audit log: who did what, when, to what. Never holds a PIN or a seller's personal data.
public struct AuditEvent: Codable, Sendable, Hashable, Identifiable {
    public var id: Int
    public var at: Date
    /// The account name of whoever acted (for a failed sign-in: the name that was typed).
    public var actor: String
    /// What was done, one of ``AuditAction``'s raw values (kept as text so older logs stay readable).
    public var action: String
    /// What it was done to: an entry number, an item id, an account name.
    public var subject: String?
    /// Free text: the reason an owner gave, the export's day.
    public var detail: String
}

/// The things the audit log records.
public enum AuditAction: String, Codable, Sendable, CaseIterable {
    case signInOK = "login.ok"
    case signInFailed = "login.failed"
    /// A sign-in attempt while the account was locked out (the PIN was not even checked).
    case signInWhileLocked = "login.locked"
    case signOut = "logout"
    case accountAdded = "account.add"
    case accountDisabled = "account.disable"
    case accountEnabled = "account.enable"
    case pinChanged = "account.pin"
    case intakeRegistered = "intake.register"
    /// An owner registered a correction of an entry (a new entry naming it), with a reason.
    case intakeCorrected = "intake.correct"
    /// An owner lifted the lockout after wrong PINs.
    case accountUnlocked = "account.unlock"
    /// An owner let an expired document or an under-18 seller through, with a reason.
    case sellerOverride = "override.seller"
    /// A chip check showed at a till: its verdict (never chip data).
    case chipChecked = "id.chip"
    /// The owner let a document through whose chip differs from its print, or whose chip could not be verified
    /// where the shop requires it, with a reason.
    case chipOverride = "id.chip.override"
    /// An owner dismissed a stolen-goods warning, with a reason.
    case warningDismissed = "check.dismiss"
    /// A stolen-goods hit showed at a till (recorded whether or not anyone decides on it).
    case hitRaised = "check.hit"
    /// The owner's decision on a hit: not bought, not bought and police called, bought on police instruction.
    case hitDecided = "check.hit.decision"
    /// Someone tried to remove a hit, or start a new customer over it, without the owner.
    case hitOverrideRefused = "check.hit.refused"
    case saleRecorded = "sale.record"
    case alertAcknowledged = "alert.ack"
    case exportCSV = "export.csv"
    case exportPDF = "export.pdf"
    case configurationSaved = "config.save"
    /// An owner sent rejected or backed-off uploads again.
    case uploadRetried = "upload.retry"
    /// Seller identities (and photos) erased after retention (`retention.identityYears`).
    case identitiesErased = "identity.erase"
    case holdOrderAdded = "police.hold"
    case holdOrderLifted = "police.hold.lift"
    case policeNoticeAdded = "police.notice"
    case policeNoticeClosed = "police.notice.close"
    case informationRequestAdded = "police.request"
    case informationRequestAnswered = "police.request.answer"
    case informationRequestExported = "police.request.export"
    case policeFlagOpened = "police.flag"
    case policeFlagClosed = "police.flag.close"
    /// The shop's name, KvK number, branch number and municipality were set (first start) or changed.
    case shopSetUp = "shop.setUp"
    /// The owner set the day price of a precious metal.
    case metalPriceSet = "metal.price"
    /// A stolen-goods list was stored for the branch (on PostgreSQL; every till of the branch takes it).
    case hotlistStored = "hotlist.store"
}
