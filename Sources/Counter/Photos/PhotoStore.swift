import Crypto
import Foundation

/// Item photos, stored once each under the data folder by the SHA-256 of their bytes
/// (`photos/ab/abcdef….jpg`), so a register entry can reference them by hash and a changed file is detected.
public struct PhotoStore: Sendable {
    /// Why a photo cannot be stored or read.
    public enum PhotoError: Error, Sendable, Equatable, CustomStringConvertible {
        case notAnImage
        case tooLarge(bytes: Int)
        case missing(sha256: String)
        case altered(sha256: String)
        case writeFailed(String)

        public var description: String {
            switch self {
            case .notAnImage: "The file is not a JPEG, PNG or WebP photo."
            case .tooLarge(let n): "The photo is too large (\(n / 1_048_576) MB, at most 15 MB)."
            case .missing(let h): "Photo \(h.prefix(12))… is missing from the data folder."
            case .altered(let h): "Photo \(h.prefix(12))… was changed after it was stored."
            case .writeFailed(let s): "The photo could not be stored: \(s)"
            }
        }
    }

    public let folder: String
    static let maxBytes = 15 * 1_048_576

    public init(folder: String) {
        self.folder = folder
    }

    /// Stores a photo (idempotent: the same bytes give the same reference) and returns its reference.
    public func put(_ data: Data) throws(PhotoError) -> PhotoReference {
        guard data.count <= Self.maxBytes else { throw .tooLarge(bytes: data.count) }
        guard let type = Self.mediaType(of: data) else { throw .notAnImage }
        let hash = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        let reference = PhotoReference(sha256: hash, mediaType: type)
        let path = self.path(for: reference)
        if FileManager.default.fileExists(atPath: path) { return reference }
        do {
            try PrivateFiles.folder((path as NSString).deletingLastPathComponent)
            _ = chmod(folder, PrivateFiles.folderMode)
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
            PrivateFiles.file(path)
        } catch {
            throw .writeFailed(error.localizedDescription)
        }
        return reference
    }

    /// The photo's bytes, checked against its hash.
    public func data(for reference: PhotoReference) throws(PhotoError) -> Data {
        guard let data = FileManager.default.contents(atPath: path(for: reference)) else { throw .missing(sha256: reference.sha256) }
        let hash = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        guard hash == reference.sha256 else { throw .altered(sha256: reference.sha256) }
        return data
    }

    /// `folder/ab/abcdef….jpg`.
    public func path(for reference: PhotoReference) -> String {
        let ext = switch reference.mediaType {
        case "image/png": "png"
        case "image/webp": "webp"
        default: "jpg"
        }
        return "\(folder)/\(reference.sha256.prefix(2))/\(reference.sha256).\(ext)"
    }

    /// The media type from the file's first bytes.
    static func mediaType(of data: Data) -> String? {
        let b = [UInt8](data.prefix(12))
        if b.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if b.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if b.count == 12, b.starts(with: Array("RIFF".utf8)), Array(b[8..<12]) == Array("WEBP".utf8) { return "image/webp" }
        return nil
    }
}
