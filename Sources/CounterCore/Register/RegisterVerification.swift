/// The result of checking the register's integrity: SQLite's own check, the gap-free numbering and the
/// hash chain.
public struct RegisterVerification: Sendable, Equatable {
    /// One thing found wrong, at the first place it shows: a stable ``code`` (`register.chainBroken`, …) with the
    /// entry it concerns.
    ///
    /// A struct, not an enum (compare postgres-nio's `PSQLError`): a new kind of damage is a new code, and an
    /// embedder's code that looks at ``code`` keeps compiling. Made with the static members (`.chainBroken(entryNumber:)`, …).
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        package enum Reason: Sendable, Equatable {
            case databaseDamaged(String)
            case numberingGap(expected: Int, found: Int)
            case contentAltered(entryNumber: Int)
            case chainBroken(entryNumber: Int)
            case indexAltered(entryNumber: Int, column: String)
            case unreadable(entryNumber: Int)
            case entriesMissing(anchored: Int, present: Int)
            case anchorMismatch(entryNumber: Int)
            case acknowledgedEntryMissing(entryNumber: Int)
            case identityMissing(entryNumber: Int)
            case identityAltered(entryNumber: Int)
            case identityErasedWithoutEvent(entryNumber: Int)
            case eventChainBroken(sequence: Int)
            case legacyChainDamaged(String)
        }

        package var reason: Reason

        package init(_ reason: Reason) { self.reason = reason }

        /// SQLite's check of the file (``FileCheck``) reported damage.
        public static func databaseDamaged(_ detail: String) -> Problem { Problem(.databaseDamaged(detail)) }
        /// Entry numbers are not 1, 2, 3, … without gaps.
        public static func numberingGap(expected: Int, found: Int) -> Problem { Problem(.numberingGap(expected: expected, found: found)) }
        /// The entry's content does not hash to the stored hash: it was changed after it was written.
        public static func contentAltered(entryNumber: Int) -> Problem { Problem(.contentAltered(entryNumber: entryNumber)) }
        /// The entry's previous-hash does not match the entry before it.
        public static func chainBroken(entryNumber: Int) -> Problem { Problem(.chainBroken(entryNumber: entryNumber)) }
        /// An index column (day, clerk, price, items) disagrees with the entry's content.
        public static func indexAltered(entryNumber: Int, column: String) -> Problem { Problem(.indexAltered(entryNumber: entryNumber, column: column)) }
        /// The content cannot be read back.
        public static func unreadable(entryNumber: Int) -> Problem { Problem(.unreadable(entryNumber: entryNumber)) }
        /// The anchor outside the file shows the register went further than the file does now: entries at the
        /// end are gone (a truncated file, a lost WAL, an older copy put back).
        public static func entriesMissing(anchored: Int, present: Int) -> Problem { Problem(.entriesMissing(anchored: anchored, present: present)) }
        /// The anchored entry exists but is another one: the file was replaced by a different register.
        public static func anchorMismatch(entryNumber: Int) -> Problem { Problem(.anchorMismatch(entryNumber: entryNumber)) }
        /// The register (DOR) acknowledged this entry number, and the shop's file no longer has it: an older
        /// copy was put back together with its anchor, or entries were lost with it.
        public static func acknowledgedEntryMissing(entryNumber: Int) -> Problem { Problem(.acknowledgedEntryMissing(entryNumber: entryNumber)) }
        /// The entry has no row in `seller_identity`: its identity was removed outside the purge.
        public static func identityMissing(entryNumber: Int) -> Problem { Problem(.identityMissing(entryNumber: entryNumber)) }
        /// The kept identity (or its salt) does not hash to the commitment in the chain: it was changed.
        public static func identityAltered(entryNumber: Int) -> Problem { Problem(.identityAltered(entryNumber: entryNumber)) }
        /// The identity is marked erased, and no chained purge event names the entry: erased outside the purge.
        public static func identityErasedWithoutEvent(entryNumber: Int) -> Problem { Problem(.identityErasedWithoutEvent(entryNumber: entryNumber)) }
        /// A chained event (migration, purge) is missing, changed, or pins a head this register does not have.
        public static func eventChainBroken(sequence: Int) -> Problem { Problem(.eventChainBroken(sequence: sequence)) }
        /// The register in its first format was already damaged when it was converted (recorded in the
        /// migration event).
        public static func legacyChainDamaged(_ detail: String) -> Problem { Problem(.legacyChainDamaged(detail)) }

