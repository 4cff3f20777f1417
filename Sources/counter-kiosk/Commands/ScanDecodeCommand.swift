import ArgumentParser
import Counter
import Foundation

/// `scan`: barcodes and serial numbers.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan", abstract: "Interpret barcode scans.", subcommands: [ScanDecodeCommand.self])
}

/// `scan decode`: one raw scan on standard input → what it is and its matching keys.
struct ScanDecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Interpret one raw scan from standard input (bytes as the scanner sent them, AIM prefix included).")

    @Flag(help: "Print one JSON object.")
    var json = false

    @Option(help: ArgumentHelp("A character the scanner sends instead of GS (e.g. '|').", valueName: "c"))
    var separator: String?

    func validate() throws {
        if let separator, separator.utf8.count != 1 { throw ValidationError("--separator takes one ASCII character") }
    }

    func run() throws {
        var bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        // The scanner's suffix (CR, LF, TAB) is the device layer's, not part of the scan.
        while let last = bytes.last, last == 0x0D || last == 0x0A || last == 0x09 { bytes.removeLast() }
        let scan = ScanInterpreter(separatorSubstitute: separator?.utf8.first).decode(bytes)
        if json {
            FileHandle.standardOutput.write(scan.jsonData() + Data("\n".utf8))
        } else {
            print("kind: \(scan.kind.rawValue)")
            if let s = scan.symbology { print("symbology: \(s)") }
            if let g = scan.gtin { print("GTIN: \(g)") }
            if let i = scan.imei { print("IMEI: \(i)") }
            for (ai, value) in (scan.ais ?? [:]).sorted(by: { $0.key < $1.key }) { print("(\(ai)) \(value)") }
            if let k = scan.serialKeyExact { print("key exact: \(k)  loose: \(scan.serialKeyLoose ?? "")") }
            for w in scan.warnings { print("warning: \(w.message)") }
        }
    }
}
