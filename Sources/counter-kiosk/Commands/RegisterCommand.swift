import ArgumentParser
import Counter
import Foundation

/// `register`: the whole register for an inspector.
struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register", abstract: "The register for an inspector: one period's full register as CSV or PDF.",
        subcommands: [RegisterExportCommand.self])
}

/// `register export --from DATE --to DATE --format csv|pdf --output FILE`.
struct RegisterExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write one period's full register (every legal field, one line per item) as CSV for Dutch Excel or as PDF.",
        discussion: """
            The same export as the owner's page: seller with address, birth date and document, items with their \
            numbers, checks, hold and sale. The PDF is rendered by Chromium with the print stylesheet (page numbers, \
            the shop's header, the register's head hash on the last page). Dates are dd-mm-jjjj or YYYY-MM-DD. \
            The export is written to the audit log.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, pdf }

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var databaseOptions: DatabaseOptions
    @Option(help: ArgumentHelp("First acquisition day.", valueName: "date"))
    var from: String
    @Option(help: ArgumentHelp("Last acquisition day.", valueName: "date"))
    var to: String
    @Option(help: "csv or pdf.")
    var format: Format = .csv
    @Option(help: ArgumentHelp("The file to write.", valueName: "file"))
    var output: String

    func period() throws -> (CalendarDate, CalendarDate) {
        (try DateOption.required(from, option: "from"), try DateOption.required(to, option: "to"))
    }

    func validate() throws { _ = try period() }

    func run() async throws {
        let (from, to) = try period()
        // The data folder's register, or the branch's on PostgreSQL (--database or database.url); the export is
        // audited where the register is.
        let (config, export) = try await databaseOptions.withRegister(dataOptions) { config, store in
            let export: RegisterExport
            do {
                export = try await RegisterExport.read(from: store, from: from, to: to, today: CalendarDate(Date()))
            } catch let error as RegisterQueryError {
                throw CLIError(error.description)
            }
            try await AuditLog(store: store).record(
                format == .csv ? .exportCSV : .exportPDF, actor: "cli", subject: "register",
                detail: "\(from.iso)…\(to.iso), \(export.entryCount) entries", at: Date())
            return (config, export)
        }
        let data: Data
        switch format {
        case .csv:
            data = Data(export.csv().utf8)
        case .pdf:
            let html = PrintPages.register(export, shop: config.shop, training: false,
                                           inlineStyle: PrintPages.registerInlineStyle(AssetCatalog()))
            let page = NSTemporaryDirectory() + "counter-register-\(UUID().uuidString).html"
            try Data(html.utf8).write(to: URL(fileURLWithPath: page))
            defer { try? FileManager.default.removeItem(atPath: page) }
            do {
                data = try await PDFExporter.render(url: URL(fileURLWithPath: page).absoluteString)
            } catch let error as PDFExporter.Failure {
                throw CLIError(error.description)
            }
        }
        do {
            try data.write(to: URL(fileURLWithPath: output))
        } catch {
            throw CLIError("Cannot write \(output): \(error.localizedDescription)")
        }
        print("Wrote \(output): \(export.entryCount) entries, \(export.lines.count) items (\(format.rawValue)).")
    }
}
