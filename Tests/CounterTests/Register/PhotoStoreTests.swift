import Foundation
import Testing
@testable import Counter

@Suite("Photo store")
struct PhotoStoreTests {
    static let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0] + Array(repeating: 7, count: 100))

    @Test("Photos are stored once by SHA-256 and read back checked")
    func roundTrip() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = PhotoStore(folder: folder.path + "/photos")
        let ref = try store.put(Self.jpeg)
        #expect(ref.mediaType == "image/jpeg")
        #expect(ref.sha256.count == 64)
        #expect(try store.put(Self.jpeg) == ref)
        #expect(store.path(for: ref).hasSuffix("/photos/\(ref.sha256.prefix(2))/\(ref.sha256).jpg"))
        #expect(try store.data(for: ref) == Self.jpeg)
    }

    @Test("Not an image, a changed file and a missing file are refused clearly")
    func refusals() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = PhotoStore(folder: folder.path)
        #expect(throws: PhotoStore.PhotoError.notAnImage) { try store.put(Data("<html>".utf8)) }
        let ref = try store.put(Self.jpeg)
        try Data([0xFF, 0xD8, 0xFF, 0x00]).write(to: URL(fileURLWithPath: store.path(for: ref)))
        #expect(throws: PhotoStore.PhotoError.altered(sha256: ref.sha256)) { try store.data(for: ref) }
        try FileManager.default.removeItem(atPath: store.path(for: ref))
        #expect(throws: PhotoStore.PhotoError.missing(sha256: ref.sha256)) { try store.data(for: ref) }
    }
}
