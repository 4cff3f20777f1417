import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

@Suite("Hotlist")
struct HotlistTests {
    func write(_ text: String, _ folder: TemporaryFolder, _ name: String = "feed.csv") throws -> String {
        let path = folder.path + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("CSV import: exact hits, loose possible matches, misses; quoting; broken rows skipped by line")
    func csvImport() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let feed = try write(#"""
            Serial,brand,model,object,reportedOn,source
            IMEI356938035643809,Apple,iPhone 13,TELEFOON,2026-10-01,politie
            "GS-7731-B","Gassan","ring, ""goud""",SIERAAD,2026-09-02,politie
            "unclosed,x,y
            ,NoSerial,,,,
            WTU1234,Gazelle,,FIETS,,

            """#, folder)
        let summary = try HotlistImporter.importFeed(feed, into: folder.path + "/hotlist.bin")
        #expect(summary.rows == 3)
        #expect(summary.skipped == 2)
        #expect(summary.skippedExamples == ["line 4: broken quoting", "line 5: no serial"])
        let list = try Hotlist(path: folder.path + "/hotlist.bin")
        guard case .hit(let records)? = list.check(serial: "gs 7731 b") else { Issue.record("expected a hit"); return }
        #expect(records.first?.model == "ring, \"goud\"")
        #expect(records.first?.matchType == "EXACT")
        guard case .possibleMatch(let loose)? = list.check(serial: "GS7731-8") else { Issue.record("expected a possible match"); return }
        #expect(loose.first?.serial == "GS-7731-B")
        #expect(list.check(serial: "WTU1234")?.status == .hit)
        #expect(list.check(serial: "WTU12345") == nil)
        #expect(list.check(serial: "") == nil)
    }

    @Test("JSON Lines import and a missing serial column named")
    func jsonLinesAndMissingColumn() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let jsonl = try write("{\"serial\": \"ABC-1\", \"brand\": \"Bosch\"}\n{\"serial\": 12345}\nnot json\n", folder, "feed.jsonl")
        let summary = try HotlistImporter.importFeed(jsonl, into: folder.path + "/hotlist.bin")
        #expect(summary.rows == 2)
        #expect(summary.skipped == 1)
        #expect(try Hotlist(path: folder.path + "/hotlist.bin").check(serial: "12345")?.status == .hit)
        let bad = try write("brand,model\nApple,X\n", folder, "bad.csv")
        #expect(throws: HotlistImporter.ImportError.missingSerialColumn) {
            try HotlistImporter.importFeed(bad, into: folder.path + "/hotlist.bin")
        }
        // The failed import left the previous list answering.
        #expect(try Hotlist(path: folder.path + "/hotlist.bin").check(serial: "ABC1")?.status == .hit)
    }

    @Test("An interrupted import (killed writer) leaves the previous list intact")
    func interruptedImport() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let hotlist = folder.path + "/hotlist.bin"
        _ = try HotlistImporter.importFeed(try write("serial\nOLD-1\n", folder), into: hotlist)
        // What a crash mid-write leaves behind: a partial temporary file. The live list is untouched.
        try Data("CNTRHL01 partial".utf8).write(to: URL(fileURLWithPath: hotlist + ".importing"))
        #expect(try Hotlist(path: hotlist).check(serial: "OLD-1")?.status == .hit)
        // And a killed `hotlist import` process, for real: start it on a large feed and kill it at once.
        var big = "serial\n"
        for i in 0..<300_000 { big += "BIG-\(i)\n" }
        let feed = try write(big, folder, "big.csv")
        let process = Process()
        process.executableURL = Fixtures.kioskBinary
        process.arguments = ["hotlist", "import", feed, "--data", folder.path]
        process.standardOutput = FileHandle.nullDevice
        try? FileManager.default.createDirectory(atPath: folder.path + "/hotlist", withIntermediateDirectories: true)
        _ = try HotlistImporter.importFeed(try write("serial\nOLD-2\n", folder), into: folder.path + "/hotlist/hotlist.bin")
        try process.run()
        try await Task.sleep(for: .milliseconds(150))
        kill(process.processIdentifier, SIGKILL)
        await process.exited()
        let list = try Hotlist(path: folder.path + "/hotlist/hotlist.bin")
        // Either the old list (killed before the rename) or the whole new one (killed after): never half.
        let old = list.check(serial: "OLD-2")?.status == .hit
        let new = list.rowCount == 300_000 && list.check(serial: "BIG-299999")?.status == .hit
        #expect(old != new)
    }

    @Test("Many blocks: every row is found, and a key repeated across block boundaries returns every row")
    func manyBlocks() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var feed = "serial,brand\n"
        for i in 0..<5_000 { feed += "ROW-\(i),B\(i)\n" }
        for i in 0..<600 { feed += "DUP-1,copy\(i)\n" }
        _ = try HotlistImporter.importFeed(try write(feed, folder), into: folder.path + "/hotlist.bin")
        let list = try Hotlist(path: folder.path + "/hotlist.bin")
        #expect(list.rowCount == 5_600)
        for i in stride(from: 0, to: 5_000, by: 7) {
            #expect(list.exactMatches("ROW\(i)").map(\.brand) == ["B\(i)"])
        }
        #expect(list.exactMatches("DUP1").count == 600)
        #expect(list.exactMatches("ROW5000").isEmpty)
    }

    @Test("Delta updates add and remove keys")
    func delta() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path + "/hotlist.bin"
        _ = try HotlistImporter.importFeed(try write("serial\nA-1\nB-2\nC-3\n", folder), into: path)
        let summary = try HotlistImporter.importFeed(try write("serial,op\nb2,remove\nD-4,add\n", folder, "delta.csv"), into: path, delta: true)
        #expect(summary.added == 1)
        #expect(summary.removed == 1)
        let list = try Hotlist(path: path)
        #expect(list.rowCount == 3)
        #expect(list.check(serial: "B-2") == nil)
        #expect(list.check(serial: "D-4")?.status == .hit)
    }
}
