import ArgumentParser
import Counter
import Foundation

/// `photo add FILE`: store an item photo and print the reference to put in an intake's `photos`.
struct PhotoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "photo", abstract: "Store item photos.", subcommands: [PhotoAddCommand.self])
}

struct PhotoAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Store a JPEG, PNG or WebP photo by its SHA-256; print its reference as JSON.")

    @OptionGroup var dataOptions: DataOptions

    @Argument(help: "The photo file.")
    var file: String

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("Cannot read \(file).") }
        try dataOptions.folder.create()
        let config = try ConfigurationLoader.load(path: dataOptions.folder.configPath)
        do {
            let store = PhotoStore(folder: dataOptions.folder.photosPath, limits: config.photos)
            let reference = try store.put(data, day: CalendarDate(Date()))
            print(#"{"sha256": "\#(reference.sha256)", "mediaType": "\#(reference.mediaType)"}"#)
        } catch {
            throw CLIError(error.message(.en))
        }
    }
}
