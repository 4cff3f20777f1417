import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// Issue 12 (10): `register.sqlite` was created 0644 when the data folder already existed. The shop's data
/// holds personal data: files 0600, folders 0700, however the folder came to be.
@Suite("Private files and folders")
struct PrivateFilesTests {
    func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
    }

    @Test("A folder made by hand (0755, with a 0644 register in it) becomes 0700, every file 0600")
    func existingFolder() throws {
        let parent = try TemporaryFolder()
        defer { parent.remove() }
        let path = parent.path + "/shop"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let data = DataFolder(path: path)
        try Fixtures.setUpShop(at: path)
        let (_, store) = try data.openRegister()
        _ = try store.append(Fixtures.intake(), at: Fixtures.tuesday)
        let photo = try PhotoStore(folder: data.photosPath, limits: PhotoStoreTests.roomy).put(PhotoStoreTests.jpeg, day: CalendarDate(Fixtures.tuesday))
        let feed = parent.path + "/feed.csv"
        try "serial\nA-1\n".write(toFile: feed, atomically: true, encoding: .utf8)
        _ = try HotlistImporter.importFeed(feed, into: data.hotlistPath + "/hotlist.bin")
        #expect(mode(path) == 0o700)
        for folder in [data.photosPath, data.hotlistPath] { #expect(mode(folder) == 0o700, "\(folder)") }
        for file in [data.registerPath, data.registerPath + "-wal", data.registerPath + "-shm", path + "/seller-key.secret",
                     data.hotlistPath + "/hotlist.bin", PhotoStore(folder: data.photosPath).path(for: photo),
                     data.photosPath + "/usage"] {
            #expect(mode(file) == 0o600, "\(file)")
        }

        // An older release's 0644 file in a 0755 folder is made private when the folder is opened again.
        chmod(path, 0o755)
        chmod(data.registerPath, 0o644)
        _ = try data.openRegister()
        #expect(mode(path) == 0o700 && mode(data.registerPath) == 0o600)
    }
}
