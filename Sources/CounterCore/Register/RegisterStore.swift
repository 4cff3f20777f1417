import Foundation

/// The dealer's register: where intakes become numbered, immutable, chained entries.
///
/// One implementation keeps it in SQLite (``SQLiteRegisterStore``); the protocol leaves room for a
/// PostgreSQL store shared by several counters of one shop.
package protocol RegisterStore: Sendable {
    /// Validates the intake, gives it the next entry number, chains it and commits it together with its
    /// upload job. Nothing is written when it throws.
    func append(_ intake: Intake, at date: Date) throws -> RegisterEntry
    /// The entry with this number, or nil.
    func entry(number: Int) throws -> RegisterEntry?
    /// The entries acquired on `day` (shop time), in number order.
    func entries(on day: CalendarDate) throws -> [RegisterEntry]
    /// How many entries the register holds.
    func entryCount() throws -> Int
    /// The most recent entry whose seller showed this document, for offering a returning seller's address.
    func lastEntry(documentNumber: String, issuingCountry: String) throws -> RegisterEntry?
    /// Stores a stolen-goods check of an item.
    func record(_ check: ItemCheck) throws
    /// Every check of an item, oldest first.
    func checks(itemID: String) throws -> [ItemCheck]
    /// The most recent check of each item of these entries, keyed by item id.
    func latestChecks(entryNumbers: [Int]) throws -> [String: ItemCheck]
    /// Records a sale (verkoopregister); refused during the holding period and while a police flag is open.
    func recordSale(_ sale: Sale, at date: Date) throws -> Int
    /// Opens a police flag on an item: it may not be sold until the flag is closed.
    func openPoliceFlag(itemID: String, note: String, at date: Date) throws
    /// Closes a police flag (the police have been, or released the item).
    func closePoliceFlag(itemID: String, note: String, at date: Date) throws
    /// Items still held on `day` (hold not expired, or a police flag open), unsold.
    func itemsOnHold(on day: CalendarDate) throws -> [HeldItem]
    /// Checks the file, the numbering and the hash chain.
    func verify() throws -> RegisterVerification
    /// The last entry's number and hash, or nil for an empty register.
    func head() throws -> RegisterAnchor.Head?
}

/// An item that may not be sold yet.
package struct HeldItem: Sendable, Hashable, Codable {
    package var itemID: String
    package var entryNumber: Int
    package var item: RegisterItem
    package var acquiredOn: CalendarDate
    package var holdUntil: CalendarDate?
    package var policeFlagOpen: Bool
    /// A police hold order (bewaarlast) running on the item.
    package var holdOrder: HoldOrder? = nil

    /// The last day the item must be kept as it is: the holding period's or a police hold order's, whichever
    /// ends later. The counter, the holding page, the entry print and the DOR export all say "bewaren t/m"
    /// with this one date (issue 14, point 3).
    package var keptUntil: CalendarDate? { Self.keptUntil(holdUntil: holdUntil, holdOrder: holdOrder) }

    /// The last day an item must be kept as it is: its holding period's or a police hold order's last day,
    /// whichever is later (the one "bewaren t/m" of the counter, the holding page, the prints and exports).
    package static func keptUntil(holdUntil: CalendarDate?, holdOrder: HoldOrder?) -> CalendarDate? {
        [holdUntil, holdOrder?.until].compactMap { $0 }.max()
    }
}

