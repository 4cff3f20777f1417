import ArgumentParser
import Counter

/// `verify`: is the register whole and unaltered?
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the register: database integrity, gap-free entry numbers and the hash chain.",
        discussion: """
            Exit code 0 only when all hold. Note the printed head hash: a later rewrite of the whole chain changes it.
            SQLite checks every page of the file; --full also checks every index against its table (about two and a half \
            times as long; the kiosk does this in the background when it starts).

            With --database (or database.url in config.json) it verifies the branch's register on PostgreSQL: numbering, \
            chain, identities and uploads, and that the branch's counter stands on its last entry.
            """)

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var databaseOptions: DatabaseOptions

    @Flag(help: "Also check every index of the database file against its table.")
    var full = false

    func run() async throws {
        let full = full
        let (result, fileChecked) = try await databaseOptions.withRegister(dataOptions) { _, store in
            if let file = store as? SQLiteRegisterStore {
                return (try file.verify(fileCheck: full ? .pagesAndIndexes : .pages), true)
            }
            return (try await store.verify(), false)
        }
        if let problem = result.firstProblem {
            throw CLIError("Register NOT intact (\(result.entryCount) entries read): \(problem.description)")
        }
        print("Register intact: \(result.entryCount) entries, numbering gap-free, hash chain unbroken"
              + (!fileChecked ? "; the branch's counter on its last entry." : full ? "; file pages and indexes sound." : "; file pages sound."))
        if result.erasedIdentities > 0 {
            print("Seller identities erased after retention: \(result.erasedIdentities) (\"gewist op DATUM\", each named by a purge event).")
        }
        print("Head hash: \(result.headHash)")
    }
}
