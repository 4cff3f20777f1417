import ArgumentParser
import Counter
import Foundation

/// `photo add FILE`: store an item photo and print the reference to put in an intake's `photos`.
struct PhotoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "photo", abstract: "Store item photos.", subcommands: [PhotoAddCommand.self])
}

struct PhotoAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Store a JPEG, PNG or WebP photo by its SHA-256; print its reference as JSON.",
        discussion: "With the register on PostgreSQL the photo is stored with the branch's register, for every till.")

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var databaseOptions: DatabaseOptions

    @Argument(help: "The photo file.")
    var file: String

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("Cannot read \(file).") }
        try dataOptions.folder.create()
        let folder = dataOptions.folder
        let reference = try await databaseOptions.withRegister(dataOptions) { config, store in
            do throws(PhotoStore.PhotoError) {
                return try await folder.photoArchive(for: store, limits: config.photos).store(data, day: CalendarDate(Date()))
            } catch {
                throw CLIError(error.message(.en))
            }
        }
        print(#"{"sha256": "\#(reference.sha256)", "mediaType": "\#(reference.mediaType)"}"#)
    }
}
