import ArgumentParser
import Counter
import Foundation

/// `shop`: the shop's name, KvK number, vestigingsnummer and municipality, which every entry carries. No
/// entry can be made until they are set (here, or on the owner's first-start page).
struct ShopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shop",
        abstract: "Show or set the shop's name, KvK number, branch number and municipality.",
        subcommands: [Show.self, Set.self], defaultSubcommand: Show.self)

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the shop as entries will carry it, and what is missing.")
        @OptionGroup var dataOptions: DataOptions

        func run() throws {
            let (config, _) = try dataOptions.open(embeddedOnly: false)
            let shop = config.shop
            print("Name:           \(shop.name.isEmpty ? "(not set)" : shop.name)")
            print("KvK number:     \(shop.kvkNumber.isEmpty ? "(not set)" : shop.kvkNumber)")
            print("Branch number:  \(shop.branch ?? "(not set)")")
            print("Municipality:   \(shop.municipality.isEmpty ? "(not set)" : shop.municipality)")
            if shop.isReady {
                print("Ready: entries carry \(shop.shopID).")
            } else {
                for problem in shop.problems { print("Missing: \(problem.key): \(problem.message.messageEN)") }
                throw ExitCode(2)
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the shop (writes config.json; other settings stay).",
            discussion: """
                The KvK number has 8 digits and the branch number (vestigingsnummer) 12; both are on the KvK \
                extract. The municipality's APV sets the holding period: for a municipality Counter knows \
                (\(MunicipalityPreset.names.joined(separator: ", "))) its period is written too, unless \
                config.json already sets one.
                """)
        @OptionGroup var dataOptions: DataOptions
        @Option(help: "The shop's name, as on the KvK extract.") var name: String
        @Option(help: "KvK number (8 digits).") var kvk: String
        @Option(help: "Vestigingsnummer (12 digits).") var branch: String
        @Option(help: "The municipality of the place of trade.") var municipality: String

        func run() throws {
            let (_, store) = try dataOptions.open(embeddedOnly: false)
            let shop = CounterConfiguration.Shop.typed(name: name, kvkNumber: kvk, branch: branch, municipality: municipality)
            do {
                try ShopSetup.apply(shop, dataFolder: dataOptions.folder, store: store, by: "cli:\(NSUserName())", at: Date())
            } catch let problem as ShopProblem {
                throw CLIError("\(problem.key): \(problem.message.messageEN)")
            } catch let error as ConfigurationError {
                throw CLIError(error.description)
            }
            print("Shop set: \(shop.name), KvK \(shop.kvkNumber), branch \(shop.branch ?? ""), \(shop.municipality). Entries carry \(shop.shopID).")
        }
    }
}
