import ArgumentParser
import Counter

/// `verify`: is the register whole and unaltered?
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the register: database integrity, gap-free entry numbers and the hash chain.",
        discussion: """
            Exit code 0 only when all hold. Note the printed head hash: a later rewrite of the whole chain changes it.
            SQLite checks every page of the file; --full also checks every index against its table (about two and a half \
            times as long; the kiosk does this in the background when it starts).
            """)

    @OptionGroup var dataOptions: DataOptions

    @Flag(help: "Also check every index of the database file against its table.")
    var full = false

    func run() throws {
        let (_, store) = try dataOptions.open()
        let result = try store.verify(fileCheck: full ? .pagesAndIndexes : .pages)
        if let problem = result.firstProblem {
            throw CLIError("Register NOT intact (\(result.entryCount) entries read): \(problem.description)")
        }
        print("Register intact: \(result.entryCount) entries, numbering gap-free, hash chain unbroken"
              + (full ? "; file pages and indexes sound." : "; file pages sound."))
        if result.erasedIdentities > 0 {
            print("Seller identities erased after retention: \(result.erasedIdentities) (\"gewist op DATUM\", each named by a purge event).")
        }
        print("Head hash: \(result.headHash)")
    }
}
