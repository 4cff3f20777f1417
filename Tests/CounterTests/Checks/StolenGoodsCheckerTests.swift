import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// A stand-in for the remote service.
struct FakeService: StolenGoodsService {
    var sourceName = "stopheling"
    var answer: Result<[StolenRecord], NotCheckedReason>
    func search(serial: String, brand: String?) async throws(NotCheckedReason) -> [StolenRecord] {
        switch answer {
        case .success(let r): return r
        case .failure(let e): throw e
        }
    }
}

@Suite("Stolen-goods checker")
struct StolenGoodsCheckerTests {
    func hotlist(_ folder: TemporaryFolder) throws -> Hotlist {
        let feed = folder.path + "/f.csv"
        try "serial,brand\nHOT-1,Apple\n".write(toFile: feed, atomically: true, encoding: .utf8)
        _ = try HotlistImporter.importFeed(feed, into: folder.path + "/hotlist.bin")
        return try Hotlist(path: folder.path + "/hotlist.bin")
    }

    @Test("A remote failure turns a hotlist miss into notChecked, never clear")
    func remoteFailure() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for reason in [NotCheckedReason.timeout, .offline, .serviceError("HTTP 500"), .missingCredentials] {
            let checker = StolenGoodsChecker(hotlist: try hotlist(folder), remote: FakeService(answer: .failure(reason)))
            #expect(await checker.check(serial: "MISS-1") == .notChecked(reason))
            #expect(await checker.check(serial: "HOT-1").status == .hit)  // a hotlist hit stays a hit
        }
    }

    @Test("Without a remote, a hotlist miss is clear with the list's date; without a list it is notChecked")
    func hotlistOnly() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let list = try hotlist(folder)
        #expect(await StolenGoodsChecker(hotlist: list, remote: nil).check(serial: "MISS") == .clear(sources: [list.sourceName]))
        #expect(await StolenGoodsChecker(hotlist: nil, remote: nil).check(serial: "MISS") == .notChecked(.noHotlist))
        #expect(StolenGoodsChecker(hotlist: list, remote: FakeService(answer: .success([]))).quickCheck(serial: "MISS") == .notChecked(.awaitingRemote))
    }

    @Test("The remote upgrades: exact → hit, partial → possible match, nothing → clear from both sources")
    func remoteUpgrades() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let list = try hotlist(folder)
        let exact = StolenRecord(serial: "rem-1", brand: "Bosch", matchType: "HIT")
        let partial = StolenRecord(serial: "REM-10", matchType: "PARTIAL HIT")
        #expect(await StolenGoodsChecker(hotlist: list, remote: FakeService(answer: .success([exact]))).check(serial: "REM-1").status == .hit)
        #expect(await StolenGoodsChecker(hotlist: list, remote: FakeService(answer: .success([partial]))).check(serial: "REM-1").status == .possibleMatch)
        #expect(await StolenGoodsChecker(hotlist: list, remote: FakeService(answer: .success([]))).check(serial: "REM-1")
                == .clear(sources: [list.sourceName, "stopheling"]))
    }

    @Test("Late hits: a new list entry for an item on hold raises one owner alert and is recorded")
    func lateHits() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        let entry = try store.append(Fixtures.intake(serial: "LATE-9"), at: Fixtures.tuesday)
        let feed = folder.path + "/f.csv"
        try "serial\nLATE-9\n".write(toFile: feed, atomically: true, encoding: .utf8)
        _ = try HotlistImporter.importFeed(feed, into: folder.path + "/hotlist.bin")
        let checker = StolenGoodsChecker(hotlist: try Hotlist(path: folder.path + "/hotlist.bin"), remote: nil)
        #expect(try await LateHits.scan(store: store, checker: checker, now: Fixtures.tuesday) == 1)
        #expect(try await LateHits.scan(store: store, checker: checker, now: Fixtures.tuesday) == 0)  // not twice
        #expect(try store.alerts().map(\.itemID) == [entry.itemID(0)])
        #expect(try store.checks(itemID: entry.itemID(0)).last?.status == .hit)
        // After the hold has ended the item is no longer re-checked.
        #expect(try await LateHits.scan(store: store, checker: checker, now: Fixtures.tuesday.addingTimeInterval(30 * 86_400)) == 0)
    }
}

@Suite("Stop Heling signature")
struct StopHelingSignatureTests {
    @Test("HMAC-MD5 matches Python's hmac module computed during the test, with the Amsterdam date")
    func againstPython() async throws {
        // 23:30 UTC on 21 November 2026 is already 22 November in Amsterdam: the date in the message is 20261122.
        let date = Date(timeIntervalSince1970: 1_795_303_800)
        let ours = StopHelingClient.signature(term: "WTU123456", date: date, applicationID: "APP-42", apiKey: "s3cret")
        let script = "import hmac,hashlib;print(hmac.new(b's3cret', b'WTU123456' + b'20261122' + b'APP-42', hashlib.md5).hexdigest().upper())"
        let python = try await runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script])
        #expect(python.status == 0)
        #expect(ours == python.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(ours.count == 32 && ours == ours.uppercased())
        // The same instant read as a UTC date would sign "20261121": a different signature.
        let utcScript = "import hmac,hashlib;print(hmac.new(b's3cret', b'WTU123456' + b'20261121' + b'APP-42', hashlib.md5).hexdigest().upper())"
        #expect(ours != (try await runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", utcScript])).stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test("The URL carries the signature, never the key")
    func url() async {
        let client = StopHelingClient(baseURL: "https://example.invalid/api/", applicationID: "APP-42", apiKey: "s3cret")
        let url = await client.requestURL(term: "AB 12", brand: "Gazelle", at: Date(timeIntervalSince1970: 1_795_303_800))
        #expect(url.hasPrefix("https://example.invalid/api/GetSearchItems?ApplicationID=APP-42&SearchTerm=AB%2012&SearchMerk=Gazelle&Hmac="))
        #expect(!url.contains("s3cret"))
        #expect(!client.description.contains("s3cret"))
    }

    @Test("Answers: an array of records, or an object meaning an error")
    func parse() throws {
        let records = try StopHelingClient.parse(Data(#"[{"Merk":"Gazelle","Object":"FIETS","MatchType":"PARTIAL HIT","Uniek_nummer":"WTU1"}]"#.utf8))
        #expect(records == [StolenRecord(serial: "WTU1", brand: "Gazelle", object: "FIETS", source: "stopheling", matchType: "PARTIAL HIT")])
        #expect(throws: NotCheckedReason.serviceError("Invalid HMAC")) { try StopHelingClient.parse(Data(#"{"Message":"Invalid HMAC"}"#.utf8)) }
    }
}
