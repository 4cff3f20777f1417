import Foundation
import IDScan
@testable import CounterCore
@testable import CounterDevices

/// The emulated passport of Tests/chip (a Python card on vsmartcard's vpcd, loaded by a pcscd that
/// scripts/test-chip.sh starts): one scenario at a time on the one virtual reader.
struct EmulatedPassport {
    static var requested: Bool { ProcessInfo.processInfo.environment["COUNTER_CHIP_TESTS"] == "1" }
    static var documents: String { ProcessInfo.processInfo.environment["COUNTER_CHIP_DOCUMENTS"] ?? "" }
    static var port: String { ProcessInfo.processInfo.environment["COUNTER_CHIP_PORT"] ?? "35963" }
    static var python: String { ProcessInfo.processInfo.environment["COUNTER_CHIP_PYTHON"] ?? "/usr/bin/python3" }
    static let script = Fixtures.repositoryRoot.appendingPathComponent("Tests/chip/passport_card.py")

    let process: Process
    let scenario: String

    /// The scenario's document (its printed MRZ and files).
    var document: [String: Any] {
        let data = FileManager.default.contents(atPath: Self.documents + "/\(scenario).json") ?? Data()
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    var printedMRZ: String { (document["printedMRZ"] as? [String] ?? []).joined(separator: "\n") }

    /// Lays the scenario's card on the reader.
    static func insert(_ scenario: String) throws -> EmulatedPassport {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script.path, "--port", port, "--once", documents + "/\(scenario).json"]
        process.currentDirectoryURL = script.deletingLastPathComponent()
        // The card's own words (and a Python traceback, if any) go where a failing test run can show them.
        FileManager.default.createFile(atPath: documents + "/card.log", contents: nil)
        let log = FileHandle(forWritingAtPath: documents + "/card.log")
        log?.seekToEndOfFile()
        process.standardOutput = log ?? FileHandle.nullDevice
        process.standardError = log ?? FileHandle.nullDevice
        try process.run()
        return EmulatedPassport(process: process, scenario: scenario)
    }

    /// Takes the card off the reader: the card program is killed, its vpcd connection closes, pcscd sees the
    /// card go. (Foundation's waitUntilExit spins on Linux; the exit is polled instead.)
    func remove() async {
        kill(process.processIdentifier, SIGKILL)
        for _ in 0..<100 where process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        // Until pcscd has seen the card go, the reader still shows the old one; the next card must not meet it.
        for _ in 0..<100 {
            do {
                await (try await PCSCReader.connect(wait: .zero)).disconnect()
            } catch let failure as PCSCReader.Failure where failure.kind == .noCard {
                // vpcd takes a new card only once it has closed the old one's socket, a moment later.
                try? await Task.sleep(for: .milliseconds(500))
                return
            } catch {}
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Lays the card on, connects through PC/SC (waiting for the card), runs `body`, takes it off.
    static func with<T>(_ scenario: String, _ body: (PCSCReader, EmulatedPassport) async throws -> T) async throws -> T {
        let card = try insert(scenario)
        do {
            let reader = try await PCSCReader.connect(wait: .seconds(10))
            let result = try await body(reader, card)
            await reader.disconnect()
            await card.remove()
            return result
        } catch {
            await card.remove()
            throw error
        }
    }

    static func masterList(_ name: String = "masterlist.der") throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: documents + "/" + name) else {
            throw CocoaError(.fileNoSuchFile)
        }
        return [UInt8](data)
    }
}
