import ArgumentParser
import Counter
import Foundation

/// `search`: the owner's register search (``RegisterSearch``) on the command line, the same engine call as
/// the owner's page.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find register entries by serial number, seller, document, period, clerk, category or check.",
        discussion: """
            Every option given must hold. Serial numbers match on their loose key: "SN 123-45" finds SN12345, and \
            5N12345 finds it too (listed after exact matches). Names match whole words, without regard to case or \
            accents. Dates are dd-mm-jjjj or YYYY-MM-DD. Newest entries first.
            """)

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var databaseOptions: DatabaseOptions

    @Option(help: "An item's IMEI, serial or frame number.")
    var serial: String?
    @Option(help: "Words of the seller's name.")
    var seller: String?
    @Option(help: "The seller's document number.")
    var document: String?
    @Option(help: ArgumentHelp("First acquisition day.", valueName: "date"))
    var from: String?
    @Option(help: ArgumentHelp("Last acquisition day.", valueName: "date"))
    var to: String?
    @Option(help: "The clerk who registered the entry.")
    var clerk: String?
    @Option(help: ArgumentHelp("An item category: \(ItemCategory.allCases.map(\.rawValue).joined(separator: ", ")).",
                               valueName: "category"))
    var category: ItemCategory?
    @Option(help: ArgumentHelp("The latest check of an item: \(ItemCheckStatus.allCases.map(\.rawValue).joined(separator: ", ")).",
                               valueName: "status"))
    var status: ItemCheckStatus?
    @Option(help: "At most this many entries (1–1000).")
    var limit: Int = 200
    @Flag(help: "JSON instead of a table.")
    var json = false

    func query() throws -> RegisterSearch {
        func day(_ text: String?, _ name: String) throws -> CalendarDate? {
            try text.flatMap { try DateOption.read($0, option: name) }
        }
        return RegisterSearch(serial: serial, seller: seller, documentNumber: document, from: try day(from, "from"),
                              to: try day(to, "to"), clerk: clerk, category: category, checkStatus: status, limit: limit)
    }

    func validate() throws {
        let query = try query()
        if query.isEmpty { throw ValidationError(RegisterQueryError.noCriteria.description) }
        guard (1...1000).contains(limit) else { throw ValidationError("--limit must be from 1 to 1000, got \(limit).") }
    }

    func run() async throws {
        let query = try query()
        // The data folder's register, or the branch's on PostgreSQL (--database or database.url).
        let result = try await databaseOptions.withRegister(dataOptions) { _, store in
            do {
                return try await store.search(query)
            } catch let error as RegisterQueryError {
                throw CLIError(error.description)
            }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(result), as: UTF8.self))
            return
        }
        guard !result.hits.isEmpty else {
            print("No entries found.")
            return
        }
        let f = ShopFormat.dutch
        print(TerminalTable.render(
            header: ["#", "date", "time", "clerk", "seller", "ID document", "items", "price", "check"],
            rows: result.hits.map { hit in
                let r = hit.row
                var number = String(r.entryNumber)
                if let corrected = r.corrects { number += " (corr. \(corrected))" }
                if !hit.correctedBy.isEmpty { number += " (corr. by \(hit.correctedBy.map(String.init).joined(separator: ", ")))" }
                if !hit.matchedItems.isEmpty && !hit.exactMatch { number += " ~" }
                return [number, f.date(hit.day), r.time, r.clerk, r.sellerName, r.idDocument, r.items.joined(separator: "; "),
                        f.money(r.priceCents), r.checkStatus.dutchName]
            }), terminator: "")
        print("\(result.hits.count) entries\(result.more ? " (more: narrow the search or raise --limit)" : "")."
              + (result.hits.contains { !$0.matchedItems.isEmpty && !$0.exactMatch } ? " ~ = number alike, not the same (O/0, S/5 …)." : ""))
    }
}

extension ItemCategory: ExpressibleByArgument {}
extension ItemCheckStatus: ExpressibleByArgument {}
