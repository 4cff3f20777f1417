import Foundation
import Hummingbird

/// The UI's files (HTML, CSS, JavaScript), decoded once from ``EmbeddedAssets`` and served from memory.
struct AssetCatalog: Sendable {
    struct Asset: Sendable {
        var contentType: String
        var body: ByteBuffer
        /// Strong validator: the SHA-256 the generator computed.
        var etag: String
    }

    let assets: [String: Asset]

    init() {
        var assets: [String: Asset] = [:]
        for (name, entry) in EmbeddedAssets.files {
            // The generator wrote valid base64; a failure here would be a broken build, caught by the UI tests.
            let data = Data(base64Encoded: entry.base64) ?? Data()
            assets[name] = Asset(contentType: entry.contentType, body: ByteBuffer(bytes: data), etag: "\"\(entry.sha256.prefix(32))\"")
        }
        self.assets = assets
    }

    subscript(name: String) -> Asset? { assets[name] }
}