        /// The stable code of this kind of damage.
        public var code: String {
            switch reason {
            case .databaseDamaged: "register.databaseDamaged"
            case .numberingGap: "register.numberingGap"
            case .contentAltered: "register.contentAltered"
            case .chainBroken: "register.chainBroken"
            case .indexAltered: "register.indexAltered"
            case .unreadable: "register.unreadable"
            case .entriesMissing: "register.entriesMissing"
            case .anchorMismatch: "register.anchorMismatch"
            case .acknowledgedEntryMissing: "register.acknowledgedEntryMissing"
            case .identityMissing: "register.identityMissing"
            case .identityAltered: "register.identityAltered"
            case .identityErasedWithoutEvent: "register.identityErasedWithoutEvent"
            case .eventChainBroken: "register.eventChainBroken"
            case .legacyChainDamaged: "register.legacyChainDamaged"
            }
        }

        /// The entry the damage shows at, when it is one entry's.
        public var entryNumber: Int? {
            switch reason {
            case .contentAltered(let n), .chainBroken(let n), .indexAltered(let n, _), .unreadable(let n), .anchorMismatch(let n),
                 .acknowledgedEntryMissing(let n), .identityMissing(let n), .identityAltered(let n), .identityErasedWithoutEvent(let n): n
            default: nil
            }
        }

        public var description: String {
            switch reason {
            case .databaseDamaged(let s): "database file damaged: \(s)"
            case .numberingGap(let e, let f): "entry numbers have a gap: expected \(e), found \(f)"
            case .contentAltered(let n): "entry \(n): content was altered after it was written (hash mismatch)"
            case .chainBroken(let n): "entry \(n): chain broken (previous hash does not match entry \(n - 1))"
            case .indexAltered(let n, let c): "entry \(n): column \(c) was altered (does not match the entry)"
            case .unreadable(let n): "entry \(n): content cannot be read"
            case .entriesMissing(let anchored, let present):
                "entries \(present + 1)…\(anchored) are missing: the register went up to \(anchored), the file now ends at \(present)"
            case .anchorMismatch(let n): "entry \(n) is not the entry that was registered under this number (anchor mismatch)"
            case .acknowledgedEntryMissing(let n):
                "the register acknowledged entry \(n), which this file does not have: entries at the end are lost"
            case .identityMissing(let n): "entry \(n): the seller's identity row is missing (removed outside the purge)"
            case .identityAltered(let n): "entry \(n): the seller's identity was altered (does not match the commitment in the chain)"
            case .identityErasedWithoutEvent(let n):
                "entry \(n): the seller's identity was erased without a purge event in the register"
            case .eventChainBroken(let s): "register event \(s): the event chain is broken or altered"
            case .legacyChainDamaged(let problem): "before conversion to the current format, the register was already damaged: \(problem)"
            }
        }
    }

    /// How far SQLite's own check of the file goes. The entries, chain, identities, uploads, events and anchor
    /// are checked the same way in both.
    public enum FileCheck: String, Sendable, Equatable, CaseIterable {
        /// Every page and record of every table and index is well formed and used once (`PRAGMA quick_check`,
        /// a few µs an entry). What the owner's "verify now" and `counter-kiosk verify` run.
        case pages
        /// Also every index against its table (`PRAGMA integrity_check`, about two and a half times as long: it looks
        /// every row up in every index). What runs in the background when the kiosk starts, and with
        /// `counter-kiosk verify --full`: a damaged index loses search hits, never entries.
        case pagesAndIndexes

        var pragma: String {
            switch self {
            case .pages: "PRAGMA quick_check"
            case .pagesAndIndexes: "PRAGMA integrity_check"
            }
        }
    }

    /// How many entries were checked.
    public var entryCount: Int
    /// The hash of the last entry: write it down (or print it) to detect a rewrite of the whole chain.
    public var headHash: String
    /// Entries whose seller identity was erased after retention ("gewist op DATUM"), each named by a purge event.
    public var erasedIdentities: Int = 0
    /// The first problem found, or nil when all holds.
    public var firstProblem: Problem?
    /// Entries the fast reading of the stored bytes could not vouch for (a text with an escaped character, an
    /// entry of the first format), so they were decoded and checked the exact way.
    public var entriesReadExactly: Int = 0
    /// How far SQLite's check of the file went.
    public var fileCheck: FileCheck = .pages

    public var isIntact: Bool { firstProblem == nil }
    /// The hash of the entry an anchor outside the database names, as the check found it (PostgreSQL).
    var anchoredHash: String?
}
