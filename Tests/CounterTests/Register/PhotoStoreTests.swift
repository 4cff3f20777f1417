import CounterTesting
import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// Photos are the only large thing anyone at the counter can send. Why these rules: the first release took a
/// 15 MB file with only a JPEG header, again and again, until the disk was full (issue 12, item 8), and a full
/// disk stops the register itself.
@Suite("Photo store")
struct PhotoStoreTests {
    /// A well-formed baseline JPEG (CounterTesting's ``SamplePhoto``).
    static func jpeg(padding: Int = 100) -> Data { SamplePhoto.jpeg(padding: padding) }
    static let jpeg = jpeg()
    static let roomy = PhotoLimits(keepFreeMegabytes: 0)
    let day = CalendarDate(year: 2026, month: 12, day: 2)!

    @Test("Photos are stored once by SHA-256 and read back checked")
    func roundTrip() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = PhotoStore(folder: folder.path + "/photos", limits: Self.roomy)
        let ref = try store.put(Self.jpeg, day: day)
        #expect(ref.mediaType == "image/jpeg")
        #expect(ref.sha256.count == 64)
        #expect(try store.put(Self.jpeg, day: day) == ref)
        #expect(store.path(for: ref).hasSuffix("/photos/\(ref.sha256.prefix(2))/\(ref.sha256).jpg"))
        #expect(try store.data(for: ref) == Self.jpeg)
    }

    @Test("Not an image, a changed file and a missing file are refused clearly")
    func refusals() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = PhotoStore(folder: folder.path, limits: Self.roomy)
        #expect(throws: PhotoStore.PhotoError.notAnImage) { try store.put(Data("<html>".utf8), day: day) }
        let ref = try store.put(Self.jpeg, day: day)
        try Data([0xFF, 0xD8, 0xFF, 0x00]).write(to: URL(fileURLWithPath: store.path(for: ref)))
        #expect(throws: PhotoStore.PhotoError.altered(sha256: ref.sha256)) { try store.data(for: ref) }
        try FileManager.default.removeItem(atPath: store.path(for: ref))
        #expect(throws: PhotoStore.PhotoError.missing(sha256: ref.sha256)) { try store.data(for: ref) }
    }

    @Test("A JPEG header with anything behind it is not a photo; PNG and WebP are judged by structure too")
    func structure() throws {
        let headerOnly = Data([0xFF, 0xD8, 0xFF, 0xE0] + [UInt8](repeating: 0, count: 4096))
        #expect(ImageStructure.mediaType([UInt8](headerOnly)) == nil)
        #expect(ImageStructure.mediaType([UInt8](Self.jpeg)) == "image/jpeg")
        // A frame header of 0 × 0 pixels, or a scan without a frame header.
        var noSize = [UInt8](Self.jpeg)
        noSize[2 + 18 + 5...2 + 18 + 8] = [0, 0, 0, 0]
        #expect(ImageStructure.mediaType(noSize) == nil)
        // PNG: IHDR first, IEND last; anything after IEND is not a PNG.
        let png = Self.png()
        #expect(ImageStructure.mediaType(png) == "image/png")
        #expect(ImageStructure.mediaType(png + [0]) == nil)
        #expect(ImageStructure.mediaType(Array(png.prefix(40))) == nil)
        // WebP: the RIFF size must be the file's.
        var webp = Array("RIFF".utf8) + [12, 0, 0, 0] + Array("WEBPVP8 ".utf8) + [0, 0, 0, 0]
        #expect(ImageStructure.mediaType(webp) == "image/webp")
        webp[4] = 200
        #expect(ImageStructure.mediaType(webp) == nil)
    }

    @Test("A photo over the per-photo limit is refused with the limit in the message, in both languages")
    func perPhoto() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = PhotoStore(folder: folder.path, limits: PhotoLimits(maxMegabytesPerPhoto: 1, keepFreeMegabytes: 0))
        let big = Self.jpeg(padding: 1_048_576)
        #expect(throws: PhotoStore.PhotoError.tooLarge(bytes: big.count, limitMegabytes: 1)) { try store.put(big, day: day) }
        let error = PhotoStore.PhotoError.tooLarge(bytes: big.count, limitMegabytes: 1)
        #expect(error.message(.nl) == "De foto is te groot (2 MB, hooguit 1 MB). Maak een kleinere foto.")
        #expect(error.message(.en).contains("at most 1 MB"))
    }

    @Test("New photos of one day stop at the day's quota, across stores on the same folder; the next day starts again")
    func perDay() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let limits = PhotoLimits(maxMegabytesPerPhoto: 1, maxMegabytesPerDay: 1, keepFreeMegabytes: 0)
        let kiosk = PhotoStore(folder: folder.path, limits: limits)
        let cli = PhotoStore(folder: folder.path, limits: limits)  // `photo add` in another process
        var stored = 0
        var refused: PhotoStore.PhotoError?
        for n in 0..<8 {
            do {
                _ = try (n.isMultiple(of: 2) ? kiosk : cli).put(Self.jpeg(padding: 300_000 + n), day: day)
                stored += 1
            } catch {
                refused = error
                break
            }
        }
        #expect(stored == 3)  // 3 × 300 kB fit in 1 MB, the fourth does not
        #expect(refused == .dailyQuotaReached(limitMegabytes: 1))
        // Nothing was written for the refused photo.
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".jpg") }
        #expect(files.count == 3)
        // A photo already stored costs nothing again; the next day has its own quota.
        _ = try kiosk.put(Self.jpeg(padding: 300_000), day: day)
        _ = try kiosk.put(Self.jpeg(padding: 300_009), day: CalendarDate(year: 2026, month: 12, day: 3)!)
    }

    @Test("No photo is stored when the disk would keep less free space than the register needs")
    func diskReserve() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = PhotoStore(folder: folder.path, limits: PhotoLimits(keepFreeMegabytes: 1_000_000))
        #expect {
            try store.put(Self.jpeg, day: day)
        } throws: { error in
            guard case PhotoStore.PhotoError.diskAlmostFull = error else { return false }
            return true
        }
    }

    @Test("An item with more photos than photos.maxPerItem is refused at registration, naming the item")
    func perItem() throws {
        var intake = Fixtures.intake()
        let reference = PhotoReference(sha256: String(repeating: "a", count: 64), mediaType: "image/jpeg")
        intake.items[0].photos = Array(repeating: reference, count: 3)
        let validator = IntakeValidator(requirePhotoWithoutSerial: true, maximumPhotosPerItem: 2)
        #expect(throws: IntakeError.tooManyPhotos("items[0].photos", limit: 2)) {
            try validator.validate(intake, today: CalendarDate(Fixtures.tuesday))
        }
        intake.items[0].photos.removeLast()
        try validator.validate(intake, today: CalendarDate(Fixtures.tuesday))
    }

    @Test("Photo limits have bounds, and an unknown photos key names the closest one")
    func configuration() throws {
        let config = try ConfigurationLoader.decode(Data(#"{"photos": {"maxPerItem": 3}}"#.utf8), file: "config.json")
        #expect(config.photos.maxPerItem == 3)
        #expect(config.photos.maxMegabytesPerDay == 500)
        #expect(IntakeValidator(configuration: config).maximumPhotosPerItem == 3)
        #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.decode(Data(#"{"photos": {"maxPerItem": 0}}"#.utf8), file: "config.json")
        }
        do {
            _ = try ConfigurationLoader.decode(Data(#"{"photos": {"maxMegabytesPerDai": 10}}"#.utf8), file: "config.json")
            Issue.record("an unknown key was accepted")
        } catch {
            #expect(error.description.contains("maxMegabytesPerDay"), "\(error.description)")
        }
    }

    static func png() -> [UInt8] {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let n = data.count
            return [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + Array(type.utf8) + data + [0, 0, 0, 0]
        }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", [0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0])
            + chunk("IDAT", [1, 2, 3]) + chunk("IEND", [])
    }
}
