import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// `intake add` registers through the same engine call as the counter: it checks, refuses a hit, and lets
/// only the owner decide, with the PIN on standard input (argv is readable by every user of the machine).
@Suite("intake add through the engine", .serialized)
struct IntakeCommandTests {
    let bin = Fixtures.kioskBinary

    func shop() async throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try Fixtures.setUpShop(in: folder)
        try await runProcess(bin, ["users", "add", "--role", "owner", "--name", "Piet", "--pin", "908172", "--data", folder.path])
        let feed = folder.path + "/feed.csv"
        try "serial,brand\n356938035643809,Apple\n".write(toFile: feed, atomically: true, encoding: .utf8)
        let imported = try await runProcess(bin, ["hotlist", "import", feed, "--data", folder.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        return folder
    }

    @Test("A listed IMEI is refused with exit code 3 and nothing written; the owner registers it only on police instruction")
    func hitNeedsOwner() async throws {
        let folder = try await shop()
        defer { folder.remove() }
        let json = try Fixtures.exampleJSON
        let refused = try await runProcess(bin, ["intake", "add", "--data", folder.path], input: json)
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("HIT") && refused.stderr.contains("Nothing was written"))
        let wrongPIN = try await runProcess(
            bin, ["intake", "add", "--data", folder.path, "--owner", "Piet", "--outcome", "boughtOnPoliceInstruction",
                  "--police-reference", "PL-2026-7", "--reason", "politie vraagt"], input: Data("000000\n".utf8) + json)
        #expect(wrongPIN.status == 1)
        let noReference = try await runProcess(
            bin, ["intake", "add", "--data", folder.path, "--owner", "Piet", "--outcome", "boughtOnPoliceInstruction",
                  "--reason", "politie vraagt"], input: Data("908172\n".utf8) + json)
        #expect(noReference.status == 1)
        #expect(noReference.stderr.contains("police reference"))
        let bought = try await runProcess(
            bin, ["intake", "add", "--data", folder.path, "--owner", "Piet", "--outcome", "boughtOnPoliceInstruction",
                  "--police-reference", "PL-2026-7", "--reason", "politie vraagt"], input: Data("908172\n".utf8) + json)
        #expect(bought.status == 0, "\(bought.stderr)")
        #expect(bought.stdout == "1\n")
        let store = try Fixtures.store(in: folder)
        #expect(try store.itemsOnHold(on: CalendarDate(iso: "2099-01-01")!).map(\.policeFlagOpen) == [true])
        #expect(try store.checks(itemID: "1-1").last?.status == .hit)
    }

    @Test("A clean intake is checked and its check stored; the same --idempotency-key twice is one entry")
    func checkedAndIdempotent() async throws {
        let folder = try await shop()
        defer { folder.remove() }
        var text = String(decoding: try Fixtures.exampleJSON, as: UTF8.self)
        text = text.replacingOccurrences(of: "356938035643809", with: "490154203237518")
        let first = try await runProcess(bin, ["intake", "add", "--data", folder.path, "--idempotency-key", "till-7/42"], input: Data(text.utf8))
        let again = try await runProcess(bin, ["intake", "add", "--data", folder.path, "--idempotency-key", "till-7/42"], input: Data(text.utf8))
        #expect(first.status == 0 && again.status == 0, "\(first.stderr) \(again.stderr)")
        #expect(first.stdout == "1\n" && again.stdout == "1\n")
        let store = try Fixtures.store(in: folder)
        #expect(try store.entryCount() == 1)
        #expect(try store.checks(itemID: "1-1").last?.status == .clear)
    }
}
