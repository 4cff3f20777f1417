import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// A list made elsewhere (the branch's list on PostgreSQL) put in a till's data folder (issue 15).
@Suite("Taking a list made elsewhere")
struct HotlistInstallTests {
    /// The bytes of a list of `serials` made at `date`.
    static func list(_ serials: [String], madeAt date: Date, in folder: TemporaryFolder) throws -> Data {
        let feed = folder.path + "/feed-\(UUID().uuidString).csv"
        try ("serial,brand\n" + serials.map { "\($0),Apple\n" }.joined()).write(toFile: feed, atomically: true, encoding: .utf8)
        let path = folder.path + "/made-\(UUID().uuidString).bin"
        _ = try HotlistImporter.importFeed(feed, into: path, now: date)
        return try #require(FileManager.default.contents(atPath: path))
    }

    @Test("A newer list is put in place whole; the same again is no change; an older list or other bytes are refused and the list stays")
    func install() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let source = HotlistSource(path: folder.path + "/hotlist/hotlist.bin")
        let monday = Fixtures.tuesday.addingTimeInterval(-86_400)
        let first = try Self.list(["HOT-1"], madeAt: Fixtures.tuesday, in: folder)
        #expect(try source.install(first))
        #expect(source.current()?.rowCount == 1)
        #expect(try source.install(first) == false)
        // A stale or planted copy in the database must not take a newer list's place at every till.
        let older = try Self.list(["ANY-1"], madeAt: monday, in: folder)
        #expect(throws: HotlistSource.InstallRefusal.older(than: Fixtures.tuesday)) { try source.install(older) }
        #expect(throws: HotlistSource.InstallRefusal.unreadable) { try source.install(Data("serial\nHOT-1\n".utf8)) }
        #expect(source.current()?.rowCount == 1)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/hotlist/hotlist.bin.incoming"))
        let newer = try Self.list(["HOT-1", "HOT-2"], madeAt: Fixtures.tuesday.addingTimeInterval(3_600), in: folder)
        #expect(try source.install(newer))
        #expect(source.current()?.rowCount == 2)
    }
}
