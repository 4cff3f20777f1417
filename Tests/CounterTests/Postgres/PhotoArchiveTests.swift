import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// Item photos where the register is (issue 15: photos are part of what the storage covers): the data folder on
/// SQLite, the branch's database on PostgreSQL, by one rule.
@Suite("Item photos, in the data folder and in the branch's database")
struct PhotoArchiveTests {
    enum Backend: String, CaseIterable, Sendable { case folder, postgres }

    static let limits = PhotoLimits(maxMegabytesPerPhoto: 1, maxMegabytesPerDay: 1)

    func withArchives(_ backend: Backend,
                      _ body: @escaping @Sendable (any PhotoArchive, any PhotoArchive) async throws -> Void) async throws {
        switch backend {
        case .folder:
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            // Two stores on one folder: the kiosk and `photo add` beside it.
            try await body(PhotoStore(folder: folder.path + "/photos", limits: Self.limits),
                           PhotoStore(folder: folder.path + "/photos", limits: Self.limits))
        case .postgres:
            try await PostgresCluster.withClient { client, _ in
                let store = try await PostgresFixtures.store(client)
                // Two tills of the branch.
                let till = { PostgresPhotoArchive(client: client, branchID: store.branchID, limits: Self.limits,
                                                  logger: PostgresFixtures.logger) }
                try await body(till(), till())
            }
        }
    }

    @Test("Stored once by SHA-256, read back checked at another till; not an image, over the day's quota, unknown: refused",
          arguments: Backend.allCases)
    func archive(backend: Backend) async throws {
        try await withArchives(backend) { one, other in
            let day = CalendarDate(iso: "2026-12-07")!
            let png = Data(PhotoStoreTests.png())
            let reference = try await one.store(png, day: day)
            #expect(reference.mediaType == "image/png" && reference.sha256.count == 64)
            #expect(try await other.store(png, day: day) == reference)
            #expect(try await other.photo(reference) == png)
            // Asked for as another type, it is not that photo (the page asks for each type in turn).
            let asJPEG = PhotoReference(sha256: reference.sha256, mediaType: "image/jpeg")
            await #expect(throws: PhotoStore.PhotoError.missing(sha256: reference.sha256)) { try await other.photo(asJPEG) }
            await #expect(throws: PhotoStore.PhotoError.notAnImage) { try await one.store(Data("not a photo".utf8), day: day) }
            let unknown = PhotoReference(sha256: String(repeating: "a", count: 64), mediaType: "image/png")
            await #expect(throws: PhotoStore.PhotoError.missing(sha256: unknown.sha256)) { try await other.photo(unknown) }
            // The day's quota is the branch's (the folder's): 1 MB, whichever till stores. A photo just under the
            // limit passes at one till; the next at the other does not; the next day starts again.
            let first = try await one.store(Self.png(bytes: 1_048_576 - png.count - 200), day: day)
            #expect(first != reference)
            await #expect(throws: PhotoStore.PhotoError.dailyQuotaReached(limitMegabytes: 1)) {
                try await other.store(Self.png(bytes: 400), day: day)
            }
            #expect(try await other.store(Self.png(bytes: 400), day: CalendarDate(iso: "2026-12-08")!).sha256.count == 64)
        }
    }

    /// A well-formed PNG whose image data is `bytes` long.
    static func png(bytes: Int) -> Data {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let n = data.count
            return [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + Array(type.utf8) + data + [0, 0, 0, 0]
        }
        return Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", [0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0])
                    + chunk("IDAT", [UInt8](repeating: 7, count: bytes)) + chunk("IEND", []))
    }
}