/// Why the register could not be opened or written: a stable ``code`` with its context.
///
/// A struct, not an enum (compare postgres-nio's `PSQLError`): a new reason is a new code, and an embedder's code
/// that looks at ``code`` keeps compiling. Make one with the static members (`.diskFull`, `.busy`, …).
public struct RegisterStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why, with its context.
    package enum Reason: Sendable, Equatable {
        /// The database file cannot be opened or created.
        case cannotOpen(path: String, reason: String)
        /// The disk is full: nothing was written, what was already registered is safe.
        case diskFull
        /// Another program holds the register locked for too long.
        case busy
        /// The write failed for another reason reported by SQLite.
        case writeFailed(String)
        /// The register cannot prove it is whole: it refuses new entries (reading and exports still work).
        case damaged(RegisterVerification.Problem)
        /// The shop's name, KvK number, branch number and municipality are not set yet (first start).
        case shopNotSetUp
        /// The register's database server cannot be reached (PostgreSQL): nothing was written.
        case unreachable(String)
        /// The branch this till registers for is not in the register's database (PostgreSQL): set it up first.
        case unknownBranch(String)
        /// The register was brought to a newer format by a newer version of Counter (`found`: the newest step of
        /// it, which this version does not know): this version refuses to open it, and changes nothing.
        case newerFormat(found: String)
        /// The register's database is at an older schema version than this Counter needs (PostgreSQL): the technician
        /// upgrades it first (`counter-kiosk upgrade-database`).
        case schemaBehind(found: Int, needed: Int)
    }

    /// Why, with its context (the package's code switches on it; others read ``code``).
    package var reason: Reason

    package init(_ reason: Reason) { self.reason = reason }

    /// The database file cannot be opened or created.
    public static func cannotOpen(path: String, reason: String) -> RegisterStoreError { .init(.cannotOpen(path: path, reason: reason)) }
    /// The disk is full: nothing was written, what was already registered is safe.
    public static let diskFull = RegisterStoreError(.diskFull)
    /// Another program holds the register locked for too long.
    public static let busy = RegisterStoreError(.busy)
    /// The write failed for another reason reported by the database.
    public static func writeFailed(_ detail: String) -> RegisterStoreError { .init(.writeFailed(detail)) }
    /// The register cannot prove it is whole: it refuses new entries (reading and exports still work).
    public static func damaged(_ problem: RegisterVerification.Problem) -> RegisterStoreError { .init(.damaged(problem)) }
    /// The shop's details are not set yet (first start).
    public static let shopNotSetUp = RegisterStoreError(.shopNotSetUp)
    /// The register's database server cannot be reached (PostgreSQL): nothing was written.
    public static func unreachable(_ detail: String) -> RegisterStoreError { .init(.unreachable(detail)) }
    /// The branch is not in the register's database (PostgreSQL).
    public static func unknownBranch(_ branch: String) -> RegisterStoreError { .init(.unknownBranch(branch)) }
    /// The register has a newer format than this version knows.
    public static func newerFormat(found: String) -> RegisterStoreError { .init(.newerFormat(found: found)) }
    /// The register's database is at an older schema version than this Counter needs (PostgreSQL).
    public static func schemaBehind(found: Int, needed: Int) -> RegisterStoreError { .init(.schemaBehind(found: found, needed: needed)) }

    /// A stable code for programs (`register.diskFull`, `register.damaged`).
    public var code: String {
        let name = switch reason {
        case .cannotOpen: "cannotOpen"
        case .diskFull: "diskFull"
        case .busy: "busy"
        case .writeFailed: "writeFailed"
        case .damaged: "damaged"
        case .shopNotSetUp: "shopNotSetUp"
        case .unreachable: "unreachable"
        case .unknownBranch: "unknownBranch"
        case .newerFormat: "newerFormat"
        case .schemaBehind: "schemaBehind"
        }
        return "register." + name
    }

    /// What the register found wrong, when it cannot prove it is whole.
    public var problem: RegisterVerification.Problem? {
        if case .damaged(let problem) = reason { return problem }
        return nil
    }

    public var description: String {
        switch reason {
        case .cannotOpen(let path, let reason): "Cannot open the register at \(path): \(reason)"
        case .diskFull: "The disk is full: the entry was not written. Free space and try again; earlier entries are safe."
        case .busy: "The register is busy (another program is writing). Try again in a moment."
        case .writeFailed(let s): "The register could not be written: \(s)"
        case .shopNotSetUp: CounterMessages.text(.shopNotSetUp, .en)
        case .unreachable(let s): "The register's database server cannot be reached (\(s)): nothing was written. Try again in a moment."
        case .unknownBranch(let id): "Branch \(id) is not set up in the register's database: add it first (docs/technician-guide.md)."
        case .newerFormat(let found):
            "This register was brought to a newer format by a newer version of Counter (\(found)), which this version does "
                + "not know. Nothing was changed. Install that version (or a newer one) again: a register never goes back to "
                + "an older format."
        case .schemaBehind(let found, let needed):
            "The register's database has schema version \(found); this version of Counter needs \(needed). Nothing was "
                + "changed. The technician upgrades it first, as the tables' owner: counter-kiosk upgrade-database --database URL."
        case .damaged(let problem):
            "The register cannot prove it is whole (\(problem)): no new entries until it is restored. Reading and "
                + "exports still work. Restore the last backup, and keep the damaged file for the police and the municipality."
        }
    }
}
