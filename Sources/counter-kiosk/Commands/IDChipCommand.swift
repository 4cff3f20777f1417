import ArgumentParser
import Counter
import Foundation
import IDScan

/// `id chip`: the chip check as the counter runs it, for technicians and tests, with the same privacy rules:
/// no face image and no BSN is printed; the face is only counted.
struct IDChipCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chip",
        abstract: "Read a document's chip through a PC/SC reader and check it (passive authentication, MRZ comparison).",
        discussion: """
            Give the printed MRZ on standard input (--mrz-stdin: it is the access key and is compared with the chip), \
            or the card access number (--can). CSCA certificates come from `id masterlist import`. Exit code 0: \
            genuine; 1: any other verdict.
            """)

    @OptionGroup var dataOptions: DataOptions

    @Option(help: ArgumentHelp("The PC/SC reader (its name or the start of it; default: the first).", valueName: "name"))
    var reader: String?

    @Flag(help: "Read the printed MRZ from standard input.")
    var mrzStdin = false

    @Option(help: ArgumentHelp("The card access number printed on the document.", valueName: "digits"))
    var can: String?

    @Option(help: ArgumentHelp("Seconds to wait for a document on the reader.", valueName: "seconds"))
    var wait: Int = 0

    @Flag(help: "Print one JSON object instead of a summary.")
    var json = false

    func validate() throws {
        if !mrzStdin && can == nil { throw ValidationError("give the printed MRZ (--mrz-stdin) or the card access number (--can)") }
        if let can, can.isEmpty || !can.allSatisfy(\.isNumber) { throw ValidationError("--can is the digits printed on the document") }
    }

    func run() async throws {
        let today = IDParseCommand.today()
        let printed = mrzStdin ? MRZParser.parse(lines: MRZNormalizer.lines(from: [UInt8](FileHandle.standardInput.readDataToEndOfFile())), today: today) : nil
        if let printed, !printed.isValid {
            throw CLIError("The MRZ on standard input is not valid: " + printed.errors.map(\.englishMessage).joined(separator: "; "))
        }
        let transport: PCSCReader
        do {
            transport = try await PCSCReader.connect(reader: reader, wait: .seconds(wait))
        } catch let failure as PCSCReader.Failure {
            switch failure.kind {
            case .noService: throw CLIError(ChipError.noPCSCService.description)
            case .noReader: throw CLIError(ChipError.noReader(name: reader ?? "").description)
            default:
                print(json ? Self.json(ChipDocument(failure: .noChip), reader: nil) : "geen chip / no chip")
                throw ExitCode(1)
            }
        }
        let store = CSCAStore(folder: dataOptions.folder.cscaPath)
        let started = ContinuousClock.now
        let document = await ChipCheck.check(transport: transport, printed: printed, can: can, trusted: store.certificates(), today: today)
        let elapsed = ContinuousClock.now - started
        if json {
            print(Self.json(document, reader: transport.name, elapsed: elapsed))
        } else {
            print(Self.summary(document, reader: transport.name, elapsed: elapsed))
        }
        if document.verdict != .genuine { throw ExitCode(1) }
    }

    static func json(_ document: ChipDocument, reader: String?, elapsed: Duration? = nil) -> String {
        var object: [String: Any] = [
            "verdict": document.verdict.rawValue,
            "differences": document.differences.map(\.rawValue),
            "checkedDataGroups": document.checkedDataGroups,
            "signerIssuer": document.signerIssuer ?? NSNull(),
            "signerSerial": document.signerSerial ?? NSNull(),
            // The face is shown at the counter only: here, whether there was one and its format, never its bytes.
            "face": document.face.map { ["format": $0.format.rawValue, "bytes": $0.bytes.count] as [String: Any] } ?? NSNull(),
            "reader": reader ?? NSNull(),
        ]
        switch document.access {
        case .pace(let oid)?: object["access"] = "PACE " + oid.description
        case .bac?: object["access"] = "BAC"
        case nil: object["access"] = NSNull()
        }
        // The chip's MRZ as the parser gives it (no BSN), without the nationality, which is never shown or kept.
        if let mrz = document.mrz, var fields = mrz.jsonObject["fields"] as? [String: Any] {
            fields["nationality"] = nil
            object["chipMRZ"] = fields
        }
        if let elapsed { object["milliseconds"] = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000) }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func summary(_ document: ChipDocument, reader: String, elapsed: Duration) -> String {
        var lines = ["Chip: \(document.verdict.rawValue) (reader \(reader), \(elapsed.formatted(.units(allowed: [.milliseconds]))))"]
        if !document.differences.isEmpty { lines.append("  differs from the printed MRZ in: " + document.differences.map(\.englishName).joined(separator: ", ")) }
        if !document.checkedDataGroups.isEmpty { lines.append("  data groups checked: " + document.checkedDataGroups.map { "DG\($0)" }.joined(separator: ", ")) }
        if let issuer = document.signerIssuer { lines.append("  document signer: \(issuer), serial \(document.signerSerial ?? "?")") }
        if document.face != nil { lines.append("  face image: present (shown at the counter only)") }
        return lines.joined(separator: "\n")
    }
}

/// `id masterlist import FILE`: adds the CSCA certificates of a signed master list.
struct IDMasterListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "masterlist", abstract: "CSCA master lists for the chip check.", subcommands: [IDMasterListImportCommand.self])
}

struct IDMasterListImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a CSCA master list (the Dutch one from npkd.nl, or ICAO's), after checking its own signature.")

    @OptionGroup var dataOptions: DataOptions

    @Argument(help: ArgumentHelp("The master list file (CMS, DER: .ml or .mls).", valueName: "file"))
    var file: String

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("\(file) cannot be read.") }
        do {
            let imported = try CSCAStore(folder: dataOptions.folder.cscaPath).importMasterList([UInt8](data))
            print("Imported \(imported.inList) CSCA certificates (\(imported.added) new), signed by \(imported.signedBy).")
        } catch let error as ChipError {
            throw CLIError(error.description)
        }
    }
}
