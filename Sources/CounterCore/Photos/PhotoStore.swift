import Crypto
import Foundation
import NIOPosix

/// Item photos, stored once each under the data folder by the SHA-256 of their bytes
/// (`photos/ab/abcdef….jpg`), so a register entry can reference them by hash and a changed file is detected.
package struct PhotoStore: Sendable {
    /// Why a photo cannot be stored or read.
    package enum PhotoError: Error, Sendable, Equatable, CustomStringConvertible {
        case notAnImage
        case tooLarge(bytes: Int, limitMegabytes: Int)
        case dailyQuotaReached(limitMegabytes: Int)
        case diskAlmostFull(freeMegabytes: Int)
        case missing(sha256: String)
        case altered(sha256: String)
        case writeFailed(String)

        package var description: String { message(.en) }

        /// The catalog's code for this error.
        package var code: CounterMessages.Code {
            switch self {
            case .notAnImage: .photoNotAnImage
            case .tooLarge: .photoTooLarge
            case .dailyQuotaReached: .photoDailyQuota
            case .diskAlmostFull: .photoDiskFull
            case .missing, .altered: .photoUnreadable
            case .writeFailed: .photoWriteFailed
            }
        }

        /// The words for the clerk, from the message catalog.
        package func message(_ language: CounterMessages.Language) -> String {
            let parameters: [String: String] = switch self {
            case .tooLarge(let bytes, let limit): ["megabytes": String((bytes + 1_048_575) / 1_048_576), "limit": String(limit)]
            case .dailyQuotaReached(let limit): ["limit": String(limit)]
            case .diskAlmostFull(let free): ["free": String(free)]
            case .missing(let h), .altered(let h): ["photo": String(h.prefix(12))]
            case .writeFailed(let detail): ["detail": detail]
            case .notAnImage: [:]
            }
            return CounterMessages.text(code, language, parameters)
        }
    }

    package let folder: String
    package let limits: PhotoLimits

    package init(folder: String, limits: PhotoLimits = PhotoLimits()) {
        self.folder = folder
        self.limits = limits
    }

    /// Stores a photo (idempotent: the same bytes give the same reference) and returns its reference.
    ///
    /// The rule, once for the kiosk and the CLI: a well-formed JPEG, PNG or WebP (`ImageStructure`), at most
    /// ``PhotoLimits/maxMegabytesPerPhoto``; new photos of one shop day together at most
    /// ``PhotoLimits/maxMegabytesPerDay``; and never when the disk would keep less than
    /// ``PhotoLimits/keepFreeMegabytes`` free for the register.
    ///
    /// - Parameters:
    ///   - data: the photo's bytes.
    ///   - day: the shop day the photo counts against (the engine's clock).
    package func put(_ data: Data, day: CalendarDate) throws(PhotoError) -> PhotoReference {
        let reference = try Self.inspect(data, limits: limits)
        let path = self.path(for: reference)
        if FileManager.default.fileExists(atPath: path) { return reference }
        do {
            try PrivateFiles.folder(folder)
        } catch {
            throw .writeFailed(String(describing: error))
        }
        if let free = Self.freeBytes(at: folder), free - data.count < limits.keepFreeMegabytes * 1_048_576 {
            throw .diskAlmostFull(freeMegabytes: max(0, free / 1_048_576))
        }
        try PhotoUsage(path: folder + "/usage").add(data.count, day: day, limit: limits.maxBytesPerDay) { () throws(PhotoError) in
            do {
                try PrivateFiles.folder((path as NSString).deletingLastPathComponent)
                try data.write(to: URL(fileURLWithPath: path), options: .atomic)
                PrivateFiles.file(path)
            } catch {
                throw .writeFailed(error.localizedDescription)
            }
        }
        return reference
    }

    /// Whether `data` may be an item photo (a well-formed JPEG, PNG or WebP, `ImageStructure`, of at most
    /// ``PhotoLimits/maxMegabytesPerPhoto``), and its reference: the rule of every ``PhotoArchive``.
    package static func inspect(_ data: Data, limits: PhotoLimits) throws(PhotoError) -> PhotoReference {
        guard data.count <= limits.maxBytesPerPhoto else {
            throw .tooLarge(bytes: data.count, limitMegabytes: limits.maxMegabytesPerPhoto)
        }
        guard let type = ImageStructure.mediaType([UInt8](data)) else { throw .notAnImage }
        return PhotoReference(sha256: Hex.string(SHA256.hash(data: data)), mediaType: type)
    }

    /// Whether `data` are the bytes `reference` names.
    static func check(_ data: Data, against reference: PhotoReference) throws(PhotoError) {
        guard Hex.string(SHA256.hash(data: data)) == reference.sha256 else { throw .altered(sha256: reference.sha256) }
    }

    /// ``put(_:day:)`` on a thread of NIO's blocking pool: a 15 MB photo is read, hashed and written without
    /// holding up the cooperative pool (scans, other requests).
    package func putOffPool(_ data: Data, day: CalendarDate) async throws(PhotoError) -> PhotoReference {
        do {
            return try await NIOThreadPool.singleton.runIfActive { () throws(PhotoError) -> PhotoReference in
                try self.put(data, day: day)
            }
        } catch let error as PhotoError {
            throw error
        } catch {
            throw .writeFailed(String(describing: error))
        }
    }

    /// Bytes free for an unprivileged writer on the file system of `path`.
    static func freeBytes(at path: String) -> Int? {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return nil }
        return Int(info.f_bavail) * Int(info.f_frsize)
    }

    /// The photo's bytes, checked against its hash.
    package func data(for reference: PhotoReference) throws(PhotoError) -> Data {
        guard let data = FileManager.default.contents(atPath: path(for: reference)) else { throw .missing(sha256: reference.sha256) }
        try Self.check(data, against: reference)
        return data
    }

    /// `folder/ab/abcdef….jpg`.
    package func path(for reference: PhotoReference) -> String {
        let ext = switch reference.mediaType {
        case "image/png": "png"
        case "image/webp": "webp"
        default: "jpg"
        }
        return "\(folder)/\(reference.sha256.prefix(2))/\(reference.sha256).\(ext)"
    }
}
